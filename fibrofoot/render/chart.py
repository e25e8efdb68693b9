"""The HTML's chart of the pain numbers over a period (from the kept history): an inline SVG.

One column per day. A day with numbers has a dot for each; consecutive days that both have one
are joined (by each day's last number); a day without an entry is a gap: no dot, no zero, and
no line across it. The text alternative (`chart_words`) is the figure's caption, and the
drawing is `aria-hidden` so a screen reader reads the caption once. Black on white, so it
prints.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from fibrofoot.bank.base import SCALE_MAX, SCALE_MIN
from fibrofoot.history.compare import SinceLast, chart_words
from fibrofoot.safe_text import harmless

WIDTH, HEIGHT = 640, 110
LEFT, RIGHT, TOP, BOTTOM = 28, 8, 8, 22


def pain_chart(changes: SinceLast) -> Markup:
    """The chart as a <figure>, or nothing when there is no number to show."""
    caption = chart_words(changes)
    if not caption:
        return Markup("")
    days = changes.chart
    step = (WIDTH - LEFT - RIGHT) / max(len(days) - 1, 1)

    def x(index: int) -> float:
        return LEFT + index * step

    def y(number: int) -> float:
        return TOP + (SCALE_MAX - number) * (HEIGHT - TOP - BOTTOM) / (SCALE_MAX - SCALE_MIN)

    parts = []
    for number in (SCALE_MIN, 5, SCALE_MAX):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(number):.1f}" y2="{y(number):.1f}" '
            'stroke="#bbb" stroke-width="0.5"/>'
            f'<text x="{LEFT - 4}" y="{y(number) + 3:.1f}" text-anchor="end">{number}</text>'
        )
    for index, day in enumerate(days):
        if index and day.numbers and days[index - 1].numbers:
            parts.append(
                f'<line x1="{x(index - 1):.1f}" y1="{y(days[index - 1].numbers[-1]):.1f}" '
                f'x2="{x(index):.1f}" y2="{y(day.numbers[-1]):.1f}" stroke="#000" '
                'stroke-width="1.2"/>'
            )
        parts.extend(
            f'<circle cx="{x(index):.1f}" cy="{y(n):.1f}" r="2.2" fill="#000"/>'
            for n in day.numbers
        )
    bottom = HEIGHT - 6
    parts.append(f'<text x="{LEFT}" y="{bottom}">{days[0].day.isoformat()}</text>')
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{bottom}" text-anchor="end">{days[-1].day.isoformat()}'
        "</text>"
    )
    svg = (
        f'<svg class="pain-chart" viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" '
        'font-size="9" font-family="sans-serif">' + "".join(parts) + "</svg>"
    )
    text = escape(harmless(caption), quote=False)
    return Markup(f'<figure class="chart">{svg}<figcaption>{text}</figcaption></figure>')  # noqa: S704 (numbers we made; the caption is escaped)
