"""Batch cleaning (làm sạch) of a records file against the population register, streamed.

Input ``record_id,cccd,full_name,birth_date,sex,province_code,phone`` (any column order, extra
columns ignored, any value empty or wrong); output ``record_id,status,matched_cccd,score,
differing_fields``, one row per input row, in input order. Statuses:

- ``matched``: linked, and every given field agrees with the register;
- ``corrected``: linked, but the CCCD was missing or different, or a given field differs
  (``differing_fields`` lists them, ``;``-separated, by input column name);
- ``review``: a likely match that an operator must confirm (``matched_cccd`` is the candidate);
- ``no_match``: a well-formed CCCD or none, and nobody in the register fits;
- ``invalid_cccd``: the CCCD given breaks a format rule, and nobody fits;
- ``no_cccd``: no CCCD given, and nobody fits;
- ``error``: the row itself is unreadable (wrong number of fields, not UTF-8, empty
  ``record_id``); ``differing_fields`` says why and on which line.

Names are compared folded (case, diacritics and ``đ``/``d`` ignored), as the population database's
own ``/verify`` does. Rows are read and written in chunks, so memory does not grow with the file;
the output is written to ``OUT.partial`` and renamed only when every row is done, so a failed run
never leaves a file that looks complete.
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from yteso.identity.mpi.features import Person, cccd_malformed, from_record
from yteso.identity.mpi.matcher import Candidate, decide
from yteso.identity.mpi.scoring import LINK, REVIEW, Weights, default_weights, probability

RECORD_HEADER = ("record_id", "cccd", "full_name", "birth_date", "sex", "province_code", "phone")
OUTPUT_HEADER = ("record_id", "status", "matched_cccd", "score", "differing_fields")
STATUSES = ("matched", "corrected", "review", "no_match", "invalid_cccd", "no_cccd", "error")
CHUNK = 2_000
_UNREADABLE_SHARE = 0.05
"""Stop when this share of the first rows is not UTF-8: the file has the wrong encoding."""


class CleanInputError(ValueError):
    """The records file cannot be cleaned at all (missing columns, wrong encoding, unreadable)."""


class CandidateSource(Protocol):
    """Where candidates come from: the in-memory register or the population server."""

    description: str
    notes: list[str]

    def find_many(self, probes: list[Person]) -> list[list[Candidate]]: ...


@dataclass
class CleanSummary:
    """Counts per status and timing of one run."""

    counts: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    """The first few row errors, for the operator."""
    unreadable: int = 0
    """Rows that are not UTF-8."""

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class _Row:
    line: int
    values: dict[str, str] | None
    error: str | None = None
    record_id: str = ""
    unreadable: bool = False


# ---- reading ------------------------------------------------------------------------------------


def _open_text(path: Path) -> tuple[IO[bytes], io.TextIOWrapper]:
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller
    start = raw.read(4)
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raw.close()
        raise CleanInputError(f"{path} is UTF-16; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)")
    raw.seek(0)
    return raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def read_records(text: io.TextIOWrapper, source: str) -> Iterator[_Row]:
    """Rows of a records file with the column names of :data:`RECORD_HEADER`; bad rows carry an error."""
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        raise CleanInputError(f"{source} is empty (no header line)") from None
    except csv.Error as exc:
        raise CleanInputError(f"{source}: unreadable header ({exc})") from None
    if _undecodable("".join(header)):
        raise CleanInputError(f"{source}: the header is not UTF-8; convert the file to UTF-8")
    names = [h.strip().lower() for h in header]
    missing = [c for c in RECORD_HEADER if c not in names]
    if missing:
        raise CleanInputError(
            f"{source}: missing column(s) {', '.join(missing)}; the header must name {','.join(RECORD_HEADER)}"
        )
    dupes = sorted({n for n in names if names.count(n) > 1 and n in RECORD_HEADER})
    if dupes:
        raise CleanInputError(f"{source}: column(s) {', '.join(dupes)} appear twice in the header")
    where = [names.index(c) for c in RECORD_HEADER]
    width = len(names)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _Row(reader.line_num, None, f"line {reader.line_num}: malformed CSV ({exc})")
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        rid = row[where[0]].strip() if len(row) > where[0] else ""
        if _undecodable("".join(row)):
            rid = rid.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            yield _Row(reader.line_num, None, f"line {reader.line_num}: not valid UTF-8", rid, unreadable=True)
            continue
        if len(row) != width:
            yield _Row(reader.line_num, None, f"line {reader.line_num}: {len(row)} fields, expected {width}", rid)
            continue
        values = {c: row[i].strip() for c, i in zip(RECORD_HEADER, where, strict=True)}
        if not values["record_id"]:
            yield _Row(reader.line_num, None, f"line {reader.line_num}: record_id is empty")
            continue
        yield _Row(reader.line_num, values)


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# ---- deciding -----------------------------------------------------------------------------------


def probe_of(values: dict[str, str]) -> Person:
    v = values
    return from_record(v["cccd"], v["full_name"], v["birth_date"], v["sex"], v["province_code"], v["phone"])


def outcome(weights: Weights, values: dict[str, str], probe: Person, ranked: list[Candidate]) -> tuple[str, ...]:
    """The output row of one record."""
    decision = decide(weights, ranked)
    best = decision.best
    score = f"{probability(best.weight):.4f}" if best else ""
    if decision.band == LINK and best is not None:
        diffs = differing(values, probe, best.person)
        return (values["record_id"], "corrected" if diffs else "matched", best.key, score, ";".join(diffs))
    if decision.band == REVIEW and best is not None:
        return (values["record_id"], "review", best.key, score, ";".join(differing(values, probe, best.person)))
    given = values["cccd"]
    status = "no_cccd" if not given else ("invalid_cccd" if cccd_malformed(given) else "no_match")
    return (values["record_id"], status, "", score, "")


def differing(values: dict[str, str], probe: Person, citizen: Person) -> list[str]:
    """Input columns whose value is missing (CCCD only) or disagrees with the register.

    Other empty fields are not listed; a value that cannot be read (``31/02/1990``) is listed.
    Names compare folded; a year-only birth date compares on the year.
    """
    out = []
    if probe.cccd != citizen.cccd:
        out.append("cccd")
    if values["full_name"] and probe.name != citizen.name:
        out.append("full_name")
    if values["birth_date"]:
        b, c = probe.birth, citizen.birth
        if b is None or c is None or b[0] != c[0] or (b[1] and b[1] != c[1]) or (b[2] and b[2] != c[2]):
            out.append("birth_date")
    if values["sex"] and probe.sex != citizen.sex:
        out.append("sex")
    if values["province_code"] and probe.province != citizen.province:
        out.append("province_code")
    if values["phone"] and citizen.phone and probe.phone != citizen.phone:
        out.append("phone")
    return out


# ---- the run ------------------------------------------------------------------------------------


def clean_file(
    source: CandidateSource,
    records: str | Path,
    out: str | Path,
    *,
    weights: Weights | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> CleanSummary:
    """Clean ``records`` into ``out`` (written whole or not at all). ``progress`` gets bytes read."""
    weights = weights or default_weights()
    records, out = Path(records), Path(out)
    if records.resolve() == out.resolve():
        raise CleanInputError("the output file must not be the records file")
    if not records.is_file():
        raise CleanInputError(f"{records} does not exist or is not a file")
    partial = out.with_name(out.name + ".partial")
    summary = CleanSummary()
    started = time.perf_counter()
    raw, text = _open_text(records)
    try:
        with raw, text, open(partial, "w", encoding="utf-8", newline="") as sink:
            writer = csv.writer(sink, lineterminator="\n")
            writer.writerow(OUTPUT_HEADER)
            batch: list[_Row] = []
            for row in read_records(text, str(records)):
                batch.append(row)
                if len(batch) >= chunk:
                    _flush(source, weights, batch, writer, summary)
                    batch.clear()
                    if progress is not None:
                        progress(raw.tell())
            _flush(source, weights, batch, writer, summary)
            if progress is not None:
                progress(raw.tell())
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _flush(source: CandidateSource, weights: Weights, batch: list[_Row], writer: Any, summary: CleanSummary) -> None:
    good = [r for r in batch if r.values is not None]
    probes = [probe_of(r.values) for r in good if r.values is not None]
    found = iter(source.find_many(probes))
    probes_iter = iter(probes)
    for row in batch:
        if row.values is None:
            summary.counts["error"] += 1
            summary.unreadable += row.unreadable
            if len(summary.errors) < 20:
                summary.errors.append(str(row.error))
            writer.writerow((row.record_id, "error", "", "", row.error))
        else:
            result = outcome(weights, row.values, next(probes_iter), next(found))
            summary.counts[result[1]] += 1
            writer.writerow(result)
    summary.rows += len(batch)
    _check_encoding(summary)


def _check_encoding(summary: CleanSummary) -> None:
    """Stop early when many of the first rows are not UTF-8: the whole file has another encoding."""
    if summary.rows <= 2 * CHUNK and summary.unreadable >= max(10, _UNREADABLE_SHARE * summary.rows):
        raise CleanInputError(
            f"{summary.unreadable} of the first {summary.rows} rows are not UTF-8: the file has another "
            "encoding (e.g. Windows-1258); convert it first, e.g. iconv -f CP1258 -t UTF-8"
        )
