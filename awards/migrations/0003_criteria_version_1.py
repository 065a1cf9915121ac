"""Version 1 of the award's criteria, published, and the role groups' award permissions.

Drawn from the seed's outcomes and the DfE's 8 principles of a whole-school approach. Editors change
the criteria by copying this version as a new draft in the admin; the Team Manager publishes it.
Staff who read action plans read award submissions too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

NAME = "Mental health award criteria"
INTRODUCTION = (
    "Each stage builds on the one before. For every criterion, describe what the school has done and add "
    "files or links that show it. Your wellbeing worker reviews your evidence first, then the steering group."
)

# stage -> [(title, guidance)]
CRITERIA = {
    1: [
        (
            "A designated Mental Health Lead is named and trained",
            "Name the senior lead for mental health and show their training, for example a certificate from the "
            "DfE-funded senior mental health lead training, and the time they have to lead the work.",
        ),
        (
            "The baseline self-assessment is completed",
            "Complete the baseline self-assessment in this portal and describe what it showed about your "
            "strengths and the principles to work on first.",
        ),
        (
            "The Mental Health Action Plan is approved",
            "Your action plan, approved by your wellbeing worker and the steering group, sets out what you will "
            "do this year. Say how leaders and governors agreed it.",
        ),
        (
            "Leaders and governors champion the whole-school approach",
            "For example, mental health in the school improvement plan, a named governor for wellbeing, or "
            "minutes of a governors' meeting where it was discussed.",
        ),
    ],
    2: [
        (
            "Staff are trained to recognise and respond to mental health needs",
            "Show which staff have had training (for example Youth Mental Health First Aid or the service's "
            "courses), what it covered and how many staff took part.",
        ),
        (
            "Pupil voice shapes the school's wellbeing work",
            "For example, a pupil survey and what changed because of it, a wellbeing council, or pupils helping to "
            "plan lessons or spaces.",
        ),
        (
            "Parents and carers are engaged in supporting their children's mental health",
            "For example, workshops, information sent home, a parent survey, or how parents are involved when a "
            "child needs support.",
        ),
        (
            "Pupils who need support are identified early and referred well",
            "Describe how concerns are spotted, recorded and followed up, and how you work with the wellbeing "
            "worker, school nursing and specialist services.",
        ),
    ],
    3: [
        (
            "The impact of the school's actions is measured",
            "Show what changed for pupils and staff, for example wellbeing survey results before and after, "
            "attendance, or fewer incidents, and what you learned.",
        ),
        (
            "Mental health is embedded in the school's policies",
            "For example, behaviour, anti-bullying, safeguarding, SEND and staff wellbeing policies that refer to "
            "mental health and were reviewed with staff and pupils.",
        ),
        (
            "The review self-assessment shows progress",
            "Complete the review self-assessment and compare it with your baseline: which principles improved, "
            "and what you will do about any that did not.",
        ),
        (
            "The school shares its practice with others",
            "For example, presenting at a cluster meeting or the Safeguarding Leads Forum, a case study for the "
            "best practice library, or supporting another school.",
        ),
    ],
}

MAINTAIN = ["add_criteriaversion", "change_criteriaversion", "delete_criteriaversion", "view_criteriaversion"]
GRANTS = {
    "Editor": MAINTAIN,
    "Team Manager": [*MAINTAIN, "publish_criteriaversion", "view_awardsubmission"],
    "Senior Wellbeing Worker": ["view_awardsubmission"],
    "Wellbeing Worker": ["view_awardsubmission"],
    "Steering group member": ["view_awardsubmission"],
    "Public Health analyst": ["view_awardsubmission"],
}


def _create_permissions(apps):
    app_config = apps.get_app_config("awards")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None


def forwards(apps, schema_editor):
    """Publish version 1 and grant the role groups their permissions."""
    CriteriaVersion = apps.get_model("awards", "CriteriaVersion")
    Criterion = apps.get_model("awards", "Criterion")
    if not CriteriaVersion.objects.exists():
        version = CriteriaVersion.objects.create(
            number=1, name=NAME, introduction=INTRODUCTION, status="published", published_at=timezone.now()
        )
        Criterion.objects.bulk_create(
            Criterion(version=version, stage=stage, title=title, guidance=guidance, sort_order=order)
            for stage, criteria in CRITERIA.items()
            for order, (title, guidance) in enumerate(criteria)
        )
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*Permission.objects.filter(content_type__app_label="awards", codename__in=codenames))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="awards", codename__in=codenames)
            )
    apps.get_model("awards", "CriteriaVersion").objects.filter(number=1, submissions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_criteria_evidence_submissions"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
