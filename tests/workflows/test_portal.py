"""The action plan in the portal, over HTTP, as each person who may (or may not) see it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from assessments.models import Rating, Round
from taxonomy.models import Principle
from tests.assessments.factories import submitted_assessment
from tests.schools.factories import ClusterAssignmentFactory, LeadFactory, SchoolFactory
from workflows.models import ActionPlan
from workflows.moderation import decide

from .factories import ActionFactory, approved_plan, change_draft, draft_plan, submitted_plan

pytestmark = pytest.mark.django_db

READING = ["plan", "history", "compare"]
EDITING = ["start", "summary", "add_action", "change_action", "remove_action", "submit", "withdraw"]
WITH_KEY = {"change_action", "remove_action"}
REVIEWING = "Your plan is being reviewed, so it cannot be changed."


def reload(plan):
    return ActionPlan.objects.get(pk=plan.pk)


def url(name, plan, key=None):
    """The URL of an action plan page; change and remove name the plan's first draft action by default."""
    kwargs = {"urn": plan.school.urn}
    if name in WITH_KEY:
        kwargs["key"] = key or plan.get_draft().actions.all()[0].key
    return reverse(f"portal:action_plans:{name}", kwargs=kwargs)


def requests_for(names):
    """(name, method) pairs: every page by GET and POST, except starting a plan, which is POST only."""
    return [(name, method) for name in names for method in ("get", "post") if (name, method) != ("start", "get")]


def action_data(chosen, **overrides):
    """A valid add/change action form, with GOV.UK date inputs split into day, month and year."""
    data = {
        "principle": chosen.pk,
        "objective": "Train every member of staff in Mental Health First Aid",
        "intervention": "",
        "owner": "Head of PSHE",
        "start_date_0": "7",
        "start_date_1": "9",
        "start_date_2": "2026",
        "due_date_0": "16",
        "due_date_1": "7",
        "due_date_2": "2027",
        "success_measure": "Every member of staff holds the certificate",
        "status": "not_started",
        "progress_notes": "",
    }
    data.update(overrides)
    return data


def checked(content, name):
    """The values of the radio buttons called `name` that are checked."""
    return re.findall(rf'<input\s[^>]*name="{name}"[^>]*value="([^"]*)"\s*checked', content)


def draft_objectives(plan):
    return [action.objective for action in reload(plan).get_draft().actions.all()]


@pytest.fixture(autouse=True)
def self_assessed(school):
    """`school` has submitted its baseline self-assessment, with no weak principles.

    Without one the plan page fails (see `test_plan_page_of_a_school_without_a_self_assessment`), so the
    other tests start where schools do: the plan follows the self-assessment.
    """
    return submitted_assessment(school)


@pytest.fixture
def plan(school, lead):
    """A never-submitted plan of `school` with two actions."""
    return draft_plan(school, lead, actions=2)


@pytest.fixture
def principle(db):
    return Principle.objects.get(number=4)


# Who may reach the pages


@pytest.mark.parametrize(("name", "method"), requests_for(READING + EDITING))
@pytest.mark.parametrize("outsider", ["other_lead", "other_worker"])
def test_people_from_elsewhere_get_a_404_and_change_nothing(client, request, plan, name, method, outsider):
    """Another school's lead and a worker of another cluster do not learn the plan exists."""
    client.force_login(request.getfixturevalue(outsider))
    response = getattr(client, method)(url(name, plan))
    assert response.status_code == 404
    assert reload(plan).latest_revision_id == plan.latest_revision_id
    assert not WorkflowState.objects.exists()


@pytest.mark.parametrize(("name", "method"), requests_for(READING + EDITING))
def test_anonymous_visitors_are_sent_to_sign_in(client, plan, name, method):
    """Every page asks an anonymous visitor to sign in, and comes back afterwards."""
    target = url(name, plan)
    response = getattr(client, method)(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("users:login"))
    assert "next=" in response.url


@pytest.mark.parametrize("name", READING)
@pytest.mark.parametrize("reader", ["staff_member", "worker"])
def test_staff_and_the_assigned_worker_read_the_plan(client, request, plan, name, reader):
    """A member of staff and the cluster's worker see the plan, its history and what changed."""
    client.force_login(request.getfixturevalue(reader))
    response = client.get(url(name, plan))
    assert response.status_code == 200
    assert plan.school.name in response.content.decode()


@pytest.mark.parametrize(("name", "method"), requests_for(EDITING))
@pytest.mark.parametrize("reader", ["staff_member", "worker"])
def test_staff_and_the_assigned_worker_may_not_change_the_plan(client, request, plan, name, method, reader):
    """Only the lead or head teacher writes, submits or withdraws the plan."""
    client.force_login(request.getfixturevalue(reader))
    response = getattr(client, method)(url(name, plan), action_data(Principle.objects.first()))
    assert response.status_code == 403
    assert reload(plan).latest_revision_id == plan.latest_revision_id
    assert not WorkflowState.objects.exists()


def test_plan_page_hides_editing_from_readers(client, plan, staff_member):
    """Staff see the actions but no change, add or submit links."""
    client.force_login(staff_member)
    content = client.get(url("plan", plan)).content.decode()
    assert plan.get_draft().actions.all()[0].objective in content
    assert url("add_action", plan) not in content
    assert url("submit", plan) not in content
    assert url("change_action", plan) not in content


# The lead writes the plan


def test_lead_starts_a_plan_once(client, school, lead):
    """Starting creates the plan with an empty first draft; starting again adds nothing."""
    client.force_login(lead)
    page = client.get(reverse("portal:action_plans:plan", args=[school.urn])).content.decode()
    assert "Start your action plan" in page

    response = client.post(reverse("portal:action_plans:start", args=[school.urn]), follow=True)
    plan = ActionPlan.objects.get(school=school)
    assert response.redirect_chain[-1][0] == reverse("portal:action_plans:plan", args=[school.urn])
    content = response.content.decode()
    assert "Your action plan has been started" in content
    assert "Your plan (draft)" in content
    assert not plan.live and plan.latest_revision is not None

    client.post(reverse("portal:action_plans:start", args=[school.urn]))
    assert ActionPlan.objects.filter(school=school).count() == 1
    assert plan.revisions.count() == 1


def test_lead_adds_an_action_and_sees_it_on_the_plan(client, plan, lead, principle):
    """The GOV.UK date inputs become dates on a new action in the draft."""
    client.force_login(lead)
    assert client.get(url("add_action", plan)).status_code == 200
    response = client.post(url("add_action", plan), action_data(principle), follow=True)

    assert "The action has been saved in your draft." in response.content.decode()
    draft = reload(plan).get_draft()
    added = [action for action in draft.actions.all() if action.objective.startswith("Train every")]
    assert len(added) == 1
    assert added[0].principle == principle
    assert str(added[0].start_date) == "2026-09-07"
    assert str(added[0].due_date) == "2027-07-16"
    assert len(draft.actions.all()) == 3
    content = client.get(url("plan", plan)).content.decode()
    assert "Train every member of staff in Mental Health First Aid" in content
    assert "7 September 2026 to 16 July 2027" in content
    assert "Actions (3)" in content


def test_lead_changes_an_action(client, plan, lead, principle):
    """The change form is filled in with the action; saving keeps its key and changes its fields."""
    client.force_login(lead)
    first = plan.get_draft().actions.all()[0]
    form = client.get(url("change_action", plan, first.key)).content.decode()
    assert first.objective in form
    assert 'name="due_date_2" value="2027"' in form

    client.post(url("change_action", plan, first.key), action_data(principle, objective="Changed objective"))
    actions = reload(plan).get_draft().actions.all()
    changed = [action for action in actions if action.key == first.key]
    assert [action.objective for action in changed] == ["Changed objective"]
    assert changed[0].owner == "Head of PSHE"
    assert len(actions) == 2
    assert "Changed objective" in client.get(url("plan", plan)).content.decode()


def test_lead_removes_an_action_after_confirming(client, plan, lead):
    """The confirmation page changes nothing; the POST takes the action out of the draft."""
    client.force_login(lead)
    first, second = plan.get_draft().actions.all()
    page = client.get(url("remove_action", plan, first.key)).content.decode()
    assert "Are you sure you want to remove this action?" in page
    assert first.objective in page
    assert len(draft_objectives(plan)) == 2

    response = client.post(url("remove_action", plan, first.key))
    assert response.status_code == 302
    assert draft_objectives(plan) == [second.objective]
    assert client.get(url("change_action", plan, first.key)).status_code == 404


def test_lead_edits_the_summary(client, plan, lead):
    """The summary is saved in the draft, not on the (never approved) row."""
    client.force_login(lead)
    assert "Every pupil knows a trusted adult." in client.get(url("summary", plan)).content.decode()
    client.post(url("summary", plan), {"summary": "Calmer lunchtimes for every year group."})
    plan = reload(plan)
    assert plan.get_draft().summary == "Calmer lunchtimes for every year group."
    assert "Calmer lunchtimes for every year group." in client.get(url("plan", plan)).content.decode()


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        (
            {"due_date_0": "1", "due_date_1": "9", "due_date_2": "2026"},
            ["The due date must be the same as or after the start date"],
        ),
        (
            {"principle": "", "objective": "", "owner": "", "success_measure": ""},
            [
                "Select the principle this action is for",
                "Enter what you will do",
                "Enter who is responsible",
                "Enter how you will know it has worked",
            ],
        ),
    ],
    ids=["due-before-start", "missing-fields"],
)
def test_action_form_errors_are_summarised_and_change_nothing(client, plan, lead, principle, overrides, messages):
    """Errors show the GOV.UK error summary and "Error:" in the title; the draft stays as it was."""
    client.force_login(lead)
    for name in ("add_action", "change_action"):
        response = client.post(url(name, plan), action_data(principle, **overrides))
        content = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in content
        assert "<title>Error: " in content
        for message in messages:
            assert message in content
    assert reload(plan).latest_revision_id == plan.latest_revision_id


def test_missing_dates_are_errors(client, plan, lead, principle):
    """Leaving out a date is an error against that date, not a crash."""
    client.force_login(lead)
    blank = {f"{name}_{part}": "" for name in ("start_date", "due_date") for part in range(3)}
    response = client.post(url("add_action", plan), action_data(principle, **blank))
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert reload(plan).latest_revision_id == plan.latest_revision_id


# Submitting and withdrawing


def test_lead_submits_through_the_submit_page(client, plan, lead):
    """The check page lists the draft; the POST sends it to the assigned worker."""
    client.force_login(lead)
    page = client.get(url("submit", plan)).content.decode()
    assert "Check your plan before you submit it" in page
    assert "Submit for approval" in page

    response = client.post(url("submit", plan), follow=True)
    assert "Your action plan has been submitted" in response.content.decode()
    plan = reload(plan)
    assert plan.in_review
    assert plan.current_workflow_task_state.revision_id == plan.latest_revision_id


def test_submit_page_explains_why_a_plan_without_actions_cannot_go(client, school, lead):
    """The problems are listed in an error summary, and a POST does not start a review."""
    plan = draft_plan(school, lead, actions=0)
    client.force_login(lead)
    page = client.get(url("submit", plan)).content.decode()
    assert "Add at least one action before you submit the plan." in page
    assert "Submit for approval" not in page
    response = client.post(url("submit", plan), follow=True)
    assert "Add at least one action before you submit the plan." in response.content.decode()
    assert not reload(plan).in_review


@pytest.mark.parametrize(
    ("name", "method"), requests_for(["summary", "add_action", "change_action", "remove_action", "submit"])
)
def test_while_in_review_every_editing_page_sends_the_lead_back(client, school, lead, principle, name, method):
    """Nothing changes while the reviewers have the plan; the lead is told why."""
    plan = submitted_plan(school, lead)
    client.force_login(lead)
    target = url(name, plan)
    response = getattr(client, method)(target, action_data(principle, summary="Changed in review"))
    assert response.status_code == 302
    assert response.url == url("plan", plan)
    assert REVIEWING in client.get(response.url).content.decode()
    plan_now = reload(plan)
    assert plan_now.latest_revision_id == plan.latest_revision_id
    assert plan_now.in_review
    assert draft_objectives(plan_now) == draft_objectives(plan)


def test_plan_page_tells_the_school_it_is_being_reviewed(client, school, lead):
    """The banner names the step and offers withdrawal; the editing links are gone."""
    plan = submitted_plan(school, lead)
    client.force_login(lead)
    content = client.get(url("plan", plan)).content.decode()
    assert "Your plan is being reviewed, so you cannot change it." in content
    assert "assigned worker review" in content
    assert url("withdraw", plan) in content
    assert url("add_action", plan) not in content
    assert "In review" in content


def test_lead_withdraws_the_plan_from_review(client, school, lead):
    """The confirmation page changes nothing; the POST cancels the review."""
    plan = submitted_plan(school, lead)
    client.force_login(lead)
    assert "Are you sure you want to withdraw" in client.get(url("withdraw", plan)).content.decode()
    assert reload(plan).in_review

    response = client.post(url("withdraw", plan), follow=True)
    assert "Your plan has been withdrawn from review" in response.content.decode()
    plan = reload(plan)
    assert not plan.in_review
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    assert client.get(url("add_action", plan)).status_code == 200


def test_withdrawing_a_plan_that_is_not_in_review_says_so(client, plan, lead):
    """A stale withdraw button gives a message, not an error page."""
    client.force_login(lead)
    response = client.post(url("withdraw", plan), follow=True)
    assert "It is not with the reviewers." in response.content.decode()
    assert not WorkflowState.objects.exists()


# Suggestions from the self-assessment


def test_weak_principles_are_suggested_with_a_prefilled_add_link(client, plan, lead, school):
    """Each weak principle of the latest self-assessment links to the add form with that principle chosen."""
    submitted_assessment(school, round=Round.REVIEW, ratings={3: Rating.NOT_IN_PLACE, 6: Rating.WORKING_TOWARDS})
    weak = Principle.objects.get(number=3)
    client.force_login(lead)
    content = client.get(url("plan", plan)).content.decode()
    assert "Suggested from your self-assessment" in content
    assert f"Add an action for {weak.name.lower()}" in content
    assert f"Add an action for {Principle.objects.get(number=6).name.lower()}" in content
    assert f"Add an action for {Principle.objects.get(number=1).name.lower()}" not in content
    link = f"{url('add_action', plan)}?principle={weak.pk}"
    assert f'href="{link}"' in content

    form = client.get(link).content.decode()
    assert checked(form, "principle") == [str(weak.pk)]
    assert checked(form, "status") == ["not_started"]


def test_no_weak_principles_means_no_suggested_actions(client, plan, lead):
    """A self-assessment without weak principles suggests keeping strengths going."""
    client.force_login(lead)
    content = client.get(url("plan", plan)).content.decode()
    assert "shows no weak principles" in content
    assert "Add an action for" not in content


def test_plan_page_of_a_school_without_a_self_assessment(client):
    """The school is pointed at the self-assessment rounds to get suggestions."""
    school, lead = school_with_lead()
    plan = draft_plan(school, lead)
    client.force_login(lead)
    content = client.get(url("plan", plan)).content.decode()
    assert "Complete your" in content
    assert reverse("portal:assessments:rounds", args=[school.urn]) in content


# Versions: the approved plan and the next draft


@pytest.fixture
def approved_with_draft(client, school, lead, worker, steering, principle):
    """An approved plan of two actions whose draft (made in the portal) changes one, removes one, adds one."""
    plan = approved_plan(school, lead, worker, steering)
    kept, removed = plan.get_draft().actions.all()
    client.force_login(lead)
    client.post(
        url("change_action", plan, kept.key),
        action_data(
            kept.principle, objective=kept.objective, owner="Deputy head", due_date_0="20", due_date_1="7"
        ),
    )
    client.post(url("remove_action", plan, removed.key))
    client.post(url("add_action", plan), action_data(principle, objective="Start a parents' wellbeing cafe"))
    return reload(plan), kept, removed


def test_plan_page_shows_the_approved_plan_and_the_draft(client, approved_with_draft):
    """The approved version stays in force and on show while the next one is drafted."""
    plan, kept, removed = approved_with_draft
    content = client.get(url("plan", plan)).content.decode()
    assert "Approved plan, in force" in content
    assert "Your next version (draft)" in content
    draft_part, approved_part = content.split("Approved plan, in force")
    assert "Start a parents&#x27; wellbeing cafe" in draft_part
    assert removed.objective not in draft_part
    assert removed.objective in approved_part
    assert "Start a parents" not in approved_part
    assert "Deputy head" in draft_part and "Deputy head" not in approved_part
    assert plan.live and plan.has_draft


def test_compare_page_shows_added_changed_and_removed_actions(client, approved_with_draft):
    """By default the approved version is compared with the draft, field by field."""
    plan, kept, removed = approved_with_draft
    response = client.get(url("compare", plan))
    content = response.content.decode()
    assert response.context["before"].pk == plan.live_revision_id
    assert response.context["after"].pk == plan.latest_revision_id
    kinds = {change.kind: change for change in response.context["comparison"].actions}
    assert set(kinds) == {"added", "changed", "removed"}
    assert kinds["removed"].action.objective == removed.objective
    assert {(f.label, f.before, f.after) for f in kinds["changed"].fields} == {
        ("Owner", "Mental Health Lead", "Deputy head"),
        ("Due date", "16 July 2027", "20 July 2027"),
        ("Success measure", kept.success_measure, "Every member of staff holds the certificate"),
    }
    for text in ("Added", "Changed", "Removed", "Start a parents", removed.objective, "Mental Health Lead"):
        assert text in content
    assert '<td class="govuk-table__cell">16 July 2027</td><td class="govuk-table__cell">20 July 2027</td>' in content


def test_compare_any_two_versions(client, school, lead):
    """`from` and `to` pick versions; the earliest compared with itself has no changes."""
    plan = change_draft(draft_plan(school, lead), lead, summary="Second thoughts")
    first, second = plan.revisions.order_by("pk")
    client.force_login(lead)
    content = client.get(url("compare", plan), {"from": first.pk, "to": second.pk}).content.decode()
    assert "Summary changed" in content and "Second thoughts" in content
    same = client.get(url("compare", plan), {"from": first.pk, "to": first.pk}).content.decode()
    assert "Nothing has changed between these versions." in same


# History


def test_history_shows_who_did_what_with_their_comments(client, school, lead, worker, steering, staff_member):
    """Every step is on the timeline with the person's name and comment, for anyone who may read the plan."""
    plan = submitted_plan(school, lead)
    decide(plan, worker, "approve", comment="Good use of the library.")
    decide(reload(plan), steering[0], "reject", comment="Involve parents in the second action.")
    client.force_login(staff_member)
    response = client.get(url("history", plan))
    content = response.content.decode()
    labels = [entry.label for entry in response.context["entries"]]
    assert labels == ["Changes requested", "Step approved", "Submitted for approval", "Started"]
    for text in (
        worker.get_full_name(),
        steering[0].get_full_name(),
        lead.get_full_name(),
        "Good use of the library.",
        "Involve parents in the second action.",
        "(Assigned worker review)",
    ):
        assert text in content
    assert len(response.context["versions"]) == 1


def test_plan_page_shows_the_changes_requested_and_by_whom(client, school, lead, worker):
    """After a request for changes the school reads the comment and may edit and resubmit."""
    plan = submitted_plan(school, lead)
    decide(plan, worker, "reject", comment="Add a measure you can count.")
    client.force_login(lead)
    content = client.get(url("plan", plan)).content.decode()
    assert "Changes requested" in content
    assert "Add a measure you can count." in content
    assert f"{worker.get_full_name()} asked for changes" in content
    assert url("add_action", plan) in content


# Query counts


def school_with_lead():
    school = SchoolFactory()
    return school, LeadFactory(school=school).user


def _count_queries(client, target):
    client.get(target)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target)
    assert response.status_code == 200
    return len(queries)


def test_plan_page_queries_do_not_grow_with_actions(client, steering, django_assert_num_queries):
    """An approved plan with a new draft: 2 actions each or 20 actions each, the same queries."""
    pages = []
    for size in (2, 20):
        school, lead = school_with_lead()
        worker = ClusterAssignmentFactory(cluster=school.cluster).worker
        plan = approved_plan(school, lead, worker, steering, actions=size)
        plan = change_draft(plan, lead, actions=[ActionFactory(sort_order=i) for i in range(size)])
        submitted_assessment(school, ratings={2: Rating.NOT_IN_PLACE})
        pages.append((lead, url("plan", plan)))

    small_lead, small_url = pages[0]
    client.force_login(small_lead)
    expected = _count_queries(client, small_url)
    large_lead, large_url = pages[1]
    client.force_login(large_lead)
    client.get(large_url)
    with django_assert_num_queries(expected):
        response = client.get(large_url)
    assert len(response.context["draft_actions"]) == 20
    assert len(response.context["approved_actions"]) == 20


@pytest.mark.parametrize("page", ["compare", "submit"])
def test_compare_and_submit_pages_queries_do_not_grow_with_actions(client, steering, page, django_assert_num_queries):
    """Comparing the approved plan with a changed draft, and checking it before submitting: 2 actions or 20."""
    pages = []
    for size in (2, 20):
        school, lead = school_with_lead()
        worker = ClusterAssignmentFactory(cluster=school.cluster).worker
        plan = approved_plan(school, lead, worker, steering, actions=size)
        plan = change_draft(plan, lead, actions=[ActionFactory(sort_order=i) for i in range(size)])
        pages.append((lead, url(page, plan)))
    client.force_login(pages[0][0])
    expected = _count_queries(client, pages[0][1])
    client.force_login(pages[1][0])
    client.get(pages[1][1])
    with django_assert_num_queries(expected):
        response = client.get(pages[1][1])
    assert len(response.context["comparison"].actions) == 40, "20 removed and 20 added"


def test_history_page_queries_do_not_grow_with_entries(client, django_assert_num_queries):
    """2 timeline entries or 10 (each a saved version too), the same queries."""
    pages = []
    for entries in (2, 10):
        school, lead = school_with_lead()
        plan = draft_plan(school, lead)
        for number in range(entries - 1):
            plan = change_draft(plan, lead, summary=f"Version {number}")
        pages.append((lead, url("history", plan)))

    small_lead, small_url = pages[0]
    client.force_login(small_lead)
    expected = _count_queries(client, small_url)
    large_lead, large_url = pages[1]
    client.force_login(large_lead)
    client.get(large_url)
    with django_assert_num_queries(expected):
        response = client.get(large_url)
    assert len(response.context["entries"]) == 10
