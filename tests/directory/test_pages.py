"""The THRIVE and Alternative Provision pages: where they may live, how they render, what they validate."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from directory.models import (
    AlternativeProvisionIndexPage,
    OfstedStatus,
    ProviderPage,
    ServiceContact,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    ThrivePortalPage,
    add_years,
)
from home.models import StandardPage
from schools.models import Locality
from taxonomy.models import KeyStage, ThriveGrouping, Topic
from tests.directory.factories import OrganisationFactory, ProviderPageFactory, ServicePageFactory
from tests.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def grouping(slug):
    return ThriveGrouping.objects.get(slug=slug)


def h1_count(content):
    return len(re.findall(r"<h1[ >]", content))


# --- Page-type rules -----------------------------------------------------------------------------------


def test_portals_live_only_under_the_home_page_once_each(home, portal, ap_index):
    about = StandardPage.objects.get(slug="about")
    assert not ThrivePortalPage.can_create_at(home)  # max_count=1 and one exists
    assert not AlternativeProvisionIndexPage.can_create_at(home)
    assert ThrivePortalPage.max_count == 1 and AlternativeProvisionIndexPage.max_count == 1
    assert ThrivePortalPage.allowed_parent_page_models() == [home.specific_class]
    assert not ThrivePortalPage.can_exist_under(about)
    assert not AlternativeProvisionIndexPage.can_exist_under(about)
    assert not ThrivePortalPage.can_exist_under(Page.get_first_root_node())


def test_an_index_page_can_be_created_when_there_is_none(home):
    assert ThrivePortalPage.can_create_at(home)
    assert AlternativeProvisionIndexPage.can_create_at(home)


def test_detail_pages_live_only_under_their_index(home, portal, ap_index):
    service = ServicePageFactory(parent=portal)
    assert ServicePage.can_create_at(portal)
    assert not ServicePage.can_create_at(home)
    assert not ServicePage.can_create_at(ap_index)
    assert ProviderPage.can_create_at(ap_index)
    assert not ProviderPage.can_create_at(portal)
    assert not ProviderPage.can_create_at(home)
    assert ServicePage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(service)
    assert [model.__name__ for model in ThrivePortalPage.allowed_subpage_models()] == ["ServicePage"]
    assert [model.__name__ for model in AlternativeProvisionIndexPage.allowed_subpage_models()] == ["ProviderPage"]


# --- The THRIVE portal landing page ----------------------------------------------------------------------


def test_landing_page_explains_five_groupings_in_order_with_service_counts(client, portal):
    ServicePageFactory.create_batch(2, parent=portal, thrive_groupings=[grouping("getting-help")])
    ServicePageFactory(parent=portal, thrive_groupings=[grouping("thriving"), grouping("getting-help")])
    ServicePageFactory(parent=portal, thrive_groupings=[grouping("getting-risk-support")], live=False)

    response = client.get(portal.url)
    content = response.content.decode()

    assert response.status_code == 200
    names = [g.name for g in ThriveGrouping.objects.order_by("sort_order")]
    assert len(names) == 5
    positions = [content.index(f">{name}</h3>") for name in names]
    assert positions == sorted(positions)
    for g in ThriveGrouping.objects.all():
        assert g.short_description in content
    services_url = portal.url + "services/"
    assert f'href="{services_url}?grouping=getting-help">See the 3 services for Getting Help</a>' in content
    assert f'href="{services_url}?grouping=thriving">See the 1 service for Thriving</a>' in content
    # The draft risk-support service is not counted.
    assert "No services are listed for Getting Risk Support yet." in content
    assert "3 services listed." in content


def test_landing_page_has_one_h1_breadcrumbs_meta_description_and_open_data_links(client, portal):
    content = client.get(portal.url).content.decode()
    assert h1_count(content) == 1
    assert 'aria-label="Breadcrumb"' in content
    assert f'<meta name="description" content="{portal.summary}'.replace("'", "&#x27;") in content
    assert 'id="open-data-heading">Open data</h2>' in content
    assert f'href="{reverse("open-referral:openapi-view")}"' in content
    assert f'href="{reverse("open-referral:openapi-json")}"' in content


def test_service_listing_route_renders_with_breadcrumbs_back_to_the_portal(client, portal):
    ServicePageFactory(parent=portal, title="Drop-in for worried teenagers")
    response = client.get(portal.url + "services/")
    content = response.content.decode()
    assert response.status_code == 200
    assert h1_count(content) == 1
    assert ">Find a service</h1>" in content
    assert f'<a class="govuk-breadcrumbs__link" href="{portal.url}">{portal.title}</a>' in content
    assert '<meta name="description"' in content
    assert "Drop-in for worried teenagers" in content
    assert "1 service<" in content


def test_sitemap_lists_the_service_listing(client, portal):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{portal.full_url}services/" in sitemap


# --- Service pages ----------------------------------------------------------------------------------------


@pytest.fixture
def full_service(portal):
    west = Locality.objects.create(name="West")
    service = ServicePageFactory.build(
        title="Anxiety group for teenagers",
        summary="A six-week group for anxious teenagers.",
        organisation=OrganisationFactory(name="Tidewater Wellbeing Trust", url="https://tidewater.example.org/"),
        thrive_groupings=[grouping("getting-help"), grouping("getting-advice-and-signposting")],
        topics=[Topic.objects.get(slug="anxiety")],
        localities=[west],
        min_age=12,
        max_age=17,
        fees="Free",
        email="anxiety@example.org",
        phone="01632 960555",
        how_to_refer="<p>Call us or ask your school to refer.</p>",
        last_checked=datetime.date(2025, 3, 3),
        last_checked_by="Jo Bloggs, SWS team",
        locations=[
            ServiceLocation(
                name="Grays Family Hub",
                address_1="14 Cormorant Walk",
                town="Grays",
                postcode="RM17 6XA",
                accessibility="Step-free entrance.",
            )
        ],
        contacts=[ServiceContact(name="Leah Brannigan", title="Practitioner", email="leah@example.org")],
        schedules=[
            ServiceSchedule(weekday="WE", opens_at=datetime.time(16, 30), closes_at=datetime.time(18)),
            ServiceSchedule(weekday="appointment", description="At school"),
        ],
    )
    portal.add_child(instance=service)
    service.save_revision().publish()
    return service


def test_service_page_shows_structured_details_contacts_locations_and_times(client, full_service):
    response = client.get(full_service.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert h1_count(content) == 1
    assert 'aria-label="Breadcrumb"' in content
    assert '<meta name="description" content="A six-week group for anxious teenagers.">' in content
    assert 'class="govuk-summary-list"' in content
    for text in (
        "Getting Help",
        "Getting Advice and Signposting",
        "12 to 17",
        "West",
        "Anxiety",
        "Tidewater Wellbeing Trust",
        "Call us or ask your school to refer.",
        'href="mailto:anxiety@example.org"',
        "01632 960555",
        "Leah Brannigan",
        "14 Cormorant Walk",
        "Step-free entrance.",
        "Opening times",
        "Wednesday",
        "4:30pm",
        "By appointment",
        "Information last checked on 3 March 2025 by Jo Bloggs, SWS team.",
    ):
        assert text in content, text


def test_service_page_warns_when_details_are_over_a_year_old(client, portal):
    today = datetime.date.today()
    stale = ServicePageFactory(parent=portal, last_checked=add_years(today, -1) - datetime.timedelta(days=1))
    fresh = ServicePageFactory(parent=portal, last_checked=add_years(today, -1) + datetime.timedelta(days=1))
    assert stale.is_out_of_date and not fresh.is_out_of_date
    assert "govuk-warning-text" in client.get(stale.url).content.decode()
    assert "govuk-warning-text" not in client.get(fresh.url).content.decode()


def test_review_date_follows_last_checked(portal):
    service = ServicePageFactory(parent=portal, last_checked=datetime.date(2024, 2, 29))
    assert service.review_date == datetime.date(2025, 2, 28)
    # Re-checking moves the review on by a year; a later date chosen by an editor is kept.
    service.last_checked = datetime.date(2025, 3, 1)
    service.save()
    assert service.review_date == datetime.date(2026, 3, 1)
    service.review_date = datetime.date(2026, 9, 1)
    service.save()
    service.refresh_from_db()
    assert service.review_date == datetime.date(2026, 9, 1)


# --- Validation -------------------------------------------------------------------------------------------


def test_a_service_needs_a_thrive_grouping(portal):
    service = ServicePageFactory.build(thrive_groupings=[])
    with pytest.raises(ValidationError) as error:
        portal.add_child(instance=service)
    assert "thrive_groupings" in error.value.message_dict


def test_minimum_age_above_maximum_age_is_rejected(portal, ap_index):
    service = ServicePageFactory.build(min_age=16, max_age=11)
    with pytest.raises(ValidationError) as error:
        portal.add_child(instance=service)
    assert "max_age" in error.value.message_dict
    provider = ProviderPageFactory.build(min_age=16, max_age=11)
    with pytest.raises(ValidationError) as error:
        ap_index.add_child(instance=provider)
    assert "max_age" in error.value.message_dict
    ServicePageFactory(parent=portal, min_age=11, max_age=11)  # one age is a valid range


def test_schedule_closing_time_must_follow_opening_time():
    schedule = ServiceSchedule(weekday="MO", opens_at=datetime.time(17), closes_at=datetime.time(9))
    with pytest.raises(ValidationError) as error:
        schedule.clean()
    assert "closes_at" in error.value.message_dict


def _admin_service_form(portal, **overrides):
    data = {
        "title": "Admin-made service",
        "slug": "admin-made-service",
        "summary": "Made in the admin.",
        "organisation": str(OrganisationFactory().pk),
        "min_age": "11",
        "max_age": "18",
        "how_to_refer": rich_text("<p>Phone us.</p>"),
        "body": streamfield([]),
        "fees": "Free",
        "last_checked": "2025-01-10",
        "last_checked_by": "SWS team",
        "contacts": inline_formset([]),
        "locations": inline_formset([]),
        "schedules": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "Publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_form_rejects_a_service_without_a_grouping_and_accepts_one_with(client, portal):
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", portal.pk])

    response = client.post(url, _admin_service_form(portal))
    assert response.status_code == 200
    assert "Choose at least one THRIVE grouping." in response.content.decode()
    assert not ServicePage.objects.filter(slug="admin-made-service").exists()

    response = client.post(url, _admin_service_form(portal, min_age="18", max_age="11"))
    assert "The maximum age must be the same as or more than the minimum age." in response.content.decode()

    data = _admin_service_form(portal)
    data["thrive_groupings"] = [str(grouping("thriving").pk), str(grouping("getting-help").pk)]
    response = client.post(url, data)
    assert response.status_code == 302
    created = ServicePage.objects.get(slug="admin-made-service")
    assert created.live
    assert {g.slug for g in created.thrive_groupings.all()} == {"thriving", "getting-help"}
    assert created.review_date == datetime.date(2026, 1, 10)


# --- Alternative provision ---------------------------------------------------------------------------------


def test_alternative_provision_index_and_provider_pages_render(client, ap_index):
    provider = ProviderPageFactory(
        parent=ap_index,
        title="Riverbank Learning Centre",
        ofsted_status=OfstedStatus.REQUIRES_IMPROVEMENT,
        ofsted_report_url="https://reports.example.org/riverbank",
        registered=True,
        places=24,
        key_stages=[KeyStage.objects.get(slug="key-stage-3")],
        address="4 Ferryman's Row\nGrays",
        postcode="RM17 6XP",
        organisation=OrganisationFactory(name="Estuary Youth Trust"),
        offer=[{"type": "paragraph", "value": "<p>Small-group teaching.</p>"}],
    )
    index_content = client.get(ap_index.url).content.decode()
    assert h1_count(index_content) == 1
    assert "Riverbank Learning Centre" in index_content
    assert "Ofsted: Requires improvement" in index_content
    assert 'aria-label="Breadcrumb"' in index_content

    response = client.get(provider.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert h1_count(content) == 1
    assert 'aria-label="Breadcrumb"' in content
    assert '<meta name="description" content="What provider' in content
    for text in (
        "11 to 16",
        "Key stage 3",
        "24",
        "Registered independent school",
        "Requires improvement",
        'href="https://reports.example.org/riverbank"',
        "Estuary Youth Trust",
        "Small-group teaching.",
        "4 Ferryman&#x27;s Row<br>Grays<br>RM17 6XP",
        'href="mailto:provider@example.org"',
    ):
        assert text in content, text


def test_admin_editing_screens_and_snippets_work(client, portal, ap_index):
    client.force_login(UserFactory(is_superuser=True))
    service = ServicePageFactory(parent=portal)
    urls = [
        reverse("wagtailadmin_pages:add", args=["directory", "servicepage", portal.pk]),
        reverse("wagtailadmin_pages:add", args=["directory", "providerpage", ap_index.pk]),
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        reverse("wagtailadmin_pages:edit", args=[portal.pk]),
        reverse("wagtailsnippets_directory_organisation:list"),
        reverse("wagtailsnippets_directory_organisation:add"),
        reverse("wagtailsnippets_directory_referralroute:list"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    content = client.get(urls[0]).content.decode()
    for label in ("THRIVE groupings", "Who can refer", "Named contact", "Location", "Opening time", "Last checked"):
        assert label in content, label
