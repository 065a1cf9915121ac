"""The form, filters and views behind the support log in the Wagtail admin (see wagtail_hooks.py)."""

import datetime

from django.contrib.admin import SimpleListFilter
from django.contrib.auth import get_user_model
from django.db.models import Max, Min

from wagtail.admin.paginator import WagtailPaginator

from questionnaires.services import invite_for_period
from schools.access import schools_visible_to
from schools.admin_views import (
    EMPTY,
    FieldChange,
    HistoryEntry,
    RecordHistoryView,
    RegistryCreateView,
    RegistryEditView,
    RegistryForm,
    _describe,
    _related_objects,
)
from schools.models import Membership
from sws_site.academic_years import academic_year_of

from .models import SupportRecord


class AcademicYearFilter(SimpleListFilter):
    """September to August, the year the service reports by; only years with records are offered."""

    title = "academic year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        """Every academic year from the first record the user may see to the last."""
        span = model_admin.get_queryset(request).aggregate(first=Min("date"), last=Max("date"))
        if span["first"] is None:
            return []
        years = range(academic_year_of(span["last"]), academic_year_of(span["first"]) - 1, -1)
        return [(str(year), f"{year} to {year + 1}") for year in years]

    def queryset(self, request, queryset):
        """Records dated in the chosen academic year."""
        try:
            year = int(self.value())
        except (TypeError, ValueError):
            return queryset
        return queryset.filter(date__gte=datetime.date(year, 9, 1), date__lt=datetime.date(year + 1, 9, 1))


class SupportRecordForm(RegistryForm):
    """Offers only visible schools, and as staff only people who belong to them; checks staff belong to the school."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        if not self.instance.pk and self.initial.get("worker") is None:
            self.initial["worker"] = self.for_user.pk
        members = Membership.objects.filter(school__in=schools_visible_to(self.for_user).values("pk"))
        school_id = self.data.get("school") if self.is_bound else self.instance.school_id
        if school_id and str(school_id).isdigit():
            members = members.filter(school_id=school_id)
        staff = self.fields["staff"]
        staff.queryset = (
            get_user_model()
            .objects.filter(pk__in=members.values("user"))
            .order_by("last_name", "first_name", "email")
        )
        staff.label_from_instance = lambda user: f"{user.get_full_name() or user.email} ({user.email})"

    def clean(self):
        cleaned = super().clean()
        school, staff = cleaned.get("school"), cleaned.get("staff")
        if school and staff:
            at_school = set(Membership.objects.filter(school=school, user__in=staff).values_list("user", flat=True))
            outsiders = [user for user in staff if user.pk not in at_school]
            if outsiders:
                names = ", ".join(sorted(str(user) for user in outsiders))
                self.add_error("staff", f"Only people at {school.name} can be chosen. Not at the school: {names}.")
        if cleaned.get("kind") == SupportRecord.Kind.WORKING_ALONGSIDE and not staff:
            self.add_error("staff", "Choose the staff the worker is working alongside")
        return cleaned


class SendsInvitationsMixin:
    """After saving a period of working alongside staff, invite its staff to the questionnaire it is due."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.instance.pk and not form.errors:
            invite_for_period(form.instance)
        return response


class SupportRecordCreateView(SendsInvitationsMixin, RegistryCreateView):
    """Record support; the signed-in person is kept as its author."""

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class SupportRecordEditView(SendsInvitationsMixin, RegistryEditView):
    """Change a record of support to a school the user may see."""


class SupportRecordHistoryView(RecordHistoryView):
    """The registry's history view, also showing changes to the staff involved (kept by simple-history as a list)."""

    def get_context_data(self, **kwargs):
        """As the registry's history, with staff changes described by name."""
        versions = self.instance.history.select_related("history_user").order_by("-history_date", "-history_id")
        paginator = WagtailPaginator(versions, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        start = max(page.start_index() - 1, 0)
        window = list(versions[start : start + self.paginate_by + 1])
        context = {
            "entries": history_entries_with_staff(window, self.paginate_by),
            "page_obj": page,
            "paginator": paginator,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "history_url": self.url_helper.get_action_url("history", self.pk_quoted),
        }
        context.update(kwargs)
        return super(RecordHistoryView, self).get_context_data(**context)


def history_entries_with_staff(versions, limit):
    """Describe the first `limit` versions against the next older one, staff involved included."""
    plain, staff = [], []
    for index, version in enumerate(versions[:limit]):
        older = versions[index + 1] if index + 1 < len(versions) else None
        compared = older is not None and version.history_type == "~"
        plain.append((version, version.diff_against(older, excluded_fields=["staff"]) if compared else None))
        staff.append(version.diff_against(older, included_fields=["staff"]).changes if compared else [])
    related = _related_objects(plain)
    people = _people(staff)
    return [
        HistoryEntry(
            version,
            [_describe(version, change, related) for change in delta.changes] + [
                FieldChange("Staff involved", _names(change.old, people), _names(change.new, people))
                for change in staff_changes
            ],
            compared=True,
        )
        if delta is not None
        else HistoryEntry(version)
        for (version, delta), staff_changes in zip(plain, staff, strict=True)
    ]


def _people(staff_changes):
    """The users named in staff changes, in one query."""
    ids = {row["user"] for changes in staff_changes for change in changes for row in (*change.old, *change.new)}
    return get_user_model()._base_manager.in_bulk(ids)


def _names(rows, people):
    """The staff in one version of the list, by name."""
    names = sorted(
        (people[row["user"]].get_full_name() or people[row["user"]].email) if row["user"] in people else "(deleted)"
        for row in rows
    )
    return ", ".join(names) or EMPTY
