"""The kinds of content the site search can be narrowed to, by page model.

Models are named as "app_label.ModelName" and looked up when a search runs, so a type whose
models do not exist (yet) is simply left out. Subclasses of a named model belong to its type.
The last type, "Pages", takes every page model no other type claims: the home page, standard
pages and listing pages.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.models import get_page_models


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str
    model_names: tuple = ()

    @property
    def is_remainder(self):
        return not self.model_names


RESULT_TYPES = (
    ResultType("pshe-resources", "PSHE resources", ("resources.ResourcePage",)),
    ResultType("interventions", "Interventions", ("resources.InterventionPage",)),
    ResultType("training-courses", "Training courses", ("training.CoursePage",)),
    ResultType("local-services", "Local services (THRIVE)", ("directory.ServicePage",)),
    ResultType("alternative-provision", "Alternative provision", ("directory.ProviderPage",)),
    ResultType(
        "best-practice",
        "Best practice",
        ("resources.BestPracticePage", "resources.CaseStudyPage", "resources.ForumNotesPage"),
    ),
    ResultType("pages", "Pages"),
)


def _existing_models(model_names):
    models = []
    for name in model_names:
        try:
            models.append(apps.get_model(name))
        except (LookupError, ValueError):
            continue
    return models


@dataclass
class AvailableType:
    """A result type with the content types of the page models that exist for it."""

    type: ResultType
    content_type_ids: list

    @property
    def key(self):
        return self.type.key

    @property
    def label(self):
        return self.type.label


def available_types(result_types=RESULT_TYPES):
    """The result types that have at least one page model, in display order.

    Content types come from Django's content type cache, so after the first call this costs no query.
    """
    page_models = [model for model in get_page_models() if not model._meta.abstract]
    claimed = set()
    resolved = []
    for result_type in result_types:
        if result_type.is_remainder:
            resolved.append((result_type, None))
            continue
        named = _existing_models(result_type.model_names)
        models = [model for model in page_models if any(issubclass(model, base) for base in named)]
        models = [model for model in models if model not in claimed]
        claimed.update(models)
        if models:
            resolved.append((result_type, models))
    remainder = [model for model in page_models if model not in claimed]
    content_types = ContentType.objects.get_for_models(*page_models)
    available = []
    for result_type, models in resolved:
        models = remainder if models is None else models
        if models:
            available.append(AvailableType(result_type, sorted(content_types[model].pk for model in models)))
    return available
