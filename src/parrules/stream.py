"""``parrules score DATA --format csv|json|md|table``: read, score and write in chunks, never a Scorecard a unit.

The file (CSV, XLSX or JSON) is read by ``parrules.columns_io`` a chunk at a time and each
chunk scored by ``Ruleset.score_table``.  Of each scored unit only what ranking needs is kept
(its file row, total, index and tie-break scores: a few int64 columns); the rest of its
output line (unit, total, index, the fields' points) is spilled to a temporary file.  After
the last chunk the kept columns are ranked and classified as ``aggregate.standings`` does
(``columnar``'s ranking of columns), and the output is written in rank order, each line read
back from the spill: CSV and JSON a line or record at a time; md and table through
``report.render`` over the displayed rows (a text table is laid out over all of them).
Memory is bounded by the chunk and by those few columns, not by the file (but for md and
table, and a JSON input, which ``json.loads`` holds whole).

The output is the text ``report.render(standings_table(...), fmt)`` writes for the same
file (tests/test_columns_io.py and tests/test_columns_io_formats.py compare both on the
shipped examples and on generated files with rejected rows); the rows the columns cannot
take (a rejected row, a row ``score_table`` rejects) get today's messages from
``io.RowReader`` and ``io.score_data``.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

import attrs
import numpy as np

from . import io as data_io
from . import safe_text
from .columnar import ScoreTable, rank_table, score_table
from .columns_io import CHUNK_ROWS, Chunk, ColumnReader
from .context import in_library_context
from .io import DataSet, Rejected, UnitRow
from .render import scaled_number_texts

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard
    from .ruleset import Ruleset

_UNIT = "\x00unit"  # the unit names' column given to score_table (no input can be named so)


@attrs.define
class StreamRun:
    """What a streamed run tells after the output: the data read, units scored, rows rejected."""

    data: DataSet
    scored: int
    rejected: list[Rejected]

    def summary(self, lang: str = "en") -> str:
        return self.data.summary(self.scored, len(self.rejected), lang)


class _Kept:
    """The columns ranking needs, a chunk at a time, and where each unit's line is spilled."""

    def __init__(self, tie_break: Sequence[str]):
        self.parts: dict[str, list[np.ndarray[Any, Any]]] = {
            k: [] for k in ("row", "total", "index", "known", "offset", *(f"tie:{c}" for c in tie_break))
        }
        self.tie_break = tuple(tie_break)
        self.total_scale = 0
        self.index_scale = 0

    def add(self, **columns: np.ndarray[Any, Any]) -> None:
        for key, values in columns.items():
            self.parts[key].append(values)

    def column(self, key: str, dtype: Any) -> np.ndarray[Any, Any]:
        parts = self.parts[key]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


class _Writer:
    """Formats the scored rows of a table and spills each unit's line (but rank, class, note).

    For CSV the line is the output's cells (numbers in the run's language, the unit through
    ``safe_text.for_csv``); for the other formats it is the unit as read and each number's
    exact text at the ruleset's places (``84.4094``), which the output then writes as it
    writes a Decimal of those digits."""

    def __init__(self, rs: Ruleset, lang: str, spill: IO[bytes], kept: _Kept, fmt: str = "csv"):
        self.rs, self.spill, self.kept = rs, spill, kept
        self.lang = lang if fmt == "csv" else "en"
        self.unit_text = safe_text.for_csv if fmt == "csv" else str
        self.fields = [f.code for f in rs.ast.fields]
        self.offset = 0

    def add(self, table: ScoreTable, rows: np.ndarray[Any, Any]) -> None:
        """The scored rows of ``table`` (their file rows ``rows``) spilled and kept."""
        if not len(table):
            return
        rs, lang = self.rs, self.lang
        places, index_places = rs.header.rounding_places, rs.header.index_places
        totals = scaled_number_texts(table.total, table.total_scale, lang, places)
        indexes = scaled_number_texts(
            np.where(table.index_known, table.index, 0), table.index_scale, lang, index_places
        )
        fields = [scaled_number_texts(table.scores[c], table.scales[c], lang, places) for c in self.fields]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        offsets = np.zeros(len(table), dtype=np.int64)
        for k in range(len(table)):
            unit = self.unit_text(str(table.units[k] or ""))
            index = indexes[k] if table.index_known[k] else ""
            writer.writerow([unit, totals[k], index, *(column[k] for column in fields)])
            line = buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            offsets[k] = self.offset
            self.spill.write(line)
            self.offset += len(line)
        self.kept.total_scale, self.kept.index_scale = table.total_scale, table.index_scale
        self.kept.add(
            row=rows,
            total=table.total,
            index=table.index,
            known=table.index_known,
            offset=offsets,
            **{f"tie:{c}": table.scores[c] for c in self.kept.tie_break},
        )

    def add_cards(self, cards: Sequence[Scorecard], rows: Sequence[int], like: ScoreTable) -> None:
        """Units the scalar path scored (a row the columns could not take): their Decimals as
        the columns of ``like``'s scales."""
        if not cards:
            return
        table = ScoreTable(self.rs)
        table.units = [card.unit for card in cards]
        table.rows = np.arange(1, len(cards) + 1)
        table.scales = like.scales
        table.total_scale, table.index_scale = like.total_scale, like.index_scale
        table.total = np.array([int(c.total.scaleb(like.total_scale)) for c in cards], dtype=np.int64)
        table.index_known = np.array([c.index is not None for c in cards], dtype=bool)
        table.index = np.array(
            [int(c.index.scaleb(like.index_scale)) if c.index is not None else 0 for c in cards], dtype=np.int64
        )
        table.scores = {
            code: np.array([int(c[code].score.scaleb(like.scales[code])) for c in cards], dtype=np.int64)
            for code in {*self.fields, *self.kept.tie_break}
        }
        self.add(table, np.array(rows, dtype=np.int64))


STREAMED_FORMATS = ("csv", "json", "md", "table")
"""The output formats ``score_file`` writes (xlsx and html take the rows' path)."""


@in_library_context
def score_csv(
    ruleset: Ruleset,
    path: str | Path,
    output: TextIO,
    *,
    lang: str = "vi",
    unit_column: str | None = None,
    decimal: str = "comma",
    delimiter: str | None = None,
    fractions: bool | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> StreamRun:
    """Score a data file a chunk at a time and write the ranked CSV table to ``output``."""
    return score_file(
        ruleset,
        path,
        output,
        lang=lang,
        unit_column=unit_column,
        decimal=decimal,
        delimiter=delimiter,
        fractions=fractions,
        chunk_rows=chunk_rows,
    )


@in_library_context
def score_file(
    ruleset: Ruleset,
    path: str | Path,
    output: TextIO,
    *,
    fmt: str = "csv",
    lang: str = "vi",
    unit_column: str | None = None,
    decimal: str = "comma",
    delimiter: str | None = None,
    fractions: bool | None = None,
    sheet: str | None = None,
    columns: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[Iterable[Chunk]], Iterable[Chunk]] | None = None,
) -> StreamRun:
    """Score a CSV, XLSX or JSON data file a chunk at a time and write the ranked table to
    ``output`` in ``fmt`` (csv, json, md or table: the text ``report.render`` writes of the
    same standings; ``columns``: the terminal's width for ``table``, as ``report.render``).
    ``progress`` wraps the chunks read (the command line passes a tqdm bar on a terminal)."""
    if fmt not in STREAMED_FORMATS:
        raise ValueError(f"{fmt!r} is not a streamed format; use one of {', '.join(STREAMED_FORMATS)}")
    rs = ruleset
    reader = ColumnReader(
        path,
        rs,
        unit_column=unit_column,
        decimal=decimal,
        delimiter=delimiter,
        fractions=fractions,
        sheet=sheet,
        chunk_rows=chunk_rows,
    )
    ranking = rs.ast.ranking
    kept = _Kept(ranking.tie_break if ranking else ())
    rejected: list[Rejected] = []
    try:
        with tempfile.TemporaryFile(prefix="parrules-spill-") as spill:
            writer = _Writer(rs, lang, spill, kept, fmt)
            chunks: Iterable[Chunk] = reader.chunks()
            for chunk in progress(chunks) if progress is not None else chunks:
                rejected += _score_chunk(rs, reader, chunk, writer)
            reader.finish()
            rejected += reader.data.rejected
            rejected.sort(key=lambda r: r.row)
            scored = _write_ranked(rs, kept, spill, output, lang, fmt, columns)
    finally:
        reader.close()
    return StreamRun(reader.data, scored, rejected)


def _score_chunk(rs: Ruleset, reader: ColumnReader, chunk: Chunk, writer: _Writer) -> list[Rejected]:
    """Score one chunk's clean units as columns (and the rows they could not take as io does),
    spilling each scored unit; the rows rejected in scoring."""
    rejected: list[Rejected] = []
    units: list[UnitRow] = []
    if len(chunk.rows):  # (score_table of no rows fails in columnar's division: not called)
        columns = dict(chunk.columns)
        columns[_UNIT] = chunk.units
        table = score_table(rs, columns, unit=_UNIT)
        writer.add(table, chunk.rows[table.rows - 1])
        again = np.setdiff1d(np.arange(1, len(chunk.rows) + 1), table.rows)
    else:
        again = np.zeros(0, dtype=np.int64)
    for k in again.tolist():  # rejected by score_table: read and scored as io does, for its messages
        scratch = reader.rescan(chunk.raw[k - 1])
        units += scratch.units
        rejected += scratch.rejected
    units += chunk.others
    if units:
        decimals = {name: [unit.inputs[name] for unit in units] for name in rs.inputs}
        decimals[_UNIT] = [unit.unit for unit in units]
        part = score_table(rs, decimals, unit=_UNIT)
        rows = np.array([unit.row for unit in units], dtype=np.int64)
        writer.add(part, rows[part.rows - 1])
        missed = set(range(1, len(units) + 1)) - set(part.rows.tolist())
        if missed:
            checked = data_io.score_data(rs, _units_data(reader.data.path, [units[k - 1] for k in sorted(missed)]))
            rejected += checked.rejected
            writer.add_cards(checked.cards, [checked.rows[id(c)] for c in checked.cards], part)
    return rejected


def _units_data(path: str, units: list[UnitRow]) -> DataSet:
    data = DataSet(path)
    data.units = units
    return data


def _write_ranked(
    rs: Ruleset, kept: _Kept, spill: IO[bytes], output: TextIO, lang: str, fmt: str = "csv", columns: int | None = None
) -> int:
    """Rank and classify the kept columns, then write the table in rank order from the spill."""
    from .report import HEADERS, Table, _json_value, render, standings_table

    rows = kept.column("row", np.int64)
    order = np.argsort(rows, kind="stable")  # file order: equal measures keep it, as standings does
    table = ScoreTable(rs)
    table.rows = rows[order]
    table.units = [None] * len(rows)
    table.total, table.total_scale = kept.column("total", np.int64)[order], kept.total_scale
    table.index, table.index_scale = kept.column("index", np.int64)[order], kept.index_scale
    table.index_known = kept.column("known", bool)[order]
    table.scores = {code: kept.column(f"tie:{code}", np.int64)[order] for code in kept.tie_break}
    rank_table(table, None)
    offsets = kept.column("offset", np.int64)[order]
    has_class = rs.ast.classes is not None
    has_note = any(table.note)
    shape = standings_table(rs, [], lang)
    headers = shape.headers + ([HEADERS[lang]["note"]] if has_note else [])
    keys = shape.keys + (["note"] if has_note else [])
    ranked = np.lexsort((np.arange(len(rows)), table.rank))

    def lines() -> Iterator[tuple[int, str, list[str]]]:
        """(k, unit, [total, index, *fields]) in rank order, read back from the spill."""
        for k in ranked.tolist():
            spill.seek(int(offsets[k]))
            unit, *numbers = next(csv.reader([spill.readline().decode("utf-8")]))
            yield k, unit, numbers

    if fmt == "csv":
        out = csv.writer(output, lineterminator="\n")
        out.writerow([safe_text.for_csv(h) for h in headers])
        ranks = scaled_number_texts(table.rank[ranked], 0, lang, 0)
        for position, (k, unit, (total, index, *fields)) in enumerate(lines()):
            line = [ranks[position], unit, total, index]
            if has_class:
                line.append(safe_text.for_csv(str(table.klass[k] or "")))
            line += fields
            if has_note:
                line.append(safe_text.for_csv(table.note[k]))
            out.writerow(line)
        return len(rows)

    def values(k: int, unit: str, numbers: list[str]) -> list[Any]:
        """The row standings_table gives: rank, unit, total, index (None when not known),
        class, each field's points, note; numbers as Decimals of their exact digits."""
        total, index, *fields = numbers
        row: list[Any] = [int(table.rank[k]), unit, Decimal(total), Decimal(index) if index else None]
        if has_class:
            row.append(table.klass[k] or "")
        row += [Decimal(f) for f in fields]
        if has_note:
            row.append(table.note[k])
        return row

    if fmt == "json":  # report.to_json's text, written a record at a time
        if not len(rows):
            output.write("[]\n")
            return 0
        output.write("[\n")
        for position, (k, unit, numbers) in enumerate(lines()):
            record = {key: _json_value(v) for key, v in zip(keys, values(k, unit, numbers), strict=True)}
            text = json.dumps(record, ensure_ascii=False, indent=2)
            output.write((",\n" if position else "") + safe_text.for_json(textwrap.indent(text, "  ")))
        output.write("\n]\n")
        return len(rows)
    # a text table is laid out over every row (each column as wide as its widest cell): the
    # displayed rows are held, not the Scorecards
    shown = Table(headers, [values(k, unit, numbers) for k, unit, numbers in lines()], keys)
    output.write(render(shown, fmt, lang, rs, columns))
    return len(rows)
