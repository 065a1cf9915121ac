"""The demo THRIVE and Alternative Provision portals: big enough to explore, visibly fictional, idempotent."""

import re

import pytest

from directory.demo import build_demo
from directory.models import Organisation, ProviderPage, ServicePage, ThrivePortalPage
from schools.models import Locality
from taxonomy.models import ThriveGrouping, Topic

pytestmark = pytest.mark.django_db

DRAMA_PHONE = re.compile(r"^01632 960\d{3}$")


@pytest.fixture
def localities(db):
    return [Locality.objects.create(name=name) for name in ("West", "Central", "East")]


def test_demo_builds_thirty_services_across_all_five_groupings(home, localities):
    built = build_demo(home)
    services = ServicePage.objects.live()
    assert services.count() >= 30
    assert len(built["services"]) == services.count()
    assert all(service.get_parent().specific == built["thrive_portal"] for service in services)
    for grouping in ThriveGrouping.objects.all():
        assert services.filter(thrive_groupings=grouping).count() >= 3, grouping.name
    assert ProviderPage.objects.live().count() >= 6
    assert services.filter(localities__isnull=False).exists()
    assert services.filter(serves_whole_borough=True).exists()
    assert 1 <= sum(service.is_out_of_date for service in services) < services.count() // 5
    for slug in ("anxiety", "bullying", "self-harm"):
        assert services.filter(topics__slug=slug).exists(), slug


def test_demo_contact_details_are_visibly_fictional(home, localities):
    build_demo(home)
    emails = [o.email for o in Organisation.objects.all()] + [s.email for s in ServicePage.objects.all()]
    emails += [p.email for p in ProviderPage.objects.all()]
    assert all(email.endswith("example.org") for email in emails if email)
    urls = [o.url for o in Organisation.objects.all()] + [p.ofsted_report_url for p in ProviderPage.objects.all()]
    assert all(".example.org/" in url for url in urls if url)
    phones = [o.phone for o in Organisation.objects.all()] + [s.phone for s in ServicePage.objects.all()]
    phones += [p.phone for p in ProviderPage.objects.all()]
    assert all(DRAMA_PHONE.match(phone) for phone in phones if phone)


def test_demo_is_idempotent(home, localities):
    build_demo(home)
    counts = (
        ServicePage.objects.count(),
        ProviderPage.objects.count(),
        Organisation.objects.count(),
        Topic.objects.count(),
        ThrivePortalPage.objects.count(),
    )
    build_demo(home)
    assert (
        ServicePage.objects.count(),
        ProviderPage.objects.count(),
        Organisation.objects.count(),
        Topic.objects.count(),
        ThrivePortalPage.objects.count(),
    ) == counts


def test_demo_works_without_localities(home, client):
    built = build_demo(home)
    assert ServicePage.objects.filter(serves_whole_borough=False).count() == 0
    response = client.get(built["thrive_portal"].url + "services/?grouping=getting-risk-support")
    assert response.status_code == 200
    assert response.context["listing"].count >= 3


def test_demo_pages_render(home, localities, client):
    built = build_demo(home)
    pages = [built["thrive_portal"], built["alternative_provision"], *built["services"][:5], *built["providers"][:2]]
    for page in pages:
        assert client.get(page.url).status_code == 200, page.title
    assert client.get(built["thrive_portal"].url + "services/").status_code == 200
    assert client.get("/api/open-referral/services").json()["total_items"] == len(built["services"])
