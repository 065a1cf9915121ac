from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.my_bookings, name="my_bookings"),
    path("calendar/reset/", views.reset_feed, name="reset_feed"),
    path("sessions/<int:session_id>/book/", views.book_session, name="book"),
    path("bookings/<int:booking_id>/cancel/", views.cancel_booking, name="cancel"),
    path("schools/<int:urn>/", views.school_bookings, name="school_bookings"),
]
