from decimal import Decimal

import factory
import wagtail_factories

from training.models import CourseIndexPage, CoursePage


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
