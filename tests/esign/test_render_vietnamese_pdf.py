"""render_pdf: A4, an embedded font with every Vietnamese letter, text and QR code readable back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from tests.esign.conftest import SECTIONS
from yteso.esign import render_pdf
from yteso.esign.fonts import VIETNAMESE_CHARS, candidates, covers_vietnamese, vietnamese_fonts


def test_pdf_is_a4_with_an_embedded_truetype_font(document):
    assert document.startswith(b"%PDF-") and document.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in document
    assert b"/FontFile2" in document  # the TrueType font is embedded (as a subset: AAAAAA+Name)
    assert re.search(rb"/BaseFont /[A-Z]{6}\+[A-Za-z-]+", document)


def test_the_chosen_font_has_every_vietnamese_letter():
    fonts = vietnamese_fonts()
    assert fonts.regular == "YtesoSans"
    used = {c for heading, text in SECTIONS for c in heading + text if c.isalpha()}
    assert used <= set(VIETNAMESE_CHARS) | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def test_a_font_without_vietnamese_glyphs_is_not_accepted(monkeypatch):
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert not covers_vietnamese(TTFont("VeraCheck", str(vera)))
    monkeypatch.setenv("YTESO_PDF_FONT", str(vera))
    assert candidates()[0] == (vera, None)


def test_long_text_flows_onto_more_pages_with_the_footer_on_each():
    pdf = render_pdf("Phiếu kiểm soát", [("Mục", "Dòng nội dung dài.\n" * 120)], qr_url=None, footer="yteso")
    assert pdf.count(b"/Type /Page\n") >= 3 or pdf.count(b"/Type /Page ") >= 3


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_vietnamese_text_extracts_exactly(document, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(document)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Giấy chứng nhận đủ điều kiện kinh doanh dược" in text
    for heading, body in SECTIONS:
        assert heading in text and all(line in text for line in body.split("\n"))
    assert "https://yteso.example.vn/xac-thuc/GCN-0001" in text and "Trang 1" in text


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None, reason="pdftoppm/zbarimg not installed"
)
def test_qr_code_decodes_to_the_verification_url(document, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(document)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    (png,) = tmp_path.glob("p*.png")
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True).stdout.strip()
    assert decoded == "https://yteso.example.vn/xac-thuc/GCN-0001"
