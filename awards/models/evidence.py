"""A school's private evidence library: files uploaded once and attached to any criterion of any stage."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone


def evidence_storage():
    """The private storage outside MEDIA_ROOT, with no URL (looked up when the field is made, not at import)."""
    return storages["evidence"]


def evidence_path(instance, filename):
    """A random stored name under the school's folder: the original name is kept only in the database."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"school-{instance.school_id}/{secrets.token_urlsafe(24)}.{extension}"


class EvidenceFile(models.Model):
    """One file in a school's evidence library, checked by content before it is kept."""

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="evidence_files")
    file = models.FileField(storage=evidence_storage, upload_to=evidence_path, max_length=255)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "evidence file"
        indexes = [models.Index(fields=["school", "-uploaded_at"])]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        """The file's type as people know it, e.g. "PDF"."""
        return self.original_name.rsplit(".", 1)[-1].upper() if "." in self.original_name else ""
