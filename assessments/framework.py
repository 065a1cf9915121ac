"""Looking after the framework's versions: publishing one, and copying one as a new draft."""

from django.db import transaction
from django.utils import timezone

from .models import FrameworkVersion, Statement

FROZEN_MESSAGE = (
    "Schools have answered this version, so it can no longer be changed: their assessments stay tied to it. "
    "Use 'Copy as new draft' to make the next version, change that, then publish it."
)


class FrameworkError(Exception):
    """A change to the framework the rules do not allow; the message is shown to the editor."""


@transaction.atomic
def publish(version, user):
    """Make `version` the one schools answer; the version published before is retired."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != FrameworkVersion.Status.DRAFT:
        raise FrameworkError("Only a draft can be published.")
    if not version.statements.exists():
        raise FrameworkError("Add at least one statement before publishing.")
    FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED).update(
        status=FrameworkVersion.Status.RETIRED
    )
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = user
    version.save(update_fields=["status", "published_at", "published_by"])
    return version


@transaction.atomic
def copy_as_draft(version):
    """A new draft version with the same statements, ready for editors to change."""
    draft = FrameworkVersion.objects.create(
        name=f"{version.name} (copy)"[:150], introduction=version.introduction, status=FrameworkVersion.Status.DRAFT
    )
    Statement.objects.bulk_create(
        Statement(
            framework=draft,
            principle_id=s.principle_id,
            text=s.text,
            guidance=s.guidance,
            sort_order=s.sort_order,
        )
        for s in version.statements.order_by("sort_order", "pk")
    )
    return draft
