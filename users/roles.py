"""The service's roles (DESIGN.md §2) as Django groups, and the permissions each holds.

School roles (Mental Health Lead, head teacher, staff) are memberships of one school, not
groups: they never reach the Wagtail admin.
"""


class Role:
    EDITOR = "Editor"
    TEAM_MANAGER = "Team Manager"
    SENIOR_WORKER = "Senior Wellbeing Worker"
    WORKER = "Wellbeing Worker"
    ADMINISTRATOR = "Administrator"
    STEERING_GROUP = "Steering group member"
    PUBLIC_HEALTH = "Public Health analyst"

    ALL = (EDITOR, TEAM_MANAGER, SENIOR_WORKER, WORKER, ADMINISTRATOR, STEERING_GROUP, PUBLIC_HEALTH)
    WORKERS = (SENIOR_WORKER, WORKER)
