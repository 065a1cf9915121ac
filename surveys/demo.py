"""Demo Brighter Futures Survey results: two survey years for every open demo school.

Figures come from a random generator seeded by the school, indicator and year, so every run builds the
same data; a school and year that already has results is left alone, so running again changes nothing.
Small schools (and the demo school's body-image question, asked of one year group) have fewer than 10
respondents, so suppression shows in the demo. The demo school (lead@example.org) sits above the
borough on bullying and anxiety, so its recommendations lead with those topics.
"""

import math
import random

from django.db import transaction
from django.utils import timezone

from schools.models import Membership, School
from sws_site.academic_years import academic_year_of

from .models import Indicator, SurveyImport, SurveyResult

DEMO_LA_CODE = "883"
DEMO_LEAD = "lead@example.org"
SURVEYED_SHARE = {"Primary": 0.15, "Secondary": 0.35}  # Years 5-6 in primary; Years 8 and 10 in secondary
LOW_RESPONSE_EVERY = 9  # every 9th school had few pupils answer
# Borough rates by indicator code: (primary, secondary); None where a phase is not asked.
RATES = {
    "low_wellbeing": (0.12, 0.20),
    "anxious_often": (0.25, 0.33),
    "bullied_recently": (0.22, 0.15),
    "self_harm_thoughts": (None, 0.14),
    "lonely": (0.12, 0.16),
    "poor_sleep": (0.18, 0.35),
    "social_media_3h": (0.08, 0.30),
    "body_image_unhappy": (0.15, 0.28),
    "trusted_adult": (0.82, 0.65),
    "feels_safe_school": (0.88, 0.75),
    "active_daily": (0.25, 0.15),
}
DEMO_SCHOOL_LEVEL = 1.05
DEMO_SCHOOL_RAISED = {"bullied_recently": 1.7, "anxious_often": 1.6, "lonely": 1.6}


def demo_years(today=None):
    """The two latest survey years with results: the survey runs in spring, reported the next autumn."""
    today = today or timezone.localdate()
    academic_start = academic_year_of(today)
    return (academic_start - 2, academic_start - 1)


@transaction.atomic
def build_demo():
    """Results for every open demo school for the two latest survey years; returns how many were created."""
    schools = list(School.objects.filter(la_code=DEMO_LA_CODE, status=School.Status.OPEN).order_by("urn"))
    indicators = list(Indicator.objects.all())
    if not schools or not indicators:
        return 0
    demo_school = School.objects.filter(
        memberships__user__email=DEMO_LEAD, memberships__role=Membership.Role.MENTAL_HEALTH_LEAD
    ).first()
    years = demo_years()
    done = set(SurveyResult.objects.filter(school__in=schools, year__in=years).values_list("school_id", "year"))
    rows = []
    for index, school in enumerate(schools):
        for year in years:
            if (school.pk, year) not in done:
                rows += _school_year(school, year, indicators, index, raised=school == demo_school)
    if not rows:
        return 0
    source = SurveyImport.objects.create(
        file_name="Demo data", rows=len(rows), schools=len({row.school_id for row in rows}),
        years=", ".join(str(year) for year in years),
    )
    for row in rows:
        row.source = source
    SurveyResult.objects.bulk_create(rows)
    return len(rows)


def _school_year(school, year, indicators, index, raised=False):
    """One school's results for one year."""
    phase = "Secondary" if school.phase == "Secondary" else "Primary"
    rng = random.Random(f"{school.urn}-{year}")  # noqa: S311 (demo data, not security)
    level = random.Random(f"{school.urn}").uniform(0.75, 1.3)  # noqa: S311 (the school's lasting character)
    if raised:
        level = DEMO_SCHOOL_LEVEL
    pupils = school.number_of_pupils or 200
    answered = pupils * SURVEYED_SHARE[phase] * rng.uniform(0.7, 0.95)
    if index % LOW_RESPONSE_EVERY == LOW_RESPONSE_EVERY - 1:
        answered = rng.randint(4, 9)
    results = []
    for indicator in indicators:
        rate = RATES.get(indicator.code, (0.2, 0.2))[phase == "Secondary"]
        if rate is None:
            continue
        denominator = max(1, round(answered * rng.uniform(0.92, 1.0)))
        if raised and indicator.code == "body_image_unhappy":
            denominator = 8  # asked of Year 6 only at the demo school
        factor = level if indicator.is_risk else 2 - level
        if raised:
            factor *= DEMO_SCHOOL_RAISED.get(indicator.code, 1)
        results.append(
            SurveyResult(
                school=school,
                year=year,
                indicator=indicator,
                numerator=_count(denominator, min(0.97, rate * factor), rng, noise=0.2 if raised else 1),
                denominator=denominator,
            )
        )
    return results


def _count(denominator, rate, rng, noise=1):
    """How many of `denominator` pupils, near `rate` of them, with (a share of) binomial-sized noise."""
    spread = noise * math.sqrt(denominator * rate * (1 - rate))
    return min(denominator, max(0, round(denominator * rate + rng.gauss(0, spread))))
