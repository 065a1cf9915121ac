"""Signing in and out, resetting a password, and accepting an invitation to a school."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.debug import sensitive_post_parameters

from schools.models import Invitation
from schools.people import PeopleError, accept_invitation

from .forms import AcceptInvitationForm, PasswordResetForm, SetPasswordForm, SignInForm


class SignInView(auth_views.LoginView):
    template_name = "users/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "users/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "users/email/password_reset.txt"
    subject_template_name = "users/email/password_reset_subject.txt"
    success_url = reverse_lazy("users:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "users/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "users/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("users:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "users/password_reset_complete.html"


@sensitive_post_parameters("password1", "password2")
def accept_invitation_view(request, token):
    """Someone invited to a school creates their account, then lands on the school's page."""
    invitation = get_object_or_404(Invitation.objects.select_related("school"), token=token)
    if not invitation.is_pending:
        return render(request, "users/invitation_unavailable.html", {"invitation": invitation}, status=410)
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Your account is ready. Welcome to {invitation.school.name}.")
            return redirect("portal:school", urn=invitation.school.urn)
    return render(request, "users/accept_invitation.html", {"form": form, "invitation": invitation})
