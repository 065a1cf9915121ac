from django.urls import path

from . import portal_views as views

app_name = "action_plans"

urlpatterns = [
    path("", views.plan_view, name="plan"),
    path("start/", views.start_plan, name="start"),
    path("summary/", views.edit_summary, name="summary"),
    path("actions/add/", views.action_form, name="add_action"),
    path("actions/<uuid:key>/", views.action_form, name="change_action"),
    path("actions/<uuid:key>/remove/", views.remove_action, name="remove_action"),
    path("submit/", views.submit_plan, name="submit"),
    path("withdraw/", views.withdraw_plan, name="withdraw"),
    path("history/", views.plan_history, name="history"),
    path("compare/", views.compare, name="compare"),
]
