"""The public "what's on" listing and the sessions on each course page."""

import re
from datetime import datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from taxonomy.models import Topic
from tests.schools.factories import MembershipFactory
from tests.training.factories import BookingFactory, CoursePageFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

WHATS_ON = reverse("training_public:whats_on")


def titles(content):
    return re.findall(r'<h3 class="govuk-summary-card__title"><a class="govuk-link" href="[^"]+">([^<]+)</a>', content)


def months(content):
    return re.findall(r'<h2 class="govuk-heading-l">([^<]+)</h2>', content)


def on(days, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_upcoming_sessions_of_published_courses_by_month_with_places(client, catalogue, course, school):
    draft = CoursePageFactory(parent=catalogue, title="Draft course", live=False)
    other = CoursePageFactory(parent=catalogue, title="Anxiety awareness workshop")
    TrainingSessionFactory(course=draft, starts_at=on(3))
    TrainingSessionFactory(course=course, starts_at=on(-3))
    TrainingSessionFactory(course=course, starts_at=on(4), cancelled=True)
    soon = TrainingSessionFactory(course=other, starts_at=on(5), capacity=1)
    BookingFactory(session=soon, membership=MembershipFactory(school=school))
    later = TrainingSessionFactory(course=course, starts_at=on(40), capacity=3)
    BookingFactory(session=later, membership=MembershipFactory(school=school))

    response = client.get(WHATS_ON)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert titles(content) == ["Anxiety awareness workshop", "Youth Mental Health First Aid"]
    assert months(content) == sorted({f"{on(5):%B %Y}", f"{on(40):%B %Y}"}, key=lambda m: datetime.strptime(m, "%B %Y"))
    assert "Full — join the waiting list" in content and "2 places left" in content
    assert reverse("portal:training:book", args=[later.pk]) in content
    assert "2 sessions" in content


def test_filter_by_course_and_by_topic(client, catalogue, course):
    anxiety = Topic.objects.get(slug="anxiety")
    other = CoursePageFactory(parent=catalogue, title="Anxiety awareness workshop", tags={"topics": [anxiety]})
    TrainingSessionFactory(course=course, starts_at=on(5))
    TrainingSessionFactory(course=other, starts_at=on(6))
    assert titles(client.get(WHATS_ON, {"course": course.slug}).content.decode()) == [course.title]
    content = client.get(WHATS_ON, {"topic": "anxiety"}).content.decode()
    assert titles(content) == ["Anxiety awareness workshop"]
    assert '<option value="anxiety" selected>Anxiety</option>' in content
    assert "No sessions are planned that match" in client.get(WHATS_ON, {"topic": "self-harm"}).content.decode()


def test_whats_on_is_paginated_and_keeps_filters(client, course):
    for day in range(25):
        TrainingSessionFactory(course=course, starts_at=on(day + 1))
    first = client.get(WHATS_ON, {"course": course.slug}).content.decode()
    assert len(titles(first)) == 20
    assert f'href="?course={course.slug}&amp;page=2"' in first
    assert len(titles(client.get(WHATS_ON, {"course": course.slug, "page": 2}).content.decode())) == 5


def test_whats_on_query_count_does_not_grow(client, catalogue, course, school, django_assert_num_queries):
    def add(count):
        for index in range(count):
            session = TrainingSessionFactory(
                course=CoursePageFactory(parent=catalogue) if index % 2 else course, starts_at=on(index + 1)
            )
            BookingFactory(session=session, membership=MembershipFactory(school=school))

    add(2)
    client.get(WHATS_ON)
    with CaptureQueriesContext(connection) as small:
        client.get(WHATS_ON)
    add(18)
    with django_assert_num_queries(len(small)):
        content = client.get(WHATS_ON).content.decode()
    assert len(titles(content)) == 20


def test_the_course_page_lists_its_upcoming_sessions(client, course, school):
    full = TrainingSessionFactory(course=course, starts_at=on(10), capacity=1)
    BookingFactory(session=full, membership=MembershipFactory(school=school))
    BookingFactory(session=full, membership=MembershipFactory(school=school), status="waiting", position=1)
    open_session = TrainingSessionFactory(course=course, starts_at=on(20), venue="", online_link="https://x.example")
    TrainingSessionFactory(course=course, starts_at=on(-2))
    content = client.get(course.url).content.decode()
    assert "How to book" in content
    assert content.count('<h3 class="govuk-summary-card__title">') == 2
    assert "Full — join the waiting list" in content and "1 waiting" in content
    assert "10 places left" in content and "Online" in content
    assert reverse("portal:training:book", args=[open_session.pk]) in content
    assert f"{WHATS_ON}?course={course.slug}" in content


def test_a_course_without_sessions_says_so(client, course):
    assert "No sessions of this course are planned" in client.get(course.url).content.decode()


def test_course_page_query_count_does_not_grow_with_sessions(client, course, school, django_assert_num_queries):
    def add(count):
        for index in range(count):
            session = TrainingSessionFactory(course=course, starts_at=on(index + 1))
            BookingFactory(session=session, membership=MembershipFactory(school=school))

    add(1)
    client.get(course.url)
    with CaptureQueriesContext(connection) as small:
        client.get(course.url)
    add(8)
    with django_assert_num_queries(len(small)):
        content = client.get(course.url).content.decode()
    assert content.count('<h3 class="govuk-summary-card__title">') == 9
