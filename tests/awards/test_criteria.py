"""The award's criteria are versioned as the self-assessment framework is: one published, answered ones frozen."""

from django.contrib.auth.models import Group
from django.db import IntegrityError
from django.urls import reverse
from django.utils.html import escape

import pytest

from awards.models import AwardSubmission, CriteriaVersion, Criterion, Stage
from sws_site.versioning import VersioningError, copy_as_draft, publish
from users.roles import Role

from .factories import CriterionFactory, current_criteria, start

pytestmark = pytest.mark.django_db

ADMIN = "/admin/awards/criteria/"


def test_migration_publishes_version_1_with_three_or_four_criteria_per_stage():
    version = current_criteria()
    assert version.number == 1
    assert version.status == CriteriaVersion.Status.PUBLISHED
    counts = {stage: version.criteria_for(stage).count() for stage in Stage}
    assert all(3 <= count <= 4 for count in counts.values()), counts
    bronze = [c.title for c in version.criteria_for(Stage.BRONZE)]
    assert any("Mental Health Lead" in title for title in bronze)
    assert any("self-assessment" in title for title in bronze)
    assert any("Action Plan" in title for title in bronze)


def test_publishing_a_copy_retires_the_current_version(manager):
    current = current_criteria()
    draft = copy_as_draft(current)
    assert draft.number == 2 and draft.status == CriteriaVersion.Status.DRAFT
    fields = ("stage", "title", "guidance", "sort_order")
    assert list(draft.criteria.order_by("pk").values_list(*fields)) == list(
        current.criteria.order_by("sort_order", "pk").values_list(*fields)
    )
    publish(draft, manager)
    current.refresh_from_db()
    assert current.status == CriteriaVersion.Status.RETIRED
    assert CriteriaVersion.objects.current() == draft


def test_only_one_version_is_published_and_only_drafts_with_criteria_publish(manager):
    with pytest.raises(IntegrityError):
        CriteriaVersion.objects.create(name="Another", status=CriteriaVersion.Status.PUBLISHED)


def test_an_empty_draft_cannot_be_published(manager):
    with pytest.raises(VersioningError, match="at least one criterion"):
        publish(CriteriaVersion.objects.create(name="Empty"), manager)
    with pytest.raises(VersioningError, match="Only a draft"):
        publish(current_criteria(), manager)


def test_a_submission_stays_on_the_version_it_started_with(school, lead, manager):
    submission = start(school, lead)
    original = submission.criteria_version
    draft = copy_as_draft(original)
    CriterionFactory(version=draft, stage=Stage.BRONZE, title="A new Bronze criterion")
    publish(draft, manager)
    submission = AwardSubmission.objects.get(pk=submission.pk)
    assert submission.criteria_version == original
    assert "A new Bronze criterion" not in [c.title for c in submission.criteria()]


def test_a_version_with_submissions_is_frozen_in_the_admin(client, school, lead, role_user):
    version = start(school, lead).criteria_version
    client.force_login(role_user(Role.EDITOR))
    response = client.get(f"{ADMIN}edit/{version.pk}/", follow=True)
    assert response.redirect_chain[0][0] == f"{ADMIN}inspect/{version.pk}/"
    assert "can no longer be changed" in response.content.decode()
    client.post(f"{ADMIN}delete/{version.pk}/")
    assert CriteriaVersion.objects.filter(pk=version.pk).exists()


def test_editors_copy_and_the_team_manager_publishes_in_the_admin(client, role_user, manager):
    current = current_criteria()
    client.force_login(role_user(Role.EDITOR))
    listing = client.get(ADMIN).content.decode()
    assert "Copy as new draft" in listing and f"{ADMIN}publish/" not in listing
    response = client.post(f"{ADMIN}copy-draft/{current.pk}/")
    draft = CriteriaVersion.objects.get(number=2)
    assert response.url == f"{ADMIN}edit/{draft.pk}/"
    assert client.post(f"{ADMIN}publish/{draft.pk}/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == CriteriaVersion.Status.DRAFT

    client.force_login(manager)
    confirm = client.get(f"{ADMIN}publish/{draft.pk}/").content.decode()
    assert "Schools starting a stage will answer this version" in confirm
    client.post(f"{ADMIN}publish/{draft.pk}/")
    assert CriteriaVersion.objects.current() == draft


def test_the_inspect_page_lists_the_criteria_by_stage(client, manager):
    client.force_login(manager)
    content = client.get(f"{ADMIN}inspect/{current_criteria().pk}/").content.decode()
    for criterion in Criterion.objects.filter(version=current_criteria())[:3]:
        assert escape(criterion.title) in content


def test_roles_hold_the_criteria_permissions():
    def codenames(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    assert {"add_criteriaversion", "change_criteriaversion"} <= codenames(Role.EDITOR)
    assert "publish_criteriaversion" not in codenames(Role.EDITOR)
    assert "publish_criteriaversion" in codenames(Role.TEAM_MANAGER)
    for role in (Role.WORKER, Role.STEERING_GROUP, Role.TEAM_MANAGER):
        assert "view_awardsubmission" in codenames(role)
    assert "change_criteriaversion" not in codenames(Role.WORKER)


def test_admin_urls_reverse():
    assert reverse("awards_criteria:list") == ADMIN


def test_the_admin_menu_has_the_award_and_its_submissions(client, manager):
    client.force_login(manager)
    menu = client.get("/admin/").content.decode()
    assert "Mental health award" in menu
    assert "Criteria versions" in menu
    assert "Award submissions" in menu and "Action plans" in menu
