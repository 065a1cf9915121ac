"""Evidence files: checked by content and size, names cleaned, nothing kept on refusal, served privately."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.urls import reverse

import pytest

from awards import evidence
from awards.models import EvidenceFile
from awards.storage import PrivateFileSystemStorage
from sws_site.settings import base
from tests.schools.factories import ClusterAssignmentFactory
from tests.users.factories import UserFactory
from users.roles import Role

from .factories import PDF_BYTES, PNG_BYTES, evidence_file, office_zip, ole2, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF_BYTES, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "image/jpeg"),
        ("poster.gif", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 32, "image/gif"),
        ("policy.docx", office_zip("word/document.xml"), evidence.DOCX.content_type),
        ("survey.xlsx", office_zip("xl/workbook.xml"), evidence.XLSX.content_type),
        ("slides.pptx", office_zip("ppt/presentation.xml"), evidence.PPTX.content_type),
        ("old.doc", ole2("WordDocument"), "application/msword"),
        ("old.xls", ole2("Workbook"), "application/vnd.ms-excel"),
        ("old.ppt", ole2("PowerPoint Document"), "application/vnd.ms-powerpoint"),
    ],
)
def test_allowed_files_are_accepted_with_the_type_read_from_their_content(school, lead, name, content, content_type):
    stored = evidence_file(school, lead, name=name, content=content)
    assert stored.content_type == content_type
    assert stored.size == len(content)
    assert len(stored.sha256) == 64
    assert stored.file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "is not a real PDF"),
        ("report.exe", b"MZ\x90\x00" + b"\x00" * 200, "must be a PDF, Word, Excel, PowerPoint, PNG, JPEG or GIF"),
        ("policy.docx", b"PK\x03\x04 not really a zip at all", "is not a real Word document"),
        ("policy.docx", office_zip("xl/workbook.xml"), "is not a real Word document"),
        ("survey.xls", ole2("WordDocument"), "is not a real Excel 97-2003 spreadsheet"),
        ("photo.png", PDF_BYTES, "is not a real PNG image"),
        ("notes", PDF_BYTES, "must be a PDF"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_refused_files_get_a_clear_message_and_nothing_is_stored(school, lead, name, content, message):
    with pytest.raises(ValidationError, match=message):
        evidence.store(school, upload(name, content), lead)
    assert not EvidenceFile.objects.exists()


def test_an_oversized_file_is_refused(school, lead, monkeypatch):
    big = upload("big.pdf", PDF_BYTES + b"0" * (evidence.MAX_SIZE + 1 - len(PDF_BYTES)))
    with pytest.raises(ValidationError, match="must be smaller than 20MB"):
        evidence.store(school, big, lead)
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("Staff training log (May).pdf", "Staff_training_log_May.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("...", "evidence"),
        ("a" * 300 + ".PDF", "a" * 146 + ".pdf"),
    ],
)
def test_file_names_lose_their_folders_and_unsafe_characters(given, cleaned):
    assert evidence.clean_name(given) == cleaned


def test_a_stored_file_has_a_random_name_and_keeps_the_clean_original(school, lead):
    stored = evidence_file(school, lead, name="../../etc/passwd.pdf")
    assert stored.original_name == "passwd.pdf"
    assert "passwd" not in stored.file.name
    assert stored.file.name.startswith(f"school-{school.pk}/")


def test_the_library_page_refuses_a_renamed_executable_with_an_error_summary(client, school, lead):
    client.force_login(lead)
    url = reverse("portal:awards:library", args=[school.urn])
    response = client.post(url, {"file": upload("report.pdf", b"MZ\x90\x00" + b"\x00" * 100)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert "is not a real PDF" in page
    assert not EvidenceFile.objects.exists()
    assert client.post(url, {"file": upload("report.pdf")}).status_code == 302
    assert EvidenceFile.objects.get().original_name == "report.pdf"


def test_evidence_is_stored_outside_the_media_root_with_no_url():
    field = EvidenceFile._meta.get_field("file")
    assert field.storage is storages["evidence"]
    assert field.storage is not storages["default"]
    assert not Path(base.EVIDENCE_ROOT).resolve().is_relative_to(Path(base.MEDIA_ROOT).resolve())
    options = base.STORAGES["evidence"]["OPTIONS"]
    assert options["base_url"] is None
    assert settings.MEDIA_URL.strip("/") not in Path(options["location"]).parts
    with pytest.raises(ValueError, match="no URL"):
        PrivateFileSystemStorage(**options).url("school-1/x.pdf")


def test_a_stored_file_is_not_served_under_the_media_url(client, school, lead):
    stored = evidence_file(school, lead)
    assert client.get(f"{settings.MEDIA_URL}{stored.file.name}").status_code == 404


def download_url(school, stored):
    return reverse("portal:awards:download", args=[school.urn, stored.pk])


def test_the_school_and_its_reviewers_download_evidence_as_an_attachment(client, school, lead, staff_member, worker):
    stored = evidence_file(school, lead, name="Ünïcode policy.pdf")
    steering = UserFactory(roles=[Role.STEERING_GROUP])
    for user in (lead, staff_member, worker, steering):
        client.force_login(user)
        response = client.get(download_url(school, stored))
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF_BYTES
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert "filename*=UTF-8''%C3%9Cn%C3%AFcode_policy.pdf" in disposition
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_anonymous_other_schools_and_other_clusters_workers_are_refused(client, school, lead, other_lead, other_worker):
    stored = evidence_file(school, lead)
    url = download_url(school, stored)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse(settings.LOGIN_URL))
    for outsider in (other_lead, other_worker):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    # Nor through their own school's address.
    client.force_login(other_lead)
    other_school = other_lead.memberships.get().school
    assert client.get(download_url(other_school, stored)).status_code == 404


def test_a_worker_assigned_elsewhere_is_refused_even_with_the_files_number(client, school, lead):
    stored = evidence_file(school, lead)
    stranger = ClusterAssignmentFactory().worker
    client.force_login(stranger)
    assert client.get(download_url(school, stored)).status_code == 404
