"""Views, forms and helpers behind the school registry in the Wagtail admin (see wagtail_hooks.py).

Every record the admin lists, shows, edits, exports or gives the history of is looked up through the
model admin's `get_queryset(request)`, which starts from `schools_visible_to(user)`: a worker who
guesses the URL of another cluster's school gets a 404, not the record.
"""

import datetime
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import label_for_field, lookup_field, quote
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.text import capfirst

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.views import CreateView, DeleteView, EditView, IndexView, InspectView, InstanceSpecificView

from .access import clusters_visible_to, schools_visible_to
from .models import Cluster, School

# A spreadsheet treats a cell starting with one of these as a formula; names come from school users.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EMPTY = "—"


class OpenClosedFilter(SimpleListFilter):
    """Open (GIAS open, or open but proposed to close) or closed; proposed-to-open schools are neither."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        """The two choices offered."""
        return [("open", "Open"), ("closed", "Closed")]

    def queryset(self, request, queryset):
        """Narrow the schools to the chosen status."""
        if self.value() == "open":
            return queryset.filter(status__in=School.OPEN_STATUSES)
        if self.value() == "closed":
            return queryset.filter(status=School.Status.CLOSED)
        return queryset


class RegistryForm(WagtailAdminModelForm):
    """The admin form, offering only the schools and clusters the signed-in user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        visible = {School: schools_visible_to, Cluster: clusters_visible_to}
        for form_field in self.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None and queryset.model in visible:
                form_field.queryset = queryset.filter(pk__in=visible[queryset.model](self.for_user).values("pk"))


class ReadOnlyPermissionHelper(PermissionHelper):
    """Records made elsewhere (invitations come from the portal): the admin only lists and inspects them."""

    def user_can_create(self, user):
        """Nobody creates these here."""
        return False

    def user_can_edit_obj(self, user, obj):
        """Nobody edits these here."""
        return False

    def user_can_delete_obj(self, user, obj):
        """Nobody deletes these here."""
        return False


class RegistryButtonHelper(ButtonHelper):
    """The usual row buttons plus History, which modeladmin otherwise links only from the edit page."""

    def history_button(self, pk, classnames_add=None, classnames_exclude=None):
        """The button to the record's history."""
        classnames = self.finalise_classname(["button-secondary", *(classnames_add or [])], classnames_exclude)
        return {
            "url": self.url_helper.get_action_url("history", quote(pk)),
            "label": "History",
            "classname": classnames,
            "title": f"History of this {self.verbose_name}",
        }

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        """Inspect, edit and delete as permitted, then History for anyone who may list the records."""
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        history_shown = self.view.model_admin.history_view_enabled and "history" not in (exclude or [])
        if history_shown and self.permission_helper.user_can_list(self.request.user):
            buttons.append(self.history_button(obj.pk, classnames_add, classnames_exclude))
        return buttons


class VisibleInstanceMixin:
    """Looks the record up among those the model admin lists for this user, so a hidden one is a 404."""

    def __init__(self, *args, **kwargs):
        """Treat a malformed id in the URL (modeladmin looks it up here) as not found rather than a 500."""
        try:
            super().__init__(*args, **kwargs)
        except (ValueError, ValidationError) as error:
            raise Http404 from error

    def setup(self, request, *args, **kwargs):
        """Replace modeladmin's unrestricted lookup with one through the listing's queryset."""
        super().setup(request, *args, **kwargs)
        self.instance = get_object_or_404(self.model_admin.get_queryset(request), pk=self.instance_pk)


class SaveConflictMixin:
    """A clash the form could not foresee (two people saving at once) becomes a form error, not a 500."""

    conflict_message = "This conflicts with a record saved at the same moment. Check the details and save again."

    def form_valid(self, form):
        """Save inside a savepoint so a constraint violation leaves the connection usable."""
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            form.add_error(None, self.conflict_message)
            return self.form_invalid(form)


class RegistryIndexView(IndexView):
    """The listing, with spreadsheet exports that read as people expect: labels, names and blank cells."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Export the filtered, visible rows with any columns only the export needs."""
        queryset = self.model_admin.get_export_queryset(self.request, queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_filename(self):
        """The admin's file name and today's date, so repeated downloads do not overwrite each other."""
        return f"{self.model_admin.export_filename}-{timezone.localdate():%Y-%m-%d}"

    def get_heading(self, queryset, field):
        """The admin's heading for the column, else the field's label as written (URN stays URN)."""
        heading = self.model_admin.export_headings.get(field)
        if heading is None:
            heading = label_for_field(field, model=self.model, model_admin=self.model_admin)
        return capfirst(force_str(heading))

    def to_row_dict(self, item):
        """One row: choice labels rather than codes, related records by name, empty values left blank."""
        row = OrderedDict()
        for name in self.list_export:
            model_field, _attr, value = lookup_field(name, item, self.model_admin)
            row[name] = _export_value(model_field, value)
        return row

    def preprocess_field_value(self, field, value, export_format):
        """Quote text a spreadsheet would run as a formula (openpyxl already does so for XLSX)."""
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            return f"'{value}"
        return value


def _export_value(model_field, value):
    """A cell value: numbers and dates stay typed so spreadsheets can sort and sum them."""
    if value is None:
        return ""
    if model_field is not None and getattr(model_field, "flatchoices", None):
        return force_str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, models.Model):
        return str(value)
    return value


class RegistryCreateView(SaveConflictMixin, CreateView):
    """Create a record; constraint clashes are shown on the form."""


class RegistryEditView(SaveConflictMixin, VisibleInstanceMixin, EditView):
    """Edit a record the user may see."""


class RegistryInspectView(VisibleInstanceMixin, InspectView):
    """Inspect a record the user may see."""

    def get_field_label(self, field_name, field=None):
        """Labels capitalised as on the edit form."""
        return capfirst(super().get_field_label(field_name, field))


class RegistryDeleteView(VisibleInstanceMixin, DeleteView):
    """Delete a record the user may see."""


class RecordHistoryView(VisibleInstanceMixin, InstanceSpecificView):
    """Every version django-simple-history kept of one record, newest first, with what each changed."""

    page_title = "History"
    paginate_by = 50

    def check_action_permitted(self, user):
        """Whoever may list the records may read their history."""
        return self.permission_helper.user_can_list(user)

    def get_meta_title(self):
        """The browser tab title."""
        return f"History of {self.instance}"

    def get_template_names(self):
        """The template the model admin names."""
        return self.model_admin.get_history_template()

    def get_context_data(self, **kwargs):
        """One page of versions, each compared with the version before it."""
        versions = self.instance.history.select_related("history_user").order_by("-history_date", "-history_id")
        paginator = WagtailPaginator(versions, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        # One version past the page, so the oldest version shown can be compared with its predecessor.
        start = max(page.start_index() - 1, 0)
        window = list(versions[start : start + self.paginate_by + 1])
        context = {
            "entries": history_entries(window, self.paginate_by),
            "page_obj": page,
            "paginator": paginator,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "history_url": self.url_helper.get_action_url("history", self.pk_quoted),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


@dataclass
class FieldChange:
    """One field's change between two versions, as shown to people."""

    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One version of a record and what it changed."""

    version: models.Model
    changes: list = field(default_factory=list)
    compared: bool = False  # whether there was an older version to compare with

    @property
    def who(self):
        """The person who made the change, or None for imports and other scripts."""
        return self.version.history_user

    @property
    def action(self):
        """Created, Changed or Deleted."""
        return self.version.get_history_type_display()


def history_entries(versions, limit):
    """Describe the first `limit` versions (newest first), each against the next older one in `versions`."""
    deltas = []
    for index, version in enumerate(versions[:limit]):
        older = versions[index + 1] if index + 1 < len(versions) else None
        deltas.append((version, _delta(version, older)))
    related = _related_objects(deltas)
    return [
        HistoryEntry(
            version,
            [_describe(version, change, related) for change in (delta.changes if delta else [])],
            compared=delta is not None,
        )
        for version, delta in deltas
    ]


def _delta(version, older):
    """What a change made, or None for a creation, a deletion or the oldest version kept."""
    if older is None or version.history_type != "~":
        return None
    return version.diff_against(older)


def _related_objects(deltas):
    """Load the records that changed foreign keys point at, one query per related model, not per change."""
    wanted = defaultdict(set)
    for version, delta in deltas:
        for change in delta.changes if delta else []:
            model_field = version._meta.get_field(change.field)
            if model_field.is_relation:
                wanted[model_field.related_model].update(v for v in (change.old, change.new) if v is not None)
    return {model: model._base_manager.in_bulk(ids) for model, ids in wanted.items()}


def _describe(version, change, related):
    """A field change with a readable label and values."""
    model_field = version._meta.get_field(change.field)
    return FieldChange(
        label=capfirst(force_str(model_field.verbose_name)),
        old=_display(model_field, change.old, related),
        new=_display(model_field, change.new, related),
    )


def _display(model_field, value, related):
    """A stored value as people read it: choice labels, related records by name, local times."""
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation:
        target = related.get(model_field.related_model, {}).get(value)
        return str(target) if target is not None else f"{value} (since deleted)"
    if model_field.flatchoices:
        return force_str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return force_str(localize(value))
