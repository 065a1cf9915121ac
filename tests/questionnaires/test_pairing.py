"""Matched pairs, the "increased confidence and knowledge" rule, the THRIVE rule, and their aggregates."""

from types import SimpleNamespace

import pytest

from questionnaires.models import Kind, QuestionnaireResponse
from questionnaires.pairing import (
    THRIVE_MIN_RATING,
    PairCounts,
    increased_confidence_count,
    matched_pairs,
    pair_counts,
    reports_increase,
    understands_thrive,
    understands_thrive_count,
)
from questionnaires.services import link_pairs
from tests.questionnaires.factories import PlaceFactory, SessionFactory, answer, ratings
from tests.schools.factories import MembershipFactory
from tests.support.factories import PeriodFactory

pytestmark = pytest.mark.django_db


def scores(confidence, knowledge, understanding=3, access=3):
    return SimpleNamespace(**ratings(confidence, knowledge, understanding, access))


# The rules on single answers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pre", "post", "expected"),
    [
        ((3, 3), (3, 3), False),  # equal
        ((3, 3), (4, 3), False),  # up on confidence only
        ((3, 3), (3, 4), False),  # up on knowledge only
        ((3, 3), (4, 4), True),  # up on both
        ((2, 4), (5, 5), True),
        ((4, 4), (5, 3), False),  # up on one, down on the other
        ((4, 4), (2, 2), False),  # down on both
    ],
)
def test_increase_needs_both_confidence_and_knowledge_up(pre, post, expected):
    assert reports_increase(scores(*pre), scores(*post)) is expected


def test_a_missing_answer_is_no_increase():
    assert reports_increase(scores(1, 1), None) is False
    assert reports_increase(None, scores(5, 5)) is False


@pytest.mark.parametrize(
    ("understanding", "access", "expected"), [(4, 4, True), (5, 4, True), (4, 3, False), (3, 5, False), (1, 1, False)]
)
def test_thrive_rule_needs_both_ratings_at_least_four(understanding, access, expected):
    assert THRIVE_MIN_RATING == 4
    assert understands_thrive(scores(3, 3, understanding, access)) is expected
    assert understands_thrive(None) is False


# The same rules over querysets ----------------------------------------------------------------------------


@pytest.fixture
def period(school):
    return PeriodFactory(school=school)


def person_at(school):
    return MembershipFactory(school=school).user


def support_pair(school, period, pre, post, person=None):
    """A before and after answer for `period`; `post` None leaves the after answer out."""
    person = person or person_at(school)
    answer(person, Kind.BEFORE_SUPPORT, school=school, period=period, confidence=pre[0], knowledge=pre[1])
    if post is not None:
        answer(person, Kind.AFTER_SUPPORT, school=school, period=period, confidence=post[0], knowledge=post[1])
    return person


def test_queryset_rule_matches_the_python_rule(school, period):
    cases = {"equal": ((3, 3), (3, 3)), "confidence only": ((3, 3), (4, 3)), "knowledge only": ((3, 3), (3, 4)),
             "both": ((2, 3), (4, 4)), "missing post": ((1, 1), None)}
    people = {name: support_pair(school, period, pre, post) for name, (pre, post) in cases.items()}

    pairs = matched_pairs()
    increased = {pair.respondent for pair in pairs if reports_increase(pair.pre, pair)}

    assert pairs.count() == 4
    assert people["missing post"] not in {pair.respondent for pair in pairs}
    assert increased == {people["both"]}
    assert increased_confidence_count() == 1
    assert increased_confidence_count(QuestionnaireResponse.objects.filter(respondent=people["both"])) == 1
    assert increased_confidence_count(QuestionnaireResponse.objects.exclude(respondent=people["both"])) == 0


def test_a_pair_is_the_same_person_and_the_same_booking(school):
    session = SessionFactory()
    mine = PlaceFactory(session=session, membership=MembershipFactory(school=school))
    other_booking = PlaceFactory(person=mine.person, school=school)
    colleague = PlaceFactory(session=session, membership=MembershipFactory(school=school))

    answer(mine.person, Kind.PRE_TRAINING, school=school, booking=mine, confidence=1, knowledge=1)
    answer(mine.person, Kind.POST_TRAINING, school=school, booking=other_booking, confidence=5, knowledge=5)
    answer(colleague.person, Kind.POST_TRAINING, school=school, booking=colleague, confidence=5, knowledge=5)

    assert matched_pairs().count() == 0
    assert increased_confidence_count() == 0

    answer(mine.person, Kind.POST_TRAINING, school=school, booking=mine, confidence=2, knowledge=2)

    pair = matched_pairs().get()
    assert pair.booking == mine
    assert pair.pre.booking == mine
    assert increased_confidence_count() == 1


def test_a_pre_answer_recorded_after_the_post_is_still_paired(school, period):
    person = person_at(school)
    answer(person, Kind.AFTER_SUPPORT, school=school, period=period, confidence=4, knowledge=4)
    answer(person, Kind.BEFORE_SUPPORT, school=school, period=period, confidence=2, knowledge=2)

    assert increased_confidence_count() == 1


def test_training_and_support_answers_do_not_pair_with_each_other(school, period):
    person = person_at(school)
    booking = PlaceFactory(person=person, school=school)
    answer(person, Kind.PRE_TRAINING, school=school, booking=booking, confidence=1, knowledge=1)
    answer(person, Kind.AFTER_SUPPORT, school=school, period=period, confidence=5, knowledge=5)

    assert matched_pairs().count() == 0


def test_link_pairs_links_bulk_loaded_answers(school, period):
    people = [person_at(school) for _ in range(3)]
    QuestionnaireResponse.objects.bulk_create(
        [
            QuestionnaireResponse(respondent=person, school=school, kind=kind, support_period=period, **ratings(*r))
            for person in people
            for kind, r in ((Kind.BEFORE_SUPPORT, (2, 2)), (Kind.AFTER_SUPPORT, (3, 3)))
        ]
    )
    assert matched_pairs().count() == 0

    assert link_pairs() == 3
    assert increased_confidence_count() == 3
    assert link_pairs() == 0


def test_staff_are_counted_once_however_many_pairs_they_have(school):
    person = person_at(school)
    for _ in range(2):
        period = PeriodFactory(school=school)
        support_pair(school, period, (1, 1), (3, 3), person=person)

    counts = pair_counts()

    assert counts.pairs == 2
    assert counts.increased_pairs == 2
    assert counts.staff_increased == 1
    assert increased_confidence_count() == 1


def test_thrive_count_reads_post_answers_only(school, period):
    before_only = person_at(school)
    answer(before_only, Kind.BEFORE_SUPPORT, school=school, period=period, understanding=5, access=5)
    after = person_at(school)
    answer(after, Kind.AFTER_SUPPORT, school=school, period=period, understanding=4, access=4)
    not_enough = person_at(school)
    answer(not_enough, Kind.AFTER_SUPPORT, school=school, period=period, understanding=4, access=3)

    assert understands_thrive_count() == 1
    assert pair_counts().staff_understanding_thrive == 1


def test_pair_counts_split_training_and_support(school, period):
    booking = PlaceFactory(membership=MembershipFactory(school=school))
    answer(booking.person, Kind.PRE_TRAINING, school=school, booking=booking, confidence=2, knowledge=2)
    answer(booking.person, Kind.POST_TRAINING, school=school, booking=booking, confidence=4, knowledge=4,
           understanding=4, access=5)
    supported = support_pair(school, period, (2, 2), (3, 3))
    support_pair(school, period, (2, 2), (2, 3))

    assert pair_counts() == PairCounts(
        pairs=3,
        increased_pairs=2,
        staff_increased=2,
        staff_increased_after_training=1,
        staff_increased_after_support=1,
        staff_understanding_thrive=1,
    )
    assert pair_counts(QuestionnaireResponse.objects.filter(respondent=supported)).staff_increased == 1
    assert pair_counts(QuestionnaireResponse.objects.none()) == PairCounts()


# Constant query counts ------------------------------------------------------------------------------------


def build_pairs(school, count):
    """`count` people with a matched before/after pair, half of them increased."""
    period = PeriodFactory(school=school)
    people = [person_at(school) for _ in range(count)]
    QuestionnaireResponse.objects.bulk_create(
        [
            QuestionnaireResponse(
                respondent=person, school=school, kind=kind, support_period=period,
                **ratings(*(r if index % 2 else (3, 3)), understanding=4, access=4),
            )
            for index, person in enumerate(people)
            for kind, r in ((Kind.BEFORE_SUPPORT, (2, 2)), (Kind.AFTER_SUPPORT, (4, 4)))
        ]
    )
    link_pairs()


@pytest.mark.parametrize("size", [2, 40])
def test_aggregates_take_one_query_each_whatever_the_data(school, size, django_assert_num_queries):
    build_pairs(school, size)
    responses = QuestionnaireResponse.objects.filter(school__cluster=school.cluster)

    with django_assert_num_queries(1):
        increased = increased_confidence_count(responses)
    with django_assert_num_queries(1):
        thrive = understands_thrive_count(responses)
    with django_assert_num_queries(1):
        counts = pair_counts(responses)

    assert increased == size // 2
    assert thrive == size
    assert counts.pairs == size
    assert counts.staff_increased == size // 2
