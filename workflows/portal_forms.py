"""Forms schools use to write their action plan in the portal (GOV.UK patterns)."""

from django import forms

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset

from resources.models import InterventionPage
from sws_site.forms import GOVUKFormMixin
from taxonomy.models import Principle

from .models import Action, ActionPlan


class PlanSummaryForm(GOVUKFormMixin, forms.ModelForm):
    submit_label = "Save summary"

    class Meta:
        model = ActionPlan
        fields = ["summary"]
        labels = {"summary": "What does your plan set out to achieve?"}

    def get_layout_fields(self):
        return [Field.textarea("summary", label_size="m", rows=6)]


class PrincipleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ActionForm(GOVUKFormMixin, forms.ModelForm):
    submit_label = "Save action"

    principle = PrincipleChoiceField(
        queryset=Principle.objects.order_by("number"),
        label="Which principle is this action for?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the principle this action is for"},
    )
    intervention = forms.ModelChoiceField(
        queryset=InterventionPage.objects.none(),
        required=False,
        label="Intervention from the library (optional)",
        empty_label="None",
    )
    start_date = DateInputField(label="Start date", help_text="For example, 4 9 2026", require_all_fields=False)
    due_date = DateInputField(label="Due date", help_text="For example, 21 7 2027", require_all_fields=False)

    class Meta:
        model = Action
        fields = [
            "principle",
            "objective",
            "intervention",
            "owner",
            "start_date",
            "due_date",
            "success_measure",
            "status",
            "progress_notes",
        ]
        labels = {
            "objective": "What will you do, and what will change?",
            "owner": "Who is responsible?",
            "success_measure": "How will you know it has worked?",
            "status": "Status",
            "progress_notes": "Progress so far (optional)",
        }
        help_texts = {"owner": "A name or role, for example Mental Health Lead or PSHE coordinator."}
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "objective": {"required": "Enter what you will do"},
            "owner": {"required": "Enter who is responsible"},
            "success_measure": {"required": "Enter how you will know it has worked"},
            "status": {"required": "Select the status"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = InterventionPage.objects.live().order_by("title")
        self.fields["status"].choices = Action.Status.choices
        for name in ("start_date", "due_date"):
            self.fields[name].error_messages["required"] = f"Enter the {self.fields[name].label.lower()}"

    def get_layout_fields(self):
        return [
            Field.radios("principle", legend_size="m"),
            Field.textarea("objective", label_size="s", rows=4),
            Field.select("intervention", label_size="s"),
            Field.text("owner", label_size="s", field_width=30),
            Fieldset(Field("start_date"), Field("due_date"), legend="Dates", legend_size="s"),
            Field.textarea("success_measure", label_size="s", rows=3),
            Field.radios("status", legend_size="s", inline=True),
            Field.textarea("progress_notes", label_size="s", rows=3),
        ]

    def clean(self):
        """The due date cannot come before the start date."""
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "The due date must be the same as or after the start date")
        return cleaned

