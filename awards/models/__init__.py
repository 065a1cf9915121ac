"""The mental health award: stages, criteria, evidence, submissions and the awards they earn."""

from .awards import AWARD_LIFETIME, EXPIRING_SOON, Award
from .criteria import CriteriaVersion, Criterion
from .evidence import EvidenceFile
from .stages import Stage
from .submissions import AwardSubmission, CriterionEvidence, EvidenceRequest, progression_message, progression_problem

__all__ = [
    "AWARD_LIFETIME",
    "EXPIRING_SOON",
    "Award",
    "AwardSubmission",
    "CriteriaVersion",
    "Criterion",
    "CriterionEvidence",
    "EvidenceFile",
    "EvidenceRequest",
    "Stage",
    "progression_message",
    "progression_problem",
]
