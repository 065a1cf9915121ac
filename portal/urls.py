from django.urls import include, path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("schools/<int:urn>/", views.school_detail, name="school"),
    path("schools/<int:urn>/people/invite/", views.invite_person, name="invite"),
    path("schools/<int:urn>/people/lead/", views.change_lead, name="change_lead"),
    path("schools/<int:urn>/people/history/", views.people_history, name="people_history"),
    path("schools/<int:urn>/people/<int:membership_id>/remove/", views.remove_person, name="remove_person"),
    path(
        "schools/<int:urn>/invitations/<int:invitation_id>/withdraw/",
        views.withdraw,
        name="withdraw_invitation",
    ),
    path("schools/<int:urn>/self-assessment/", include("assessments.urls")),
    path("schools/<int:urn>/action-plan/", include("workflows.portal_urls")),
    path("schools/<int:urn>/award/", include("awards.portal_urls")),
    path("training/", include("training.portal_urls")),
    path("questionnaires/", include("questionnaires.portal_urls")),
    path("schools/<int:urn>/brighter-futures/", include("surveys.portal_urls")),
]
