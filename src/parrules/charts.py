"""Charts for the HTML report, drawn as HTML and CSS bars (no image, no script, no plotting library).

After the published reports' "Biểu đồ" (seed 002:157-352): for each field, the
component index of every unit (the field's points as a percent of the field's
maximum that applies to the unit), sorted, with the average as a line; and the
whole index of every unit, coloured by class.  A report of one unit gets one chart
of its fields' component indexes instead; a report of many units (a province's
communes, the country's) gets the distribution and the top and bottom units
instead of one bar per unit.

Why HTML rather than an image (the first version drew SVG with matplotlib): the
text of a chart is page text, so it keeps its size on a 400 px phone (a scaled
SVG shrank it to 5 px), prints sharp, wraps a long unit name, and can be searched
and copied; the value labels sit in their own column, so the average line never
strikes through them; and a chart costs string formatting, not a layout engine
(matplotlib's layout of one bar per unit made a report of 1,000 units take
minutes).  Every label goes through ``safe_text.for_html``.

The axis is chosen so that differences show: it starts at a round number below
the lowest value (at 0 when the values spread widely), not at 0 for values that all
lie between 95 and 99; the ticks say where it starts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .render import number_text
from .safe_text import for_html

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

BAR_LIMIT = 60
"""Up to this many units a chart draws one bar per unit; above it, the distribution and the top and bottom."""
TOP = 10
"""How many of the best and of the lowest units a chart of many units lists."""

# How the published reports name the units of each level in a chart title (seed 002:157 "... của
# các sở, ban, ngành năm 2022", 002:284 "... của các huyện, thành phố năm 2022").
LEVEL_UNITS = {
    "vi": {
        "province": "các tỉnh, thành phố",
        "department": "các sở, ban, ngành",
        "district": "các huyện, thành phố",
        "commune": "các xã, phường, thị trấn",
        "ministry": "các bộ, cơ quan ngang bộ",
    },
    "en": {
        "province": "the provinces",
        "department": "the departments",
        "district": "the districts",
        "commune": "the communes",
        "ministry": "the ministries",
    },
}

LABELS = {
    "vi": {
        "field_title": "Biểu đồ {n}. Chỉ số thành phần {title} của {units}{year}",
        "total_title": "Biểu đồ {n}. Chỉ số CCHC của {units}{year}",
        "single_title": "Biểu đồ {n}. Chỉ số thành phần của {unit}{year}",
        "year": " năm {year}",
        "units": "các đơn vị",
        "average": "Trung bình: {value}%",
        "axis": "Chỉ số (%)",
        "units_axis": "Số đơn vị",
        "no_class": "Chưa xếp loại",
        "distribution": "Phân bố: số đơn vị theo khoảng chỉ số (%)",
        "top": "{n} đơn vị cao nhất",
        "bottom": "{n} đơn vị thấp nhất",
        "count": "{n} đơn vị",
        "from": "trục bắt đầu từ {value}%",
    },
    "en": {
        "field_title": "Chart {n}. Component index {title} of {units}{year}",
        "total_title": "Chart {n}. PAR Index of {units}{year}",
        "single_title": "Chart {n}. Component indexes of {unit}{year}",
        "year": ", {year}",
        "units": "the units",
        "average": "Average: {value}%",
        "axis": "Index (%)",
        "units_axis": "Units",
        "no_class": "Not classified",
        "distribution": "Distribution: units by index range (%)",
        "top": "The {n} highest units",
        "bottom": "The {n} lowest units",
        "count": "{n} units",
        "from": "axis starts at {value}%",
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


def _percent_text(value: Decimal, lang: str) -> str:
    return number_text(value, lang, 2)


def field_rates(ruleset: Ruleset, cards: Sequence[Scorecard], code: str) -> list[tuple[str, Decimal]]:
    """(unit, field points as % of its applicable max), best first; units the field does not apply to left out."""
    position = ruleset.position(code)
    out = []
    for i, card in enumerate(cards):
        top = card.applicable_maxima[position]
        if top > 0:
            out.append((i, card.unit or "", card.scores[position] * HUNDRED / top))
    out.sort(key=lambda t: (-t[2], t[0]))
    return [(unit, rate) for _, unit, rate in out]


def average(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def lower_first(title: str) -> str:
    """A field title inside a sentence, as the reports write it: "Cải cách thể chế" -> "cải cách thể chế".

    An acronym or a name that begins the title ("UBND ...", "CCHC ...") keeps its capitals.
    """
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _year(ruleset: Ruleset, lang: str) -> str:
    year = ruleset.header.year
    return LABELS[lang]["year"].format(year=year) if year is not None else ""


def units_phrase(ruleset: Ruleset, lang: str) -> str:
    """ "các sở, ban, ngành" for a department ruleset: how a chart title names the units."""
    return LEVEL_UNITS[lang].get(ruleset.header.level or "", LABELS[lang]["units"])


# ---------------------------------------------------------------- the axis


def nice_axis(values: Sequence[float], top: float | None = None) -> tuple[float, float, float]:
    """(low, high, step) of an axis on which the differences between the values show.

    The axis ends at a round number above the largest value, never above ``top``
    when given (100 for a percent), and starts at a round number below the smallest,
    one step or so of room; when that start would be small anyway (below a third of
    the end), it starts at 0.  About five ticks.
    """
    if not values:
        return 0.0, top or 100.0, 20.0
    low_v, high_v = min(values), max(values)
    span = max(high_v - low_v, (abs(high_v) or 1.0) * 0.02, 0.5)
    for step in (0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0):
        low = max(0.0, math.floor((low_v - span * 0.15) / step) * step)
        high = math.ceil((high_v + span * 0.05) / step) * step
        if top is not None and high_v <= top:
            high = min(high, top)
        if high <= low:
            high = low + step
        if (high - low) / step <= 6:
            break
    if low < high / 3:
        low = 0.0
        step = _step_for(high)
    return low, high, step


def _step_for(span: float) -> float:
    for step in (1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0):
        if span / step <= 6:
            return step
    return span / 5


def _ticks(low: float, high: float, step: float) -> list[float]:
    out, x = [], low
    while x <= high + step * 1e-9:
        out.append(round(x, 6))
        x += step
    return out


def _tick_text(x: float, lang: str) -> str:
    """An axis tick (a float the axis was laid out with) written by the one formatter, as every number."""
    return number_text(Decimal(f"{x:g}"), lang)


def _position(x: float, low: float, high: float) -> str:
    share = 0.0 if high == low else (x - low) / (high - low) * 100
    return f"{min(max(share, 0.0), 100.0):.2f}%"


# ---------------------------------------------------------------- drawing


def bars_html(
    names: Sequence[str],
    values: Sequence[Decimal],
    lang: str,
    *,
    colours: Sequence[str] | None = None,
    value_texts: Sequence[str] | None = None,
    axis: tuple[float, float, float] | None = None,
    mean: Decimal | None = None,
    marks: Sequence[float] = (),
    css: str = "",
    axis_label: str | None = None,
) -> str:
    """Horizontal bars: a name column, the bars on a shared axis, the value in its own column.

    ``mean`` draws the dashed average line over the bars (never over the value
    column), ``marks`` dotted lines (the class bounds); the axis is ``nice_axis``'s
    unless given.
    """
    floats = [float(v) for v in values]
    low, high, step = axis if axis is not None else nice_axis(floats, 100.0 if all(f <= 100 for f in floats) else None)
    texts = list(value_texts) if value_texts is not None else [_percent_text(v, lang) for v in values]
    rows = []
    for i, (name, x, text) in enumerate(zip(names, floats, texts, strict=True)):
        colour = colours[i] if colours is not None else BAR_COLOUR
        rows.append(
            f'<div class="bar-row" style="--r:{i + 1}"><span class="bar-name">{for_html(name)}</span>'
            f'<span class="bar-track"><span class="bar" style="width:{_position(x, low, high)};'
            f'background:{colour}"></span></span><span class="bar-value">{for_html(text)}</span></div>'
        )
    lines = [f'<span class="grid-line" style="left:{_position(t, low, high)}"></span>' for t in _ticks(low, high, step)]
    over = [f'<span class="mark-line" style="left:{_position(m, low, high)}"></span>' for m in marks if low < m < high]
    legend = ""
    if mean is not None:
        over.append(f'<span class="mean-line" style="left:{_position(float(mean), low, high)}"></span>')
        legend = (
            f'<p class="chart-legend"><span class="mean-key"></span> '
            f"{for_html(LABELS[lang]['average'].format(value=_percent_text(mean, lang)))}</p>"
        )
    ticks = "".join(
        f'<span class="tick" style="left:{_position(t, low, high)}">{_tick_text(t, lang)}</span>'
        for t in _ticks(low, high, step)
    )
    start = ""
    if low > 0:
        start = f" ({for_html(LABELS[lang]['from'].format(value=_tick_text(low, lang)))})"
    n = len(rows)
    return (
        f'<div class="bars{(" " + css) if css else ""}" style="--rows:{n}">'
        + "".join(rows)
        + f'<span class="bar-lines" style="grid-row:1 / span {n}">{"".join(lines)}</span>'
        + (f'<span class="bar-over" style="grid-row:1 / span {n}">{"".join(over)}</span>' if over else "")
        + f'<div class="bar-axis" style="--r:{n + 1}"><span class="bar-name"></span><span class="bar-ticks">{ticks}</span>'
        + '<span class="bar-value"></span></div>'
        + f'<p class="axis-label">{for_html(axis_label or LABELS[lang]["axis"])}{start}</p>'
        + legend
        + "</div>"
    )


def _figure(title: str, body: str, css: str, extra: str = "", attrs: str = "") -> str:
    """A chart: the title once, as the caption above the bars (the published "Biểu đồ N. ..." line)."""
    return f'<figure class="chart {css}"{attrs}><figcaption>{for_html(title)}</figcaption>{body}{extra}</figure>'


def _histogram(values: Sequence[Decimal], lang: str) -> str:
    """Units counted per range of the index: the shape of many units in a dozen rows."""
    floats = [float(v) for v in values]
    low, high, step = nice_axis(floats, 100.0 if all(f <= 100 for f in floats) else None)
    width = step / 2 if (high - low) / step <= 4 else step
    edges = []
    x = low
    while x < high - 1e-9:
        edges.append((x, min(x + width, high)))
        x += width
    counts = [0] * len(edges)
    for f in floats:
        i = min(int((f - low) // width), len(edges) - 1) if edges else 0
        counts[max(i, 0)] += 1
    names = []
    for i, (a, b) in enumerate(reversed(edges)):
        closing = "]" if i == 0 else ")"
        names.append(f"[{_tick_text(a, lang)}; {_tick_text(b, lang)}{closing}")
    shown = list(reversed(counts))
    biggest = max(shown) if shown else 1
    return f'<p class="chart-sub">{for_html(LABELS[lang]["distribution"])}</p>' + bars_html(
        names,
        [Decimal(c) for c in shown],
        lang,
        value_texts=[LABELS[lang]["count"].format(n=c) for c in shown],
        axis=nice_axis([0.0, float(biggest)]),
        css="histogram",
        axis_label=LABELS[lang]["units_axis"],
    )


def _top_bottom(
    names: Sequence[str], values: Sequence[Decimal], lang: str, colours: Sequence[str] | None, marks: Sequence[float]
) -> str:
    """The TOP best and lowest units (names and values sorted best first) on one axis."""
    floats = [float(v) for v in values]
    axis = nice_axis(floats, 100.0 if all(f <= 100 for f in floats) else None)
    k = min(TOP, len(names) // 2)
    parts = []
    for label, sl in (("top", slice(0, k)), ("bottom", slice(len(names) - k, len(names)))):
        parts.append(f'<p class="chart-sub">{for_html(LABELS[lang][label].format(n=k))}</p>')
        parts.append(
            bars_html(
                names[sl], values[sl], lang, colours=None if colours is None else colours[sl], axis=axis, marks=marks
            )
        )
    return "".join(parts)


def field_chart(
    ruleset: Ruleset, cards: Sequence[Scorecard], code: str, number: int = 1, lang: str = "vi"
) -> tuple[str, str, int]:
    """(title, chart HTML, units left out) for one field's component index across units, best first."""
    node = ruleset.node(code)
    title = LABELS[lang]["field_title"].format(
        n=number, title=lower_first(node.title), units=units_phrase(ruleset, lang), year=_year(ruleset, lang)
    )
    rates = field_rates(ruleset, cards, code)
    names = [name for name, _ in rates]
    values = [rate for _, rate in rates]
    mean = average(values)
    if len(values) > BAR_LIMIT:
        body = _histogram(values, lang) + _top_bottom(names, values, lang, None, ())
        if mean is not None:
            body += f'<p class="chart-legend">{for_html(LABELS[lang]["average"].format(value=_percent_text(mean, lang)))}</p>'
    else:
        body = bars_html(names, values, lang, mean=mean)
    attrs = f' data-code="{for_html(code)}"'
    return title, _figure(title, body, "field-chart", attrs=attrs), len(cards) - len(rates)


def index_chart(ruleset: Ruleset, standings: Sequence[Standing], number: int = 1, lang: str = "vi") -> tuple[str, str]:
    """(title, chart HTML) of every unit's index, best first, coloured by class, with the class bounds."""
    from .aggregate import class_order

    title = LABELS[lang]["total_title"].format(n=number, units=units_phrase(ruleset, lang), year=_year(ruleset, lang))
    shown = [s for s in standings if s.card.index is not None]
    order = class_order(ruleset)
    colour_of = class_colours(order)
    names = [s.card.unit or "" for s in shown]
    values: list[Decimal] = [s.card.index for s in shown]  # type: ignore[misc]
    colours = [colour_of.get(s.klass or "", NO_CLASS_COLOUR) for s in shown]
    marks: list[float] = []
    classes = ruleset.ast.classes
    if classes is not None and classes.measure == "index":
        marks = [float(b.interval.lower.value) for b in classes.bands if b.interval.lower is not None]
    used = [name for name in order if name in {s.klass for s in shown}]
    keys = [(colour_of[name], name) for name in used]
    if any(s.klass is None for s in shown) and order:
        keys.append((NO_CLASS_COLOUR, LABELS[lang]["no_class"]))
    legend = "".join(
        f'<span class="class-key"><span class="swatch" style="background:{c}"></span>{for_html(name)}</span>'
        for c, name in keys
    )
    legend_html = f'<p class="chart-legend">{legend}</p>' if legend else ""
    mean = average(values)
    if len(values) > BAR_LIMIT:
        body = _histogram(values, lang) + _top_bottom(names, values, lang, colours, marks)
        if mean is not None:
            body += f'<p class="chart-legend">{for_html(LABELS[lang]["average"].format(value=_percent_text(mean, lang)))}</p>'
    else:
        body = bars_html(names, values, lang, colours=colours, mean=mean, marks=marks)
    return title, _figure(title, body, "index-chart", legend_html)


def unit_chart(ruleset: Ruleset, card: Scorecard, number: int = 1, lang: str = "vi") -> tuple[str, str]:
    """(title, chart HTML) for a report of one unit: its fields' component indexes, in field order."""
    title = LABELS[lang]["single_title"].format(n=number, unit=card.unit or "", year=_year(ruleset, lang))
    names, values = [], []
    for field in ruleset.ast.fields:
        position = ruleset.position(field.code)
        top = card.applicable_maxima[position]
        if top > 0:
            names.append(f"{field.code}. {field.title}")
            values.append(card.scores[position] * HUNDRED / top)
    body = bars_html(names, values, lang, css="single")
    return title, _figure(title, body, "unit-chart")
