from django.urls import path

from . import views

app_name = "questionnaires"

urlpatterns = [
    path("training/<int:booking_id>/before/", views.pre_training, name="pre_training"),
    path("training/<int:booking_id>/after/", views.post_training, name="post_training"),
    path("support/<int:period_id>/before/", views.before_support, name="before_support"),
    path("support/<int:period_id>/after/", views.after_support, name="after_support"),
]
