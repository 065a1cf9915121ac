"""The THRIVE portal as open data: a read-only API in the shape of the Open Referral UK profile of HSDS 3.

Endpoints follow the profile's paths (/services, /services/{id}, /organizations, /locations,
/service_at_locations, /taxonomies, /taxonomy_terms); lists are paginated with `page` and `per_page` and
wrapped as the standard does ({"total_items", "total_pages", "page_number", "size", "first_page",
"last_page", "empty", "contents"}). Only live, public service pages are published: a draft or
unpublished service is invisible in every list and its id gives 404.

Identifiers are stable UUIDs: stored on services, organisations, locations, contacts and schedules;
derived (uuid5) for things without their own row, such as taxonomy terms (from vocabulary and slug),
phones and addresses. Query counts do not depend on the number of services.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from uuid import UUID, uuid5

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import DocsBase

from taxonomy.models import ThriveGrouping, Topic

from .models import Organisation, ReferralRoute, ServiceLocation, ServicePage, ThrivePortalPage

# Fixed so that derived identifiers never change between deployments.
ID_NAMESPACE = UUID("6f0f6c1e-2d0b-5b8a-9c55-3f3c2f8e0a11")
HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50


def derived_id(*parts):
    """A deterministic UUID for something that has no stored identifier of its own."""
    return uuid5(ID_NAMESPACE, ":".join(str(part) for part in parts))


# --- Taxonomies --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxonomyDefinition:
    vocabulary: str
    name: str
    description: str
    model: type
    service_field: str

    @property
    def id(self):
        return derived_id("taxonomy", self.vocabulary)

    def term_id(self, term):
        return derived_id(self.vocabulary, term.slug)


TAXONOMIES = [
    TaxonomyDefinition(
        "thrive",
        "THRIVE framework",
        "The five needs-based groupings of the THRIVE framework for system change: Thriving, Getting Advice and "
        "Signposting, Getting Help, Getting More Help and Getting Risk Support.",
        ThriveGrouping,
        "thrive_groupings",
    ),
    TaxonomyDefinition(
        "topics",
        "Topics",
        "What a service helps with: protective and risk factors for mental health and other themes.",
        Topic,
        "topics",
    ),
    TaxonomyDefinition(
        "referral-routes",
        "Referral routes",
        "Who may refer a child or young person to the service.",
        ReferralRoute,
        "referral_routes",
    ),
]
TAXONOMIES_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}


def taxonomy_data(taxonomy):
    return {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": None,
        "version": None,
        "vocabulary": taxonomy.vocabulary,
    }


def term_data(taxonomy, term):
    return {
        "id": taxonomy.term_id(term),
        "code": term.slug,
        "name": term.name,
        "term": term.name,
        "description": term.description,
        "parent_id": None,
        "taxonomy": taxonomy.vocabulary,
        "taxonomy_id": taxonomy.id,
        "taxonomy_detail": taxonomy_data(taxonomy),
        "language": "en",
        "term_uri": None,
    }


def all_terms(taxonomies=TAXONOMIES):
    """(taxonomy, term) for every term: one query per taxonomy."""
    return [(taxonomy, term) for taxonomy in taxonomies for term in taxonomy.model.objects.all()]


def find_term(term_id):
    for taxonomy, term in all_terms():
        if taxonomy.term_id(term) == term_id:
            return taxonomy, term
    return None, None


# --- Schemas (they document the API in the OpenAPI description and check every response) ------------


class PageInfo(Schema):
    total_items: int = Field(description="The number of items matching the request, on all pages.")
    total_pages: int
    page_number: int
    size: int = Field(description="The number of items on this page.")
    first_page: bool
    last_page: bool
    empty: bool = Field(description="Whether this page has no items.")


class Taxonomy(Schema):
    id: UUID
    name: str
    description: str
    uri: str | None = None
    version: str | None = None
    vocabulary: str


class TaxonomyTerm(Schema):
    id: UUID
    code: str
    name: str
    term: str
    description: str
    parent_id: UUID | None = None
    taxonomy: str
    taxonomy_id: UUID
    taxonomy_detail: Taxonomy
    language: str | None = None
    term_uri: str | None = None


class TaxonomyWithTerms(Taxonomy):
    taxonomy_terms: list[TaxonomyTerm]


class Attribute(Schema):
    id: UUID
    link_id: UUID
    link_type: str
    link_entity: str
    taxonomy_term_id: UUID
    taxonomy_term: TaxonomyTerm


class Phone(Schema):
    id: UUID
    service_id: UUID | None = None
    organization_id: UUID | None = None
    contact_id: UUID | None = None
    number: str
    type: str = "voice"
    description: str | None = None


class Contact(Schema):
    id: UUID
    service_id: UUID
    name: str
    title: str | None = None
    email: str | None = None
    phones: list[Phone]


class Schedule(Schema):
    id: UUID
    service_id: UUID
    freq: str | None = Field(None, description="WEEKLY for a regular day; empty when by appointment.")
    interval: int | None = None
    byday: str | None = Field(None, description="iCalendar day code, e.g. MO.")
    opens_at: str | None = None
    closes_at: str | None = None
    description: str
    attending_type: str | None = None


class Address(Schema):
    id: UUID
    location_id: UUID
    attention: str | None = None
    address_1: str
    address_2: str | None = None
    city: str
    region: str | None = None
    state_province: str | None = None
    postal_code: str
    country: str
    address_type: str


class Accessibility(Schema):
    id: UUID
    location_id: UUID
    description: str
    details: str | None = None
    url: str | None = None


class Location(Schema):
    id: UUID
    location_type: str
    name: str
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[Address]
    accessibility: list[Accessibility]


class ServiceAtLocation(Schema):
    id: UUID
    service_id: UUID
    location_id: UUID
    location: Location


class Organization(Schema):
    id: UUID
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    uri: str | None = None
    logo: str | None = None
    parent_organization_id: UUID | None = None
    phones: list[Phone]


class ServiceArea(Schema):
    id: UUID
    service_id: UUID
    name: str
    description: str | None = None
    extent: str | None = None
    extent_type: str | None = None
    uri: str | None = None


class ServiceSummary(Schema):
    id: UUID
    organization_id: UUID | None = None
    name: str
    alternate_name: str | None = None
    description: str
    url: str
    email: str | None = None
    status: str
    fees: str | None = None
    fees_description: str | None = None
    application_process: str | None = None
    eligibility_description: str | None = None
    minimum_age: int
    maximum_age: int
    assured_date: date | None = Field(None, description="When the details were last checked with the service.")
    assurer_email: str | None = None
    alert: str | None = None
    last_modified: datetime | None = None
    organization: Organization | None = None


class ServiceDetail(ServiceSummary):
    phones: list[Phone]
    schedules: list[Schedule]
    service_areas: list[ServiceArea]
    service_at_locations: list[ServiceAtLocation]
    contacts: list[Contact]
    languages: list[dict] = []
    taxonomy_terms: list[TaxonomyTerm]
    attributes: list[Attribute] = Field(description="The HSDS 3 links from the service to its taxonomy terms.")


class OrganizationDetail(Organization):
    services: list[ServiceSummary]


class ServiceAtLocationDetail(ServiceAtLocation):
    service: ServiceSummary


class ServiceListPage(PageInfo):
    contents: list[ServiceSummary]


class OrganizationPage(PageInfo):
    contents: list[Organization]


class LocationPage(PageInfo):
    contents: list[Location]


class ServiceAtLocationPage(PageInfo):
    contents: list[ServiceAtLocation]


class TaxonomyPage(PageInfo):
    contents: list[Taxonomy]


class TaxonomyTermPage(PageInfo):
    contents: list[TaxonomyTerm]


class ApiInfo(Schema):
    version: str
    profile: str
    openapi_url: str


class Problem(Schema):
    detail: str
    errors: list[dict] = []


class Pagination(Schema):
    page: int = Field(1, ge=1, description="Page number of the results, from 1.")
    per_page: int = Field(
        DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description=f"Results on each page, from 1 to {MAX_PER_PAGE}."
    )


class ServiceFilters(Schema):
    text: str | None = Field(None, description="Words in the service's name or description.")
    search: str | None = Field(None, description="The same as text: the name the Open Referral API uses.")
    taxonomy_term_id: UUID | None = Field(None, description="Only services with this taxonomy term.")
    taxonomy_id: UUID | None = Field(None, description="Only services with any term of this taxonomy.")
    organization_id: UUID | None = Field(None, description="Only the services of this organisation.")
    modified_after: datetime | None = Field(
        None, description="Only services published on or after this date or time (ISO 8601)."
    )


class TermFilters(Schema):
    taxonomy_id: UUID | None = Field(None, description="Only the terms of this taxonomy.")


# --- Serialisation --------------------------------------------------------------------------------


def plain_text(html):
    text = unescape(strip_tags(normalize_newlines(html or "")))
    return " ".join(text.split())


def phone_data(number, **owner):
    owner_id = next(iter(owner.values()))
    return {"id": derived_id("phone", owner_id), "number": number, "type": "voice", **owner}


def organisation_data(organisation):
    if organisation is None:
        return None
    phones = [phone_data(organisation.phone, organization_id=organisation.uuid)] if organisation.phone else []
    return {
        "id": organisation.uuid,
        "name": organisation.name,
        "description": organisation.description,
        "email": organisation.email or None,
        "website": organisation.url or None,
        "phones": phones,
    }


def service_summary(service, request):
    organisation = service.organisation
    return {
        "id": service.uuid,
        "organization_id": organisation.uuid if organisation else None,
        "name": service.title,
        "description": service.summary or service.search_description,
        "url": service.website or service.get_full_url(request) or "",
        "email": service.email or (organisation.email if organisation else "") or None,
        "status": "active",
        "fees": service.fees,
        "fees_description": service.fees,
        "application_process": plain_text(service.how_to_refer) or None,
        "eligibility_description": f"Ages {service.age_range}",
        "minimum_age": service.min_age,
        "maximum_age": service.max_age,
        "assured_date": service.last_checked,
        "last_modified": getattr(service, "modified", None) or service.last_published_at,
        "organization": organisation_data(organisation),
    }


def location_data(location):
    accessibility = []
    if location.accessibility:
        accessibility.append(
            {
                "id": derived_id("accessibility", location.uuid),
                "location_id": location.uuid,
                "description": location.accessibility,
            }
        )
    return {
        "id": location.uuid,
        "location_type": "physical",
        "name": location.name,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "addresses": [
            {
                "id": derived_id("address", location.uuid),
                "location_id": location.uuid,
                "address_1": location.address_1,
                "address_2": location.address_2 or None,
                "city": location.town,
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": accessibility,
    }


def service_at_location_data(location, service_uuid):
    return {
        "id": location.service_at_location_uuid,
        "service_id": service_uuid,
        "location_id": location.uuid,
        "location": location_data(location),
    }


def schedule_data(schedule, service_uuid):
    if schedule.by_appointment:
        freq = byday = interval = None
        description = "By appointment"
    else:
        freq, interval, byday = "WEEKLY", 1, schedule.weekday
        description = schedule.get_weekday_display()
    if schedule.description:
        description = f"{description}: {schedule.description}"
    return {
        "id": schedule.uuid,
        "service_id": service_uuid,
        "freq": freq,
        "interval": interval,
        "byday": byday,
        "opens_at": schedule.opens_at.isoformat() if schedule.opens_at else None,
        "closes_at": schedule.closes_at.isoformat() if schedule.closes_at else None,
        "description": description,
    }


def service_detail(service, request):
    data = service_summary(service, request)
    terms = [
        term_data(taxonomy, term) for taxonomy in TAXONOMIES for term in getattr(service, taxonomy.service_field).all()
    ]
    if service.serves_whole_borough:
        areas = [("all", "All localities")]
    else:
        areas = [(locality.pk, locality.name) for locality in service.localities.all()]
    data.update(
        {
            "phones": [phone_data(service.phone, service_id=service.uuid)] if service.phone else [],
            "schedules": [schedule_data(schedule, service.uuid) for schedule in service.schedules.all()],
            "service_areas": [
                {"id": derived_id("service_area", service.uuid, key), "service_id": service.uuid, "name": name}
                for key, name in areas
            ],
            "service_at_locations": [
                service_at_location_data(location, service.uuid) for location in service.locations.all()
            ],
            "contacts": [
                {
                    "id": contact.uuid,
                    "service_id": service.uuid,
                    "name": contact.name,
                    "title": contact.title or None,
                    "email": contact.email or None,
                    "phones": [phone_data(contact.phone, contact_id=contact.uuid)] if contact.phone else [],
                }
                for contact in service.contacts.all()
            ],
            "taxonomy_terms": terms,
            "attributes": [
                {
                    "id": derived_id("attribute", service.uuid, term["id"]),
                    "link_id": service.uuid,
                    "link_type": term["taxonomy"],
                    "link_entity": "service",
                    "taxonomy_term_id": term["id"],
                    "taxonomy_term": term,
                }
                for term in terms
            ],
        }
    )
    return data


# --- Queries ------------------------------------------------------------------------------------------


def live_services():
    """Every published service the public may see, with `modified`: when its live content last changed."""
    return (
        ServicePage.objects.live()
        .public()
        .select_related("organisation")
        .annotate(modified=Coalesce("last_published_at", "latest_revision_created_at", "first_published_at"))
        .order_by("title", "pk")
    )


def with_details(services):
    return services.prefetch_related(
        "locations", "contacts", "schedules", "localities", *(taxonomy.service_field for taxonomy in TAXONOMIES)
    )


def aware(moment):
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def filter_services(
    services, text=None, search=None, taxonomy_term_id=None, taxonomy_id=None, organization_id=None, modified_after=None
):
    text = (text or search or "").strip()
    if text:
        services = services.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    if taxonomy_term_id:
        taxonomy, term = find_term(taxonomy_term_id)
        if term is None:
            return services.none()
        services = services.filter(pk__in=ServicePage.objects.filter(**{taxonomy.service_field: term}).values("pk"))
    if taxonomy_id:
        taxonomy = TAXONOMIES_BY_ID.get(taxonomy_id)
        if taxonomy is None:
            return services.none()
        tagged = ServicePage.objects.filter(**{f"{taxonomy.service_field}__isnull": False}).values("pk")
        services = services.filter(pk__in=tagged)
    if organization_id:
        services = services.filter(organisation__uuid=organization_id)
    if modified_after:
        services = services.filter(modified__gte=aware(modified_after))
    return services


def paginate(items, pagination, serialise):
    """The standard's page wrapper around one page of `items` (a queryset or a list)."""
    total = len(items) if isinstance(items, list) else items.count()
    start = (pagination.page - 1) * pagination.per_page
    contents = [serialise(item) for item in items[start : start + pagination.per_page]] if start < total else []
    total_pages = math.ceil(total / pagination.per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": pagination.page,
        "size": len(contents),
        "first_page": pagination.page == 1,
        "last_page": pagination.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def get_or_404(queryset, what, **lookup):
    item = queryset.filter(**lookup).first()
    if item is None:
        raise HttpError(404, f"No {what} has that id.")
    return item


# --- The API --------------------------------------------------------------------------------------------


class GovukDocs(DocsBase):
    """A server-rendered, accessible description of the API in the site's own design; no third-party script."""

    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = []
        for route, methods in schema["paths"].items():
            for method, operation in methods.items():
                operations.append(
                    {
                        "method": method.upper(),
                        "path": route,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "parameters": [
                            {
                                "name": parameter["name"],
                                "location": parameter["in"],
                                "required": parameter.get("required", False),
                                "description": parameter.get("description")
                                or parameter.get("schema", {}).get("description", ""),
                            }
                            for parameter in operation.get("parameters", [])
                        ],
                    }
                )
        root_url = api.get_root_path(kwargs)
        portal = ThrivePortalPage.objects.live().public().first()
        crumbs = [(portal.title, portal.get_url(request)), ("Open data API", "")] if portal else [("Open data API", "")]
        return render(
            request,
            "directory/api_docs.html",
            {
                "api": api,
                "crumbs": crumbs,
                "base_url": request.build_absolute_uri(root_url),
                "operations": operations,
                "openapi_url": self.get_openapi_url(api, kwargs),
                "max_per_page": MAX_PER_PAGE,
                "default_per_page": DEFAULT_PER_PAGE,
            },
        )


api = NinjaAPI(
    title="THRIVE portal open data (Open Referral UK)",
    version=HSDS_VERSION,
    description=(
        "Local services for children and young people's mental health, mapped to the THRIVE framework, in the "
        "shape of the Open Referral UK profile of the Human Services Data Specification (HSDS) 3.0. Read-only; "
        "only published services are included."
    ),
    urls_namespace="open-referral",
    docs=GovukDocs(),
    docs_url="/docs/",
)

PROBLEM_MESSAGES = {
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "uuid_parsing": "must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2",
    "uuid_type": "must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2",
    "datetime_parsing": "must be a date or date and time in ISO 8601 format, like 2025-01-31 or 2025-01-31T09:00:00Z",
    "datetime_from_date_parsing": "must be a date or date and time in ISO 8601 format, like 2025-01-31 or "
    "2025-01-31T09:00:00Z",
    "datetime_type": "must be a date or date and time in ISO 8601 format, like 2025-01-31",
}


def describe_problem(error):
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be {context.get('ge')} or more"
    if kind == "less_than_equal":
        return f"must be {context.get('le')} or less"
    return PROBLEM_MESSAGES.get(kind, error.get("msg", "is not valid"))


@api.exception_handler(ValidationError)
def bad_request(request, exc):
    """Bad parameters are the client's mistake: 400 (not ninja's 422), with a sentence per parameter."""
    problems = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "pagination")]
        parameter = location[-1] if location else "request"
        problems.append({"parameter": parameter, "message": f"{parameter} {describe_problem(error)}"})
    detail = "Invalid request: " + "; ".join(problem["message"] for problem in problems) + "."
    return api.create_response(request, {"detail": detail, "errors": problems}, status=400)


ERRORS = {400: Problem, 404: Problem}


def id_param(what):
    return Path[UUID, {"description": f"The id of the {what}: a UUID."}]


@api.get("/", response=ApiInfo, summary="About this API", tags=["about"])
def api_info(request):
    """The HSDS version, the profile followed, and where to find the OpenAPI description."""
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("open-referral:openapi-json")),
    }


@api.get("/services", response={200: ServiceListPage, **ERRORS}, summary="List services", tags=["services"])
def list_services(request, pagination: Query[Pagination], filters: Query[ServiceFilters]):
    """Published services with their one-to-one fields and organisation, by name."""
    services = filter_services(live_services(), **filters.dict())
    return paginate(services, pagination, lambda service: service_summary(service, request))


@api.get(
    "/services/{id}", response={200: ServiceDetail, **ERRORS}, summary="A service, fully nested", tags=["services"]
)
def get_service(request, id: id_param("service")):
    """A published service with its organisation, locations, contacts and phones, schedules and taxonomy terms."""
    service = get_or_404(with_details(live_services()), "published service", uuid=id)
    return service_detail(service, request)


@api.get(
    "/organizations", response={200: OrganizationPage, **ERRORS}, summary="List organisations", tags=["organizations"]
)
def list_organizations(request, pagination: Query[Pagination]):
    """Organisations that provide at least one published service."""
    organisations = Organisation.objects.filter(pk__in=live_services().values("organisation")).order_by("name")
    return paginate(organisations, pagination, organisation_data)


@api.get(
    "/organizations/{id}",
    response={200: OrganizationDetail, **ERRORS},
    summary="An organisation",
    tags=["organizations"],
)
def get_organization(request, id: id_param("organisation")):
    """An organisation with its published services."""
    providers = Organisation.objects.filter(pk__in=live_services().values("organisation"))
    organisation = get_or_404(providers, "organisation with published services", uuid=id)
    data = organisation_data(organisation)
    data["services"] = [
        service_summary(service, request) for service in live_services().filter(organisation=organisation)
    ]
    return data


def live_locations():
    return ServiceLocation.objects.filter(page__in=live_services().values("pk")).select_related("page")


@api.get("/locations", response={200: LocationPage, **ERRORS}, summary="List locations", tags=["locations"])
def list_locations(request, pagination: Query[Pagination]):
    """Places where published services are delivered."""
    return paginate(live_locations().order_by("name", "pk"), pagination, location_data)


@api.get("/locations/{id}", response={200: Location, **ERRORS}, summary="A location", tags=["locations"])
def get_location(request, id: id_param("location")):
    return location_data(get_or_404(live_locations(), "location of a published service", uuid=id))


@api.get(
    "/service_at_locations",
    response={200: ServiceAtLocationPage, **ERRORS},
    summary="List services at locations",
    tags=["service_at_locations"],
)
def list_service_at_locations(request, pagination: Query[Pagination], filters: Query[ServiceFilters]):
    """Each place where each published service is delivered, with the location."""
    services = filter_services(live_services(), **filters.dict())
    locations = ServiceLocation.objects.filter(page__in=services.values("pk")).select_related("page")
    return paginate(
        locations.order_by("page__title", "sort_order", "pk"),
        pagination,
        lambda location: service_at_location_data(location, location.page.uuid),
    )


@api.get(
    "/service_at_locations/{id}",
    response={200: ServiceAtLocationDetail, **ERRORS},
    summary="A service at a location",
    tags=["service_at_locations"],
)
def get_service_at_location(request, id: id_param("service at location")):
    location = get_or_404(
        live_locations().select_related("page__organisation"), "service at location", service_at_location_uuid=id
    )
    data = service_at_location_data(location, location.page.uuid)
    data["service"] = service_summary(location.page, request)
    return data


@api.get("/taxonomies", response={200: TaxonomyPage, **ERRORS}, summary="List taxonomies", tags=["taxonomies"])
def list_taxonomies(request, pagination: Query[Pagination]):
    """THRIVE (the five groupings), topics and referral routes."""
    return paginate(TAXONOMIES, pagination, taxonomy_data)


@api.get("/taxonomies/{id}", response={200: TaxonomyWithTerms, **ERRORS}, summary="A taxonomy", tags=["taxonomies"])
def get_taxonomy(request, id: id_param("taxonomy")):
    taxonomy = TAXONOMIES_BY_ID.get(id)
    if taxonomy is None:
        raise HttpError(404, "No taxonomy has that id.")
    return {
        **taxonomy_data(taxonomy),
        "taxonomy_terms": [term_data(taxonomy, term) for _t, term in all_terms([taxonomy])],
    }


@api.get(
    "/taxonomy_terms", response={200: TaxonomyTermPage, **ERRORS}, summary="List taxonomy terms", tags=["taxonomies"]
)
def list_taxonomy_terms(request, pagination: Query[Pagination], filters: Query[TermFilters]):
    """The terms of every taxonomy, or of one."""
    taxonomies = TAXONOMIES
    if filters.taxonomy_id:
        taxonomies = [TAXONOMIES_BY_ID[filters.taxonomy_id]] if filters.taxonomy_id in TAXONOMIES_BY_ID else []
    return paginate(all_terms(taxonomies), pagination, lambda pair: term_data(*pair))


@api.get("/taxonomy_terms/{id}", response={200: TaxonomyTerm, **ERRORS}, summary="A taxonomy term", tags=["taxonomies"])
def get_taxonomy_term(request, id: id_param("taxonomy term")):
    taxonomy, term = find_term(id)
    if term is None:
        raise HttpError(404, "No taxonomy term has that id.")
    return term_data(taxonomy, term)
