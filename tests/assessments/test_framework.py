"""The framework is versioned: one published version, answered versions frozen, new versions copied."""

from django.contrib.auth.models import Group
from django.db import IntegrityError
from django.urls import reverse

import pytest

from assessments.framework import FrameworkError, copy_as_draft, publish
from assessments.models import FrameworkVersion, Statement
from taxonomy.models import Principle
from tests.assessments.factories import AssessmentFactory, FrameworkVersionFactory, StatementFactory
from users.roles import Role

pytestmark = pytest.mark.django_db

ADMIN = "/admin/assessments/framework/"


def test_migration_publishes_version_1_with_statements_for_every_principle(framework):
    assert framework.number == 1
    assert framework.status == FrameworkVersion.Status.PUBLISHED
    counts = {p.number: framework.statements.filter(principle=p).count() for p in Principle.objects.all()}
    assert sorted(counts) == list(range(1, 9))
    assert all(3 <= count <= 5 for count in counts.values()), counts


def test_publishing_a_draft_retires_the_current_version(framework, manager):
    draft = copy_as_draft(framework)
    publish(draft, manager)
    framework.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == FrameworkVersion.Status.PUBLISHED
    assert draft.published_by == manager
    assert framework.status == FrameworkVersion.Status.RETIRED
    assert FrameworkVersion.objects.current() == draft


def test_only_one_version_can_be_published(framework):
    with pytest.raises(IntegrityError):
        FrameworkVersionFactory(status=FrameworkVersion.Status.PUBLISHED)


def test_only_a_draft_with_statements_can_be_published(framework, manager):
    with pytest.raises(FrameworkError):
        publish(framework, manager)
    with pytest.raises(FrameworkError, match="at least one statement"):
        publish(FrameworkVersionFactory(), manager)


def test_copy_as_draft_copies_every_statement_into_a_new_numbered_draft(framework):
    draft = copy_as_draft(framework)
    assert draft.number == 2
    assert draft.status == FrameworkVersion.Status.DRAFT
    original = list(framework.statements.order_by("sort_order").values_list("principle_id", "text", "guidance"))
    copied = list(draft.statements.order_by("sort_order").values_list("principle_id", "text", "guidance"))
    assert copied == original
    new_ids = set(draft.statements.values_list("pk", flat=True))
    assert not new_ids & set(framework.statements.values_list("pk", flat=True))


def test_a_school_keeps_the_version_it_answered_when_a_new_one_is_published(framework, manager):
    assessment = AssessmentFactory()
    publish(copy_as_draft(framework), manager)
    assessment.refresh_from_db()
    assert assessment.framework == framework


def test_answered_version_cannot_be_edited_in_the_admin(client, framework, role_user):
    AssessmentFactory(framework=framework)
    editor = role_user(Role.EDITOR)
    client.force_login(editor)
    edit_url = f"{ADMIN}edit/{framework.pk}/"
    response = client.get(edit_url, follow=True)
    assert response.redirect_chain[0][0] == f"{ADMIN}inspect/{framework.pk}/"
    assert "can no longer be changed" in response.content.decode()
    response = client.post(edit_url, {"name": "Changed"})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.name != "Changed"


def test_answered_version_cannot_be_deleted(client, framework, manager):
    AssessmentFactory(framework=framework)
    client.force_login(manager)
    response = client.post(f"{ADMIN}delete/{framework.pk}/")
    assert response.status_code == 302
    assert FrameworkVersion.objects.filter(pk=framework.pk).exists()


def test_unanswered_draft_can_be_edited_in_the_admin(client, role_user):
    draft = FrameworkVersionFactory(name="Draft two")
    statement = StatementFactory(framework=draft)
    client.force_login(role_user(Role.EDITOR))
    assert client.get(f"{ADMIN}edit/{draft.pk}/").status_code == 200
    data = {
        "name": "Draft two, revised",
        "introduction": "",
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "1",
        "statements-MIN_NUM_FORMS": "1",
        "statements-MAX_NUM_FORMS": "1000",
        "statements-0-id": str(statement.pk),
        "statements-0-ORDER": "1",
        "statements-0-DELETE": "",
        "statements-0-principle": str(Principle.objects.get(number=4).pk),
        "statements-0-text": "Pupils shape the wellbeing plan.",
        "statements-0-guidance": "",
    }
    response = client.post(f"{ADMIN}edit/{draft.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    draft.refresh_from_db()
    assert draft.name == "Draft two, revised"
    assert Statement.objects.get(pk=statement.pk).text == "Pupils shape the wellbeing plan."


def test_editor_copies_but_cannot_publish_in_the_admin(client, framework, role_user):
    client.force_login(role_user(Role.EDITOR))
    listing = client.get(ADMIN).content.decode()
    assert "Copy as new draft" in listing
    assert f"{ADMIN}publish/" not in listing
    response = client.post(f"{ADMIN}copy-draft/{framework.pk}/")
    draft = FrameworkVersion.objects.get(number=2)
    assert response.url == f"{ADMIN}edit/{draft.pk}/"
    refused = client.post(f"{ADMIN}publish/{draft.pk}/")
    assert refused.status_code == 302 and refused.url == "/admin/"  # the admin's answer to PermissionDenied
    draft.refresh_from_db()
    assert draft.status == FrameworkVersion.Status.DRAFT


def test_team_manager_publishes_in_the_admin(client, framework, manager):
    draft = copy_as_draft(framework)
    client.force_login(manager)
    assert "Schools will answer this version" in client.get(f"{ADMIN}publish/{draft.pk}/").content.decode()
    client.post(f"{ADMIN}publish/{draft.pk}/")
    assert FrameworkVersion.objects.current() == draft


def test_inspect_lists_the_statements(client, framework, manager):
    client.force_login(manager)
    content = client.get(f"{ADMIN}inspect/{framework.pk}/").content.decode()
    assert framework.statements.first().text.split(",")[0] in content


def test_roles_hold_the_framework_permissions(db):
    editor = set(Group.objects.get(name=Role.EDITOR).permissions.values_list("codename", flat=True))
    manager = set(Group.objects.get(name=Role.TEAM_MANAGER).permissions.values_list("codename", flat=True))
    assert {"add_frameworkversion", "change_frameworkversion"} <= editor
    assert "publish_frameworkversion" not in editor
    assert {"publish_frameworkversion", "send_feedback_report"} <= manager
    worker = set(Group.objects.get(name=Role.WORKER).permissions.values_list("codename", flat=True))
    assert not {"change_frameworkversion", "send_feedback_report"} & worker


def test_admin_url_reverses(db):
    assert reverse("assessments_framework:list") == ADMIN
