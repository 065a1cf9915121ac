"""The team, the steering group and Public Health see the award status listing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEWERS = [
    "Team Manager",
    "Senior Wellbeing Worker",
    "Wellbeing Worker",
    "Steering group member",
    "Public Health analyst",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="awards", codename="view_award")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=VIEWERS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_award_stage_approval"), ("users", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
