"""A school's Mental Health Lead reads the school's Brighter Futures Survey profile, in a browser.

The page is checked with axe-core (see conftest.py), with a suppressed figure and a previous year on it.
"""

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from home.demo_content import build_site
from tests.schools.factories import LeadFactory, SchoolFactory
from tests.surveys.factories import SurveyResultFactory, borough, indicator
from tests.users.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_lead_reads_the_risk_factor_profile(page, visit, axe_check):
    build_site()
    school = SchoolFactory(name="Brook Lane Primary School")
    lead = LeadFactory(school=school).user
    others = borough(2025, "bullied_recently", [10, 12, 14, 16, 18])
    for other in others:
        SurveyResultFactory(school=other, year=2025, indicator=indicator("trusted_adult"), numerator=80)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("bullied_recently"), numerator=30)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("trusted_adult"), numerator=6, denominator=8)
    SurveyResultFactory(school=school, year=2024, indicator=indicator("bullied_recently"), numerator=22)
    main = page.get_by_role("main")

    visit(reverse("users:login"))
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(school.name)

    visit(reverse("portal:surveys:profile", args=[school.urn]))

    expect(page.get_by_role("heading", level=1)).to_have_text("Brighter Futures Survey")
    expect(main).to_contain_text("2025/26 survey")
    risks = main.get_by_role("table", name="Risk factors: percentage of pupils, 2025/26")
    bullied = risks.get_by_role("row", name="Bullied recently")
    expect(bullied).to_contain_text("30%")
    expect(bullied).to_contain_text("17%")  # 100 of 600 pupils, this school included
    expect(bullied).to_contain_text("13 points above the borough average")
    expect(bullied).to_contain_text("22%")
    protective = main.get_by_role("table", name="Protective factors: percentage of pupils, 2025/26")
    expect(protective.get_by_role("row", name="Has a trusted adult at school")).to_contain_text(
        "Fewer than 10 pupils answered"
    )
    expect(main.get_by_role("heading", name="Where your school is furthest above the borough")).to_be_visible()
    expect(page.locator("svg.sws-survey-chart")).to_have_count(2)

    main.get_by_text("How we protect pupils' privacy").click()
    expect(main).to_contain_text("We do not show a borough average of fewer than 5 schools")
    axe_check(page)
