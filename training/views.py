"""Booking in the portal (/portal/training/), "what's on" and personal calendar feeds (public)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from schools.access import can_manage_people, schools_led_by, visible_school_or_404
from taxonomy.models import Topic

from .attendance import can_see_school_bookings, lead_attendance
from .booking import BookingError, SessionFull, book, bookable_memberships, can_cancel, cancel
from .calendar import feed_ics
from .forms import BookingForm
from .models import Booking, CalendarFeed, CoursePage, TrainingSession

PER_PAGE = 20


def _my_bookings_crumbs(*crumbs):
    return [("Your schools", reverse("portal:dashboard")), ("Your training", reverse("portal:training:my_bookings")),
            *crumbs]


@login_required
def my_bookings(request):
    """The signed-in person's places and waiting-list places to come, and the sessions they went to."""
    now = timezone.now()
    mine = Booking.objects.filter(person=request.user).select_related("session__course", "school", "booked_by")
    upcoming = mine.filter(session__starts_at__gt=now).exclude(status=Booking.Status.CANCELLED)
    past = mine.filter(session__starts_at__lte=now, status=Booking.Status.CONFIRMED).order_by("-session__starts_at")
    feed, _ = CalendarFeed.objects.get_or_create(user=request.user)
    return render(
        request,
        "training/portal/my_bookings.html",
        {
            "upcoming": upcoming.order_by("session__starts_at", "pk"),
            "past": Paginator(past, PER_PAGE).get_page(request.GET.get("page")),
            "feed_url": request.build_absolute_uri(reverse("training_public:calendar_feed", args=[feed.token])),
            "led_schools": schools_led_by(request.user).order_by("name"),
            "breadcrumbs": [("Your schools", reverse("portal:dashboard")), ("Your training", "")],
        },
    )


@login_required
@require_POST
def reset_feed(request):
    """Give the person's calendar feed a new address; the old one stops working."""
    feed, _ = CalendarFeed.objects.get_or_create(user=request.user)
    feed.reset()
    messages.success(request, "Your calendar address has changed. Add the new one to your calendar.")
    return redirect("portal:training:my_bookings")


def _bookable_session(session_id):
    return get_object_or_404(
        TrainingSession.objects.listed().with_counts().select_related("course"), pk=session_id
    )


@login_required
def book_session(request, session_id):
    """Book a place (or, when full, a waiting-list place) for yourself or for staff of the school you lead."""
    session = _bookable_session(session_id)
    already = set(
        session.bookings.exclude(status=Booking.Status.CANCELLED).values_list("person_id", flat=True)
    )
    memberships = (
        bookable_memberships(request.user)
        .exclude(user_id__in=already)
        .select_related("user", "school")
        .order_by("school__name", "user__last_name", "user__first_name", "pk")
    )
    choose_people = schools_led_by(request.user).exists()
    full = session.places_left == 0
    data = request.POST if request.method == "POST" else None
    form = BookingForm(data, memberships=memberships, full=full, choose_people=choose_people)
    context = {
        "session": session,
        "form": form,
        "open": session.is_open_for_booking(),
        "can_book": memberships.exists(),
        "already_booked": request.user.pk in already,
        "breadcrumbs": _my_bookings_crumbs(("Book a place", "")),
    }
    if request.method == "POST" and context["open"] and context["can_book"] and form.is_valid():
        people = form.cleaned_data["people"] if choose_people else [memberships.first()]
        try:
            bookings = _book_all(session, people, request.user, form.cleaned_data.get("waiting_list", False))
        except SessionFull:
            form.add_error(
                None,
                "There are not enough places left for everyone you chose. Choose fewer people, or join the "
                "waiting list." if choose_people else "The last place has just been taken.",
            )
            session = _bookable_session(session_id)
            context["session"] = session
            if not choose_people or session.places_left == 0:
                data = request.POST.copy()
                data["waiting_list"] = "True"
                form = BookingForm(data, memberships=memberships, full=True, choose_people=choose_people)
                form.is_valid()
                form.add_error(None, "The session is now full. You can join the waiting list.")
                context["form"] = form
        except BookingError as error:
            form.add_error(None, str(error))
        else:
            return _after_booking(request, bookings)
    return render(request, "training/portal/book.html", context)


def _book_all(session, memberships, booker, waiting_list):
    """Book everyone chosen, or no one: a refusal for one person undoes the others."""
    with transaction.atomic():
        return [book(session, m.user, booker, waiting_list=waiting_list, school=m.school) for m in memberships]


def _after_booking(request, bookings):
    for booking in bookings:
        who = "You" if booking.person_id == request.user.pk else booking.person.get_full_name() or booking.person.email
        if booking.status == Booking.Status.CONFIRMED:
            messages.success(request, f"{who} {'have' if who == 'You' else 'has'} a place on {booking.session}.")
        else:
            messages.success(request, f"{who} {'are' if who == 'You' else 'is'} number {booking.position} on the "
                             f"waiting list for {booking.session}.")
    mine = [b for b in bookings if b.person_id == request.user.pk]
    if len(bookings) == 1 and mine and mine[0].status == Booking.Status.CONFIRMED:
        # Before the session the person tells us how confident they feel now (the questionnaires app).
        return redirect("portal:questionnaires:pre_training", booking_id=mine[0].pk)
    if any(b.person_id != request.user.pk for b in bookings):
        return redirect("portal:training:school_bookings", urn=bookings[0].school.urn)
    return redirect("portal:training:my_bookings")


def _cancellable(request, booking_id):
    booking = get_object_or_404(
        Booking.objects.select_related("session__course", "person", "school"), pk=booking_id
    )
    if not can_cancel(request.user, booking):
        raise Http404("You cannot cancel this booking.")
    return booking


@login_required
def cancel_booking(request, booking_id):
    """Cancel a place or waiting-list place, after confirming; the next person waiting gets the place."""
    booking = _cancellable(request, booking_id)
    back = (
        reverse("portal:training:my_bookings")
        if booking.person_id == request.user.pk
        else reverse("portal:training:school_bookings", args=[booking.school.urn])
    )
    if request.method == "POST":
        try:
            cancel(booking, request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            what = "place" if booking.status == Booking.Status.CONFIRMED else "waiting-list place"
            messages.success(request, f"The {what} on {booking.session} has been cancelled.")
        return redirect(back)
    if booking.status == Booking.Status.CANCELLED:
        raise Http404("This booking is already cancelled.")
    return render(request, "training/portal/cancel.html", {"booking": booking, "back": back})


def _school_for_bookings(request, urn):
    """The school if the user is its lead or the service's staff who may see it; 404 otherwise."""
    school = visible_school_or_404(request.user, urn)
    if not can_see_school_bookings(request.user, school):
        raise Http404("Only the school's designated Mental Health Lead sees its bookings.")
    return school


@login_required
def school_bookings(request, urn):
    """The school's bookings to come and attendance at past sessions, and its lead's mandatory training."""
    school = _school_for_bookings(request, urn)
    now = timezone.now()
    bookings = Booking.objects.filter(school=school).select_related("session__course", "person")
    upcoming = (
        bookings.filter(session__starts_at__gt=now)
        .exclude(status=Booking.Status.CANCELLED)
        .order_by("session__starts_at", "status", "person__last_name", "pk")
    )
    past = bookings.filter(session__starts_at__lte=now, status=Booking.Status.CONFIRMED).order_by(
        "-session__starts_at", "person__last_name", "pk"
    )
    lead, mandatory = lead_attendance(school)
    return render(
        request,
        "training/portal/school_bookings.html",
        {
            "school": school,
            "upcoming": upcoming,
            "past": Paginator(past, PER_PAGE).get_page(request.GET.get("page")),
            "lead": lead,
            "mandatory": mandatory,
            "is_lead": can_manage_people(request.user, school),
            "breadcrumbs": [
                ("Your schools", reverse("portal:dashboard")),
                (school.name, reverse("portal:school", args=[school.urn])),
                ("Training bookings", ""),
            ],
        },
    )


def whats_on(request):
    """Every upcoming session of every published course, by month, filtered by course or topic."""
    sessions = TrainingSession.objects.listed()
    courses = CoursePage.objects.filter(pk__in=sessions.values("course")).order_by("title").only("title", "slug")
    topics = Topic.objects.filter(courses__in=courses.values("pk")).distinct().order_by("name")
    chosen = {"course": request.GET.get("course", ""), "topic": request.GET.get("topic", "")}
    if chosen["course"]:
        sessions = sessions.filter(course__slug=chosen["course"])
    if chosen["topic"]:
        sessions = sessions.filter(course__topics__slug=chosen["topic"])
    sessions = (
        sessions.with_counts()
        .annotate(month=TruncMonth("starts_at", tzinfo=timezone.get_current_timezone()))
        .select_related("course")
    )
    page = Paginator(sessions, PER_PAGE).get_page(request.GET.get("page"))
    query = {key: value for key, value in chosen.items() if value}
    return render(
        request,
        "training/whats_on.html",
        {
            "page": page,
            "courses": courses,
            "topics": topics,
            "chosen": chosen,
            "query_string": urlencode(query),
            "breadcrumbs": [("What's on", "")],
        },
    )


def calendar_feed(request, token):
    """A person's confirmed sessions as an iCalendar feed; the unguessable token is the only key."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404("No such calendar.")
    response = HttpResponse(feed_ics(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="training.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
