"""The award's stages, in the order a school works through them."""

from django.db import models


class Stage(models.IntegerChoices):
    BRONZE = 1, "Bronze"
    SILVER = 2, "Silver"
    GOLD = 3, "Gold"

    @property
    def previous(self):
        """The stage that must be held before this one, or None for Bronze."""
        return Stage(self.value - 1) if self.value > Stage.BRONZE else None

    @property
    def slug(self):
        """The stage in URLs: "bronze", "silver", "gold"."""
        return self.label.lower()

    @classmethod
    def from_slug(cls, slug):
        """The stage a URL names, or None."""
        return next((stage for stage in cls if stage.slug == slug), None)
