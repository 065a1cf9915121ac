"""What the libraries offer for a principle: live interventions, resources and courses tagged with it.

"Best first" means: when a school is given, pages tagged with a topic of the school's highest risk
factors in the Brighter Futures Survey first (surveys.services.highest_risk_factors); then
interventions with the strongest evidence first; then, for every kind, pages tagged with fewer
principles first (a page about one principle is a closer match than one tagged with all eight); then
by title. A fixed number of queries whatever the number of principles or pages.
"""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, Value, When

from wagtail.models import Page

from resources.models import EvidenceStrength, InterventionPage, ResourcePage
from surveys.services import highest_risk_factors
from training.models import CoursePage

PER_KIND = 3
KINDS = {"interventions": InterventionPage, "resources": ResourcePage, "courses": CoursePage}


def _evidence_rank(prefix):
    """Evidence strength as a number from the link table, strongest 0."""
    return Case(
        *(When(**{f"{prefix}__evidence_strength": v}, then=Value(i)) for i, v in enumerate(EvidenceStrength.values)),
        default=Value(len(EvidenceStrength.values)),
        output_field=IntegerField(),
    )


def _ranked_links(model, principle_ids, visible, topic_ids=()):
    """(page, principle id) for every live, public page of `model` tagged with one of the principles, best first."""
    through = model.principles.through
    page = model._meta.model_name
    focus = Subquery(
        through.objects.filter(**{f"{page}_id": OuterRef(f"{page}_id")})
        .values(f"{page}_id")
        .annotate(total=Count("pk"))
        .values("total"),
        output_field=IntegerField(),
    )
    links = (
        through.objects.filter(principle_id__in=principle_ids, **{f"{page}_id__in": visible})
        .select_related(page)
        .annotate(focus=focus)
    )
    order = ["focus", f"{page}__title", f"{page}_id"]
    if model is InterventionPage:
        links = links.annotate(evidence_rank=_evidence_rank(page))
        order.insert(0, "evidence_rank")
    if topic_ids:
        tagged = model.topics.through.objects.filter(**{f"{page}_id": OuterRef(f"{page}_id")}, topic_id__in=topic_ids)
        links = links.annotate(risk_match=Exists(tagged))
        order.insert(0, "-risk_match")
    return [(getattr(link, page), link.principle_id) for link in links.order_by(*order)]


def _risk_topic_ids(school):
    """The library topics of the school's highest survey risk factors."""
    return sorted({topic.pk for indicator in highest_risk_factors(school) for topic in indicator.topics.all()})


def recommendations_for(principles, per_kind=PER_KIND, school=None):
    """For each principle, up to `per_kind` live pages of each kind tagged with it, best first for `school`."""
    by_id = {principle.pk: principle for principle in principles}
    result = {principle: {kind: [] for kind in KINDS} for principle in by_id.values()}
    if not by_id:
        return result
    # Built once: finding private pages costs a query, whatever the kind of page.
    visible = Page.objects.live().public().values("pk")
    topic_ids = _risk_topic_ids(school) if school is not None else []
    for kind, model in KINDS.items():
        for page, principle_id in _ranked_links(model, list(by_id), visible, topic_ids):
            chosen = result[by_id[principle_id]][kind]
            if len(chosen) < per_kind:
                chosen.append(page)
    return result
