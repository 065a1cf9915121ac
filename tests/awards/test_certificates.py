"""The certificate PDF and the public verification page: valid, expiring soon, expired, revoked, unknown."""

import contextlib
import re
import zlib

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from awards.certificates import certificate_context, verification_url
from tests.awards.award_factories import AwardFactory, award_expiring_in, revoked_award
from tests.schools.factories import ClusterAssignmentFactory, MembershipFactory
from users.roles import Role

pytestmark = pytest.mark.django_db


def verify_url(award_or_code):
    code = getattr(award_or_code, "code", award_or_code)
    return reverse("certificates:verify", kwargs={"code": code})


def certificate_url(award):
    return reverse("portal:awards:certificate", kwargs={"urn": award.school.urn, "pk": award.pk})


def pdf_text(body):
    """The PDF with its compressed streams inflated, to look for structure and metadata."""
    parts = [body]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", body, re.DOTALL):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"".join(parts)


def status_shown(response):
    return re.search(r'class="govuk-tag govuk-tag--\w+">(\w+)<', response.content.decode()).group(1)


# The verification page


def test_a_valid_award_shows_only_the_school_stage_dates_and_status(client, school, lead):
    award = AwardFactory(school=school)
    response = client.get(verify_url(award))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    content = response.content.decode()
    assert school.name in content
    assert "Bronze" in content
    assert award.awarded_at.strftime("%-d %B %Y") in content
    assert award.expires_at.strftime("%-d %B %Y") in content
    assert status_shown(response) == "Valid"
    for private in (str(school.urn), lead.email, lead.get_full_name(), school.cluster.name, school.postcode):
        assert private not in content


def test_an_award_expiring_soon_is_still_valid_with_its_expiry_date(client):
    award = award_expiring_in(20)
    response = client.get(verify_url(award))
    assert status_shown(response) == "Valid"
    assert f"until {award.expires_at:%-d %B %Y}" in response.content.decode()


def test_an_expired_award_shows_expired(client):
    award = award_expiring_in(-1)
    response = client.get(verify_url(award))
    assert response.status_code == 200
    assert status_shown(response) == "Expired"
    assert f"expired on {award.expires_at:%-d %B %Y}" in response.content.decode()


def test_a_revoked_award_shows_revoked_without_the_reason_or_who(client, manager):
    award = revoked_award(user=manager, reason="Evidence was copied from another school.")
    response = client.get(verify_url(award))
    content = response.content.decode()
    assert status_shown(response) == "Revoked"
    assert "copied" not in content
    assert manager.get_full_name() not in content
    assert manager.email not in content


def test_an_unknown_code_is_a_404_saying_no_award_has_it(client):
    AwardFactory()
    response = client.get(verify_url("not-a-real-code-at-all"))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "No award has this code" in response.content.decode()


def test_codes_are_long_and_random():
    first, second = AwardFactory(), AwardFactory()
    assert len(first.code) >= 22
    assert first.code != second.code


def test_the_lookup_form_sends_a_known_code_to_its_page(client):
    award = AwardFactory()
    response = client.get(reverse("certificates:lookup"), {"code": f"  {award.code[:8]} {award.code[8:]} "})
    assert response.status_code == 302
    assert response["Location"] == verify_url(award)


def test_the_lookup_form_without_a_code_is_a_blank_form(client):
    response = client.get(reverse("certificates:lookup"))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'name="code"' in response.content.decode()
    assert "govuk-error-summary" not in response.content.decode()


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Enter the verification code from the certificate"), ("unknown-code", "No award has this verification code")],
)
def test_the_lookup_form_explains_a_missing_or_unknown_code(client, code, message):
    response = client.get(reverse("certificates:lookup"), {"code": code})
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "<title>Error: " in content


# The certificate PDF


def test_the_lead_downloads_a_tagged_pdf_certificate(client, school, lead):
    award = AwardFactory(school=school)
    client.force_login(lead)
    response = client.get(certificate_url(award))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bronze-award-certificate-{school.urn}.pdf"'
    text = pdf_text(response.content)
    assert response.content.startswith(b"%PDF")
    assert b"/StructTreeRoot" in text
    assert b"pdfuaid" in text
    assert verification_url(award).encode() in text  # the link to the verification page
    assert len(re.findall(rb"/Type\s*/Page\b", text)) == 1  # one landscape page


def test_the_certificate_carries_the_code_and_dates():
    award = AwardFactory()
    context = certificate_context(award)
    assert context["verification_url"] == f"http://testserver{verify_url(award)}"
    html = render_to_string("awards/certificate_pdf.html", context)
    assert award.code in html
    assert award.school.name in html
    assert f"{award.expires_at:%-d %B %Y}" in html
    assert "Thurrock Council" in html


@pytest.mark.parametrize("who", ["worker", "manager", "staff", "head"])
def test_anyone_who_may_see_the_school_may_download(client, school, worker, manager, who):
    people = {
        "worker": worker,
        "manager": manager,
        "staff": MembershipFactory(school=school).user,
        "head": MembershipFactory(school=school, role="head_teacher").user,
    }
    client.force_login(people[who])
    assert client.get(certificate_url(AwardFactory(school=school))).status_code == 200


def test_others_cannot_download(client, school, other_lead, other_worker, role_user):
    award = AwardFactory(school=school)
    assert client.get(certificate_url(award)).status_code == 302  # anonymous: to sign in
    for user in (other_lead, other_worker, role_user(Role.EDITOR)):
        client.force_login(user)
        assert client.get(certificate_url(award)).status_code == 404


def test_an_award_looked_up_through_another_school_is_a_404(client, school, other_school, lead):
    award = AwardFactory(school=other_school)
    ClusterAssignmentFactory(cluster=school.cluster)
    client.force_login(lead)
    url = reverse("portal:awards:certificate", kwargs={"urn": school.urn, "pk": award.pk})
    assert client.get(url).status_code == 404


def test_a_revoked_award_has_no_certificate(client, school, lead):
    award = revoked_award(school=school)
    client.force_login(lead)
    response = client.get(certificate_url(award))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "This award has been revoked" in response.content.decode()
