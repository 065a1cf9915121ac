"""The public certificate check: anyone holding a certificate can see whether it is genuine and in force.

The page shows the school, the stage, the dates and the status, and nothing else: no reason for a
revocation, no people. Codes are unguessable, and search engines are asked not to index the pages.
"""

from functools import wraps

from django import forms
from django.shortcuts import redirect, render

from crispy_forms_gds.layout import Field

from sws_site.forms import GOVUKFormMixin

from .models import Award

PUBLIC_STATUS = {
    Award.Status.VALID: ("Valid", "green"),
    Award.Status.EXPIRING_SOON: ("Valid", "green"),
    Award.Status.EXPIRED: ("Expired", "grey"),
    Award.Status.REVOKED: ("Revoked", "red"),
}


def noindex(view):
    """Ask search engines not to index or follow the page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


class CertificateCodeForm(GOVUKFormMixin, forms.Form):
    submit_label = "Check certificate"

    code = forms.CharField(
        label="Verification code",
        help_text="It is printed at the bottom of the certificate, for example Xy3_kP9qL0vN-2bTq8mWzA.",
        max_length=60,
        error_messages={"required": "Enter the verification code from the certificate"},
    )

    def get_layout_fields(self):
        return [Field.text("code", field_width=20, autocomplete="off", spellcheck="false")]

    def clean_code(self):
        """Spaces typed or copied around and inside the code do not count."""
        code = "".join(self.cleaned_data["code"].split())
        if not Award.objects.filter(code=code).exists():
            raise forms.ValidationError(
                "No award has this verification code. Check it is typed exactly as printed, including capital letters"
            )
        return code


def _not_found(request, code):
    return render(request, "awards/verify_not_found.html", {"code": code}, status=404)


@noindex
def verify(request, code):
    """The award with this code: school, stage, award date, expiry and whether it is valid, expired or revoked."""
    award = Award.objects.select_related("school").filter(code=code).first()
    if award is None:
        return _not_found(request, code)
    label, colour = PUBLIC_STATUS[award.status]
    context = {"award": award, "school_name": award.school.name, "status_label": label, "status_colour": colour}
    return render(request, "awards/verify.html", context)


@noindex
def lookup(request):
    """A form to type the code printed on a certificate; a known code goes to its verification page."""
    form = CertificateCodeForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "awards/verify_lookup.html", {"form": form})
