"""Recompute a published table and list the cells that disagree beyond their printed precision.

A published cell is compared at the number of decimals it is printed with:
"0.811" has 3, so a computed 0.8114 rounds (half-up) to 0.811 and agrees;
"1.4981" has 4, so a computed 1.4982 differs.  The difference reported is
computed − published, unrounded.

The published table is a CSV with the columns ``unit``, ``code``, ``published``
(one row per unit and node; the code ``total`` or ``index`` for the unit's total
and index), numbers kept as printed with a decimal point or a decimal comma
("84,4089", "84,41%"); other columns (a ``seed_line`` say) are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import io as data_io
from .context import in_library_context
from .errors import NotFound, ParrulesError, did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard
    from .ruleset import Ruleset

WHOLE = ("total", "index", "tổng điểm", "chỉ số")


class AuditError(ParrulesError):
    """A published table that cannot be read."""


@attrs.frozen
class PublishedCell:
    unit: str
    code: str
    published: str  # as printed
    row: int = 0  # the CSV line (0: not from a file)

    @property
    @in_library_context
    def value(self) -> Decimal:
        return published_value(self.published)

    @property
    def places(self) -> int:
        return printed_places(self.published)


@attrs.frozen
class Finding:
    """A published cell that the recomputation does not reproduce (computed None: no result)."""

    unit: str
    code: str
    published: str
    computed: Decimal | None
    row: int = 0
    reason: str = ""

    @property
    @in_library_context
    def difference(self) -> Decimal | None:
        return None if self.computed is None else self.computed - published_value(self.published)


def _clean(text: str) -> str:
    t = text.strip().replace("\u00a0", "").replace("\u202f", "")
    return t[:-1].rstrip() if t.endswith("%") else t


@in_library_context
def published_value(text: str) -> Decimal:
    """A printed number: one decimal mark (point or comma), no thousands separator."""
    t = _clean(text)
    if t.count(",") + t.count(".") > 1:
        raise ValueError(f"{text!r}: write a published number without thousands separators")
    try:
        value = Decimal(t.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


def printed_places(text: str) -> int:
    """Decimals printed: "0.811" -> 3, "84,4089" -> 4, "2.00" -> 2, "1" -> 0."""
    t = _clean(text).replace(",", ".")
    return len(t.split(".", 1)[1]) if "." in t else 0


@in_library_context
def agrees(computed: Decimal, published: str) -> bool:
    """The computed value rounded half-up to the published cell's decimals equals the cell."""
    quantum = Decimal(1).scaleb(-printed_places(published))
    return computed.quantize(quantum, ROUND_HALF_UP) == published_value(published)


@in_library_context
def computed_value(card: Scorecard, code: str) -> Decimal | None:
    key = code.strip().casefold()
    if key in ("total", "tổng điểm"):
        return card.total
    if key in ("index", "chỉ số"):
        return card.index
    return card[code.strip()].score


def _cell(item: Any) -> PublishedCell:
    if isinstance(item, PublishedCell):
        return item
    if isinstance(item, Mapping):
        return PublishedCell(str(item["unit"]), str(item["code"]), str(item["published"]), int(item.get("row", 0)))
    unit, code, published = item
    return PublishedCell(str(unit), str(code), str(published))


@in_library_context
def audit(ruleset: Ruleset, cards: Sequence[Scorecard], published_rows: Iterable[Any]) -> list[Finding]:
    """Every published cell the scorecards do not reproduce at the cell's printed precision.

    ``published_rows``: ``PublishedCell``, mappings (unit, code, published) or (unit, code,
    published) tuples.  A unit with no scorecard gives a finding with ``computed`` None; an
    unknown code raises ``NotFound``.  Cells are checked in the order given.
    """
    from .compare import unit_key

    by_name: dict[str, Scorecard] = {}
    by_key: dict[str, Scorecard] = {}
    for scored in cards:
        if scored.unit is not None:
            by_name[data_io.nfc(scored.unit)] = scored
            by_key.setdefault(unit_key(scored.unit), scored)
    findings: list[Finding] = []
    for item in published_rows:
        cell = _cell(item)
        code = cell.code.strip()
        if code.casefold() not in WHOLE and code not in ruleset.codes:
            at = f" (row {cell.row})" if cell.row else ""
            raise NotFound(f"no node {code!r} in this ruleset{at}{did_you_mean(code, ruleset.codes)}")
        try:
            cell.value  # noqa: B018 - validates the printed number
        except ValueError as exc:
            raise AuditError(f"row {cell.row}: {exc}" if cell.row else str(exc)) from None
        card: Scorecard | None = by_name.get(data_io.nfc(cell.unit)) or by_key.get(unit_key(cell.unit))
        if card is None:
            findings.append(Finding(cell.unit, code, cell.published, None, cell.row, "no computed result for the unit"))
            continue
        value = computed_value(card, code)
        if value is None:
            findings.append(Finding(cell.unit, code, cell.published, None, cell.row, "no index (nothing applies)"))
        elif not agrees(value, cell.published):
            findings.append(Finding(cell.unit, code, cell.published, value, cell.row))
    return findings


@in_library_context
def read_published(path: str | Path) -> list[PublishedCell]:
    """The published table: a CSV with columns unit, code, published (other columns ignored)."""
    p = Path(path)
    if not p.exists():
        raise AuditError(f"no published table {str(p)!r}")
    if p.is_dir():
        raise AuditError(f"{str(p)!r} is a folder, not a published table")
    if p.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise AuditError(f"{p}: a published table is a CSV (numbers kept as printed), not {p.suffix or 'no suffix'!r}")
    rows = data_io._csv_rows(p, "\t" if p.suffix.lower() == ".tsv" else None)
    header: list[str] | None = None
    out: list[PublishedCell] = []
    for number, values, _f in rows:
        cells = [data_io.nfc(str(v)) if v is not None else "" for v in values]
        if not any(cells):
            continue
        if header is None:
            header = [c.casefold() for c in cells]
            missing = [c for c in ("unit", "code", "published") if c not in header]
            if missing:
                raise AuditError(f"{p}: no column {', '.join(missing)} (the header must name unit, code, published)")
            iu, ic, ip = (header.index(c) for c in ("unit", "code", "published"))
            continue

        def at(i: int, cells: list[str] = cells) -> str:
            return cells[i] if i < len(cells) else ""

        if not at(iu) or not at(ic) or not at(ip):
            raise AuditError(f"{p}: row {number}: unit, code and published must all be given")
        out.append(PublishedCell(at(iu), at(ic), at(ip), number))
    if header is None:
        raise AuditError(f"{p}: the file has no header row")
    return out


@in_library_context
def findings_table(findings: Sequence[Finding], lang: str = "en"):  # type: ignore[no-untyped-def]
    """A ``report.Table`` of the findings: unit, code, published (as printed), computed, difference."""
    from .report import Table

    headers = {
        "en": ("Unit", "Code", "Published", "Computed", "Difference", "Note"),
        "vi": ("Đơn vị", "Mã", "Công bố", "Tính lại", "Chênh lệch", "Ghi chú"),
    }[lang]
    rows = [[f.unit, f.code, f.published, f.computed, f.difference, f.reason] for f in findings]
    keep = [i for i in range(6) if i < 5 or any(r[5] for r in rows)]
    return Table(
        [headers[i] for i in keep],
        [[r[i] for i in keep] for r in rows],
        [("unit", "code", "published", "computed", "difference", "note")[i] for i in keep],
    )
