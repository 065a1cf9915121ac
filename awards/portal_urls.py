from django.urls import path

from . import certificate_views
from . import portal_views as views

app_name = "awards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("evidence/", views.library, name="library"),
    path("evidence/<int:pk>/download/", views.download, name="download"),
    path("certificates/<int:pk>/", certificate_views.certificate, name="certificate"),
    path("<slug:stage>/", views.stage_view, name="stage"),
    path("<slug:stage>/start/", views.start, name="start"),
    path("<slug:stage>/renew/", views.renew, name="renew"),
    path("<slug:stage>/criteria/<int:criterion_id>/", views.criterion_view, name="criterion"),
    path("<slug:stage>/submit/", views.submit_view, name="submit"),
    path("<slug:stage>/withdraw/", views.withdraw_view, name="withdraw"),
    path("<slug:stage>/history/", views.history, name="history"),
]
