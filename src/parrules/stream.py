"""``parrules score DATA.csv --format csv``: read, score and write in chunks, never a Scorecard a unit.

The file is read by ``parrules.columns_io`` a chunk at a time and each chunk scored by
``Ruleset.score_table``.  Of each scored unit only what ranking needs is kept (its file
row, total, index and tie-break scores: a few int64 columns); the rest of its output
line (unit, total, index, the fields' points), already formatted, is spilled to a
temporary file.  After the last chunk the kept columns are ranked and classified as
``aggregate.standings`` does (``columnar``'s ranking of columns), and the output is
written in rank order, each line read back from the spill.  Memory is bounded by the
chunk and by those few columns, not by the file.

The output is the bytes ``report.render(standings_table(...), "csv")`` writes for the same
file (tests/test_columns_io.py compares both on the shipped examples and on generated
files with rejected rows); the rows the columns cannot take (a rejected row, a row
``score_table`` rejects) get today's messages from ``io.RowReader`` and ``io.score_data``.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

import attrs
import numpy as np

from . import io as data_io
from . import safe_text
from .columnar import ScoreTable, rank_table, score_table
from .columns_io import CHUNK_ROWS, ColumnReader
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
    """Formats the scored rows of a table and spills each unit's line (but rank, class, note)."""

    def __init__(self, rs: Ruleset, lang: str, spill: IO[bytes], kept: _Kept):
        self.rs, self.lang, self.spill, self.kept = rs, lang, spill, kept
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
            unit = safe_text.for_csv(str(table.units[k] or ""))
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
    """Score a CSV data file a chunk at a time and write the ranked CSV table to ``output``."""
    rs = ruleset
    reader = ColumnReader(
        path,
        rs,
        unit_column=unit_column,
        decimal=decimal,
        delimiter=delimiter,
        fractions=fractions,
        chunk_rows=chunk_rows,
    )
    ranking = rs.ast.ranking
    kept = _Kept(ranking.tie_break if ranking else ())
    rejected: list[Rejected] = []
    with tempfile.TemporaryFile(prefix="parrules-spill-") as spill:
        writer = _Writer(rs, lang, spill, kept)
        for chunk in reader.chunks():
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
                    checked = data_io.score_data(
                        rs, _units_data(reader.data.path, [units[k - 1] for k in sorted(missed)])
                    )
                    rejected += checked.rejected
                    writer.add_cards(checked.cards, [checked.rows[id(c)] for c in checked.cards], part)
        rejected += reader.data.rejected
        rejected.sort(key=lambda r: r.row)
        scored = _write_ranked(rs, kept, spill, output, lang)
    return StreamRun(reader.data, scored, rejected)


def _units_data(path: str, units: list[UnitRow]) -> DataSet:
    data = DataSet(path)
    data.units = units
    return data


def _write_ranked(rs: Ruleset, kept: _Kept, spill: IO[bytes], output: TextIO, lang: str) -> int:
    """Rank and classify the kept columns, then write the table in rank order from the spill."""
    from .report import HEADERS, standings_table

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
    headers = standings_table(rs, [], lang).headers + ([HEADERS[lang]["note"]] if has_note else [])
    out = csv.writer(output, lineterminator="\n")
    out.writerow([safe_text.for_csv(h) for h in headers])
    ranked = np.lexsort((np.arange(len(rows)), table.rank))
    ranks = scaled_number_texts(table.rank[ranked], 0, lang, 0)
    for position, k in enumerate(ranked.tolist()):
        spill.seek(int(offsets[k]))
        unit, total, index, *fields = next(csv.reader([spill.readline().decode("utf-8")]))
        line = [ranks[position], unit, total, index]
        if has_class:
            line.append(safe_text.for_csv(str(table.klass[k] or "")))
        line += fields
        if has_note:
            line.append(safe_text.for_csv(table.note[k]))
        out.writerow(line)
    return len(rows)
