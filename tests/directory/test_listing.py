"""The faceted listings of services and of alternative provision: filters, counts, age bands, query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from directory.models import OfstedStatus, ReferralRoute
from schools.models import Locality
from taxonomy.models import KeyStage, ThriveGrouping, Topic
from tests.directory.factories import ProviderPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def groupings(*slugs):
    return list(ThriveGrouping.objects.filter(slug__in=slugs))


def routes(*slugs):
    return list(ReferralRoute.objects.filter(slug__in=slugs))


def topics(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


@pytest.fixture
def localities(db):
    return {name: Locality.objects.create(name=name) for name in ("West", "Central", "East")}


@pytest.fixture
def services(portal, localities):
    west, east = localities["West"], localities["East"]
    made = {
        "A": ServicePageFactory(
            parent=portal,
            title="A school counselling",
            thrive_groupings=groupings("getting-help"),
            min_age=6,
            max_age=10,
            referral_routes=routes("school"),
            localities=[west],
            topics=topics("anxiety"),
        ),
        "B": ServicePageFactory(
            parent=portal,
            title="B youth club",
            thrive_groupings=groupings("getting-help", "thriving"),
            min_age=12,
            max_age=15,
            referral_routes=routes("self", "school"),
            serves_whole_borough=True,
            topics=topics("bullying"),
        ),
        "C": ServicePageFactory(
            parent=portal,
            title="C specialist clinic",
            thrive_groupings=groupings("getting-more-help"),
            min_age=17,
            max_age=18,
            referral_routes=routes("gp"),
            localities=[east],
            topics=topics("anxiety", "self-harm"),
        ),
        "D": ServicePageFactory(
            parent=portal,
            title="D baby group",
            thrive_groupings=groupings("thriving"),
            min_age=0,
            max_age=3,
            referral_routes=routes("self"),
            localities=[west, east],
        ),
    }
    ServicePageFactory(parent=portal, title="E draft service", thrive_groupings=groupings("getting-help"), live=False)
    return made


def listing_for(client, portal, query=""):
    response = client.get(portal.url + "services/" + query)
    assert response.status_code == 200
    return response.context["listing"], response.content.decode()


def titles(listing):
    return [service.title[0] for service in listing.page.object_list]


def counts(listing, param):
    state = next(state for state in listing.facet_states if state.param == param)
    return {option.value: option.count for option in state.options}


def test_unfiltered_listing_shows_live_services_with_counts_per_facet(client, portal, services):
    listing, content = listing_for(client, portal)
    assert titles(listing) == ["A", "B", "C", "D"]  # never the draft
    assert counts(listing, "grouping") == {"thriving": 2, "getting-help": 2, "getting-more-help": 1}
    assert counts(listing, "referral") == {"self": 2, "school": 2, "gp": 1}
    # B serves the whole borough, so it counts under every locality.
    assert counts(listing, "locality") == {"central": 1, "east": 3, "west": 3}
    assert counts(listing, "topic") == {"bullying": 1, "anxiety": 2, "self-harm": 1}
    assert "4 services<" in content
    assert 'name="grouping" type="checkbox" value="getting-help"' in content
    assert 'Getting Help <span class="sws-meta">(2)</span>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?grouping=getting-help", ["A", "B"]),
        ("?grouping=thriving&grouping=getting-more-help", ["B", "C", "D"]),
        ("?referral=self", ["B", "D"]),
        ("?locality=central", ["B"]),
        ("?locality=west", ["A", "B", "D"]),
        ("?topic=anxiety", ["A", "C"]),
        ("?age=0-4", ["D"]),
        ("?age=16-19", ["C"]),
    ],
)
def test_each_facet_alone(client, portal, services, query, expected):
    listing, _content = listing_for(client, portal, query)
    assert titles(listing) == expected


def test_facets_combined_narrow_the_results_and_count_each_facet_against_the_others(client, portal, services):
    listing, content = listing_for(client, portal, "?grouping=getting-help&referral=self")
    assert titles(listing) == ["B"]
    # Each facet is counted with every *other* facet applied.
    assert counts(listing, "referral") == {"self": 1, "school": 2}
    assert counts(listing, "grouping") == {"thriving": 2, "getting-help": 1}
    assert counts(listing, "age") == {"11-16": 1}
    assert "1 service<" in content
    assert 'Remove<span class="govuk-visually-hidden"> filter</span> who can refer: Self-referral' in content

    listing, _content = listing_for(client, portal, "?locality=west&topic=anxiety&age=5-11")
    assert titles(listing) == ["A"]
    listing, _content = listing_for(client, portal, "?locality=east&grouping=getting-help&age=0-4")
    assert titles(listing) == []


def test_unknown_filter_values_do_not_break_the_listing(client, portal, services):
    listing, _content = listing_for(client, portal, "?age=100-200&locality=nowhere&page=999")
    assert titles(listing) == ["A", "B", "C", "D"]  # values the facets do not offer are ignored
    assert listing.page.number == 1  # an out-of-range page shows the last page


@pytest.mark.parametrize(
    ("ages", "bands"),
    [
        ((0, 4), ["0-4"]),
        ((4, 4), ["0-4"]),
        ((4, 5), ["0-4", "5-11"]),
        ((5, 5), ["5-11"]),
        ((11, 11), ["5-11", "11-16"]),
        ((12, 15), ["11-16"]),
        ((16, 16), ["11-16", "16-19"]),
        ((17, 18), ["16-19"]),
        ((19, 19), ["16-19", "19-25"]),
        ((20, 25), ["19-25"]),
        ((0, 25), ["0-4", "5-11", "11-16", "16-19", "19-25"]),
    ],
)
def test_a_service_is_under_every_age_band_its_range_overlaps(client, portal, ages, bands):
    ServicePageFactory(parent=portal, min_age=ages[0], max_age=ages[1])
    listing, _content = listing_for(client, portal)
    assert sorted(counts(listing, "age")) == sorted(bands)
    assert set(counts(listing, "age").values()) == {1}
    for band in ("0-4", "5-11", "11-16", "16-19", "19-25"):
        filtered, _content = listing_for(client, portal, f"?age={band}")
        assert filtered.count == (1 if band in bands else 0), band


def _add_services(portal, count, localities):
    for number in range(count):
        ServicePageFactory(
            parent=portal,
            thrive_groupings=groupings("getting-help", "thriving"),
            referral_routes=routes("self", "school"),
            topics=topics("anxiety", "bullying"),
            localities=[localities["West"]] if number % 2 else [],
            serves_whole_borough=not number % 2,
            min_age=number % 15,
            max_age=number % 15 + 5,
        )


@pytest.mark.parametrize(
    "query", ["", "?grouping=getting-help&age=11-16&referral=school&locality=west&topic=anxiety&page=2"]
)
def test_service_listing_query_count_does_not_grow_with_the_number_of_services(
    client, portal, localities, django_assert_num_queries, query
):
    _add_services(portal, 10, localities)
    url = portal.url + "services/" + query
    client.get(url)  # warm up caches (site root paths and the like)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200

    _add_services(portal, 190, localities)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(url)
    assert response.context["listing"].count > 20  # a full page and more: the list really grew


def test_landing_page_query_count_does_not_grow_with_the_number_of_services(
    client, portal, localities, django_assert_num_queries
):
    _add_services(portal, 10, localities)
    client.get(portal.url)
    with CaptureQueriesContext(connection) as ten:
        client.get(portal.url)
    _add_services(portal, 40, localities)
    with django_assert_num_queries(len(ten.captured_queries)):
        content = client.get(portal.url).content.decode()
    assert "See the 50 services for Getting Help" in content


# --- Alternative provision ------------------------------------------------------------------------------------


def key_stages(*slugs):
    return list(KeyStage.objects.filter(slug__in=slugs))


@pytest.fixture
def providers(ap_index):
    return {
        "P": ProviderPageFactory(
            parent=ap_index,
            title="P registered outstanding",
            registered=True,
            ofsted_status=OfstedStatus.OUTSTANDING,
            key_stages=key_stages("key-stage-3", "key-stage-4"),
            min_age=11,
            max_age=16,
        ),
        "Q": ProviderPageFactory(
            parent=ap_index,
            title="Q unregistered farm",
            registered=False,
            ofsted_status=OfstedStatus.NOT_INSPECTED,
            key_stages=key_stages("key-stage-4"),
            min_age=14,
            max_age=16,
        ),
        "R": ProviderPageFactory(
            parent=ap_index,
            title="R primary nurture",
            registered=True,
            ofsted_status=OfstedStatus.GOOD,
            key_stages=key_stages("key-stage-1", "key-stage-2"),
            min_age=5,
            max_age=11,
        ),
    }


def ap_listing(client, ap_index, query=""):
    response = client.get(ap_index.url + query)
    assert response.status_code == 200
    return response.context["listing"], response.content.decode()


def test_alternative_provision_facets_alone_and_combined(client, ap_index, providers):
    listing, content = ap_listing(client, ap_index)
    assert titles(listing) == ["P", "Q", "R"]
    assert counts(listing, "registered") == {"True": 2, "False": 1}
    assert counts(listing, "ofsted") == {"outstanding": 1, "good": 1, "not_inspected": 1}
    assert counts(listing, "key_stage") == {"key-stage-1": 1, "key-stage-2": 1, "key-stage-3": 1, "key-stage-4": 2}
    # Bands share boundary ages: P (11 to 16) is under 5-11, 11-16 and 16-19.
    assert counts(listing, "age") == {"5-11": 2, "11-16": 3, "16-19": 2}
    assert 'Registered independent school <span class="sws-meta">(2)</span>' in content

    assert titles(ap_listing(client, ap_index, "?registered=False")[0]) == ["Q"]
    assert titles(ap_listing(client, ap_index, "?ofsted=good&ofsted=outstanding")[0]) == ["P", "R"]
    assert titles(ap_listing(client, ap_index, "?key_stage=key-stage-4")[0]) == ["P", "Q"]
    assert titles(ap_listing(client, ap_index, "?age=5-11")[0]) == ["P", "R"]  # P is 11 to 16: shares age 11

    listing, _content = ap_listing(client, ap_index, "?key_stage=key-stage-4&registered=True")
    assert titles(listing) == ["P"]
    assert counts(listing, "registered") == {"True": 1, "False": 1}
    assert counts(listing, "key_stage") == {"key-stage-1": 1, "key-stage-2": 1, "key-stage-3": 1, "key-stage-4": 1}


def test_alternative_provision_ignores_values_it_does_not_offer(client, ap_index, providers):
    listing, _content = ap_listing(client, ap_index, "?registered=maybe&ofsted=brilliant&age=x")
    assert titles(listing) == ["P", "Q", "R"]


def test_alternative_provision_listing_query_count_is_constant(client, ap_index, django_assert_num_queries):
    def add(count):
        for number in range(count):
            ProviderPageFactory(
                parent=ap_index,
                key_stages=key_stages("key-stage-3", "key-stage-4"),
                registered=bool(number % 2),
                ofsted_status=OfstedStatus.GOOD if number % 3 else OfstedStatus.NOT_INSPECTED,
            )

    url = ap_index.url + "?key_stage=key-stage-4&age=11-16&registered=True"
    add(10)
    client.get(url)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    add(190)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(url)
    assert response.context["listing"].count == 100
