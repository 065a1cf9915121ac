"""The short confidence-and-knowledge questionnaire staff answer before and after training or support.

Each answer is one `QuestionnaireResponse`. A "post" answer (after training, after a period of
working alongside a worker) keeps a link, `pre`, to the same person's "pre" answer for the same
booking or period, so pairs are read with one join however many there are (see pairing.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from schools.models import School
from support.models import SupportRecord

LOWEST, HIGHEST = 1, 5


class Kind(models.TextChoices):
    PRE_TRAINING = "pre_training", "Before training"
    POST_TRAINING = "post_training", "After training"
    BEFORE_SUPPORT = "before_support", "Before working alongside a wellbeing worker"
    AFTER_SUPPORT = "after_support", "After working alongside a wellbeing worker"


TRAINING_KINDS = (Kind.PRE_TRAINING, Kind.POST_TRAINING)
SUPPORT_KINDS = (Kind.BEFORE_SUPPORT, Kind.AFTER_SUPPORT)
PRE_KINDS = (Kind.PRE_TRAINING, Kind.BEFORE_SUPPORT)
POST_KINDS = (Kind.POST_TRAINING, Kind.AFTER_SUPPORT)
PRE_OF = {Kind.POST_TRAINING: Kind.PRE_TRAINING, Kind.AFTER_SUPPORT: Kind.BEFORE_SUPPORT}
POST_OF = {pre: post for post, pre in PRE_OF.items()}


def _rating(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )


def _subject_constraints(prefix):
    """Training answers name a booking and no period; support answers a period and no booking."""
    training = Q(kind__in=TRAINING_KINDS, booking__isnull=False, support_period__isnull=True)
    support = Q(kind__in=SUPPORT_KINDS, booking__isnull=True, support_period__isnull=False)
    return [
        models.CheckConstraint(condition=training | support, name=f"{prefix}_names_its_booking_or_period"),
        models.UniqueConstraint(
            fields=["respondent", "booking", "kind"],
            condition=Q(booking__isnull=False),
            name=f"{prefix}_once_per_booking",
        ),
        models.UniqueConstraint(
            fields=["respondent", "support_period", "kind"],
            condition=Q(support_period__isnull=False),
            name=f"{prefix}_once_per_period",
        ),
    ]


class QuestionnaireResponse(models.Model):
    """One person's four ratings, 1 to 5, before or after a training session or a period of support."""

    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="questionnaire_responses")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    booking = models.ForeignKey(
        "training.Booking", on_delete=models.CASCADE, null=True, blank=True, related_name="questionnaire_responses"
    )
    support_period = models.ForeignKey(
        SupportRecord,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questionnaire_responses",
        limit_choices_to={"kind": SupportRecord.Kind.WORKING_ALONGSIDE},
    )
    confidence = _rating("confidence supporting pupils' mental health")
    knowledge = _rating("knowledge of mental health")
    thrive_understanding = _rating("understanding of the THRIVE model")
    thrive_access = _rating("knowing how to access THRIVE support")
    submitted_at = models.DateTimeField(default=timezone.now)
    # Set on a post answer when its pre answer exists (services.link_pair / link_pairs): pairs are then a join.
    pre = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="post"
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["kind", "submitted_at"]),
            # The KPI dashboard's matched pairs by date, read from the index alone (see bench/README.md).
            models.Index(
                fields=["submitted_at"],
                include=["kind", "pre", "respondent", "school", "confidence", "knowledge"],
                condition=Q(pre__isnull=False),
                name="questionnaire_pairs_by_date",
            ),
        ]
        constraints = [
            *_subject_constraints("questionnaire"),
            models.CheckConstraint(
                condition=Q(
                    confidence__range=(LOWEST, HIGHEST),
                    knowledge__range=(LOWEST, HIGHEST),
                    thrive_understanding__range=(LOWEST, HIGHEST),
                    thrive_access__range=(LOWEST, HIGHEST),
                ),
                name="questionnaire_ratings_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(pre__isnull=True) | Q(kind__in=POST_KINDS), name="questionnaire_only_posts_link_a_pre"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.respondent}"

    @property
    def is_post(self):
        """Whether this answer comes after the training or support."""
        return self.kind in POST_KINDS


class QuestionnaireInvitation(models.Model):
    """An emailed invitation to answer a questionnaire: kept so that each person is asked once."""

    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    booking = models.ForeignKey("training.Booking", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    support_period = models.ForeignKey(SupportRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = _subject_constraints("questionnaire_invitation")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.respondent}, invited {self.invited_at:%Y-%m-%d}"
