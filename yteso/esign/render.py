"""A4 PDF documents with correct Vietnamese text and a QR code to the verification page.

Generic: a title, sections of (heading, text), an optional verification QR code and a footer on
every page. Text is set in an embedded TrueType font with every Vietnamese letter
(:mod:`yteso.esign.fonts`), so the document looks the same everywhere and text can be copied out.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from yteso.esign.fonts import FontPair, vietnamese_fonts

NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
"""Quốc hiệu and tiêu ngữ that head Vietnamese administrative documents."""
QR_SIZE = 32 * mm
MARGIN = 20 * mm


def render_pdf(
    title: str,
    sections: list[tuple[str, str]],
    *,
    qr_url: str | None,
    footer: str,
    national_header: bool = True,
    author: str = "yteso",
) -> bytes:
    """The PDF bytes. Section text keeps its line breaks; ``qr_url`` (if given) is drawn as a QR
    code and printed beside it; ``footer`` and the page number are on every page."""
    fonts = vietnamese_fonts()
    styles = _styles(fonts)
    story: list[Flowable] = []
    if national_header:
        story += [
            Paragraph(escape(NATIONAL_HEADER[0]), styles["nation"]),
            Paragraph(escape(NATIONAL_HEADER[1]), styles["motto"]),
            Spacer(1, 8 * mm),
        ]
    story += [Paragraph(escape(title), styles["title"]), Spacer(1, 4 * mm)]
    for heading, text in sections:
        block: list[Flowable] = [Paragraph(escape(heading), styles["heading"])] if heading else []
        block.append(Paragraph(_text(text), styles["body"]))
        story.append(KeepTogether(block))
    if qr_url:
        story += [Spacer(1, 8 * mm), _qr_block(qr_url, styles["small"])]

    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=title,
        author=author,
        creator="yteso",
        subject=title,
        lang="vi-VN",
    )

    def on_page(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.setFillGray(0.35)
        canvas.drawString(MARGIN, 12 * mm, footer)
        canvas.drawRightString(A4[0] - MARGIN, 12 * mm, f"Trang {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def _styles(fonts: FontPair) -> dict[str, ParagraphStyle]:
    return {
        "nation": ParagraphStyle("nation", fontName=fonts.bold, fontSize=12, leading=15, alignment=TA_CENTER),
        "motto": ParagraphStyle("motto", fontName=fonts.bold, fontSize=12, leading=15, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title", fontName=fonts.bold, fontSize=15, leading=19, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "heading": ParagraphStyle(
            "heading", fontName=fonts.bold, fontSize=11.5, leading=15, spaceBefore=4 * mm, spaceAfter=1 * mm
        ),
        "body": ParagraphStyle("body", fontName=fonts.regular, fontSize=11, leading=15),
        "small": ParagraphStyle("small", fontName=fonts.regular, fontSize=9, leading=12),
    }


def _text(text: str) -> str:
    """Escape reportlab's mini-markup and keep the line breaks."""
    return "<br/>".join(escape(line) for line in text.strip("\n").split("\n"))


def _qr_block(url: str, style: ParagraphStyle) -> Table:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    caption = Paragraph(
        f"Quét mã QR hoặc truy cập địa chỉ sau để kiểm tra tính xác thực của văn bản:<br/>{escape(url)}", style
    )
    table = Table([[drawing, caption]], colWidths=[QR_SIZE + 4 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    return table
