"""Training sessions in the Wagtail admin: the listing, bookings with cancellation, and the attendance register."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton

import django_filters

from .attendance import AttendanceError, record_attendance, register_is_open
from .booking import BookingError, cancel, cancel_session, refill
from .forms import RegisterForm
from .models import Booking, CoursePage, TrainingSession


class SessionFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=lambda request: CoursePage.objects.order_by("title"))
    starts_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    cancelled = django_filters.BooleanFilter(label="Cancelled")

    class Meta:
        model = TrainingSession
        fields = ["course", "starts_at", "cancelled"]


class PlacesColumn(Column):
    """Booked places out of the session's capacity, from the listing's annotation."""

    def get_value(self, instance):
        return f"{instance.confirmed_count} / {instance.capacity}"


class SessionIndexView(IndexView):
    """Each row's counts come from one annotated query, whatever the number of sessions or bookings."""

    def get_base_queryset(self):
        return super().get_base_queryset().with_counts().select_related("course")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if user.has_perm("training.view_booking"):
            url = reverse("training_sessions:bookings", args=[instance.pk])
            buttons.append(ListingButton("Bookings", url=url, icon_name="group", priority=5))
        if user.has_perm("training.record_attendance"):
            url = reverse("training_sessions:register", args=[instance.pk])
            buttons.append(ListingButton("Attendance register", url=url, icon_name="tick", priority=6))
        return buttons


class SessionEditView(EditView):
    def save_instance(self):
        """Save; call the session off for everyone booked, or give freed places to people waiting."""
        was_cancelled = TrainingSession.objects.filter(pk=self.object.pk, cancelled=True).exists()
        instance = super().save_instance()
        if instance.cancelled and not was_cancelled:
            told = cancel_session(instance, self.request.user)
            messages.info(self.request, f"The session is cancelled: {len(told)} booked or waiting were told.")
            return instance
        for booking in refill(instance):
            messages.info(self.request, f"{booking.person} has moved from the waiting list to a place.")
        return instance


class SessionAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A page about one session, for holders of `permission`."""

    permission = ""
    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def session(self):
        return get_object_or_404(
            TrainingSession.objects.with_counts().select_related("course"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("training_sessions:index"), "label": "Training sessions"},
            {"url": reverse("training_sessions:edit", args=[self.session.pk]), "label": str(self.session)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)


class BookingsView(SessionAdminView):
    """Who has a place, who is waiting (in order) and who cancelled."""

    permission = "training.view_booking"
    page_title = "Bookings"
    template_name = "training/admin/bookings.html"

    def get_context_data(self, **kwargs):
        bookings = self.session.bookings.select_related("person", "school", "booked_by", "cancelled_by")
        return super().get_context_data(
            confirmed=bookings.filter(status=Booking.Status.CONFIRMED).order_by("person__last_name", "pk"),
            waiting=bookings.filter(status=Booking.Status.WAITING).order_by("position", "pk"),
            cancelled=bookings.filter(status=Booking.Status.CANCELLED).order_by("-cancelled_at", "pk"),
            can_cancel=self.request.user.has_perm("training.change_booking"),
            **kwargs,
        )


class CancelBookingView(SessionAdminView):
    """Confirm, then cancel one booking; the first person waiting is promoted and emailed."""

    permission = "training.change_booking"
    page_title = "Cancel booking"
    template_name = "training/admin/cancel_booking.html"

    @cached_property
    def booking(self):
        return get_object_or_404(
            self.session.bookings.exclude(status=Booking.Status.CANCELLED).select_related("person", "school"),
            pk=self.kwargs["booking_pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(booking=self.booking, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            cancel(self.booking, request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{self.booking.person}'s booking has been cancelled.")
        return redirect("training_sessions:bookings", pk=self.session.pk)


class RegisterView(SessionAdminView):
    """The attendance register: one attended / did not attend choice per person, saved in one go."""

    permission = "training.record_attendance"
    page_title = "Attendance register"
    template_name = "training/admin/register.html"

    def get_form(self):
        bookings = (
            self.session.bookings.filter(status=Booking.Status.CONFIRMED)
            .select_related("person", "school", "attendance_recorded_by")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        return RegisterForm(self.request.POST or None, bookings=bookings)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(is_open=register_is_open(self.session), **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            changed = record_attendance(self.session, form.marks(), request.user)
        except AttendanceError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"The register is saved ({len(changed)} change{'s' if len(changed) != 1 else ''}).")
        return redirect("training_sessions:register", pk=self.session.pk)
