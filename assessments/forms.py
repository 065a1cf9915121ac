"""Forms of the self-assessment: choosing a round, and rating one principle's statements."""

from django import forms

from crispy_forms_gds.layout import Button, Div, Field, Layout

from sws_site.forms import GOVUKFormMixin

from .models import Rating, Round

NOTE_MAX_LENGTH = 2000


class StartRoundForm(GOVUKFormMixin, forms.Form):
    submit_label = "Start the self-assessment"

    round = forms.ChoiceField(
        label="Which round is this?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the round you are starting"},
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(value, Round(value).label) for value in rounds]

    def get_layout_fields(self):
        return [Field.radios("round", legend_size="m", legend_tag="h2")]


class PrincipleForm(GOVUKFormMixin, forms.Form):
    """A rating and an optional evidence note for each statement of one principle."""

    def __init__(self, *args, statements, principle, **kwargs):
        self.statements = list(statements)
        self.principle = principle
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *self._layout,
            Div(
                Button("continue", "Save and continue"),
                Button.secondary("later", "Save and come back later"),
                css_class="govuk-button-group",
            ),
        )

    def _label(self, index):
        return f"{self.principle.number}.{index}"

    @property
    def is_finishing(self):
        """Whether the person chose "Save and continue", which needs every statement rated."""
        return "later" not in self.data

    def get_layout_fields(self):
        """Add a rating and a note field per statement, and lay them out in pairs."""
        layout = []
        for index, statement in enumerate(self.statements, start=1):
            self.fields[f"rating_{statement.pk}"] = forms.TypedChoiceField(
                label=f"{self._label(index)} {statement.text}",
                help_text=statement.guidance,
                choices=Rating.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{statement.pk}"] = forms.CharField(
                label=f"Evidence for {self._label(index)} (optional)",
                help_text="For example a policy, meeting minutes, survey results or what pupils say.",
                max_length=NOTE_MAX_LENGTH,
                required=False,
                widget=forms.Textarea,
                error_messages={"max_length": f"Evidence must be {NOTE_MAX_LENGTH} characters or fewer"},
            )
            layout += [
                Field.radios(f"rating_{statement.pk}", legend_size="s", legend_tag="h2", small=True),
                Field.textarea(f"note_{statement.pk}", rows=3, max_characters=NOTE_MAX_LENGTH),
            ]
        self._layout = layout
        return layout

    def clean(self):
        cleaned = super().clean()
        if self.is_finishing:
            for index, statement in enumerate(self.statements, start=1):
                if cleaned.get(f"rating_{statement.pk}") in (None, ""):
                    message = f"Select how far statement {self._label(index)} is in place"
                    self.add_error(f"rating_{statement.pk}", message)
        return cleaned

    def answers(self):
        """{statement: (rating or None, note)} from the cleaned data."""
        data = self.cleaned_data
        return {
            s: (data.get(f"rating_{s.pk}") or None, data.get(f"note_{s.pk}", "").strip()) for s in self.statements
        }

    @classmethod
    def initial_for(cls, responses):
        """Initial values from saved responses."""
        initial = {}
        for response in responses:
            initial[f"rating_{response.statement_id}"] = response.rating
            initial[f"note_{response.statement_id}"] = response.note
        return initial
