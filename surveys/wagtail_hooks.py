"""Brighter Futures Survey in the Wagtail admin: results (read-only, suppressed), indicators, imports, upload.

Results are listed only for the schools the user may see (schools_visible_to), and a figure from fewer
than 10 pupils is never shown or exported: the listing and the export leave its numbers blank.
"""

from django.contrib.admin import RelatedOnlyFieldListFilter, display
from django.urls import path, reverse_lazy

from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from schools.access import schools_visible_to
from schools.admin_views import (
    ReadOnlyPermissionHelper,
    RegistryButtonHelper,
    RegistryEditView,
    RegistryIndexView,
)

from .admin_views import IMPORT_PERMISSION, import_results
from .models import Indicator, SurveyImport, SurveyResult
from .services import SUPPRESSED_SCHOOL, is_suppressed


class ResultsIndexView(RegistryIndexView):
    """The results listing, offering the upload page to those who may import."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = self.request.user.has_perm(IMPORT_PERMISSION)
        return context


class SurveyModelAdmin(ModelAdmin):
    """What the survey's listings share: 50 a page, spreadsheet exports, no history or inspect views."""

    list_per_page = 50
    index_view_class = RegistryIndexView
    button_helper_class = RegistryButtonHelper
    history_view_enabled = False
    export_headings = {}

    def get_export_queryset(self, request, queryset):
        """The listing's rows, as RegistryIndexView expects."""
        return queryset

    def register_indexing(self):
        """Skip Wagtail's reference index: imports write thousands of rows."""


class SurveyResultAdmin(SurveyModelAdmin):
    model = SurveyResult
    menu_label = "Results"
    menu_icon = "table"
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = ResultsIndexView
    index_template_name = "surveys/admin/results_index.html"
    list_display = ("school", "urn", "survey", "indicator", "kind", "percentage", "respondents")
    list_filter = ("year", "indicator__kind", "indicator", ("school__cluster", RelatedOnlyFieldListFilter))
    search_fields = ("school__name", "school__urn")
    list_export = (
        "urn", "school_name", "year", "survey", "indicator_code", "indicator", "kind", "export_numerator",
        "export_denominator", "export_percentage", "suppressed",
    )
    export_headings = {
        "urn": "URN",
        "school_name": "School",
        "year": "Year",
        "indicator_code": "Indicator code",
        "export_numerator": "Numerator",
        "export_denominator": "Denominator",
        "export_percentage": "Percentage",
        "suppressed": "Suppressed (fewer than 10 pupils)",
    }
    export_filename = "brighter-futures-results"

    def get_queryset(self, request):
        """Results of the schools this user may see."""
        return SurveyResult.objects.filter(school__in=schools_visible_to(request.user).values("pk")).select_related(
            "school", "indicator"
        )

    @display(description="URN", ordering="school__urn")
    def urn(self, obj):
        return obj.school.urn

    @display(description="school", ordering="school__name")
    def school_name(self, obj):
        return obj.school.name

    @display(description="survey", ordering="year")
    def survey(self, obj):
        return obj.survey_label

    @display(description="indicator code", ordering="indicator__code")
    def indicator_code(self, obj):
        return obj.indicator.code

    @display(description="kind", ordering="indicator__kind")
    def kind(self, obj):
        return obj.indicator.get_kind_display()

    @display(description="percentage")
    def percentage(self, obj):
        """The percentage, or the suppression notice."""
        if is_suppressed(obj.denominator):
            return SUPPRESSED_SCHOOL
        return f"{100 * obj.numerator / obj.denominator:.0f}%"

    @display(description="pupils")
    def respondents(self, obj):
        """The counts behind the percentage, hidden with it."""
        return "" if is_suppressed(obj.denominator) else f"{obj.numerator} of {obj.denominator}"

    def export_numerator(self, obj):
        return None if is_suppressed(obj.denominator) else obj.numerator

    def export_denominator(self, obj):
        return None if is_suppressed(obj.denominator) else obj.denominator

    def export_percentage(self, obj):
        return None if is_suppressed(obj.denominator) else round(100 * obj.numerator / obj.denominator, 1)

    def suppressed(self, obj):
        return "Yes" if is_suppressed(obj.denominator) else "No"


class IndicatorPermissionHelper(PermissionHelper):
    """Indicators come from the survey's file format: they are reworded here, never added or removed."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class IndicatorAdmin(SurveyModelAdmin):
    model = Indicator
    menu_label = "Indicators"
    menu_icon = "tag"
    permission_helper_class = IndicatorPermissionHelper
    edit_view_class = RegistryEditView
    list_display = ("name", "code", "kind", "topic_names")
    list_filter = ("kind",)
    list_export = ("code", "name", "kind", "description", "topic_names")
    export_filename = "brighter-futures-indicators"
    form_fields_exclude = ["code"]

    def get_queryset(self, request):
        return Indicator.objects.prefetch_related("topics")

    @display(description="library topics")
    def topic_names(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())


class SurveyImportAdmin(SurveyModelAdmin):
    model = SurveyImport
    menu_label = "Imports"
    menu_icon = "history"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("file_name", "imported_at", "imported_by", "rows", "schools", "years")
    list_export = ("file_name", "imported_at", "imported_by", "rows", "schools", "years")
    export_filename = "brighter-futures-imports"

    def get_queryset(self, request):
        return SurveyImport.objects.select_related("imported_by")


class ImportMenuItem(MenuItem):
    """The upload page, in the menu only for those who may import."""

    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@modeladmin_register
class SurveyGroup(ModelAdminGroup):
    menu_label = "Brighter Futures Survey"
    menu_icon = "table"
    menu_order = 270
    items = (SurveyResultAdmin, IndicatorAdmin, SurveyImportAdmin)

    def get_submenu_items(self):
        """The listings, then the upload page."""
        items = super().get_submenu_items()
        items.append(
            ImportMenuItem("Import results", reverse_lazy("surveys_import"), icon_name="upload", order=len(items) + 1)
        )
        return items

    def get_admin_urls_for_registration(self):
        """The listings' URLs and the upload page's."""
        return (
            *super().get_admin_urls_for_registration(),
            path("brighter-futures/import/", import_results, name="surveys_import"),
        )
