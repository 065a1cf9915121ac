"""The public certificate verification page: no sign-in, nothing but the award's facts."""

from django.urls import path

app_name = "certificates"

urlpatterns = []
