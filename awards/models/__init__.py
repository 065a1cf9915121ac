"""The mental health award: stages, criteria, evidence, submissions and the awards they earn."""

from .awards import AWARD_LIFETIME, EXPIRING_SOON, Award
from .stages import Stage

__all__ = ["AWARD_LIFETIME", "EXPIRING_SOON", "Award", "Stage"]
