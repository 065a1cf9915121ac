"""Forms for booking places on training sessions."""

from django import forms

from crispy_forms_gds.layout import Field

from sws_site.forms import GOVUKFormMixin


class BookingForm(GOVUKFormMixin, forms.Form):
    """Book yourself, or (a school's lead) choose staff; when the session is full, join the waiting list."""

    people = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Who is coming?",
        help_text="Select everyone who needs a place.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one person"},
    )
    waiting_list = forms.BooleanField(
        required=False, label="If there are not enough places, put the others on the waiting list"
    )

    def __init__(self, *args, memberships, full, choose_people, **kwargs):
        self.full = full
        self.choose_people = choose_people
        self.submit_label = "Join the waiting list" if full else "Book a place" if not choose_people else "Book places"
        super().__init__(*args, **kwargs)
        if choose_people:
            field = self.fields["people"]
            field.queryset = memberships
            field.label_from_instance = self._describe
        else:
            del self.fields["people"]
        if full:
            self.fields["waiting_list"].widget = forms.HiddenInput()
            self.fields["waiting_list"].initial = True
        elif not choose_people:
            del self.fields["waiting_list"]

    @staticmethod
    def _describe(membership):
        name = membership.user.get_full_name() or membership.user.email
        return f"{name} ({membership.get_role_display().lower()}, {membership.school.name})"

    def get_layout_fields(self):
        fields = []
        if self.choose_people:
            fields.append(Field.checkboxes("people", legend_size="m", legend_tag="h2"))
        if self.full:
            fields.append("waiting_list")
        elif self.choose_people:
            fields.append(Field.checkboxes("waiting_list", small=True))
        return fields


class RegisterForm(forms.Form):
    """One attended / did not attend choice per confirmed booking, saved together."""

    CHOICES = [("yes", "Attended"), ("no", "Did not attend")]

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            initial = {True: "yes", False: "no"}.get(booking.attended)
            self.fields[f"attended-{booking.pk}"] = forms.ChoiceField(
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
                label=booking.person.get_full_name() or booking.person.email,
            )

    def rows(self):
        """(booking, bound field) for each person on the register."""
        return [(booking, self[f"attended-{booking.pk}"]) for booking in self.bookings]

    def marks(self):
        """{booking id: True/False} for the people marked; unmarked people are left as they were."""
        return {
            booking.pk: self.cleaned_data[f"attended-{booking.pk}"] == "yes"
            for booking in self.bookings
            if self.cleaned_data.get(f"attended-{booking.pk}")
        }
