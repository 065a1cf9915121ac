"""URLs of the Open Referral UK API; sws_site/urls.py includes them under api/open-referral/."""

from django.urls import path

from .api import api

urlpatterns = [path("", api.urls)]
