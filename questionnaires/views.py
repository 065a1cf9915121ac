"""The portal's questionnaire pages: before and after a training session, before and after working alongside a worker.

Only the person asked may open a page: the booked person for a booking, the staff involved for a
support period. Anyone else gets a 404, so the pages do not confirm that a booking or period exists.
"""

from contextlib import suppress
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from support.models import SupportRecord
from training.models import Booking

from .forms import QuestionnaireForm
from .models import Kind
from .services import AlreadyAnswered, existing_response, record_response

OPEN, ANSWERED, NOT_YET, CLOSED = "open", "answered", "not_yet", "closed"
TITLES = {
    Kind.PRE_TRAINING: "Before the training",
    Kind.POST_TRAINING: "After the training",
    Kind.BEFORE_SUPPORT: "Before working alongside a wellbeing worker",
    Kind.AFTER_SUPPORT: "After working alongside a wellbeing worker",
}


@dataclass
class Questionnaire:
    """What one questionnaire page is about and whether it can be answered now."""

    kind: str
    school: object
    subject: dict
    caption: str
    state: str = OPEN
    state_message: str = ""

    @property
    def title(self):
        """The page's heading."""
        return TITLES[self.kind]


@login_required
def pre_training(request, booking_id):
    """The questionnaire before a training session, open until the session starts."""
    booking = _booking(request, booking_id)
    questionnaire = _training_questionnaire(booking, Kind.PRE_TRAINING)
    if timezone.now() >= booking.session.starts_at:
        questionnaire.state = CLOSED
        questionnaire.state_message = "The session has started, so this questionnaire has closed."
    return _answer(request, questionnaire)


@login_required
def post_training(request, booking_id):
    """The questionnaire after a training session: open once the register shows them there, or the session has ended."""
    booking = _booking(request, booking_id)
    questionnaire = _training_questionnaire(booking, Kind.POST_TRAINING)
    if booking.attended is False:
        questionnaire.state = CLOSED
        questionnaire.state_message = (
            "The register shows that you did not attend this session, so there is nothing to answer. If that is "
            "wrong, contact the service."
        )
    elif not booking.attended and timezone.now() < booking.session.ends_at:
        questionnaire.state = NOT_YET
        questionnaire.state_message = "You can answer these questions once the session has ended."
    return _answer(request, questionnaire)


@login_required
def before_support(request, period_id):
    """The questionnaire before working alongside a wellbeing worker, open until the period ends."""
    period = _period(request, period_id)
    questionnaire = _support_questionnaire(period, Kind.BEFORE_SUPPORT)
    if period.ends_on is not None and period.ends_on < timezone.localdate():
        questionnaire.state = CLOSED
        questionnaire.state_message = "The period of support has ended, so this questionnaire has closed."
    return _answer(request, questionnaire)


@login_required
def after_support(request, period_id):
    """The questionnaire after working alongside a wellbeing worker, open from the period's last day."""
    period = _period(request, period_id)
    questionnaire = _support_questionnaire(period, Kind.AFTER_SUPPORT)
    if period.ends_on is None or period.ends_on > timezone.localdate():
        questionnaire.state = NOT_YET
        questionnaire.state_message = "You can answer these questions once the period of support has ended."
    return _answer(request, questionnaire)


def _booking(request, booking_id):
    """The signed-in person's own, not cancelled, booking; 404 otherwise."""
    booking = get_object_or_404(
        Booking.objects.select_related("session__course", "school"), pk=booking_id, person=request.user
    )
    if booking.status == Booking.Status.CANCELLED:
        raise Http404("The booking was cancelled.")
    return booking


def _period(request, period_id):
    """A period of working alongside staff that the signed-in person is one of the staff of; 404 otherwise."""
    return get_object_or_404(
        SupportRecord.objects.periods().select_related("school", "worker"), pk=period_id, staff=request.user
    )


def _training_questionnaire(booking, kind):
    start = format_date(timezone.localtime(booking.session.starts_at), "j F Y")
    caption = f"{booking.session.course.title}, {start}"
    return Questionnaire(kind=kind, school=booking.school, subject={"booking": booking}, caption=caption)


def _support_questionnaire(period, kind):
    worker = period.worker.get_full_name() or "a wellbeing worker"
    return Questionnaire(
        kind=kind, school=period.school, subject={"support_period": period}, caption=f"Working alongside {worker}"
    )


def _answer(request, questionnaire):
    """Show the questionnaire, its thanks once answered, or why it cannot be answered now."""
    if existing_response(request.user, questionnaire.kind, **questionnaire.subject) is not None:
        questionnaire.state = ANSWERED
    form = QuestionnaireForm(request.POST or None) if questionnaire.state == OPEN else None
    if request.method == "POST" and form is not None and form.is_valid():
        # A second answer sent from another tab is dropped: the page then thanks them for the first.
        with suppress(AlreadyAnswered):
            record_response(
                request.user, questionnaire.school, questionnaire.kind, form.cleaned_data, **questionnaire.subject
            )
        return redirect(request.path)
    return render(
        request,
        "questionnaires/questionnaire.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "is_before": questionnaire.kind in (Kind.PRE_TRAINING, Kind.BEFORE_SUPPORT),
            "is_training": questionnaire.kind in (Kind.PRE_TRAINING, Kind.POST_TRAINING),
            "breadcrumbs": [("Your schools", reverse("portal:dashboard")), (questionnaire.title, "")],
        },
    )

