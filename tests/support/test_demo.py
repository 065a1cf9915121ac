"""Demo support log and questionnaire answers: plausible, deterministic and safe to run again."""

from datetime import date

import pytest

from questionnaires.demo import build_demo as build_answers
from questionnaires.models import Kind, QuestionnaireResponse
from questionnaires.pairing import pair_counts
from schools.demo import build_registry
from schools.models import School
from support.demo import build_demo as build_support
from support.models import SupportRecord
from tests.questionnaires.factories import PlaceFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)


@pytest.fixture
def registry(db):
    build_registry()


def snapshot():
    records = SupportRecord.objects.values_list("school__urn", "kind", "date", "ends_on", "worker__email",
                                                "staff__email")
    answers = QuestionnaireResponse.objects.values_list("respondent__email", "kind", "confidence", "knowledge",
                                                        "pre__kind")
    return sorted(records, key=str), sorted(answers, key=str)


def test_demo_support_log_covers_most_schools_over_the_year(registry):
    build_support(today=TODAY)

    schools = School.objects.filter(la_code="883", status=School.Status.OPEN)
    supported = schools.filter(support_records__isnull=False).distinct().count()
    assert supported >= schools.count() * 2 // 3
    assert supported < schools.count()
    for kind in SupportRecord.Kind.values:
        assert SupportRecord.objects.filter(kind=kind).exists(), kind
    assert not SupportRecord.objects.filter(date__gt=TODAY).exists()
    assert SupportRecord.objects.filter(date__lt=date(2026, 9, 1), date__gte=date(2025, 9, 1)).count() > 50
    periods = SupportRecord.objects.periods()
    assert all(period.staff.exists() for period in periods)
    staff_period = periods.get(staff__email="staff@example.org")
    assert staff_period.school.name == "Wharfside Primary School"
    assert staff_period.ends_on < TODAY


def test_demo_answers_pair_up_with_plausible_figures(registry):
    build_support(today=TODAY)
    PlaceFactory(attended=True)  # a training place from a session that ended yesterday, as training's demo makes

    build_answers()

    counts = pair_counts()
    assert counts.pairs > 10
    assert 0 < counts.staff_increased < counts.pairs
    assert counts.staff_increased_after_support > 0
    assert QuestionnaireResponse.objects.filter(kind=Kind.BEFORE_SUPPORT, pre__isnull=False).count() == 0
    mine = QuestionnaireResponse.objects.filter(respondent__email="staff@example.org")
    assert set(mine.values_list("kind", flat=True)) == {Kind.BEFORE_SUPPORT}


def test_demo_is_deterministic_and_idempotent(registry):
    build_support(today=TODAY)
    build_answers()
    first = snapshot()

    build_support(today=TODAY)
    build_answers()

    assert snapshot() == first
