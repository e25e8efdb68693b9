"""Printable HTML: one self-contained page (inline CSS and SVG, no scripts, no requests).

Every value printed by the templates passes through `harmless()` (the `finalize` hook) and is
then HTML-escaped (autoescape), so a note cannot add markup, scripts or terminal controls.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from fibrofoot.bank.models import Bank
from fibrofoot.render.chart import pain_chart
from fibrofoot.render.common import date_line, sections
from fibrofoot.render.footmap import foot_map
from fibrofoot.safe_text import harmless
from fibrofoot.summary import Summary


def _finalize(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, Markup):
        return harmless(value)
    return value


@cache
def _stylesheet() -> Markup:
    """The CSS, inlined as it is: reading it as a template would only cost time."""
    css = (Path(__file__).parent / "templates" / "summary.css").read_text("utf-8")
    return Markup(css.rstrip("\n"))  # noqa: S704 (our own stylesheet, shipped with the package)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("fibrofoot.render", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(summary: Summary, bank: Bank) -> str:
    return (
        _environment()
        .get_template("summary.html.j2")
        .render(
            s=summary,
            title=bank.messages.summary.title,
            css=_stylesheet(),
            date_line=date_line(summary, bank),
            sections=sections(summary, bank),
            footmap=foot_map(summary, bank),
            pain_chart=pain_chart,
        )
    )
