from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory
import wagtail_factories

from tests.schools.factories import MembershipFactory
from training.models import Booking, CourseIndexPage, CoursePage, TrainingSession


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Training courses"
    slug = "training"
    summary = "Courses for school staff and pupils."


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Course {n:04d}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = factory.Sequence(lambda n: f"What course {n} covers.")
    length = "1 day"
    duration_hours = Decimal("6")
    delivery = CoursePage.Delivery.IN_PERSON
    outcomes = factory.LazyFunction(lambda: [{"type": "outcome", "value": "spot the signs of anxiety"}])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        """`tags={"audiences": [...], "topics": [...], "principles": [...]}` sets the vocabularies."""
        if create and extracted:
            for name, terms in extracted.items():
                getattr(self, name).set(terms)
            self.save()


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A session in a week's time, booking open until two days before."""

    class Meta:
        model = TrainingSession

    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    booking_deadline = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=2))
    venue = "Training Room 2, The Civic Centre, Grays"
    capacity = 10
    trainer = "Priya Westbrook"


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed place for a member of staff of a school, booked by themself."""

    class Meta:
        model = Booking

    session = factory.SubFactory(TrainingSessionFactory)
    person = factory.LazyAttribute(lambda o: o.membership.user)
    school = factory.LazyAttribute(lambda o: o.membership.school)
    booked_by = factory.LazyAttribute(lambda o: o.person)
    status = Booking.Status.CONFIRMED

    class Params:
        membership = factory.SubFactory(MembershipFactory)
