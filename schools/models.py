"""The school registry: localities, clusters, schools (from GIAS), memberships and assignments."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from simple_history.models import HistoricalRecords


class Locality(models.Model):
    """One of the borough's areas; each has a senior wellbeing worker."""

    name = models.CharField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self):
        return self.name


class Cluster(models.Model):
    """A secondary school and its feeder primaries, worked with as one group."""

    name = models.CharField(max_length=100, unique=True)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="clusters")
    secondary_school = models.OneToOneField(
        "School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_of_cluster",
        help_text="The secondary school at the centre of the cluster.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        """The hub must be a member of the cluster it leads."""
        school = self.secondary_school
        if school and self.pk and school.cluster_id not in (None, self.pk):
            raise ValidationError(
                {"secondary_school": f"{school} belongs to another cluster; move it here first."}
            )


class School(models.Model):
    """A school as published in the DfE's Get Information About Schools (GIAS); URN is the key."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        PROPOSED_TO_CLOSE = "proposed_to_close", "Open, but proposed to close"
        PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"

    OPEN_STATUSES = (Status.OPEN, Status.PROPOSED_TO_CLOSE)

    urn = models.PositiveIntegerField("URN", unique=True, help_text="Unique Reference Number in GIAS.")
    name = models.CharField(max_length=200)
    la_code = models.CharField("local authority code", max_length=10, blank=True)
    la_name = models.CharField("local authority", max_length=100, blank=True)
    establishment_number = models.CharField(max_length=10, blank=True)
    establishment_type = models.CharField("type", max_length=100, blank=True)
    establishment_type_group = models.CharField("type group", max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    phase = models.CharField("phase of education", max_length=50, blank=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    number_of_pupils = models.PositiveIntegerField(null=True, blank=True)
    street = models.CharField(max_length=100, blank=True)
    address_locality = models.CharField(max_length=100, blank=True)
    address3 = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.CharField(max_length=255, blank=True)
    telephone = models.CharField(max_length=30, blank=True)
    head_name = models.CharField("head teacher (GIAS)", max_length=200, blank=True)
    open_date = models.DateField(null=True, blank=True)
    close_date = models.DateField(null=True, blank=True)
    gias_last_changed = models.DateField("last changed in GIAS", null=True, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools"
    )

    history = HistoricalRecords(excluded_fields=["easting", "northing"])

    class Meta:
        ordering = ["name"]
        permissions = [("view_all_schools", "Can see every school, not only assigned clusters")]
        indexes = [models.Index(fields=["status", "phase"])]

    def __str__(self):
        return f"{self.name} ({self.urn})"

    @property
    def is_open(self):
        """Whether the school is open in GIAS (including open but proposed to close)."""
        return self.status in self.OPEN_STATUSES

    @property
    def address_lines(self):
        """The non-empty lines of the postal address."""
        parts = [self.street, self.address_locality, self.address3, self.town, self.county, self.postcode]
        return [part for part in parts if part]

    @property
    def age_range(self):
        """Statutory age range as shown to people, e.g. '4 to 11'."""
        if self.statutory_low_age is None or self.statutory_high_age is None:
            return ""
        return f"{self.statutory_low_age} to {self.statutory_high_age}"

    @property
    def website_url(self):
        """The website as a link target, with a scheme even when GIAS omits it."""
        if not self.website or self.website.startswith(("http://", "https://")):
            return self.website
        return f"https://{self.website}"


class Membership(models.Model):
    """A person's role at a school; at most one designated Mental Health Lead per school."""

    class Role(models.TextChoices):
        MENTAL_HEALTH_LEAD = "mental_health_lead", "Mental Health Lead"
        HEAD_TEACHER = "head_teacher", "Head teacher"
        STAFF = "staff", "Staff"

    # The school's leadership: they submit its plans, assessments and evidence, and are told of decisions.
    LEADERSHIP_ROLES = (Role.MENTAL_HEALTH_LEAD, Role.HEAD_TEACHER)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["school__name", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="membership_unique_user_school"),
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(role="mental_health_lead"),
                name="membership_one_lead_per_school",
                violation_error_message="This school already has a designated Mental Health Lead.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.school.name}"

    @property
    def is_lead(self):
        """Whether this member is the school's designated Mental Health Lead."""
        return self.role == self.Role.MENTAL_HEALTH_LEAD


class ClusterAssignment(models.Model):
    """A wellbeing worker assigned to a cluster; they review and support its schools."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cluster_assignments",
        limit_choices_to={"groups__name__in": ["Wellbeing Worker", "Senior Wellbeing Worker", "Team Manager"]},
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster__name", "worker__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "cluster"], name="assignment_unique_worker_cluster"),
        ]

    def __str__(self):
        return f"{self.worker} – {self.cluster}"


def _new_invitation_token():
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.SWS_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations not yet accepted, withdrawn or expired."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation for someone to join a school in the portal, accepted by following an emailed link."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    role = models.CharField(
        max_length=30,
        choices=[(Membership.Role.HEAD_TEACHER, "Head teacher"), (Membership.Role.STAFF, "Staff")],
        default=Membership.Role.STAFF,
    )
    token = models.CharField(max_length=64, unique=True, default=_new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.school.name}"

    @property
    def is_pending(self):
        """Whether the invitation can still be accepted."""
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > timezone.now()
