"""The reports app in the admin: the KPI dashboard, the evaluation view and the risk register."""

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from . import kpi_admin
from .risks_admin import RiskAdmin

modeladmin_register(RiskAdmin)


@hooks.register("register_admin_urls")
def register_kpi_urls():
    return kpi_admin.admin_urls()


@hooks.register("register_reports_menu_item")
def register_kpi_dashboard_menu_item():
    return kpi_admin.menu_items()[0]


@hooks.register("register_reports_menu_item")
def register_evaluation_menu_item():
    return kpi_admin.menu_items()[1]
