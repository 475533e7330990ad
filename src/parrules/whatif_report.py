"""What ``parrules whatif`` and ``parrules explain --sensitivity`` print (text, Markdown, JSON).

Presentation only: the numbers are ``parrules.whatif``'s.  Tables go through
``report.render_text`` (every cell through the format's safe_text writer), JSON through
``schema.dumps`` with decimals as strings, derivations as ``Scorecard.explain`` wrote them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from . import report
from .safe_text import for_markdown, for_terminal
from .schema import decimal_text, dumps
from .whatif import SUMMARY_ROWS, Sensitivity, WhatIf
from .wording import said

LABELS = {
    "vi": {
        "code": "Mã",
        "title": "Tiêu chí",
        "before": "Trước",
        "after": "Sau",
        "delta": "Chênh lệch",
        "total": "Tổng điểm",
        "applicable_scale": "Thang điểm áp dụng",
        "index": "Chỉ số (%)",
        "class": "Xếp loại",
        "rank": "Xếp hạng",
        "unit": "Đơn vị",
        "changes": "Thay đổi",
        "none": "không có điểm nào thay đổi",
        "derivations": "Cách tính sau thay đổi",
        "leaf": "Tiêu chí",
        "input": "Đầu vào",
        "value": "Giá trị",
        "step": "Bước",
        "gain": "Điểm tăng",
        "total_gain": "Tổng tăng",
        "per_unit": "Điểm / đơn vị",
        "note": "Ghi chú",
        "not_applicable": "không áp dụng",
    },
    "en": {
        "code": "Code",
        "title": "Criterion",
        "before": "Before",
        "after": "After",
        "delta": "Change",
        "total": "Total",
        "applicable_scale": "Applicable scale",
        "index": "Index (%)",
        "class": "Class",
        "rank": "Rank",
        "unit": "Unit",
        "changes": "Changes",
        "none": "no score changes",
        "derivations": "Derivations after the change",
        "leaf": "Leaf",
        "input": "Input",
        "value": "Value",
        "step": "Step",
        "gain": "Leaf gain",
        "total_gain": "Total gain",
        "per_unit": "Points / unit",
        "note": "Note",
        "not_applicable": "not applicable",
    },
}


def _num(value: Any, lang: str, places: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return report.number_text(value, lang, places)
    return str(value)


def _signed(value: Any, lang: str, places: int | None = None) -> str:
    text = _num(value, lang, places)
    return "+" + text if isinstance(value, Decimal | int) and value > 0 else text


def _value(value: Any) -> str:
    """An input's value as JSON: a decimal as its string, yes/no as a boolean, text as text."""
    if isinstance(value, bool) or value is None:
        return value  # type: ignore[return-value]
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


def whatif_table(result: WhatIf, lang: str = "vi") -> report.Table:
    """One row per changed node (and total, applicable scale, index, class, rank), numbers as the
    language writes them: points to the ruleset's places, the index to its index places."""
    words = LABELS[lang]
    header = result.before.ruleset.header
    rows = []
    for c in result.changed:
        places = header.index_places if c.code == "index" else (None if c.code == "rank" else header.rounding_places)
        if c.kind in SUMMARY_ROWS:
            title = words[c.code]
            before, after = _num(c.before, lang, places), _num(c.after, lang, places)
        else:
            title = c.title
            before, after = _num(c.before, lang, places), _num(c.after, lang, places)
            if c.applicable_max_before != c.applicable_max_after:
                before += f" / {_num(c.applicable_max_before, lang)}"
                after += f" / {_num(c.applicable_max_after, lang)}"
        code = "" if c.kind in SUMMARY_ROWS else c.code
        rows.append([code, title, before, after, "" if c.delta is None else _signed(c.delta, lang, places)])
    return report.Table(
        [words["code"], words["title"], words["before"], words["after"], words["delta"]],
        rows,
        ["code", "title", "before", "after", "delta"],
    )


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    return for_terminal(_num(value, lang))


def _change_lines(result: WhatIf, lang: str) -> list[str]:
    return [f"  {c.name}: {_shown(c.before, lang)} -> {_shown(c.after, lang)}" for c in result.inputs]


def format_whatif(result: WhatIf, fmt: str = "text", lang: str = "vi") -> str:
    """The what-if as ``parrules whatif`` prints it: text, md or json."""
    words = LABELS[lang]
    if fmt == "json":
        return dumps(whatif_data(result, lang), indent=2) + "\n"
    unit = result.before.unit
    md = fmt == "md"
    lines = []
    if unit:
        lines.append(f"**{words['unit']}**: {for_markdown(unit)}" if md else f"{words['unit']}: {for_terminal(unit)}")
    lines.append(f"**{words['changes']}**:" if md else f"{words['changes']}:")
    lines.extend(("- " + for_markdown(line.strip())) if md else line for line in _change_lines(result, lang))
    lines.append("")
    if not result.changed:
        lines.append(words["none"])
        return "\n".join(lines) + "\n"
    lines.append(report.render_text(whatif_table(result, lang), "md" if md else "table", lang))
    said = result.derivations_in(lang)
    if said:
        lines.append("")
        lines.append(f"## {words['derivations']}" if md else f"{words['derivations']}:")
        for text in said.values():
            lines.append("")
            lines.extend([_fence(text), text, _fence(text)] if md else [text])
    return "\n".join(lines) + "\n"


def _fence(text: str) -> str:
    """A Markdown code fence longer than any run of backticks in ``text`` (a title cannot close it)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def whatif_data(result: WhatIf, lang: str = "en") -> dict[str, Any]:
    """The what-if as JSON data (decimals as strings): what ``--format json`` and the service give;
    the derivations' words and numbers in ``lang`` (the service speaks English)."""

    def card(c: Any) -> dict[str, Any]:
        from .aggregate import classify

        index = c.index
        return {
            "total": decimal_text(c.total),
            "applicable_scale": decimal_text(c.applicable_scale),
            "index": None if index is None else decimal_text(index),
            "class": classify(c.ruleset, c),
        }

    def text(value: Any) -> Any:
        return decimal_text(value) if isinstance(value, Decimal) else value

    return {
        "unit": result.before.unit,
        "changes": [{"input": c.name, "before": _value(c.before), "after": _value(c.after)} for c in result.inputs],
        "before": card(result.before),
        "after": card(result.after),
        "changed": [
            {
                "code": c.code,
                "kind": c.kind,
                "title": c.title,
                "before": text(c.before),
                "after": text(c.after),
                "delta": text(c.delta),
                "applicable_max_before": text(c.applicable_max_before),
                "applicable_max_after": text(c.applicable_max_after),
            }
            for c in result.changed
        ],
        "derivations": dict(result.derivations_in(lang)),
    }


def sensitivity_table(rows: Sequence[Sensitivity], lang: str = "vi") -> report.Table:
    """One row per (leaf, input): the step tried and the points it brings, or why none was tried."""
    words = LABELS[lang]
    out = []
    for r in rows:
        value = r.value if not isinstance(r.value, bool) else ("có" if r.value else "không")
        step = "" if r.step is None else _signed(r.step, lang)
        if r.type == "percent" and r.step is not None:
            step += " %"
        out.append(
            [
                r.leaf,
                r.input,
                _num(value, lang),
                step,
                "" if r.gain is None else _signed(r.gain, lang),
                "" if r.total_gain is None else _signed(r.total_gain, lang),
                "" if r.per_unit is None else _signed(r.per_unit, lang),
                said(r.note, lang),
            ]
        )
    return report.Table(
        [words[k] for k in ("leaf", "input", "value", "step", "gain", "total_gain", "per_unit", "note")],
        out,
        ["leaf", "input", "value", "step", "gain", "total_gain", "per_unit", "note"],
    )
