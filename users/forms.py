"""Sign-in, password and invitation forms, in GOV.UK Design System style."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.template.loader import render_to_string

from crispy_forms_gds.layout import Field

from sws_site.forms import GOVUKFormMixin
from sws_site.notifications import send_email_task

from .models import User


class SignInForm(GOVUKFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"

    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive except the email.",
        "inactive": "This account has been switched off. Contact the School Wellbeing Service.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        # GOV.UK pattern: no autofocus, so the skip link stays the first thing a keyboard reaches.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def get_layout_fields(self):
        return [
            Field.text("username", field_width=20, autocomplete="email", spellcheck="false"),
            Field.text("password", field_width=20, autocomplete="current-password"),
        ]


class PasswordResetForm(GOVUKFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address"

    def get_layout_fields(self):
        return [Field.text("email", field_width=20, autocomplete="email", spellcheck="false")]

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Send the reset link through the background task queue, like every other email."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        send_email_task.enqueue(subject, body, [to_email])


class SetPasswordForm(GOVUKFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save password"

    def get_layout_fields(self):
        return [
            Field.text("new_password1", field_width=20, autocomplete="new-password"),
            Field.text("new_password2", field_width=20, autocomplete="new-password"),
        ]


class AcceptInvitationForm(GOVUKFormMixin, forms.Form):
    """A new person confirms their name and chooses a password."""

    submit_label = "Create account"

    first_name = forms.CharField(max_length=150, error_messages={"required": "Enter your first name"})
    last_name = forms.CharField(max_length=150, error_messages={"required": "Enter your last name"})
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput,
        help_text="At least 10 characters; avoid common words.",
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Confirm password", widget=forms.PasswordInput, error_messages={"required": "Confirm your password"}
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def get_layout_fields(self):
        return [
            Field.text("first_name", field_width=20, autocomplete="given-name"),
            Field.text("last_name", field_width=20, autocomplete="family-name"),
            Field.text("password1", field_width=20, autocomplete="new-password"),
            Field.text("password2", field_width=20, autocomplete="new-password"),
        ]

    def clean(self):
        """Passwords must match and pass the site's password rules."""
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        elif first:
            candidate = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
