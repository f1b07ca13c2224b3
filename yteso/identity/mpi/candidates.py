"""Blocking over the FHIR store: the Patients that share a key with a probe, from the search indexes.

The FHIR store already indexes every Patient it writes (``fhir_idx_token``, ``fhir_idx_date``,
``fhir_idx_string``), in the same transaction as the write, whoever writes it. Reading those
tables means ``$match`` can never see a stale copy, and nothing has to hook into the store. Keys,
all in one ``UNION`` (one round trip):

- ``identifier``: the CCCD and its well-formed one-digit / swapped-neighbour variants; the BHYT card;
- ``phone``: the mobile number in national and ``+84`` forms;
- ``birthdate``: that day, and the day with day and month swapped, for Patients sharing two name
  tokens (one for a two-word name);
- ``name`` (the folded full name, from ``HumanName.text``) within the birth year, or alone (at most
  50) without a date. At most 300 name rows are read: a name thousands share ("Nguyễn Thị Anh")
  cannot single anyone out, and would cost thousands of index probes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, distinct, false, func, select, union
from sqlalchemy.orm import Session

from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM
from yteso.fhir.access import AccessPolicy
from yteso.fhir.search.extract import date_range
from yteso.fhir.tables import idx_date, idx_string, idx_token, param_rows, resource, resource_version
from yteso.identity.mpi.features import Person, cccd_neighbours

MAX_CANDIDATES = 200
_NAME_ONLY_LIMIT = 50
_NAME_ROWS = 300
"""Index rows read for the full-name key: a name thousands share cannot single anyone out anyway."""


def candidate_keys(probe: Person) -> list[Any]:
    """One SELECT of ``res_pk`` per blocking key the probe has."""
    t, d, s = idx_token, idx_date, idx_string
    selects: list[Any] = []
    if probe.cccd:
        codes = [probe.cccd, *cccd_neighbours(probe.cccd)]
        selects.append(
            select(t.c.res_pk).where(
                param_rows(t, "Patient", "identifier"), t.c.system == CCCD_SYSTEM, t.c.code.in_(codes)
            )
        )
    if probe.bhyt:
        selects.append(
            select(t.c.res_pk).where(
                param_rows(t, "Patient", "identifier"), t.c.system == BHYT_SYSTEM, t.c.code == probe.bhyt
            )
        )
    if probe.phone:
        forms = {probe.phone}
        if len(probe.phone) == 10 and probe.phone.startswith("0"):
            forms |= {"+84" + probe.phone[1:], "84" + probe.phone[1:]}
        selects.append(select(t.c.res_pk).where(param_rows(t, "Patient", "phone"), t.c.code.in_(sorted(forms))))
    if probe.birth is not None and probe.birth[2]:
        y, m, day = probe.birth
        days = [(y, m, day)] + ([(y, day, m)] if day <= 12 and day != m else [])
        need = max(1, min(2, len(set(probe.tokens)) - 1))
        for yy, mm, dd in days:
            low, high = date_range(f"{yy:04d}-{mm:02d}-{dd:02d}")
            born = and_(param_rows(d, "Patient", "birthdate"), d.c.low == low, d.c.high == high)
            if "span" in d.c:  # the store groups date rows by the bit length of their width (its index)
                born = and_(born, d.c.span == max(0, high - low).bit_length())
            if probe.tokens:  # and at least two name tokens in common (one for a two-word name)
                shared = (
                    select(func.count(distinct(s.c.value)))
                    .where(
                        s.c.res_pk == d.c.res_pk,
                        param_rows(s, "Patient", "name"),
                        s.c.value.in_(sorted(set(probe.tokens))),
                    )
                    .scalar_subquery()
                )
                born = and_(born, shared >= need)
            selects.append(select(d.c.res_pk).where(born))
    if probe.name:  # the full name (at most a few hundred index rows), within the birth year if given
        name = s.c.value == probe.name[:255]
        by_name = select(s.c.res_pk).where(param_rows(s, "Patient", "name"), name)
        # (a LIMIT inside a subquery: SQLite refuses one on a member of a UNION)
        named = by_name.limit(_NAME_ROWS if probe.birth is not None else _NAME_ONLY_LIMIT).subquery()
        if probe.birth is None:
            selects.append(select(named.c.res_pk))
        else:
            low, _ = date_range(f"{probe.birth[0]:04d}")
            _, high = date_range(f"{probe.birth[0]:04d}")
            selects.append(
                select(d.c.res_pk).where(
                    d.c.res_pk.in_(select(named.c.res_pk)),
                    param_rows(d, "Patient", "birthdate"),
                    d.c.low >= low,
                    d.c.high <= high,
                )
            )
    return selects


def patient_candidates(session: Session, policy: AccessPolicy, probe: Person) -> list[tuple[str, dict[str, Any]]]:
    """``(id, body)`` of the live Patients the caller may read that share a blocking key with ``probe``."""
    selects = candidate_keys(probe)
    if not selects:
        return []
    keyed = union(*selects).subquery()
    r, v = resource, resource_version
    rows = session.execute(
        select(r.c.res_id, v.c.content)
        .join(v, and_(v.c.res_pk == r.c.pk, v.c.version == r.c.version))
        .where(
            r.c.pk.in_(select(keyed.c.res_pk)),
            r.c.res_type == "Patient",
            r.c.deleted == false(),
            policy.condition(r),
        )
        .limit(MAX_CANDIDATES)
    ).all()
    return [(res_id, content) for res_id, content in rows if content is not None]
