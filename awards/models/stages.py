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
