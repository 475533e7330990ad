"""A fuzzed batch of 10,000 rows: rows read = rows scored + rows rejected, always.

A few hundred valid units of tests/data/small.par are drawn with hypothesis
(parrules.testing.units, derandomized), written in Vietnamese number format
and repeated under unique names to 10,000 rows; a seeded random.Random then
mutates about 45 % of the rows, one mutation each, whose outcome is known in
advance:

* breaking: a blank cell (D101) or unit name (D201), garbage text, an Excel
  error value or ``=SUM(A1)`` (D104), a negative number (D105 for a count or rank,
  D106 for a percent or points), part and whole swapped (D108 at on_time), a
  percent over 100 (D106), the name of an earlier row (D202), a value beyond the
  last column (D203).  The row must be rejected with exactly that (column, code).
* preserving: the same value written another way (no thousands dot, a
  no-break-space group, ``%`` on a percent, surrounding spaces, another yes/no
  spelling, an option in capitals).  The row must be scored as the unit drawn.
* ambiguous: a decimal written with a dot, or grouped with a comma, in a file
  read with a decimal comma; either rejected at that column or scored.

The batch is scored through io.read_data + io.score_data and through
``parrules score``; test_cli_determinism.py reuses it.

Issue 8, class 4: ``test_random_csv_corruption_never_loses_a_line`` writes 40 of the
drawn units and corrupts them at hypothesis-drawn places (a stray quote at the start of
a line or anywhere, a delimiter typed or lost, an empty field too many, a bare or quoted
line break, a BOM; CR, LF and CR LF mixed; blank lines; a BOM at the start).  Every
physical line after the header must be a unit scored, a row rejected or a blank line,
each once; every untouched line must be scored once, under its name, as written.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules.cli import main
from parrules.testing import units

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small.par"
ROWS = 10_000
DRAWN = 300
SEED = 20_240_601
GARBAGE = ["abc", "#DIV/0!", "#N/A", "#REF!", "n/a", "??", "1..2", "12abc", "--", "không rõ", "1,2,3", "12 hồ sơ"]
YES_SPELLINGS = ["có", "Có", "x", "yes", "TRUE", "1", "đúng"]
NO_SPELLINGS = ["không", "Không", "0", "no", "false", "sai"]


class Row(NamedTuple):
    number: int  # spreadsheet row
    unit: str  # the name as written (NFC, no surrounding spaces)
    inputs: dict[str, Any] | None  # the drawn unit, None for a blank name
    kind: str  # "clean" | "preserving" | "breaking" | "ambiguous"
    expected: tuple[str, str] | None  # (column, code) of a breaking mutation, or the ambiguous column


class Batch(NamedTuple):
    path: Path
    rows: list[Row]
    drawn: list[dict[str, Any]]


def vietnamese(value: Decimal | int, group: str = ".") -> str:
    """1050 -> 1.050, 12.3400 -> 12,3400 (digits kept as drawn), -5 -> -5."""
    text = format(Decimal(value), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + group.join(groups) + ("," + frac if frac else "")


def cell_text(decl: Any, value: Any) -> str:
    if decl.type == "yesno":
        return "có" if value else "không"
    if decl.type == "choice":
        return value
    return vietnamese(value)


def draw_units(rs: parrules.Ruleset, count: int) -> list[dict[str, Any]]:
    drawn: list[dict[str, Any]] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(units(rs))
    def collect(unit: dict[str, Any]) -> None:
        drawn.append(unit)

    collect()
    return drawn


def build_batch(rs: parrules.Ruleset, path: Path, rows: int = ROWS, seed: int = SEED) -> Batch:
    drawn = draw_units(rs, DRAWN)
    assert len(drawn) >= 200
    rng = random.Random(seed)
    names = list(rs.inputs)
    header = ["Đơn vị", *names]
    numeric = [k for k, d in rs.inputs.items() if d.type in ("count", "rank", "percent", "points")]
    written: list[list[str]] = [header]
    meta: list[Row] = []
    seen_names: list[str] = []
    for i in range(rows):
        number = i + 2
        inputs = drawn[i % len(drawn)]
        unit = f"{rng.choice(['Xã', 'Phường', 'Thị trấn', 'Huyện'])} Số {i:05d}"
        cells = [unit, *(cell_text(rs.inputs[k], inputs[k]) for k in names)]
        kind, expected = "clean", None
        if rng.random() < 0.45:
            kind, expected, unit = mutate(rng, rs, names, numeric, inputs, cells, seen_names)
        written.append(cells)
        if unit:
            seen_names.append(unit)
        meta.append(Row(number, unit, inputs, kind, expected))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(written)
    return Batch(path, meta, drawn)


def mutate(
    rng: random.Random,
    rs: parrules.Ruleset,
    names: list[str],
    numeric: list[str],
    inputs: dict[str, Any],
    cells: list[str],
    seen_names: list[str],
) -> tuple[str, tuple[str, str] | None, str]:
    """Change cells in place; returns (kind, expected (column, code), unit name as written)."""
    col = {name: i + 1 for i, name in enumerate(names)}
    unit = cells[0]
    choice = rng.choice(
        ["blank", "blank_unit", "garbage", "formula", "negative", "swap", "percent", "duplicate", "stray"]
        + ["vietnamese"] * 4
        + ["dot"] * 2
    )
    if choice == "swap" and inputs["on_time"] == inputs["received"]:
        choice = "percent"
    if choice == "duplicate" and not seen_names:
        choice = "formula"
    if choice == "blank":
        name = rng.choice(names)
        cells[col[name]] = rng.choice(["", " ", "\u00a0"])
        return "breaking", (name, "D101"), unit
    if choice == "blank_unit":
        cells[0] = rng.choice(["", "  "])
        return "breaking", ("Đơn vị", "D201"), ""
    if choice in ("garbage", "formula"):
        name = rng.choice(names)
        cells[col[name]] = rng.choice(GARBAGE) if choice == "garbage" else rng.choice(["=SUM(A1)", "=B2-C2", " =1/0"])
        return "breaking", (name, "D104"), unit
    if choice == "negative":
        name = rng.choice(numeric)
        magnitude = max(Decimal(inputs[name]), Decimal(1)) if rs.inputs[name].type != "points" else Decimal("0.25")
        cells[col[name]] = "-" + vietnamese(magnitude)
        return "breaking", (name, "D105" if rs.inputs[name].type in ("count", "rank") else "D106"), unit
    if choice == "swap":
        cells[col["on_time"]], cells[col["received"]] = cells[col["received"]], cells[col["on_time"]]
        if inputs["on_time"] < inputs["received"]:
            return "breaking", ("on_time", "D108"), unit
        return "preserving_swap", None, unit  # pragma: no cover - the drawn units keep on_time <= received
    if choice == "percent":
        over = Decimal(rng.randint(10_001, 100_000)) / 100
        cells[col["online"]] = vietnamese(over) + rng.choice(["", "%", " %"])
        return "breaking", ("online", "D106"), unit
    if choice == "duplicate":
        cells[0] = rng.choice(seen_names)
        return "breaking", ("Đơn vị", "D202"), cells[0]
    if choice == "stray":
        cells.append(rng.choice(["4", "5", "x"]))  # e.g. an unquoted 0,4 split in two
        return "breaking", ("J", "D203"), unit
    if choice == "vietnamese":
        name = rng.choice(names)
        decl, value = rs.inputs[name], inputs[name]
        if decl.type == "yesno":
            text = rng.choice(YES_SPELLINGS if value else NO_SPELLINGS)
        elif decl.type == "choice":
            text = rng.choice([value.upper(), value.title(), value])
        else:
            text = rng.choice([vietnamese(value, ""), vietnamese(value, "\u00a0"), vietnamese(value)])
            if decl.type == "percent" and rng.random() < 0.5:
                text += rng.choice(["%", " %"])
        cells[col[name]] = rng.choice(["", " ", "  "]) + text + rng.choice(["", " "])
        return "preserving", None, unit
    # "dot": the English way, in a file read the Vietnamese way
    name = rng.choice(numeric)
    value = Decimal(inputs[name])
    cells[col[name]] = rng.choice([format(value, "f"), format(value + Decimal("1000.25"), ",f")])
    return "ambiguous", (name, ""), unit


@pytest.fixture(scope="session")
def small_rs() -> parrules.Ruleset:
    return parrules.load(SMALL)


@pytest.fixture(scope="session")
def fuzzed_batch(tmp_path_factory: pytest.TempPathFactory, small_rs: parrules.Ruleset) -> Batch:
    return build_batch(small_rs, tmp_path_factory.mktemp("batch") / "batch.csv")


@pytest.fixture(scope="session")
def fuzzed_run(fuzzed_batch: Batch, small_rs: parrules.Ruleset) -> data_io.ScoreRun:
    return data_io.score_data(small_rs, data_io.read_data(fuzzed_batch.path, small_rs))


def test_the_batch_is_large_and_mixed(fuzzed_batch: Batch) -> None:
    kinds = Counter(r.kind for r in fuzzed_batch.rows)
    assert len(fuzzed_batch.rows) >= 10_000
    assert len({tuple(sorted(u.items())) for u in fuzzed_batch.drawn}) >= 100  # a few hundred distinct units
    assert (
        kinds["clean"] > 4000 and kinds["breaking"] > 2000 and kinds["preserving"] > 1000 and kinds["ambiguous"] > 300
    )
    codes = Counter(r.expected[1] for r in fuzzed_batch.rows if r.kind == "breaking" and r.expected)
    assert set(codes) == {"D101", "D104", "D105", "D106", "D108", "D201", "D202", "D203"}


def test_rows_read_equals_scored_plus_rejected(fuzzed_batch: Batch, fuzzed_run: data_io.ScoreRun) -> None:
    run = fuzzed_run
    assert run.data.rows_read == len(fuzzed_batch.rows) == len(run.cards) + len(run.rejected)
    assert (
        run.summary() == f"rows read {len(fuzzed_batch.rows)} = scored {len(run.cards)} + rejected {len(run.rejected)}"
    )
    # no row lost or counted twice: each spreadsheet row is in exactly one of scored, rejected
    scored_rows = [run.rows[id(c)] for c in run.cards]
    rejected_rows = [r.row for r in run.rejected]
    assert len(set(scored_rows)) == len(scored_rows) and len(set(rejected_rows)) == len(rejected_rows)
    assert sorted(scored_rows + rejected_rows) == [r.number for r in fuzzed_batch.rows]
    # and each unit name (a duplicate once per row it was written on) likewise
    written = Counter(r.unit or None for r in fuzzed_batch.rows)
    assert Counter([c.unit for c in run.cards] + [r.unit for r in run.rejected]) == written
    assert len({c.unit for c in run.cards}) == len(run.cards)


def test_every_rejected_row_says_where_and_why(fuzzed_batch: Batch, fuzzed_run: data_io.ScoreRun) -> None:
    by_row = {r.number: r for r in fuzzed_batch.rows}
    for rejected in fuzzed_run.rejected:
        assert rejected.errors, rejected
        for e in rejected.errors:
            assert e.row == rejected.row and e.column, e
            assert e.unit == (by_row[e.row].unit or None), e
            assert e.code[0] == "D" and e.code[1:].isdigit(), e
            assert f"row {e.row}" in e.render()


def test_each_mutation_has_its_outcome(fuzzed_batch: Batch, fuzzed_run: data_io.ScoreRun, small_rs) -> None:
    run = fuzzed_run
    cards = {run.rows[id(c)]: c for c in run.cards}
    rejected = {r.row: r for r in run.rejected}
    for row in fuzzed_batch.rows:
        if row.kind == "breaking":
            assert row.number in rejected, row
            got = [(e.column, e.code) for e in rejected[row.number].errors]
            assert got == [row.expected], (row, rejected[row.number].render())
        elif row.kind == "ambiguous":
            if row.number in rejected:
                assert {e.column for e in rejected[row.number].errors} == {row.expected[0]}, row
        else:  # clean or preserving: read back as drawn, scored as drawn
            assert row.number in cards, (row, rejected.get(row.number))
            card = cards[row.number]
            assert card.unit == row.unit
            assert card.inputs == row.inputs
            assert card.scores == small_rs.evaluate(row.inputs).scores


def test_scores_equal_evaluate_on_the_parsed_inputs(fuzzed_run: data_io.ScoreRun, small_rs) -> None:
    parsed = {u.row: u.inputs for u in fuzzed_run.data.units}
    for card in fuzzed_run.cards:
        again = small_rs.evaluate(parsed[fuzzed_run.rows[id(card)]], unit=card.unit)
        assert card.scores == again.scores and card.applicable_maxima == again.applicable_maxima
        assert card.total == again.total and card.index == again.index


def test_the_cli_gives_the_same_account(fuzzed_batch: Batch, fuzzed_run: data_io.ScoreRun, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "scores.json"
    with redirect_stdout(out), redirect_stderr(err):
        status = main(
            ["score", str(SMALL), str(fuzzed_batch.path), "--format", "json", "-o", str(target), "--lang", "en"]
        )
    assert status == 1  # some rows rejected, the others scored
    lines = err.getvalue().splitlines()
    assert lines[-1] == fuzzed_run.summary()
    assert len(fuzzed_run.rejected) > 0
    headlines = [line for line in lines if line.startswith("row ") and line.endswith(" rejected:")]
    assert [int(line.split()[1]) for line in headlines] == [r.row for r in fuzzed_run.rejected]
    records = json.loads(target.read_text(encoding="utf-8"))
    assert len(records) == len(fuzzed_run.cards)
    totals = {c.unit: c.total for c in fuzzed_run.cards}
    assert {r["unit"] for r in records} == set(totals)
    for r in records:
        assert Decimal(str(r["total"])) == totals[r["unit"]]


# ---------------------------------------------------------------- class 4: no line can vanish

CORRUPT_ROWS = 40
CORRUPTIONS = (
    "runaway",  # a stray " at the start of the line: the issue's reproducer
    "stray_quote",  # a " anywhere in the line
    "extra_delimiter",  # a , anywhere in the line
    "lost_delimiter",  # two cells run together
    "empty_field",  # a trailing , (one empty field too many)
    "line_break",  # a CR, LF or CR LF anywhere in the line
    "quoted_break",  # a cell quoted with a line break inside: "Xã\nSố 00012"
    "bom",  # a byte order mark inside the line
)
LINE_ENDS = ("\n", "\r\n", "\r")


def _encode(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _corrupt(line: str, cells: list[str], kind: str, at: int, end: str) -> str:
    """The line with one corruption; ``at`` picks the place, ``end`` a line break to insert."""
    pos = at % (len(line) + 1)
    if kind == "runaway":
        return '"' + line
    if kind == "stray_quote":
        return line[:pos] + '"' + line[pos:]
    if kind == "extra_delimiter":
        return line[:pos] + "," + line[pos:]
    if kind == "lost_delimiter":
        k = at % (len(cells) - 1)
        encoded = [_encode([c]) for c in cells]
        return ",".join([*encoded[:k], encoded[k] + encoded[k + 1], *encoded[k + 2 :]])
    if kind == "empty_field":
        return line + ","
    if kind == "line_break":
        return line[:pos] + end + line[pos:]
    if kind == "quoted_break":
        k = at % len(cells)
        cut = (at // 7) % (len(cells[k]) + 1)
        broken = '"' + cells[k][:cut] + end + cells[k][cut:].replace('"', '""') + '"'
        return ",".join([*[_encode([c]) for c in cells[:k]], broken, *[_encode([c]) for c in cells[k + 1 :]]])
    return line[:pos] + "\ufeff" + line[pos:]  # "bom"


CORRUPTION = dict(
    corruptions=
st.lists(
        st.tuples(st.integers(0, CORRUPT_ROWS - 1), st.sampled_from(CORRUPTIONS), st.integers(0, 10**6),
                  st.sampled_from(LINE_ENDS)),
        max_size=12,
    ),
    ends=st.lists(st.sampled_from(LINE_ENDS), min_size=CORRUPT_ROWS + 1, max_size=CORRUPT_ROWS + 1),
    blank_after=st.sets(st.integers(0, CORRUPT_ROWS - 1), max_size=3),
    bom=st.booleans(),
    last_end=st.booleans(),
)  # fmt: skip


def _corruption_property(
    fuzzed_batch: Batch,
    small_rs: parrules.Ruleset,
    tmp_path: Path,
    corruptions: list[tuple[int, str, int, str]],
    ends: list[str],
    blank_after: set[int],
    bom: bool,
    last_end: bool,
) -> None:
    """Stray quotes, delimiters typed or lost, line breaks (bare or quoted), CR/LF mixes and
    BOMs at random places: every physical line after the header is a unit scored, a row
    rejected or a blank line (stated), each exactly once; and every line left untouched is
    scored exactly once, under its name, with the values it was written with."""
    names = list(small_rs.inputs)
    header = _encode(["Đơn vị", *names])
    touched = {row: (kind, at, end) for row, kind, at, end in corruptions}  # one per row, the last drawn
    text = ("\ufeff" if bom else "") + header + ends[0]
    untouched: list[tuple[int, str, dict[str, Any]]] = []  # (offset in text, unit, inputs)
    broken: list[tuple[int, str]] = []  # (offset in text, corruption)
    for i in range(CORRUPT_ROWS):
        inputs = fuzzed_batch.drawn[i]
        unit = f"Xã Số {i:05d}"
        cells = [unit, *(cell_text(small_rs.inputs[k], inputs[k]) for k in names)]
        line = _encode(cells)
        if i in touched:
            line = _corrupt(line, cells, *touched[i])
            broken.append((len(text), touched[i][0]))
        else:
            untouched.append((len(text), unit, inputs))
        end = ends[i + 1] if i < CORRUPT_ROWS - 1 or last_end else ""
        text += line + end
        if i in blank_after and end:
            text += rng_blank(i) + end
    path = tmp_path / "corrupt.csv"
    path.write_bytes(text.encode("utf-8"))

    data = data_io.read_data(path, small_rs, fractions=False)
    run = data_io.score_data(small_rs, data)

    # the identity, over physical lines (a line ends at CR LF, CR or LF)
    breaks = len(re.findall(r"\r\n|\r|\n", text))
    lines = breaks + (1 if text and text[-1] not in "\r\n" else 0)
    accounted = [data.header_row, *data.skipped, *(u.row for u in data.units), *(r.row for r in data.rejected)]
    assert data.header_row == 1 and data.description_row is None
    assert sorted(accounted) == list(range(1, lines + 1))
    assert data.rows_read == len(data.units) + len(data.rejected) == lines - 1 - len(data.skipped)
    assert run.data.rows_read == len(run.cards) + len(run.rejected)
    if data.skipped:
        assert f"not counted: {len(data.skipped)} blank line" in run.summary()
    for r in data.rejected:
        assert r.errors and all(e.row == r.row and e.code.startswith("D") for e in r.errors)

    # every untouched line: scored once, at its line, under its name, with its values
    cards = {run.rows[id(c)]: c for c in run.cards}
    for offset, unit, inputs in untouched:
        line_number = 1 + len(re.findall(r"\r\n|\r|\n", text[:offset]))
        assert line_number in cards, (line_number, unit, [r.render() for r in run.rejected if r.row == line_number])
        card = cards[line_number]
        assert card.unit == unit and card.inputs == inputs
        assert card.scores == small_rs.evaluate(inputs).scores
        assert [c.unit for c in run.cards].count(unit) == 1
    # and the corruptions that must be caught are caught at their (first) line, with their code
    rejected = {r.row: [e.code for e in r.errors] for r in run.rejected}
    must = {"runaway": "D204", "stray_quote": "D204", "quoted_break": "D204", "empty_field": "D205"}
    for offset, kind in broken:
        line_number = 1 + len(re.findall(r"\r\n|\r|\n", text[:offset]))
        if kind in must:
            assert must[kind] in rejected.get(line_number, []), (kind, line_number, rejected.get(line_number))
        elif kind in ("extra_delimiter", "lost_delimiter"):  # D205, or D104 when inside a quoted cell
            assert line_number in rejected, (kind, line_number)


def test_random_csv_corruption_never_loses_a_line(
    fuzzed_batch: Batch, small_rs: parrules.Ruleset, tmp_path: Path
) -> None:
    """The property above, over 60 drawn corruptions of a 40-row batch."""

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(**CORRUPTION)
    def check(**drawn: Any) -> None:
        _corruption_property(fuzzed_batch, small_rs, tmp_path, **drawn)

    check()


def rng_blank(i: int) -> str:
    """A blank line: nothing, spaces, or only delimiters."""
    return ["", "   ", ",,,,", ", ,"][i % 4]
