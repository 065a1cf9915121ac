"""The support log in the Wagtail admin: workers record support to the schools they may see.

Who may add or change records comes from the role groups' permissions (support/migrations/0002);
which records anyone sees comes from schools_visible_to(), so a worker sees and records support
only for their clusters' schools, and another cluster's record is a 404.
"""

from django import forms
from django.contrib.admin import RelatedOnlyFieldListFilter, display
from django.db.models import Count, Prefetch

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.options import modeladmin_register

from schools.access import schools_visible_to
from schools.wagtail_hooks import RegistryModelAdmin
from users.models import User

from .admin import (
    AcademicYearFilter,
    SupportRecordCreateView,
    SupportRecordEditView,
    SupportRecordForm,
    SupportRecordHistoryView,
)
from .models import SupportRecord


@modeladmin_register
class SupportRecordAdmin(RegistryModelAdmin):
    model = SupportRecord
    menu_label = "Support to schools"
    menu_icon = "clipboard-list"
    menu_order = 260
    create_view_class = SupportRecordCreateView
    edit_view_class = SupportRecordEditView
    history_view_class = SupportRecordHistoryView
    list_display = ("date", "school", "kind", "worker", "ends_on", "staff_count")
    list_filter = (
        "kind",
        ("school__cluster__locality", RelatedOnlyFieldListFilter),
        ("school__cluster", RelatedOnlyFieldListFilter),
        AcademicYearFilter,
        "date",
    )
    search_fields = ("school__name", "school__urn", "notes", "worker__first_name", "worker__last_name")
    inspect_view_fields_exclude = ["id", "created_by"]
    list_export = (
        "date", "ends_on", "kind", "school", "urn", "phase", "cluster", "locality", "worker", "staff_count",
        "staff_names", "notes", "created_by", "created_at",
    )
    export_headings = {"staff_count": "Number of staff involved", "staff_names": "Staff involved", "urn": "URN"}
    export_filename = "support-to-schools"
    panels = [
        FieldPanel("school"),
        FieldPanel("kind"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("date"), FieldPanel("ends_on")])], heading="When"),
        FieldPanel("worker"),
        FieldPanel("staff", widget=forms.CheckboxSelectMultiple),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        """Support to the schools this user may see."""
        return (
            SupportRecord.objects.filter(school__in=schools_visible_to(request.user).values("pk"))
            .select_related("school__cluster__locality", "worker")
            .annotate(staff_count=Count("staff", distinct=True))
        )

    def get_export_queryset(self, request, queryset):
        """Add the staff involved and the author, loaded once for the whole export."""
        staff = User.objects.order_by("last_name", "first_name")
        return queryset.select_related("created_by").prefetch_related(Prefetch("staff", queryset=staff))

    def get_edit_handler(self):
        """The panels on a form offering only visible schools and their people."""
        return ObjectList(self.panels, base_form_class=SupportRecordForm)

    @display(description="staff involved", ordering="staff_count")
    def staff_count(self, obj):
        """How many school staff the support involved."""
        return obj.staff_count

    @display(description="staff involved")
    def staff_names(self, obj):
        """The staff involved, by name."""
        return ", ".join(user.get_full_name() or user.email for user in obj.staff.all())

    @display(description="URN", ordering="school__urn")
    def urn(self, obj):
        """The school's URN."""
        return obj.school.urn

    @display(description="phase", ordering="school__phase")
    def phase(self, obj):
        """The school's phase of education."""
        return obj.school.phase

    @display(description="cluster", ordering="school__cluster__name")
    def cluster(self, obj):
        """The school's cluster."""
        return obj.school.cluster

    @display(description="locality", ordering="school__cluster__locality__name")
    def locality(self, obj):
        """The locality of the school's cluster."""
        return obj.school.cluster.locality if obj.school.cluster else None
