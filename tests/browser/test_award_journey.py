"""Issue 5's journey in a real browser: the lead uploads evidence to the school's library, attaches it to every
Bronze criterion and submits; the assigned worker and two steering-group members approve on the admin's review
page; the award is made and anyone can verify its certificate by its code.

Every portal page is checked with axe-core; the admin pages with `admin_axe` (see test_publishing_journey.py).
"""

import re

import pytest
from playwright.sync_api import expect

from awards.models import Award, AwardSubmission, CriteriaVersion, Stage
from home.demo_content import build_site
from schools.models import Membership
from tests.awards.factories import PDF_BYTES
from tests.browser.test_publishing_journey import admin_axe, new_page, sign_in_to_admin  # noqa: F401 (fixtures)
from tests.schools.factories import ClusterAssignmentFactory, MembershipFactory, SchoolFactory
from tests.users.factories import PASSWORD, UserFactory
from users.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARRATIVE = "Our Mental Health Lead completed the senior lead training in March; the log is attached."


def sign_in(tab, user):
    tab.goto("/account/sign-in/")
    tab.get_by_label("Email address").fill(user.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def review_and_approve(tab, school, admin_axe):  # noqa: F811
    """From the dashboard's queue to the review page, then approve."""
    tab.goto("/admin/")
    queue = tab.get_by_role("region", name="School submissions awaiting your review")
    link = queue.get_by_role("link", name=re.compile(rf"^Review {re.escape(school.name)}'s award"))
    expect(link).to_have_count(1)
    admin_axe(tab)
    link.click()
    expect(tab.get_by_role("heading", name="Your decision")).to_be_visible()
    expect(tab.get_by_role("main")).to_contain_text(NARRATIVE)
    expect(tab.get_by_role("main")).to_contain_text("training-log.pdf")
    admin_axe(tab)
    tab.get_by_role("radio", name="Approve").check()
    tab.get_by_label("Comment").fill("Approved: well evidenced.")
    tab.get_by_role("button", name="Record my decision").click()
    expect(tab.get_by_role("heading", name="Your decision")).to_have_count(0)
    expect(tab.get_by_role("main")).to_contain_text("Approved: well evidenced.")
    admin_axe(tab)


def test_lead_evidences_bronze_reviewers_approve_and_anyone_verifies_the_certificate(
    page, new_page, visit, axe_check, admin_axe  # noqa: F811
):
    build_site()
    school = SchoolFactory(name="Riverside Primary School")
    lead = MembershipFactory(
        school=school, role=Membership.Role.MENTAL_HEALTH_LEAD, user=UserFactory(first_name="Rae", last_name="Okafor")
    ).user
    worker = ClusterAssignmentFactory(cluster=school.cluster, worker=UserFactory(roles=[Role.WORKER])).worker
    steering = [UserFactory(roles=[Role.STEERING_GROUP]) for _ in range(2)]
    criteria = list(CriteriaVersion.objects.current().criteria_for(Stage.BRONZE))
    main = page.get_by_role("main")

    # The lead starts Bronze from the award page.
    sign_in(page, lead)
    visit(f"/portal/schools/{school.urn}/award/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mental health award")
    page.get_by_role("button", name="Start Bronze").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bronze")
    expect(main).to_contain_text(f"0 of {len(criteria)} criteria evidenced")
    axe_check(page)

    # A renamed executable is refused with an error summary; a real PDF goes into the library.
    page.get_by_role("link", name="Evidence library").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence library")
    axe_check(page)
    file_input = page.get_by_label("Upload a file")
    file_input.set_input_files({"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64})
    page.get_by_role("button", name="Upload file").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("is not a real PDF")
    axe_check(page)
    page.get_by_label("Upload a file").set_input_files(
        {"name": "training-log.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Upload file").click()
    expect(main.get_by_role("link", name="training-log.pdf")).to_be_visible()
    axe_check(page)

    # Evidence for every Bronze criterion: a narrative and the library's file.
    for criterion in criteria:
        page.goto(f"/portal/schools/{school.urn}/award/bronze/")
        main.get_by_role("link", name=criterion.title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(criterion.title)
        axe_check(page)
        page.get_by_label("What has the school done?").fill(NARRATIVE)
        page.get_by_role("checkbox", name="training-log.pdf").check()
        page.get_by_role("button", name="Save evidence").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bronze")
    expect(main).to_contain_text(f"{len(criteria)} of {len(criteria)} criteria evidenced")
    axe_check(page)

    page.get_by_role("button", name="Check and submit").or_(page.get_by_role("link", name="Check and submit")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your evidence before you submit it")
    axe_check(page)
    page.get_by_role("button", name="Submit for approval").click()
    expect(main).to_contain_text("Your evidence is being reviewed, so you cannot change it.")
    axe_check(page)

    # The worker, then two steering-group members, approve from their dashboard queues.
    reviewer = new_page()
    sign_in_to_admin(reviewer, worker, admin_axe)
    review_and_approve(reviewer, school, admin_axe)
    assert not AwardSubmission.objects.get(school=school).live
    for member in steering:
        tab = new_page()
        sign_in_to_admin(tab, member, admin_axe)
        review_and_approve(tab, school, admin_axe)
    award = Award.objects.get(school=school, stage=Stage.BRONZE)

    # The lead sees the award; the history names who decided.
    visit(f"/portal/schools/{school.urn}/award/")
    expect(main).to_contain_text("Awarded")
    visit(f"/portal/schools/{school.urn}/award/bronze/history/")
    for person in (worker, *steering):
        expect(main).to_contain_text(person.get_full_name())

    # Anyone can verify the certificate by its code.
    public = new_page()
    public.goto(f"/awards/verify/{award.code}/")
    expect(public.get_by_role("main")).to_contain_text("Valid")
    expect(public.get_by_role("main")).to_contain_text(school.name)
    axe_check(public)
