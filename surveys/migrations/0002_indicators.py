"""Seed the Brighter Futures Survey's indicators and link each to the library topics that address it.

The codes are what the survey provider's files use (surveys/FORMAT.md); the Team Manager may reword the
names and descriptions, and change the topics, in the admin.
"""

from django.db import migrations

# (code, name, kind, description, topic slugs from taxonomy/migrations/0002)
INDICATORS = [
    ("low_wellbeing", "Low wellbeing", "risk",
     "Pupils whose score on the survey's wellbeing scale (Stirling Children's Wellbeing Scale in primary, "
     "short Warwick-Edinburgh scale in secondary) is in the low band.",
     ["coping-and-resilience", "anxiety"]),
    ("anxious_often", "Often anxious or worried", "risk",
     "Pupils who said they feel worried or anxious 'often' or 'all of the time'.",
     ["anxiety", "coping-and-resilience", "exam-stress"]),
    ("bullied_recently", "Bullied recently", "risk",
     "Pupils who said they had been bullied, in person or online, in the last couple of months.",
     ["bullying", "online-safety"]),
    ("self_harm_thoughts", "Thoughts of self-harm", "risk",
     "Secondary pupils who said they had thought about hurting themselves on purpose in the last year. "
     "Primary pupils are not asked this question.",
     ["self-harm"]),
    ("lonely", "Often lonely", "risk",
     "Pupils who said they feel lonely 'often' or 'always'.",
     ["social-connections"]),
    ("poor_sleep", "Poor sleep", "risk",
     "Pupils who said they usually sleep less than 8 hours on a school night, or wake tired most days.",
     ["excessive-social-media-use", "physical-activity"]),
    ("social_media_3h", "Three hours or more on social media", "risk",
     "Pupils who said they spend three hours or more on social media on a normal school day.",
     ["excessive-social-media-use", "online-safety"]),
    ("body_image_unhappy", "Unhappy with how they look", "risk",
     "Pupils who said they are unhappy or very unhappy with the way they look.",
     ["body-image"]),
    ("trusted_adult", "Has a trusted adult at school", "protective",
     "Pupils who said there is an adult at school they could talk to if they were worried.",
     ["social-connections"]),
    ("feels_safe_school", "Feels safe at school", "protective",
     "Pupils who said they feel safe at school 'most of the time' or 'always'.",
     ["bullying", "social-connections"]),
    ("active_daily", "Active every day", "protective",
     "Pupils who said they are physically active for at least 60 minutes every day.",
     ["physical-activity"]),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("surveys", "Indicator")
    Topic = apps.get_model("taxonomy", "Topic")
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for order, (code, name, kind, description, slugs) in enumerate(INDICATORS, start=1):
        indicator, created = Indicator.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "description": description, "sort_order": order}
        )
        if created:
            indicator.topics.set([topics[slug] for slug in slugs if slug in topics])


def unseed(apps, schema_editor):
    apps.get_model("surveys", "Indicator").objects.filter(code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
