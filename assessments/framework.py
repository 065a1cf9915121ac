"""Looking after the framework's versions: publishing one, and copying one as a new draft.

The rules are those of every versioned definition (`sws_site.versioning`); this module keeps the
names the rest of the self-assessment uses.
"""

from sws_site.versioning import VersioningError, copy_as_draft, publish

FROZEN_MESSAGE = (
    "Schools have answered this version, so it can no longer be changed: their assessments stay tied to it. "
    "Use 'Copy as new draft' to make the next version, change that, then publish it."
)

FrameworkError = VersioningError

__all__ = ["FROZEN_MESSAGE", "FrameworkError", "copy_as_draft", "publish"]
