"""The questionnaire form: four questions, each rated 1 to 5 on radios with every point labelled."""

from dataclasses import dataclass

from django import forms

from crispy_forms_gds.layout import Field

from sws_site.forms import GOVUKFormMixin


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    scale: tuple  # what 1, 2, 3, 4 and 5 mean, lowest first
    error: str

    @property
    def hint(self):
        """What the ends of the scale mean."""
        return f"1 means {self.scale[0].lower()} and 5 means {self.scale[-1].lower()}."

    @property
    def choices(self):
        """The five radios, each labelled with its number and its meaning."""
        return [(number, f"{number} – {label}") for number, label in enumerate(self.scale, start=1)]


QUESTIONS = (
    Question(
        "confidence",
        "How confident do you feel supporting children and young people with their mental health and wellbeing?",
        ("Not at all confident", "A little confident", "Fairly confident", "Confident", "Very confident"),
        "Select how confident you feel, from 1 to 5",
    ),
    Question(
        "knowledge",
        "How would you rate your knowledge of children and young people's mental health?",
        ("No knowledge", "A little knowledge", "Some knowledge", "Good knowledge", "Very good knowledge"),
        "Select how you rate your knowledge, from 1 to 5",
    ),
    Question(
        "thrive_understanding",
        "How well do you understand the Thurrock THRIVE model?",
        ("Not at all", "A little", "Fairly well", "Well", "Very well"),
        "Select how well you understand the THRIVE model, from 1 to 5",
    ),
    Question(
        "thrive_access",
        "How well do you know how to find and access support for a child through the THRIVE model?",
        ("Not at all", "A little", "Fairly well", "Well", "Very well"),
        "Select how well you know how to access THRIVE support, from 1 to 5",
    ),
)


def _rating_field(name):
    question = next(question for question in QUESTIONS if question.name == name)
    return forms.TypedChoiceField(
        label=question.text,
        help_text=question.hint,
        choices=question.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": question.error, "invalid_choice": question.error},
    )


class QuestionnaireForm(GOVUKFormMixin, forms.Form):
    submit_label = "Send your answers"

    confidence = _rating_field("confidence")
    knowledge = _rating_field("knowledge")
    thrive_understanding = _rating_field("thrive_understanding")
    thrive_access = _rating_field("thrive_access")

    def get_layout_fields(self):
        return [Field.radios(question.name, legend_size="s", legend_tag="h2") for question in QUESTIONS]
