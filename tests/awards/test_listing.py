"""The admin report "Award status": who sees it, which schools, filters, exports and a constant query count."""

import csv
import io

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from awards.models import Stage
from awards.status import NO_AWARD, Progress, award_status_for, school_award_status
from schools.models import School
from tests.awards.award_factories import AwardFactory, award_expiring_in, grant_view_award, revoked_award, submission_in
from tests.schools.factories import SchoolFactory
from users.roles import Role

pytestmark = pytest.mark.django_db

VIEWERS = [Role.TEAM_MANAGER, Role.SENIOR_WORKER, Role.WORKER, Role.STEERING_GROUP, Role.PUBLIC_HEALTH]


@pytest.fixture(autouse=True)
def view_permission(db):
    grant_view_award(*VIEWERS)


@pytest.fixture
def listing(client, manager):
    """GET the report as the Team Manager, returning the schools' names in order."""

    def get(**params):
        client.force_login(manager)
        response = client.get(reverse("awards_status"), params)
        assert response.status_code == 200
        return [school.name for school in response.context["object_list"]]

    return get


def test_statuses_of_awards(school):
    valid = AwardFactory(school=school)
    soon = award_expiring_in(30)
    expired = award_expiring_in(-1)
    revoked = revoked_award()
    statuses = award_status_for([school, soon.school, expired.school, revoked.school, SchoolFactory()])
    assert statuses[valid.school_id].statuses == [Progress.AWARDED]
    assert statuses[soon.school_id].statuses == [Progress.EXPIRING_SOON]
    assert statuses[expired.school_id].statuses == [Progress.EXPIRED]
    assert statuses[revoked.school_id].statuses == [Progress.REVOKED]
    assert statuses[SchoolFactory().pk] is NO_AWARD
    assert NO_AWARD.statuses == [Progress.NOT_STARTED]


def test_the_highest_stage_in_force_is_shown_before_a_lapsed_one(school):
    AwardFactory(school=school, stage=Stage.BRONZE)
    revoked_award(school=school, stage=Stage.SILVER)
    status = school_award_status(school)
    assert (status.stage, status.status) == (Stage.BRONZE, Progress.AWARDED)
    AwardFactory(school=school, stage=Stage.GOLD)
    assert school_award_status(school).stage == Stage.GOLD


def test_a_school_with_only_lapsed_awards_shows_the_highest(school):
    award_expiring_in(-400, school=school, stage=Stage.BRONZE)
    award_expiring_in(-5, school=school, stage=Stage.SILVER)
    status = school_award_status(school)
    assert (status.stage, status.status) == (Stage.SILVER, Progress.EXPIRED)


def test_submissions_in_progress_show_beside_the_award(school, lead, worker):
    AwardFactory(school=school)
    submission_in("drafting", school, lead, worker, stage=Stage.SILVER)
    status = school_award_status(school)
    assert status.statuses == [Progress.AWARDED, Progress.DRAFTING]
    assert ("Silver: drafting", "light-blue") in status.tags


@pytest.mark.parametrize(
    ("state", "progress"),
    [
        ("drafting", Progress.DRAFTING),
        ("in_review", Progress.IN_REVIEW),
        ("more_evidence_requested", Progress.MORE_EVIDENCE_REQUESTED),
        ("awarded", Progress.AWARDED),
    ],
)
def test_statuses_of_submissions(school, lead, worker, state, progress):
    submission_in(state, school, lead, worker)
    assert school_award_status(school).status == progress


# The report


@pytest.mark.parametrize("role", VIEWERS)
def test_the_service_roles_see_the_report_and_its_menu_item(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("awards_status")).status_code == 200
    assert reverse("awards_status") in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.ADMINISTRATOR])
def test_others_do_not(client, role_user, role):
    client.force_login(role_user(role))
    response = client.get(reverse("awards_status"))
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))  # Wagtail's refusal
    assert reverse("awards_status") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_worker_sees_only_their_clusters_schools(client, school, other_school, worker):
    client.force_login(worker)
    response = client.get(reverse("awards_status"))
    assert [s.pk for s in response.context["object_list"]] == [school.pk]


def test_the_rows_show_cluster_locality_stage_dates_and_status(client, manager, school):
    award = award_expiring_in(40, school=school, stage=Stage.SILVER)
    client.force_login(manager)
    content = client.get(reverse("awards_status")).content.decode()
    for text in (school.name, school.cluster.name, school.cluster.locality.name, "Silver", "Expiring soon"):
        assert text in content
    assert f"{award.expires_at:%-d %B %Y}" in content


@pytest.fixture
def schools_in_every_state(school, lead, worker):
    """School names by state: the fixtures' school drafting Bronze, the others one state each."""
    names = {"drafting": school.name}
    submission_in("drafting", school, lead, worker)
    names["awarded"] = AwardFactory(stage=Stage.SILVER).school.name
    names["expiring_soon"] = award_expiring_in(10).school.name
    names["expired"] = award_expiring_in(-10).school.name
    names["revoked"] = revoked_award().school.name
    names["not_started"] = SchoolFactory(cluster=school.cluster).name
    return names


@pytest.mark.parametrize("state", ["drafting", "awarded", "expiring_soon", "expired", "revoked", "not_started"])
def test_filter_by_status(listing, schools_in_every_state, state):
    assert listing(status=state) == [schools_in_every_state[state]]


def test_filter_by_stage(listing, schools_in_every_state):
    assert listing(stage=Stage.SILVER) == [schools_in_every_state["awarded"]]
    assert sorted(listing(stage=Stage.BRONZE)) == sorted(
        schools_in_every_state[state] for state in ("expiring_soon", "expired", "revoked")
    )
    assert listing(stage=Stage.GOLD) == []


def test_filter_by_cluster(listing, school, schools_in_every_state):
    assert listing(cluster=school.cluster.pk) == sorted([school.name, schools_in_every_state["not_started"]])


def test_the_filters_refresh_the_results_alone(client, manager, schools_in_every_state):
    client.force_login(manager)
    response = client.get(reverse("awards_status_results"), {"status": "expired"})
    assert response.status_code == 200
    assert schools_in_every_state["expired"] in response.content.decode()
    assert schools_in_every_state["revoked"] not in response.content.decode()
    assert "<html" not in response.content.decode()


def test_filters_combine(listing, school, schools_in_every_state):
    assert listing(cluster=school.cluster.pk, status="not_started") == [schools_in_every_state["not_started"]]


def test_csv_export(client, manager, school):
    award = AwardFactory(school=school, stage=Stage.GOLD)
    client.force_login(manager)
    response = client.get(reverse("awards_status"), {"export": "csv", "stage": Stage.GOLD})
    assert response["Content-Disposition"].startswith('attachment; filename="award-status-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "School", "URN", "Cluster", "Locality", "Highest stage held", "Awarded", "Expires", "Status",
    ]
    assert rows[1] == [
        school.name, str(school.urn), school.cluster.name, school.cluster.locality.name, "Gold",
        timezone.localdate(award.awarded_at).isoformat(), timezone.localdate(award.expires_at).isoformat(), "Awarded",
    ]
    assert len(rows) == 2


def test_csv_export_does_not_let_a_name_run_as_a_formula(client, manager):
    SchoolFactory(name="=HYPERLINK(\"http://example.org\")")
    client.force_login(manager)
    response = client.get(reverse("awards_status"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][0] == "'=HYPERLINK(\"http://example.org\")"


def test_excel_export(client, manager, school):
    AwardFactory(school=school)
    SchoolFactory()
    client.force_login(manager)
    response = client.get(reverse("awards_status"), {"export": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "School"
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[school.name][4] == "Bronze"
    assert by_name[school.name][7] == "Awarded"
    assert len(rows) == 3


@pytest.mark.parametrize("count", [3, 15])
def test_query_count_is_constant(client, manager, lead, worker, school, count, django_assert_num_queries):
    submission_in("in_review", school, lead, worker)
    for index in range(count):
        award = AwardFactory(stage=Stage(index % 3 + 1))
        if index % 4 == 0:
            revoked_award(school=award.school, stage=Stage.GOLD)
    client.force_login(manager)
    client.get(reverse("awards_status"))  # warm caches (content types, the session)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("awards_status"))
    assert len(response.context["object_list"]) == count + 1
    with django_assert_num_queries(QUERIES_EXPORT):
        response = client.get(reverse("awards_status"), {"export": "csv"})
        assert len(b"".join(response.streaming_content).splitlines()) == count + 2


QUERIES = 17
QUERIES_EXPORT = 10


# The portal: the school's page and the list of schools


def test_the_portal_summary_of_a_school_with_an_award(school):
    award = award_expiring_in(60, school=school, stage=Stage.SILVER)
    html = render_to_string(
        "awards/includes/school_award_summary.html", {"school": school, "award_status": school_award_status(school)}
    )
    assert "Silver" in html
    assert "Expiring soon" in html
    assert reverse("portal:awards:certificate", kwargs={"urn": school.urn, "pk": award.pk}) in html
    assert reverse("certificates:verify", kwargs={"code": award.code}) in html


def test_the_portal_summary_of_a_revoked_award_has_no_certificate(school):
    award = revoked_award(school=school)
    html = render_to_string(
        "awards/includes/school_award_summary.html", {"school": school, "award_status": school_award_status(school)}
    )
    assert "Revoked" in html
    assert reverse("portal:awards:certificate", kwargs={"urn": school.urn, "pk": award.pk}) not in html


def test_the_portal_summary_of_a_school_without_an_award(school):
    html = render_to_string(
        "awards/includes/school_award_summary.html", {"school": school, "award_status": school_award_status(school)}
    )
    assert "None yet" in html
    assert "Not started" in html


def test_statuses_for_a_page_of_schools(school, lead, worker, django_assert_num_queries):
    AwardFactory(school=school)
    submission_in("drafting", school, lead, worker, stage=Stage.SILVER)
    SchoolFactory.create_batch(3)
    page = Paginator(School.objects.order_by("name"), 2).get_page(1)
    with django_assert_num_queries(4):  # the page, awards, submissions, their workflow states
        statuses = award_status_for(page.object_list)
        assert [statuses[s.pk].status for s in page.object_list]
