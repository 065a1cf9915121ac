"""Issue 3's publishing journey in a real browser: an Editor writes a PSHE resource, the Team Manager approves it,
and a visitor finds it through the library's filters and the site search.

Every public page on the way is checked with axe-core (see conftest.py). The Wagtail admin pages are checked too:
a violation that comes from this project's code (our fields, help text and panels) fails the test; one that comes
from Wagtail itself is recorded and shown as a warning, since we cannot fix Wagtail's markup here.
"""

import re
import warnings

from wagtail.admin.panels import MultiFieldPanel

import pytest
from playwright.sync_api import expect

from home.demo_content import build_site
from resources.models import ResourcePage
from taxonomy.models import KeyStage, Topic
from tests.browser.conftest import AXE_TAGS, VIEWPORT, format_violations
from tests.resources.factories import (
    InterventionIndexPageFactory,
    InterventionPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)
from tests.users.factories import PASSWORD, UserFactory
from users.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Calm corners: a classroom toolkit"
SUMMARY = (
    "How to set up a calm hideaway in the classroom where pupils can settle their feelings and get ready to learn."
)
SEARCH_WORD = "hideaway"  # in the summary above and in one intervention's, so the type filter has something to narrow


class WagtailAccessibilityFinding(pytest.PytestWarning):
    """An axe violation in markup that Wagtail's admin renders, not this project."""


def our_fields(model):
    """The fields our code defines on the page model (BasePage's and the model's own), not Wagtail's Page's."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [field for field in fields if field.model is model and not field.name.endswith("_ptr")]


def our_admin_strings(model):
    """Help text and panel headings our code puts on the edit form: a violation there is ours to fix."""
    strings = {str(field.help_text) for field in our_fields(model) if field.help_text}
    strings.update(str(panel.heading) for panel in model.content_panels if isinstance(panel, MultiFieldPanel))
    return sorted(strings)


@pytest.fixture
def new_page(browser, live_server):
    """Another browser context (no cookies shared with `page`) set up like conftest's `page`: `new_page()`."""
    contexts = []

    def make():
        context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        tab.script_errors = []
        tab.failed_assets = []
        tab.on("pageerror", lambda error: tab.script_errors.append(str(error)))
        tab.on(
            "response",
            lambda response: (
                tab.failed_assets.append(f"{response.status} {response.url}")
                if response.status >= 400 and "/static/" in response.url
                else None
            ),
        )
        return tab

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def open_public(axe_check):
    """`open_public(tab, path, status=200)`: `visit` for any tab, not only `page`."""

    def go(tab, path, status=200):
        response = tab.goto(path, wait_until="load")
        assert response is not None, f"No response for {path}"
        assert response.status == status, f"{path} answered {response.status}, expected {status}"
        axe_check(tab)
        return response

    return go


@pytest.fixture
def admin_axe(axe_source):
    """`admin_axe(tab)` runs axe on a Wagtail admin page: fails on violations in our code, warns about Wagtail's.

    A violating element is ours when it lies inside one of our fields on the edit form (their label, help text
    and widget) or shows our help text or panel headings; anything else on an admin page is Wagtail's markup.
    """
    fields = [field.name for field in our_fields(ResourcePage)]
    strings = our_admin_strings(ResourcePage)

    def settle(tab):
        # Wagtail's messages slide in once the admin's script marks the body `ready`; axe would otherwise
        # measure colour contrast halfway through the fade.
        expect(tab.locator("body")).to_have_class(re.compile(r"\bready\b"))
        tab.evaluate(
            """async () => {
                await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
                // Not the Help badge's 25-second "ping": only short transitions and animations.
                await Promise.all(document.getAnimations()
                    .filter((a) => a.effect && a.effect.getComputedTiming().activeDuration <= 2000)
                    .map((a) => a.finished.catch(() => null)));
            }"""
        )

    def check(tab):
        settle(tab)
        assert not tab.failed_assets, f"Static files failed to load on {tab.url}: {tab.failed_assets}"
        assert not tab.script_errors, f"JavaScript errors on {tab.url}: {tab.script_errors}"
        if not tab.evaluate("() => typeof window.axe === 'object'"):
            tab.evaluate(axe_source)
        results = tab.evaluate(
            "(options) => window.axe.run(document, options)",
            {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        ours, wagtails = [], []
        for violation in results["violations"]:
            nodes_ours = [node for node in violation["nodes"] if is_ours(tab, node)]
            nodes_wagtails = [node for node in violation["nodes"] if node not in nodes_ours]
            if nodes_ours:
                ours.append({**violation, "nodes": nodes_ours})
            if nodes_wagtails:
                wagtails.append({**violation, "nodes": nodes_wagtails})
        if wagtails:
            warnings.warn(WagtailAccessibilityFinding(format_violations(tab.url, wagtails)), stacklevel=2)
        if ours:
            pytest.fail("From our code: " + format_violations(tab.url, ours), pytrace=False)

    def is_ours(tab, node):
        if any(string in node.get("html", "") for string in strings):
            return True
        selector = node["target"][0] if len(node["target"]) == 1 else None
        if not isinstance(selector, str):
            return False  # inside an iframe or a shadow root: Wagtail's widgets
        return tab.evaluate(
            """([selector, fields]) => {
                const element = document.querySelector(selector);
                const within = fields.map((field) => `[data-contentpath="${field}"]`).join(",");
                return Boolean(element && element.closest(within));
            }""",
            [selector, fields],
        )

    return check


def sign_in_to_admin(tab, user, admin_axe):
    tab.goto("/admin/login/")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Sign in")
    admin_axe(tab)
    tab.get_by_label("Email address").fill(user.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    admin_axe(tab)


def test_editor_writes_a_resource_the_team_manager_approves_it_and_a_visitor_finds_it(
    page, new_page, open_public, admin_axe, axe_check
):
    home = build_site()["home"]
    library = ResourceIndexPageFactory(parent=home)
    anxiety, bullying = Topic.objects.get(slug="anxiety"), Topic.objects.get(slug="bullying")
    ks2, ks3 = KeyStage.objects.get(slug="key-stage-2"), KeyStage.objects.get(slug="key-stage-3")
    # Near misses: each shares one of the two filters, so the combined filter must really combine.
    ResourcePageFactory(parent=library, title="Worry busters", topics=[anxiety], key_stages=[ks2])
    ResourcePageFactory(parent=library, title="Exam worries", topics=[anxiety], key_stages=[ks3])
    ResourcePageFactory(parent=library, title="Be a buddy", topics=[bullying], key_stages=[ks2])
    interventions = InterventionIndexPageFactory(parent=home)
    InterventionPageFactory(
        parent=interventions,
        title="Lunchtime retreat",
        summary="A quiet hideaway at lunchtime for pupils who find the playground hard.",
    )
    editor = UserFactory(roles=[Role.EDITOR], first_name="Esme", last_name="Editor")
    manager = UserFactory(roles=[Role.TEAM_MANAGER], first_name="Tariq", last_name="Manager")
    visitor = new_page()

    # The Editor opens the PSHE library in the page explorer and adds a resource: the only type it can hold.
    sign_in_to_admin(page, editor, admin_axe)
    page.goto(f"/admin/pages/{library.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(library.title)
    admin_axe(page)
    page.get_by_role("link", name="Add child page").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/add/resources/resourcepage/{library.pk}/$"))
    admin_axe(page)
    # The check tells our markup from Wagtail's: an image without alternative text in one of our fields fails,
    # one in Wagtail's header only warns.
    inject = """([where, id]) => document.querySelector(where).insertAdjacentHTML(
        'beforeend', `<img id="${id}" src="/static/favicon.svg" width="16" height="16">`)"""
    page.evaluate(inject, ["[data-contentpath=summary] .w-field__help", "injected-ours"])
    page.evaluate(inject, ["header", "injected-wagtails"])
    with (
        pytest.warns(
            WagtailAccessibilityFinding,
            match=r"\n- image-alt.*\n.*\n +at #injected-wagtails\n",
        ),
        pytest.raises(
            pytest.fail.Exception,
            match=r"^From our code: 1 accessibility violation.*\n- image-alt.*\n.*\n +at #injected-ours\n",
        ),
    ):
        admin_axe(page)
    page.evaluate("() => ['injected-ours', 'injected-wagtails'].forEach((id) => document.getElementById(id).remove())")

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(SUMMARY)
    # The vocabularies render as checkboxes (CheckboxSelectMultiple), not a multiple select.
    page.locator("[data-contentpath=topics]").get_by_role("checkbox", name="Anxiety", exact=True).check()
    page.locator("[data-contentpath=key_stages]").get_by_role("checkbox", name="Key stage 2", exact=True).check()
    # Editors cannot publish: the footer's action menu offers the workflow instead.
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    submit = footer.get_by_role("button", name="Submit to Team Manager approval")
    expect(submit).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("publish", re.IGNORECASE))).to_have_count(0)
    submit.click()
    expect(page.locator(".messages")).to_contain_text(f"Page '{TITLE}' created and submitted for moderation.")
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_contain_text(
        re.compile(r"\bin moderation\b", re.IGNORECASE)
    )
    admin_axe(page)

    resource = ResourcePage.objects.get(title=TITLE)
    assert not resource.live
    assert set(resource.topics.all()) == {anxiety} and set(resource.key_stages.all()) == {ks2}
    resource_path = f"/{library.slug}/{resource.slug}/"
    assert resource.slug == "calm-corners-a-classroom-toolkit"  # filled in from the title by the editor's script

    # Not live: a visitor gets "Page not found", and the library does not list it.
    open_public(visitor, resource_path, status=404)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Page not found")
    open_public(visitor, f"/{library.slug}/")
    expect(visitor.locator("#results-heading")).to_have_text("3 resources")
    expect(visitor.get_by_role("main")).not_to_contain_text(TITLE)

    # The Team Manager finds it awaiting their review on the dashboard and approves it.
    reviewer = new_page()
    sign_in_to_admin(reviewer, manager, admin_axe)
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    row = awaiting.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Esme Editor")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    # The dashboard reloads without it: nothing is left awaiting review.
    expect(reviewer.get_by_role("row").filter(has_text=TITLE)).to_have_count(0)
    admin_axe(reviewer)
    resource.refresh_from_db()
    assert resource.live and not resource.has_unpublished_changes

    # A visitor now finds it in the library by combining a topic and a key stage.
    open_public(visitor, f"/{library.slug}/")
    expect(visitor.locator("#results-heading")).to_have_text("4 resources")
    filters = visitor.locator("form").filter(has=visitor.get_by_role("button", name="Apply filters"))
    topic = filters.get_by_role("group", name="Topic").get_by_role("checkbox", name=re.compile(r"^Anxiety \("))
    key_stage = filters.get_by_role("group", name="Key stage").get_by_role(
        "checkbox", name=re.compile(r"^Key stage 2 \(")
    )
    expect(filters.get_by_role("group", name="Topic")).to_contain_text("Anxiety (3)")
    topic.check()
    key_stage.check()
    filters.get_by_role("button", name="Apply filters").click()
    expect(visitor).to_have_url(re.compile(r"[?&]topic=anxiety(&|$)"))
    expect(visitor).to_have_url(re.compile(r"[?&]key_stage=key-stage-2(&|$)"))
    axe_check(visitor)
    expect(visitor.locator("#results-heading")).to_have_text("2 resources")
    results = (
        visitor.get_by_role("list", name="2 resources")
        .get_by_role("listitem")
        .filter(has=visitor.get_by_role("heading", level=3))
    )
    expect(results.get_by_role("heading", level=3)).to_have_text([TITLE, "Worry busters"])
    expect(topic).to_be_checked()
    expect(key_stage).to_be_checked()

    results.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(re.compile(rf"{re.escape(resource_path)}$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("main")).to_contain_text(SUMMARY)
    expect(visitor.get_by_role("main")).to_contain_text("Key stage 2")
    expect(visitor.get_by_role("main")).to_contain_text("Anxiety")
    expect(visitor.locator('meta[name="description"]')).to_have_attribute("content", SUMMARY)
    axe_check(visitor)

    # And through the site search: the header's Search link, then narrowed to PSHE resources.
    visitor.get_by_role("banner").get_by_role("link", name="Search").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Search the School Wellbeing Service")
    axe_check(visitor)
    visitor.get_by_label("Search for resources, programmes, courses and services").fill(SEARCH_WORD)
    visitor.get_by_role("search").get_by_role("button", name="Search").click()
    expect(visitor.locator("#results-heading")).to_have_text(f"2 results for ‘{SEARCH_WORD}’")
    axe_check(visitor)
    types = visitor.get_by_role("navigation", name="Type of content")
    types.get_by_role("link", name="PSHE resources (1)").click()
    expect(visitor).to_have_url(re.compile(r"[?&]type=pshe-resources(&|$)"))
    expect(visitor.locator("#results-heading")).to_have_text(f"1 result for ‘{SEARCH_WORD}’ in pshe resources")
    expect(types.locator("[aria-current]")).to_have_text("PSHE resources (1)")
    found = visitor.get_by_role("list", name=re.compile("result")).get_by_role("link")
    expect(found).to_have_text([TITLE])
    axe_check(visitor)
    found.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe_check(visitor)
