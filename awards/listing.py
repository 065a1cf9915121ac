"""The admin report "Award status": every school the user may see, the stage it holds and where it stands.

Statuses are worked out once per request for every visible school (awards/status.py: a constant
number of queries), so the stage and status filters narrow the schools by primary key and the
page, the CSV and the Excel export all read the same figures.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from schools.access import clusters_visible_to, schools_visible_to
from schools.models import School

from .models import Award, Stage
from .revocation import can_revoke
from .status import Progress, award_status_for

VIEW_PERMISSION = "awards.view_award"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EMPTY = ""


def _csv_text(value):
    """Text a spreadsheet will not run as a formula (names come from GIAS and people)."""
    value = str(value or "")
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def _visible_clusters(request):
    return clusters_visible_to(request.user).select_related("locality")


class AwardStatusFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(label="Highest stage held", choices=Stage.choices, method="filter_stage")
    status = django_filters.ChoiceFilter(label="Status", choices=Progress.choices, method="filter_status")
    cluster = django_filters.ModelChoiceFilter(label="Cluster", queryset=_visible_clusters)

    class Meta:
        model = School
        fields = ["stage", "status", "cluster"]

    def __init__(self, *args, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.statuses = statuses if statuses is not None else {}

    def filter_stage(self, queryset, name, value):
        """Schools whose highest award (in force, or else their latest) is at this stage."""
        stage = int(value)
        return queryset.filter(pk__in=[pk for pk, status in self.statuses.items() if status.stage == stage])

    def filter_status(self, queryset, name, value):
        """Schools in this state; a school with an award and a submission in progress is in both."""
        if value == Progress.NOT_STARTED:
            return queryset.exclude(pk__in=list(self.statuses))
        return queryset.filter(pk__in=[pk for pk, status in self.statuses.items() if value in status.statuses])


class AwardStatusReportView(ReportView):
    page_title = "Award status"
    header_icon = "pick"
    results_template_name = "awards/admin/status_results.html"
    filterset_class = AwardStatusFilterSet
    index_url_name = "awards_status"
    index_results_url_name = "awards_status_results"
    permission_policy = ModelPermissionPolicy(Award)
    permission_required = "view"
    model = School
    list_export = [
        "name", "urn", "cluster_name", "locality_name", "stage_held", "awarded_on", "expires_on", "status_label",
    ]
    export_headings = {
        "name": "School",
        "urn": "URN",
        "cluster_name": "Cluster",
        "locality_name": "Locality",
        "stage_held": "Highest stage held",
        "awarded_on": "Awarded",
        "expires_on": "Expires",
        "status_label": "Status",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        text = {self.FORMAT_CSV: _csv_text}
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            **dict.fromkeys(("name", "cluster_name", "locality_name"), text),
        }

    def get_filename(self):
        """The report's name and today's date, so repeated downloads do not overwrite each other."""
        return f"award-status-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def visible_schools(self):
        return schools_visible_to(self.request.user)

    @cached_property
    def statuses(self):
        """school id -> SchoolAwardStatus; only schools with an award or a submission are keys."""
        return award_status_for(self.visible_schools)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "statuses": self.statuses}

    def get_queryset(self):
        self.queryset = self.visible_schools.select_related("cluster__locality").order_by("name", "urn")
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        """Give each school on the page (or in the export) its status and the columns the export reads."""
        schools = list(object_list)
        for school in schools:
            status = self.statuses[school.pk]
            school.award_status = status
            school.cluster_name = school.cluster.name if school.cluster else EMPTY
            school.locality_name = school.cluster.locality.name if school.cluster else EMPTY
            school.stage_held = status.stage.label if status.stage else EMPTY
            school.awarded_on = timezone.localdate(status.award.awarded_at) if status.award else None
            school.expires_on = timezone.localdate(status.award.expires_at) if status.award else None
            school.status_label = status.export_label()
        return schools

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_revoke"] = can_revoke(self.request.user)
        return context


class AwardStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


def admin_urls():
    """The report's URLs and the Team Manager's revoke page, for the `register_admin_urls` hook."""
    from django.urls import path

    from .revocation import revoke_view

    return [
        path("awards/status/", AwardStatusReportView.as_view(), name="awards_status"),
        path("awards/status/results/", AwardStatusReportView.as_view(results_only=True), name="awards_status_results"),
        path("awards/<int:pk>/revoke/", revoke_view, name="awards_revoke"),
    ]


def menu_item():
    """The "Award status" item, for the `register_admin_menu_item` hook."""
    return AwardStatusMenuItem(
        "Award status", reverse("awards_status"), name="award-status", icon_name="pick", order=260
    )
