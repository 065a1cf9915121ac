"""Where the KPI dashboard and the evaluation view sit in the Wagtail admin."""

from django.urls import path, reverse

from wagtail.admin.menu import MenuItem

from .dashboard import KPIDashboardView, can_view_kpis
from .evaluation import EvaluationView


class KPIMenuItem(MenuItem):
    def is_shown(self, request):
        """Only for those who may see the KPIs."""
        return can_view_kpis(request.user)


def admin_urls():
    """URLs for `register_admin_urls`."""
    return [
        path("kpis/", KPIDashboardView.as_view(), name="kpi_dashboard"),
        path("kpis/evaluation/", EvaluationView.as_view(), name="kpi_evaluation"),
    ]


def menu_items():
    """Menu items for `register_reports_menu_item`."""
    return [
        KPIMenuItem("KPI dashboard", reverse("kpi_dashboard"), icon_name="table", order=50),
        KPIMenuItem("Evaluation: baseline and end of pilot", reverse("kpi_evaluation"), icon_name="table", order=51),
    ]
