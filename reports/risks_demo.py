"""Demo risk register: the kind of entries a school mental-health service pilot's steering group keeps.

Safe to run again: an entry is matched by its title and left alone once it exists. Review dates are
relative to today, and one open entry is overdue for review, so the listing shows the highlight.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .risks import Risk

# (title, category, description, likelihood, impact, owner, mitigation, days to review, status)
RISKS = [
    (
        "Waiting times for specialist CAMHS rise, pushing need back onto schools",
        Risk.Category.RISK,
        "Children referred for specialist help wait longer, so schools hold more pupils at the Getting Risk "
        "Support end of THRIVE than the service was designed for.",
        5, 4, "Public Health commissioner",
        "Quarterly waiting-time data from the NHS trust to the steering group; the THRIVE directory lists "
        "interim support; workers escalate through the single point of access.",
        -12, Risk.Status.OPEN,
    ),
    (
        "Pilot funding ends before the evaluation reports",
        Risk.Category.RISK,
        "The pilot is funded for two academic years; the end-of-pilot self-assessments and survey come in the "
        "final term, leaving little time to make the case for continuation.",
        4, 4, "Chair of the steering group",
        "Interim evaluation to the ICB and council in March; exit plan agreed with schools; baseline KPIs "
        "reported each term.",
        30, Risk.Status.OPEN,
    ),
    (
        "Wellbeing worker vacancies leave clusters without cover",
        Risk.Category.RISK,
        "Two posts have been re-advertised; a vacancy leaves a cluster's schools without action-planning "
        "support for a term.",
        3, 4, "Team Manager",
        "Senior workers cover vacant clusters; shared bank staff with the Mental Health Support Teams; "
        "exit interviews to understand turnover.",
        45, Risk.Status.MONITORING,
    ),
    (
        "Schools cannot release staff for training",
        Risk.Category.RISK,
        "Supply cover is scarce, so booked places go unused and the target of 300 staff reporting increased "
        "confidence is at risk.",
        4, 3, "Senior Wellbeing Worker (training)",
        "Twilight and online sessions; training delivered in school at staff meetings; waiting lists fill "
        "cancelled places.",
        21, Risk.Status.OPEN,
    ),
    (
        "A safeguarding disclosure during group work is not passed on",
        Risk.Category.RISK,
        "Workers run groups and consultations where pupils may disclose harm; a delay in reaching the school's "
        "Designated Safeguarding Lead would put a child at risk.",
        2, 5, "Team Manager",
        "Level 3 safeguarding training for every worker; each school's DSL named in the registry; monthly "
        "supervision reviews every disclosure.",
        60, Risk.Status.MONITORING,
    ),
    (
        "Personal data in survey results or award evidence is disclosed",
        Risk.Category.RISK,
        "Survey results and evidence files concern children's mental health; small groups could identify "
        "pupils.",
        2, 5, "Data Protection Officer",
        "Data protection impact assessment signed off; groups of fewer than 10 pupils suppressed everywhere; "
        "evidence files stored privately behind permission checks.",
        90, Risk.Status.OPEN,
    ),
    (
        "Action-plan reviews vary in quality between localities",
        Risk.Category.QUALITY,
        "Steering-group members report that some reviews approve plans without clear actions for the weakest "
        "principles.",
        3, 2, "Senior Wellbeing Workers",
        "A shared review checklist; the steering group samples two plans per locality each quarter.",
        14, Risk.Status.OPEN,
    ),
    (
        "Cluster forum venues unavailable in the summer term",
        Risk.Category.QUALITY,
        "Two secondary schools could not host their cluster forums during the exam season.",
        2, 2, "Administrator",
        "Forums moved online for the summer term; venues booked a year ahead.",
        -40, Risk.Status.CLOSED,
    ),
]


@transaction.atomic
def build_demo(today=None):
    """Create the demo entries that do not exist yet; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    for title, category, description, likelihood, impact, owner, mitigation, days, status in RISKS:
        if Risk.objects.filter(title=title).exists():
            continue
        Risk.objects.create(
            title=title,
            category=category,
            description=description,
            likelihood=likelihood,
            impact=impact,
            owner=owner,
            mitigation=mitigation,
            review_date=today + timedelta(days=days),
            status=status,
        )
        created += 1
    return created
