"""The awards app in the Wagtail admin."""

from . import wagtail_hooks_listing  # noqa: F401, I001 (registers the "Award status" report and revocation)
from . import wagtail_hooks_submissions  # noqa: F401, I001 (criteria versions, award submissions)
