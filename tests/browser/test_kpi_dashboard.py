"""Issue 6's dashboard journey in a real browser: a Public Health analyst signs in to the admin, opens the KPI
dashboard from the Reports menu, changes the year, the locality and the breakdown, downloads the figures as CSV
and Excel, and opens the evaluation, without ever being offered a way to change anything.

Every page is checked with `admin_axe` (Wagtail's own markup only warns) and with axe limited to the dashboard's
and evaluation's own markup, where there must be no violation at all.
"""

import csv
import re

from django.utils import timezone

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from bench.kpi_dashboard_bench import build
from reports.dashboard import KPIDashboardView
from reports.kpis import Scope
from schools.models import Locality
from sws_site.academic_years import academic_year_label, academic_year_of
from tests.browser.conftest import AXE_TAGS, format_violations
from tests.browser.test_publishing_journey import admin_axe, sign_in_to_admin  # noqa: F401 (fixtures)
from tests.users.factories import UserFactory
from users.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LEADS = "Schools with a designated Mental Health Lead"
TRAINED = "School staff who attended training"
CHANGE = re.compile(r"^(add|edit|delete|save|publish|create|new)\b", re.IGNORECASE)


@pytest.fixture
def our_axe(axe_source, admin_axe):  # noqa: F811
    """`our_axe(tab)`: `admin_axe`, then axe on our templates' markup alone (`.nice-padding`), which must pass."""

    def check(tab):
        admin_axe(tab)
        results = tab.evaluate(
            "(options) => window.axe.run({include: [['.nice-padding']]}, options)",
            {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        if results["violations"]:
            pytest.fail("In the reports templates: " + format_violations(tab.url, results["violations"]), pytrace=False)

    return check


def figures(scope, by="locality"):
    return {figure.indicator.label: figure for figure in KPIDashboardView.compute(scope, by)}


def heading(label, figure):
    return f"{label}: {figure.total}"


def assert_read_only(tab):
    """Nothing on the page adds, edits or deletes: no such links or buttons, anywhere."""
    changing = ", ".join(f"a[href*='/{action}/']" for action in ("add", "edit", "delete", "create"))
    expect(tab.locator(changing)).to_have_count(0)
    expect(tab.get_by_role("button", name=CHANGE)).to_have_count(0)
    expect(tab.get_by_role("link", name=CHANGE)).to_have_count(0)


def test_public_health_filters_exports_and_reads_the_evaluation(page, our_axe, admin_axe):  # noqa: F811
    build(schools=40, seed=2)
    this_year = academic_year_of(timezone.localdate())
    locality = Locality.objects.filter(clusters__schools__isnull=False).distinct().order_by("name").last()
    everyone, last_year = figures(Scope(this_year)), figures(Scope(this_year - 1))
    local = figures(Scope(this_year, locality=locality.pk), by="phase")
    # So that the page must really change with each filter:
    assert everyone[LEADS].total != local[LEADS].total and everyone[TRAINED].total != last_year[TRAINED].total
    analyst = UserFactory(roles=[Role.PUBLIC_HEALTH], first_name="Pat", last_name="Analyst")
    sign_in_to_admin(page, analyst, admin_axe)

    # From the Reports menu to the dashboard: this academic year, every school, by locality.
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="KPI dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KPI dashboard")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name=heading(LEADS, everyone[LEADS]), exact=True)).to_be_visible()
    expect(main.get_by_role("table", name=f"{TRAINED} by locality")).to_be_visible()
    expect(page.get_by_label("Academic year")).to_have_value(str(this_year))
    our_axe(page)
    assert_read_only(page)

    # Last year, with the keyboard: the figures change with it.
    page.get_by_label("Academic year").select_option(label=academic_year_label(this_year - 1))
    page.get_by_role("button", name="Show figures").press("Enter")
    expect(page).to_have_url(re.compile(rf"year={this_year - 1}"))
    expect(main.get_by_role("heading", name=heading(TRAINED, last_year[TRAINED]), exact=True)).to_be_visible()
    our_axe(page)

    # This year again, one locality, broken down by phase.
    page.get_by_label("Academic year").select_option(str(this_year))
    page.get_by_label("Locality").select_option(label=locality.name)
    page.get_by_label("Break figures down by").select_option(label="Phase")
    page.get_by_role("button", name="Show figures").press("Enter")
    expect(page).to_have_url(re.compile(rf"locality={locality.pk}"))
    expect(main.get_by_role("heading", name=heading(LEADS, local[LEADS]), exact=True)).to_be_visible()
    leads_by_phase = main.get_by_role("table", name=f"{LEADS} by phase")
    for phase, value in local[LEADS].groups:
        expect(leads_by_phase.get_by_role("row", name=f"{phase} {value}", exact=True)).to_be_visible()
    expect(page.get_by_label("Locality")).to_have_value(str(locality.pk))
    our_axe(page)
    assert_read_only(page)

    # The CSV has the figures the page shows, for the same filters.
    with page.expect_download() as download:
        main.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == f"kpis-{academic_year_label(this_year).replace(' ', '-')}.csv"
    with open(download.value.path(), encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    leads = {row["Group"]: row["Value"] for row in rows if row["Indicator"] == LEADS}
    assert leads == {"All": str(local[LEADS].total), **{f"Phase: {g}": str(v) for g, v in local[LEADS].groups}}

    # So has the Excel file.
    with page.expect_download() as download:
        main.get_by_role("link", name="Download Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as stream:
        sheet = load_workbook(stream).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0][:4] == ["Outcome", "Indicator", "Group", "Value"]
    assert [row[1:4] for row in cells[1:]] == [[row["Indicator"], row["Group"], _number(row["Value"])] for row in rows]

    # The evaluation, from the same menu, for the same kind of filters.
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Evaluation: baseline and end of pilot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation: baseline and end of pilot")
    matched = main.get_by_role("table", name="Baseline and end-of-pilot scores, schools that completed both")
    expect(matched.get_by_role("row")).to_have_count(9)  # a header and the 8 principles
    our_axe(page)
    assert_read_only(page)
    page.get_by_label("Phase").select_option("Secondary")
    page.get_by_role("button", name="Show scores").press("Enter")
    expect(page).to_have_url(re.compile(r"phase=Secondary"))
    expect(matched).to_be_visible()
    our_axe(page)
    assert_read_only(page)


def _number(value):
    return int(value) if value.isdigit() else (value or None)
