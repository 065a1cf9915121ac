"""Feedback reports as tagged, accessible PDFs (PDF/UA-1) rendered by WeasyPrint from a template."""

from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name, context, request=None):
    """The template rendered to PDF bytes; links are made absolute against the request's host."""
    from weasyprint import HTML  # imported late: it loads Pango and fonts, which most requests never need

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request else None
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(request, template_name, context, filename):
    """A download response for the rendered PDF."""
    response = HttpResponse(render_pdf(template_name, context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
