"""Give the role groups their self-assessment permissions.

Editors and the Team Manager maintain the framework; only the Team Manager publishes a version
(as with pages) and may mark any school's feedback report as sent. Workers mark reports sent for
their own clusters' schools through their assignment, not a permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MAINTAIN = [
    "add_frameworkversion",
    "change_frameworkversion",
    "delete_frameworkversion",
    "view_frameworkversion",
]
GRANTS = {
    "Editor": MAINTAIN,
    "Team Manager": [*MAINTAIN, "publish_frameworkversion", "view_assessment", "send_feedback_report"],
}


def grant(apps, schema_editor):
    """Create this app's permissions now (they are otherwise made after migrating) and grant them."""
    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="assessments", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="assessments", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_default_framework"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
