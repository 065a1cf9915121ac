"""Versioned definitions that editors maintain in the admin: the self-assessment framework, the award criteria.

A definition (a version) has children (statements, criteria). Exactly one version is published
(current) at a time; what schools answered stays tied to the version they answered, so a version
with answers is frozen and editors change the definition by copying it as a new draft and
publishing that. Each concrete model names its children (`child_relation`), what answers it
(`answered_relation`) and gives itself the one-published constraint (`one_published_constraint`).
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from modelcluster.models import ClusterableModel


class VersioningError(Exception):
    """A change to a versioned definition the rules do not allow; the message is shown to the editor."""


def one_published_constraint(model_name, message):
    """The database's guarantee that at most one version of `model_name` is published."""
    return models.UniqueConstraint(
        fields=["status"],
        condition=Q(status="published"),
        name=f"{model_name}_one_published",
        violation_error_message=message,
    )


class VersionQuerySet(models.QuerySet):
    def current(self):
        """The published version schools answer now, or None."""
        return self.filter(status=VersionedDefinition.Status.PUBLISHED).first()


class VersionedDefinition(ClusterableModel):
    """One numbered version of a definition: draft, published (current) or retired."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published (current)"
        RETIRED = "retired", "Retired"

    number = models.PositiveSmallIntegerField(unique=True, editable=False)
    name = models.CharField(max_length=150)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = VersionQuerySet.as_manager()

    # The related name of the children, how the editor calls one, the relation that answers a
    # version (which freezes it), and other fields a copy keeps.
    child_relation = ""
    child_label = "item"
    answered_relation = ""
    copied_fields = ()

    class Meta:
        abstract = True
        ordering = ["-number"]

    def __str__(self):
        return f"Version {self.number}: {self.name}"

    def save(self, *args, **kwargs):
        """Number new versions one after the last."""
        if self.number is None:
            last = type(self).objects.aggregate(last=models.Max("number"))["last"] or 0
            self.number = last + 1
        super().save(*args, **kwargs)

    @property
    def is_answered(self):
        """Whether any school has answered this version (its children are then frozen)."""
        return self.pk is not None and getattr(self, self.answered_relation).exists()

    def children(self):
        """The version's children as saved, in order."""
        return getattr(self, self.child_relation).all()


@transaction.atomic
def publish(version, user):
    """Make `version` the current one; the version published before is retired."""
    model = type(version)
    version = model.objects.select_for_update().get(pk=version.pk)
    if version.status != model.Status.DRAFT:
        raise VersioningError("Only a draft can be published.")
    if not version.children().exists():
        raise VersioningError(f"Add at least one {version.child_label} before publishing.")
    model.objects.filter(status=model.Status.PUBLISHED).update(status=model.Status.RETIRED)
    version.status = model.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = user
    version.save(update_fields=["status", "published_at", "published_by"])
    return version


@transaction.atomic
def copy_as_draft(version):
    """A new draft version with the same children, ready for editors to change."""
    model = type(version)
    draft = model.objects.create(
        name=f"{version.name} (copy)"[:150],
        status=model.Status.DRAFT,
        **{name: getattr(version, name) for name in version.copied_fields},
    )
    relation = model._meta.get_field(version.child_relation)
    child_model, parent_field = relation.related_model, relation.field
    copied = [
        field.attname
        for field in child_model._meta.concrete_fields
        if not field.primary_key and field.name != parent_field.name
    ]
    child_model.objects.bulk_create(
        child_model(**{parent_field.attname: draft.pk, **{name: getattr(child, name) for name in copied}})
        for child in version.children().order_by("sort_order", "pk")
    )
    return draft
