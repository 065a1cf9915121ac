"""The risk and quality register in the Wagtail admin, for the steering group and the Team Manager.

Who may do what comes from the model permissions granted by reports/migrations/0002: the steering group
and the Team Manager add and change entries, Public Health reads them, no one else sees them, and no
one deletes one (it is closed instead). A refused action is a 403, not Wagtail's redirect.
"""

from django.contrib.admin import SimpleListFilter, display
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.html import format_html

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from schools.admin_views import (
    RecordHistoryView,
    RegistryButtonHelper,
    RegistryCreateView,
    RegistryDeleteView,
    RegistryEditView,
    RegistryIndexView,
    RegistryInspectView,
)

from .risks import Rag, Risk, rag_filter


class Forbidden403Mixin:
    """Answer a refused action with a 403 page inside the admin."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "reports/risks/forbidden.html", status=403)


class RiskIndexView(Forbidden403Mixin, RegistryIndexView):
    """The register, highest score first."""


class RiskCreateView(Forbidden403Mixin, RegistryCreateView):
    """Add an entry."""


class RiskEditView(Forbidden403Mixin, RegistryEditView):
    """Change an entry."""


class RiskDeleteView(Forbidden403Mixin, RegistryDeleteView):
    """Refused to everyone (see RiskPermissionHelper)."""


class RiskInspectView(Forbidden403Mixin, RegistryInspectView):
    """Read an entry."""


class RiskHistoryView(Forbidden403Mixin, RecordHistoryView):
    """Every version of an entry."""


class RiskPermissionHelper(PermissionHelper):
    """Entries are closed, never deleted, so the register keeps its record."""

    def user_can_delete_obj(self, user, obj):
        return False


class RagFilter(SimpleListFilter):
    """Red, amber or green by score."""

    title = "RAG rating"
    parameter_name = "rag"

    def lookups(self, request, model_admin):
        return Rag.choices

    def queryset(self, request, queryset):
        return queryset.filter(rag_filter(self.value())) if self.value() in Rag.values else queryset


class ReviewOverdueFilter(SimpleListFilter):
    """Entries still open or monitored whose review date has passed."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue")]

    def queryset(self, request, queryset):
        return queryset.review_overdue() if self.value() == "overdue" else queryset


class RiskAdmin(ModelAdmin):
    model = Risk
    menu_label = "Risk register"
    menu_icon = "warning"
    menu_order = 280
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id"]
    index_view_class = RiskIndexView
    create_view_class = RiskCreateView
    edit_view_class = RiskEditView
    inspect_view_class = RiskInspectView
    delete_view_class = RiskDeleteView
    history_view_class = RiskHistoryView
    history_template_name = "schools/admin/history.html"
    button_helper_class = RegistryButtonHelper
    permission_helper_class = RiskPermissionHelper
    list_display = ("title", "score_and_rag", "likelihood", "impact", "category", "owner", "review", "status")
    list_filter = ("status", RagFilter, ReviewOverdueFilter, "category")
    search_fields = ("title", "description", "owner", "mitigation")
    list_export = (
        "title", "category", "description", "likelihood", "impact", "score", "rag", "owner", "mitigation",
        "review_date", "overdue", "status", "created_at", "updated_at",
    )
    export_headings = {"rag": "RAG rating", "overdue": "Review overdue"}
    export_filename = "risk-register"
    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("likelihood"), FieldPanel("impact")])],
            heading="Score",
            help_text="The score is likelihood × impact: red from 15, amber from 5, green below 5.",
        ),
        FieldPanel("owner"),
        FieldPanel("mitigation"),
        FieldRowPanel([FieldPanel("review_date"), FieldPanel("status")]),
    ]

    def get_queryset(self, request):
        """Every entry, highest score first; who may see the register at all is a permission."""
        return Risk.objects.order_by("-score", "review_date", "title")

    def get_export_queryset(self, request, queryset):
        return queryset

    def register_indexing(self):
        """Skip Wagtail's reference index: the register links to nothing."""

    @display(description="score", ordering="score")
    def score_and_rag(self, obj):
        """The score with its RAG band in words, so colour is never the only signal."""
        return f"{obj.score} ({obj.rag.label})"

    @display(description="review date", ordering="review_date")
    def review(self, obj):
        """The review date, flagged when it has passed on an entry that is not closed."""
        when = date_format(obj.review_date, "j M Y")
        if obj.review_overdue:
            return format_html('{} <span class="w-status w-status--primary">Review overdue</span>', when)
        return when

    @display(description="RAG rating")
    def rag(self, obj):
        return obj.rag.label

    @display(description="review overdue")
    def overdue(self, obj):
        return "Yes" if obj.review_overdue else "No"

    def get_extra_attrs_for_row(self, obj, context):
        """Mark overdue rows, for tests and for styling."""
        return {"data-review-overdue": "true"} if obj.review_overdue else {}
