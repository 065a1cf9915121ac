"""The vocabularies every school knows on day one; editors add to them in the admin."""

from django.db import migrations
from django.utils.text import slugify

KEY_STAGES = [
    ("Early years", "Early years foundation stage, ages 0 to 5."),
    ("Key stage 1", "Years 1 and 2, ages 5 to 7."),
    ("Key stage 2", "Years 3 to 6, ages 7 to 11."),
    ("Key stage 3", "Years 7 to 9, ages 11 to 14."),
    ("Key stage 4", "Years 10 and 11, ages 14 to 16."),
    ("Post-16", "Sixth form and college, ages 16 to 19."),
]

PRINCIPLES = [
    ("Leadership and management", "Leaders champion a whole-school approach to mental health and wellbeing."),
    ("Ethos and environment", "The school's culture and surroundings promote respect and value diversity."),
    ("Curriculum, teaching and learning", "The curriculum builds resilience and teaches pupils about mental health."),
    ("Student voice", "Pupils influence decisions that affect their wellbeing."),
    ("Staff development", "Staff are trained and supported, including in their own wellbeing."),
    ("Identifying need and monitoring impact", "The school measures wellbeing and the impact of what it does."),
    ("Working with parents and carers", "Parents and carers are partners in their children's wellbeing."),
    ("Targeted support and appropriate referral", "Pupils who need more help get it early and are referred well."),
]

THRIVE_GROUPINGS = [
    ("Thriving", "Support to stay well",
     "Children and young people who are doing well, and whose need is prevention and the promotion of good "
     "mental health."),
    ("Getting Advice and Signposting", "Advice, information and self-help",
     "Children and young people with mild or short-lived difficulties who need advice, signposting or "
     "self-help to adjust to what is happening in their lives."),
    ("Getting Help", "Focused, goal-based help",
     "Children and young people who need focused, evidence-based help with clear goals, usually over a "
     "limited number of sessions."),
    ("Getting More Help", "Extensive, specialist help",
     "Children and young people who need more extensive, specialist treatment with clear goals."),
    ("Getting Risk Support", "Support while risk is managed",
     "Children and young people who are at risk and have not benefited from, or cannot yet use, help: the "
     "focus is on keeping them safe, with several agencies working together."),
]

AUDIENCES = ["Pupils", "Staff", "Parents and carers"]

RESOURCE_TYPES = ["Lesson plan", "Assembly", "Guidance", "Toolkit", "Video", "Worksheet", "Policy template", "Website"]

TOPICS = [
    ("Social connections", "protective", "Friendships and a sense of belonging protect mental health."),
    ("Coping and resilience", "protective", "Positive coping strategies reduce anxiety and depression."),
    ("Physical activity", "protective", "Being active is good for mental as well as physical health."),
    ("Bullying", "risk", "Bullying does lasting harm to mental health, often into adulthood."),
    ("Body image", "risk", "Dissatisfaction with body image raises the risk of mental ill health."),
    ("Excessive social media use", "risk", "Three or more hours a day is linked with poorer mental health."),
    ("Adverse childhood experiences", "risk", "Experiences such as neglect or abuse, and how to respond to disclosure."),
    ("Exam stress", "risk", "Stress caused by assessment and examinations."),
    ("Anxiety", "other", "Worry and anxiety in children, young people and staff."),
    ("Self-harm", "other", "Recognising and responding to self-harm."),
    ("Transition", "other", "Moving from primary to secondary school, and other changes."),
    ("Online safety", "other", "Staying safe and well online."),
    ("Staff wellbeing", "other", "Looking after the mental health of school staff."),
]


def seed(apps, schema_editor):
    def add(model_name, rows):
        model = apps.get_model("taxonomy", model_name)
        for order, fields in enumerate(rows, start=1):
            model.objects.get_or_create(slug=slugify(fields["name"]), defaults={"sort_order": order, **fields})

    add("KeyStage", [{"name": n, "description": d} for n, d in KEY_STAGES])
    add("Principle", [{"name": n, "description": d, "number": i} for i, (n, d) in enumerate(PRINCIPLES, start=1)])
    add("ThriveGrouping", [{"name": n, "short_description": s, "description": d} for n, s, d in THRIVE_GROUPINGS])
    add("Audience", [{"name": n} for n in AUDIENCES])
    add("ResourceType", [{"name": n} for n in RESOURCE_TYPES])
    add("Topic", [{"name": n, "kind": k, "description": d} for n, k, d in TOPICS])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
