"""Training sessions in the Wagtail admin: the listing, adding and editing, bookings and cancelling, permissions."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from tests.schools.factories import MembershipFactory
from tests.training.factories import BookingFactory, CoursePageFactory, TrainingSessionFactory
from training.models import Booking, TrainingSession
from users.roles import Role

pytestmark = pytest.mark.django_db

INDEX = reverse("training_sessions:index")


@pytest.fixture
def administrator(role_user):
    return role_user(Role.ADMINISTRATOR)


def test_the_listing_shows_booked_places_and_waiting(client, administrator, session, school):
    BookingFactory(session=session, membership=MembershipFactory(school=school))
    BookingFactory(session=session, membership=MembershipFactory(school=school), status="waiting", position=1)
    BookingFactory(session=session, membership=MembershipFactory(school=school), status="cancelled")
    client.force_login(administrator)
    content = client.get(INDEX).content.decode()
    assert "Youth Mental Health First Aid" in content
    assert "1 / 2" in content
    assert reverse("training_sessions:bookings", args=[session.pk]) in content
    assert reverse("training_sessions:register", args=[session.pk]) in content


def test_the_listing_filters_by_course_and_date(client, administrator, catalogue, course):
    other = CoursePageFactory(parent=catalogue, title="Anxiety awareness workshop")
    TrainingSessionFactory(course=course, trainer="Trainer A")
    TrainingSessionFactory(course=other, trainer="Trainer B", starts_at=timezone.now() + timedelta(days=60))
    client.force_login(administrator)
    content = client.get(INDEX, {"course": other.pk}).content.decode()
    assert "Trainer B" in content and "Trainer A" not in content
    until = (timezone.localdate() + timedelta(days=30)).isoformat()
    content = client.get(INDEX, {"starts_at_to": until}).content.decode()
    assert "Trainer A" in content and "Trainer B" not in content


def test_the_listing_query_count_does_not_grow(client, administrator, course, school, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            session = TrainingSessionFactory(course=course)
            BookingFactory(session=session, membership=MembershipFactory(school=school))

    add(2)
    client.force_login(administrator)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as small:
        client.get(INDEX)
    add(20)
    with django_assert_num_queries(len(small)):
        response = client.get(INDEX)
    assert response.content.decode().count("1 / 10") == 22


def test_the_administrator_adds_a_session(client, administrator, course):
    client.force_login(administrator)
    starts = timezone.localtime() + timedelta(days=20)
    data = {
        "course": course.pk,
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (starts + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "booking_deadline": (starts - timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
        "venue": "Civic Centre",
        "online_link": "",
        "capacity": "12",
        "trainer": "Grace Easterby",
    }
    response = client.post(reverse("training_sessions:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = TrainingSession.objects.get()
    assert (session.capacity, session.trainer) == (12, "Grace Easterby")
    assert session.history.count() == 1

    data["ends_at"] = data["starts_at"]
    response = client.post(reverse("training_sessions:add"), data)
    assert response.status_code == 200 and "The session must end after it starts." in response.content.decode()


def test_raising_places_in_the_admin_promotes_people_waiting(
    client, administrator, session, school, mailoutbox, commit
):
    for _ in range(2):
        BookingFactory(session=session, membership=MembershipFactory(school=school))
    waiting = BookingFactory(session=session, membership=MembershipFactory(school=school), status="waiting", position=1)
    client.force_login(administrator)
    local = {name: timezone.localtime(getattr(session, name)).strftime("%Y-%m-%d %H:%M")
             for name in ("starts_at", "ends_at", "booking_deadline")}
    with commit():
        response = client.post(
            reverse("training_sessions:edit", args=[session.pk]),
            {"course": session.course.pk, **local, "venue": session.venue, "online_link": "", "capacity": "3",
             "trainer": session.trainer},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[waiting.person.email]]
    assert TrainingSession.history.filter(id=session.pk).count() == 2


def test_cancelling_the_session_in_the_admin_cancels_every_place_and_tells_everyone(
    client, administrator, session, school, mailoutbox, commit
):
    held = BookingFactory(session=session, membership=MembershipFactory(school=school))
    waiting = BookingFactory(session=session, membership=MembershipFactory(school=school), status="waiting", position=1)
    BookingFactory(session=session, membership=MembershipFactory(school=school), status="cancelled")
    client.force_login(administrator)
    local = {name: timezone.localtime(getattr(session, name)).strftime("%Y-%m-%d %H:%M")
             for name in ("starts_at", "ends_at", "booking_deadline")}
    with commit():
        response = client.post(
            reverse("training_sessions:edit", args=[session.pk]),
            {"course": session.course.pk, **local, "venue": session.venue, "online_link": "",
             "capacity": str(session.capacity), "trainer": session.trainer, "cancelled": "on"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Booking.objects.filter(session=session).values_list("status", flat=True)) == {"cancelled"}
    assert Booking.objects.get(pk=held.pk).cancelled_by == administrator
    told = sorted(message.to[0] for message in mailoutbox)
    assert told == sorted([held.person.email, waiting.person.email]), "not the person who had cancelled already"
    assert all(message.subject.startswith("Session cancelled:") for message in mailoutbox)
    assert "METHOD:CANCEL" in mailoutbox[0].attachments[0][1]


def test_the_administrator_cancels_a_booking_and_the_first_waiting_is_promoted(
    client, administrator, session, school, mailoutbox, commit
):
    held = [BookingFactory(session=session, membership=MembershipFactory(school=school)) for _ in range(2)]
    waiting = BookingFactory(session=session, membership=MembershipFactory(school=school), status="waiting", position=1)
    client.force_login(administrator)
    content = client.get(reverse("training_sessions:bookings", args=[session.pk])).content.decode()
    assert waiting.person.email in content and held[0].person.email in content
    url = reverse("training_sessions:cancel_booking", args=[session.pk, held[0].pk])
    assert "Yes, cancel the booking" in client.get(url).content.decode()
    with commit():
        assert client.post(url).status_code == 302
    assert Booking.objects.get(pk=held[0].pk).cancelled_by == administrator
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED
    assert waiting.person.email in [m.to[0] for m in mailoutbox]


@pytest.mark.parametrize(
    ("role", "listing", "can_add", "bookings", "can_cancel"),
    [
        (Role.ADMINISTRATOR, 200, True, 200, True),
        (Role.TEAM_MANAGER, 200, True, 200, True),
        (Role.WORKER, 200, False, 200, False),
        (Role.PUBLIC_HEALTH, 200, False, 200, False),
        (Role.EDITOR, 302, False, 302, False),
    ],
)
def test_permissions(client, role_user, session, school, role, listing, can_add, bookings, can_cancel):
    booking = BookingFactory(session=session, membership=MembershipFactory(school=school))
    client.force_login(role_user(role))
    assert client.get(INDEX).status_code == listing
    assert (client.get(reverse("training_sessions:add")).status_code == 200) is can_add
    assert client.get(reverse("training_sessions:bookings", args=[session.pk])).status_code == bookings
    client.post(reverse("training_sessions:cancel_booking", args=[session.pk, booking.pk]))
    assert (Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED) is can_cancel


def test_school_staff_cannot_reach_the_admin(client, lead, session):
    client.force_login(lead)
    response = client.get(INDEX)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
