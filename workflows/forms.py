"""The reviewer's decision on a school submission, in the admin's review page."""

from django import forms


class DecisionForm(forms.Form):
    """Approve, or request changes with a comment the school acts on.

    Submission types add their own fields (an award names the criteria that need more evidence);
    `extra_data()` hands them to the submission when changes are requested.
    """

    APPROVE = "approve"
    REQUEST_CHANGES = "reject"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[(APPROVE, "Approve"), (REQUEST_CHANGES, "Request changes")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or request changes."},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea({"rows": 4}),
        help_text="Optional with an approval. With a request for changes, say what to change: the school sees it.",
    )

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission

    def clean(self):
        """A request for changes must say what to change."""
        cleaned = super().clean()
        if cleaned.get("decision") == self.REQUEST_CHANGES and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Say what needs to change.")
        return cleaned

    def extra_data(self):
        """What the submission needs besides the decision and comment (nothing, for an action plan)."""
        return {}
