"""Finding a TrueType font that has every Vietnamese letter, so PDFs render on any machine.

Looked for in order: ``YTESO_PDF_FONT`` (and ``YTESO_PDF_FONT_BOLD``); DejaVu Sans where Linux
distributions put it (Debian/Ubuntu ``fonts-dejavu-core``, Fedora, Arch, Alpine); the DejaVu Sans
that matplotlib ships, if matplotlib is installed; Arial on macOS and Windows. A candidate is used
only if it has a glyph for every letter in :data:`VIETNAMESE_LETTERS`.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

VIETNAMESE_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
VIETNAMESE_CHARS = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "₫"

_SYSTEM_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
    "/usr/share/fonts/dejavu",  # older Fedora, Alpine
    "/usr/share/fonts/TTF",  # Arch
)
_OTHER = (
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)


class FontNotFound(RuntimeError):
    """No font with Vietnamese glyphs was found (see the module docstring for where we look)."""


@dataclass(frozen=True)
class FontPair:
    """Registered reportlab font names for regular and bold text."""

    regular: str
    bold: str


def candidates() -> list[tuple[Path, Path | None]]:
    """(regular, bold) font files to try, in order of preference."""
    found: list[tuple[Path, Path | None]] = []
    env = os.environ.get("YTESO_PDF_FONT")
    if env:
        bold = os.environ.get("YTESO_PDF_FONT_BOLD")
        found.append((Path(env), Path(bold) if bold else None))
    for directory in _SYSTEM_DIRS:
        found.append((Path(directory, "DejaVuSans.ttf"), Path(directory, "DejaVuSans-Bold.ttf")))
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        ttf = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
        found.append((ttf / "DejaVuSans.ttf", ttf / "DejaVuSans-Bold.ttf"))
    found.extend((Path(r), Path(b)) for r, b in _OTHER)
    return found


def covers_vietnamese(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(c) in glyphs for c in VIETNAMESE_CHARS)


@cache
def vietnamese_fonts() -> FontPair:
    """Register (once per process) and return the regular and bold fonts; :class:`FontNotFound` if none."""
    for regular, bold in candidates():
        if not regular.is_file():
            continue
        font = TTFont("YtesoSans", str(regular))
        if not covers_vietnamese(font):
            continue
        pdfmetrics.registerFont(font)
        if bold is not None and bold.is_file() and covers_vietnamese(bold_font := TTFont("YtesoSans-Bold", str(bold))):
            pdfmetrics.registerFont(bold_font)
            return FontPair("YtesoSans", "YtesoSans-Bold")
        return FontPair("YtesoSans", "YtesoSans")
    raise FontNotFound(
        "No TrueType font with Vietnamese glyphs found. Install DejaVu Sans (Debian/Ubuntu: "
        "apt-get install fonts-dejavu-core) or set YTESO_PDF_FONT to a .ttf file that has them."
    )
