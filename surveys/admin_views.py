"""The admin's upload page for Brighter Futures Survey results (Team Manager and Administrator).

A file with any bad row is refused whole: the page lists every bad row and nothing changes.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import importer

IMPORT_PERMISSION = "surveys.import_surveyresult"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Results file",
        help_text="A CSV file (UTF-8) with the columns urn, year, indicator, numerator and denominator.",
    )

    def clean_file(self):
        """Refuse files that cannot be a results file before reading them."""
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file (ending .csv).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 10 MB.")
        return upload


def forbidden(request):
    """A 403 inside the admin, rather than Wagtail's redirect to the dashboard, so refusals are plain."""
    return TemplateResponse(request, "surveys/admin/forbidden.html", status=403)


def import_results(request):
    """Upload a results file: all of it is imported, or none of it with every bad row listed."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        return forbidden(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, file_error = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer.import_results(upload, file_name=upload.name, user=request.user)
        except importer.SurveyFileError as exc:
            file_error = str(exc)
        except importer.InvalidRowsError as exc:
            errors = exc.errors
        else:
            years = ", ".join(str(year) for year in result.years)
            messages.success(
                request,
                f"Imported {upload.name}: {result.created} results for {result.record.schools} schools "
                f"(survey years {years}). {result.replaced} earlier results were replaced.",
            )
            return redirect("surveys_surveyresult_modeladmin_index")
    return TemplateResponse(
        request,
        "surveys/admin/import.html",
        {
            "form": form,
            "errors": errors,
            "bad_lines": len({error.line for error in errors}),
            "file_error": file_error,
            "columns": importer.COLUMNS,
        },
        status=400 if errors or file_error else 200,
    )
