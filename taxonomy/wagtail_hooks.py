"""The vocabularies appear together under one "Vocabularies" menu in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, KeyStage, Principle, ResourceType, ThriveGrouping, Topic


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class TopicViewSet(VocabularyViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    ordering = ["kind", "sort_order", "name"]


class KeyStageViewSet(VocabularyViewSet):
    model = KeyStage
    icon = "group"


class PrincipleViewSet(VocabularyViewSet):
    model = Principle
    icon = "list-ol"
    list_display = ["number", "name"]
    ordering = ["number"]


class ThriveGroupingViewSet(VocabularyViewSet):
    model = ThriveGrouping
    icon = "pick"
    list_display = ["name", "short_description", "sort_order"]


class AudienceViewSet(VocabularyViewSet):
    model = Audience
    icon = "user"


class ResourceTypeViewSet(VocabularyViewSet):
    model = ResourceType
    icon = "doc-full"


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Vocabularies"
    menu_icon = "tag"
    menu_order = 250
    items = (
        TopicViewSet,
        KeyStageViewSet,
        PrincipleViewSet,
        ThriveGroupingViewSet,
        AudienceViewSet,
        ResourceTypeViewSet,
    )


register_snippet(VocabularyGroup)
