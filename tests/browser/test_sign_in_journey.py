"""A school's Mental Health Lead signs in and manages the school's people, in a real browser.

Every page on the way is checked with axe-core (see conftest.py).
"""

import re

from django.conf import settings
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from home.demo_content import build_site
from schools.models import Invitation
from tests.schools.factories import ClusterAssignmentFactory, LeadFactory, MembershipFactory, SchoolFactory
from tests.users.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def full_name(user):
    return user.get_full_name() or user.email


def sign_in(page, user):
    """Sign in through the real form, starting from the sign-in page."""
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_lead_signs_in_and_manages_their_schools_people(page, visit, axe_check, mailoutbox):
    site = build_site()
    school = SchoolFactory(cluster__locality__name="West Thurrock")
    lead = LeadFactory(school=school).user
    colleague = MembershipFactory(school=school).user
    worker = ClusterAssignmentFactory(cluster=school.cluster).worker
    header = page.get_by_role("banner")
    footer = page.get_by_role("contentinfo")
    main = page.get_by_role("main")

    # The home page, with the council's own header: no crown, no GOV.UK logotype.
    visit("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(site["home"].title)
    expect(header).to_contain_text(settings.SWS_COUNCIL_NAME)
    expect(header).to_contain_text(settings.SWS_SERVICE_NAME)
    expect(page.locator(".govuk-header, .govuk-header__logotype, .govuk-footer__copyright-logo")).to_have_count(0)
    assert "GOV.UK" not in page.locator("body").inner_text()

    # The footer's links to the accessibility statement and the privacy notice open those pages.
    footer.get_by_role("link", name="Accessibility statement").click()
    expect(page).to_have_url(re.compile(r"/accessibility-statement/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    axe_check(page)
    footer.get_by_role("link", name="Privacy notice").click()
    expect(page).to_have_url(re.compile(r"/privacy-notice/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    axe_check(page)

    # Sign in: the empty form shows the GOV.UK error summary, which takes focus and links to the fields.
    header.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    axe_check(page)
    page.get_by_role("button", name="Sign in").click()
    error_summary = page.locator(".govuk-error-summary")
    expect(error_summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(error_summary.get_by_role("link", name="Enter your email address")).to_have_attribute("href", "#id_username")
    expect(error_summary.get_by_role("link", name="Enter your password")).to_have_attribute("href", "#id_password")
    axe_check(page)
    error_summary.get_by_role("link", name="Enter your password").click()
    expect(page.get_by_label("Password")).to_be_focused()

    # Signed in, a lead of one school lands on its page.
    sign_in(page, lead)
    expect(page).to_have_url(re.compile(rf"/portal/schools/{school.urn}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(school.name)
    summary = main.locator(".govuk-summary-list").first
    expect(summary).to_contain_text(school.cluster.name)
    expect(summary).to_contain_text("West Thurrock")
    expect(summary).to_contain_text(full_name(worker))
    expect(summary).to_contain_text(full_name(lead))
    people = main.get_by_role("table")
    expect(people).to_contain_text(full_name(lead))
    expect(people).to_contain_text(full_name(colleague))
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    axe_check(page)

    # Invite someone: first the error state, then a valid invitation.
    main.get_by_role("button", name="Invite someone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    axe_check(page)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter their email address")
    axe_check(page)
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Email address").fill("ada.okafor@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page).to_have_url(re.compile(rf"/portal/schools/{school.urn}/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "We have sent an invitation to ada.okafor@example.org."
    )
    expect(main.get_by_role("listitem").filter(has_text="ada.okafor@example.org")).to_contain_text("Ada Okafor")
    axe_check(page)
    assert Invitation.objects.pending().filter(school=school, email="ada.okafor@example.org").count() == 1
    assert [message.to for message in mailoutbox] == [["ada.okafor@example.org"]]

    # The lead can hand the role on (not done here) and read the history of changes to people.
    main.get_by_role("link", name="Change designated Mental Health Lead").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the designated Mental Health Lead")
    expect(page.get_by_role("radio", name=re.compile(re.escape(full_name(colleague))))).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=f"Back to {school.name}").click()
    main.get_by_role("link", name="See the history of changes to people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of changes to people")
    expect(main.get_by_role("table")).to_contain_text(f"{colleague} joined as staff")
    axe_check(page)

    # Signing out ends the session.
    header.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(reverse("portal:school", args=[school.urn]))
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next="))


def test_lead_who_types_another_schools_address_gets_page_not_found(page, visit, axe_check):
    school, other_school = SchoolFactory(), SchoolFactory()
    lead = LeadFactory(school=school).user

    visit(reverse("users:login"))
    sign_in(page, lead)
    expect(page.get_by_role("heading", level=1)).to_have_text(school.name)
    axe_check(page)

    visit(reverse("portal:school", args=[other_school.urn]), status=404)
    expect(page).to_have_title(re.compile(r"^Page not found"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("body")).not_to_contain_text(other_school.name)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page, visit):
    build_site()
    visit("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # hidden until focused
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#main-content') !== null"), (
        "The next Tab stop after the skip link should be inside the main content"
    )
