"""The school registry in the Wagtail admin, driven over HTTP as each role."""

import csv
import io
from unittest import mock

from django.contrib.auth.models import Permission
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import openpyxl
import pytest

from schools.models import Cluster, ClusterAssignment, Membership, School
from tests.schools.factories import (
    ClusterAssignmentFactory,
    ClusterFactory,
    InvitationFactory,
    LeadFactory,
    LocalityFactory,
    MembershipFactory,
    SchoolFactory,
)
from tests.users.factories import UserFactory
from users.roles import Role

pytestmark = pytest.mark.django_db

REGISTRY_EDITORS = [Role.TEAM_MANAGER, Role.ADMINISTRATOR]
REGISTRY_VIEWERS = [Role.WORKER, Role.SENIOR_WORKER, Role.STEERING_GROUP, Role.PUBLIC_HEALTH]
EDITABLE_MODELS = ["school", "cluster", "locality", "membership", "clusterassignment"]
ALL_MODELS = [*EDITABLE_MODELS, "invitation"]


def admin_url(model, action, *args):
    """The modeladmin URL for `action` on a registry model, e.g. admin_url("school", "edit", pk)."""
    return reverse(f"schools_{model}_modeladmin_{action}", args=args)


def listed(response):
    """The records shown on a listing page."""
    return list(response.context["object_list"])


def is_refused(response):
    """Whether the admin turned the request away (Wagtail redirects a PermissionDenied to the dashboard)."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def csv_rows(response):
    """The rows of a streamed CSV export."""
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


def xlsx_rows(response):
    """The rows of the first sheet of an XLSX export."""
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def form_data(instance, **changes):
    """POST data for a modeladmin form holding every editable field of `instance`."""
    data = {name: "" if value is None else value for name, value in model_to_dict(instance).items()}
    data.update(changes)
    return data


@pytest.fixture
def registry(school):
    """One of each registry record, all around `school`."""
    return {
        "school": school,
        "cluster": school.cluster,
        "locality": school.cluster.locality,
        "membership": LeadFactory(school=school),
        "clusterassignment": ClusterAssignmentFactory(cluster=school.cluster),
        "invitation": InvitationFactory(school=school),
    }


@pytest.fixture
def as_role(client, role_user, school):
    """Sign in with a role; workers are assigned to `school`'s cluster so they have something to see."""

    def sign_in(role):
        user = role_user(role)
        if role in Role.WORKERS:
            ClusterAssignment.objects.create(worker=user, cluster=school.cluster)
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager)
    return manager


# Permissions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", EDITABLE_MODELS)
@pytest.mark.parametrize("role", REGISTRY_EDITORS)
def test_registry_editors_can_add_and_edit(client, as_role, registry, role, model):
    as_role(role)
    pk = registry[model].pk

    index = client.get(admin_url(model, "index"))

    assert index.status_code == 200
    assert admin_url(model, "create") in index.content.decode()
    assert admin_url(model, "edit", pk) in index.content.decode()
    assert client.get(admin_url(model, "create")).status_code == 200
    assert client.get(admin_url(model, "edit", pk)).status_code == 200


@pytest.mark.parametrize("model", EDITABLE_MODELS)
@pytest.mark.parametrize("role", REGISTRY_VIEWERS)
def test_registry_viewers_can_list_and_inspect_but_not_add_or_edit(client, as_role, registry, role, model):
    as_role(role)
    pk = registry[model].pk

    index = client.get(admin_url(model, "index"))

    assert index.status_code == 200
    assert registry[model] in listed(index)
    page = index.content.decode()
    assert admin_url(model, "create") not in page
    assert admin_url(model, "edit", pk) not in page
    assert admin_url(model, "inspect", pk) in page
    assert client.get(admin_url(model, "inspect", pk)).status_code == 200
    assert is_refused(client.get(admin_url(model, "create")))
    assert is_refused(client.get(admin_url(model, "edit", pk)))


@pytest.mark.parametrize("role", REGISTRY_VIEWERS)
def test_registry_viewers_cannot_change_a_school_by_posting(client, as_role, school, role):
    as_role(role)

    response = client.post(admin_url("school", "edit", school.pk), form_data(school, name="Renamed"))

    assert is_refused(response)
    school.refresh_from_db()
    assert school.name != "Renamed"


def test_registry_menu_is_shown_to_registry_roles_only(client, role_user, school):
    client.force_login(role_user(Role.TEAM_MANAGER))
    assert "School registry" in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(role_user(Role.EDITOR))
    assert "School registry" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert is_refused(client.get(admin_url("school", "index")))
    assert client.get(admin_url("school", "inspect", school.pk)).status_code in (302, 403, 404)


def test_invitations_are_read_only_even_for_a_superuser(client, registry):
    """Invitations are made and accepted in the portal; the admin only shows them."""
    invitation = registry["invitation"]
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    index = client.get(admin_url("invitation", "index"))
    inspect = client.get(admin_url("invitation", "inspect", invitation.pk))

    assert listed(index) == [invitation]
    assert admin_url("invitation", "create") not in index.content.decode()
    assert admin_url("invitation", "edit", invitation.pk) not in index.content.decode()
    assert inspect.status_code == 200
    assert invitation.email in inspect.content.decode()
    assert invitation.token not in inspect.content.decode()
    assert is_refused(client.get(admin_url("invitation", "create")))
    assert is_refused(client.get(admin_url("invitation", "edit", invitation.pk)))
    assert is_refused(client.get(admin_url("invitation", "delete", invitation.pk)))


def test_editor_who_belongs_to_a_school_still_cannot_open_its_registry_pages(client, role_user, school):
    """Seeing a school in the portal is not a registry permission."""
    editor = role_user(Role.EDITOR)
    MembershipFactory(user=editor, school=school)
    client.force_login(editor)

    for action in ("inspect", "history", "edit"):
        assert is_refused(client.get(admin_url("school", action, school.pk)))


def test_workers_do_not_see_invitations(client, worker, registry):
    client.force_login(worker)

    assert is_refused(client.get(admin_url("invitation", "index")))


# Visibility -----------------------------------------------------------------------------------------------


def test_worker_lists_only_their_clusters_schools(client, worker, school, other_school):
    sibling = SchoolFactory(cluster=school.cluster)
    client.force_login(worker)

    response = client.get(admin_url("school", "index"))

    assert set(listed(response)) == {school, sibling}
    assert other_school.name not in response.content.decode()


@pytest.mark.parametrize("action", ["edit", "inspect", "history", "delete"])
def test_worker_cannot_open_another_clusters_school(client, worker, other_school, action):
    client.force_login(worker)

    assert client.get(admin_url("school", action, other_school.pk)).status_code == 404


@pytest.mark.parametrize("action", ["edit", "inspect", "history", "delete"])
def test_malformed_record_id_is_not_found(client, as_manager, action):
    assert client.get(f"/admin/schools/school/{action}/not-a-number/").status_code == 404


def test_worker_opens_their_own_school_read_only(client, worker, school):
    client.force_login(worker)

    assert client.get(admin_url("school", "inspect", school.pk)).status_code == 200
    assert client.get(admin_url("school", "history", school.pk)).status_code == 200
    assert is_refused(client.get(admin_url("school", "edit", school.pk)))


def test_worker_sees_only_their_clusters_people_clusters_and_assignments(client, worker, school, other_school):
    mine = MembershipFactory(school=school)
    theirs = MembershipFactory(school=other_school)
    other_assignment = ClusterAssignmentFactory(cluster=other_school.cluster)
    client.force_login(worker)

    memberships = listed(client.get(admin_url("membership", "index")))
    clusters = listed(client.get(admin_url("cluster", "index")))
    localities = listed(client.get(admin_url("locality", "index")))
    assignments = listed(client.get(admin_url("clusterassignment", "index")))

    assert memberships == [mine]
    assert theirs not in memberships
    assert clusters == [school.cluster]
    assert localities == [school.cluster.locality]
    assert other_assignment not in assignments
    assert {a.worker for a in assignments} == {worker}
    assert client.get(admin_url("membership", "inspect", theirs.pk)).status_code == 404
    assert client.get(admin_url("cluster", "history", other_school.cluster.pk)).status_code == 404


def test_manager_sees_empty_clusters_so_they_can_be_filled(client, as_manager):
    empty = ClusterFactory()

    assert empty in listed(client.get(admin_url("cluster", "index")))


# Filters and search ---------------------------------------------------------------------------------------


@pytest.fixture
def mixed_schools(db):
    """Schools spread over two localities, two clusters, two phases and three statuses."""
    north = ClusterFactory(name="North", locality=LocalityFactory(name="Northern"))
    south = ClusterFactory(name="South", locality=LocalityFactory(name="Southern"))
    return {
        "primary": SchoolFactory(name="Alder Primary", cluster=north, phase="Primary"),
        "closing": SchoolFactory(
            name="Birch Primary", cluster=north, phase="Primary", status=School.Status.PROPOSED_TO_CLOSE
        ),
        "closed": SchoolFactory(name="Cedar Academy", cluster=south, phase="Secondary", status=School.Status.CLOSED),
        "new": SchoolFactory(name="Damson Free School", cluster=south, phase="Secondary",
                             status=School.Status.PROPOSED_TO_OPEN),
    }


def school_names(client, **params):
    """Names of the schools listed with these query parameters."""
    return {school.name for school in listed(client.get(admin_url("school", "index"), params))}


def test_school_filters_narrow_the_list(client, as_manager, mixed_schools):
    north = mixed_schools["primary"].cluster

    assert school_names(client, cluster__locality__id__exact=north.locality.pk) == {"Alder Primary", "Birch Primary"}
    assert school_names(client, cluster__id__exact=mixed_schools["closed"].cluster.pk) == {
        "Cedar Academy", "Damson Free School"
    }
    assert school_names(client, phase="Secondary") == {"Cedar Academy", "Damson Free School"}
    assert school_names(client, status="open") == {"Alder Primary", "Birch Primary"}
    assert school_names(client, status="closed") == {"Cedar Academy"}
    assert school_names(client, status="open", phase="Secondary") == set()
    assert len(school_names(client)) == 4


def test_school_filters_are_offered_on_the_page(client, as_manager, mixed_schools):
    page = client.get(admin_url("school", "index")).content.decode()

    for choice in ("Northern", "South", "Secondary", "Closed", "Thurrock"):
        assert choice in page


def test_school_search_finds_by_urn_postcode_and_name(client, as_manager, mixed_schools):
    cedar = mixed_schools["closed"]
    School.objects.filter(pk=cedar.pk).update(postcode="SS17 0XX")

    assert school_names(client, q=str(cedar.urn)) == {"Cedar Academy"}
    assert school_names(client, q="SS17") == {"Cedar Academy"}
    assert school_names(client, q="birch") == {"Birch Primary"}


def test_membership_filters_and_search(client, as_manager, mixed_schools):
    alder, cedar = mixed_schools["primary"], mixed_schools["closed"]
    lead = LeadFactory(school=alder, user=UserFactory(first_name="Lena", last_name="Leadbetter"))
    staff = MembershipFactory(school=cedar, user=UserFactory(email="sam.staff@example.org"))

    def members(**params):
        return set(listed(client.get(admin_url("membership", "index"), params)))

    assert members(role="mental_health_lead") == {lead}
    assert members(school__cluster__id__exact=cedar.cluster.pk) == {staff}
    assert members(school__cluster__locality__id__exact=alder.cluster.locality.pk) == {lead}
    assert members(q="Leadbetter") == {lead}
    assert members(q="sam.staff") == {staff}
    assert members(q=str(cedar.urn)) == {staff}


def test_assignment_filters_by_locality(client, as_manager, mixed_schools):
    north = mixed_schools["primary"].cluster
    mine = ClusterAssignmentFactory(cluster=north)
    ClusterAssignmentFactory(cluster=mixed_schools["closed"].cluster)

    response = client.get(admin_url("clusterassignment", "index"), {"cluster__locality__id__exact": north.locality.pk})

    assert listed(response) == [mine]


def test_assignment_form_offers_only_workers_and_managers(client, as_manager, school):
    worker = UserFactory(roles=[Role.WORKER])
    editor = UserFactory(roles=[Role.EDITOR])

    form = client.get(admin_url("clusterassignment", "create")).context["form"]

    choices = set(form.fields["worker"].queryset)
    assert worker in choices
    assert as_manager in choices
    assert editor not in choices


def test_forms_offer_only_schools_and_clusters_the_user_may_see(client, worker, school, other_school):
    """Should a role that sees only some schools ever be allowed to add people, it cannot reach other schools."""
    worker.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_membership", "add_clusterassignment"])
    )
    client.force_login(worker)

    membership_form = client.get(admin_url("membership", "create")).context["form"]
    assignment_form = client.get(admin_url("clusterassignment", "create")).context["form"]

    assert set(membership_form.fields["school"].queryset) == {school}
    assert set(assignment_form.fields["cluster"].queryset) == {school.cluster}


def test_cluster_and_locality_counts(client, as_manager, mixed_schools):
    north = mixed_schools["primary"].cluster
    ClusterAssignmentFactory(cluster=north, worker=UserFactory(first_name="Wanda", last_name="Worker",
                                                               roles=[Role.WORKER]))

    clusters = {c.name: c for c in listed(client.get(admin_url("cluster", "index")))}
    localities = {loc.name: loc for loc in listed(client.get(admin_url("locality", "index")))}
    page = client.get(admin_url("cluster", "index")).content.decode()

    assert clusters["North"].school_count == 2
    assert localities["Northern"].school_count == 2
    assert localities["Northern"].cluster_count == 1
    assert "Wanda Worker" in page


# Exports --------------------------------------------------------------------------------------------------


def test_school_csv_export_has_every_column_and_applies_the_filter(client, as_manager, mixed_schools):
    cedar = mixed_schools["closed"]
    lead = LeadFactory(school=cedar, user=UserFactory(first_name="Lee", last_name="Lead", email="lee@example.org"))

    response = client.get(admin_url("school", "index"), {"phase": "Secondary", "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "schools-" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[:3] == ["URN", "Name", "Local authority code"]
    for column in ("Phase of education", "Status", "Number of pupils", "Postcode", "Town", "Cluster", "Locality",
                   "Mental Health Lead", "Mental Health Lead email"):
        assert column in header
    by_urn = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_urn) == {str(cedar.urn), str(mixed_schools["new"].urn)}
    cedar_row = by_urn[str(cedar.urn)]
    assert cedar_row["Status"] == "Closed"
    assert cedar_row["Cluster"] == "South"
    assert cedar_row["Locality"] == "Southern"
    assert cedar_row["Number of pupils"] == "300"
    assert cedar_row["Mental Health Lead"] == "Lee Lead"
    assert cedar_row["Mental Health Lead email"] == lead.user.email
    assert by_urn[str(mixed_schools["new"].urn)]["Mental Health Lead"] == ""


def test_school_xlsx_export_is_a_workbook_of_the_visible_schools(client, worker, school, other_school):
    client.force_login(worker)

    response = client.get(admin_url("school", "index"), {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    header, *rows = xlsx_rows(response)
    assert header[0] == "URN"
    assert [row[0] for row in rows] == [school.urn]
    assert row_value(header, rows[0], "Name") == school.name
    assert row_value(header, rows[0], "Number of pupils") == 300
    assert row_value(header, rows[0], "Status") == "Open"


def row_value(header, row, column):
    """The cell of `row` under `column`."""
    return row[header.index(column)]


def identifying_value(registry, model):
    """A value that the export row of `registry[model]` must contain."""
    record = registry[model]
    return {
        "school": lambda: record.name,
        "cluster": lambda: record.name,
        "locality": lambda: record.name,
        "membership": lambda: record.user.email,
        "clusterassignment": lambda: record.worker.email,
        "invitation": lambda: record.email,
    }[model]()


@pytest.mark.parametrize("model", ALL_MODELS)
def test_every_listing_exports_csv_and_xlsx(client, as_manager, registry, model):
    csv_header, *csv_body = csv_rows(client.get(admin_url(model, "index"), {"export": "csv"}))
    xlsx_header, *xlsx_body = xlsx_rows(client.get(admin_url(model, "index"), {"export": "xlsx"}))

    assert csv_header == xlsx_header
    assert len(csv_body) == len(xlsx_body) == 1
    assert identifying_value(registry, model) in csv_body[0]
    assert identifying_value(registry, model) in xlsx_body[0]


def test_csv_export_defuses_spreadsheet_formulas(client, as_manager, school):
    MembershipFactory(school=school, user=UserFactory(first_name="=HYPERLINK(\"http://evil\")", last_name="X"))

    header, row = csv_rows(client.get(admin_url("membership", "index"), {"export": "csv"}))

    assert row[header.index("User")].startswith("'=HYPERLINK")


def test_listing_offers_export_links_that_keep_the_filters(client, as_manager, mixed_schools):
    page = client.get(admin_url("school", "index"), {"phase": "Primary"}).content.decode()

    assert "export=csv" in page
    assert "phase=Primary&amp;export=xlsx" in page


# History --------------------------------------------------------------------------------------------------


def test_history_shows_a_change_made_in_the_admin(client, as_manager, school):
    old_name = school.name
    new_cluster = ClusterFactory(name="Riverside")
    response = client.post(
        admin_url("school", "edit", school.pk), form_data(school, name="Renamed Primary", cluster=new_cluster.pk)
    )
    assert response.status_code == 302

    history = client.get(admin_url("school", "history", school.pk))

    page = history.content.decode()
    assert history.status_code == 200
    newest = history.context["entries"][0]
    assert newest.action == "Changed"
    assert newest.who == as_manager
    assert {change.label for change in newest.changes} == {"Name", "Cluster"}
    assert f"{old_name} → Renamed Primary" in page
    assert f"{school.cluster.name} → Riverside" in page
    assert str(as_manager) in page
    assert history.context["entries"][-1].action == "Created"


def test_history_is_paginated_newest_first(client, as_manager, school):
    for number in range(55):
        school.number_of_pupils = number
        school.save()

    first = client.get(admin_url("school", "history", school.pk))
    second = client.get(admin_url("school", "history", school.pk), {"p": 2})

    assert len(first.context["entries"]) == 50
    assert [c.new for c in first.context["entries"][0].changes] == ["54"]
    # The oldest change on page one is still compared with its predecessor on page two.
    assert [(c.old, c.new) for c in first.context["entries"][-1].changes] == [("4", "5")]
    assert [e.action for e in second.context["entries"]][-1] == "Created"
    assert len(second.context["entries"]) == 6


def test_history_button_is_on_every_row(client, as_manager, registry):
    for model in ALL_MODELS:
        page = client.get(admin_url(model, "index")).content.decode()
        assert admin_url(model, "history", registry[model].pk) in page


def test_history_of_every_record_type_opens(client, as_manager, registry):
    for model in ALL_MODELS:
        response = client.get(admin_url(model, "history", registry[model].pk))
        assert response.status_code == 200
        assert response.context["entries"][0].action == "Created"


# Memberships: one designated lead per school --------------------------------------------------------------


def test_second_lead_is_a_form_error_not_a_crash(client, as_manager, school, lead):
    newcomer = UserFactory()

    response = client.post(
        admin_url("membership", "create"),
        {"user": newcomer.pk, "school": school.pk, "role": Membership.Role.MENTAL_HEALTH_LEAD},
    )

    assert response.status_code == 200
    assert "This school already has a designated Mental Health Lead." in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_second_lead_saved_at_the_same_moment_is_still_a_form_error(client, as_manager, school, lead):
    """If validation passes but the database refuses (a concurrent save), the user still gets a message."""
    newcomer = UserFactory()

    with mock.patch.object(Membership, "validate_constraints"):
        response = client.post(
            admin_url("membership", "create"),
            {"user": newcomer.pk, "school": school.pk, "role": Membership.Role.MENTAL_HEALTH_LEAD},
        )

    assert response.status_code == 200
    assert "saved at the same moment" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_manager_adds_a_staff_member(client, as_manager, school):
    newcomer = UserFactory()

    response = client.post(
        admin_url("membership", "create"), {"user": newcomer.pk, "school": school.pk, "role": Membership.Role.STAFF}
    )

    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer).school == school


# Query counts ---------------------------------------------------------------------------------------------


def queries_for(client, url):
    """How many queries one GET of `url` makes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def assert_constant_queries(client, url, add_rows):
    """The page makes as many queries with 50 rows as with 5: nothing is fetched per row."""
    add_rows(5)
    client.get(url)  # warm per-process caches (permission codenames, content types)
    few = queries_for(client, url)
    add_rows(45)
    many = queries_for(client, url)
    assert many == few


def test_school_index_queries_do_not_grow_with_rows(client, as_manager):
    def add_schools(count):
        for school in SchoolFactory.create_batch(count):
            LeadFactory(school=school)

    assert_constant_queries(client, admin_url("school", "index"), add_schools)
    assert len(listed(client.get(admin_url("school", "index")))) == 50


def test_membership_index_queries_do_not_grow_with_rows(client, as_manager):
    assert_constant_queries(client, admin_url("membership", "index"), MembershipFactory.create_batch)
    assert Membership.objects.count() == 50


def test_cluster_index_queries_do_not_grow_with_rows(client, as_manager):
    def add_clusters(count):
        for cluster in ClusterFactory.create_batch(count):
            SchoolFactory(cluster=cluster)
            cluster.secondary_school = SchoolFactory(cluster=cluster, phase="Secondary")
            cluster.save()
            ClusterAssignmentFactory(cluster=cluster)

    assert_constant_queries(client, admin_url("cluster", "index"), add_clusters)
    assert Cluster.objects.count() == 50


def test_history_queries_do_not_grow_with_versions(client, as_manager, school):
    clusters = ClusterFactory.create_batch(2)

    def add_versions(count):
        for number in range(count):
            school.cluster = clusters[number % 2]
            school.save()

    assert_constant_queries(client, admin_url("school", "history", school.pk), add_versions)
