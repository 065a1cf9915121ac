"""An award a school holds: a stage, its dates, and a certificate anyone can verify by its code."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from simple_history.models import HistoricalRecords

from .stages import Stage

AWARD_LIFETIME = timedelta(days=3 * 365)
EXPIRING_SOON = timedelta(days=90)


def new_certificate_code():
    """An unguessable code for the public verification page."""
    return secrets.token_urlsafe(16)


class AwardQuerySet(models.QuerySet):
    def valid(self, on=None):
        """Awards in force on a date (today by default): not revoked and not expired."""
        on = on or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=on)


class Award(models.Model):
    """A stage awarded to a school when the steering group approves its evidence."""

    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        EXPIRING_SOON = "expiring_soon", "Expiring soon"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="awards")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    awarded_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    code = models.CharField(max_length=40, unique=True, default=new_certificate_code, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_reason = models.TextField(blank=True)
    reminded_90_days_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_30_days_at = models.DateTimeField(null=True, blank=True, editable=False)
    submission = models.ForeignKey(
        "awards.AwardSubmission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        help_text="The approved evidence this award was made for.",
    )

    history = HistoricalRecords()
    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_at"]
        indexes = [models.Index(fields=["school", "stage"]), models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.get_stage_display()} award: {self.school.name}"

    def save(self, *args, **kwargs):
        """An award lasts three years from the day it is made."""
        if self.expires_at is None:
            self.expires_at = self.awarded_at + AWARD_LIFETIME
        super().save(*args, **kwargs)

    def status_on(self, when=None):
        """Valid, expiring soon, expired or revoked, on a date (now by default)."""
        when = when or timezone.now()
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= when:
            return self.Status.EXPIRED
        if self.expires_at - when <= EXPIRING_SOON:
            return self.Status.EXPIRING_SOON
        return self.Status.VALID

    @property
    def status(self):
        """The award's status now."""
        return self.status_on()
