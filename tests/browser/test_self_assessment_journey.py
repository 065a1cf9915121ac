"""A school's Mental Health Lead completes the baseline self-assessment and reads the feedback report, in a browser.

Every page on the way is checked with axe-core (see conftest.py).
"""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment, FrameworkVersion
from home.demo_content import build_site
from tests.schools.factories import LeadFactory, SchoolFactory
from tests.users.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def rate_all(page, label):
    """Choose `label` for every statement on the page."""
    for radio in page.get_by_role("radio", name=label, exact=True).all():
        radio.check()


def test_lead_completes_the_self_assessment_and_reads_the_report(page, visit, axe_check):
    build_site()
    school = SchoolFactory()
    lead = LeadFactory(school=school).user
    framework = FrameworkVersion.objects.current()
    principles = sorted(set(framework.statements.values_list("principle__number", "principle__name")))
    main = page.get_by_role("main")

    visit(reverse("users:login"))
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(school.name)

    visit(reverse("portal:assessments:rounds", args=[school.urn]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment")
    main.get_by_role("button", name="Start the baseline self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start the self-assessment")
    axe_check(page)
    page.get_by_label("Baseline").check()
    page.get_by_role("button", name="Start the self-assessment").click()

    # The task list: every principle not started.
    expect(page.get_by_role("heading", level=1)).to_have_text("Baseline self-assessment")
    expect(main.locator(".govuk-task-list__status").first).to_have_text("Not started")
    axe_check(page)

    # The first principle: the error state, then saving part of it to come back later.
    main.get_by_role("link", name=f"1. {principles[0][1]}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(principles[0][1])
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe_check(page)
    page.get_by_role("radio", name="Working towards", exact=True).first.check()
    page.get_by_label("Evidence for 1.1 (optional)").fill("Governors' minutes, March")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("have been saved")
    expect(main.locator(".govuk-task-list__status").first).to_have_text("In progress")
    axe_check(page)

    # Every principle in turn; "Save and continue" leads from one to the next.
    main.get_by_role("link", name=f"1. {principles[0][1]}").click()
    for index, (number, name) in enumerate(principles):
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        if index:
            axe_check(page)
        rate_all(page, "Working towards" if number in (3, 6) else "Achieved")
        page.get_by_role("button", name="Save and continue").click()

    # Check answers, with a Change link per principle, then submit.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    expect(main.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(8)
    expect(main).to_contain_text("Governors' minutes, March")
    axe_check(page)
    main.get_by_role("button", name="Submit the self-assessment").click()

    # The feedback report.
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback report: baseline self-assessment")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been submitted")
    table = main.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(9)
    expect(table).to_contain_text("2.0 out of 4")
    expect(table).to_contain_text("Not shown: fewer than 5 schools")
    expect(main.get_by_role("heading", name=re.compile(r"^3\. "))).to_be_visible()
    expect(main.get_by_role("link", name="Download this report (PDF)")).to_be_visible()
    axe_check(page)
    assert Assessment.objects.get(school=school).status == Assessment.Status.SUBMITTED

    # The school's answers are read-only now.
    main.get_by_role("link", name="See the school's answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answers")
    expect(main.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(0)
    axe_check(page)
