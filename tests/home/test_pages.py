"""The public site: home and standard pages, footer links, sitemap, robots and search."""

from django.urls import reverse

from wagtail.models import Page, Site

import pytest

from home.demo_content import build_site
from home.models import HomePage, ServiceSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages():
    return build_site()


def test_home_page_renders_with_council_branding_and_no_crown(client, site_pages):
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert site_pages["home"].title in content
    assert "Thurrock Council" in content
    assert "govuk-header__logotype" not in content
    assert "GOV.UK" not in content
    assert '<html lang="en-GB"' in content


def test_footer_links_to_accessibility_statement_and_privacy_notice(client, site_pages):
    content = client.get("/").content.decode()
    for page in (site_pages["accessibility"], site_pages["privacy"]):
        assert f'href="{page.url}"' in content
        assert client.get(page.url).status_code == 200
    assert "wellbeing@example.org" in content


def test_standard_page_has_breadcrumbs_and_meta_description(client, site_pages):
    about = site_pages["about"]
    content = client.get(about.url).content.decode()
    assert 'aria-label="Breadcrumb"' in content
    assert f'<meta name="description" content="{about.summary}">'.replace("'", "&#x27;") in content
    assert "govuk-accordion" in content


def test_build_site_is_idempotent(site_pages):
    build_site()
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.filter(slug="privacy-notice").count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific == site_pages["home"]
    assert ServiceSettings.objects.count() == 1


def test_page_type_rules(site_pages):
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # only one home page
    assert StandardPage.can_create_at(site_pages["home"])
    assert StandardPage.can_create_at(site_pages["about"])
    assert not HomePage.can_create_at(site_pages["about"])


def test_sitemap_lists_live_pages_and_robots_points_to_it(client, site_pages):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/privacy-notice/" in sitemap and "/about/" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert "Disallow: /portal/" in robots.content.decode()


def test_search_finds_live_pages_with_a_count(client, site_pages):
    response = client.get(reverse("search"), {"q": "accessibility"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Accessibility statement" in content
    assert "result" in content


def test_search_with_no_query_shows_the_form_only(client, site_pages):
    content = client.get(reverse("search")).content.decode()
    assert 'name="q"' in content
    assert "results for" not in content


def test_unknown_page_gives_a_helpful_404(client, site_pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
