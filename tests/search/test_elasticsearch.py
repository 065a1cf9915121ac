"""Elasticsearch 9: the configuration the settings produce and the index mappings, checked without a server.

The backend is built from the settings dict exactly as the site would build it when ELASTICSEARCH_URL is set.
Building it creates the Elasticsearch client, which connects only when a request is made; nothing here makes
one. The integration tests at the end run only when ELASTICSEARCH_URL points at a real server.
"""

import os
import runpy
import uuid
from pathlib import Path

from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail.search.backends import get_search_backend

import pytest

import sws_site.settings.base
from home.models import BasePage, HomePage, StandardPage

SETTINGS_FILE = Path(sws_site.settings.base.__file__)


def settings_with(monkeypatch, **environ):
    """The settings module's globals as they would be with these environment variables."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE), run_name="settings_under_test")


def backend_from(settings):
    params = dict(settings["WAGTAILSEARCH_BACKENDS"]["default"])
    return get_search_backend(params.pop("BACKEND"), **params)


@pytest.fixture
def es_settings(monkeypatch):
    return settings_with(
        monkeypatch, ELASTICSEARCH_URL="https://search.example.org:9243/es", SEARCH_INDEX_PREFIX="sws_test_"
    )


@pytest.fixture
def backend(es_settings):
    return backend_from(es_settings)


def test_without_elasticsearch_url_the_database_backend_is_used(monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    settings = runpy.run_path(str(SETTINGS_FILE), run_name="settings_under_test")
    assert settings["WAGTAILSEARCH_BACKENDS"] == {"default": {"BACKEND": "wagtail.search.backends.database"}}


def test_elasticsearch_url_selects_elasticsearch_9_with_the_index_prefix(es_settings, backend):
    config = es_settings["WAGTAILSEARCH_BACKENDS"]["default"]
    assert config["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert config["URLS"] == ["https://search.example.org:9243/es"]
    assert type(backend).__name__ == "Elasticsearch9SearchBackend"
    assert backend.index_prefix == "sws_test_"
    assert backend.timeout == 10
    assert backend.hosts == [{"host": "search.example.org", "port": 9243, "path_prefix": "/es", "scheme": "https"}]


def test_the_index_prefix_defaults_to_sws(monkeypatch):
    monkeypatch.delenv("SEARCH_INDEX_PREFIX", raising=False)
    backend = backend_from(settings_with(monkeypatch, ELASTICSEARCH_URL="http://127.0.0.1:9200"))
    assert backend.index_prefix == "sws_"
    assert backend.get_index_for_model(HomePage).name == "sws_wagtailcore_page"


def test_every_page_type_shares_the_prefixed_page_index(backend):
    names = {backend.get_index_for_model(model).name for model in get_page_models()}
    assert names == {"sws_test_wagtailcore_page"}


def test_home_and_standard_page_mappings_include_their_search_fields(backend):
    home = backend.mapping_class(HomePage).get_mapping()["properties"]
    standard = backend.mapping_class(StandardPage).get_mapping()["properties"]
    assert home["title"]["type"] == "text"
    assert home["title_edgengrams"]["type"] == "text"
    assert home["home_homepage__summary"]["type"] == "text"
    assert home["home_homepage__introduction"]["type"] == "text"
    assert home["home_homepage__body"]["type"] == "text"
    assert home["content_type_id_filter"]["type"] == "integer"
    assert home["live_filter"]["type"] == "boolean"
    assert standard["home_standardpage__summary"]["type"] == "text"
    assert standard["home_standardpage__body"]["type"] == "text"
    assert "_all_text" in standard and "_django_content_type" in standard


PAGE_MODELS = [model for model in get_page_models() if model is not Page]


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_maps_each_of_its_search_fields(backend, model):
    mapping = backend.mapping_class(model)
    properties = mapping.get_mapping()["properties"]
    for field in model.get_search_fields():
        name = mapping.get_field_column_name(field)
        assert name in properties, f"{model.__name__}.{field.field_name} is not in the mapping"
        if isinstance(field, index.SearchField) and not isinstance(field, index.RelatedFields):
            assert properties[name]["type"] == "text"
    if issubclass(model, BasePage):
        fields = model.get_search_fields()
        (summary,) = [f for f in fields if f.field_name == "summary" and type(f) is index.SearchField]
        assert properties[mapping.get_field_column_name(summary)]["type"] == "text"
    assert properties["_django_content_type"] == {"type": "keyword"}
    assert {mapping.get_content_type(), "wagtailcore.Page"} <= set(mapping.get_all_content_types())


def test_building_the_backend_does_not_connect(backend, monkeypatch):
    """Any request to the server would go through the transport; fail loudly if one is attempted."""

    def refuse(*args, **kwargs):
        raise AssertionError("the Elasticsearch client tried to connect")

    monkeypatch.setattr(backend.es.transport, "perform_request", refuse)
    backend.mapping_class(StandardPage).get_mapping()
    backend.get_index_for_model(StandardPage)
    assert backend.es is not None


needs_server = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="needs a running Elasticsearch 9: set ELASTICSEARCH_URL"
)


@needs_server
@pytest.mark.django_db
def test_a_page_indexed_in_elasticsearch_is_found(monkeypatch):
    from home.demo_content import build_site

    prefix = f"sws_test_{uuid.uuid4().hex[:8]}_"
    backend = backend_from(settings_with(monkeypatch, SEARCH_INDEX_PREFIX=prefix))
    pages = build_site()
    page = StandardPage(title="Kaleidoscope guidance", summary="A zanzibarian word only this page has.")
    pages["home"].add_child(instance=page)
    page_index = backend.get_index_for_model(StandardPage)
    page_index.reset()
    try:
        page_index.add_model(StandardPage)
        backend.add(page)
        page_index.refresh()
        assert page_index.name.startswith(prefix)
        assert list(backend.search("zanzibarian", StandardPage)) == [page]
        assert list(backend.search("zanzibarian", HomePage)) == []
        assert backend.search("kaleidoscope", Page.objects.live()).facet("content_type_id")
    finally:
        page_index.delete()
