"""Each role group holds exactly the permissions it needs."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow

import pytest

from users.roles import Role

pytestmark = pytest.mark.django_db


def _page_permissions(role):
    return set(
        GroupPagePermission.objects.filter(group__name=role).values_list("permission__codename", flat=True)
    )


def test_every_role_has_a_group_and_wagtails_starter_groups_are_gone():
    assert set(Group.objects.values_list("name", flat=True)) == set(Role.ALL)


def test_editors_edit_pages_but_only_the_team_manager_publishes():
    assert _page_permissions(Role.EDITOR) == {"add_page", "change_page"}
    assert {"publish_page", "unlock_page"} <= _page_permissions(Role.TEAM_MANAGER)
    for role in set(Role.ALL) - {Role.EDITOR, Role.TEAM_MANAGER}:
        assert _page_permissions(role) == set(), role


def test_page_moderation_goes_to_the_team_manager():
    workflow = Workflow.objects.get(workflow_pages__page__depth=1)
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert list(task.groups.values_list("name", flat=True)) == [Role.TEAM_MANAGER]


@pytest.mark.parametrize(
    ("role", "sees_all", "edits_registry"),
    [
        (Role.TEAM_MANAGER, True, True),
        (Role.ADMINISTRATOR, True, True),
        (Role.STEERING_GROUP, True, False),
        (Role.PUBLIC_HEALTH, True, False),
        (Role.SENIOR_WORKER, False, False),
        (Role.WORKER, False, False),
        (Role.EDITOR, False, False),
    ],
)
def test_registry_permissions_by_role(role_user, role, sees_all, edits_registry):
    user = role_user(role)
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("schools.view_all_schools") is sees_all
    assert user.has_perm("schools.change_school") is edits_registry
    assert user.has_perm("schools.add_membership") is edits_registry
    assert not user.has_perm("schools.delete_school")


@pytest.mark.django_db
def test_public_health_can_read_but_change_nothing():
    """Every permission the Public Health role holds is a view permission (or the admin's front door)."""
    from django.contrib.auth.models import Group

    held = Group.objects.get(name="Public Health analyst").permissions.values_list("codename", flat=True)
    reading = {"access_admin", "view_all_schools", "view_kpi_dashboard"}
    assert held, "Public Health has the read-only views it needs"
    assert sorted(code for code in held if not code.startswith("view_") and code not in reading) == []
    assert {"view_kpi_dashboard", "view_award", "view_risk"} <= set(held)
