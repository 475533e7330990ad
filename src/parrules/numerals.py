"""The one formatter of numbers for a language: 89,75 (vi) or 89.75 (en).

A leaf module (it imports only the decimal context) so that both the presentation layer
(render re-exports ``number_text``; tables, pages, charts, workbooks) and the sentences of
the core's diagnostics (parrules.wording, which says a number argument in the run's
language) format numbers the same way, without the core importing the presentation layer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .context import in_library_context


@in_library_context  # quantize and normalize follow the context: never the caller's
def number_text(value: Any, lang: str = "vi", places: int | None = None) -> str:
    """A number as the language writes it: 89,75 (vi) or 89.75 (en); '' for None.

    ``places``: exactly that many decimals (the precision the ruleset declares); None:
    as many as the value has, trailing zeros dropped.
    """
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        else:
            return str(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
        pattern = "#,##0" + ("." + "0" * places if places else "")
    else:
        value = value.normalize() if value != 0 else Decimal(0)
        decimals = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if lang == "vi":
        if value.is_finite():
            # What babel writes with CLDR's Vietnamese symbols (group ".", decimal ",", minus "-"),
            # the value's own digits: without loading babel's locale data, a fifth of a small
            # command's start-up (docs/performance.md); equal to babel's on every finite value
            # (tests/test_startup.py).
            return f"{value:,f}".translate(_VI_MARKS)
        from babel.numbers import format_decimal  # imported on first use: `parrules list` never loads babel

        return format_decimal(value, format=pattern, locale="vi", decimal_quantization=False)
    return f"{value:f}"


_VI_MARKS = str.maketrans(",.", ".,")
