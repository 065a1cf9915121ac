"""Organisations and referral routes are managed as snippets under one "Directory" menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, ReferralRoute


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "email", "phone"]
    search_fields = ["name"]
    ordering = ["name"]


class ReferralRouteViewSet(SnippetViewSet):
    model = ReferralRoute
    icon = "arrow-right"
    menu_label = "Referral routes"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "Directory"
    menu_icon = "site"
    menu_order = 260
    items = (OrganisationViewSet, ReferralRouteViewSet)


register_snippet(DirectoryGroup)
