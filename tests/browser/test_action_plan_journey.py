"""Issue 4's journey in a real browser: the lead completes the self-assessment, opens the feedback report,
builds an action plan from its weak principles and submits it; the assigned worker approves it from the
admin's review page; two steering-group members approve it; the lead sees the approved plan and its timeline.

Every portal page is checked with axe-core; the admin pages with `admin_axe` (violations in Wagtail's own
markup are warnings, see test_publishing_journey.py).
"""

import re

import pytest
from playwright.sync_api import expect

from home.demo_content import build_site
from schools.models import Membership
from taxonomy.models import Principle
from tests.browser.test_publishing_journey import admin_axe, new_page, sign_in_to_admin  # noqa: F401 (fixtures)
from tests.resources.factories import InterventionIndexPageFactory, InterventionPageFactory
from tests.schools.factories import ClusterAssignmentFactory, MembershipFactory, SchoolFactory
from tests.users.factories import PASSWORD, UserFactory
from users.roles import Role
from workflows.models import ActionPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OBJECTIVE = "Run three parent workshops on anxiety and sleep"


def sign_in(tab, user):
    tab.goto("/account/sign-in/")
    tab.get_by_label("Email address").fill(user.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def complete_self_assessment(page, axe_check, school, weak_number):
    """Answer every principle "Achieved" except `weak_number`, "Not in place"; submit; land on the report."""
    main = page.get_by_role("main")
    page.goto(f"/portal/schools/{school.urn}/")
    main.get_by_role("link", name="Self-assessment", exact=True).click()
    main.get_by_role("button", name="Start the baseline self-assessment").click()
    page.get_by_label("Baseline").check()
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Baseline self-assessment")
    axe_check(page)
    main.get_by_role("link", name=re.compile(r"^1\. ")).click()
    for number in range(1, 9):
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Check your answers before submitting")
        label = "Not in place" if number == weak_number else "Achieved"
        for radio in page.get_by_role("radio", name=label, exact=True).all():
            radio.check()
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    axe_check(page)
    main.get_by_role("button", name="Submit the self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback report: baseline self-assessment")
    axe_check(page)


def review_and_approve(tab, school, admin_axe):  # noqa: F811
    """From the dashboard's queue to the review page, then approve."""
    tab.goto("/admin/")
    queue = tab.get_by_role("region", name="School submissions awaiting your review")
    link = queue.get_by_role("link", name=f"Review {school.name}'s action plan")
    expect(link).to_have_count(1)
    admin_axe(tab)
    link.click()
    expect(tab.get_by_role("heading", name="Your decision")).to_be_visible()
    expect(tab.get_by_role("main")).to_contain_text(OBJECTIVE)
    admin_axe(tab)
    tab.get_by_role("radio", name="Approve").check()
    tab.get_by_label("Comment").fill("Approved: clear and measurable.")
    tab.get_by_role("button", name="Record my decision").click()
    expect(tab.get_by_role("heading", name="Your decision")).to_have_count(0)
    expect(tab.get_by_role("main")).to_contain_text("Approved: clear and measurable.")
    admin_axe(tab)


def test_lead_builds_and_submits_a_plan_that_the_worker_and_steering_group_approve(
    page, new_page, visit, axe_check, admin_axe  # noqa: F811
):
    home = build_site()["home"]
    parents = Principle.objects.get(number=7)
    library = InterventionIndexPageFactory(parent=home)
    workshop = InterventionPageFactory(parent=library, title="Parents in Mind workshops")
    workshop.principles.set([parents])
    workshop.save_revision().publish()
    school = SchoolFactory(name="Brookside Primary School")
    lead = MembershipFactory(
        school=school, role=Membership.Role.MENTAL_HEALTH_LEAD, user=UserFactory(first_name="Leah", last_name="Mendel")
    ).user
    worker = ClusterAssignmentFactory(cluster=school.cluster, worker=UserFactory(roles=[Role.WORKER])).worker
    steering = [UserFactory(roles=[Role.STEERING_GROUP]) for _ in range(2)]
    # The lead completes the self-assessment; the report's weak principle is working with parents.
    sign_in(page, lead)
    complete_self_assessment(page, axe_check, school, weak_number=parents.number)
    expect(page.get_by_role("main")).to_contain_text("Parents in Mind workshops")

    # The lead starts a plan from the school page and follows the suggestion for the weakest principle.
    visit(f"/portal/schools/{school.urn}/")
    page.get_by_role("link", name="Mental Health Action Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mental Health Action Plan")
    axe_check(page)
    page.get_by_role("button", name="Start your action plan").click()
    expect(page.locator(".govuk-notification-banner--success, .govuk-notification-banner")).to_contain_text(
        "Your action plan has been started"
    )
    suggestions = page.get_by_role("complementary").or_(page.locator(".govuk-grid-column-one-third"))
    expect(suggestions.first).to_contain_text(parents.name)
    expect(suggestions.first.get_by_role("link", name="Parents in Mind workshops")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=f"Add an action for {parents.name.lower()}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    expect(page.get_by_role("radio", name=str(parents))).to_be_checked()
    expect(page.get_by_label("Intervention from the library (optional)")).to_have_value(str(workshop.pk))
    axe_check(page)

    # A mistake first: the form says what is wrong and keeps the answers.
    page.get_by_label("What will you do, and what will change?").fill(OBJECTIVE)
    page.get_by_role("button", name="Save action").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter who is responsible")
    axe_check(page)
    page.get_by_label("Who is responsible?").fill("Mental Health Lead")
    start, due = page.get_by_role("group", name="Start date"), page.get_by_role("group", name="Due date")
    for group, (day, month, year) in ((start, ("7", "9", "2026")), (due, ("16", "7", "2027"))):
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)
    page.get_by_label("How will you know it has worked?").fill("60 parents attend; feedback 4 of 5 or more")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mental Health Action Plan")
    expect(page.get_by_role("main")).to_contain_text(OBJECTIVE)
    axe_check(page)

    page.get_by_role("button", name="Check and submit").or_(page.get_by_role("link", name="Check and submit")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your plan before you submit it")
    axe_check(page)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("main")).to_contain_text("Your plan is being reviewed, so you cannot change it.")
    expect(page.get_by_role("link", name="Add an action")).to_have_count(0)
    axe_check(page)

    # The worker approves from the review queue on the admin dashboard; steering members cannot yet.
    reviewer = new_page()
    sign_in_to_admin(reviewer, worker, admin_axe)
    review_and_approve(reviewer, school, admin_axe)
    plan = ActionPlan.objects.get(school=school)
    assert not plan.live

    for member in steering:
        tab = new_page()
        sign_in_to_admin(tab, member, admin_axe)
        review_and_approve(tab, school, admin_axe)
    plan.refresh_from_db()
    assert plan.live

    # The lead sees the approved plan, and who decided in its history.
    visit(f"/portal/schools/{school.urn}/action-plan/")
    expect(page.get_by_role("heading", name="Approved plan, in force")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(OBJECTIVE)
    page.get_by_role("link", name="History and versions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History and versions")
    timeline = page.get_by_role("main")
    expect(timeline).to_contain_text("Approved: this version is now in force")
    expect(timeline).to_contain_text(worker.get_full_name())
    for member in steering:
        expect(timeline).to_contain_text(member.get_full_name())
    axe_check(page)
