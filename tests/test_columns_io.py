"""The column reader and the streamed score (parrules.columns_io, parrules.stream) against today's path.

Today's path is ``io.read_data`` + ``io.score_data`` + ``report.render(standings_table(...),
"csv")``: the streamed command must write the same bytes and tell the same warnings,
rejections and counts, on the shipped examples and on generated files full of bad rows,
whatever the chunk size.  The shared pieces are pinned on their own: the one plain-number
routine against Babel's strict parser, the column formatter against ``render.number_text``.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import NumberFormatError, parse_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules import report
from parrules.aggregate import standings
from parrules.cli import main
from parrules.render import number_text, scaled_number_texts
from parrules.stream import score_csv
from parrules.testing import units

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SMALL = Path(__file__).parent / "data" / "small.par"


def today(rs: parrules.Ruleset, path: Path, lang: str, **options: Any) -> tuple[Any, ...]:
    """What the rows' path gives: the CSV text, then warnings, rejections, summary and counts."""
    data = data_io.read_data(path, rs, **options)
    run = data_io.score_data(rs, data)
    text = report.render(report.standings_table(rs, standings(rs, run.cards), lang), "csv", lang, rs, None)
    tell = (data.warnings, [r.render() for r in run.rejected], run.summary(lang))
    return text, tell, (data.rows_read, data.skipped, data.description_row)


def streamed(rs: parrules.Ruleset, path: Path, lang: str, chunk_rows: int, **options: Any) -> tuple[Any, ...]:
    buffer = io.StringIO()
    run = score_csv(rs, path, buffer, lang=lang, chunk_rows=chunk_rows, **options)
    data = run.data
    tell = (data.warnings, [r.render() for r in run.rejected], run.summary(lang))
    return buffer.getvalue(), tell, (data.rows_read, data.skipped, data.description_row)


# ---------------------------------------------------------------- one way to read a plain number


@given(st.text(alphabet="0123456789.,-+ %", min_size=1, max_size=14), st.sampled_from(["comma", "dot"]))
def test_a_plain_number_is_what_babel_reads(text: str, style: str) -> None:
    """Every text the shared routine takes is read by Babel's strict parser as the same Decimal
    (digits and exponent), and a text it leaves goes on to Babel unchanged."""
    plain = data_io.plain_number(text, style)
    if plain is None:
        return
    babel = parse_decimal(text, locale="vi" if style == "comma" else "en", strict=True)
    assert Decimal(plain).as_tuple() == babel.as_tuple()
    assert data_io.parse_number(text, style).as_tuple() == babel.as_tuple()


@pytest.mark.parametrize(
    ("text", "style", "plain"),
    [
        ("1.050", "comma", "1050"),  # hand-derived: a Vietnamese thousands point
        ("-1.050,25", "comma", "-1050.25"),
        ("84,41", "comma", "84.41"),
        ("0,50", "comma", "0.50"),  # the places kept, as Babel keeps them
        ("84.41", "dot", "84.41"),
        ("-0", "dot", "-0"),
        ("1.050", "dot", None),  # ambiguous: parse_number refuses it
        ("10.50", "comma", None),  # a misplaced group: Babel's error, with its suggestions
        ("007", "comma", None),
        ("1,050", "dot", None),
        ("+5", "comma", None),  # Babel reads it; the plain routine leaves it to Babel
    ],
)
def test_plain_numbers_by_hand(text: str, style: str, plain: str | None) -> None:
    assert data_io.plain_number(text, style) == plain
    if plain is not None:  # parse_number's shortcut gives the hand-derived value, its places kept
        assert str(data_io.parse_number(text, style)) == plain
    column = data_io.plain_column(["12", text], style)
    assert column == (None if plain is None else ["12", plain])


def test_parse_number_still_refuses_what_it_refused() -> None:
    with pytest.raises(ValueError, match="did you mean"):
        data_io.parse_number("10.50", "comma")
    with pytest.raises(ValueError, match="ambiguous"):
        data_io.parse_number("1.050", "dot")
    with pytest.raises(NumberFormatError):
        parse_decimal("10.50", locale="vi", strict=True)


def test_a_column_with_a_line_break_in_a_cell_is_not_taken_whole() -> None:
    assert data_io.plain_column(["1\n2", "3"], "dot") is None  # three lines for two cells
    assert data_io.plain_column([], "dot") == []


@given(
    st.lists(st.integers(min_value=-(10**12), max_value=10**12), max_size=20),
    st.integers(min_value=0, max_value=4),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["vi", "en"]),
)
def test_the_column_formatter_is_number_text(ints: list[int], scale: int, places: int, lang: str) -> None:
    expected = [number_text(Decimal(i).scaleb(-scale), lang, places) for i in ints]
    assert scaled_number_texts(ints, scale, lang, places) == expected


def test_the_column_formatter_by_hand() -> None:
    assert scaled_number_texts([123456789, -5, 0], 2, "vi", 2) == ["1.234.567,89", "-0,05", "0,00"]
    assert scaled_number_texts([123456789, 7], 2, "en", 3) == ["1234567.890", "0.070"]


# ---------------------------------------------------------------- the shipped examples


@pytest.mark.parametrize(("ruleset", "path"), [("national-2022", "ha-giang-2022.csv"), (str(SMALL), "small-units.csv")])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_examples_stream_to_the_same_output(ruleset: str, path: str, lang: str) -> None:
    rs = parrules.load(ruleset)
    assert streamed(rs, EXAMPLES / path, lang, chunk_rows=2) == today(rs, EXAMPLES / path, lang)


def test_the_command_writes_the_same_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``parrules score ... --format csv -o FILE`` (the streamed path) against the rows' path's text."""
    rs = parrules.load(SMALL)
    out = tmp_path / "out.csv"
    code = main(["score", str(SMALL), str(EXAMPLES / "small-units.csv"), "--format", "csv", "-o", str(out)])
    text, (_warnings, rejected, summary), _counts = today(rs, EXAMPLES / "small-units.csv", "vi")
    assert out.read_bytes() == text.encode("utf-8-sig")
    err = capsys.readouterr().err
    assert summary in err and code == (1 if rejected else 0)
    code = main(["score", str(SMALL), str(EXAMPLES / "small-units.csv"), "--format", "csv", "--lang", "en"])
    assert capsys.readouterr().out == today(rs, EXAMPLES / "small-units.csv", "en")[0]


# ---------------------------------------------------------------- generated files with bad rows


def _vi(value: Decimal, rng: random.Random, percent: bool) -> str:
    """A number as a Vietnamese spreadsheet writes it: 1.050, 84,41, sometimes 84,41%."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    if rng.random() < 0.5 and len(whole) > 3:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = ".".join([whole, *groups])
    text = sign + whole + ("," + fraction if fraction else "")
    return text + "%" if percent and rng.random() < 0.3 else text


def _write(path: Path, rs: parrules.Ruleset, drawn: list[dict[str, Any]], rng: random.Random) -> None:
    names = list(rs.inputs)
    lines = [",".join(["Đơn vị", *names])]
    if rng.random() < 0.5:
        lines.append(",".join(["Mô tả", *("x" for _ in names)]))
    dotted = rng.choice([n for n, d in rs.inputs.items() if d.type == "points"])  # read with a point (a warning)
    for k, unit in enumerate(drawn):
        cells = []
        for name in names:
            decl, value = rs.inputs[name], unit[name]
            if decl.type == "choice":
                cells.append(decl.label(value) if rng.random() < 0.3 else value)
            elif name == dotted:
                cells.append(format(Decimal(value), "f") if Decimal(value) != int(value) else str(int(value)))
            else:
                cells.append(_vi(Decimal(value), rng, decl.type == "percent"))
        name = f"Xã {k % 7 if rng.random() < 0.1 else k}"  # some duplicate names (D202)
        problem = rng.random()
        if problem < 0.04:
            cells[rng.randrange(len(cells))] = ""  # D101
        elif problem < 0.08:
            cells[rng.randrange(len(cells))] = "abc"  # D104
        elif problem < 0.11:
            cells.append("7")  # D203 / D205
        elif problem < 0.14:
            cells[0] = '"' + cells[0]  # D204
        elif problem < 0.18:
            lines.append("")  # a blank line
        elif problem < 0.22:
            count = next((i for i, n in enumerate(names) if rs.inputs[n].type == "count"), None)
            if count is not None:
                cells[count] = "-3"  # rejected when scored (a count below 0)
        elif problem < 0.26 and lines[-1].count(",") > 1:
            lines.append(lines[-1].replace(lines[-1].split(",")[0], f"Xã {k}b", 1))  # a tie
        quoted = [f'"{c}"' if "," in c and not c.startswith('"') else c for c in cells]
        lines.append(",".join([name, *quoted]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig" if rng.random() < 0.5 else "utf-8")


NATIONAL = parrules.load("national-2022")


@settings(
    max_examples=6,
    suppress_health_check=[HealthCheck.large_base_example, HealthCheck.data_too_large, HealthCheck.too_slow],
)
@given(st.lists(units(NATIONAL), min_size=1, max_size=3), st.randoms(use_true_random=False), st.integers(1, 9))
def test_generated_files_stream_to_the_same_output(pool: list[dict[str, Any]], rng: random.Random, chunk: int) -> None:
    """5..40 rows drawn from a few units (equal units tie), with bad rows of every kind."""
    import tempfile

    drawn = [rng.choice(pool) for _ in range(rng.randint(5, 40))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "units.csv"
        _write(path, NATIONAL, drawn, rng)
        for lang in ("vi", "en"):
            assert streamed(NATIONAL, path, lang, chunk_rows=chunk) == today(NATIONAL, path, lang)


@settings(
    max_examples=4,
    suppress_health_check=[HealthCheck.large_base_example, HealthCheck.data_too_large, HealthCheck.too_slow],
)
@given(st.lists(units(NATIONAL), min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_fractions_and_dot_files_stream_to_the_same_output(pool: list[dict[str, Any]], rng: random.Random) -> None:
    """A percent column of fractions (D211, --fractions, --no-fractions) and a file with a decimal point."""
    import tempfile

    drawn = [rng.choice(pool) for _ in range(rng.randint(3, 12))]
    names = list(NATIONAL.inputs)
    percent = next(n for n in names if NATIONAL.inputs[n].type == "percent")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "units.csv"
        rows = [",".join(["unit", *names])]
        for k, unit in enumerate(drawn):
            cells = [str(unit[n]) if n != percent else str(Decimal(unit[n]) / 100) for n in names]
            rows.append(",".join([f"U{k}", *cells]))
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        for fractions in (None, True, False):
            options = {"decimal": "dot", "fractions": fractions}
            assert streamed(NATIONAL, path, "en", chunk_rows=rng.randint(1, 5), **options) == today(
                NATIONAL, path, "en", **options
            )


def test_a_file_above_the_whole_file_limit_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-file readers refuse a file over io.MAX_DATA_BYTES; the streamed reader holds a
    chunk at a time and reads it (its lines are still bounded by io.MAX_LINE_CHARS)."""
    rs = parrules.load(SMALL)
    path = EXAMPLES / "small-units.csv"
    expected = today(rs, path, "vi")
    monkeypatch.setattr(data_io, "MAX_DATA_BYTES", 100)
    with pytest.raises(data_io.DataError, match="more than the 100"):
        data_io.read_data(path, rs)
    assert streamed(rs, path, "vi", chunk_rows=2) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfeu\x00", "UTF-16"),
        (b"unit,a\nx,\xff\n", "not UTF-8 text (a byte that cannot start a character at byte 9)"),
        (b"\xef\xbb\xbfunit,a\nx,\xff\n", "not UTF-8 text (a byte that cannot start a character at byte 9)"),
        (b"unit,a\nx\x00,1\n", "line 2 holds a NUL"),
    ],
)
def test_unreadable_files_are_refused_as_the_whole_file_reader_refuses_them(
    tmp_path: Path, content: bytes, message: str
) -> None:
    rs = parrules.load(SMALL)
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(data_io.DataError) as old:
        data_io.read_data(path, rs)
    with pytest.raises(data_io.DataError) as new:
        score_csv(rs, path, io.StringIO())
    assert message in str(old.value)
    assert str(new.value) == str(old.value)


def test_standard_input_over_the_bound_is_still_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard input is kept only up to io.MAX_DATA_BYTES (+1 byte): streaming that cut copy would
    score part of the data, so the whole-file reader's refusal stays."""
    import sys

    class Stdin:
        buffer = io.BytesIO((EXAMPLES / "small-units.csv").read_bytes())

    monkeypatch.setattr(data_io, "MAX_DATA_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", Stdin())
    code = main(["score", str(SMALL), "-", "--format", "csv", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 2 and "more than the 100" in captured.err and captured.out == ""
