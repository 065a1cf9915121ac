from django.urls import path

from . import views

app_name = "training_public"

urlpatterns = [
    path("whats-on/", views.whats_on, name="whats_on"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
