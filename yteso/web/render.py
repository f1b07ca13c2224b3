"""Jinja2 templates of the pages and the filters they use (Vietnam time, đồng, percentages)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from yteso.core.timez import VN_TZ

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def _local(value: Any) -> datetime | None:
    """A stored (naive UTC) datetime or an ISO text, in Vietnam time."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(VN_TZ)
    if isinstance(value, date):  # a calendar day (no time): the same day in Vietnam
        return datetime(value.year, value.month, value.day, tzinfo=VN_TZ)
    return None


def vndate(value: Any) -> str:
    local = _local(value)
    return local.strftime("%d/%m/%Y") if local else ""


def vntime(value: Any) -> str:
    local = _local(value)
    return local.strftime("%d/%m/%Y %H:%M") if local else ""


def money(value: Any) -> str:
    return f"{int(value or 0):,}".replace(",", ".") + " ₫"


def percent(value: float | None, lang: str = "vi") -> str:
    if value is None:
        return "—"
    text = f"{value * 100:.1f}"
    return (text.replace(".", ",") if lang == "vi" else text) + " %"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(vndate=vndate, vntime=vntime, money=money)
    env.globals["static"] = static_url
    return env


@cache
def static_file(name: str) -> tuple[bytes, str] | None:
    """(content, short hash) of a file of ``static/`` (names without a path only)."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    path = STATIC / name
    if not path.is_file():
        return None
    content = path.read_bytes()
    return content, hashlib.sha256(content).hexdigest()[:10]


def static_url(name: str) -> str:
    found = static_file(name)
    version = found[1] if found else "0"
    return f"/dich-vu-cong/static/{name}?v={version}"
