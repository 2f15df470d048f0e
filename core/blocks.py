"""StreamField blocks shared by every page type with a body."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        help_text=_("Use sections for the main parts of the page, subsections within them."),
        search_index=False,  # an editor's setting, not text readers search or read
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Why international mobility matters", "level": "h2"}


ALT_TEXT_REQUIRED = _(
    "Describe the image for readers who cannot see it (or give the image a description "
    "in the image library, or tick Decorative)."
)


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for readers who cannot see it. Leave empty "
            "to use the image's own description."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_("Tick only if the image adds nothing a reader needs to know."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with alternative text, caption and the image's credit.")

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image and not (value.get("alt_text") or image.description or value.get("decorative")):
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(ALT_TEXT_REQUIRED)}
            )
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Name"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Role or institution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A pull quote with the name and role of the person quoted.")
        preview_value = {
            "quote": "Health and scientific solutions know no borders.",
            "attribution": "Programme lead",
            "role": "Global outreach office",
        }


_YOUTUBE = re.compile(r"(^|\.)(youtube\.com|youtube-nocookie\.com)$")


def video_embed_url(url):
    """The privacy-friendly player URL for a YouTube or Vimeo link, else None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    if _YOUTUBE.search(host):
        video_id = parse_qs(parsed.query).get("v", [None])[0]
        if not video_id and parsed.path.startswith(("/embed/", "/live/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        if video_id and re.fullmatch(r"[\w-]{6,20}", video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host == "youtu.be" and re.fullmatch(r"/[\w-]{6,20}", parsed.path):
        return f"https://www.youtube-nocookie.com/embed{parsed.path}"
    if host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        match = re.search(r"/(\d+)", parsed.path)
        if match:
            return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return None


class VideoBlock(blocks.StructBlock):
    """A video that loads nothing from the video host until the reader asks for it."""

    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_("A YouTube or Vimeo link, for example https://www.youtube.com/watch?v=..."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _(
            "A YouTube or Vimeo video. Readers see a link; the player loads only when "
            "they choose to play it, so the page itself makes no request to the video host."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Introduction to cutting-edge immunology",
            "caption": "Opening lecture of the online course",
        }

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value["url"]):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Enter a YouTube or Vimeo video address."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        context["host"] = urlparse(value["url"]).hostname
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document")
        description = _("A link to a document with its file type and size.")


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an external address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter an address, not both."))
                }
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted box inviting readers to apply, register or get in touch.")
        preview_value = {
            "heading": "Join the next cohort",
            "text": "Applications for the autumn exchange are open until 15 March.",
            "button_label": "Apply now",
            "link": {"url": "https://example.org/apply"},
        }


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=200, help_text=_("Says what the table shows.")
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Number"))),
            (
                "rich_text",
                blocks.RichTextBlock(label=_("Rich text"), features=["bold", "italic", "link"]),
            ),
        ],
        label=_("Table"),
    )

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        label = _("Table")
        description = _("A data table with a caption and typed columns.")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Text"),
        template="blocks/paragraph_block.html",
        description=_("Paragraphs, lists and links."),
        preview_value=(
            "<p>Connecting bright minds across borders brings research to patient care "
            "in diverse contexts around the world.</p>"
        ),
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock()

    class Meta:
        label = _("Body")


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Figure"),
        max_length=20,
        help_text=_('The number as readers see it, e.g. "95" or "€449,930".'),
    )
    label = blocks.CharBlock(
        label=_("Label"),
        max_length=120,
        help_text=_('What it counts, e.g. "students from partner universities".'),
    )

    class Meta:
        icon = "order"
        template = "blocks/figure_block.html"
        label = _("Key figure")
        description = _("A number with what it counts, shown large on the home page.")
        preview_value = {"value": "95", "label": "students from partner universities"}


SOCIAL_PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("x", "X"),
    ("other", _("Other")),
]


class SocialLinkValue(blocks.StructValue):
    @property
    def platform_label(self):
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), "")


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(label=_("Platform"), choices=SOCIAL_PLATFORMS, search_index=False)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Social link")
        value_class = SocialLinkValue
