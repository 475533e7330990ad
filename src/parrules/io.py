"""Reading units' data (CSV, XLSX, JSON) and writing data templates.

One row per unit: a unit-name column and one column per declared input, the
column header being the input's name.  A second header row holding the
Vietnamese descriptions (as ``parrules template`` writes it) is recognised and
skipped.  Numbers are read in Vietnamese format by default (``1.050`` is one
thousand and fifty, ``84,41`` is 84.41, ``98,3%`` is 98.3 for a percent input)
with Babel's strict parser; ``decimal="dot"`` reads ``84.41`` instead.  A cell
that is ambiguous under the declared format is an error naming the row and the
column, never a guess.

Every bad cell becomes an ``InputError`` naming the unit, the spreadsheet row
and the column; the row is rejected and the other rows are still read, so that
``rows_read == len(units) + len(rejected)`` always holds.
"""

from __future__ import annotations

import csv
import io as _stdio
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
from babel.numbers import NumberFormatError, parse_decimal

from . import safe_text
from .errors import InputError, ParrulesError, did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from . import nodes as n
    from .evaluate import Scorecard
    from .ruleset import Ruleset

UNIT_HEADERS = ("unit", "đơn vị", "ten_don_vi", "tên đơn vị")
"""Headers accepted for the unit-name column (compared case-insensitively, NFC)."""

DESCRIPTION_MARKER = "Mô tả"
"""What the template writes in the unit column of its second (description) row."""

YES = frozenset({"có", "x", "yes", "true", "1", "y", "đúng"})
NO = frozenset({"không", "no", "false", "0", "n", "sai"})
NUMERIC_TYPES = frozenset({"count", "money", "percent", "ratio", "number", "points", "rank"})
DECIMAL_STYLES = ("comma", "dot")

# a single separator followed by exactly three digits, integer part not starting with 0:
# "1.050" is 1050 in Vietnamese writing and 1.05 in English writing.
_GROUP_DOT = re.compile(r"^[-+]?[1-9]\d{0,2}\.\d{3}$")
_GROUP_COMMA = re.compile(r"^[-+]?[1-9]\d{0,2},\d{3}$")


class DataError(ParrulesError):
    """The data file as a whole cannot be read (not UTF-8, no header, missing columns ...)."""


class UnitRow(NamedTuple):
    unit: str
    inputs: dict[str, Any]
    row: int


@attrs.define
class Rejected:
    """A row that cannot be scored, with every reason found."""

    unit: str | None
    row: int
    errors: list[InputError]

    def render(self) -> str:
        who = f"unit {self.unit!r}" if self.unit else "no unit name"
        reasons = "\n".join("  " + e.render() for e in self.errors)
        return f"row {self.row} ({who}) rejected:\n{reasons}"


@attrs.define
class DataSet:
    """What a data file gave: the rows read, the units parsed, the rows rejected, warnings."""

    path: str
    rows_read: int = 0
    units: list[UnitRow] = attrs.Factory(list)
    rejected: list[Rejected] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)

    def find(self, name: str) -> UnitRow | None:
        key = nfc(name)
        for unit in self.units:
            if unit.unit == key:
                return unit
        folded = key.casefold()
        matches = [u for u in self.units if u.unit.casefold() == folded]
        return matches[0] if len(matches) == 1 else None

    def rejected_unit(self, name: str) -> Rejected | None:
        key = nfc(name).casefold()
        for r in self.rejected:
            if r.unit is not None and r.unit.casefold() == key:
                return r
        return None

    def summary(self, scored: int | None = None, rejected: int | None = None, lang: str = "en") -> str:
        """The batch identity every run states: rows read = rows scored + rows rejected."""
        s = len(self.units) if scored is None else scored
        r = len(self.rejected) if rejected is None else rejected
        if lang == "vi":
            return f"đọc {self.rows_read} dòng = {s} dòng được chấm điểm + {r} dòng bị loại"
        return f"rows read {self.rows_read} = scored {s} + rejected {r}"


@attrs.define
class ScoreRun:
    """The result of scoring a DataSet: cards in file order, and every rejected row."""

    data: DataSet
    cards: list[Scorecard]
    rows: dict[int, int]  # id(card) -> spreadsheet row
    rejected: list[Rejected]

    def summary(self, lang: str = "en") -> str:
        return self.data.summary(len(self.cards), len(self.rejected), lang)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


# ---------------------------------------------------------------- cells


def parse_number(text: str, decimal: str = "comma") -> Decimal:
    """A number written in the declared style; raises ValueError with the reason."""
    text = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if decimal == "dot":
        if _GROUP_DOT.match(text) or _GROUP_COMMA.match(text):
            raise ValueError(
                f"{text!r} is ambiguous: with a decimal point it reads {text.replace(',', '')}, "
                f"but written the Vietnamese way it means something else; "
                f"write it without a thousands separator"
            )
        locale = "en"
    elif decimal == "comma":
        # In the Vietnamese style a comma is always the decimal mark: "1,179" is 1.179 (the
        # seeds print survey points so: "2,052"), and "1.050" is 1050.
        locale = "vi"
    else:  # pragma: no cover - guarded by the callers
        raise ValueError(f"unknown decimal style {decimal!r}")
    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError as exc:
        hint = " (the file is read with a decimal comma: 84,41; use --decimal dot for 84.41)"
        if decimal == "dot":
            hint = " (the file is read with a decimal point: 84.41)"
        suggestions = getattr(exc, "suggestions", None)
        if suggestions:
            raise ValueError(
                f"{text!r} is not a number in the declared format{hint}; did you mean {' or '.join(suggestions)}?"
            ) from None
        raise ValueError(f"{text!r} is not a number{hint}") from None
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


def convert_cell(value: Any, decl: n.InputDecl, decimal: str = "comma", number_format: str = "") -> Any:
    """One cell's raw value (str, int, float, Decimal, bool) as the input's Python value.

    Raises ValueError with the reason; ``None`` or blank raises LookupError (missing).
    """
    kind = decl.type
    if value is None or (isinstance(value, str) and not value.strip()):
        raise LookupError("empty")
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        if text.startswith("="):
            raise ValueError(f"the cell holds the formula {text!r} as text, not its value")
        if kind == "yesno":
            key = text.casefold()
            if key in YES:
                return True
            if key in NO:
                return False
            raise ValueError(f"{text!r} is not yes/no (write có/không, x, yes/no, true/false or 1/0)")
        if kind == "choice":
            if text in decl.options:
                return text
            folded = {o.casefold(): o for o in decl.options}
            if text.casefold() in folded:
                return folded[text.casefold()]
            raise ValueError(f"{text!r} is not one of {', '.join(decl.options)}")
        if text.endswith("%"):
            if kind != "percent":
                raise ValueError(f"{text!r}: a percent sign is only allowed for a percent input")
            text = text[:-1].rstrip()
        return parse_number(text, decimal)
    if isinstance(value, bool):
        if kind == "yesno":
            return value
        raise ValueError(f"{value!r} is yes/no, but the input is a {kind}")
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"{value!r} is not a finite number")
            number = Decimal(repr(value))
        else:
            number = Decimal(value)
        if kind == "yesno":
            if number in (0, 1):
                return bool(number)
            raise ValueError(f"{value!r} is not yes/no (1 or 0)")
        if kind == "choice":
            raise ValueError(f"{value!r} is not one of {', '.join(decl.options)}")
        if kind == "percent" and "%" in number_format:
            number = number * 100  # a spreadsheet percent cell stores 98.3% as 0.983
        # 10.0 (a float cell) is the count 10, not 1E+1 as normalize() would write it
        return number.to_integral_value() if number == number.to_integral_value() else number
    raise ValueError(f"a {type(value).__name__} value ({value!r}) is not allowed here")


# ---------------------------------------------------------------- tables


def _header_key(text: Any) -> str:
    return nfc(str(text)) if text is not None else ""


# a number with a decimal point that is not Vietnamese: 84.41, 0.5, 12.3456% (but not 1.050)
_DOT_ONLY = re.compile(r"^-?\d+\.\d+%?$")
_VI_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+%?$")


def _column_styles(
    body: Sequence[tuple[int, Sequence[Any], Sequence[str]]],
    columns: dict[str, int],
    decls: dict[str, n.InputDecl],
    decimal: str,
    path: str,
    warnings: list[str],
) -> dict[str, str]:
    """The decimal style of each column: the file's, unless a column cannot be read so.

    A column read with a decimal comma whose cells include "84.41" (which no
    Vietnamese number is), and none that only the Vietnamese style reads ("84,41",
    "1.050"), is read with a decimal point.  A column holding both kinds keeps the
    file's style, so its "84.41" cells are errors naming row and column: never a guess.
    """
    styles = dict.fromkeys(columns, decimal)
    if decimal != "comma":
        return styles
    for name, i in columns.items():
        if decls[name].type in ("yesno", "choice"):
            continue
        dot_only = vietnamese = None
        for _number, values, _formats in body:
            value = values[i] if i < len(values) else None
            text = value.strip().replace(" ", "") if isinstance(value, str) else ""
            if _DOT_ONLY.match(text) and not _VI_GROUPED.match(text):
                dot_only = dot_only or text
            elif "," in text or _VI_GROUPED.match(text):
                vietnamese = vietnamese or text
        if dot_only and not vietnamese:
            styles[name] = "dot"
            warnings.append(
                f"{path}: column {name!r} is read with a decimal point: its cells such as {dot_only!r} "
                "are not numbers in the Vietnamese style"
            )
    return styles


def read_table(
    rows: Iterable[tuple[int, Sequence[Any], Sequence[str]]],
    ruleset: Ruleset,
    *,
    path: str = "<data>",
    unit_column: str | None = None,
    decimal: str = "comma",
) -> DataSet:
    """Rows of cells (row number, values, number formats), the first being the header."""
    if decimal not in DECIMAL_STYLES:
        raise DataError(f"unknown decimal style {decimal!r}; use comma (84,41) or dot (84.41)")
    decls = ruleset.inputs
    data = DataSet(path)
    iterator = iter(rows)
    header_row: Sequence[Any] | None = None
    for _number, values, _formats in iterator:
        if any(_header_key(v) for v in values):
            header_row = values
            break
    if header_row is None:
        raise DataError(f"{path}: the file has no header row")
    headers = [_header_key(v) for v in header_row]

    wanted = [nfc(unit_column)] if unit_column else list(UNIT_HEADERS)
    unit_index = None
    for i, h in enumerate(headers):
        if h.casefold() in {w.casefold() for w in wanted}:
            unit_index = i
            break
    if unit_index is None:
        accepted = ", ".join(repr(w) for w in wanted)
        raise DataError(f"{path}: no unit-name column (a header named {accepted})")

    columns: dict[str, int] = {}
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        if i == unit_index or not h:
            continue
        if h in seen:
            raise DataError(f"{path}: the column {h!r} appears twice")
        seen[h] = i
        if h in decls:
            columns[h] = i
        else:
            data.warnings.append(f"{path}: column {h!r} is not an input of this ruleset and was ignored")
    missing = [name for name in decls if name not in columns]
    if missing:
        unknown = [h for h in seen if h not in decls]
        named = ", ".join(name + did_you_mean(name, unknown) for name in missing)
        raise DataError(
            f"{path}: no column for the input(s) {named}; "
            f"`parrules template RULESET -o FILE` writes a file with every column"
        )

    def cell(values: Sequence[Any], i: int) -> Any:
        return values[i] if i < len(values) else None

    body = list(iterator)
    styles = _column_styles(body, columns, decls, decimal, path, data.warnings)

    first_data = True
    units_seen: dict[str, int] = {}
    for number, values, formats in body:
        if not any(v is not None and str(v).strip() for v in values):
            continue  # a blank row
        unit_raw = cell(values, unit_index)
        unit = nfc(str(unit_raw)) if unit_raw is not None else ""
        if first_data:
            first_data = False
            if unit.casefold() == DESCRIPTION_MARKER.casefold() or _is_description_row(values, columns, decls):
                continue
        data.rows_read += 1
        errors: list[InputError] = []
        if not unit:
            errors.append(InputError("the unit name is empty", code="D201", row=number, column=headers[unit_index]))
        elif unit in units_seen:
            errors.append(
                InputError(
                    f"the unit name is a duplicate of row {units_seen[unit]}",
                    code="D202",
                    unit=unit,
                    row=number,
                    column=headers[unit_index],
                )
            )
        else:
            units_seen[unit] = number
        for i, v in enumerate(values):
            if (i >= len(headers) or not headers[i]) and v is not None and str(v).strip():
                # e.g. 0,4 unquoted in a comma-separated file: the 4 would be dropped silently
                errors.append(
                    InputError(
                        f"the cell holds {v!r} but its column has no header; delete it or name the column "
                        '(in a CSV file, a decimal comma needs quotes: "0,4")',
                        code="D203",
                        unit=unit or None,
                        row=number,
                        column=_column_letter(i),
                    )
                )
        mapping: dict[str, Any] = {}
        for name, i in columns.items():
            fmt = formats[i] if i < len(formats) else ""
            try:
                mapping[name] = convert_cell(cell(values, i), decls[name], styles[name], fmt or "")
            except LookupError:
                errors.append(
                    InputError(
                        f"the cell is empty ({_describe(decls[name])})",
                        code="D101",
                        input=name,
                        unit=unit or None,
                        row=number,
                        column=name,
                    )
                )
            except (ValueError, InvalidOperation) as exc:
                errors.append(InputError(str(exc), code="D104", input=name, unit=unit or None, row=number, column=name))
        if errors:
            data.rejected.append(Rejected(unit or None, number, errors))
        else:
            data.units.append(UnitRow(unit, mapping, number))
    return data


def _column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: A, B, ..., Z, AA, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _describe(decl: n.InputDecl) -> str:
    text = decl.description or decl.name
    return f"{decl.type}: {text}"


def _is_description_row(values: Sequence[Any], columns: dict[str, int], decls: dict[str, n.InputDecl]) -> bool:
    """True when every input cell holds that input's template description."""
    hits = 0
    for name, i in columns.items():
        v = values[i] if i < len(values) else None
        if v is None or not str(v).strip():
            continue
        text = description_text(decls[name])  # as written, or as the template's writers neutralised it
        if nfc(str(v)) not in {nfc(text), nfc(safe_text.visible(text)), nfc(safe_text.for_csv(text))}:
            return False
        hits += 1
    return hits > 0


def description_text(decl: n.InputDecl) -> str:
    """The second-row text the template writes for an input: description and unit."""
    parts = [decl.description or decl.name]
    if decl.implicit_for:
        parts.append(f"[điểm tiêu chí {decl.implicit_for}]")
    if decl.type == "percent":
        parts.append("(%)")
    elif decl.unit:
        parts.append(f"({decl.unit})")
    if decl.type == "yesno":
        parts.append("[có/không]")
    elif decl.type == "choice":
        parts.append("[" + " / ".join(decl.options) + "]")
    elif decl.type == "rank" and decl.low is not None and decl.high is not None:
        parts.append(f"[hạng {decl.low}..{decl.high}]")
    return " ".join(parts)


# ---------------------------------------------------------------- formats


def _csv_rows(path: Path, delimiter: str | None) -> Iterator[tuple[int, list[Any], list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: the file is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as 'CSV UTF-8'"
        ) from None
    if delimiter is None:
        delimiter = _guess_delimiter(text)
    reader = csv.reader(_stdio.StringIO(text, newline=""), delimiter=delimiter)
    for number, row in enumerate(reader, start=1):
        yield number, [v if v.strip() else None for v in row], []


def _guess_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most fields (',' ';' or tab)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, width = ",", 0
    for d in (",", ";", "\t"):
        fields = next(csv.reader([first], delimiter=d), [])
        if len(fields) > width:
            best, width = d, len(fields)
    return best


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[Any], list[str]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError) as exc:
        raise DataError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    import zipfile

    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise DataError(f"{path}: no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")
            ws = wb[sheet]
        else:
            ws = wb.worksheets[0]
        ws.reset_dimensions()
        number = 0
        for row in ws.iter_rows():
            number += 1
            real = [c for c in row if getattr(c, "row", None) is not None]
            if real:
                number = real[0].row
            values = [c.value for c in row]
            values = [v if not (isinstance(v, str) and not v.strip()) else None for v in values]
            formats = [getattr(c, "number_format", "") or "" for c in row]
            yield number, values, formats
    except zipfile.BadZipFile as exc:  # pragma: no cover - caught at load in practice
        raise DataError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    finally:
        wb.close()


def _json_rows(path: Path, ruleset: Ruleset, unit_column: str | None) -> Iterator[tuple[int, list[Any], list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: the file is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    unit_key = unit_column or "unit"
    if isinstance(doc, dict) and "units" in doc and isinstance(doc["units"], list):
        doc = doc["units"]
    if isinstance(doc, dict):
        records = [{unit_key: name, **(body if isinstance(body, dict) else {})} for name, body in doc.items()]
    elif isinstance(doc, list):
        records = doc
    else:
        raise DataError(f"{path}: expected a list of units (objects) or an object of unit name -> inputs")
    names: list[str] = []
    for record in records:
        if isinstance(record, dict):
            for k in record:
                if k not in names:
                    names.append(k)
    if unit_key not in names:
        for k in names:
            if nfc(k).casefold() in UNIT_HEADERS:
                unit_key = k
                break
    if unit_key in names:
        names.remove(unit_key)
    header = [unit_key, *names]
    yield 0, header, []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DataError(f"{path}: record {number} is not an object of input name -> value")
        values = []
        for k in header:
            v = record.get(k)
            if k == unit_key and isinstance(v, Decimal | int) and not isinstance(v, bool):
                v = str(v)
            values.append(v)
        yield number, values, []


def read_data(
    path: str | Path,
    ruleset: Ruleset,
    *,
    unit_column: str | None = None,
    decimal: str = "comma",
    sheet: str | None = None,
    delimiter: str | None = None,
) -> DataSet:
    """Read a CSV, XLSX or JSON data file (chosen by its suffix) against a ruleset's inputs.

    Row numbers are those a spreadsheet shows (the header is row 1); for JSON,
    the record's position in the list (1-based).
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise DataError(f"no data file {str(p)!r}")
    if p.is_dir():
        raise DataError(f"{str(p)!r} is a folder, not a data file")
    if suffix in (".xlsx", ".xlsm"):
        rows: Iterable[tuple[int, Sequence[Any], Sequence[str]]] = _xlsx_rows(p, sheet)
    elif suffix == ".json":
        rows = _json_rows(p, ruleset, unit_column)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _csv_rows(p, "\t" if suffix == ".tsv" and delimiter is None else delimiter)
    elif suffix == ".xls":
        raise DataError(f"{p}: old .xls workbooks are not read; save it as .xlsx or CSV UTF-8")
    else:
        raise DataError(f"{p}: unknown data format {suffix or '(no suffix)'!r}; use .csv, .xlsx or .json")
    data = read_table(rows, ruleset, path=str(p), unit_column=unit_column, decimal=decimal)
    if suffix in (".xlsx", ".xlsm") and any(e.code == "D101" for r in data.rejected for e in r.errors):
        _explain_uncomputed_formulas(p, sheet, data)
    return data


def _explain_uncomputed_formulas(path: Path, sheet: str | None, data: DataSet) -> None:
    """An empty cell that holds a formula whose value was never stored: say so, not just "empty"."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        ws.reset_dimensions()
        where: dict[str, int] | None = None
        formulas: dict[tuple[int, str], str] = {}
        wanted = {(e.row, e.column) for r in data.rejected for e in r.errors if e.code == "D101"}
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if where is None:  # the header is the first row with a value, as read_table reads it
                if any(_header_key(h) for h in values):
                    where = {_header_key(h): i for i, h in enumerate(values)}
                continue
            for row, column in wanted:
                if row == number and column in where and where[column] < len(values):
                    v = values[where[column]]
                    if isinstance(v, str) and v.startswith("="):
                        formulas[(row, column)] = v
    finally:
        wb.close()
    for r in data.rejected:
        for k, e in enumerate(r.errors):
            f = formulas.get((e.row, e.column))  # type: ignore[arg-type]
            if e.code == "D101" and f:
                r.errors[k] = InputError(
                    f"the cell holds the formula {f!r} but no computed value; "
                    "open and save the file in Excel (or paste values) first",
                    code="D104",
                    input=e.input,
                    unit=e.unit,
                    row=e.row,
                    column=e.column,
                )


def score_data(
    ruleset: Ruleset,
    data: DataSet,
    progress: Callable[[Iterable[UnitRow]], Iterable[UnitRow]] | None = None,
) -> ScoreRun:
    """Score every unit read; a unit the evaluator rejects joins the rows rejected at reading.

    ``progress`` wraps the units iterated (the command line passes a tqdm bar).
    """
    cards: list[Scorecard] = []
    rows: dict[int, int] = {}
    rejected = list(data.rejected)
    for unit, inputs, row in progress(data.units) if progress is not None else data.units:
        try:
            card = ruleset.evaluate(inputs, unit=unit)
        except InputError as exc:
            err = InputError(
                exc.message,
                code=exc.code,
                input=exc.input,
                node=exc.node,
                unit=unit,
                row=row,
                column=exc.column if exc.column is not None else exc.input,
            )
            rejected.append(Rejected(unit, row, [err]))
            continue
        cards.append(card)
        rows[id(card)] = row
    rejected.sort(key=lambda r: r.row)
    return ScoreRun(data, cards, rows, rejected)


# ---------------------------------------------------------------- templates


def template_columns(ruleset: Ruleset) -> list[tuple[str, str]]:
    """(header, description) for the unit column and each input."""
    cols = [("Đơn vị", DESCRIPTION_MARKER)]
    for name, decl in ruleset.inputs.items():
        cols.append((name, description_text(decl)))
    return cols


def write_template(ruleset: Ruleset, path: str | Path) -> None:
    """An empty data file for a ruleset: the header, a description row; XLSX adds validation.

    The descriptions are ruleset text: written through ``safe_text`` (CSV) and
    ``report.append_row`` (XLSX) like every other output, so none is a formula.
    """
    from .report import append_row, save_workbook
    from .safe_text import for_csv

    p = Path(path)
    cols = template_columns(ruleset)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([for_csv(c[0]) for c in cols])
            w.writerow([for_csv(c[1]) for c in cols])
        return
    if suffix != ".xlsx":
        raise DataError(f"{p}: a template is written as .xlsx or .csv, not {suffix or '(no suffix)'!r}")
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Dữ liệu"
    append_row(ws, [c[0] for c in cols])
    append_row(ws, [c[1] for c in cols])
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for cell in ws[1]:
        cell.font = bold
    for cell in ws[2]:
        cell.font = Font(italic=True)
        cell.fill = grey
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B3"
    ws.column_dimensions["A"].width = 28
    last = 1002
    yesno = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    yesno.error = "Nhập có hoặc không"
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    whole.error = "Nhập số nguyên không âm"
    used = [yesno, whole]
    for i, (name, decl) in enumerate(ruleset.inputs.items(), start=2):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, min(40, len(name) + 4))
        rng = f"{letter}3:{letter}{last}"
        if decl.type == "yesno":
            yesno.add(rng)
        elif decl.type == "count":
            whole.add(rng)
        elif decl.type == "rank" and decl.low is not None and decl.high is not None:
            dv = DataValidation(
                type="whole", operator="between", formula1=str(decl.low), formula2=str(decl.high), allow_blank=True
            )
            dv.error = f"Nhập hạng từ {decl.low} đến {decl.high}"
            dv.add(rng)
            used.append(dv)
        elif decl.type == "choice":
            dv = DataValidation(type="list", formula1='"' + ",".join(decl.options) + '"', allow_blank=True)
            dv.error = "Chọn một trong: " + ", ".join(decl.options)
            dv.add(rng)
            used.append(dv)
    for dv in used:
        if dv.sqref:
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
    save_workbook(wb, p)
