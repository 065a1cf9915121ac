from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page

import factory

from questionnaires.services import record_response
from tests.schools.factories import MembershipFactory
from tests.training.factories import CourseIndexPageFactory, CoursePageFactory
from training.models import Booking, TrainingSession


def course():
    """A course page under a catalogue under the root, without building the demo site."""
    root = Page.objects.get(depth=1)
    catalogue = CourseIndexPageFactory(parent=root, slug=f"training-{Page.objects.count()}")
    return CoursePageFactory(parent=catalogue, title="Responding to self-harm")


class SessionFactory(factory.django.DjangoModelFactory):
    """A three-hour session that ended yesterday."""

    class Meta:
        model = TrainingSession

    course = factory.LazyFunction(course)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) - timedelta(days=1, hours=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    booking_deadline = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=2))
    venue = "Training Room 2, The Civic Centre, Grays"
    capacity = 20
    trainer = "Priya Westbrook"


class PlaceFactory(factory.django.DjangoModelFactory):
    """A confirmed booking for a member of staff of a school."""

    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    person = factory.LazyAttribute(lambda o: o.membership.user)
    school = factory.LazyAttribute(lambda o: o.membership.school)
    booked_by = factory.LazyAttribute(lambda o: o.person)
    status = Booking.Status.CONFIRMED

    class Params:
        membership = factory.SubFactory(MembershipFactory)


def ratings(confidence=3, knowledge=3, understanding=3, access=3):
    """The four ratings of one answer."""
    return {
        "confidence": confidence,
        "knowledge": knowledge,
        "thrive_understanding": understanding,
        "thrive_access": access,
    }


def answer(person, kind, *, school, booking=None, period=None, **scores):
    """Record one answer through the service, as the portal does (so pairs are linked)."""
    return record_response(person, school, kind, ratings(**scores), booking=booking, support_period=period)
