from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/principles/<int:number>/", views.principle, name="principle"),
    path("<int:pk>/answers/", views.check, name="check"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/download/", views.report_pdf, name="report_pdf"),
    path("<int:pk>/report/sent/", views.mark_sent, name="mark_sent"),
]
