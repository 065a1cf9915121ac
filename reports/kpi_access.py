"""Who may see the KPI dashboard: a permission with no table behind it."""

from django.db import models


class KPIDashboard(models.Model):
    """Holds the "view KPI dashboard" permission; the figures themselves are computed, never stored."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_kpi_dashboard", "Can see the KPI dashboard and the evaluation")]
        verbose_name = "KPI dashboard"

    def __str__(self):
        return "KPI dashboard"
