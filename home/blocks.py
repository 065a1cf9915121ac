"""StreamField blocks for prose pages, rendered with GOV.UK Frontend markup."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct for screen readers."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Level 2"), ("h3", "Level 3")], default="h2")

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent button leading to a page or address."""

    text = blocks.CharBlock(max_length=80, help_text="Say what happens, e.g. 'Book a training session'.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        """A call to action must lead somewhere."""
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError("Choose a page or enter an address.")}
            )
        return result


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document with its type and size, as GOV.UK does for attachments."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Defaults to the document's title.")

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_link.html"


class AccordionSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    content = blocks.RichTextBlock(features=["bold", "italic", "link", "document-link", "ol", "ul"])


class AccordionBlock(blocks.StructBlock):
    """Sections that open and close; readable without JavaScript."""

    sections = blocks.ListBlock(AccordionSectionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion.html"


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "openquote"
        template = "home/blocks/inset_text.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class BodyBlock(blocks.StreamBlock):
    """The building blocks of a prose page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="home/blocks/rich_text.html")
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    accordion = AccordionBlock()
    inset_text = InsetTextBlock()
