"""A stage can be started and submitted only while the school holds the stage before it, in date."""

from django.urls import reverse

import pytest

from awards.models import AwardSubmission, Stage, progression_problem
from workflows.moderation import SubmissionError, submit

from .factories import drafted, held_award

pytestmark = pytest.mark.django_db


def start_url(school, stage):
    return reverse("portal:awards:start", args=[school.urn, stage.slug])


def test_bronze_can_always_be_started(client, school, lead):
    client.force_login(lead)
    client.post(start_url(school, Stage.BRONZE))
    assert AwardSubmission.objects.filter(school=school, stage=Stage.BRONZE).exists()


def test_silver_is_refused_without_a_bronze_award(client, school, lead):
    client.force_login(lead)
    response = client.post(start_url(school, Stage.SILVER), follow=True)
    assert not AwardSubmission.objects.filter(stage=Stage.SILVER).exists()
    assert "only while the school holds a Bronze award that is in date" in response.content.decode()


@pytest.mark.parametrize("award", [{"days_left": -1}, {"revoked": True}], ids=["expired", "revoked"])
def test_silver_is_refused_when_bronze_is_expired_or_revoked(client, school, lead, award):
    held_award(school, Stage.BRONZE, **award)
    assert progression_problem(school, Stage.SILVER)
    client.force_login(lead)
    client.post(start_url(school, Stage.SILVER))
    assert not AwardSubmission.objects.filter(stage=Stage.SILVER).exists()


def test_silver_is_allowed_with_a_valid_bronze_award_even_if_expiring_soon(client, school, lead):
    held_award(school, Stage.BRONZE, days_left=30)
    assert progression_problem(school, Stage.SILVER) is None
    client.force_login(lead)
    client.post(start_url(school, Stage.SILVER))
    assert AwardSubmission.objects.filter(school=school, stage=Stage.SILVER).exists()


def test_gold_needs_silver_not_only_bronze(school):
    held_award(school, Stage.BRONZE)
    assert progression_problem(school, Stage.GOLD)
    held_award(school, Stage.SILVER)
    assert progression_problem(school, Stage.GOLD) is None


def test_submitting_silver_is_refused_if_bronze_expired_since_it_was_started(school, lead):
    bronze = held_award(school, Stage.BRONZE)
    silver = drafted(school, lead, Stage.SILVER)
    bronze.revoked_at = bronze.awarded_at
    bronze.save()
    with pytest.raises(SubmissionError, match="Bronze award that is in date"):
        submit(silver, lead)


def test_the_overview_explains_why_a_stage_cannot_start(client, school, lead):
    client.force_login(lead)
    page = client.get(reverse("portal:awards:overview", args=[school.urn])).content.decode()
    assert "Start Bronze" in page
    assert "Start Silver" not in page
    assert "Cannot start yet" in page
