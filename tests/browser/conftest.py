"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

Every test in this directory is marked `browser`, so `pytest -m "not browser"` (or
`make test PYTEST_ARGS='-m "not browser"'`) leaves them out.

- Chromium is Debian's `chromium` package at /usr/bin/chromium; Playwright's own browser download is not used.
  Without it the browser tests are skipped with a warning, except when CI=true, where they fail.
- Every page a test visits is checked with axe-core (node_modules/axe-core, installed by `npm ci`) against
  WCAG 2.2 A and AA, with the built GOV.UK Frontend stylesheet loaded, so colour contrast is really checked.
- The live server needs `transactional_db`, which empties every table after each test. The tests therefore use
  serialized rollback to get the migrations' data back (Wagtail's root page, the role groups) before each test,
  and the database is put back the way the migrations left it at the end of the session, so that `--reuse-db`
  does not hand the next run a test database without that data.
"""

import os
import warnings
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_TESTS_DIR.parents[1]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STYLESHEET = "/static/css/main.css"

MISSING_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) "
    "to run the browser tests"
)


class BrowserTestsSkipped(pytest.PytestWarning):
    """Shown in the warnings summary when the browser tests cannot run."""


def _in_ci():
    return os.environ.get("CI", "").strip().lower() == "true"


def _in_this_directory(item):
    return BROWSER_TESTS_DIR in Path(item.path).resolve().parents


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test here `browser` (before `-m` selects on it) and give it a restored transactional database."""
    for item in items:
        if _in_this_directory(item):
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def pytest_collection_finish(session):
    """Without Chromium, skip the selected browser tests loudly; in CI, let them fail instead (see `browser`)."""
    if CHROMIUM.exists() or _in_ci():
        return
    browser_items = [item for item in session.items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    warnings.warn(BrowserTestsSkipped(f"{len(browser_items)} browser tests SKIPPED. {MISSING_CHROMIUM}."), stacklevel=1)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))


def pytest_terminal_summary(terminalreporter):
    """Repeat the warning at the very end of a run (without xdist; with it, the warnings summary carries it)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if MISSING_CHROMIUM in str(r.longrepr)]
    if skipped:
        terminalreporter.section("browser tests not run", sep="!", red=True, bold=True)
        terminalreporter.line(f"{len(skipped)} browser tests were skipped. {MISSING_CHROMIUM}.", red=True, bold=True)


@pytest.fixture(scope="session")
def _migrated_test_database(django_db_setup, django_db_blocker, django_db_keepdb):
    """What the migrations put in the test database, serialized by pytest-django for serialized rollback.

    At the end of the session the database is put back that way, since the live server tests flushed it and
    `--reuse-db` (the project's default) would hand the next run a database without that data.
    """
    from django.core.management import call_command
    from django.db import connections

    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if getattr(connections[alias], "_test_serialized_contents", None)
    }
    yield contents
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        for alias, data in contents.items():
            # As TransactionTestCase flushes: sequences keep counting, so the restored rows' ids stay below them.
            call_command(
                "flush",
                database=alias,
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connections[alias].creation.deserialize_db_from_string(data)


@pytest.fixture(scope="package")
def browser(_migrated_test_database):
    """One headless system Chromium, shared by the browser tests.

    Package scope, not session scope: pytest-django runs live server tests after the other database tests but
    before the tests without a database, and while Playwright runs, this thread looks "async" to Django (see
    below). Package scope stops Playwright as soon as the next test is not a browser test, so no other test runs
    with the async-safety check relaxed or DJANGO_ALLOW_ASYNC_UNSAFE in the environment of its subprocesses.
    Normally that is one launch per process (per xdist worker).
    """
    if not CHROMIUM.exists():
        # Only reachable with CI=true: elsewhere the tests were skipped at collection.
        pytest.fail(f"{MISSING_CHROMIUM}. CI=true, so the browser tests must run, not be skipped.", pytrace=False)
    from django.db import connections

    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API leaves its asyncio event loop marked as running in this thread. Django then sees
    # "async" code: its no-database-access-from-async check must be relaxed, and asgiref hands out a second set
    # of database connections, which need the serialized test data for serialized rollback too.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        expect.set_options(timeout=10_000)  # the default 5 seconds is tight on a busy 2-core CI machine
        for alias, data in _migrated_test_database.items():
            connections[alias]._test_serialized_contents = data
        yield browser
        connections.close_all()
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) and tab for each test, 1280x900."""
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.script_errors = []
    page.failed_assets = []

    def record_failed_asset(response):
        if response.status >= 400 and "/static/" in response.url:
            page.failed_assets.append(f"{response.status} {response.url}")

    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on("response", record_failed_asset)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core is not installed ({AXE_JS.relative_to(REPO_ROOT)} is missing): run `npm ci` in the "
            "repository root.",
            pytrace=False,
        )
    return AXE_JS.read_text(encoding="utf-8")


def format_violations(url, violations):
    """A readable list of axe violations: rule, impact, help, and the selectors of the failing elements."""
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(str(part) for part in node['target'])}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_check(axe_source):
    """`axe_check(page)` fails the test if axe-core finds WCAG 2.2 A/AA violations on the page as it is now.

    It also fails if the page's stylesheet did not load (colour contrast would then be checked against the
    browser's defaults), if a static file failed to load or if a script raised an error.
    """

    def check(page):
        url = page.url
        stylesheet_rules = page.evaluate(
            """(path) => {
                const sheet = [...document.styleSheets].find((s) => s.href && new URL(s.href).pathname === path);
                return sheet ? sheet.cssRules.length : 0;
            }""",
            STYLESHEET,
        )
        assert stylesheet_rules > 0, f"{STYLESHEET} did not load on {url}: run `npm run build`"
        assert not page.failed_assets, f"Static files failed to load on {url}: {page.failed_assets}"
        assert not page.script_errors, f"JavaScript errors on {url}: {page.script_errors}"

        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_source)
        results = page.evaluate(
            "(options) => window.axe.run(document, options)",
            {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        checked = {rule["id"] for kind in ("passes", "violations", "incomplete") for rule in results[kind]}
        assert "color-contrast" in checked, f"axe did not check colour contrast on {url}"
        if results["violations"]:
            pytest.fail(format_violations(url, results["violations"]), pytrace=False)

    return check


@pytest.fixture
def visit(page, axe_check):
    """`visit(path)` opens a page of the live server, waits for it to load, checks its status and runs axe."""

    def go(path, status=200):
        response = page.goto(path, wait_until="load")
        assert response is not None, f"No response for {path}"
        assert response.status == status, f"{path} answered {response.status}, expected {status}"
        axe_check(page)
        return response

    return go
