"""The questionnaire pages in the portal: who may answer, the form, and one answer only."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import pytest

from questionnaires.models import Kind, QuestionnaireResponse
from tests.questionnaires.factories import PlaceFactory, SessionFactory, answer
from tests.schools.factories import MembershipFactory
from tests.support.factories import PeriodFactory, SupportRecordFactory
from training.models import Booking

pytestmark = pytest.mark.django_db

ANSWERS = {"confidence": "2", "knowledge": "3", "thrive_understanding": "1", "thrive_access": "2"}


def pre_url(booking):
    return reverse("portal:questionnaires:pre_training", kwargs={"booking_id": booking.pk})


def post_url(booking):
    return reverse("portal:questionnaires:post_training", kwargs={"booking_id": booking.pk})


def before_url(period):
    return reverse("portal:questionnaires:before_support", kwargs={"period_id": period.pk})


def after_url(period):
    return reverse("portal:questionnaires:after_support", kwargs={"period_id": period.pk})


@pytest.fixture
def upcoming(staff_member, school):
    """The staff member's confirmed place at a session next week."""
    start = timezone.now() + timedelta(days=7)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=3))
    return PlaceFactory(session=session, person=staff_member, school=school)


@pytest.fixture
def attended(staff_member, school):
    """The staff member's place at a session that ended yesterday."""
    return PlaceFactory(person=staff_member, school=school, attended=True)


@pytest.fixture
def period(school, staff_member):
    """A period of working alongside the staff member that ended yesterday."""
    return PeriodFactory(school=school, staff=[staff_member])


# Who may open the pages -----------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, upcoming, period):
    for url in (pre_url(upcoming), post_url(upcoming), before_url(period), after_url(period)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("who", ["colleague", "lead", "worker", "manager"])
def test_only_the_booked_person_may_answer(client, request, upcoming, attended, period, who):
    people = {
        "colleague": lambda: MembershipFactory(school=upcoming.school).user,
        "lead": lambda: request.getfixturevalue("lead"),
        "worker": lambda: request.getfixturevalue("worker"),
        "manager": lambda: request.getfixturevalue("manager"),
    }
    client.force_login(people[who]())

    for url in (pre_url(upcoming), post_url(attended), before_url(period), after_url(period)):
        assert client.get(url).status_code == 404
        assert client.post(url, ANSWERS).status_code == 404
    assert not QuestionnaireResponse.objects.exists()


def test_a_cancelled_booking_has_no_questionnaire(client, staff_member, upcoming):
    Booking.objects.filter(pk=upcoming.pk).update(status=Booking.Status.CANCELLED)
    client.force_login(staff_member)

    assert client.get(pre_url(upcoming)).status_code == 404


def test_an_unknown_booking_or_period_is_not_found(client, staff_member):
    client.force_login(staff_member)

    assert client.get(reverse("portal:questionnaires:pre_training", kwargs={"booking_id": 999999})).status_code == 404
    assert client.get(reverse("portal:questionnaires:after_support", kwargs={"period_id": 999999})).status_code == 404


def test_a_period_of_another_kind_has_no_questionnaire(client, staff_member, school):
    consultation = SupportRecordFactory(school=school, staff=[staff_member])
    client.force_login(staff_member)

    assert client.get(before_url(consultation)).status_code == 404


# The form -------------------------------------------------------------------------------------------------


def test_the_form_has_a_labelled_fieldset_per_question(client, staff_member, upcoming):
    client.force_login(staff_member)

    page = client.get(pre_url(upcoming)).content.decode()

    assert page.count("<fieldset") == 4
    assert page.count('type="radio"') == 20
    assert "How confident do you feel" in page
    assert "1 means not at all confident and 5 means very confident." in page
    assert "1 – Not at all confident" in page
    assert "5 – Very well" in page
    assert upcoming.session.course.title in page


def test_missing_answers_show_the_error_summary(client, staff_member, upcoming):
    client.force_login(staff_member)

    response = client.post(pre_url(upcoming), {"confidence": "4", "knowledge": "9"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert "Select how you rate your knowledge, from 1 to 5" in page
    assert "Select how well you understand the THRIVE model, from 1 to 5" in page
    assert "Select how confident you feel" not in page.split("govuk-error-summary")[1].split("</div>")[0]
    assert not QuestionnaireResponse.objects.exists()


def test_answering_before_training_saves_and_thanks(client, staff_member, upcoming, school):
    client.force_login(staff_member)

    response = client.post(pre_url(upcoming), ANSWERS, follow=True)

    saved = QuestionnaireResponse.objects.get()
    assert (saved.respondent, saved.school, saved.booking, saved.kind) == (staff_member, school, upcoming,
                                                                             Kind.PRE_TRAINING)
    assert (saved.confidence, saved.knowledge, saved.thrive_understanding, saved.thrive_access) == (2, 3, 1, 2)
    assert response.redirect_chain == [(pre_url(upcoming), 302)]
    assert "Thank you" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1]


def test_one_answer_only(client, staff_member, upcoming):
    client.force_login(staff_member)
    client.post(pre_url(upcoming), ANSWERS)

    again = client.post(pre_url(upcoming), {**ANSWERS, "confidence": "5"}, follow=True)

    assert QuestionnaireResponse.objects.get().confidence == 2
    assert "Thank you" in again.content.decode()


def test_after_training_pairs_with_before(client, staff_member, school):
    booking = PlaceFactory(person=staff_member, school=school)
    answer(staff_member, Kind.PRE_TRAINING, school=school, booking=booking, confidence=2, knowledge=2)
    client.force_login(staff_member)

    client.post(post_url(booking), {**ANSWERS, "confidence": "4", "knowledge": "4"})

    post = QuestionnaireResponse.objects.get(kind=Kind.POST_TRAINING)
    assert post.pre.kind == Kind.PRE_TRAINING
    assert post.pre.booking == booking


def test_after_training_waits_for_the_session_to_end(client, staff_member, upcoming):
    client.force_login(staff_member)

    response = client.post(post_url(upcoming), ANSWERS)

    assert "once the session has ended" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_before_training_closes_when_the_session_starts(client, staff_member, attended):
    client.force_login(staff_member)

    response = client.post(pre_url(attended), ANSWERS)

    assert "questionnaire has closed" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_support_questionnaires_before_and_after_a_period(client, staff_member, school):
    today = timezone.localdate()
    running = PeriodFactory(school=school, staff=[staff_member], date=today - timedelta(days=3), ends_on=None)
    client.force_login(staff_member)

    not_yet = client.post(after_url(running), ANSWERS)
    client.post(before_url(running), {**ANSWERS, "confidence": "1", "knowledge": "1"})
    running.ends_on = today
    running.save()
    client.post(after_url(running), {**ANSWERS, "confidence": "3", "knowledge": "4"})
    closed = client.get(before_url(PeriodFactory(school=school, staff=[staff_member])))

    assert "once the period of support has ended" in not_yet.content.decode()
    after = QuestionnaireResponse.objects.get(kind=Kind.AFTER_SUPPORT)
    assert after.support_period == running
    assert after.pre.confidence == 1
    assert "questionnaire has closed" in closed.content.decode()


def test_after_training_opens_when_the_register_shows_them_there(client, staff_member, upcoming):
    Booking.objects.filter(pk=upcoming.pk).update(attended=True)
    client.force_login(staff_member)

    client.post(post_url(upcoming), ANSWERS)

    assert QuestionnaireResponse.objects.get().kind == Kind.POST_TRAINING


def test_after_training_is_closed_to_someone_who_did_not_attend(client, staff_member, attended):
    Booking.objects.filter(pk=attended.pk).update(attended=False)
    client.force_login(staff_member)

    response = client.post(post_url(attended), ANSWERS)

    assert "did not attend this session" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()
