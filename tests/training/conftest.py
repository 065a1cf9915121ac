"""A published course to hold sessions, sessions in the future and past, and a staff member to book."""

from datetime import timedelta

from django.core.management import call_command
from django.db import connections
from django.utils import timezone

import pytest

from home.demo_content import build_site
from tests.schools.factories import MembershipFactory
from tests.training.factories import CourseIndexPageFactory, CoursePageFactory, TrainingSessionFactory


@pytest.fixture
def catalogue(db):
    return CourseIndexPageFactory(parent=build_site()["home"])


@pytest.fixture
def course(catalogue):
    return CoursePageFactory(parent=catalogue, title="Youth Mental Health First Aid", lead_must_attend=True)


@pytest.fixture
def session(course):
    return TrainingSessionFactory(course=course, capacity=2)


@pytest.fixture
def past_session(course):
    starts_at = timezone.now().replace(microsecond=0) - timedelta(days=3)
    return TrainingSessionFactory(
        course=course, starts_at=starts_at, booking_deadline=starts_at - timedelta(days=2)
    )


@pytest.fixture
def colleague(school):
    """Another member of staff of `school`, with a name nothing else on a page could contain by chance."""
    return MembershipFactory(school=school, user__first_name="Cosmo", user__last_name="Colleaguely").user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` sends the emails queued inside it, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def invited(monkeypatch):
    """Bookings `questionnaires.services.invite_after_training` was called with."""
    calls = []
    monkeypatch.setattr("questionnaires.services.invite_after_training", calls.append)
    return calls


@pytest.fixture(scope="session")
def migrated_data_restored(django_db_setup, django_db_blocker, django_db_keepdb):
    """Put back what the migrations created after transactional tests emptied the tables (see tests/workflows)."""
    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if getattr(connections[alias], "_test_serialized_contents", None)
    }
    yield
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        for alias, data in contents.items():
            call_command(
                "flush", database=alias, interactive=False, verbosity=0, reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connections[alias].creation.deserialize_db_from_string(data)
