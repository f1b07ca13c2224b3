"""Text normalisation for search: Vietnamese diacritics folded, case folded."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Return ``text`` lower-cased with diacritics removed, so ``Nguyễn`` and ``nguyen`` compare equal.

    Whitespace runs become one space. ``đ`` becomes ``d`` (it is a letter, not a mark, in Unicode).
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
