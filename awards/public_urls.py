"""The public certificate verification page: no sign-in, nothing but the award's facts."""

from django.urls import path

from . import views_public

app_name = "certificates"

urlpatterns = [
    path("verify/", views_public.lookup, name="lookup"),
    path("verify/<str:code>/", views_public.verify, name="verify"),
]
