"""Who may refer to a service, as the THRIVE portal's filter offers it; editors may add more."""

from django.db import migrations

REFERRAL_ROUTES = [
    ("Self-referral", "self", "Children, young people or their parents and carers can contact the service directly."),
    ("School", "school", "School staff can refer, usually the designated Mental Health Lead or SENCO."),
    ("GP", "gp", "A GP can refer."),
    (
        "Other professional",
        "other-professional",
        "A social worker, health visitor, school nurse or other professional.",
    ),
]


def seed(apps, schema_editor):
    ReferralRoute = apps.get_model("directory", "ReferralRoute")
    for order, (name, slug, description) in enumerate(REFERRAL_ROUTES):
        ReferralRoute.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
