"""Issue 6's booking journey in a real browser: the lead finds a full session in "what's on" and joins its
waiting list; an Administrator cancels a confirmed place in the admin; the lead is promoted, emailed, and sees
the place in the portal. Every portal page visited is checked with axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from home.demo_content import build_site
from tests.browser.test_publishing_journey import new_page  # noqa: F401 (fixture)
from tests.schools.factories import LeadFactory, MembershipFactory, SchoolFactory
from tests.training.factories import BookingFactory, CourseIndexPageFactory, CoursePageFactory, TrainingSessionFactory
from tests.users.factories import PASSWORD, UserFactory
from training.models import Booking
from users.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(tab, user, path):
    tab.goto("/account/sign-in/")
    tab.get_by_label("Email address").fill(user.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).not_to_have_url(re.compile(r"/account/sign-in/"))
    tab.goto(path)


def test_lead_joins_the_waiting_list_and_is_promoted_when_a_place_is_cancelled(
    page, new_page, axe_check, mailoutbox  # noqa: F811
):
    catalogue = CourseIndexPageFactory(parent=build_site()["home"])
    course = CoursePageFactory(parent=catalogue, title="Youth Mental Health First Aid", lead_must_attend=True)
    session = TrainingSessionFactory(course=course, capacity=1)
    school = SchoolFactory(name="Wharfside Primary School")
    lead = LeadFactory(school=school, user__first_name="Leah", user__last_name="Mendel").user
    taken = BookingFactory(session=session, membership=MembershipFactory(school=SchoolFactory()))
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    main = page.get_by_role("main")

    sign_in(page, lead, "/whats-on/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What's on")
    expect(main).to_contain_text("Full — join the waiting list")
    axe_check(page)

    main.get_by_role("link", name=re.compile("^Join the waiting list")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth Mental Health First Aid")
    expect(main).to_contain_text("This session is full.")
    axe_check(page)
    page.get_by_label(re.compile("Leah Mendel")).check()
    main.get_by_role("button", name="Join the waiting list").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your training")
    expect(main).to_contain_text("Waiting list: number 1")
    axe_check(page)
    assert Booking.objects.get(person=lead).status == Booking.Status.WAITING
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["You are on the waiting list"]

    admin = new_page()
    admin.goto("/admin/login/")
    admin.get_by_label("Email address").fill(administrator.email)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    admin.goto(f"/admin/training_sessions/{session.pk}/bookings/")
    admin.get_by_role("link", name=re.compile(f"Cancel {re.escape(taken.person.get_full_name())}")).click()
    admin.get_by_role("button", name="Yes, cancel the booking").click()
    expect(admin.get_by_role("main")).to_contain_text("booking has been cancelled")

    page.reload()
    expect(main).to_contain_text("Place confirmed")
    expect(main).not_to_contain_text("Waiting list")
    axe_check(page)
    promotion = [m for m in mailoutbox if m.to == [lead.email]][-1]
    assert promotion.subject.startswith("A place is now yours: Youth Mental Health First Aid")
    assert promotion.attachments and promotion.attachments[0][0] == "training-session.ics"
    assert Booking.objects.get(person=lead).status == Booking.Status.CONFIRMED

    page.goto(f"/portal/training/schools/{school.urn}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training bookings")
    expect(main.get_by_role("table").first).to_contain_text("Booked")
    axe_check(page)
