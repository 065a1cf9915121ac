"""Give the role groups their training permissions.

The Administrator and the Team Manager run sessions and bookings (sessions are cancelled, not deleted:
bookings keep pointing at them). Workers and the Team Manager also take registers. The steering group and
Public Health only look.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RUN = ["add_trainingsession", "change_trainingsession", "view_trainingsession", "view_booking", "change_booking"]
LOOK = ["view_trainingsession", "view_booking"]
GRANTS = {
    "Administrator": [*RUN, "record_attendance"],
    "Team Manager": [*RUN, "record_attendance"],
    "Senior Wellbeing Worker": [*LOOK, "record_attendance"],
    "Wellbeing Worker": [*LOOK, "record_attendance"],
    "Steering group member": LOOK,
    "Public Health analyst": LOOK,
}


def grant(apps, schema_editor):
    """Create this app's permissions now (they are otherwise made after migrating) and grant them."""
    app_config = apps.get_app_config("training")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="training", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="training", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_sessions_and_bookings"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
