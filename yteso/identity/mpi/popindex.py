"""The population register held in memory for batch cleaning: compact columns and sorted block keys.

One million citizens take about 130 MB: each column is a typed ``array`` (CCCD, birth date,
sex, province, phone), folded names are shared strings, and every blocking key is a sorted
``int64`` array beside the row numbers it points to (looked up by bisection). The keys:

======================  ========================================================  ==================
key                     finds                                                     survives
======================  ========================================================  ==================
CCCD                    the citizen with that ID                                  —
CCCD serial (6 last)    the same ID with one wrong digit among the first six      a digit in 1-6
CCCD first 9            … one wrong digit among the last three                    a digit in 10-12
CCCD first 6 + last 3   … one wrong digit among digits 7-9                        a digit in 7-9
phone                   citizens with that mobile number                          name, date, ID
birth date              citizens born that day (also tried with day/month swapped) name, ID, phone
name + birth year       folded name tokens in any order, same birth year          date typo, ID
======================  ========================================================  ==================

Search is staged: the CCCD and the phone first; when they give a candidate that is clearly the
person (linked, name and birth date agreeing), the other keys are not tried.
"""

from __future__ import annotations

import csv
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from yteso.identity.mpi.features import Person, fold_name
from yteso.identity.mpi.matcher import Candidate, rank
from yteso.identity.mpi.scoring import Weights
from yteso.identity.population.models import CSV_HEADER

_SEX = (None, "male", "female")
_SEX_CODE = {b"male": 1, b"female": 2}
_MAX_BLOCK = 400
"""A block larger than this (a key thousands share) is not searched: it cannot single anyone out."""


class PopulationFileError(ValueError):
    """The population CSV is not usable (bad header, malformed row, duplicate CCCD); names the line."""


class _KeyIndex:
    """Sorted int64 keys with the row each came from; duplicates allowed."""

    __slots__ = ("_arrays", "keys", "rows")

    def __init__(self, keys: array[int], rows: array[int]) -> None:
        self.keys, self.rows, self._arrays = _sort(keys, rows)

    def lookup(self, key: int) -> list[int]:
        keys = self.keys
        i = bisect_left(keys, key)
        j, n = i, len(keys)
        while j < n and keys[j] == key:
            j += 1
            if j - i > _MAX_BLOCK:
                return []
        return list(self.rows[i:j]) if j > i else []

    def nbytes(self) -> int:
        return len(self.keys) * 12


def _sort(keys: array[int], rows: array[int]) -> tuple[Any, Any, Any]:
    """Sort ``keys`` (int64) carrying ``rows`` (int32) along, with pyarrow when present."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow comes with splink
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return array("q", (keys[i] for i in order)), array("i", (rows[i] for i in order)), None
    pa_keys = pa.array(keys, type=pa.int64())
    order = pc.sort_indices(pa_keys)
    sorted_keys = pc.take(pa_keys, order)
    sorted_rows = pc.take(pa.array(rows, type=pa.int32()), order)
    mv_keys = memoryview(sorted_keys.buffers()[1]).cast("B")[sorted_keys.offset * 8 :].cast("q")
    mv_rows = memoryview(sorted_rows.buffers()[1]).cast("B")[sorted_rows.offset * 4 :].cast("i")
    return mv_keys[: len(keys)], mv_rows[: len(keys)], (sorted_keys, sorted_rows)


def _pack_birth(y: int, m: int, d: int) -> int:
    return y * 10_000 + m * 100 + d


def name_year_key(name_sorted: str, year: int) -> int:
    return hash((year, name_sorted))


class PopulationIndex:
    """Citizens of a population CSV, searchable by the blocking keys above."""

    def __init__(self) -> None:
        self.cccd = array("q")
        self.birth = array("i")
        self.sex = array("b")
        self.province = array("b")
        self.phone = array("q")
        self.names: list[str | None] = []
        self._keys: dict[str, _KeyIndex] = {}
        self._sorted: dict[str, tuple[tuple[str, ...], str]] = {}
        """Folded name → its tokens and sorted form, filled as citizens are compared."""

    def __len__(self) -> int:
        return len(self.cccd)

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path, progress: Callable[[int], None] | None = None) -> PopulationIndex:
        """Read a population CSV (``docs/population-db.md``): header exactly ``CSV_HEADER``, UTF-8,
        BOM and CRLF accepted. ``progress`` gets the number of bytes read now and then."""
        index = cls()
        for row in _read_population(Path(path), progress):
            index._append(*row)
        index._build_keys()
        return index

    def _append(self, cccd: int, name: str, birth: int, sex: int, province: int, phone: int) -> None:
        self.cccd.append(cccd)
        self.names.append(name or None)
        self.birth.append(birth)
        self.sex.append(sex)
        self.province.append(province)
        self.phone.append(phone)

    def _build_keys(self) -> None:
        n = len(self.cccd)
        rows = array("i", range(n))
        cccd = self.cccd
        self._keys["cccd"] = by_cccd = _KeyIndex(cccd, rows)
        sorted_cccd = by_cccd.keys
        for i in range(1, n):
            if sorted_cccd[i] == sorted_cccd[i - 1]:
                raise PopulationFileError(f"duplicate cccd {sorted_cccd[i]:012d}")
        self._keys["serial"] = _KeyIndex(array("q", (c % 1_000_000 for c in cccd)), rows)
        self._keys["head9"] = _KeyIndex(array("q", (c // 1000 for c in cccd)), rows)
        self._keys["head6tail3"] = _KeyIndex(array("q", (c // 1_000_000 * 1000 + c % 1000 for c in cccd)), rows)
        phones = array("q")
        phone_rows = array("i")
        for i, ph in enumerate(self.phone):
            if ph:
                phones.append(ph)
                phone_rows.append(i)
        self._keys["phone"] = _KeyIndex(phones, phone_rows)
        self._keys["birth"] = _KeyIndex(array("q", self.birth), rows)
        sorted_names: dict[str, str] = {}
        name_keys = array("q")
        for name, b in zip(self.names, self.birth, strict=True):
            if name is None:
                name_keys.append(0)
                continue
            s = sorted_names.get(name)
            if s is None:
                s = sorted_names[name] = " ".join(sorted(name.split()))
            name_keys.append(name_year_key(s, b // 10_000))
        self._keys["name_year"] = _KeyIndex(name_keys, rows)

    def nbytes(self) -> int:
        """Approximate memory held by the columns and keys (not the shared name strings)."""
        cols = sum(a.itemsize * len(a) for a in (self.cccd, self.birth, self.sex, self.province, self.phone))
        return cols + 8 * len(self.names) + sum(k.nbytes() for k in self._keys.values())

    # ---- access --------------------------------------------------------------------------------
    def person(self, row: int) -> Person:
        b = self.birth[row]
        ph = self.phone[row]
        prov = self.province[row]
        name = self.names[row]
        tokens: tuple[str, ...] = ()
        name_sorted = None
        if name is not None:
            known = self._sorted.get(name)
            if known is None:
                tokens = tuple(name.split())
                known = self._sorted[name] = (tokens, " ".join(sorted(tokens)))
            tokens, name_sorted = known
        return Person(
            f"{self.cccd[row]:012d}",
            name,
            (b // 10_000, b // 100 % 100, b % 100) if b else None,
            _SEX[self.sex[row]],
            f"{prov:02d}" if prov >= 0 else None,
            f"0{ph}" if ph else None,
            None,
            tokens,
            name_sorted,
        )

    def by_cccd(self, cccd: str) -> int | None:
        rows = self._keys["cccd"].lookup(int(cccd)) if cccd.isdigit() else []
        return rows[0] if rows else None

    # ---- search --------------------------------------------------------------------------------
    def find(self, probe: Person, weights: Weights) -> list[Candidate]:
        """Candidates for ``probe``, scored and ranked best first."""
        seen: set[int] = set()
        first = self._strong_rows(probe, seen)
        ranked = rank(weights, probe, ((f"{self.cccd[r]:012d}", self.person(r)) for r in first))
        if ranked and _settled(ranked[0], weights):
            return ranked
        more = self._other_rows(probe, seen)
        if more:
            ranked += rank(weights, probe, ((f"{self.cccd[r]:012d}", self.person(r)) for r in more))
            ranked.sort(key=lambda c: -c.weight)
        return ranked

    def _strong_rows(self, p: Person, seen: set[int]) -> list[int]:
        rows: list[int] = []
        if p.cccd:
            rows += self._keys["cccd"].lookup(int(p.cccd))
        if p.phone and len(p.phone) == 10:
            rows += self._keys["phone"].lookup(int(p.phone))
        return _new(rows, seen)

    def _other_rows(self, p: Person, seen: set[int]) -> list[int]:
        rows: list[int] = []
        keys = self._keys
        if p.cccd:
            c = int(p.cccd)
            rows += keys["serial"].lookup(c % 1_000_000)
            rows += keys["head9"].lookup(c // 1000)
            rows += keys["head6tail3"].lookup(c // 1_000_000 * 1000 + c % 1000)
        if p.birth is not None:
            y, m, d = p.birth
            if d:
                dates = [(y, m, d)] if m == d or d > 12 else [(y, m, d), (y, d, m)]
                tokens = set(p.tokens)
                need = max(1, min(2, len(tokens) - 1))
                for date_ in dates:
                    for r in keys["birth"].lookup(_pack_birth(*date_)):
                        name = self.names[r]
                        if not tokens or name is None or len(tokens.intersection(name.split())) >= need:
                            rows.append(r)
            if p.name_sorted:
                rows += keys["name_year"].lookup(name_year_key(p.name_sorted, y))
        return _new(rows, seen)


def _new(rows: list[int], seen: set[int]) -> list[int]:
    out = []
    for r in rows:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def _settled(best: Candidate, weights: Weights) -> bool:
    """The strong keys found the person beyond doubt, so no other key could find a better one.

    The best candidate of the CCCD and phone blocks is linked, and neither the name nor the birth
    date disagrees outright (at most a typo or a reordering, a swap or one part). A rival from
    the other blocks would have to carry a CCCD other than the one given and still agree better.
    """
    name, birth = best.levels[0], best.levels[1]
    return best.weight >= weights.link_bits and (name is None or name <= 3) and (birth is None or birth <= 2)


# ---- the population CSV ---------------------------------------------------------------------------


def _read_population(path: Path, progress: Callable[[int], None] | None) -> Iterator[tuple[Any, ...]]:
    """Rows of a population CSV as ``(cccd, folded name, birth, sex, province, phone)``."""
    seen_bytes = 0
    with open(path, "rb") as f:
        header = f.readline()
        seen_bytes += len(header)
        text = header.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n").decode("utf-8", "replace")
        if tuple(text.split(",")) != CSV_HEADER:
            raise PopulationFileError(f"{path}: header must be {','.join(CSV_HEADER)!r}, got {text[:200]!r}")
        for lineno, line in enumerate(f, start=2):
            seen_bytes += len(line)
            if progress is not None and lineno % 50_000 == 0:
                progress(seen_bytes)
            line = line.rstrip(b"\r\n")
            if not line:
                continue
            try:
                yield _parse_population_row(line)
            except (ValueError, UnicodeDecodeError, csv.Error) as exc:
                raise PopulationFileError(f"{path}:{lineno}: malformed row ({exc})") from None
    if progress is not None:
        progress(seen_bytes)


def _parse_population_row(line: bytes) -> tuple[int, str | None, int, int, int, int]:
    fields = [x.encode() for x in next(csv.reader([line.decode()]))] if b'"' in line else line.split(b",")
    if len(fields) != 6:
        raise ValueError(f"{len(fields)} fields, expected 6")
    cccd, name, born, sex, province, phone = fields
    if len(cccd) != 12 or not cccd.isdigit():
        raise ValueError("cccd is not 12 digits")
    if len(born) != 10 or born[4:5] != b"-" or born[7:8] != b"-":
        raise ValueError("birth_date is not YYYY-MM-DD")
    birth = _pack_birth(int(born[:4]), int(born[5:7]), int(born[8:10]))
    return (
        int(cccd),
        fold_name(name.decode()),
        birth,
        _SEX_CODE.get(sex, 0),
        int(province) if province.isdigit() else -1,
        int(phone) if phone.isdigit() else 0,
    )


class LocalSource:
    """Candidates from a :class:`PopulationIndex` (a ``clean`` source)."""

    def __init__(self, index: PopulationIndex, weights: Weights) -> None:
        self.index = index
        self.weights = weights
        self.description = f"population file, {len(index):,} citizens in memory"
        self.notes: list[str] = []

    def find_many(self, probes: list[Person]) -> list[list[Candidate]]:
        find, weights = self.index.find, self.weights
        return [find(p, weights) for p in probes]
