"""The support log in the Wagtail admin, driven over HTTP as each role."""

import csv
import datetime
import io

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import openpyxl
import pytest

from schools.models import ClusterAssignment
from support.models import SupportRecord
from tests.schools.factories import ClusterFactory, LocalityFactory, MembershipFactory, SchoolFactory
from tests.support.factories import PeriodFactory, SupportRecordFactory
from tests.users.factories import UserFactory
from users.roles import Role

pytestmark = pytest.mark.django_db

READERS = [Role.STEERING_GROUP, Role.PUBLIC_HEALTH, Role.ADMINISTRATOR]
RECORDERS = [Role.WORKER, Role.SENIOR_WORKER, Role.TEAM_MANAGER]


def url(action, *args):
    return reverse(f"support_supportrecord_modeladmin_{action}", args=args)


def listed(response):
    return list(response.context["object_list"])


def is_refused(response):
    """Whether the admin turned the request away (Wagtail redirects a PermissionDenied to the dashboard)."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def form_data(school, worker, **changes):
    data = {
        "school": school.pk,
        "kind": SupportRecord.Kind.ACTION_PLANNING,
        "date": "2026-10-05",
        "ends_on": "",
        "worker": worker.pk,
        "notes": "Planned the first actions with the lead.",
    }
    data.update(changes)
    return data


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def as_role(client, role_user, school):
    """Sign in with a role; workers are assigned to `school`'s cluster."""

    def sign_in(role):
        user = role_user(role)
        if role in Role.WORKERS:
            ClusterAssignment.objects.create(worker=user, cluster=school.cluster)
        client.force_login(user)
        return user

    return sign_in


# Permissions ----------------------------------------------------------------------------------------------


def test_roles_hold_the_support_permissions():
    def codenames(role):
        return set(Group.objects.get(name=role).permissions.filter(content_type__app_label="support")
                   .values_list("codename", flat=True))

    for role in (Role.WORKER, Role.SENIOR_WORKER):
        assert codenames(role) == {"add_supportrecord", "change_supportrecord", "view_supportrecord"}
    assert "delete_supportrecord" in codenames(Role.TEAM_MANAGER)
    for role in READERS:
        assert codenames(role) == {"view_supportrecord"}
    assert codenames(Role.EDITOR) == set()


@pytest.mark.parametrize("role", RECORDERS)
def test_recorders_can_add_and_edit(client, as_role, school, role):
    as_role(role)
    record = SupportRecordFactory(school=school)

    index = client.get(url("index"))

    assert listed(index) == [record]
    assert url("create") in index.content.decode()
    assert client.get(url("create")).status_code == 200
    assert client.get(url("edit", record.pk)).status_code == 200


@pytest.mark.parametrize("role", READERS)
def test_readers_list_inspect_and_export_but_cannot_change(client, as_role, school, role):
    as_role(role)
    record = SupportRecordFactory(school=school, notes="Original notes")

    index = client.get(url("index"))

    assert listed(index) == [record]
    assert url("create") not in index.content.decode()
    assert url("edit", record.pk) not in index.content.decode()
    assert client.get(url("inspect", record.pk)).status_code == 200
    assert client.get(url("history", record.pk)).status_code == 200
    assert client.get(url("index"), {"export": "csv"}).status_code == 200
    assert is_refused(client.get(url("create")))
    assert is_refused(client.get(url("edit", record.pk)))
    assert is_refused(client.post(url("edit", record.pk), form_data(school, record.worker, notes="Changed")))
    assert is_refused(client.post(url("delete", record.pk)))
    record.refresh_from_db()
    assert record.notes == "Original notes"


def test_editors_do_not_see_the_support_log(client, role_user, school):
    SupportRecordFactory(school=school)
    client.force_login(role_user(Role.EDITOR))

    assert is_refused(client.get(url("index")))
    assert "Support to schools" not in client.get(reverse("wagtailadmin_home")).content.decode()


# Scoping --------------------------------------------------------------------------------------------------


def test_worker_sees_only_their_clusters_records(client, worker, school, other_school):
    mine = SupportRecordFactory(school=school)
    sibling = SupportRecordFactory(school=SchoolFactory(cluster=school.cluster))
    theirs = SupportRecordFactory(school=other_school)
    client.force_login(worker)

    response = client.get(url("index"))

    assert set(listed(response)) == {mine, sibling}
    assert other_school.name not in response.content.decode()
    for action in ("inspect", "edit", "history"):
        assert client.get(url(action, theirs.pk)).status_code == 404


def test_worker_is_offered_only_their_schools_and_cannot_record_for_another(client, worker, school, other_school):
    client.force_login(worker)

    form = client.get(url("create")).context["form"]
    response = client.post(url("create"), form_data(other_school, worker))

    assert set(form.fields["school"].queryset) == {school}
    assert form.initial["worker"] == worker.pk
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not SupportRecord.objects.exists()


def test_worker_cannot_move_a_record_to_another_clusters_school(client, worker, school, other_school):
    record = SupportRecordFactory(school=school)
    client.force_login(worker)

    response = client.post(url("edit", record.pk), form_data(other_school, worker))

    assert "school" in response.context["form"].errors
    record.refresh_from_db()
    assert record.school == school


def test_worker_records_support_and_is_its_author(client, worker, school):
    client.force_login(worker)

    response = client.post(url("create"), form_data(school, worker))

    assert response.status_code == 302
    record = SupportRecord.objects.get()
    assert record.school == school
    assert record.kind == SupportRecord.Kind.ACTION_PLANNING
    assert record.date == datetime.date(2026, 10, 5)
    assert record.created_by == worker
    assert record.worker == worker


def test_only_periods_of_working_alongside_have_a_last_day(client, worker, school):
    client.force_login(worker)

    response = client.post(url("create"), form_data(school, worker, ends_on="2026-11-01"))

    assert "ends_on" in response.context["form"].errors
    assert not SupportRecord.objects.exists()


def test_a_period_needs_staff_of_the_school(client, worker, school, other_school):
    outsider = MembershipFactory(school=other_school).user
    client.force_login(worker)
    period = {"kind": SupportRecord.Kind.WORKING_ALONGSIDE, "ends_on": "2026-11-20"}

    without_staff = client.post(url("create"), form_data(school, worker, **period))
    with_outsider = client.post(url("create"), form_data(school, worker, staff=[outsider.pk], **period))

    assert "staff" in without_staff.context["form"].errors
    assert "staff" in with_outsider.context["form"].errors
    assert not SupportRecord.objects.exists()


def test_staff_choices_are_the_chosen_schools_people(client, worker, school):
    colleague = MembershipFactory(school=school).user
    elsewhere = MembershipFactory(school=SchoolFactory(cluster=school.cluster)).user
    record = SupportRecordFactory(school=school)
    client.force_login(worker)

    create_choices = set(client.get(url("create")).context["form"].fields["staff"].queryset)
    edit_choices = set(client.get(url("edit", record.pk)).context["form"].fields["staff"].queryset)

    assert create_choices == {colleague, elsewhere}
    assert edit_choices == {colleague}


def test_recording_a_period_invites_its_staff_to_the_before_questionnaire(
    client, worker, school, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(school=school).user
    client.force_login(worker)
    start = datetime.date.today() + datetime.timedelta(days=7)
    data = form_data(
        school, worker, kind=SupportRecord.Kind.WORKING_ALONGSIDE, date=start.isoformat(),
        ends_on=(start + datetime.timedelta(days=42)).isoformat(), staff=[colleague.pk],
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("create"), data)

    assert response.status_code == 302
    period = SupportRecord.objects.get()
    assert list(period.staff.all()) == [colleague]
    assert [message.to for message in mailoutbox] == [[colleague.email]]
    assert reverse("portal:questionnaires:before_support", args=[period.pk]) in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("edit", period.pk), data)
    assert len(mailoutbox) == 1


# Filters --------------------------------------------------------------------------------------------------


def test_filters_by_kind_cluster_locality_and_academic_year(client, manager):
    north = ClusterFactory(name="North", locality=LocalityFactory(name="Northern"))
    south = ClusterFactory(name="South", locality=LocalityFactory(name="Southern"))
    meeting = SupportRecordFactory(
        school=SchoolFactory(cluster=north), kind=SupportRecord.Kind.ACTION_PLANNING, date=datetime.date(2025, 9, 1)
    )
    forum = SupportRecordFactory(
        school=SchoolFactory(cluster=south), kind=SupportRecord.Kind.FORUM, date=datetime.date(2025, 8, 31)
    )
    client.force_login(manager)

    def records(**params):
        return set(listed(client.get(url("index"), params)))

    assert records() == {meeting, forum}
    assert records(kind="forum") == {forum}
    assert records(school__cluster__id__exact=north.pk) == {meeting}
    assert records(school__cluster__locality__id__exact=south.locality.pk) == {forum}
    assert records(year="2025") == {meeting}
    assert records(year="2024") == {forum}
    page = client.get(url("index")).content.decode()
    assert "2025 to 2026" in page
    assert "2024 to 2025" in page


def test_listing_query_count_does_not_grow_with_records(client, manager):
    client.force_login(manager)
    SupportRecordFactory.create_batch(2)
    with CaptureQueriesContext(connection) as small:
        client.get(url("index"))
    SupportRecordFactory.create_batch(12, staff=[UserFactory()])
    with CaptureQueriesContext(connection) as large:
        client.get(url("index"))

    assert len(large) == len(small)


# Exports --------------------------------------------------------------------------------------------------


def test_csv_export_has_the_records_the_user_may_see_with_staff_by_name(client, worker, school, other_school):
    colleague = MembershipFactory(school=school, user=UserFactory(first_name="Cora", last_name="Colleague")).user
    period = PeriodFactory(school=school, worker=worker, staff=[colleague], notes="=cmd|' /C calc'!A0")
    SupportRecordFactory(school=other_school)
    client.force_login(worker)

    response = client.get(url("index"), {"export": "csv"})

    assert response["Content-Disposition"].startswith('attachment; filename="support-to-schools-')
    header, *rows = csv_rows(response)
    assert header[:4] == ["Date", "Last day", "Type of support", "School"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Type of support"] == "Working alongside staff"
    assert row["URN"] == str(school.urn)
    assert row["Cluster"] == school.cluster.name
    assert row["Locality"] == school.cluster.locality.name
    assert row["Staff involved"] == "Cora Colleague"
    assert row["Last day"] == period.ends_on.isoformat()
    assert row["Notes"].startswith("'=")


def test_xlsx_export_keeps_dates_and_counts_typed(client, manager, school):
    SupportRecordFactory(school=school, date=datetime.date(2026, 1, 15), staff=[UserFactory(), UserFactory()])
    client.force_login(manager)

    response = client.get(url("index"), {"export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, row = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    values = dict(zip(header, row, strict=True))
    assert values["Date"] == datetime.date(2026, 1, 15)
    assert values["Number of staff involved"] == 2
    assert values["School"] == str(school)


def test_export_query_count_does_not_grow_with_records(client, manager):
    client.force_login(manager)
    SupportRecordFactory.create_batch(2, staff=[UserFactory()])
    with CaptureQueriesContext(connection) as small:
        csv_rows(client.get(url("index"), {"export": "csv"}))
    SupportRecordFactory.create_batch(10, staff=[UserFactory(), UserFactory()])
    with CaptureQueriesContext(connection) as large:
        rows = csv_rows(client.get(url("index"), {"export": "csv"}))

    assert len(rows) == 13
    assert len(large) == len(small)


# History --------------------------------------------------------------------------------------------------


def test_history_shows_who_changed_what(client, worker, school):
    record = SupportRecordFactory(school=school, notes="First notes")
    client.force_login(worker)

    response = client.post(
        url("edit", record.pk), form_data(school, record.worker, kind=SupportRecord.Kind.CONSULTATION,
                                          date=record.date.isoformat(), notes="Second notes")
    )
    assert response.status_code == 302
    history = client.get(url("history", record.pk))

    newest = history.context["entries"][0]
    assert newest.who == worker
    assert {change.label for change in newest.changes} == {"Notes"}
    assert "First notes → Second notes" in history.content.decode()


def test_history_shows_a_change_of_staff(client, worker, school):
    first = MembershipFactory(school=school, user=UserFactory(first_name="Fay", last_name="First")).user
    second = MembershipFactory(school=school, user=UserFactory(first_name="Sid", last_name="Second")).user
    period = PeriodFactory(school=school, worker=worker, staff=[first])
    client.force_login(worker)
    data = form_data(
        school, worker, kind=period.kind, date=period.date.isoformat(), ends_on=period.ends_on.isoformat(),
        notes=period.notes, staff=[first.pk, second.pk],
    )

    assert client.post(url("edit", period.pk), data).status_code == 302
    history = client.get(url("history", period.pk))

    assert history.status_code == 200
    assert set(period.staff.all()) == {first, second}
    staff_change = next(c for entry in history.context["entries"] for c in entry.changes if c.label == "Staff involved")
    assert staff_change.old == "Fay First"
    assert staff_change.new == "Fay First, Sid Second"
    assert "Fay First → Fay First, Sid Second" in history.content.decode()
