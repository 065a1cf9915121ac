"""The award certificate: a tagged PDF (PDF/UA-1) carrying the code anyone can check it by."""

from django.conf import settings
from django.urls import reverse

from assessments.pdf import pdf_response


def verification_path(award):
    """The public verification page's path for this award."""
    return reverse("certificates:verify", kwargs={"code": award.code})


def verification_url(award, request=None):
    """The verification page's full address, as printed on the certificate and put in emails."""
    path = verification_path(award)
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def certificate_filename(award):
    """e.g. "bronze-award-certificate-123456.pdf"."""
    return f"{award.get_stage_display().lower()}-award-certificate-{award.school.urn}.pdf"


def certificate_context(award, request=None):
    """What the certificate shows: the school, the stage, the dates and how to check it."""
    return {
        "award": award,
        "school": award.school,
        "verification_url": verification_url(award, request),
        "lookup_url": request.build_absolute_uri(reverse("certificates:lookup")) if request else "",
        "council_name": settings.SWS_COUNCIL_NAME,
        "service_name": settings.SWS_SERVICE_NAME,
    }


def certificate_response(request, award):
    """The certificate as a PDF download."""
    return pdf_response(
        request, "awards/certificate_pdf.html", certificate_context(award, request), certificate_filename(award)
    )
