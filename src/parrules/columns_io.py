"""Reading a CSV, XLSX or JSON data file as columns, in chunks, with the rules of ``parrules.io``.

``parrules.io`` reads a file row by row and converts each cell with ``io.convert_cell``
(Babel parses the locale on each call: ~1.3 ms a unit of the national ruleset).  This
module reads the same file and gives the same units, rejected rows, warnings and counts,
but as numpy columns a chunk of rows at a time, ready for ``Ruleset.score_table``:

* A numeric column whose cells are all *plain numbers* of its decimal style (``84,41``,
  ``1.050`` in the Vietnamese style; ``84.41`` in the dot style) is converted in one pass
  by ``io.plain_column``, the routine ``io.parse_number`` reads such a cell with (one way
  to parse a number; the locale's symbols are taken from Babel once).  Any other cell
  (``98,3%``, ``có``, a choice's label, an empty or malformed cell) goes through
  ``io.convert_cell`` itself, memoised by its text.
* A row that is anything but a clean unit (a line that is not well-formed CSV, a blank
  line, the description row, a cell that does not convert, a duplicate or empty unit name,
  a field too many) is read by ``io.RowReader``, the per-row code of ``io.read_table``,
  so its errors are today's, word for word.
* The file is read twice: a first pass checks its encoding and finds what the whole file
  decides (the decimal style of each column, the percent columns holding fractions: see
  ``io._column_styles`` and ``io._fraction_columns``), the second converts and yields the
  chunks.  Memory is bounded by the chunk, never by the file: no whole-file text is held,
  so the ``io.MAX_DATA_BYTES`` bound of the whole-file readers does not apply (a line is
  still bounded by ``io.MAX_LINE_CHARS``).

Numbers given to ``score_table`` are exact and never floats: a column of plain numbers (or
of number cells: an XLSX number, a JSON number) as int64, or as ``columnar.Scaled`` (int64 at
the fewest places the column needs), read from the digits by ``scaled_texts``; anything else
(a value of more than 18 digits, an exponent) as Decimal objects.

XLSX and JSON rows are those ``io._xlsx_rows`` and ``io._json_rows`` give ``io.read_data``.
An XLSX sheet is parsed by openpyxl once and replayed from a spill for the later passes; a
JSON document is held by ``json.loads`` (bounded by ``io.MAX_DATA_BYTES``, not streamed).
"""

from __future__ import annotations

import codecs
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs
import numpy as np

from . import io as data_io
from .columnar import Scaled
from .context import in_library_context
from .io import DataError, DataSet, RowReader, SourceRow, UnitRow
from .limits import STREAM_CHUNK_ROWS
from .system_words import codec_reason
from .wording import Sentence, sentence

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import Ruleset

CHUNK_ROWS = STREAM_CHUNK_ROWS
"""Rows converted and scored at once: memory is bounded by this, not by the file."""
_BLOCK = 1 << 20


# ---------------------------------------------------------------- lines


def _decode_error(path: Path) -> Sentence:
    """The message of ``io._read_text`` for a file that is not UTF-8, found block by block."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    offset = 0
    with path.open("rb") as fh:
        while True:
            block = fh.read(_BLOCK)
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                return sentence(
                    "{path}: the file is not UTF-8 text ({why} at byte {start}); save it as 'CSV UTF-8'",
                    path=path,
                    why=codec_reason(exc.reason),
                    start=offset + exc.start,
                )
            if not block:
                return sentence("{path}: the file is not UTF-8 text; save it as 'CSV UTF-8'", path=path)  # pragma: no cover
            offset += len(block)


def _text_lines(path: Path) -> Iterator[str]:
    """The file's physical lines (ending at CR LF, CR or LF, not kept), decoded as UTF-8 with
    or without a BOM; the refusals of ``io._read_text`` (UTF-16, not UTF-8, a NUL) as DataErrors."""
    with path.open("rb") as raw:
        if raw.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            raise DataError(
                sentence("{path}: the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8; save it as 'CSV UTF-8'", path=path)
            )
    number = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for line in fh:
                number += 1
                text = line.rstrip("\r\n")
                if "\x00" in text:
                    raise DataError(sentence("{path}: line {line} holds a NUL character: this is a binary file, not text", path=path, line=number))
                yield text
    except UnicodeDecodeError:
        raise DataError(_decode_error(path)) from None


class _Lines(Sequence[str]):
    """What ``io._open_quote_message`` reads of a file's lines: one line's text, the number of
    lines, and which lines hold an odd number of quotes (found by the first pass)."""

    def __init__(self, total: int, odd: set[int], number: int, line: str):
        self.total, self.odd, self.number, self.line = total, odd, number, line

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: Any) -> Any:
        if index == self.number - 1:
            return self.line
        return '"' if index + 1 in self.odd else ""


@attrs.define
class _Scan:
    """What the first pass learns: line count, lines with an odd number of quotes, delimiter."""

    lines: int = 0
    odd: set[int] = attrs.Factory(set)
    delimiter: str = ","


def _first_scan(path: Path, delimiter: str | None) -> _Scan:
    """The delimiter (given, or guessed from the first line that is not blank); the lines are
    counted by the first pass (``csv_rows(..., counting=True)``)."""
    scan = _Scan()
    first = ""
    if delimiter is None:
        for text in _text_lines(path):
            if text.strip():
                first = text
                break
    scan.delimiter = delimiter if delimiter is not None else data_io._guess_delimiter(first)
    return scan


def csv_rows(path: Path, scan: _Scan, counting: bool = False) -> Iterator[SourceRow]:
    """One row per physical line, read by ``io.csv_line_rows`` as the whole-file reader reads
    them (the same problems D204, D206, D207, with the same messages).  ``counting`` (the
    first pass): the lines and those with an odd number of quotes are counted into ``scan``
    as they come, and a D204 message, which needs them all, is not yet right."""
    lines = _text_lines(path)
    if counting:
        lines = _counted(lines, scan)
    yield from data_io.csv_line_rows(
        lines,
        scan.delimiter,
        lambda number, line, opened: data_io._open_quote_message(
            _Lines(scan.lines, scan.odd, number, line), number, opened  # type: ignore[arg-type]
        ),
    )


def _counted(lines: Iterable[str], scan: _Scan) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        scan.lines = number
        if line.count('"') % 2:
            scan.odd.add(number)
        yield line


# ---------------------------------------------------------------- what the whole file decides


_SPACE = re.compile(r"[^\S\n]")
_DOT_ONLY_LINE = re.compile(r"^(?!-?\d{1,3}(?:\.\d{3})+%?$)-?\d+\.\d+%?$", re.M)
_VI_GROUPED_LINE = re.compile(r"^-?\d{1,3}(?:\.\d{3})+%?$", re.M)


class _StyleScan:
    """``io._column_styles`` over a file read a chunk at a time: a Vietnamese-style column whose
    cells include 84.41 and none that only the Vietnamese style reads is read with a point
    (the same regular expressions, run over a column's joined text)."""

    def __init__(self, columns: dict[str, int], decls: dict[str, Any], decimal: str):
        self.decimal = decimal
        self.wanted = {
            name: i for name, i in columns.items() if decimal == "comma" and decls[name].type not in ("yesno", "choice")
        }
        self.dot_only: dict[str, str] = {}
        self.vietnamese: set[str] = set()

    def feed(self, rows: Sequence[SourceRow]) -> None:
        body = [r.values for r in rows if r.problem is None]
        for name, i in self.wanted.items():
            if name in self.vietnamese:
                continue
            texts = [v[i] for v in body if i < len(v) and isinstance(v[i], str)]
            joined = "\n".join(texts)
            if _SPACE.search(joined):
                joined = "\n".join(t.strip().replace(" ", "") for t in texts)
            if "," in joined or _VI_GROUPED_LINE.search(joined):
                self.vietnamese.add(name)
                continue
            if name not in self.dot_only:
                found = _DOT_ONLY_LINE.search(joined)
                if found:
                    self.dot_only[name] = found.group(0)

    def styles(self, columns: dict[str, int], path: str, warnings: list[str]) -> dict[str, str]:
        styles = dict.fromkeys(columns, self.decimal)
        for name in self.wanted:
            if name in self.dot_only and name not in self.vietnamese:
                styles[name] = "dot"
                warnings.append(
                    sentence(
                        "{path}: column {column!r} is read with a decimal point: its cells such as {example!r} "
                        "are not numbers in the Vietnamese style",
                        path=path,
                        column=name,
                        example=self.dot_only[name],
                    ).text()
                )
        return styles


class _FractionScan:
    """``io._fraction_columns`` over a file read a chunk at a time: the percent columns whose
    values all lie within 0..1, one above 0, none written with %."""

    def __init__(self, columns: dict[str, int], decls: dict[str, Any], convert: Any):
        self.columns = {
            name: i
            for name, i in columns.items()
            if decls[name].type == "percent" and not (decls[name].high is not None and decls[name].high <= 1)
        }
        self.decls = decls
        self.convert = convert
        self.out: set[str] = set()
        self.first: dict[str, tuple[int, Any]] = {}

    def feed(self, rows: Sequence[SourceRow], styles: dict[str, str]) -> None:
        for name, i in self.columns.items():
            if name in self.out:
                continue
            for row in rows:
                if row.problem is not None or i >= len(row.values):
                    continue
                value = row.values[i]
                fmt = row.formats[i] if i < len(row.formats) else ""
                if (isinstance(value, str) and value.strip().endswith("%")) or "%" in (fmt or ""):
                    self.out.add(name)
                    break
                number = self.convert(name, self.decls[name], styles[name], value, fmt or "")
                if number is _WRONG:
                    continue
                if not isinstance(number, Decimal) or not 0 <= number <= 1:
                    self.out.add(name)
                    break
                if number > 0 and name not in self.first:
                    self.first[name] = (row.number, value)

    def suspects(self) -> dict[str, tuple[int, Any]]:
        return {name: first for name, first in self.first.items() if name not in self.out}


# ---------------------------------------------------------------- chunks


@attrs.define
class Chunk:
    """The clean units of a chunk as columns (for ``score_table``), and the other units read,
    one row at a time, by ``io.RowReader`` (their inputs as ``io.read_table`` gives them)."""

    rows: np.ndarray[Any, Any]  # file row of each clean unit
    units: list[str]
    columns: dict[str, Any]
    raw: list[SourceRow]  # the source row of each clean unit (to re-read a rejected one exactly)
    others: list[UnitRow]


class ColumnReader:
    """A data file (CSV, XLSX or JSON) read as chunks of columns; ``data`` holds what
    ``io.read_data`` would give but the units (rows read, rejected rows, warnings, blank lines,
    the description row)."""

    def __init__(
        self,
        path: str | Path,
        ruleset: Ruleset,
        *,
        unit_column: str | None = None,
        decimal: str = "comma",
        delimiter: str | None = None,
        fractions: bool | None = None,
        sheet: str | None = None,
        chunk_rows: int = CHUNK_ROWS,
    ):
        p = Path(path)
        if not p.exists():
            raise DataError(sentence("no data file {path!r}", path=str(p)))
        if p.is_dir():
            raise DataError(sentence("{path!r} is a folder, not a data file", path=str(p)))
        self.kind = source_kind(p)
        if delimiter is None and p.suffix.lower() == ".tsv":
            delimiter = "\t"
        self.path, self.ruleset, self.chunk_rows, self.sheet = p, ruleset, chunk_rows, sheet
        self.decimal, self.fractions, self.unit_column = decimal, fractions, unit_column
        self.same_width = self.kind == "csv"  # as io.read_data reads each kind (D205 for CSV only)
        self.data = DataSet(str(p))
        self._source: _Replay | list[SourceRow] | None = None
        if self.kind == "csv":
            self.scan = _first_scan(p, delimiter)
        else:
            self.scan = _Scan()
            if self.kind == "json":  # json.loads holds the document: bounded by io.MAX_DATA_BYTES
                self._source = list(data_io._json_rows(p, ruleset, unit_column))
            else:  # an XLSX sheet, streamed by openpyxl (read_only) once, then replayed from a spill
                self._source = _Replay(SourceRow(*item) for item in data_io._xlsx_rows(p, sheet))
        # the first pass: the encoding checked, the lines counted, the columns' styles and the
        # percent columns of fractions found (with the file's style; again if a column's differs)
        rows = self._rows(counting=True)
        try:
            self.head = data_io.read_header(rows, ruleset, self.data, unit_column=unit_column, decimal=decimal)
        except DataError:
            if self.kind == "csv":
                for _line in _text_lines(p):  # a file that is not UTF-8 text is refused as that first
                    pass
            raise
        decls = ruleset.inputs
        styles_scan = _StyleScan(self.head.columns, decls, decimal)
        self._memo: dict[tuple[Any, ...], Any] = {}
        fraction_scan = _FractionScan(self.head.columns, decls, self._cell)
        assumed = dict.fromkeys(self.head.columns, decimal)
        for chunk in _chunks(rows, chunk_rows):
            styles_scan.feed(chunk)
            fraction_scan.feed(chunk, assumed)
        self.styles = styles_scan.styles(self.head.columns, str(p), self.data.warnings)
        if any(self.styles[name] != decimal for name in fraction_scan.columns):
            self._memo.clear()
            fraction_scan = _FractionScan(self.head.columns, decls, self._cell)
            rows = self._rows()
            data_io.read_header(rows, ruleset, DataSet(str(p)), unit_column=unit_column, decimal=decimal)
            for chunk in _chunks(rows, chunk_rows):
                fraction_scan.feed(chunk, self.styles)
        self.suspects = fraction_scan.suspects()
        data_io.warn_fractions(self.data, self.suspects, fractions)
        if self.kind == "xlsx" and sheet is None:
            data_io._warn_other_sheets(p, self.data)
        self.reader = RowReader(
            ruleset, self.data, self.head, self.styles, self.suspects, fractions=fractions, same_width=self.same_width
        )

    def _rows(self, counting: bool = False) -> Iterator[SourceRow]:
        """The file's rows from the first (the header's lines included), read again each call."""
        if self._source is None:
            return csv_rows(self.path, self.scan, counting)
        return iter(self._source)

    def finish(self) -> None:
        """After the last chunk: what io.read_data does once the rows are read (an XLSX cell that
        holds a formula with no stored value named so, D104, where it was an empty cell, D101)."""
        if self.kind == "xlsx" and any(e.code == "D101" for r in self.data.rejected for e in r.errors):
            data_io._explain_uncomputed_formulas(self.path, self.sheet, self.data)

    def close(self) -> None:
        if isinstance(self._source, _Replay):
            self._source.close()

    @in_library_context
    def chunks(self) -> Iterator[Chunk]:
        rows = self._rows()
        data_io.read_header(
            rows, self.ruleset, DataSet(str(self.path)), unit_column=self.unit_column, decimal=self.decimal
        )
        for chunk in _chunks(rows, self.chunk_rows):
            yield self._chunk(chunk)

    def rescan(self, row: SourceRow) -> DataSet:
        """One clean row read again by a RowReader of its own: its inputs as io.read_table gives them."""
        scratch = DataSet(str(self.path))
        reader = RowReader(
            self.ruleset,
            scratch,
            self.head,
            self.styles,
            self.suspects,
            fractions=self.fractions,
            same_width=self.same_width,
        )
        reader.first_data = False
        reader.read(row)
        return scratch

    def _chunk(self, rows: list[SourceRow]) -> Chunk:
        head, decls, reader = self.head, self.ruleset.inputs, self.reader
        width = len(head.row.values)
        if not self.same_width:  # an XLSX row stops at its last cell: as wide as the header
            rows = [_fit(row, width) for row in rows]
        blank_headers = [i for i, h in enumerate(head.headers) if not h]
        candidates = [
            r
            for r in rows
            if r.problem is None
            and len(r.values) == width
            and isinstance(r.values[head.unit_index], str)
            and len(r.values[head.unit_index]) < data_io.MAX_CELL_CHARS
            and not any(r.values[i] is not None for i in blank_headers)
        ]
        count = len(candidates)
        bad = np.zeros(count, dtype=bool)
        converted: dict[str, Any] = {}
        cells = list(zip(*(r.values for r in candidates), strict=True)) if candidates else []
        formats = None
        if self.kind == "xlsx" and candidates:  # a cell formatted as percent holds 98.3% as 0.983
            formats = list(zip(*(r.formats for r in candidates), strict=True))
        for name, i in head.columns.items():
            column = cells[i] if cells else ()
            values, wrong = self._convert(name, decls[name], column, formats[i] if formats else None)
            converted[name] = values
            bad |= wrong
        # in file order: every row that is not a clean unit is read by io's own per-row code
        clean: list[int] = []
        units: list[str] = []
        position = {id(r): k for k, r in enumerate(candidates)}
        others_start = len(self.data.units)
        for row in rows:
            k = position.get(id(row))
            if k is None or bad[k] or reader.first_data:
                reader.read(row)
                continue
            unit = _name(row.values[head.unit_index])
            key = _key(unit)
            if not key or key in reader.units_seen:
                reader.read(row)  # an empty or duplicate name: rejected as io rejects it
                continue
            reader.units_seen[key] = (row.number, unit)
            self.data.rows_read += 1
            clean.append(k)
            units.append(unit)
        others = self.data.units[others_start:]
        del self.data.units[others_start:]
        keep = np.array(clean, dtype=np.int64)
        columns = {name: _take(values, keep) for name, values in converted.items()}
        return Chunk(
            rows=np.array([candidates[k].number for k in clean], dtype=np.int64),
            units=units,
            columns=columns,
            raw=[candidates[k] for k in clean],
            others=others,
        )

    def _convert(
        self, name: str, decl: Any, column: Sequence[Any], formats: Sequence[str] | None = None
    ) -> tuple[Any, np.ndarray[Any, Any]]:
        """(values, rows to read one by one) of an input's column of cells (and their number
        formats, XLSX)."""
        count = len(column)
        wrong = np.zeros(count, dtype=bool)
        kind = decl.type
        style = self.styles[name]
        suspect = name in self.suspects
        fmts: Sequence[str] = formats if formats is not None else ("",) * count
        if kind in ("yesno", "choice"):
            values = [self._cell(name, decl, style, cell) for cell in column]
            for k, v in enumerate(values):
                if v is _WRONG:
                    wrong[k] = True
            if kind == "yesno":
                return np.array([v is True for v in values], dtype=bool), wrong
            return np.array([v if isinstance(v, str) else "" for v in values], dtype=object), wrong
        if count and not suspect:
            texts = None not in column if self.kind == "csv" else all(type(c) is str for c in column)
            plain = data_io.plain_column(column, style) if texts else None  # type: ignore[arg-type]
            if plain is not None:
                scaled = scaled_texts(plain)
                if scaled is not None:
                    return scaled, wrong
            elif not texts and not _percent_format(kind, fmts) and set(map(type, column)) <= _NUMBERS:
                # number cells (an XLSX number, a JSON number's Decimal): convert_cell reads a float
                # by its repr and an int or Decimal as it is, so their digits are read as text's are
                digits = [repr(c) if type(c) is float else str(c) for c in column]
                if _PYTHON_NUMBERS.fullmatch("\n".join(digits)):  # no exponent, NaN or infinity
                    scaled = scaled_texts(digits)
                    if scaled is not None:
                        return scaled, wrong
        numbers: list[Any] = []
        for k, cell in enumerate(column):
            value: Any = self._cell(name, decl, style, cell, fmts[k])
            if value is _WRONG or (suspect and self.fractions is None and value != 0):
                wrong[k] = True  # D211 or a cell's error: the row is read by io's RowReader
                value = Decimal(0)
            elif suspect and self.fractions:
                value = value * 100
                value = value.to_integral_value() if value == value.to_integral_value() else value
            numbers.append(value)
        return _number_array(numbers), wrong

    def _cell(self, name: str, decl: Any, style: str, cell: Any, fmt: str = "") -> Any:
        """io.convert_cell of one cell, memoised by its type and value (and whether its number
        format is a percent); _WRONG when it raises (or is too long, or is no cell value)."""
        if isinstance(cell, str):
            if len(cell) >= data_io.MAX_CELL_CHARS:
                return _WRONG
        elif cell is not None and not isinstance(cell, int | float | Decimal):
            return _WRONG  # a JSON list or object, a date, a reader's unreadable cell: io's message
        key = (name, style, cell.__class__, cell, "%" in fmt)
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            numeric = isinstance(cell, str) and decl.type not in ("yesno", "choice")
            plain = data_io.plain_number(cell, style) if numeric else None
            if plain is not None:
                found = Decimal(plain)
            else:
                try:
                    found = data_io.convert_cell(cell, decl, style, fmt)
                except (LookupError, ValueError, InvalidOperation):
                    found = _WRONG
            if len(self._memo) < 100_000:
                self._memo[key] = found
        return found


def source_kind(path: Path) -> str:
    """csv, xlsx or json by the file's suffix, as io.read_data chooses; its refusals otherwise."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".json":
        return "json"
    if suffix == ".xls":
        raise DataError(sentence("{path}: old .xls workbooks are not read; save it as .xlsx or CSV UTF-8", path=path))
    raise DataError(
        sentence(
            "{path}: unknown data format {suffix!r}; use .csv, .xlsx or .json", path=path, suffix=suffix or "(no suffix)"
        )
    )


class _Replay:
    """The rows of a source read once (an XLSX sheet through openpyxl, the slow part), spilled in
    blocks to a temporary file as they come, and read back from the spill by each later pass:
    memory is one block, and the workbook's XML is parsed once."""

    def __init__(self, source: Iterator[SourceRow], block: int = 1024):
        self.source, self.block = source, block
        self.spill: IO[bytes] = tempfile.TemporaryFile(prefix="parrules-rows-")
        self.complete = False

    def __iter__(self) -> Iterator[SourceRow]:
        if self.complete:
            self.spill.seek(0)
            while True:
                try:
                    rows: list[SourceRow] = pickle.load(self.spill)
                except EOFError:
                    return
                yield from rows
        if self.spill.tell():
            raise RuntimeError("the rows are read again before the first pass ended")  # pragma: no cover
        for rows in _chunks(self.source, self.block):
            pickle.dump(rows, self.spill, protocol=pickle.HIGHEST_PROTOCOL)
            yield from rows
        self.complete = True

    def close(self) -> None:
        self.spill.close()


def _fit(row: SourceRow, width: int) -> SourceRow:
    """An XLSX row as wide as the header: cut where its cells past the header are all empty,
    padded with empty cells (RowReader reads a missing cell as an empty one: the same row)."""
    values = row.values
    if row.problem is not None or len(values) == width:
        return row
    if len(values) > width:
        if any(v is not None for v in values[width:]):
            return row  # a value without a header (D203): RowReader's
        values = values[:width]
    else:
        values = [*values, *([None] * (width - len(values)))]
    formats = [*row.formats[:width], *([""] * (width - len(row.formats)))]
    return row._replace(values=values, formats=formats)


_NUMBERS = {int, float, Decimal}
_PYTHON_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?(?:\n-?\d+(?:\.\d+)?)*")


def _percent_format(kind: str, formats: Sequence[str]) -> bool:
    return kind == "percent" and any("%" in (f or "") for f in formats)


_SCALED_DIGITS = 18  # at most 18 digits a value: every one fits int64 (|x| < 9.2e18)


_POW10 = 10 ** np.arange(_SCALED_DIGITS + 1, dtype=np.int64)


def _whole(plain: Sequence[str]) -> np.ndarray[Any, Any]:
    return np.array(list(map(int, plain)), dtype=np.int64)


def scaled_texts(plain: Sequence[str]) -> Scaled | np.ndarray[Any, Any] | None:
    """Plain numbers in Python's notation (``84.41``, ``-1050``, ``0.50``) as exact scaled integers,
    from their digits (no float, no Decimal): an int64 array when every one is whole, else
    ``columnar.Scaled`` at the fewest places the column needs; None when one needs more than 18
    digits at the column's scale as written (its most places, trailing zeros counted).  The column is read as one byte string, a few numpy passes over it (a Python
    loop per cell cost 1.6x the whole streamed run; docs/performance.md)."""
    count = len(plain)
    if not count:
        return np.zeros(0, dtype=np.int64)
    joined = "\n".join(plain)
    if "." not in joined:  # whole numbers (counts, ranks): int() of each, in C
        if max(map(len, plain)) > _SCALED_DIGITS:
            return None if max(len(t.lstrip("-")) for t in plain) > _SCALED_DIGITS else _whole(plain)
        return _whole(plain)
    try:
        data = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError:  # pragma: no cover - a plain number is digits, a point and a minus
        return None
    newline = data == 10
    line = np.cumsum(newline) - newline  # each byte's cell (a newline ends its cell)
    ends = np.append(np.flatnonzero(newline), len(data))  # where each cell ends (exclusive)
    digit = (data >= 48) & (data <= 57)
    at = np.flatnonzero(digit)
    total = np.cumsum(digit)  # digits up to and including each byte
    dots = np.flatnonzero(data == 46)
    places = np.zeros(count, dtype=np.int64)
    places[line[dots]] = ends[line[dots]] - dots - 1
    scale = int(places.max())
    whole = np.bincount(line[at], minlength=count) - places
    if int(whole.max()) + scale > _SCALED_DIGITS:
        return None
    cell = line[at]
    after = total[ends[cell] - 1] - total[at]  # digits after this one in its cell
    values = (data[at].astype(np.int64) - 48) * _POW10[after + scale - places[cell]]
    ints = np.add.reduceat(values, np.searchsorted(cell, np.arange(count)))
    ints[line[np.flatnonzero(data == 45)]] *= -1
    while scale and not np.any(ints % 10):  # trailing zeros (0.50): the fewest places
        ints //= 10
        scale -= 1
    return Scaled(ints, scale) if scale else ints


_MISSING = object()
_WRONG = object()


def _chunks(rows: Iterator[SourceRow], size: int) -> Iterator[list[SourceRow]]:
    chunk: list[SourceRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _name(raw: str) -> str:
    return unicodedata.normalize("NFC", raw).strip()


def _key(unit: str) -> str:
    """io.unit_key, without its per-character scan for a name that has no invisible character."""
    if unit.isprintable() and not data_io._IGNORABLE.search(unit):
        return " ".join(unit.split())
    return data_io.unit_key(unit)


def _take(values: Any, keep: np.ndarray[Any, Any]) -> Any:
    return values[keep] if len(keep) != len(values) else values


def _number_array(numbers: list[Any]) -> Any:
    """Decimals as the column score_table reads exactly: int64 or ``columnar.Scaled`` (from
    their digits, when every value has at most 18), or the Decimals themselves."""
    texts = [str(d) for d in numbers]
    if not any("E" in t for t in texts):
        scaled = scaled_texts(texts) if texts else np.zeros(0, dtype=np.int64)
        if scaled is not None:
            return scaled
    return np.array(numbers, dtype=object)
