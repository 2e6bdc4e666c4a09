"""The dossier as a paged A4 PDF, laid out like the Interreg Europe good-practice template.

Every measure starts on a new page; each page has a header with the
catalogue's name and the date, and a footer "Page n of m". The text is set in
DejaVu Sans, shipped under static/fonts/, which has every letter of the
partnership's languages (the PDF base fonts stop at Latin-1: no ł, no ő).
"""

from functools import lru_cache, partial
from io import BytesIO
from xml.sax.saxutils import escape

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from measures.models.documentation import NOT_DOCUMENTED

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "fonts/DejaVuSans.ttf", FONT_BOLD: "fonts/DejaVuSans-Bold.ttf"}

INK = colors.HexColor("#1b2330")
SOFT = colors.HexColor("#4a5568")
BRAND = colors.HexColor("#1d4e89")
LINE = colors.HexColor("#d9dde3")
MARGIN = 18 * mm


@lru_cache(maxsize=1)
def register_fonts():
    """Register the fonts with reportlab, once per process."""
    for name, relative in FONT_FILES.items():
        path = finders.find(relative)
        if path is None:
            raise ImproperlyConfigured(f"The font static/{relative} is missing.")
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def styles():
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14.5, textColor=INK)
    return {
        "body": base,
        "eyebrow": ParagraphStyle(
            "eyebrow", parent=base, fontName=FONT_BOLD, fontSize=9, textColor=SOFT, spaceAfter=2
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=4
        ),
        "local": ParagraphStyle("local", parent=base, textColor=SOFT, spaceAfter=4),
        "summary": ParagraphStyle(
            "summary", parent=base, fontSize=11, leading=15.5, textColor=SOFT, spaceAfter=8
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=BRAND,
            spaceBefore=10,
            spaceAfter=3,
        ),
        "label": ParagraphStyle("label", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12),
        "fact": ParagraphStyle("fact", parent=base, fontSize=9, leading=12),
        "none": ParagraphStyle("none", parent=base, textColor=SOFT),
        "paragraph": ParagraphStyle("paragraph", parent=base, spaceAfter=5),
    }


def markup(text):
    """Plain text as reportlab paragraph markup: escaped, line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")


def paragraphs(text, style):
    """One flowable per paragraph of `text` (paragraphs are separated by blank lines)."""
    blocks = [block.strip() for block in str(text).replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(markup(block), style) for block in blocks if block]


class NumberedCanvas(Canvas):
    """Draws the header and "Page n of m" once the number of pages is known."""

    def __init__(self, *args, header="", page_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self._header = header
        self._page_label = page_label
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_furniture(total)
            super().showPage()
        super().save()

    def _draw_furniture(self, total):
        width, height = self._pagesize
        self.saveState()
        self.setStrokeColor(LINE)
        self.setFillColor(SOFT)
        self.setFont(FONT, 8.5)
        self.drawString(MARGIN, height - 12 * mm, self._header)
        self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
        self.line(MARGIN, 13.5 * mm, width - MARGIN, 13.5 * mm)
        label = self._page_label % {"page": self._pageNumber, "total": total}
        self.drawRightString(width - MARGIN, 9.5 * mm, label)
        self.restoreState()


def measure_story(entry, style):
    story = [
        Paragraph(markup(entry["facts"][0][1]), style["eyebrow"]),
        Paragraph(markup(entry["title"]), style["title"]),
    ]
    if entry["title_local"]:
        story.append(Paragraph(markup(entry["title_local"]), style["local"]))
    story.append(Paragraph(markup(entry["summary"]), style["summary"]))

    rows = [
        [Paragraph(markup(label), style["label"]), Paragraph(markup(value), style["fact"])]
        for label, value in entry["facts"]
    ]
    facts = Table(rows, colWidths=[42 * mm, None], hAlign="LEFT")
    facts.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [facts, Spacer(0, 4)]

    for label, text in entry["sections"]:
        heading = Paragraph(markup(label), style["heading"])
        body = paragraphs(text, style["paragraph"]) or [
            Paragraph(markup(str(NOT_DOCUMENTED)), style["none"])
        ]
        # A heading never stays alone at the foot of a page.
        story += [KeepTogether([heading, body[0]]), *body[1:]]

    if entry["indicators"]:
        story.append(Paragraph(markup(_("Results in figures")), style["heading"]))
        story.append(indicator_table(entry["indicators"], style))

    if entry.get("opinions"):
        story += opinions_story(entry["opinions"], style)

    if entry.get("fit"):
        story += fit_story(entry["fit"], style)

    story.append(Paragraph(markup(_("Further information")), style["heading"]))
    links = [f"{markup(title)}: {markup(url)}" for title, url in entry["links"]]
    links.append(f"{markup(_('On the catalogue'))}: {markup(entry['url'])}")
    story += [Paragraph(link, style["paragraph"]) for link in links]

    story.append(Paragraph(markup(_("Contact")), style["heading"]))
    contact = _(
        "Write to the people behind this measure through the catalogue's contact form: %(url)s"
    ) % {"url": entry["contact_url"]}
    story.append(Paragraph(markup(contact), style["paragraph"]))
    return story


def opinions_story(opinions, style):
    """The measure's published expert opinions, each with its four ratings and reasons."""
    story = [Paragraph(markup(_("Expert opinions")), style["heading"])]
    for opinion in opinions:
        who = f"{opinion['name']}, {opinion['affiliation']} · {opinion['date']}"
        story.append(Paragraph(f"<b>{markup(who)}</b>", style["paragraph"]))
        story += paragraphs(opinion["text"], style["paragraph"])
        story += [
            Paragraph(
                f"• <b>{markup(label)}: {markup(score)}</b>. {markup(reason)}", style["paragraph"]
            )
            for label, score, reason in opinion["ratings"]
        ]
        if opinion["reply"]:
            reply_heading = markup(_("Reply by the measure's editors"))
            story.append(Paragraph(f"<b>{reply_heading}</b>", style["paragraph"]))
            story += paragraphs(opinion["reply"], style["paragraph"])
    return story


def fit_story(fit, style):
    """The visitor's kept fit check ("Could this work in my region?") under the measure."""
    story = [
        Paragraph(markup(_("Could this work in your region?")), style["heading"]),
        Paragraph(markup(fit["summary"]), style["paragraph"]),
    ]
    for heading, texts in fit["lines"]:
        story.append(Paragraph(f"<b>{markup(heading)}</b>", style["paragraph"]))
        story += [Paragraph(f"• {markup(text)}", style["paragraph"]) for text in texts]
    answers = _("Your answers: %(url)s") % {"url": fit["url"]}
    story.append(Paragraph(markup(answers), style["paragraph"]))
    return story


def indicator_table(indicators, style):
    header = [_("Indicator"), _("Baseline"), _("Target"), _("Achieved")]
    rows = [[Paragraph(markup(text), style["label"]) for text in header]]
    for row in indicators:
        rows.append(
            [
                Paragraph(markup(row[key] or "–"), style["fact"])
                for key in ("name", "baseline", "target", "achieved")
            ]
        )
    table = Table(rows, colWidths=["40%", "18%", "18%", "24%"], hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def render_pdf(entries, today):
    """The PDF of the dossier's `entries` (see measures.visitors.dossier.entries), as bytes."""
    register_fonts()
    style = styles()
    story = []
    for index, entry in enumerate(entries):
        if index:
            story.append(PageBreak())
        story += measure_story(entry, style)
    buffer = BytesIO()
    title = _("Next2Met catalogue: dossier of soft digitalisation measures")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="Next2Met",
    )
    header = f"{_('Next2Met catalogue')} · {date_format(today, 'DATE_FORMAT')}"
    document.build(
        story,
        canvasmaker=partial(
            NumberedCanvas, header=header, page_label=_("Page %(page)d of %(total)d")
        ),
    )
    return buffer.getvalue()
