"""Give the role groups their Brighter Futures Survey permissions.

The Team Manager and the Administrator import results; the Team Manager also maintains the indicators'
wording and topics. Everyone else with a role reads results in the admin, scoped to the schools they see.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ["view_surveyresult", "view_indicator"]
IMPORT = [*READ, "import_surveyresult", "view_surveyimport"]
GRANTS = {
    "Team Manager": [*IMPORT, "change_indicator"],
    "Administrator": IMPORT,
    "Senior Wellbeing Worker": READ,
    "Wellbeing Worker": READ,
    "Steering group member": READ,
    "Public Health analyst": [*READ, "view_surveyimport"],
}


def grant(apps, schema_editor):
    """Create this app's permissions now (they are otherwise made after migrating) and grant them."""
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="surveys", codename__in=GRANTS[group.name])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_indicators"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
