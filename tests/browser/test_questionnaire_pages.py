"""A member of staff answers the questionnaire before a training session, with the keyboard, in a real browser.

Every page on the way is checked with axe-core (see conftest.py).
"""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from home.demo_content import build_site
from questionnaires.models import Kind, QuestionnaireResponse
from tests.questionnaires.factories import PlaceFactory, SessionFactory
from tests.schools.factories import MembershipFactory
from tests.users.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def choose_with_keyboard(page, question, steps):
    """Tab into a question's radios (which selects the first) and move down `steps` with the arrow key."""
    group = page.get_by_role("group", name=question)
    group.get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


def test_staff_member_answers_before_training_with_the_keyboard(page, visit, axe_check):
    build_site()
    membership = MembershipFactory()
    start = timezone.now() + timedelta(days=7)
    booking = PlaceFactory(
        session=SessionFactory(starts_at=start, ends_at=start + timedelta(hours=3)),
        person=membership.user,
        school=membership.school,
    )
    url = reverse("portal:questionnaires:pre_training", kwargs={"booking_id": booking.pk})
    main = page.get_by_role("main")

    # Signed out, the emailed link leads through sign-in to the questionnaire.
    visit(url)
    page.get_by_label("Email address").fill(membership.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before the training")
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(main.get_by_role("group")).to_have_count(4)
    expect(main).to_contain_text("1 means not at all confident and 5 means very confident.")
    axe_check(page)

    # Sending nothing: the error summary, focused, names the four questions.
    main.get_by_role("button", name="Send your answers").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(summary.get_by_role("link")).to_have_count(4)
    axe_check(page)

    # The error links lead to the questions; the radios work with the keyboard alone.
    summary.get_by_role("link", name="Select how confident you feel, from 1 to 5").click()
    choose_with_keyboard(page, re.compile("^How confident do you feel"), 1)
    choose_with_keyboard(page, re.compile("^How would you rate your knowledge"), 2)
    choose_with_keyboard(page, re.compile("^How well do you understand"), 0)
    choose_with_keyboard(page, re.compile("^How well do you know how to find"), 3)
    expect(page.get_by_role("radio", name="2 – A little confident")).to_be_checked()
    main.get_by_role("button", name="Send your answers").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(main).to_contain_text("After the session we will email you a link")
    axe_check(page)
    saved = QuestionnaireResponse.objects.get()
    assert saved.kind == Kind.PRE_TRAINING
    assert (saved.confidence, saved.knowledge, saved.thrive_understanding, saved.thrive_access) == (2, 3, 1, 4)

    # The questionnaire after the session is not open yet.
    visit(reverse("portal:questionnaires:post_training", kwargs={"booking_id": booking.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("After the training")
    expect(main).to_contain_text("once the session has ended")
