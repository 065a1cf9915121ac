"""Forms for the award: a school's evidence for a criterion, uploads to its library, and the reviewer's decision."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from crispy_forms_gds.layout import Field

from sws_site.forms import GOVUKFormMixin
from workflows.forms import DecisionForm

from . import evidence
from .models import EvidenceFile

UPLOAD_HELP = f"A {evidence.ALLOWED_LABEL}, smaller than {evidence.MAX_SIZE_LABEL}."


class UploadField(forms.FileField):
    """A file checked by its content and size before anything is stored."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"required": "Select a file", "empty": "The selected file is empty"})
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.checked = evidence.check(upload)
        return upload


class UploadForm(GOVUKFormMixin, forms.Form):
    """Add a file to the school's evidence library."""

    submit_label = "Upload file"

    file = UploadField(label="Upload a file", help_text=UPLOAD_HELP)

    def get_layout_fields(self):
        return [Field("file")]


def _validate_links(value):
    """Every non-blank line must be a web address starting with http:// or https://."""
    validate = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError:
                raise ValidationError(
                    f"Enter each link as a full web address starting with https://, one per line "
                    f"(line {number} is not)"
                ) from None


class CriterionEvidenceForm(GOVUKFormMixin, forms.Form):
    """The school's evidence for one criterion: a narrative, links, files chosen from the library, a new file."""

    submit_label = "Save evidence"

    narrative = forms.CharField(
        label="What has the school done?",
        help_text="Describe what you did, who was involved and what difference it made.",
        required=False,
        widget=forms.Textarea({"rows": 8}),
    )
    links = forms.CharField(
        label="Links (optional)",
        help_text="Web pages that show your evidence, such as your school website. One per line, starting "
        "with https://",
        required=False,
        widget=forms.Textarea({"rows": 3, "spellcheck": "false"}),
        validators=[_validate_links],
    )
    files = forms.ModelMultipleChoiceField(
        label="Files from your evidence library",
        help_text="Select all that apply.",
        queryset=EvidenceFile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    upload = UploadField(label="Upload a new file (optional)", help_text=UPLOAD_HELP, required=False)

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].queryset = library
        if not library:
            del self.fields["files"]

    def get_layout_fields(self):
        fields = [Field.textarea("narrative", rows=8), Field.textarea("links", rows=3)]
        if "files" in self.fields:
            fields.append(Field.checkboxes("files", legend_size="s", small=True))
        fields.append(Field("upload"))
        return fields

    def clean_links(self):
        """One address per line, tidied."""
        return "\n".join(line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip())


class AwardDecisionForm(DecisionForm):
    """Approve, or ask for more evidence on named criteria of the stage."""

    criteria = forms.MultipleChoiceField(
        label="Which criteria need more evidence?",
        help_text="Only these reopen for the school. Required when you request changes.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, submission=submission, **kwargs)
        self.fields["criteria"].choices = [(str(c.pk), c.title) for c in submission.criteria()]

    def clean(self):
        """A request for changes must name at least one criterion."""
        cleaned = super().clean()
        if cleaned.get("decision") == self.REQUEST_CHANGES and not cleaned.get("criteria"):
            self.add_error("criteria", "Select the criteria that need more evidence.")
        return cleaned

    def extra_data(self):
        """The criteria to reopen, when changes are requested."""
        if self.cleaned_data.get("decision") != self.REQUEST_CHANGES:
            return {}
        return {"criteria": [int(pk) for pk in self.cleaned_data["criteria"]]}
