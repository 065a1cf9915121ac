"""Give the role groups their risk register permissions.

The steering group owns the register and the Team Manager keeps it with them: both add and change
entries. Public Health reads it. No one else sees it, and no one deletes an entry: it is closed instead.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

KEEP = ["add_risk", "change_risk", "view_risk"]
GRANTS = {
    "Steering group member": KEEP,
    "Team Manager": KEEP,
    "Public Health analyst": ["view_risk"],
}


def grant(apps, schema_editor):
    """Create this app's permissions now (they are otherwise made after migrating) and grant them."""
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="reports", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="reports", codename__in=GRANTS[group.name])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
