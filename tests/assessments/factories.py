"""Factories for the self-assessment: framework versions, statements, assessments and responses."""

import factory

from assessments.models import Assessment, FrameworkVersion, Rating, Response, Round, Statement
from taxonomy.models import Principle
from tests.schools.factories import SchoolFactory


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkVersion

    name = factory.Sequence(lambda n: f"Framework {n}")
    status = FrameworkVersion.Status.DRAFT


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    framework = factory.SubFactory(FrameworkVersionFactory)
    principle = factory.LazyFunction(lambda: Principle.objects.get(number=1))
    text = factory.Sequence(lambda n: f"Statement {n} is true of the school.")
    sort_order = factory.Sequence(lambda n: n)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    school = factory.SubFactory(SchoolFactory)
    round = Round.BASELINE
    framework = factory.LazyFunction(lambda: FrameworkVersion.objects.current())


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    assessment = factory.SubFactory(AssessmentFactory)
    statement = factory.LazyAttribute(lambda o: o.assessment.framework.statements.first())
    rating = Rating.ACHIEVED


def current_framework():
    """The published framework version the migrations create."""
    return FrameworkVersion.objects.current()


def answer_all(assessment, ratings=None, default=Rating.ACHIEVED, user=None):
    """Rate every statement of the assessment: `ratings` maps principle number to a rating (else `default`)."""
    ratings = ratings or {}
    statements = assessment.framework.statements.select_related("principle")
    Response.objects.bulk_create(
        Response(
            assessment=assessment,
            statement=s,
            rating=ratings.get(s.principle.number, default),
            answered_by=user,
        )
        for s in statements
    )
    return assessment


def submitted_assessment(school=None, round=Round.BASELINE, ratings=None, default=Rating.ACHIEVED, when=None, **kw):
    """A submitted assessment with every statement rated."""
    from django.utils import timezone

    assessment = AssessmentFactory(
        school=school or SchoolFactory(),
        round=round,
        status=Assessment.Status.SUBMITTED,
        submitted_at=when or timezone.now(),
        **kw,
    )
    return answer_all(assessment, ratings, default)
