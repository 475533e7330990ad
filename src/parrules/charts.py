"""Charts for the HTML report, as inline SVG drawn by matplotlib.

Two kinds, after the published reports' "Biểu đồ" (seed 002): for each field, the
component index of every unit (the field's points as a percent of the field's
maximum that applies to the unit), sorted, with the average as a line; and the
whole index of every unit, coloured by class.

The SVG is made to sit inside one self-contained HTML page and to be the same
bytes for the same inputs: no pyplot (no GUI backend, no global figure state),
rcParams set only inside ``rc_context``, a fixed ``svg.hashsalt``, no creation
date, the XML prologue, DOCTYPE, namespaces and RDF metadata removed (the HTML
parser puts inline ``<svg>`` in the SVG namespace itself), and every ``id`` given
a per-chart prefix so that several charts on one page do not share ids.  Text is
kept as SVG text (``svg.fonttype = none``): smaller, searchable, and Vietnamese
is drawn by the browser's fonts.  Every label is passed to matplotlib through
``safe_text.for_chart``: ``$`` escaped so that a unit name is never read as
mathtext, control and bidi characters shown as escapes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .safe_text import for_chart

if TYPE_CHECKING:  # pragma: no cover
    from .aggregate import Standing
    from .evaluate import Scorecard
    from .ruleset import Ruleset

HUNDRED = Decimal(100)

# class colours by the number of classes, best first: the best is always green, the worst red
CLASS_COLOURS = {
    1: ("#2e7d32",),
    2: ("#2e7d32", "#c62828"),
    3: ("#2e7d32", "#ef6c00", "#c62828"),
    4: ("#2e7d32", "#1565c0", "#ef6c00", "#c62828"),
    5: ("#1b5e20", "#43a047", "#1565c0", "#ef6c00", "#c62828"),
}
NO_CLASS_COLOUR = "#9e9e9e"
BAR_COLOUR = "#1f6fb2"
AVERAGE_COLOUR = "#d32f2f"

_RC = {
    "svg.hashsalt": "parrules",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

LABELS = {
    "vi": {
        "field_title": "Biểu đồ {n}. Chỉ số thành phần {code}. {title}",
        "total_title": "Biểu đồ {n}. Chỉ số CCHC của các đơn vị",
        "average": "Trung bình {value}%",
        "axis": "Chỉ số (%)",
        "no_class": "Chưa xếp loại",
    },
    "en": {
        "field_title": "Chart {n}. Component index {code}. {title}",
        "total_title": "Chart {n}. PAR Index by unit",
        "average": "Average {value}%",
        "axis": "Index (%)",
        "no_class": "Not classified",
    },
}


def class_colours(order: Sequence[str]) -> dict[str, str]:
    """A colour for each class name (best first): green for the best, red for the worst."""
    if not order:
        return {}
    palette = CLASS_COLOURS.get(len(order))
    if palette is None:  # more than five classes: the five-colour scale, stretched
        five = CLASS_COLOURS[5]
        palette = tuple(five[round(i * 4 / (len(order) - 1))] for i in range(len(order)))
    return dict(zip(order, palette, strict=True))


def _plain(text: str) -> str:
    """Text for matplotlib: never read as mathtext, no control or bidi character (``safe_text.for_chart``)."""
    return for_chart(text)


def _percent_text(value: Decimal, lang: str) -> str:
    from .report import number_text

    return number_text(value, lang, 2)


def field_rates(ruleset: Ruleset, cards: Sequence[Scorecard], code: str) -> list[tuple[str, Decimal]]:
    """(unit, field points as % of its applicable max), best first; units the field does not apply to left out."""
    position = ruleset.position(code)
    order = {id(card): i for i, card in enumerate(cards)}
    out = []
    for card in cards:
        top = card.applicable_maxima[position]
        if top > 0:
            out.append((card, card.scores[position] * HUNDRED / top))
    out.sort(key=lambda pair: (-pair[1], order[id(pair[0])]))
    return [(card.unit or "", rate) for card, rate in out]


def average(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def _figure(count: int):  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    height = max(2.0, 1.2 + 0.26 * count)
    return Figure(figsize=(8.0, height), layout="constrained")


def _bars(ax, names: list[str], values: list[Decimal], colours: list[str], lang: str, label_bars: bool) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter

    positions = list(range(len(names)))
    floats = [float(v) for v in values]
    ax.barh(positions, floats, color=colours, height=0.7)
    ax.set_yticks(positions)
    ax.set_yticklabels([_plain(name) for name in names])
    ax.invert_yaxis()  # best on top
    ax.set_xlim(0, max(100.0, *floats) * 1.08 if floats else 100.0)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}"))
    ax.set_xlabel(LABELS[lang]["axis"])
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if label_bars:
        for y, (x, value) in enumerate(zip(floats, values, strict=True)):
            ax.text(x + 0.8, y, _percent_text(value, lang), va="center", fontsize=7.5)


def _average_line(ax, values: Sequence[Decimal], lang: str) -> None:  # type: ignore[no-untyped-def]
    mean = average(values)
    if mean is None:
        return
    ax.axvline(
        float(mean),
        color=AVERAGE_COLOUR,
        linestyle="--",
        linewidth=1.2,
        label=LABELS[lang]["average"].format(value=_percent_text(mean, lang)),
    )


def _legend(ax, handles=None) -> None:  # type: ignore[no-untyped-def]
    """The legend in one row under the chart, clear of the bars (constrained layout makes room)."""
    if handles is None:
        handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.figure.legend(
            handles=handles, loc="outside lower center", ncol=min(len(handles), 6), fontsize=8, frameon=False
        )


def to_svg(fig) -> str:  # type: ignore[no-untyped-def]
    """The figure as SVG text, the same bytes for the same figure."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # text stays SVG text drawn by the browser's fonts: a glyph DejaVu lacks (CJK ...) is no problem,
        # and the warning would print a unit's characters on stderr
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_HREF = re.compile(r'(\b(?:xlink:)?href)="#([^"]+)"')


def inline(svg: str, prefix: str) -> str:
    """matplotlib's SVG document as an element for an HTML page: no prologue, namespaces or metadata; ids prefixed."""
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    svg = _XMLNS.sub("", svg)
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _URL_REF.sub(lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = _HREF.sub(lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg)
    return svg.strip()


def field_chart(
    ruleset: Ruleset, cards: Sequence[Scorecard], code: str, number: int = 1, lang: str = "vi"
) -> tuple[str, str, int]:
    """(title, inline SVG, units left out) for one field's component index across units."""
    from matplotlib import rc_context

    node = ruleset.node(code)
    title = LABELS[lang]["field_title"].format(n=number, code=node.code, title=node.title)
    rates = field_rates(ruleset, cards, code)
    names = [name for name, _ in rates]
    values = [rate for _, rate in rates]
    with rc_context(_RC):  # type: ignore[arg-type]
        fig = _figure(len(rates))
        ax = fig.add_subplot()
        _bars(ax, names, values, [BAR_COLOUR] * len(values), lang, label_bars=len(values) <= 200)
        _average_line(ax, values, lang)
        if values:
            _legend(ax)
        ax.set_title(_plain(title), loc="left", fontsize=10)
        svg = to_svg(fig)
    return title, inline(svg, f"chart{number}"), len(cards) - len(rates)


def index_chart(ruleset: Ruleset, standings: Sequence[Standing], number: int = 1, lang: str = "vi") -> tuple[str, str]:
    """(title, inline SVG) of every unit's index, best first, coloured by class, with the class bounds."""
    from matplotlib import rc_context
    from matplotlib.patches import Patch

    from .aggregate import class_order

    title = LABELS[lang]["total_title"].format(n=number)
    shown = [s for s in standings if s.card.index is not None]
    order = class_order(ruleset)
    colour_of = class_colours(order)
    names = [s.card.unit or "" for s in shown]
    values = [s.card.index for s in shown]
    colours = [colour_of.get(s.klass or "", NO_CLASS_COLOUR) for s in shown]
    with rc_context(_RC):  # type: ignore[arg-type]
        fig = _figure(len(shown))
        ax = fig.add_subplot()
        _bars(ax, names, values, colours, lang, label_bars=len(values) <= 200)  # type: ignore[arg-type]
        classes = ruleset.ast.classes
        if classes is not None and classes.measure == "index":
            for band in classes.bands:
                if band.interval.lower is not None:
                    ax.axvline(float(band.interval.lower.value), color="#777777", linestyle=":", linewidth=0.8)
        _average_line(ax, values, lang)  # type: ignore[arg-type]
        used = [name for name in order if name in {s.klass for s in shown}]
        handles = [Patch(color=colour_of[name], label=_plain(name)) for name in used]
        if any(s.klass is None for s in shown) and order:
            handles.append(Patch(color=NO_CLASS_COLOUR, label=LABELS[lang]["no_class"]))
        line_handles, _ = ax.get_legend_handles_labels()
        if handles or line_handles:
            _legend(ax, handles + line_handles)
        ax.set_title(_plain(title), loc="left", fontsize=10)
        svg = to_svg(fig)
    return title, inline(svg, f"chart{number}")
