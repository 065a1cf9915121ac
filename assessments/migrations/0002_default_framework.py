"""Version 1 of the self-assessment framework, published: statements under each of the DfE's 8 principles.

Drawn from the DfE and Public Health England guidance "Promoting children and young people's mental
health and wellbeing: a whole school or college approach". Editors change it by copying it as a new
draft in the admin; this version stays as the one the first schools answered.
"""

from django.db import migrations
from django.utils import timezone

NAME = "Whole-school approach to mental health and wellbeing"
INTRODUCTION = (
    "Rate how far each statement is true of your school today, and note the evidence if you can. "
    "Be honest: the feedback report and your action plan are only as useful as your answers."
)

# principle number -> [(statement, guidance)]
STATEMENTS = {
    1: [
        (
            "A member of the senior leadership team is the designated senior lead for mental health, with the time, "
            "training and authority to lead the whole-school approach.",
            "For example, a job description, protected time and the senior lead's place on the leadership team.",
        ),
        (
            "Promoting mental health and wellbeing is part of the school improvement plan and of its policies on "
            "behaviour, anti-bullying, safeguarding and special educational needs.",
            "",
        ),
        (
            "Governors receive regular reports on pupils' and staff wellbeing and hold leaders to account for it.",
            "For example, minutes of governors' meetings or a named governor for wellbeing.",
        ),
        (
            "Leaders consider the effect on pupils' and staff mental health of whole-school decisions, such as "
            "changes to behaviour systems, exams and the timetable.",
            "",
        ),
    ],
    2: [
        (
            "Relationships between staff and pupils are warm and respectful, and every pupil can name a trusted "
            "adult they could talk to.",
            "For example, pupil survey results or how tutor and key adult systems work.",
        ),
        (
            "The school's values, routines and displays promote respect, inclusion and a sense of belonging, and "
            "value diversity.",
            "",
        ),
        (
            "Bullying, including online and prejudice-based bullying, is rare and is dealt with promptly and "
            "consistently.",
            "For example, bullying records and what pupils say in surveys.",
        ),
        (
            "There are calm spaces pupils can use when they feel overwhelmed, and staff know how to use them well.",
            "",
        ),
    ],
    3: [
        (
            "Relationships, sex and health education teaches every year group about mental wellbeing: how to look "
            "after it, how to recognise when they or others are struggling, and where to get help.",
            "For example, the PSHE or RSHE scheme of work.",
        ),
        (
            "Pupils learn skills that build resilience, such as managing feelings, solving problems and coping "
            "with setbacks, throughout the curriculum.",
            "",
        ),
        (
            "Teaching about mental health is planned and sequenced, and the staff who teach it feel confident to.",
            "",
        ),
        (
            "Teaching and classroom routines take account of pupils' social and emotional needs, including those of "
            "pupils with special educational needs and disabilities.",
            "",
        ),
    ],
    4: [
        (
            "Pupils are asked regularly about their wellbeing and what would help, and their views inform the "
            "school's decisions.",
            "For example, surveys, focus groups or the school council's minutes.",
        ),
        (
            "Pupils, including vulnerable and seldom-heard pupils, help shape the school's wellbeing work, for "
            "example as wellbeing ambassadors or peer mentors.",
            "",
        ),
        (
            "Pupils are told what has changed as a result of what they said.",
            "",
        ),
    ],
    5: [
        (
            "All staff are trained to recognise the early signs of mental health needs and know what to do when "
            "they are worried about a pupil.",
            "For example, training records and the induction programme for new staff.",
        ),
        (
            "Staff wellbeing is actively supported, including a manageable workload and access to supervision and "
            "support.",
            "For example, a staff wellbeing policy, staff survey results or supervision arrangements.",
        ),
        (
            "The senior mental health lead and pastoral staff have had specialist training, such as DfE-quality "
            "assured senior mental health lead training.",
            "",
        ),
        (
            "Training needs are reviewed every year, and new staff are trained as part of their induction.",
            "",
        ),
    ],
    6: [
        (
            "The school uses validated measures and the information it already has, such as attendance, behaviour "
            "and surveys, to identify pupils who may need support.",
            "For example, the Strengths and Difficulties Questionnaire or the Brighter Futures Survey.",
        ),
        (
            "There is a clear process, known to every member of staff, for recording and acting on concerns about "
            "a pupil's mental health.",
            "",
        ),
        (
            "The effect of each intervention is measured and reviewed, and support changes when it is not working.",
            "For example, before-and-after measures recorded for each pupil supported.",
        ),
        (
            "Wellbeing information for the whole school is analysed to spot trends and plan what the school offers.",
            "",
        ),
    ],
    7: [
        (
            "Parents and carers are told about mental health, the support the school offers and where else to get "
            "help.",
            "For example, newsletters, the website or information evenings.",
        ),
        (
            "Parents and carers are involved in planning and reviewing the support for their child.",
            "",
        ),
        (
            "The school offers support and signposting to parents and carers, including those who find it hard to "
            "engage with the school.",
            "",
        ),
    ],
    8: [
        (
            "Pupils who need more help get timely, evidence-based targeted support in school.",
            "For example, the interventions the school runs and how pupils are chosen for them.",
        ),
        (
            "Staff know the local referral routes, including the Mental Health Support Team and specialist "
            "children and young people's mental health services, and refer with the right information.",
            "",
        ),
        (
            "The school works with local services and agencies to coordinate support around the pupil and their "
            "family.",
            "",
        ),
        (
            "Support is planned for transitions, such as moving class, key stage or school.",
            "",
        ),
    ],
}


def create_framework(apps, schema_editor):
    """Publish version 1 with the default statements (once)."""
    FrameworkVersion = apps.get_model("assessments", "FrameworkVersion")
    Statement = apps.get_model("assessments", "Statement")
    Principle = apps.get_model("taxonomy", "Principle")
    if FrameworkVersion.objects.exists():
        return
    principles = {p.number: p for p in Principle.objects.all()}
    version = FrameworkVersion.objects.create(
        number=1, name=NAME, introduction=INTRODUCTION, status="published", published_at=timezone.now()
    )
    order = 0
    for number, statements in STATEMENTS.items():
        for text, guidance in statements:
            Statement.objects.create(
                framework=version, principle=principles[number], text=text, guidance=guidance, sort_order=order
            )
            order += 1


def remove_framework(apps, schema_editor):
    apps.get_model("assessments", "FrameworkVersion").objects.filter(number=1, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("taxonomy", "0002_seed_vocabularies"),
    ]

    operations = [migrations.RunPython(create_framework, remove_framework)]
