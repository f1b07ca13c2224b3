"""Charts of the dashboard as inline SVG drawn on the server (no JavaScript, no chart library).

Each chart is accessible: ``role="img"`` with a title, and the dashboard shows the same numbers in a
table. Sizes are in the SVG's own units; the page scales it to the screen width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

WIDTH = 400
COLORS = ("#1f5fa8", "#1b7f3b", "#e0a100", "#c8102e")


def _svg(height: float, title: str, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def _short(label: str, limit: int = 56) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, weight: str = "normal", fill: str = "#222"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def meter(value: float | None, title: str, value_text: str, target: float | None = None) -> Markup:
    """One rate (0-1) as a bar on a 0-100 % track, with the target as a tick when there is one."""
    body = f'<rect x="0" y="4" width="{WIDTH}" height="16" rx="3" fill="#e6e8ec"/>'
    if value is not None:
        w = max(0.0, min(1.0, value)) * WIDTH
        color = COLORS[1] if target is None or value >= target else COLORS[2]
        body += f'<rect x="0" y="4" width="{w:.1f}" height="16" rx="3" fill="{color}"/>'
    if target is not None:
        x = target * WIDTH
        body += f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="24" stroke="#222" stroke-width="2"/>'
    return _svg(24, f"{title}: {value_text}", body)


def rate_bars(rows: Sequence[tuple[str, float | None]], title: str, fmt: Callable[[float | None], str]) -> Markup:
    """Horizontal bars of one rate per group: the group's name above its bar, the value at its end."""
    line = 40
    body = ""
    for i, (label, value) in enumerate(rows):
        y = i * line
        body += _text(0, y + 13, _short(label))
        body += f'<rect x="0" y="{y + 18}" width="{WIDTH - 70}" height="14" rx="3" fill="#e6e8ec"/>'
        if value is not None:
            w = max(0.0, min(1.0, value)) * (WIDTH - 70)
            body += f'<rect x="0" y="{y + 18}" width="{w:.1f}" height="14" rx="3" fill="{COLORS[0]}"/>'
        body += _text(WIDTH, y + 30, fmt(value), anchor="end", weight="bold")
    return _svg(max(line, len(rows) * line), title, body)


def count_bars(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[str], title: str) -> Markup:
    """Grouped horizontal bars of counts (one bar per series for each group), with a legend."""
    bar, gap = 10, 14
    block = 18 + len(series) * bar + gap
    peak = max([1, *(n for _, counts in rows for n in counts)])
    body, x, y = "", 0.0, 4.0
    for i, name in enumerate(series):
        needed = 18 + 6.5 * len(name)
        if x and x + needed > WIDTH:
            x, y = 0.0, y + 16
        body += f'<rect x="{x:.1f}" y="{y:.1f}" width="10" height="10" fill="{COLORS[i % len(COLORS)]}"/>'
        body += _text(x + 14, y + 9, name, size=11)
        x += needed
    top = y + 18
    for r, (label, counts) in enumerate(rows):
        y = top + r * block
        body += _text(0, y + 12, _short(label))
        for i, n in enumerate(counts):
            w = (WIDTH - 50) * n / peak
            yy = y + 16 + i * bar
            body += f'<rect x="0" y="{yy}" width="{w:.1f}" height="{bar - 2}" fill="{COLORS[i % len(COLORS)]}"/>'
            body += _text(w + 4, yy + bar - 3, str(n), size=10)
    return _svg(top + max(1, len(rows)) * block, title, body)
