"""The school's risk-factor profile in the portal: who sees it, what it shows, suppression, query count."""

import re
from urllib.parse import urlparse

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tests.schools.factories import ClusterAssignmentFactory, SchoolFactory
from tests.surveys.factories import SurveyResultFactory, borough, indicator
from users.roles import Role

pytestmark = pytest.mark.django_db


def url(school):
    return reverse("portal:surveys:profile", args=[school.urn])


@pytest.fixture
def results(school):
    """The school above the borough on loneliness, suppressed on feeling safe, with a year before."""
    others = borough(2025, "lonely", [10, 10, 10, 10, 10])
    for other in others:
        SurveyResultFactory(school=other, year=2025, indicator=indicator("feels_safe_school"), numerator=80)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=31, denominator=100)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("feels_safe_school"), numerator=7, denominator=9)
    SurveyResultFactory(school=school, year=2024, indicator=indicator("lonely"), numerator=21, denominator=100)
    return others


def text(response):
    """The page's text without tags or extra spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_url_is_under_the_schools_portal_pages(school):
    assert url(school) == f"/portal/schools/{school.urn}/brighter-futures/"


def test_lead_sees_the_profile_against_the_borough(client, school, lead, results):
    client.force_login(lead)

    response = client.get(url(school))

    assert response.status_code == 200
    page = text(response)
    assert "2025/26 survey" in page
    assert "Often lonely" in page and "31%" in page and "31 of 100 pupils" in page
    # The borough: 5 other schools at 10%, and this one at 31%, pooled: 81 of 600 pupils.
    assert "14%" in page
    assert "18 points above the borough average" in page
    assert "Your school in 2024/25" in page and "21%" in page and "Up 10 points since then" in page
    assert "Where your school is furthest above the borough" in page
    assert response.context["profile"].year == 2025


def test_suppressed_figures_are_never_shown(client, school, lead, results):
    client.force_login(lead)

    response = client.get(url(school))

    page = text(response)
    assert "Fewer than 10 pupils answered" in page
    assert "7 of 9" not in page
    assert "78%" not in page  # 7 of 9
    # The borough's feeling-safe average leaves the suppressed school out: 5 schools at 80%.
    safe = next(row for row in response.context["profile"].protective_rows)
    assert safe.borough.schools == 5 and safe.borough.display == "80%"
    assert safe.school.suppressed and safe.difference is None


def test_borough_average_of_fewer_than_five_schools_is_not_shown(client, school, lead):
    borough(2025, "lonely", [10, 10, 10])
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=31, denominator=100)
    client.force_login(lead)

    page = text(client.get(url(school)))

    assert "Not shown: fewer than 5 schools" in page
    assert "Where your school is furthest above the borough" not in page


def test_a_school_without_results_is_told_so(client, school, lead):
    client.force_login(lead)
    response = client.get(url(school))
    assert response.status_code == 200
    assert "We do not have any survey results" in text(response)


@pytest.mark.parametrize("who", ["staff_member", "worker"])
def test_school_staff_and_the_clusters_worker_see_it(client, school, results, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(school)).status_code == 200


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.STEERING_GROUP, Role.PUBLIC_HEALTH])
def test_the_service_sees_any_school(client, school, role_user, role):
    client.force_login(role_user(role))
    assert client.get(url(school)).status_code == 200


def test_another_schools_lead_gets_not_found(client, school, other_lead, results):
    client.force_login(other_lead)
    assert client.get(url(school)).status_code == 404


def test_another_clusters_worker_gets_not_found(client, school, other_worker, results):
    client.force_login(other_worker)
    assert client.get(url(school)).status_code == 404


def test_an_unknown_school_is_not_found(client, lead):
    client.force_login(lead)
    assert client.get(reverse("portal:surveys:profile", args=[123])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, school):
    response = client.get(url(school))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("users:login")


def _queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_schools_indicators_or_years(client, school, lead, results):
    client.force_login(lead)
    small = _queries(client, url(school))
    codes = ["low_wellbeing", "anxious_often", "bullied_recently", "poor_sleep", "trusted_adult", "active_daily"]
    for other in [*results, *SchoolFactory.create_batch(10)]:
        for code in codes:
            SurveyResultFactory(school=other, year=2025, indicator=indicator(code), numerator=15, denominator=60)
    for year in (2022, 2023, 2024, 2025):
        for code in codes:
            SurveyResultFactory(school=school, year=year, indicator=indicator(code), numerator=20, denominator=50)
    ClusterAssignmentFactory.create_batch(3, cluster=school.cluster)

    assert _queries(client, url(school)) == small
    assert len(client.get(url(school)).context["profile"].rows) == 8
