"""The public certificate pages in a real browser: the code lookup form and the verification page, with axe."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.awards.award_factories import AwardFactory, award_expiring_in, revoked_award

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_someone_with_a_printed_certificate_checks_its_code(page, visit, axe_check):
    award = AwardFactory(awarded_at=timezone.now() - datetime.timedelta(days=100))
    main = page.get_by_role("main")

    visit(reverse("certificates:lookup"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a Mental Health Award certificate")

    # Nothing typed: the GOV.UK error summary, then the field's own message.
    page.get_by_role("button", name="Check certificate").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Enter the verification code from the certificate")
    axe_check(page)

    # A mistyped code.
    page.get_by_label("Verification code").fill(award.code[:-1])
    page.get_by_role("button", name="Check certificate").click()
    expect(page.get_by_role("alert")).to_contain_text("No award has this verification code")
    axe_check(page)

    # The code as printed, with a space in the middle.
    page.get_by_label("Verification code").fill(f"{award.code[:10]} {award.code[10:]}")
    page.get_by_role("button", name="Check certificate").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("certificates:verify", args=[award.code])) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(award.school.name)
    expect(main).to_contain_text("Valid")
    expect(main).to_contain_text("Bronze")
    axe_check(page)


@pytest.mark.parametrize(
    ("make", "expected"),
    [(lambda: award_expiring_in(30), "Valid"), (lambda: award_expiring_in(-3), "Expired"), (revoked_award, "Revoked")],
    ids=["expiring-soon", "expired", "revoked"],
)
def test_the_verification_page_for_each_status(page, visit, make, expected):
    award = make()
    visit(reverse("certificates:verify", args=[award.code]))
    expect(page.get_by_role("main").locator(".govuk-tag")).to_have_text(expected)


def test_an_unknown_code(page, visit):
    visit(reverse("certificates:verify", args=["no-such-code"]), status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("No award has this code")
