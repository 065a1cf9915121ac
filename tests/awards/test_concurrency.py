"""Two steering-group members completing the quorum at the same moment make exactly one award (PostgreSQL)."""

from django.db import connection

from wagtail.models import ModelLogEntry

import pytest

from awards.models import Award, AwardSubmission
from tests.schools.factories import ClusterAssignmentFactory, LeadFactory, SchoolFactory
from tests.workflows.conftest import migrated_data_restored  # noqa: F401 (fixture)
from tests.workflows.test_concurrency import race
from workflows.moderation import decide

from .factories import at_steering_step

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
]

ROUNDS = 5


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so nothing races")


def reload(submission):
    return AwardSubmission.objects.get(pk=submission.pk)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_members_approving_at_once_make_one_award(steering, round_):
    school = SchoolFactory()
    lead = LeadFactory(school=school).user
    worker = ClusterAssignmentFactory(cluster=school.cluster).worker
    submission = at_steering_step(school, lead, worker)

    raised = race(
        lambda: decide(reload(submission), steering[0], "approve"),
        lambda: decide(reload(submission), steering[1], "approve"),
    )

    assert raised == [None, None]
    submission = reload(submission)
    assert submission.live and not submission.in_review
    assert Award.objects.filter(school=school).count() == 1
    assert Award.objects.get(school=school).submission == submission
    assert ModelLogEntry.objects.for_instance(submission).filter(action="wagtail.publish").count() == 1
