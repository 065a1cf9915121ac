"""What the database itself refuses: answers about nothing, ratings off the scale, second answers."""

from django.db import IntegrityError, transaction

import pytest

from questionnaires.models import Kind, QuestionnaireResponse
from questionnaires.services import AlreadyAnswered
from tests.questionnaires.factories import PlaceFactory, answer, ratings
from tests.support.factories import PeriodFactory

pytestmark = pytest.mark.django_db


def test_a_training_answer_names_a_booking_and_a_support_answer_a_period(school, staff_member):
    period = PeriodFactory(school=school)
    cases = [
        {"kind": Kind.PRE_TRAINING},
        {"kind": Kind.PRE_TRAINING, "support_period": period},
        {"kind": Kind.AFTER_SUPPORT},
    ]
    for case in cases:
        with pytest.raises(IntegrityError), transaction.atomic():
            QuestionnaireResponse.objects.create(respondent=staff_member, school=school, **ratings(), **case)


@pytest.mark.parametrize("rating", [0, 6])
def test_ratings_stay_between_one_and_five(school, staff_member, rating):
    period = PeriodFactory(school=school)

    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionnaireResponse.objects.create(
            respondent=staff_member, school=school, kind=Kind.AFTER_SUPPORT, support_period=period,
            **ratings(confidence=rating),
        )


def test_a_second_answer_is_refused(school, staff_member):
    booking = PlaceFactory(person=staff_member, school=school)
    period = PeriodFactory(school=school)
    answer(staff_member, Kind.PRE_TRAINING, school=school, booking=booking)
    answer(staff_member, Kind.BEFORE_SUPPORT, school=school, period=period)

    with pytest.raises(AlreadyAnswered):
        answer(staff_member, Kind.PRE_TRAINING, school=school, booking=booking, confidence=5)
    with pytest.raises(AlreadyAnswered):
        answer(staff_member, Kind.BEFORE_SUPPORT, school=school, period=period, confidence=5)

    assert QuestionnaireResponse.objects.count() == 2
    assert set(QuestionnaireResponse.objects.values_list("confidence", flat=True)) == {3}
