"""The action plan's pages the main journey does not pass through, checked with axe-core: the summary form, an
action's change and remove pages, what changed between versions, and withdrawing from review."""

import pytest
from playwright.sync_api import expect

from schools.models import Membership
from tests.schools.factories import ClusterAssignmentFactory, MembershipFactory, SchoolFactory
from tests.users.factories import PASSWORD, UserFactory
from tests.workflows.factories import ActionFactory, approved_plan, change_draft
from users.roles import Role
from workflows.moderation import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_every_other_action_plan_page_passes_axe(page, visit):
    school = SchoolFactory(name="Heron Way Primary School")
    lead = MembershipFactory(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).user
    worker = ClusterAssignmentFactory(cluster=school.cluster).worker
    steering = [UserFactory(roles=[Role.STEERING_GROUP]) for _ in range(2)]
    plan = approved_plan(school, lead, worker, steering)
    plan = change_draft(plan, lead, summary="Second year", actions=[ActionFactory(sort_order=0)])
    key = plan.get_draft().actions.all()[0].key
    base = f"/portal/schools/{school.urn}/action-plan"

    visit("/account/sign-in/")
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(school.name)

    visit(f"{base}/summary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Summary")
    visit(f"{base}/actions/{key}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change an action")
    visit(f"{base}/actions/{key}/remove/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to remove this action?")
    visit(f"{base}/compare/")
    expect(page.get_by_role("main")).to_contain_text("Added")
    expect(page.get_by_role("main")).to_contain_text("Removed")
    visit(f"{base}/submit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your plan before you submit it")

    submit(plan, lead)
    visit(f"{base}/withdraw/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to withdraw your plan from review?"
    )
    page.get_by_role("button", name="Withdraw from review").click()
    expect(page.get_by_role("main")).to_contain_text("withdrawn from review")
