"""The Open Referral UK API: the standard's shape, published services only, filters, errors, query counts."""

import datetime
import json
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from directory.api import TAXONOMIES, derived_id
from directory.models import ReferralRoute, ServiceContact, ServiceLocation, ServicePage, ServiceSchedule
from schools.models import Locality
from taxonomy.models import ThriveGrouping, Topic
from tests.directory.factories import OrganisationFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

API = "/api/open-referral"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}
SERVICE_KEYS = {
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "last_modified",
    "organization",
}
DETAIL_KEYS = SERVICE_KEYS | {
    "phones",
    "schedules",
    "service_areas",
    "service_at_locations",
    "contacts",
    "taxonomy_terms",
    "attributes",
}


def grouping(slug):
    return ThriveGrouping.objects.get(slug=slug)


def term_id(vocabulary, slug):
    return str(derived_id(vocabulary, slug))


def get(client, path, **params):
    response = client.get(API + path, params)
    return response, response.json()


@pytest.fixture
def service(portal):
    page = ServicePageFactory.build(
        title="Anxiety group for teenagers",
        summary="A six-week group for anxious teenagers.",
        organisation=OrganisationFactory(name="Tidewater Wellbeing Trust", email="info@example.org"),
        thrive_groupings=[grouping("getting-help")],
        topics=[Topic.objects.get(slug="anxiety")],
        referral_routes=[ReferralRoute.objects.get(slug="self")],
        localities=[Locality.objects.create(name="West")],
        min_age=12,
        max_age=17,
        phone="01632 960555",
        how_to_refer="<p>Phone us &amp; we will call back.</p>",
        last_checked=datetime.date(2025, 3, 3),
        locations=[
            ServiceLocation(
                name="Grays Family Hub",
                address_1="14 Cormorant Walk",
                town="Grays",
                postcode="RM17 6XA",
                latitude="51.476200",
                longitude="0.323900",
                accessibility="Step-free entrance.",
            )
        ],
        contacts=[ServiceContact(name="Leah Brannigan", title="Practitioner", phone="01632 960556")],
        schedules=[ServiceSchedule(weekday="WE", opens_at=datetime.time(16, 30), closes_at=datetime.time(18))],
    )
    portal.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def hidden(portal):
    """A draft that was never published and a service that was published then unpublished."""
    draft = ServicePageFactory(parent=portal, title="Draft service", live=False)
    withdrawn = ServicePageFactory(parent=portal, title="Withdrawn service")
    withdrawn.save_revision().publish()
    withdrawn.unpublish()
    return [draft, withdrawn]


def test_api_root_points_to_the_openapi_description(client):
    response, data = get(client, "/")
    assert response.status_code == 200
    assert data["version"] == "3.0"
    assert data["openapi_url"] == "http://testserver/api/open-referral/openapi.json"


def test_service_list_has_the_standard_page_wrapper_and_one_to_one_fields(client, service):
    response, data = get(client, "/services")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert set(data) == PAGE_KEYS
    assert data["total_items"] == 1 and data["total_pages"] == 1 and data["page_number"] == 1
    assert data["size"] == 1 and data["first_page"] and data["last_page"] and not data["empty"]
    item = data["contents"][0]
    assert set(item) >= SERVICE_KEYS
    assert item["id"] == str(service.uuid)
    assert item["name"] == "Anxiety group for teenagers"
    assert item["status"] == "active"
    assert item["minimum_age"] == 12 and item["maximum_age"] == 17
    assert item["assured_date"] == "2025-03-03"
    assert item["organization"]["name"] == "Tidewater Wellbeing Trust"
    assert item["organization_id"] == item["organization"]["id"]
    assert item["url"] == service.full_url
    assert item["last_modified"]  # set on publishing
    assert "service_at_locations" not in item  # the list carries one-to-one fields only


def test_service_detail_is_fully_nested(client, service):
    response, data = get(client, f"/services/{service.uuid}")
    assert response.status_code == 200
    assert set(data) >= DETAIL_KEYS
    assert data["application_process"] == "Phone us & we will call back."
    assert data["eligibility_description"] == "Ages 12 to 17"
    assert data["phones"][0]["number"] == "01632 960555"

    (at_location,) = data["service_at_locations"]
    location = service.locations.get()
    assert at_location["id"] == str(location.service_at_location_uuid)
    assert at_location["service_id"] == str(service.uuid)
    assert at_location["location_id"] == str(location.uuid) == at_location["location"]["id"]
    address = at_location["location"]["addresses"][0]
    assert (address["address_1"], address["city"], address["postal_code"]) == ("14 Cormorant Walk", "Grays", "RM17 6XA")
    assert at_location["location"]["latitude"] == pytest.approx(51.4762)
    assert at_location["location"]["accessibility"][0]["description"] == "Step-free entrance."

    (contact,) = data["contacts"]
    assert contact["id"] == str(service.contacts.get().uuid)
    assert contact["name"] == "Leah Brannigan" and contact["title"] == "Practitioner"
    assert contact["phones"][0]["number"] == "01632 960556"

    (schedule,) = data["schedules"]
    assert schedule["id"] == str(service.schedules.get().uuid)
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "WEEKLY",
        "WE",
        "16:30:00",
        "18:00:00",
    )

    assert [area["name"] for area in data["service_areas"]] == ["West"]
    terms = {(term["taxonomy"], term["name"]) for term in data["taxonomy_terms"]}
    assert terms == {("thrive", "Getting Help"), ("topics", "Anxiety"), ("referral-routes", "Self-referral")}
    thrive = next(term for term in data["taxonomy_terms"] if term["taxonomy"] == "thrive")
    assert thrive["id"] == term_id("thrive", "getting-help")
    assert thrive["taxonomy_detail"]["name"] == "THRIVE framework"
    assert {attribute["taxonomy_term_id"] for attribute in data["attributes"]} == {
        term["id"] for term in data["taxonomy_terms"]
    }
    assert all(attribute["link_id"] == str(service.uuid) for attribute in data["attributes"])


def test_identifiers_are_stable_across_edits(client, service):
    first = get(client, f"/services/{service.uuid}")[1]
    service = ServicePage.objects.get(pk=service.pk)
    service.title = "Renamed group"
    service.save_revision().publish()
    second = get(client, f"/services/{service.uuid}")[1]
    assert second["name"] == "Renamed group"
    assert second["id"] == first["id"]
    assert second["service_at_locations"][0]["id"] == first["service_at_locations"][0]["id"]
    assert second["contacts"][0]["id"] == first["contacts"][0]["id"]
    assert second["taxonomy_terms"] == first["taxonomy_terms"]


def test_draft_and_unpublished_services_are_invisible(client, service, hidden):
    _response, data = get(client, "/services")
    assert [item["name"] for item in data["contents"]] == ["Anxiety group for teenagers"]
    for page in hidden:
        response, body = get(client, f"/services/{page.uuid}")
        assert response.status_code == 404
        assert body["detail"] == "No published service has that id."
    organisation_ids = {item["id"] for item in get(client, "/organizations")[1]["contents"]}
    assert organisation_ids == {str(service.organisation.uuid)}
    assert get(client, f"/organizations/{hidden[0].organisation.uuid}")[0].status_code == 404


def test_service_that_is_live_but_has_a_draft_change_shows_the_live_version(client, service):
    service.title = "Unapproved new title"
    service.save_revision()  # a draft, not published
    _response, data = get(client, f"/services/{service.uuid}")
    assert data["name"] == "Anxiety group for teenagers"


def test_pagination_follows_the_standard(client, portal):
    for number in range(5):
        ServicePageFactory(parent=portal, title=f"Service {number}")
    _response, page2 = get(client, "/services", page=2, per_page=2)
    assert page2["total_items"] == 5 and page2["total_pages"] == 3 and page2["page_number"] == 2
    assert page2["size"] == 2 and not page2["first_page"] and not page2["last_page"] and not page2["empty"]
    assert [item["name"] for item in page2["contents"]] == ["Service 2", "Service 3"]
    _response, last = get(client, "/services", page=3, per_page=2)
    assert last["size"] == 1 and last["last_page"]
    _response, beyond = get(client, "/services", page=9, per_page=2)
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == 5
    _response, maximum = get(client, "/services", per_page=100)
    assert maximum["size"] == 5


def test_filters(client, portal, service):
    other_org = OrganisationFactory(name="Harbour Bereavement Care")
    bereavement = ServicePageFactory(
        parent=portal,
        title="Child bereavement support",
        summary="Support after a death.",
        organisation=other_org,
        thrive_groupings=[grouping("getting-advice-and-signposting")],
    )
    old = timezone.now() - datetime.timedelta(days=30)
    ServicePage.objects.filter(pk=bereavement.pk).update(last_published_at=old, latest_revision_created_at=old)

    def names(**params):
        return [item["name"] for item in get(client, "/services", **params)[1]["contents"]]

    assert names(taxonomy_term_id=term_id("thrive", "getting-help")) == ["Anxiety group for teenagers"]
    assert names(taxonomy_term_id=term_id("thrive", "getting-advice-and-signposting")) == ["Child bereavement support"]
    assert names(taxonomy_term_id=term_id("topics", "anxiety")) == ["Anxiety group for teenagers"]
    assert names(taxonomy_term_id=str(uuid.uuid4())) == []
    assert names(text="bereavement") == ["Child bereavement support"]
    assert names(text="ANXIOUS") == ["Anxiety group for teenagers"]  # description, any case
    assert names(search="death") == ["Child bereavement support"]
    assert names(organization_id=str(other_org.uuid)) == ["Child bereavement support"]
    topics_taxonomy = next(taxonomy for taxonomy in TAXONOMIES if taxonomy.vocabulary == "topics")
    assert names(taxonomy_id=str(topics_taxonomy.id)) == ["Anxiety group for teenagers"]
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert names(modified_after=yesterday) == ["Anxiety group for teenagers"]
    assert names(modified_after=(old - datetime.timedelta(hours=1)).isoformat()) == [
        "Anxiety group for teenagers",
        "Child bereavement support",
    ]
    assert names(text="group", taxonomy_term_id=term_id("thrive", "getting-advice-and-signposting")) == []


@pytest.mark.parametrize(
    ("path", "params", "parameter", "message"),
    [
        ("/services", {"page": 0}, "page", "page must be 1 or more"),
        ("/services", {"per_page": 1000}, "per_page", "per_page must be 100 or less"),
        ("/services", {"per_page": 0}, "per_page", "per_page must be 1 or more"),
        ("/services", {"page": "two"}, "page", "page must be a whole number"),
        ("/services", {"taxonomy_term_id": "anxiety"}, "taxonomy_term_id", "taxonomy_term_id must be a UUID"),
        ("/services", {"modified_after": "last tuesday"}, "modified_after", "modified_after must be a date"),
        ("/services/not-a-uuid", {}, "id", "id must be a UUID"),
        ("/organizations", {"per_page": 101}, "per_page", "per_page must be 100 or less"),
        ("/locations/123", {}, "id", "id must be a UUID"),
        ("/taxonomy_terms", {"taxonomy_id": "thrive"}, "taxonomy_id", "taxonomy_id must be a UUID"),
    ],
)
def test_bad_parameters_give_400_with_a_clear_message(client, path, params, parameter, message):
    response, data = get(client, path, **params)
    assert response.status_code == 400
    assert data["detail"].startswith("Invalid request: ")
    assert message in data["detail"]
    assert data["errors"][0]["parameter"] == parameter


def test_unknown_ids_give_404(client, service):
    for path in ("services", "organizations", "locations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        response, data = get(client, f"/{path}/{uuid.uuid4()}")
        assert response.status_code == 404, path
        assert data["detail"]


def test_organizations_locations_and_service_at_locations(client, service):
    _response, organisations = get(client, "/organizations")
    assert set(organisations) == PAGE_KEYS
    assert organisations["contents"][0]["name"] == "Tidewater Wellbeing Trust"
    _response, organisation = get(client, f"/organizations/{service.organisation.uuid}")
    assert [item["id"] for item in organisation["services"]] == [str(service.uuid)]

    location = service.locations.get()
    _response, locations = get(client, "/locations")
    assert [item["id"] for item in locations["contents"]] == [str(location.uuid)]
    _response, one = get(client, f"/locations/{location.uuid}")
    assert one["name"] == "Grays Family Hub" and one["addresses"][0]["country"] == "GB"

    _response, at_locations = get(client, "/service_at_locations")
    (item,) = at_locations["contents"]
    assert (item["service_id"], item["location_id"]) == (str(service.uuid), str(location.uuid))
    _response, detail = get(client, f"/service_at_locations/{location.service_at_location_uuid}")
    assert detail["service"]["name"] == "Anxiety group for teenagers"
    assert detail["location"]["name"] == "Grays Family Hub"


def test_locations_of_unpublished_services_are_hidden(client, portal):
    withdrawn = ServicePageFactory(
        parent=portal, locations=[ServiceLocation(name="Hidden", address_1="1 Street", town="Grays", postcode="RM17")]
    )
    location = withdrawn.locations.get()
    assert get(client, f"/locations/{location.uuid}")[0].status_code == 200
    withdrawn.unpublish()
    assert get(client, "/locations")[1]["total_items"] == 0
    assert get(client, f"/locations/{location.uuid}")[0].status_code == 404
    assert get(client, f"/service_at_locations/{location.service_at_location_uuid}")[0].status_code == 404


def test_thrive_is_a_taxonomy_whose_terms_are_the_five_groupings(client):
    _response, taxonomies = get(client, "/taxonomies")
    thrive = next(item for item in taxonomies["contents"] if item["vocabulary"] == "thrive")
    assert thrive["name"] == "THRIVE framework"
    assert {"id", "name", "description", "vocabulary"} <= set(thrive)
    assert {item["vocabulary"] for item in taxonomies["contents"]} == {"thrive", "topics", "referral-routes"}

    _response, detail = get(client, f"/taxonomies/{thrive['id']}")
    names = [term["name"] for term in detail["taxonomy_terms"]]
    assert names == [g.name for g in ThriveGrouping.objects.order_by("sort_order")]
    assert len(names) == 5

    _response, terms = get(client, "/taxonomy_terms", taxonomy_id=thrive["id"])
    assert terms["total_items"] == 5
    assert {term["taxonomy_id"] for term in terms["contents"]} == {thrive["id"]}
    _response, all_terms = get(client, "/taxonomy_terms", per_page=100)
    assert all_terms["total_items"] == 5 + Topic.objects.count() + ReferralRoute.objects.count()

    _response, term = get(client, f"/taxonomy_terms/{term_id('topics', 'self-harm')}")
    assert (term["name"], term["code"], term["taxonomy"]) == ("Self-harm", "self-harm", "topics")


def test_openapi_document_is_valid_json_with_every_path(client):
    response = client.get(API + "/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in (
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/locations",
        "/locations/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    ):
        assert API + path in paths, path
    parameters = {p["name"] for p in schema["paths"][API + "/services"]["get"]["parameters"]}
    assert {"page", "per_page", "text", "taxonomy_term_id", "modified_after"} <= parameters
    assert "400" in schema["paths"][API + "/services"]["get"]["responses"]


def test_documentation_page_is_a_site_page_listing_the_endpoints(client, portal):
    response = client.get(API + "/docs/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert 'aria-label="Breadcrumb"' in content
    assert '<meta name="description"' in content
    assert f"<code>GET {API}/services/{{id}}</code>" in content
    assert "per_page" in content
    assert "cdn" not in content.lower()  # no third-party scripts


def _add_services(portal, count):
    locality = Locality.objects.get_or_create(name="West")[0]
    for number in range(count):
        ServicePageFactory(
            parent=portal,
            thrive_groupings=[grouping("getting-help"), grouping("thriving")],
            topics=[Topic.objects.get(slug="anxiety")],
            localities=[locality],
            locations=[ServiceLocation(name=f"Place {number}", address_1="1 Street", town="Grays", postcode="RM17")],
        )


@pytest.mark.parametrize(
    "path",
    [
        "/services?per_page=100",
        "/services?per_page=100&taxonomy_term_id=" + str(derived_id("thrive", "getting-help")) + "&text=service",
        "/organizations?per_page=100",
        "/locations?per_page=100",
        "/service_at_locations?per_page=100",
        "/taxonomy_terms?per_page=100",
    ],
)
def test_list_endpoints_use_a_constant_number_of_queries(client, portal, django_assert_num_queries, path):
    _add_services(portal, 10)
    client.get(API + path)
    with CaptureQueriesContext(connection) as ten:
        client.get(API + path)
    _add_services(portal, 190)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(API + path)
    assert response.status_code == 200
    assert response.json()["total_items"] >= (200 if "/taxonomy_terms" not in path else 5)
