"""The school registry in the Wagtail admin: schools, clusters, localities, people and worker assignments.

Who may add or change what comes from the model permissions of the role groups (users/roles.py);
which records anyone sees comes from schools_visible_to(), through each admin's get_queryset().
"""

from django.contrib.admin import RelatedOnlyFieldListFilter, display
from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Concat

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.panels.model_utils import extract_panel_definitions_from_model_class
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .access import (
    assignments_visible_to,
    clusters_visible_to,
    invitations_visible_to,
    localities_visible_to,
    memberships_visible_to,
    schools_visible_to,
)
from .admin_views import (
    OpenClosedFilter,
    ReadOnlyPermissionHelper,
    RecordHistoryView,
    RegistryButtonHelper,
    RegistryCreateView,
    RegistryDeleteView,
    RegistryEditView,
    RegistryForm,
    RegistryIndexView,
    RegistryInspectView,
)
from .models import Cluster, ClusterAssignment, Invitation, Locality, Membership, School


class RegistryModelAdmin(ModelAdmin):
    """What every registry listing shares: visibility-checked views, History, exports, 50 a page."""

    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id"]
    index_view_class = RegistryIndexView
    create_view_class = RegistryCreateView
    edit_view_class = RegistryEditView
    inspect_view_class = RegistryInspectView
    delete_view_class = RegistryDeleteView
    history_view_class = RecordHistoryView
    history_template_name = "schools/admin/history.html"
    button_helper_class = RegistryButtonHelper
    export_headings = {}

    def get_queryset(self, request):
        """The records this user may see; each admin narrows it from schools_visible_to()."""
        raise NotImplementedError

    def get_export_queryset(self, request, queryset):
        """Add what only the spreadsheet export shows; the listing's queryset by default."""
        return queryset

    def get_edit_handler(self):
        """The admin's panels (or every editable field) on a form that offers only visible records."""
        panels = getattr(self, "panels", None) or extract_panel_definitions_from_model_class(
            self.model, exclude=self.get_form_fields_exclude()
        )
        return ObjectList(panels, base_form_class=RegistryForm)

    def register_indexing(self):
        """Skip Wagtail's reference index: modeladmin shows no usage, and it would slow GIAS imports."""


class SchoolAdmin(RegistryModelAdmin):
    model = School
    menu_label = "Schools"
    menu_icon = "home"
    list_display = (
        "name", "urn", "phase", "establishment_type", "status", "cluster", "locality", "number_of_pupils",
    )
    list_filter = (
        ("cluster__locality", RelatedOnlyFieldListFilter),
        ("cluster", RelatedOnlyFieldListFilter),
        "phase",
        OpenClosedFilter,
        "la_name",
    )
    search_fields = ("name", "urn", "postcode", "town")
    inspect_view_fields_exclude = ["id", "easting", "northing"]
    list_export = (
        "urn", "name", "la_code", "la_name", "establishment_type", "establishment_type_group", "phase", "status",
        "statutory_low_age", "statutory_high_age", "number_of_pupils", "street", "town", "postcode", "telephone",
        "website", "head_name", "cluster", "locality", "lead_name", "lead_email", "open_date", "close_date",
        "gias_last_changed",
    )
    export_headings = {
        "lead_name": "Mental Health Lead",
        "lead_email": "Mental Health Lead email",
    }
    export_filename = "schools"
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("urn"), FieldPanel("name")]),
                FieldRowPanel([FieldPanel("la_code"), FieldPanel("la_name"), FieldPanel("establishment_number")]),
                FieldRowPanel([FieldPanel("establishment_type"), FieldPanel("establishment_type_group")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("phase")]),
                FieldRowPanel(
                    [FieldPanel("statutory_low_age"), FieldPanel("statutory_high_age"), FieldPanel("number_of_pupils")]
                ),
                FieldPanel("head_name"),
            ],
            heading="GIAS record",
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("address_locality"), FieldPanel("address3")]),
                FieldRowPanel([FieldPanel("town"), FieldPanel("county"), FieldPanel("postcode")]),
                FieldRowPanel([FieldPanel("easting"), FieldPanel("northing")]),
                FieldRowPanel([FieldPanel("website"), FieldPanel("telephone")]),
            ],
            heading="Address and contact",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("open_date"), FieldPanel("close_date"), FieldPanel("gias_last_changed")])],
            heading="Dates",
        ),
        FieldPanel("cluster"),
    ]

    def get_queryset(self, request):
        """The schools this user may see."""
        return schools_visible_to(request.user).select_related("cluster__locality")

    def get_export_queryset(self, request, queryset):
        """Add the designated Mental Health Lead, as subqueries rather than one query per school."""
        leads = Membership.objects.filter(school=OuterRef("pk"), role=Membership.Role.MENTAL_HEALTH_LEAD)
        full_name = Concat("user__first_name", Value(" "), "user__last_name")
        return queryset.annotate(
            lead_name=Subquery(leads.annotate(full_name=full_name).values("full_name")[:1]),
            lead_email=Subquery(leads.values("user__email")[:1]),
        )

    def get_extra_class_names_for_field_col(self, obj, field_name):
        """Keep URNs on one line."""
        return ["w-whitespace-nowrap"] if field_name == "urn" else []

    @display(description="locality", ordering="cluster__locality__name")
    def locality(self, obj):
        """The locality of the school's cluster."""
        return obj.cluster.locality if obj.cluster else None


class ClusterAdmin(RegistryModelAdmin):
    model = Cluster
    menu_label = "Clusters"
    menu_icon = "group"
    list_display = ("name", "locality", "secondary_school", "school_count", "workers")
    list_filter = (("locality", RelatedOnlyFieldListFilter),)
    search_fields = ("name", "locality__name")
    list_export = ("name", "locality", "secondary_school", "school_count", "workers")
    export_filename = "clusters"

    def get_queryset(self, request):
        """The clusters this user may see, with their school count and workers loaded up front."""
        workers = ClusterAssignment.objects.select_related("worker").order_by("worker__last_name")
        return (
            clusters_visible_to(request.user)
            .select_related("locality", "secondary_school")
            .annotate(school_count=Count("schools"))
            .prefetch_related(Prefetch("assignments", queryset=workers))
        )

    @display(description="number of schools", ordering="school_count")
    def school_count(self, obj):
        """How many schools the cluster has."""
        return obj.school_count

    @display(description="assigned workers")
    def workers(self, obj):
        """The wellbeing workers assigned to the cluster."""
        return ", ".join(str(assignment.worker) for assignment in obj.assignments.all())


class LocalityAdmin(RegistryModelAdmin):
    model = Locality
    menu_label = "Localities"
    menu_icon = "site"
    list_display = ("name", "cluster_count", "school_count")
    search_fields = ("name",)
    list_export = ("name", "cluster_count", "school_count")
    export_filename = "localities"

    def get_queryset(self, request):
        """The localities this user may see, with their counts."""
        return localities_visible_to(request.user).annotate(
            cluster_count=Count("clusters", distinct=True),
            school_count=Count("clusters__schools", distinct=True),
        )

    @display(description="number of clusters", ordering="cluster_count")
    def cluster_count(self, obj):
        """How many clusters the locality has."""
        return obj.cluster_count

    @display(description="number of schools", ordering="school_count")
    def school_count(self, obj):
        """How many schools the locality's clusters have."""
        return obj.school_count


class MembershipAdmin(RegistryModelAdmin):
    model = Membership
    menu_label = "Memberships"
    menu_icon = "user"
    list_display = ("user", "email", "school", "role")
    list_filter = (
        "role",
        ("school__cluster", RelatedOnlyFieldListFilter),
        ("school__cluster__locality", RelatedOnlyFieldListFilter),
    )
    search_fields = ("user__first_name", "user__last_name", "user__email", "school__name", "school__urn")
    list_export = ("user", "email", "school", "urn", "role", "cluster", "created_at")
    export_filename = "memberships"

    def get_queryset(self, request):
        """Memberships of the schools this user may see."""
        return memberships_visible_to(request.user).select_related("user", "school__cluster")

    @display(description="email", ordering="user__email")
    def email(self, obj):
        """The member's email address."""
        return obj.user.email

    @display(description="URN", ordering="school__urn")
    def urn(self, obj):
        """The school's URN."""
        return obj.school.urn

    @display(description="cluster", ordering="school__cluster__name")
    def cluster(self, obj):
        """The school's cluster."""
        return obj.school.cluster


class ClusterAssignmentAdmin(RegistryModelAdmin):
    model = ClusterAssignment
    menu_label = "Worker assignments"
    menu_icon = "clipboard-list"
    list_display = ("worker", "email", "cluster", "locality", "created_at")
    list_filter = (("cluster", RelatedOnlyFieldListFilter), ("cluster__locality", RelatedOnlyFieldListFilter))
    search_fields = ("worker__first_name", "worker__last_name", "worker__email", "cluster__name")
    list_export = ("worker", "email", "cluster", "locality", "created_at")
    export_filename = "worker-assignments"

    def get_queryset(self, request):
        """Assignments to the clusters this user may see."""
        return assignments_visible_to(request.user).select_related("worker", "cluster__locality")

    @display(description="email", ordering="worker__email")
    def email(self, obj):
        """The worker's email address."""
        return obj.worker.email

    @display(description="locality", ordering="cluster__locality__name")
    def locality(self, obj):
        """The cluster's locality."""
        return obj.cluster.locality


class InvitationAdmin(RegistryModelAdmin):
    model = Invitation
    menu_label = "Invitations"
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    # The token is the secret in the emailed link: whoever sees it can accept the invitation.
    inspect_view_fields_exclude = ["id", "token"]
    list_display = ("email", "full_name", "school", "role", "state", "invited_by", "created_at", "expires_at")
    list_filter = ("role", ("school__cluster", RelatedOnlyFieldListFilter))
    search_fields = ("email", "first_name", "last_name", "school__name", "school__urn")
    list_export = (
        "email", "first_name", "last_name", "school", "role", "state", "invited_by", "created_at", "expires_at",
        "accepted_at", "withdrawn_at",
    )
    export_filename = "invitations"

    def get_queryset(self, request):
        """Invitations to the schools this user may see."""
        return invitations_visible_to(request.user).select_related("school", "invited_by")

    @display(description="name", ordering="last_name")
    def full_name(self, obj):
        """The invitee's name."""
        return f"{obj.first_name} {obj.last_name}"

    @display(description="state")
    def state(self, obj):
        """Accepted, withdrawn, expired or pending."""
        if obj.accepted_at:
            return "Accepted"
        if obj.withdrawn_at:
            return "Withdrawn"
        return "Pending" if obj.is_pending else "Expired"


@modeladmin_register
class SchoolRegistryGroup(ModelAdminGroup):
    menu_label = "School registry"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (SchoolAdmin, ClusterAdmin, LocalityAdmin, MembershipAdmin, ClusterAssignmentAdmin, InvitationAdmin)
