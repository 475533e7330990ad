"""Every output format writes text as text (issue 8, class 5).

A unit name, class label, node title, agency, ruleset title or input description
can hold a spreadsheet formula (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``), a
terminal escape sequence (``ESC [ 2 J``, ``ESC ] 0 ; title BEL``, the 8-bit CSI
``\\x9b``), a bidi override (U+202E), Markdown's ``|`` or a newline, HTML, or
matplotlib's ``$...$``.  Whatever it holds, each format must carry it as inert
text: CSV cells read back never start with a formula character unless
quote-prefixed, an XLSX read back with openpyxl has no formula cell, terminal
text holds no control character, Markdown rows keep their column count, JSON
round-trips the exact text, and HTML parses with the name as text.

The checks here are written from the formats' rules (OWASP, openpyxl, the
Unicode categories), not from ``parrules.safe_text``'s own predicates.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import parrules
from parrules import charts, report, safe_text, workbook
from parrules import io as data_io
from parrules.aggregate import standings
from parrules.audit import Finding, findings_table
from parrules.cli import main
from parrules.compare import compare_results, comparison_table
from parrules.errors import InputError
from parrules.render import quote
from parrules.ruleset import Ruleset

from .browser import page_scripts

DATA = Path(__file__).parent / "data"
SMALL_TEXT = (DATA / "small.par").read_text(encoding="utf-8")
INPUTS = {
    "received": 1050,
    "on_time": 1032,
    "online": Decimal("84.41"),
    "rank_budget": 12,
    "has_plan": True,
    "late_tasks": 0,
    "discipline": "none",
    "p_1_4": Decimal("0.45"),
}

REPRODUCERS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "＝1+1",  # full-width equals
    "﹦1",  # small equals
    "  =1+1",
    "\u3000=1",  # ideographic space, then a formula
    "\t=1+1",
    "\r=1+1",
    "\x00=1",
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "\x9b2J",
    "\u202eevil\u202c",
    "\u2066x\u2069",
    "a\u200bb",
    "a|b|c",
    "line\nbreak",
    "a\u2028b",
    "$x^2$",
    "\\$x$\\",
    "<script>alert(1)</script>",
    "[link](http://evil)",
    "**bold** _it_ `code`",
    "\x7f\x85\x9f",
    "\ud800",
    "a\\|b",
]

# every Unicode category, surrogates included; plus the dangerous ASCII
TEXT = st.one_of(
    st.sampled_from(REPRODUCERS),
    st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=12),
    st.text(st.sampled_from("=+-@|\\$\n\r\t\x1b\x9b\u202e<>&\"' x"), min_size=1, max_size=8),
)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def control_chars(text: str, keep: str = "\n") -> list[str]:
    """Characters a terminal (or a reader) would obey rather than show: C0 but ``keep``, DEL, C1, Cf, Cs, Zl, Zp."""
    bad = []
    for ch in text:
        code = ord(ch)
        if ch in keep:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or unicodedata.category(ch) in ("Cf", "Cs", "Zl", "Zp"):
            bad.append(ch)
    return bad


def formula_like(cell: str) -> bool:
    """OWASP: a spreadsheet runs a cell beginning (after white space) with = + - @ (any width), tab or CR."""
    if cell[:1] in ("\t", "\r"):
        return True
    stripped = cell.lstrip()
    return bool(stripped) and unicodedata.normalize("NFKC", stripped[0])[:1] in "=+-@"


NUMBER = re.compile(r"^-?[\d.,]+$")


# ---------------------------------------------------------------- hostile rulesets and cards


def hostile_ruleset(
    title: str = "T", node_title: str = "N", agency: str = "A", classes: tuple[str, str, str] = ("A", "B", "C")
) -> Ruleset:
    """The small ruleset with hostile texts put into its AST (titles, agency, basis, descriptions, class labels).

    Put into the AST rather than the ruleset text so that the property holds for
    any text, whatever the parser accepts in a string.
    """
    rs = parrules.loads(SMALL_TEXT, str(DATA / "small.par"))
    ast = rs.ast

    def retitle(node: Any) -> Any:
        return attrs.evolve(
            node,
            title=node_title + " " + node.code,
            agency=agency if node.agency else node.agency,
            children=tuple(retitle(c) for c in node.children),
        )

    bands = tuple(
        attrs.evolve(b, name=f"{name} {i}") for i, (b, name) in enumerate(zip(ast.classes.bands, classes, strict=True))
    )
    header = attrs.evolve(ast.header, title=title, basis=title)
    new = attrs.evolve(
        ast,
        header=header,
        fields=tuple(retitle(f) for f in ast.fields),
        classes=attrs.evolve(ast.classes, bands=bands),
        inputs=tuple(attrs.evolve(d, description=node_title) for d in ast.inputs),
    )
    checked = attrs.evolve(
        rs.checked,
        ruleset=new,
        inputs={k: attrs.evolve(d, description=node_title) for k, d in rs.checked.inputs.items()},
    )
    return Ruleset(checked, rs.compiled, rs.text)


def cards_for(rs: Ruleset, names: list[str]) -> list[Any]:
    """One card per name (made distinct by a suffix), with different scores so the classes differ."""
    out = []
    for i, name in enumerate(names):
        inputs = dict(INPUTS, online=Decimal(40 + 30 * i), late_tasks=i)
        out.append(rs.evaluate(inputs, unit=f"{name} #{i}"))
    return out


# ---------------------------------------------------------------- per-format checks


def check_terminal(text: str) -> None:
    assert control_chars(text) == [], f"control characters reach the terminal: {control_chars(text)!r}"


def check_table_text(table: report.Table, rs: Ruleset) -> None:
    text = report.render_text(table, "table", "en", rs)
    check_terminal(text)
    assert len(text.splitlines()) == 2 + len(table.rows), "a cell broke a line of the terminal table"


def check_markdown(table: report.Table, rs: Ruleset | None) -> None:
    text = report.render_text(table, "md", "en", rs)
    check_terminal(text)
    lines = text.splitlines()
    assert len(lines) == 2 + len(table.rows)
    for line in lines:
        cells = re.split(r"(?<!\\)\|", re.sub(r"\\\\", "", line))  # split at | not escaped by a backslash
        assert len(cells) == len(table.headers) + 2, f"wrong column count in {line!r}"
        for cell in cells[1:-1]:  # no Markdown/HTML syntax left unescaped inside a cell
            assert not re.search(r"(?<!\\)[<>\[\]`*_]", re.sub(r"\\\\", "", cell)), cell


def check_csv(table: report.Table, rs: Ruleset | None, names: list[str]) -> None:
    text = report.render(table, "csv", "en", rs)
    check_terminal(text)
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + len(table.rows)
    assert all(len(r) == len(table.headers) for r in rows)
    for row in rows:
        for cell in row:
            if formula_like(cell):
                assert NUMBER.match(cell), f"formula cell in CSV: {cell!r}"
    written = sorted(row[table.keys.index("unit")] for row in rows[1:])
    for unit, name in zip(written, sorted(names, key=lambda x: csv_text(x)), strict=True):
        assert unit == csv_text(name)


def csv_text(name: str) -> str:
    """A name as a CSV cell shows it: controls shown; a quote before a formula (and before U+2212 minus)."""
    shown = safe_text.visible(name)
    return "'" + shown if formula_like(shown) or shown.lstrip()[:1] == "\u2212" else shown


def check_json(table: report.Table, names: list[str], unit_key: str = "unit") -> None:
    text = report.render(table, "json", "en")
    check_terminal(text)
    back = json.loads(text)
    assert sorted(r[unit_key] for r in back) == sorted(names)  # the exact text, controls and all


def check_xlsx(table: report.Table, tmp: Path, names: list[str]) -> None:
    path = tmp / "out.xlsx"
    report.write_xlsx(table, path, sheet="Rank\x1b[2J/=x")
    check_workbook(path)
    ws = openpyxl.load_workbook(path).active
    units = [ws.cell(row=i + 2, column=table.keys.index("unit") + 1).value for i in range(len(names))]
    assert sorted(units) == sorted(safe_text.visible(name) for name in names)  # the literal text, controls shown


def check_workbook(path: Path) -> None:
    """No formula anywhere: not in openpyxl's data types, not as an <f> element of any sheet's XML."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula cell {cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert control_chars(cell.value, keep="") == []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


class Texts(HTMLParser):
    """Text of the cells with a class (td.unit, td.klass), every text node, and the text inside the charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: dict[str, list[str]] = {}
        self.chart_text: list[str] = []
        self._cell: str | None = None
        self._figures = 0
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        css = dict(attrs_).get("class")
        if tag == "td" and css:
            self._cell = css
            self.cells.setdefault(css, []).append("")
        if tag == "figure":
            self._figures += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        if tag == "figure":
            self._figures -= 1

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        if self._cell:
            self.cells[self._cell][-1] += data
        if self._figures:
            self.chart_text.append(data)


def check_html(page: str, names: list[str], shown_units: bool = True) -> Texts:
    assert control_chars(page, keep="\n") == []
    page, data = page_scripts(page)
    parser = Texts()
    parser.feed(page)
    parser.close()
    for forbidden in ("<script", "<img"):
        assert forbidden not in page.lower()
    if shown_units:
        assert sorted(parser.cells["unit"]) == sorted(safe_text.visible(n) for n in names)
        assert sorted(u[0] for u in data["units"]) == sorted(safe_text.visible(n) for n in names)
    return parser


# ---------------------------------------------------------------- the property


@SETTINGS
@given(names=st.lists(TEXT, min_size=1, max_size=3), label=TEXT, title=TEXT)
@example(names=REPRODUCERS[:3], label=REPRODUCERS[12], title=REPRODUCERS[13])
@example(names=["\x1b[2J", "\u202eevil", "a|b\nc"], label="=cmd|' /C calc'!A0", title="$x$")
def test_hostile_text_through_every_text_format(tmp_path_factory, names, label, title):
    rs = hostile_ruleset(title=title, node_title=title, agency=label, classes=(label, title, "=" + label))
    cards = cards_for(rs, names)
    units = [c.unit for c in cards]
    table = report.standings_table(rs, standings(rs, cards), "en")
    tmp = tmp_path_factory.mktemp("out")

    check_table_text(table, rs)
    check_markdown(table, rs)
    check_csv(table, rs, units)
    check_json(table, units)
    check_xlsx(table, tmp, units)

    lost = report.lost_table(cards[-1], "en")  # titles and agencies in cells
    check_table_text(lost, rs)
    check_markdown(lost, rs)

    check_terminal(cards[0].explain())
    check_html(report.scorecard_html(cards[0]), [], shown_units=False)

    comparison = compare_results(standings(rs, cards), standings(rs, cards))
    compared = comparison_table(comparison, "en")
    check_table_text(compared, rs)
    check_markdown(compared, None)
    check_csv(compared, None, units)
    check_json(compared, units)

    findings = findings_table([Finding(u, "1", "1,5", None, 2, title) for u in units])
    check_table_text(findings, rs)
    check_csv(findings, None, units)

    for suffix in (".csv", ".xlsx"):
        template = tmp / f"template{suffix}"
        workbook.write_template(rs, template)
        if suffix == ".xlsx":
            check_workbook(template)
        else:
            text = template.read_text(encoding="utf-8-sig")
            check_terminal(text)
            assert not any(formula_like(c) for row in csv.reader(io.StringIO(text)) for c in row)


@settings(SETTINGS, max_examples=6)
@given(names=st.lists(TEXT, min_size=1, max_size=2), label=TEXT, title=TEXT)
@example(names=['=HYPERLINK("http://x","y")', "$x^2$ \x1b[2J"], label="\u202e$a$", title="<b>x</b>|\n")
def test_hostile_text_in_the_html_report_and_its_charts(names, label, title):
    rs = hostile_ruleset(title=title, node_title=title, agency=label, classes=(label, "=x", "y"))
    cards = cards_for(rs, names)
    rejected = [data_io.Rejected(label, 7, [InputError(title, code="D100", input="received", column=label)])]
    page = report.html_report(
        rs, cards, rejected, lang="en", date="2024-01-01", source=title + ".csv", summary=title, letterhead=(label, title)
    )
    parsed = check_html(page, [c.unit for c in cards])
    _rest, data = page_scripts(page)  # the interactive page's data: the same texts, as data
    assert {node["t"] for node in data["nodes"]} == {safe_text.visible(f"{title} {code}") for code in rs.codes}
    assert safe_text.visible(label) in {node.get("a") for node in data["nodes"]}
    text = "".join(parsed.data)  # the rejection's unit, column and message, the letterhead: literal text
    assert safe_text.visible(label) in text and safe_text.visible(title) in text
    # chart labels are the literal, shown text: no $...$ read as anything
    drawn = "".join(parsed.chart_text)
    for card in cards:
        assert safe_text.visible(card.unit) in drawn
    # a chart title writes the field's title inside its sentence, lower-cased first letter (charts.lower_first)
    assert safe_text.visible(title) in drawn or safe_text.visible(charts.lower_first(title)) in drawn


# ---------------------------------------------------------------- regressions (the issue's reproducers)


HOSTILE_PAR = (
    SMALL_TEXT.replace('"Thử nghiệm"', quote("\x1b]0;pwned\x07\x1b[2J Thử"))
    .replace('"Đúng hạn"', quote('=HYPERLINK("http://x","y")'))
    .replace('"Tốt"', quote("=cmd|' /C calc'!A0"))
)


def test_the_issue_reproducers_through_the_command_line(tmp_path, capsys):
    """score --format xlsx/csv/md/table with a formula unit name, an escape-sequence name, a | name."""
    par = tmp_path / "hostile.par"
    par.write_text(HOSTILE_PAR, encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text(
        "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4\n"
        '"=HYPERLINK(""http://x"",""y"")",100,90,"90%",1,có,0,none,"0,5"\n'
        '\x1b[2J\x1b]0;title\x07\u202eevil,100,90,"90%",1,có,0,none,"0,5"\n'
        '"a|b",100,90,"90%",1,có,0,none,"0,5"\n',
        encoding="utf-8",
    )
    xlsx = tmp_path / "out.xlsx"
    assert main(["score", str(par), str(data), "--format", "xlsx", "-o", str(xlsx)]) in (0, 1)
    check_workbook(xlsx)
    ws = openpyxl.load_workbook(xlsx).active
    column = [ws.cell(row=r, column=2).value for r in range(5, 8)]  # below the title rows and the header
    assert '=HYPERLINK("http://x","y")' in column  # the literal text a user sees
    assert ws.cell(row=5, column=5).value.startswith("=cmd")  # the class label, as text
    capsys.readouterr()

    for fmt in ("table", "csv", "md", "json", "html"):
        assert main(["score", str(par), str(data), "--format", fmt, "--lang", "en"]) in (0, 1)
        out, err = capsys.readouterr()
        check_terminal(out)
        check_terminal(err)
        if fmt == "csv":
            assert not any(formula_like(c) for row in csv.reader(io.StringIO(out)) for c in row)
            assert "'=HYPERLINK" in out
        if fmt == "md":
            body = [line for line in out.splitlines() if line.startswith("|")]
            assert len({len(re.split(r"(?<!\\)\|", line)) for line in body}) == 1
    for command in (
        ["check", str(par)],
        ["list"],
        ["explain", str(par), str(data), "--unit", "a|b"],
        ["explain", str(par), str(data), "--unit", '=HYPERLINK("http://x","y")', "--lost"],
        ["explain", str(par), str(data), "--unit", "\x1b[2J nobody"],
        ["explain", str(par), str(data), "--unit", "\x1b[2J\x1b]0;title\x07\u202eevil", "--sensitivity"],
        *[
            ["whatif", str(par), str(data), "--unit", unit, "--set", "online=95", "--format", fmt]
            for unit in ("a|b", "\x1b[2J\x1b]0;title\x07\u202eevil")
            for fmt in ("text", "md", "json")
        ],
        ["diff", str(DATA / "small.par"), str(par)],
        ["template", str(par), "-o", str(tmp_path / "t.xlsx")],
        ["report", str(par), str(data), "-o", str(tmp_path / "r.html"), "--date", "2024-01-01"],
    ):
        code = main(command)
        out, err = capsys.readouterr()
        check_terminal(out)
        check_terminal(err)
        if command[0] == "whatif" or "--sensitivity" in command:  # the unit scores: something was printed
            assert code == 0 and out, (command, err)
    check_workbook(tmp_path / "t.xlsx")
    check_html(
        (tmp_path / "r.html").read_text(encoding="utf-8"),
        ['=HYPERLINK("http://x","y")', "\x1b[2J\x1b]0;title\x07\u202eevil", "a|b"],
    )


def test_control_characters_do_not_crash_the_xlsx_writer(tmp_path):
    """openpyxl raises IllegalCharacterError for C0 controls: the writer shows them instead."""
    table = report.Table(["Unit", "Total"], [["a\x00b\x1b[2J\x0bc", Decimal("-1.5")]], ["unit", "total"])
    path = tmp_path / "x.xlsx"
    report.write_xlsx(table, path)
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value == "a\\x00b\\x1b[2J\\x0bc"
    assert ws["B2"].value == -1.5 and ws["B2"].data_type == "n"  # a negative number stays a number


def test_a_formula_looking_xlsx_cell_is_text_with_the_quote_prefix(tmp_path):
    table = report.Table(["Unit", "Rank"], [["=1+1", 1], ["-5", 2], ["plain", 3]], ["unit", "rank"])
    path = tmp_path / "x.xlsx"
    report.write_xlsx(table, path)
    ws = openpyxl.load_workbook(path).active
    assert [ws[f"A{r}"].value for r in (2, 3, 4)] == ["=1+1", "-5", "plain"]
    assert [ws[f"A{r}"].data_type for r in (2, 3, 4)] == ["s", "s", "s"]
    assert [ws[f"A{r}"].quotePrefix for r in (2, 3, 4)] == [True, True, False]
    assert ws["B2"].value == 1 and ws["B2"].data_type == "n"


@pytest.mark.parametrize(
    ("text", "csv_cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("＝1", "'＝1"),
        (" =1", "' =1"),
        ("\t=1", "\\x09=1"),
        ("\r=1", "\\x0d=1"),
        ("a=1", "a=1"),
        ("Tỉnh Hà Giang", "Tỉnh Hà Giang"),
    ],
)
def test_csv_cells_follow_owasp(text, csv_cell):
    assert safe_text.for_csv(text) == csv_cell


def test_numbers_in_csv_stay_numbers():
    """Only text cells are neutralised: a negative score (a change, a difference) is written as a number."""
    table = report.Table(["Unit", "Change"], [["x", Decimal("-1.25")]], ["unit", "change"])
    rows = list(csv.reader(io.StringIO(report.render(table, "csv", "en"))))
    assert rows[1] == ["x", "-1.25"]


def test_terminal_escapes_are_shown_not_obeyed():
    assert safe_text.for_terminal("\x1b[2J") == "\\x1b[2J"
    assert safe_text.for_terminal("\x9b2J") == "\\x9b2J"
    assert safe_text.for_terminal("\u202eabc") == "\\u202eabc"
    assert safe_text.for_terminal("a\nb") == "a\\x0ab"
    assert safe_text.terminal("a\nb\x1b]0;t\x07") == "a\nb\\x1b]0;t\\x07"
    assert safe_text.for_terminal("Tỉnh Hà Giang") == "Tỉnh Hà Giang"  # combining marks and letters untouched


def test_json_escapes_c1_and_bidi_and_round_trips():
    names = ["\x85\x9b\u202e\u2028", "\ud800", "Tỉnh"]
    table = report.Table(["Unit"], [[n] for n in names], ["unit"])
    text = report.render(table, "json")
    assert control_chars(text) == []
    assert [r["unit"] for r in json.loads(text)] == names
    text.encode("utf-8")  # a lone surrogate no longer makes the output unencodable


def test_chart_labels_are_never_mathtext(small):
    card = small.evaluate(INPUTS, unit="$\\frac{a}{b}$ \\$ $x$")
    _title, chart, _left = charts.field_chart(small, [card], "1", 1, "en")
    parser = Texts()
    parser.feed(chart)
    assert "$\\frac{a}{b}$ \\$ $x$" in "".join(parser.chart_text)


def test_markdown_cells_escape_pipes_and_markup():
    assert safe_text.for_markdown("a|b") == "a\\|b"
    assert safe_text.for_markdown("a\nb") == "a\\\\x0ab"
    assert safe_text.for_markdown("<b>[x](y)</b>") == "\\<b\\>\\[x\\](y)\\</b\\>"


def test_a_template_with_hostile_descriptions_reads_back(tmp_path):
    """The description row the template writes (neutralised) is still recognised and skipped when read."""
    rs = hostile_ruleset(node_title="=desc\x1b[2J")
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"t{suffix}"
        workbook.write_template(rs, path)
        data = data_io.read_data(path, rs)
        assert data.rows_read == 0 and not data.rejected, suffix


def test_messages_on_the_terminal_show_controls(tmp_path, capsys):
    """Errors quote ruleset lines and file names: the CLI's streams show their controls (caret kept in place)."""
    bad = tmp_path / "bad.par"
    bad.write_text('ruleset "\x1b[2J\x1b]0;t\x07\u202e" year 20x2\n', encoding="utf-8")
    for command in (
        ["check", str(bad)],
        ["score", str(bad), str(tmp_path / "none.csv")],
        ["score", str(DATA / "small.par"), str(tmp_path / "no\x1b[2Jfile\x9b.csv")],
        ["explain", str(DATA / "small.par"), str(tmp_path / "x\x1b.csv"), "--unit", "\x1b]0;x\x07"],
    ):
        assert main(command) in (1, 2)
        out, err = capsys.readouterr()
        check_terminal(out)
        check_terminal(err)
        assert "\\x1b" in out + err or "\\x9b" in out + err
    main(["check", str(bad)])
    lines = capsys.readouterr().out.splitlines()
    quoted, caret = lines[1], lines[2]
    assert quoted[caret.index("^") :].startswith("x2")  # the caret still points at the error


def test_shown_text_stream_keeps_newlines_and_tabs():
    from parrules.cli import ShownText

    raw = io.StringIO()
    stream = ShownText(raw)
    assert stream.write("a\tb\n\x1b[2J\r\x85\u202e") == 11
    assert raw.getvalue() == "a\tb\n\\x1b[2J\\x0d\\x85\\u202e"


def test_an_overlong_text_cell_is_cut_visibly_in_xlsx(tmp_path):
    """Excel holds at most 32,767 characters in a cell and rejects a workbook with more."""
    table = report.Table(["Unit"], [["=" + "x" * 40000]], ["unit"])
    path = tmp_path / "long.xlsx"
    report.write_xlsx(table, path)
    value = openpyxl.load_workbook(path).active["A2"].value
    assert len(value) == 32767 and value.endswith("…") and value.startswith("=x")
    check_workbook(path)


def test_compare_matches_a_formula_looking_name_across_csv_and_json(tmp_path, capsys):
    """score's CSV writes '=x for a unit named =x; compare reads the name itself back, as the JSON holds it."""
    data = tmp_path / "d.csv"
    data.write_text(
        "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4\n"
        '"=SUM(A1)",100,90,"90%",1,có,0,none,"0,5"\n'
        '"-x",100,80,"90%",1,có,0,none,"0,5"\n',
        encoding="utf-8",
    )
    old, new = tmp_path / "old.json", tmp_path / "new.csv"
    for path, fmt in ((old, "json"), (new, "csv")):
        assert main(["score", str(DATA / "small.par"), str(data), "--format", fmt, "-o", str(path)]) == 0
    assert "'=SUM(A1)" in new.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["compare", str(old), str(new), "--format", "csv", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "2 unit(s) matched, 0 only in OLD, 0 only in NEW" in err
    units = [row[0] for row in csv.reader(io.StringIO(out))][1:]
    assert sorted(units) == ["'-x", "'=SUM(A1)"]
