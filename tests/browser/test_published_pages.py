"""The published content, as a visitor sees it in a real browser: every page type with the demo content, checked
with axe-core (see conftest.py), and the listings' filters used with the keyboard alone and without JavaScript.

The demo content takes several seconds to build and the live server's database is emptied after every test, so one
test builds it once and visits every page; the keyboard and no-JavaScript checks use a few factory-made pages.
"""

import re

from django.utils.text import slugify

import pytest
from playwright.sync_api import expect

from directory import demo as directory_demo
from directory.facets import AGE_BANDS
from directory.models import ServicePage
from home.demo_content import build_site
from resources import demo as resources_demo
from resources.models import EvidenceStrength
from taxonomy.models import KeyStage, ThriveGrouping, Topic
from tests.browser.conftest import VIEWPORT
from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from training import demo as training_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def titles(specs):
    return sorted(spec["title"] for spec in specs)


def overlaps(ages, band):
    """Whether a service's (youngest, oldest) ages overlap an age band, both ends inclusive, as the facet does."""
    _value, _label, youngest, oldest = next(b for b in AGE_BANDS if b[0] == band)
    return ages[0] <= oldest and ages[1] >= youngest


def result_titles(page):
    """The titles of the listed results, in order."""
    return page.get_by_role("list", name=re.compile(r"^\d+ ")).get_by_role("heading", level=3)


@pytest.fixture
def documents_on_disk(settings, tmp_path):
    """Keep uploaded files in a temporary folder, so that the live server can serve documents.

    The test settings' InMemoryStorage has a `path()`, so Wagtail's document view sends the file from that path
    on disk, where it is not: every document would be "Page not found".
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_every_kind_of_published_page_with_the_demo_content(page, visit, axe_check, documents_on_disk):
    home = build_site()["home"]
    libraries = resources_demo.build_demo(home)
    catalogue = training_demo.build_demo(home)
    directory = directory_demo.build_demo(home)
    main = page.get_by_role("main")
    h1 = page.get_by_role("heading", level=1)
    results_heading = page.locator("#results-heading")

    visit("/")
    expect(h1).to_have_text(home.title)

    # The PSHE library, unfiltered and then by a topic and a key stage together.
    library = libraries["resources"]
    visit(library.url)
    expect(h1).to_have_text(library.title)
    expect(results_heading).to_have_text(f"{len(resources_demo.RESOURCES)} resources")
    expect(result_titles(page)).to_have_text(titles(resources_demo.RESOURCES))
    visit(f"{library.url}?topic=anxiety&key_stage=key-stage-3")
    expected = [r for r in resources_demo.RESOURCES if "anxiety" in r["topics"] and "key-stage-3" in r["key_stages"]]
    assert len(expected) >= 2, "the demo content should give this filter more than one result"
    expect(results_heading).to_have_text(f"{len(expected)} resources")
    expect(result_titles(page)).to_have_text(titles(expected))
    expect(page.get_by_role("link", name=re.compile(r"^Remove filter"))).to_have_text(
        ["Remove filter topic: Anxiety", "Remove filter key stage: Key stage 3"]
    )
    expect(page.get_by_role("group", name="Topic").get_by_role("checkbox", name=re.compile("^Anxiety"))).to_be_checked()

    # A resource with a file from the document library, which downloads.
    visit(f"{library.url}responding-to-self-harm/")
    expect(h1).to_have_text("Responding to self-harm: guidance for school staff")
    attachment = main.locator(".sws-attachment").get_by_role("link")
    expect(attachment).to_have_text("Responding to self-harm: a quick guide for school staff")
    download = page.request.get(attachment.get_attribute("href"))
    assert download.ok, f"The attachment answered {download.status}"
    assert "Do not promise to keep it secret" in download.text()

    # Interventions with weak evidence, and one of them with its warning.
    interventions = libraries["interventions"]
    visit(f"{interventions.url}?evidence=weak")
    weak = [i for i in resources_demo.INTERVENTIONS if i["evidence_strength"] == EvidenceStrength.WEAK]
    expect(results_heading).to_have_text(f"{len(weak)} interventions")
    expect(result_titles(page)).to_have_text(titles(weak))
    page.get_by_role("link", name="The Daily Mile").click()
    expect(h1).to_have_text("The Daily Mile")
    axe_check(page)
    warning = main.locator(".govuk-warning-text")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("The evidence for this programme is weak.")
    expect(main.get_by_text("Evaluation plan needed")).to_be_visible()

    # Best practice, and a case study.
    best_practice = libraries["best_practice"]
    visit(best_practice.url)
    items = len(resources_demo.CASE_STUDIES) + len(resources_demo.FORUM_NOTES)
    expect(results_heading).to_have_text(f"{items} items")
    case_study = resources_demo.CASE_STUDIES[0]
    page.get_by_role("link", name=case_study["title"]).click()
    expect(h1).to_have_text(case_study["title"])
    expect(main).to_contain_text("Case study")
    axe_check(page)

    # The training catalogue and a course.
    visit(catalogue.url)
    expect(h1).to_have_text(catalogue.title)
    expect(page.get_by_role("heading", level=2, name=re.compile(r"courses?$"))).to_have_text(
        f"{len(training_demo.COURSES)} courses"
    )
    course = training_demo.COURSES[0]
    page.get_by_role("link", name=course["title"]).click()
    expect(h1).to_have_text(course["title"])
    axe_check(page)

    # The THRIVE portal: its five groupings, each with its number of services.
    portal = directory["thrive_portal"]
    visit(portal.url)
    expect(h1).to_have_text(portal.title)
    groupings = list(ThriveGrouping.objects.all())
    assert len(groupings) == 5
    listed = page.get_by_role("list", name="Browse by THRIVE grouping").get_by_role("listitem")
    expect(listed.get_by_role("heading", level=3)).to_have_text([grouping.name for grouping in groupings])
    for item, grouping in zip(listed.all(), groupings, strict=True):
        expect(item).to_be_visible()
        count = sum(grouping.slug in spec["groupings"] for spec in directory_demo.SERVICES)
        expect(item.get_by_role("link")).to_have_text(f"See the {count} services for {grouping.name}")

    # Services for one grouping (from the portal's link), narrowed to an age band.
    listed.filter(has_text="Getting Help").get_by_role("link").click()
    expect(h1).to_have_text("Find a service")
    expect(page).to_have_url(re.compile(r"/services/\?grouping=getting-help$"))
    axe_check(page)
    age = page.get_by_role("group", name="Age").get_by_role("checkbox", name=re.compile(r"^11 to 16"))
    age.check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"\?grouping=getting-help&age=11-16$"))
    axe_check(page)
    expected = [s for s in directory_demo.SERVICES if "getting-help" in s["groupings"] and overlaps(s["ages"], "11-16")]
    assert 1 < len(expected) < len([s for s in directory_demo.SERVICES if "getting-help" in s["groupings"]])
    expect(results_heading).to_have_text(f"{len(expected)} services")
    expect(result_titles(page)).to_have_text(titles(expected))
    service = titles(expected)[0]
    page.get_by_role("link", name=service, exact=True).click()
    expect(h1).to_have_text(service)
    axe_check(page)

    # Alternative provision and a provider.
    provision = directory["alternative_provision"]
    visit(provision.url)
    expect(h1).to_have_text(provision.title)
    expect(results_heading).to_have_text(f"{len(directory_demo.PROVIDERS)} providers")
    provider = directory_demo.PROVIDERS[0]["title"]
    page.get_by_role("link", name=provider).click()
    expect(page).to_have_url(re.compile(rf"{provision.url}{slugify(provider)}/$"))
    expect(h1).to_have_text(provider)
    axe_check(page)

    # The Open Referral UK API's documentation page.
    visit("/api/open-referral/docs/")
    expect(h1).to_have_text("Open data API")
    # ("/" escaped: Playwright reads an unescaped one as the end of the regular expression.)
    expect(main.get_by_role("heading", level=3, name=re.compile(r"^GET \S*\/services$"))).to_have_count(1)
    expect(main).to_contain_text("List services")

    # Search for "anxiety", narrowed to local services: more than a page of them.
    visit("/search/?q=anxiety")
    services = ServicePage.objects.live().public().search("anxiety").count()
    assert services > 10, "the demo content should give more than one page of services about anxiety"
    types = page.get_by_role("navigation", name="Type of content")
    types.get_by_role("link", name=f"Local services (THRIVE) ({services})").click()
    expect(page).to_have_url(re.compile(r"\?q=anxiety&type=local-services$"))
    expect(results_heading).to_have_text(f"{services} results for ‘anxiety’ in local services (thrive)")
    axe_check(page)
    results = page.get_by_role("list", name=re.compile(r"results for")).get_by_role("listitem")
    expect(results).to_have_count(10)
    expect(results.locator(".govuk-tag")).to_have_text(["Local services (THRIVE)"] * 10)
    first_page = results.get_by_role("heading").all_inner_texts()
    pagination = page.get_by_role("navigation", name="Pagination")
    pagination.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"\?q=anxiety&type=local-services&page=2$"))
    expect(page).to_have_title(re.compile(r"^Local services \(THRIVE\): Search results for ‘anxiety’ \(page 2\)"))
    expect(results).to_have_count(min(services - 10, 10))
    assert not set(first_page) & set(results.get_by_role("heading").all_inner_texts())
    expect(pagination.locator("[aria-current=page]")).to_have_text("2")
    axe_check(page)

    # A page that does not exist.
    visit("/no-such-page/", status=404)
    expect(h1).to_have_text("Page not found")
    expect(page).to_have_title(re.compile(r"^Page not found"))


@pytest.fixture
def library():
    """A small PSHE library: two resources about anxiety (key stages 2 and 3) and one about bullying."""
    home = build_site()["home"]
    index = ResourceIndexPageFactory(parent=home)
    anxiety, bullying = Topic.objects.get(slug="anxiety"), Topic.objects.get(slug="bullying")
    ks2, ks3 = KeyStage.objects.get(slug="key-stage-2"), KeyStage.objects.get(slug="key-stage-3")
    ResourcePageFactory(parent=index, title="Worry busters", topics=[anxiety], key_stages=[ks2])
    ResourcePageFactory(parent=index, title="Exam worries", topics=[anxiety], key_stages=[ks3])
    ResourcePageFactory(parent=index, title="Be a buddy", topics=[bullying], key_stages=[ks2])
    return index


def focused(locator):
    return locator.evaluate("(element) => element === document.activeElement")


def tab_to(page, locator, limit=80):
    """Press Tab until `locator` has the focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(locator):
            return
    pytest.fail(f"{locator} could not be reached with the Tab key")


def test_filters_work_with_the_keyboard_alone(page, visit, axe_check, library):
    visit(library.url)
    expect(page.locator("#results-heading")).to_have_text("3 resources")
    anxiety = page.get_by_role("group", name="Topic").get_by_role("checkbox", name=re.compile(r"^Anxiety"))
    apply = page.get_by_role("button", name="Apply filters")

    tab_to(page, anxiety)
    expect(anxiety).to_be_focused()
    page.keyboard.press("Space")
    expect(anxiety).to_be_checked()
    tab_to(page, apply)
    expect(apply).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"\?topic=anxiety$"))
    expect(page.locator("#results-heading")).to_have_text("2 resources")
    expect(result_titles(page)).to_have_text(["Exam worries", "Worry busters"])
    expect(anxiety).to_be_checked()
    axe_check(page)


@pytest.fixture
def page_without_javascript(browser, live_server):
    """A tab in a browser context with JavaScript turned off."""
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_filters_work_without_javascript(page_without_javascript, page, visit, library):
    """Filter by submitting the form with JavaScript turned off.

    axe-core cannot run there (it needs timers, which do not fire without JavaScript), so each address the form
    leads to is checked in `page` with the site's scripts blocked: the same markup, unenhanced.
    """
    page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    no_js = page_without_javascript
    response = no_js.goto(library.url)
    assert response.status == 200
    # The base template's inline script marks the body as supported by GOV.UK Frontend; here it never runs.
    expect(no_js.locator("body")).not_to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    expect(no_js.locator("#results-heading")).to_have_text("3 resources")
    visit(library.url)
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))

    no_js.get_by_role("group", name="Key stage").get_by_role("checkbox", name=re.compile(r"^Key stage 2")).check()
    no_js.get_by_role("group", name="Topic").get_by_role("checkbox", name=re.compile(r"^Anxiety")).check()
    no_js.get_by_role("button", name="Apply filters").click()

    expect(no_js).to_have_url(re.compile(r"\?topic=anxiety&key_stage=key-stage-2$"))
    expect(no_js.locator("#results-heading")).to_have_text("1 resource")
    expect(result_titles(no_js)).to_have_text(["Worry busters"])
    visit(no_js.url)
    expect(page.locator("#results-heading")).to_have_text("1 resource")
