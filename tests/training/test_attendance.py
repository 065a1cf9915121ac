"""The attendance register (bulk, in the admin) and whether each school's lead attended the mandatory courses."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from tests.schools.factories import LeadFactory, MembershipFactory, SchoolFactory
from tests.training.factories import BookingFactory, CoursePageFactory, TrainingSessionFactory
from training.attendance import AttendanceError, lead_attendance, record_attendance
from training.models import Booking
from users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(past_session, school):
    """Three people with a place at a past session, one cancelled."""
    bookings = [BookingFactory(session=past_session, membership=MembershipFactory(school=school)) for _ in range(3)]
    BookingFactory(session=past_session, membership=MembershipFactory(school=school), status=Booking.Status.CANCELLED)
    return bookings


def register_url(session):
    return reverse("training_sessions:register", args=[session.pk])


def test_recording_attendance_saves_everyone_and_invites_attendees_once(register, past_session, invited, manager):
    first, second, third = register
    record_attendance(past_session, {first.pk: True, second.pk: False}, manager)
    saved = {b.pk: b for b in Booking.objects.filter(pk__in=[b.pk for b in register])}
    assert (saved[first.pk].attended, saved[second.pk].attended, saved[third.pk].attended) == (True, False, None)
    assert saved[first.pk].attendance_recorded_by == manager and saved[first.pk].attendance_recorded_at
    assert invited == [saved[first.pk]]

    record_attendance(past_session, {first.pk: True, second.pk: True, third.pk: True}, manager)
    assert [b.pk for b in invited] == [first.pk, second.pk, third.pk], "first is not invited twice"


def test_a_register_cannot_name_someone_without_a_place(register, past_session, manager, invited):
    cancelled = Booking.objects.get(session=past_session, status=Booking.Status.CANCELLED)
    with pytest.raises(AttendanceError):
        record_attendance(past_session, {register[0].pk: True, cancelled.pk: True}, manager)
    assert Booking.objects.get(pk=register[0].pk).attended is None
    assert invited == []


def test_the_register_opens_on_the_day(session, school, manager, invited):
    booking = BookingFactory(session=session, membership=MembershipFactory(school=school))
    with pytest.raises(AttendanceError, match="from the day"):
        record_attendance(session, {booking.pk: True}, manager)


def test_a_missing_questionnaire_hook_is_an_error_not_a_silent_skip(register, past_session, manager, monkeypatch):
    import questionnaires.services

    monkeypatch.delattr(questionnaires.services, "invite_after_training")
    with pytest.raises(ImportError):
        record_attendance(past_session, {register[0].pk: True}, manager)


def test_the_admin_register_is_one_radio_group_per_person_saved_in_one_post(
    client, register, past_session, invited, role_user
):
    administrator = role_user(Role.ADMINISTRATOR)
    client.force_login(administrator)
    content = client.get(register_url(past_session)).content.decode()
    assert content.count("<fieldset") == 3 and content.count("<legend") == 3
    for booking in register:
        assert content.count(f'name="attended-{booking.pk}"') == 2
        assert f'type="radio" name="attended-{booking.pk}" value="yes"' in content
    first, second, third = register
    response = client.post(
        register_url(past_session), {f"attended-{first.pk}": "yes", f"attended-{second.pk}": "no"}
    )
    assert response.status_code == 302
    assert list(Booking.objects.filter(pk__in=[b.pk for b in register]).order_by("pk").values_list(
        "attended", flat=True
    )) == [True, False, None]
    assert [b.pk for b in invited] == [first.pk]
    again = client.get(register_url(past_session)).content.decode()
    assert re.search(rf'name="attended-{first.pk}" value="yes"[^>]* checked', again)
    assert re.search(rf'name="attended-{second.pk}" value="no"[^>]* checked', again)
    assert not re.search(rf'name="attended-{third.pk}"[^>]* checked', again)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200), (Role.TEAM_MANAGER, 200), (Role.WORKER, 200), (Role.SENIOR_WORKER, 200),
        (Role.PUBLIC_HEALTH, 302), (Role.STEERING_GROUP, 302), (Role.EDITOR, 302),
    ],
)
def test_who_may_take_the_register(client, register, past_session, role_user, role, status, invited):
    """Wagtail answers a refused admin page with a redirect to the dashboard."""
    client.force_login(role_user(role))
    response = client.get(register_url(past_session))
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    client.post(register_url(past_session), {f"attended-{register[0].pk}": "yes"})
    assert Booking.objects.get(pk=register[0].pk).attended is (True if status == 200 else None)


def test_school_people_and_anonymous_cannot_take_the_register(client, register, past_session, lead):
    response = client.get(register_url(past_session))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(lead)
    assert client.get(register_url(past_session)).status_code in (302, 403)
    client.post(register_url(past_session), {f"attended-{register[0].pk}": "yes"})
    assert Booking.objects.get(pk=register[0].pk).attended is None


def test_register_query_count_does_not_grow(client, past_session, school, role_user, django_assert_num_queries):
    client.force_login(role_user(Role.ADMINISTRATOR))
    url = register_url(past_session)

    def add(count):
        for _ in range(count):
            BookingFactory(session=past_session, membership=MembershipFactory(school=school), attended=True,
                           attendance_recorded_by=role_user(Role.WORKER), attendance_recorded_at=timezone.now())

    add(2)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add(15)
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert response.content.decode().count("<fieldset") == 17


# Mandatory courses


def test_lead_attendance_of_mandatory_courses(catalogue, course, past_session, session, school, lead):
    CoursePageFactory(parent=catalogue, title="Optional course", lead_must_attend=False)
    second = CoursePageFactory(parent=catalogue, title="Another mandatory course", lead_must_attend=True)
    third = CoursePageFactory(parent=catalogue, title="Booked mandatory course", lead_must_attend=True)

    found_lead, rows = lead_attendance(school)
    assert found_lead.user == lead
    assert [(row.course.title, row.attended) for row in rows] == [
        ("Another mandatory course", False),
        ("Booked mandatory course", False),
        ("Youth Mental Health First Aid", False),
    ]

    BookingFactory(session=past_session, person=lead, school=school, attended=True)
    BookingFactory(session=TrainingSessionFactory(course=second, starts_at=timezone.now() - timedelta(days=5)),
                   person=lead, school=school, attended=False)
    upcoming = TrainingSessionFactory(course=third)
    BookingFactory(session=upcoming, person=lead, school=school)
    _, rows = lead_attendance(school)
    by_title = {row.course.title: row for row in rows}
    assert by_title["Youth Mental Health First Aid"].attended
    assert by_title["Youth Mental Health First Aid"].attended_on == timezone.localdate(past_session.starts_at)
    assert not by_title["Another mandatory course"].attended, "did not attend is not attended"
    assert by_title["Booked mandatory course"].booked_for == timezone.localdate(upcoming.starts_at)


def test_someone_elses_attendance_does_not_count_for_the_lead(course, past_session, school, lead, staff_member):
    BookingFactory(session=past_session, person=staff_member, school=school, attended=True)
    _, (row,) = lead_attendance(school)
    assert not row.attended


def test_a_school_without_a_lead(course):
    school = SchoolFactory()
    lead, (row,) = lead_attendance(school)
    assert lead is None and not row.attended


def test_lead_attendance_takes_constant_queries(catalogue, course, past_session, django_assert_num_queries):
    school = SchoolFactory()
    lead = LeadFactory(school=school).user
    with django_assert_num_queries(4):
        lead_attendance(school)
    for _ in range(4):
        mandatory = CoursePageFactory(parent=catalogue, lead_must_attend=True)
        session = TrainingSessionFactory(course=mandatory, starts_at=timezone.now() - timedelta(days=2))
        BookingFactory(session=session, person=lead, school=school, attended=True)
    with django_assert_num_queries(4):
        _, rows = lead_attendance(school)
    assert sum(row.attended for row in rows) == 4


def test_the_school_page_include_shows_mandatory_training_and_the_bookings_link(
    rf, course, past_session, school, lead, staff_member, worker
):
    from django.template.loader import render_to_string

    from training.attendance import school_training

    BookingFactory(session=past_session, person=lead, school=school, attended=True)
    membership = lead.memberships.get()
    for user, has_link in ((lead, True), (worker, True), (staff_member, False)):
        context = {"school": school, "lead": membership, **school_training(user, school)}
        content = render_to_string("training/includes/school_training.html", context)
        assert "Mental Health Lead training" in content and "Attended" in content
        assert (reverse("portal:training:school_bookings", args=[school.urn]) in content) is has_link
