"""Training sessions in the Wagtail admin, for the Administrator and the Team Manager; registers for workers too."""

from django.urls import path

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import TrainingSession


class TrainingSessionViewSet(ModelViewSet):
    model = TrainingSession
    name = "training_sessions"
    icon = "calendar"
    menu_label = "Training sessions"
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = True
    inspect_view_enabled = True
    index_view_class = admin_views.SessionIndexView
    edit_view_class = admin_views.SessionEditView
    filterset_class = admin_views.SessionFilterSet
    ordering = ["-starts_at"]
    list_per_page = 50
    search_fields = ["course__title", "trainer", "venue"]
    list_display = [
        "course",
        Column("starts_at", label="Starts", sort_key="starts_at"),
        Column("trainer", label="Trainer"),
        admin_views.PlacesColumn("places", label="Booked / places"),
        Column("waiting_count", label="Waiting", sort_key="waiting_count"),
        BooleanColumn("cancelled", label="Cancelled"),
    ]
    list_export = ["course", "starts_at", "ends_at", "venue", "online_link", "trainer", "capacity",
                   "confirmed_count", "waiting_count", "booking_deadline", "cancelled"]
    export_headings = {"confirmed_count": "Booked", "waiting_count": "Waiting", "capacity": "Places"}
    panels = [
        FieldPanel("course"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("booking_deadline")],
            heading="When",
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_link")], heading="Where"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("trainer")]),
        FieldPanel("cancelled"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/bookings/", admin_views.BookingsView.as_view(), name="bookings"),
            path(
                "<int:pk>/bookings/<int:booking_pk>/cancel/",
                admin_views.CancelBookingView.as_view(),
                name="cancel_booking",
            ),
            path("<int:pk>/register/", admin_views.RegisterView.as_view(), name="register"),
        ]


training_session_viewset = TrainingSessionViewSet()


@hooks.register("register_admin_viewset")
def register_training_sessions():
    return training_session_viewset
