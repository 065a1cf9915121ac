"""The KPI dashboard and the evaluation view in the admin: who sees them, filters, exports, query counts."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from assessments.models import Rating, Round
from tests.assessments.factories import submitted_assessment
from tests.schools.factories import ClusterFactory, LeadFactory, LocalityFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(email="kpi@example.org", password="x")  # noqa: S106


def make_schools(count, locality="West", phase="Primary"):
    cluster = ClusterFactory(locality=LocalityFactory(name=locality))
    schools = [SchoolFactory(cluster=cluster, phase=phase) for _ in range(count)]
    for school in schools:
        LeadFactory(school=school)
    return schools


def test_dashboard_shows_every_indicator_with_a_table(client, superuser):
    make_schools(3)
    client.force_login(superuser)
    response = client.get(reverse("kpi_dashboard"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Schools with a designated Mental Health Lead: 3" in content
    assert "<caption" in content and "by locality" in content
    assert "Self-assessments completed" in content


def test_filters_narrow_the_figures(client, superuser):
    make_schools(2, locality="West")
    east = make_schools(1, locality="East", phase="Secondary")
    client.force_login(superuser)
    response = client.get(reverse("kpi_dashboard"), {"locality": east[0].cluster.locality_id, "by": "phase"})
    content = response.content.decode()
    assert "Schools with a designated Mental Health Lead: 1" in content
    assert "by phase" in content


def test_csv_and_excel_exports_follow_the_filters(client, superuser):
    make_schools(2)
    client.force_login(superuser)
    response = client.get(reverse("kpi_dashboard"), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    leads = [row for row in rows if row["Indicator"] == "Schools with a designated Mental Health Lead"]
    assert {(row["Group"], row["Value"]) for row in leads} == {("All", "2"), ("Locality: West", "2")}
    response = client.get(reverse("kpi_dashboard"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:4] == ["Outcome", "Indicator", "Group", "Value"]
    assert sheet.max_row == len(rows) + 1


def test_dashboard_queries_do_not_grow_with_data(client, superuser, django_assert_max_num_queries):
    make_schools(2)
    client.force_login(superuser)
    client.get(reverse("kpi_dashboard"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("kpi_dashboard"))
    for index in range(3):
        make_schools(5, locality=f"Locality {index}")
        for school in make_schools(2, locality=f"Other {index}"):
            submitted_assessment(school)
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("kpi_dashboard"))
    assert "Schools with a designated Mental Health Lead: 23" in response.content.decode()


@pytest.mark.parametrize("name", ["kpi_dashboard", "kpi_evaluation"])
def test_school_users_never_see_the_kpis(client, lead, name):
    client.force_login(lead)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_evaluation_compares_matched_schools_and_suppresses_small_groups(client, superuser):
    schools = make_schools(6)
    for index, school in enumerate(schools):
        submitted_assessment(school, round=Round.BASELINE, default=Rating.WORKING_TOWARDS)
        if index < 5:
            submitted_assessment(school, round=Round.END_OF_PILOT, default=Rating.ACHIEVED)
    client.force_login(superuser)
    response = client.get(reverse("kpi_evaluation"))
    assert response.status_code == 200
    matched = response.context["matched"]
    assert all(row.shown and row.schools == 5 for row in matched)
    assert all((row.baseline, row.end, row.change) == (2.0, 3.0, 1.0) for row in matched)
    secondary = client.get(reverse("kpi_evaluation"), {"phase": "Secondary"})
    assert not any(row.shown for row in secondary.context["matched"])
    assert "Not shown: fewer than 5 schools" in secondary.content.decode()


@pytest.mark.parametrize("role", ["Team Manager", "Wellbeing Worker", "Steering group member", "Public Health analyst"])
def test_the_team_steering_group_and_public_health_see_the_dashboard(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("kpi_dashboard")).status_code == 200
    assert client.get(reverse("kpi_evaluation")).status_code == 200
    assert "KPI dashboard" in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", ["Editor", "Administrator"])
def test_other_roles_do_not(client, role_user, role):
    client.force_login(role_user(role))
    response = client.get(reverse("kpi_dashboard"), follow=True)
    assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
    assert "Sorry, you do not have permission" in response.content.decode()
    assert 'href="/admin/kpis/"' not in response.content.decode()
