"""The survey in the Wagtail admin: uploading a file, and results listed and exported with suppression."""

import csv
import io

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import openpyxl
import pytest

from schools.models import ClusterAssignment
from surveys.models import Indicator, SurveyImport, SurveyResult
from tests.surveys.factories import HEADER, SurveyResultFactory, indicator
from users.roles import Role

pytestmark = pytest.mark.django_db

IMPORTERS = [Role.TEAM_MANAGER, Role.ADMINISTRATOR]
NOT_IMPORTERS = [Role.STEERING_GROUP, Role.PUBLIC_HEALTH, Role.WORKER, Role.SENIOR_WORKER, Role.EDITOR]
IMPORT_URL = "/admin/brighter-futures/import/"
RESULTS_URL = "surveys_surveyresult_modeladmin_index"


def upload(content, name="results.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def as_role(client, role_user, school):
    def sign_in(role):
        user = role_user(role)
        if role in Role.WORKERS:
            ClusterAssignment.objects.create(worker=user, cluster=school.cluster)
        client.force_login(user)
        return user

    return sign_in


def test_import_page_address():
    assert reverse("surveys_import") == IMPORT_URL


@pytest.mark.parametrize("role", IMPORTERS)
def test_importers_upload_a_good_file(client, as_role, school, role):
    user = as_role(role)
    assert client.get(IMPORT_URL).status_code == 200

    response = client.post(IMPORT_URL, {"file": upload(f"{HEADER}\n{school.urn},2025,lonely,12,40\n")})

    assert response.status_code == 302
    assert response["Location"] == reverse(RESULTS_URL)
    assert SurveyResult.objects.get().numerator == 12
    assert SurveyImport.objects.get().imported_by == user


def test_upload_with_bad_rows_lists_them_and_changes_nothing(client, as_role, school):
    as_role(Role.TEAM_MANAGER)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=3, denominator=40)
    content = f"{HEADER}\n{school.urn},2025,lonely,12,40\n999999,2025,lonely,1,10\n{school.urn},2025,sad,11,10\n"

    response = client.post(IMPORT_URL, {"file": upload(content)})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page and "2 rows of the file are not valid" in page
    assert "URN 999999 is not a school in the registry" in page
    assert "indicator &#x27;sad&#x27; is not a known indicator" in page
    assert "numerator 11 is more than denominator 10" in page
    assert SurveyResult.objects.get().numerator == 3


def test_upload_of_a_file_without_a_column_says_why(client, as_role, school):
    as_role(Role.ADMINISTRATOR)
    response = client.post(IMPORT_URL, {"file": upload("urn,year,numerator,denominator\n1,2025,1,10\n")})
    assert response.status_code == 400
    assert "The file has no &#x27;indicator&#x27; column" in response.content.decode()


def test_upload_must_be_a_csv_file(client, as_role):
    as_role(Role.TEAM_MANAGER)
    response = client.post(IMPORT_URL, {"file": upload("x", name="results.xlsx")})
    assert response.status_code == 200
    assert "The file must be a CSV file" in response.content.decode()


@pytest.mark.parametrize("role", NOT_IMPORTERS)
def test_other_roles_cannot_import(client, as_role, school, role):
    as_role(role)
    assert client.get(IMPORT_URL).status_code == 403
    response = client.post(IMPORT_URL, {"file": upload(f"{HEADER}\n{school.urn},2025,lonely,12,40\n")})
    assert response.status_code == 403
    assert not SurveyResult.objects.exists()


@pytest.mark.parametrize("role", IMPORTERS)
def test_menu_offers_the_upload_to_importers_only(client, as_role, role):
    as_role(role)
    assert IMPORT_URL in client.get(reverse(RESULTS_URL)).content.decode()


def test_menu_hides_the_upload_from_public_health(client, as_role):
    as_role(Role.PUBLIC_HEALTH)
    response = client.get(reverse(RESULTS_URL))
    assert response.status_code == 200
    assert IMPORT_URL not in response.content.decode()


def test_listing_suppresses_small_groups(client, as_role, school):
    as_role(Role.PUBLIC_HEALTH)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=7, denominator=9)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("poor_sleep"), numerator=30, denominator=120)

    page = client.get(reverse(RESULTS_URL)).content.decode()

    assert "Fewer than 10 pupils answered" in page
    assert "7 of 9" not in page and "78%" not in page
    assert "25%" in page and "30 of 120" in page


def test_export_leaves_suppressed_figures_blank(client, as_role, school):
    as_role(Role.TEAM_MANAGER)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=7, denominator=9)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("poor_sleep"), numerator=30, denominator=120)

    rows = csv_rows(client.get(reverse(RESULTS_URL), {"export": "csv"}))

    by_code = {row["Indicator code"]: row for row in rows}
    assert by_code["lonely"]["Numerator"] == by_code["lonely"]["Denominator"] == by_code["lonely"]["Percentage"] == ""
    assert by_code["lonely"]["Suppressed (fewer than 10 pupils)"] == "Yes"
    assert (by_code["poor_sleep"]["Numerator"], by_code["poor_sleep"]["Denominator"]) == ("30", "120")
    assert by_code["poor_sleep"]["Percentage"] == "25.0"
    assert by_code["poor_sleep"]["URN"] == str(school.urn) and by_code["poor_sleep"]["Survey"] == "2025/26"


def test_xlsx_export_leaves_suppressed_figures_blank(client, as_role, school):
    as_role(Role.TEAM_MANAGER)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=7, denominator=9)

    response = client.get(reverse(RESULTS_URL), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)]
    values = dict(zip(header, row, strict=True))
    assert values["Numerator"] in (None, "") and values["Percentage"] in (None, "")
    assert values["Suppressed (fewer than 10 pupils)"] == "Yes"


def test_worker_lists_only_their_clusters_results(client, as_role, school, other_school):
    as_role(Role.WORKER)
    mine = SurveyResultFactory(school=school)
    SurveyResultFactory(school=other_school)
    assert list(client.get(reverse(RESULTS_URL)).context["object_list"]) == [mine]


def test_results_cannot_be_added_or_edited_in_the_admin(client, as_role, school):
    as_role(Role.TEAM_MANAGER)
    result = SurveyResultFactory(school=school)
    page = client.get(reverse(RESULTS_URL)).content.decode()
    assert "surveyresult/create" not in page
    assert client.get(f"/admin/surveys/surveyresult/edit/{result.pk}/").status_code in (302, 403)


def test_team_manager_rewords_an_indicator_but_not_its_code(client, as_role):
    as_role(Role.TEAM_MANAGER)
    lonely = indicator("lonely")
    url = reverse("surveys_indicator_modeladmin_edit", args=[lonely.pk])
    data = {
        "name": "Lonely often or always",
        "kind": lonely.kind,
        "description": lonely.description,
        "topics": [topic.pk for topic in lonely.topics.all()],
        "sort_order": lonely.sort_order,
        "code": "renamed",
    }
    assert client.post(url, data).status_code == 302
    lonely.refresh_from_db()
    assert (lonely.name, lonely.code) == ("Lonely often or always", "lonely")


def test_public_health_cannot_edit_an_indicator(client, as_role):
    as_role(Role.PUBLIC_HEALTH)
    lonely = indicator("lonely")
    response = client.post(reverse("surveys_indicator_modeladmin_edit", args=[lonely.pk]), {"name": "Changed"})
    assert response.status_code in (302, 403)
    assert Indicator.objects.get(pk=lonely.pk).name == "Often lonely"


def test_public_health_holds_only_read_permissions_on_the_survey():
    public_health = Group.objects.get(name=Role.PUBLIC_HEALTH)
    granted = public_health.permissions.filter(content_type__app_label="surveys")
    codenames = set(granted.values_list("codename", flat=True))
    assert codenames == {"view_surveyresult", "view_indicator", "view_surveyimport"}
