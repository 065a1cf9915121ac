"""Where evidence files live: a folder outside MEDIA_ROOT whose files have no URL at all."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage that never gives a URL: files go out only through a view that checks who asks.

    Django's own storage falls back to MEDIA_URL when `base_url` is None; this one refuses instead.
    """

    def url(self, name):
        raise ValueError("Evidence files have no URL: they are served only by the portal's download view.")
