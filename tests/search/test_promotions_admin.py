"""Editors' search promotions: the Team Manager manages them in Wagtail's admin."""

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query

import pytest

from home.demo_content import build_site
from users.roles import Role

pytestmark = pytest.mark.django_db

# Wagtail 8 checks these (on SearchPromotion, not Query) for the "Promoted search results" menu and views.
PROMOTION_PERMISSIONS = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]


def test_team_manager_has_the_promotion_permissions_wagtail_checks(role_user):
    manager = role_user(Role.TEAM_MANAGER)
    assert all(manager.has_perm(f"wagtailsearchpromotions.{codename}") for codename in PROMOTION_PERMISSIONS)


def test_with_the_promotion_permissions_the_team_manager_promotes_a_page(client, role_user):
    about = build_site()["about"]
    client.force_login(role_user(Role.TEAM_MANAGER))
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    response = client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "Wellbeing",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(about.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "Start here.",
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pick = Query.get("wellbeing").editors_picks.get()
    assert pick.page.specific == about and pick.description == "Start here."
    content = client.get(reverse("search"), {"q": "wellbeing"}).content.decode()
    assert 'govuk-tag--blue">Recommended' in content and "Start here." in content


@pytest.mark.parametrize("role", [Role.EDITOR, Role.WORKER])
def test_other_roles_cannot_manage_promotions(client, role_user, role):
    client.force_login(role_user(role))
    response = client.get(reverse("wagtailsearchpromotions:index"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
