"""Checking and keeping evidence files: the only way a file gets into a school's evidence library.

A file is kept only if its extension is allowed, its content is what the extension says (read from
the bytes, not trusted from the browser), and it is within the size limit. Anything else is refused
with a message for the school, and nothing is stored.
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename

import filetype

from .models import EvidenceFile

MAX_SIZE = 20 * 1024 * 1024
MAX_SIZE_LABEL = "20MB"
MAX_NAME_LENGTH = 150
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Kind:
    """One allowed type of file: its extensions, the type we serve it as, and what people call it."""

    extensions: tuple
    content_type: str
    label: str


PDF = Kind(("pdf",), "application/pdf", "PDF")
PNG = Kind(("png",), "image/png", "PNG image")
JPEG = Kind(("jpg", "jpeg"), "image/jpeg", "JPEG image")
GIF = Kind(("gif",), "image/gif", "GIF image")
DOCX = Kind(("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document")
XLSX = Kind(("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet")
PPTX = Kind(
    ("pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint presentation"
)
DOC = Kind(("doc",), "application/msword", "Word 97-2003 document")
XLS = Kind(("xls",), "application/vnd.ms-excel", "Excel 97-2003 spreadsheet")
PPT = Kind(("ppt",), "application/vnd.ms-powerpoint", "PowerPoint 97-2003 presentation")
KINDS = (PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, PNG, JPEG, GIF)
BY_EXTENSION = {extension: kind for kind in KINDS for extension in kind.extensions}

# The part an Office Open XML package of each kind must hold; the stream an OLE2 (97-2003) file must hold.
OOXML_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
OLE2_STREAMS = {DOC: ("WordDocument",), XLS: ("Workbook", "Book"), PPT: ("PowerPoint Document",)}
# Types the `filetype` library recognises from the first bytes.
SIMPLE_TYPES = {PDF: "application/pdf", PNG: "image/png", JPEG: "image/jpeg", GIF: "image/gif"}

ALLOWED_LABEL = "PDF, Word, Excel, PowerPoint, PNG, JPEG or GIF"


@dataclass(frozen=True)
class CheckedFile:
    """What the checks found out about an acceptable upload."""

    name: str
    kind: Kind
    size: int
    sha256: str


def clean_name(name):
    """The file's own name: no folders (Windows or Unix), no unsafe characters, no more than 150 characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:  # a name that is empty or only dots
        name = ""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension[:10].lower()
    stem = (stem or "evidence")[: MAX_NAME_LENGTH - len(extension) - 1]
    return f"{stem}.{extension}" if extension else stem


def check(upload):
    """The checked upload, or a ValidationError saying what is wrong with it."""
    name = clean_name(upload.name)
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    kind = BY_EXTENSION.get(extension)
    if kind is None:
        raise ValidationError(f"The selected file must be a {ALLOWED_LABEL}", code="extension")
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > MAX_SIZE:
        raise ValidationError(f"The selected file must be smaller than {MAX_SIZE_LABEL}", code="size")
    if not _content_is(kind, upload):
        raise ValidationError(
            f"The selected file is not a real {kind.label}: its content does not match its name. "
            f"Upload a {ALLOWED_LABEL}",
            code="content",
        )
    return CheckedFile(name=name, kind=kind, size=upload.size, sha256=_sha256(upload))


def _head(upload, length=8192):
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _content_is(kind, upload):
    """Whether the bytes are a file of this kind."""
    head = _head(upload)
    if kind in SIMPLE_TYPES:
        guessed = filetype.guess(head)
        return guessed is not None and guessed.mime == SIMPLE_TYPES[kind]
    if kind in OOXML_PARTS:
        return head.startswith(b"PK\x03\x04") and _zip_holds(upload, OOXML_PARTS[kind])
    return head.startswith(OLE2_MAGIC) and _ole2_holds(upload, OLE2_STREAMS[kind])


def _zip_holds(upload, part):
    """Whether the upload is a readable zip with the Office part and its content types list."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and part in names


def _ole2_holds(upload, streams):
    """Whether an OLE2 compound file names one of `streams` in its directory (UTF-16 names)."""
    upload.seek(0)
    found = False
    needles = [stream.encode("utf-16-le") for stream in streams]
    tail = b""
    for chunk in upload.chunks():
        window = tail + chunk
        if any(needle in window for needle in needles):
            found = True
            break
        tail = window[-64:]
    upload.seek(0)
    return found


def _sha256(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def store(school, upload, user, checked=None):
    """Check the upload and keep it in the school's library; raise ValidationError and keep nothing if it fails."""
    checked = checked or check(upload)
    evidence = EvidenceFile(
        school=school,
        original_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
    )
    evidence.file.save(checked.name, upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence
