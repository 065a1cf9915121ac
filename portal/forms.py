"""Forms a school's lead uses to manage the school's people."""

from django import forms

from crispy_forms_gds.layout import Field

from schools.models import Membership
from sws_site.forms import GOVUKFormMixin


class InviteForm(GOVUKFormMixin, forms.Form):
    submit_label = "Send invitation"

    first_name = forms.CharField(max_length=150, error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(max_length=150, error_messages={"required": "Enter their last name"})
    email = forms.EmailField(
        label="Email address",
        help_text="Use their school email address. We will send them a link to create an account.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[(Membership.Role.STAFF, "Staff"), (Membership.Role.HEAD_TEACHER, "Head teacher")],
        initial=Membership.Role.STAFF,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role"},
    )

    def get_layout_fields(self):
        return [
            Field.text("first_name", field_width=20, autocomplete="off"),
            Field.text("last_name", field_width=20, autocomplete="off"),
            Field.text("email", field_width=30, autocomplete="off", spellcheck="false"),
            Field.radios("role", legend_size="s"),
        ]


class DesignateLeadForm(GOVUKFormMixin, forms.Form):
    submit_label = "Designate as lead"

    member = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        label="Who is the school's designated Mental Health Lead?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the new Mental Health Lead"},
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = (
            Membership.objects.filter(school=school)
            .exclude(role=Membership.Role.MENTAL_HEALTH_LEAD)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        )
        field.label_from_instance = lambda m: f"{m.user.get_full_name() or m.user.email} ({m.get_role_display()})"

    def get_layout_fields(self):
        return [Field.radios("member", legend_size="m", legend_tag="h2")]
