"""Attachments: documents held in Wagtail and links to other websites, shown as a GOV.UK attachment list."""

from urllib.parse import urlsplit

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

FILE_TYPES = {
    "csv": "CSV",
    "docx": "MS Word Document",
    "odt": "OpenDocument Text",
    "pdf": "PDF",
    "pptx": "MS PowerPoint Presentation",
    "rtf": "Rich Text Format",
    "txt": "Plain text",
    "xlsx": "MS Excel Spreadsheet",
}


def describe_file_type(extension):
    """The file type as GOV.UK attachments name it, e.g. 'PDF' or 'MS Word Document'."""
    extension = (extension or "").lower()
    return FILE_TYPES.get(extension, extension.upper() or "File")


class DocumentAttachmentBlock(blocks.StructBlock):
    """A file from the document library; its type and size are shown next to the link."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200, help_text="Defaults to the document's title.")

    class Meta:
        icon = "doc-full"
        label = "Document"
        template = "resources/blocks/document_attachment.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        document = value.get("document")
        if document:
            context["file_type"] = describe_file_type(document.file_extension)
            context["file_size"] = document.get_file_size()
        return context


class LinkAttachmentBlock(blocks.StructBlock):
    """A resource published on another website."""

    url = blocks.URLBlock(label="Address")
    title = blocks.CharBlock(
        max_length=200, help_text="Name the resource, not the website, e.g. 'Exam stress lessons'."
    )
    description = blocks.TextBlock(required=False, max_length=300, help_text="What people will find there.")

    class Meta:
        icon = "link"
        label = "Link to another website"
        template = "resources/blocks/link_attachment.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        host = urlsplit(value.get("url") or "").hostname or ""
        context["host"] = host.removeprefix("www.")
        return context


class AttachmentsBlock(blocks.StreamBlock):
    """Files and links attached to a page, in the order editors choose."""

    document = DocumentAttachmentBlock()
    link = LinkAttachmentBlock()
