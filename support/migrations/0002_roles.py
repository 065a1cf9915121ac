"""Give the role groups their support-log permissions.

Workers and the Team Manager record support (only to the schools they may see: that is checked by
the admin's queryset, not a permission); the Team Manager may also delete a record made in error.
The steering group, Public Health and the Administrator read the log and export it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORD = ["add_supportrecord", "change_supportrecord", "view_supportrecord"]
GRANTS = {
    "Wellbeing Worker": RECORD,
    "Senior Wellbeing Worker": RECORD,
    "Team Manager": [*RECORD, "delete_supportrecord"],
    "Administrator": ["view_supportrecord"],
    "Steering group member": ["view_supportrecord"],
    "Public Health analyst": ["view_supportrecord"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="support", codename__in=codenames)


def grant(apps, schema_editor):
    """Create this app's permissions now (they are otherwise made after migrating) and grant them."""
    app_config = apps.get_app_config("support")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
