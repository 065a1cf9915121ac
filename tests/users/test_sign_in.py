"""Signing in, throttling, signing out and resetting a password."""

import re

from django.urls import reverse

import pytest

from tests.users.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_lead_signs_in_with_email_in_any_case_and_reaches_their_school(client, school, lead):
    response = client.post(reverse("users:login"), {"username": lead.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url == reverse("portal:school", args=[school.urn])


def test_wrong_password_shows_an_error_summary_and_does_not_sign_in(client, lead):
    response = client.post(reverse("users:login"), {"username": lead.email, "password": "wrong"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter a correct email address and password" in content
    assert "_auth_user_id" not in client.session


def test_empty_sign_in_form_names_each_missing_field(client):
    content = client.post(reverse("users:login"), {}).content.decode()
    assert "Enter your email address" in content
    assert "Enter your password" in content
    assert "<title>Error: Sign in" in content


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client, lead):
    for _ in range(5):
        client.post(reverse("users:login"), {"username": lead.email, "password": "wrong"})
    response = client.post(reverse("users:login"), {"username": lead.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(client, lead):
    client.force_login(lead)
    assert client.get(reverse("users:logout")).status_code == 405
    client.post(reverse("users:logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_emails_a_link_that_sets_a_new_password(
    client, lead, mailoutbox, django_capture_on_commit_callbacks
):
    response = client.post(reverse("users:password_reset"), {"email": lead.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-phrase", "new_password2": "a-brand-new-phrase"},
    )
    assert done.status_code == 302
    lead.refresh_from_db()
    assert lead.check_password("a-brand-new-phrase")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, mailoutbox):
    response = client.post(reverse("users:password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mailoutbox == []
