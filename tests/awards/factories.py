"""Award submissions, evidence files and criteria in a given state, built through the same calls the portal makes."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import factory

from awards import evidence
from awards.models import Award, AwardSubmission, CriteriaVersion, Criterion, CriterionEvidence, Stage
from workflows.moderation import decide, submit

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
LINK = "https://example.org/wellbeing-policy"


def office_zip(part="word/document.xml"):
    """A minimal Office Open XML package holding `part` (word/, xl/ or ppt/)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(part, '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def ole2(stream):
    """The start of an OLE2 (Office 97-2003) compound file whose directory names `stream`."""
    return evidence.OLE2_MAGIC + b"\x00" * 1016 + stream.encode("utf-16-le") + b"\x00" * 512


def upload(name="training-log.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def evidence_file(school, user=None, name="training-log.pdf", content=PDF_BYTES):
    """A checked file in the school's library."""
    return evidence.store(school, upload(name, content), user)


def current_criteria():
    return CriteriaVersion.objects.current()


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    version = factory.LazyFunction(current_criteria)
    stage = Stage.BRONZE
    title = factory.Sequence(lambda n: f"Criterion {n} is met")
    sort_order = factory.Sequence(lambda n: 100 + n)


def start(school, user, stage=Stage.BRONZE):
    """Start a stage as the portal does: an empty first draft on the current criteria."""
    submission = AwardSubmission.objects.create(
        school=school, stage=stage, criteria_version=current_criteria(), live=False, has_unpublished_changes=True
    )
    submission.save_revision(user=user, log_action="wagtail.create")
    return AwardSubmission.objects.get(pk=submission.pk)


def evidence_all(submission, user, files=(), criteria=None, narrative="We did this, and here is how.", links=LINK):
    """Save a draft with evidence for every criterion (or `criteria`): a narrative, a link and `files`."""
    draft = submission.latest_revision.as_object()
    chosen = criteria if criteria is not None else submission.criteria()
    draft.evidence = [
        _evidence(criterion, narrative, links, files) for criterion in sorted(chosen, key=lambda c: c.sort_order)
    ]
    submission.save_draft(user, draft)
    return AwardSubmission.objects.get(pk=submission.pk)


def _evidence(criterion, narrative, links, files):
    item = CriterionEvidence(criterion=criterion, narrative=narrative, links=links, sort_order=criterion.sort_order)
    item.files = list(files)
    return item


def drafted(school, user, stage=Stage.BRONZE, files=()):
    """A stage started with evidence for every criterion, not yet submitted."""
    return evidence_all(start(school, user, stage), user, files=files)


def submitted(school, user, stage=Stage.BRONZE, files=()):
    submission = drafted(school, user, stage, files=files)
    submit(submission, user)
    return AwardSubmission.objects.get(pk=submission.pk)


def at_steering_step(school, user, worker, stage=Stage.BRONZE):
    submission = submitted(school, user, stage)
    decide(submission, worker, "approve")
    return AwardSubmission.objects.get(pk=submission.pk)


def approved(school, user, worker, steering, stage=Stage.BRONZE):
    """A stage approved by the worker and two steering members: the award is made."""
    submission = at_steering_step(school, user, worker, stage)
    for member in steering[:2]:
        decide(AwardSubmission.objects.get(pk=submission.pk), member, "approve")
    return AwardSubmission.objects.get(pk=submission.pk)


def held_award(school, stage=Stage.BRONZE, days_left=400, revoked=False):
    """An award of `stage` for the school expiring in `days_left` days (negative: expired)."""
    expires_at = timezone.now() + datetime.timedelta(days=days_left)
    return Award.objects.create(
        school=school,
        stage=stage,
        awarded_at=expires_at - datetime.timedelta(days=3 * 365),
        expires_at=expires_at,
        revoked_at=timezone.now() if revoked else None,
    )


