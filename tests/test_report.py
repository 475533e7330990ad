"""The HTML report, the chart SVG, the record exports and the notebook scorecard."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

import parrules
from parrules import charts, report
from parrules import io as data_io
from parrules.aggregate import standings
from parrules.cli import _progress, build_parser, main

from .browser import page_scripts

ROOT = Path(__file__).parent.parent
SMALL = str(Path(__file__).parent / "data" / "small.par")
SMALL_DATA = str(ROOT / "examples" / "small-units.csv")
HA_GIANG = str(ROOT / "examples" / "ha-giang-2022.csv")
DATE = "2024-03-01"
HEADER = "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4"


class Page(HTMLParser):
    """What the tests read back: tables (rows of (text, attrs) cells), svgs, captions, the h1."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[tuple[dict, list[tuple[str, dict]]]]] = {}
        self.details: list[dict] = []
        self.svgs = 0
        self.captions: list[str] = []
        self.h1 = ""
        self.title = ""
        self.tags: list[str] = []
        self._table: str | None = None
        self._row: tuple[dict, list[tuple[str, dict]]] | None = None
        self._cell: list[str] | None = None
        self._cell_attrs: dict = {}
        self._text: list[str] | None = None
        self._in: str | None = None
        self._unit: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "svg":
            self.svgs += 1
        elif tag == "table":
            key = a.get("class", "")
            if key == "lost" and self._unit is not None:
                key = f"lost:{self._unit}"
            self._table = key
            self.tables.setdefault(key, [])
        elif tag == "tr" and self._table is not None:
            self._row = (a, [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell, self._cell_attrs = [], a
        elif tag in ("figcaption", "h1", "title"):
            self._text, self._in = [], tag
        elif tag == "details":
            self._unit = a.get("data-unit")
            self.details.append(a)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row[1].append(("".join(self._cell).strip(), self._cell_attrs))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == self._in and self._text is not None:
            text = "".join(self._text).strip()
            if tag == "figcaption":
                self.captions.append(text)
            elif tag == "h1":
                self.h1 = text
            else:
                self.title = text
            self._text = self._in = None
        elif tag == "details":
            self._unit = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._text is not None:
            self._text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def render(capsys, tmp_path, ruleset: str, data: str, *extra: str, name: str = "r.html") -> tuple[int, str, str]:
    out = tmp_path / name
    code = main(["report", ruleset, data, "-o", str(out), "--date", DATE, *extra])
    err = capsys.readouterr().err
    return code, out.read_text(encoding="utf-8") if out.exists() else "", err


def scored(ruleset: str, data: str):  # type: ignore[no-untyped-def]
    rs = parrules.load(ruleset)
    run = data_io.score_data(rs, data_io.read_data(data, rs))
    return rs, run


def value(cell: tuple[str, dict]) -> Decimal:
    return Decimal(cell[1]["data-value"])


# ---------------------------------------------------------------- Hà Giang, national 2022


@pytest.fixture(scope="module")
def ha_giang_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("hg") / "hg.html"
    assert main(["report", "national-2022", HA_GIANG, "-o", str(out), "--date", DATE]) == 0
    return out.read_text(encoding="utf-8")


def test_ha_giang_ranking_matches_the_scorecard(ha_giang_html):
    rs, run = scored("national-2022", HA_GIANG)
    (card,) = run.cards
    page = parse(ha_giang_html)
    assert page.h1 == rs.title == page.title
    head, *rows = page.tables["ranking"]
    headers = [text for text, _ in head[1]]
    # seed 002:49 publishes the appraisal/survey split and the scale beside the total
    assert headers == [
        "Xếp hạng", "Đơn vị", "Điểm thẩm định", "Điểm điều tra XHH", "Tổng điểm", "Thang điểm", "Chỉ số (%)",
        "Xếp loại",
    ]  # fmt: skip
    (row,) = [cells for _, cells in rows]
    assert row[0][0] == "1" and row[1][0] == "Tỉnh Hà Giang"
    appraisal, survey = value(row[2]), value(row[3])
    # seed 004:423-425: survey 7,78 (SIPAS) + 17,69 (officials and deputies) = 25,47
    assert survey.quantize(Decimal("0.01")) == Decimal("25.47") and appraisal + survey == card.total
    assert value(row[4]) == card.total == Decimal("84.4094") and row[4][0] == "84,4094"
    assert value(row[5]) == 100 and row[5][0] == "100"
    assert value(row[6]) == card.index == Decimal("84.41") and row[6][0] == "84,41"
    assert row[7][0] == "Nhóm B"
    # one unit: its fields as rows, named (not columns headed "1".."8")
    head, *fields = page.tables["fields"]
    assert [t for t, _ in head[1]][:2] == ["Lĩnh vực", "Điểm tối đa"]
    assert [cells[0][0] for _, cells in fields] == [f"{f.code}. {f.title}" for f in rs.ast.fields]
    for (_, cells), field in zip(fields, rs.ast.fields, strict=True):
        assert value(cells[4]) == card[field.code].score and value(cells[1]) == card[field.code].applicable_max


def test_ha_giang_header_and_charts(ha_giang_html):
    rs = parrules.load("national-2022")
    page = parse(ha_giang_html)
    text = ha_giang_html
    for piece in ("2022", "tỉnh", "01/03/2024", "ha-giang-2022.csv", "đọc 1 dòng = 1 dòng được chấm điểm + 0 dòng bị loại"):
        assert piece in text
    assert rs.header.basis in text and "seed" not in rs.header.basis
    # one unit: one chart of its fields' component indexes, its title once (in the caption only)
    assert page.captions == ["Biểu đồ 1. Chỉ số thành phần của Tỉnh Hà Giang năm 2022"]
    assert text.count("Biểu đồ 1.") == 1
    assert text.count('class="bar-row"') == len(rs.ast.fields)
    rest, data = page_scripts(text)  # the only scripts: the interactive page's data and its own code
    assert data["units"][0][0] == "Tỉnh Hà Giang"
    assert "script" not in parse(rest).tags and "img" not in page.tags and "link" not in page.tags
    assert "http" not in text  # no external URL, no namespace URL: the page is self-contained


def test_ha_giang_lost_points_with_agency(ha_giang_html):
    _, run = scored("national-2022", HA_GIANG)
    (card,) = run.cards
    page = parse(ha_giang_html)
    unit_rows = {attrs["data-code"]: cells for attrs, cells in page.tables["lost:Tỉnh Hà Giang"][1:]}
    assert [t for t, _ in page.tables["lost:Tỉnh Hà Giang"][0][1]][2] == "Điểm bị trừ"
    row = unit_rows["7.3.6"]
    assert value(row[2]) == Decimal("0.8638") == Decimal("1.5") - Decimal("0.6362") == card["7.3.6"].lost
    assert row[2][0] == "0,8638" and value(row[3]) == Decimal("0.6362") and value(row[4]) == Decimal("1.5")
    assert row[5][0] == "Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông" == card["7.3.6"].agency
    # the title and, under it, the node it belongs to
    assert row[1][0] == "Tỷ lệ hồ sơ trực tuyến toàn trình" + "7.3. " + parrules.load("national-2022").node("7.3").title
    # every leaf that lost points, largest first, as card.lost_points() gives them
    assert list(unit_rows) == [r.code for r in card.lost_points()]
    assert "lost-total" not in page.tables  # one unit: no second copy of the same list


# ---------------------------------------------------------------- the fictional small example


def test_small_example_ranks_classes_and_charts(capsys, tmp_path):
    code, text, err = render(capsys, tmp_path, SMALL, SMALL_DATA, "--lang", "en")
    assert code == 0, err
    assert "wrote" in err and err.strip().endswith("rows read 6 = scored 6 + rejected 0")
    rs, run = scored(SMALL, SMALL_DATA)
    ranked = standings(rs, run.cards)
    page = parse(text)
    head = [t for t, _ in page.tables["ranking"][0][1]]
    assert head[:8] == [
        "Rank", "Unit", "Survey points", "Self-assessed points", "Total", "Scale", "Index (%)", "Class",
    ]  # fmt: skip
    assert head[8:] == ["1. Lĩnh vực một(max 6)", "2. Lĩnh vực hai(max 4)"]  # field names, not "1", "2"
    rows = [cells for _, cells in page.tables["ranking"][1:]]
    assert [r[1][0] for r in rows] == [s.card.unit for s in ranked]
    assert [int(r[0][0]) for r in rows] == [s.rank for s in ranked] == [1, 2, 3, 4, 5, 6]
    assert [r[7][0] for r in rows] == [s.klass for s in ranked] == ["Tốt"] * 4 + ["Yếu"] * 2
    for r, s in zip(rows, ranked, strict=True):
        assert value(r[4]) == s.card.total and value(r[6]) == s.card.index
        assert value(r[2]) + value(r[3]) == s.card.total
        assert [value(c) for c in r[8:]] == [s.card[f.code].score for f in rs.ast.fields]
    assert rows[0][6][0] == "100.00"  # English numbers
    assert page.svgs == 0  # charts are HTML bars
    assert page.captions == [
        "Chart 1. Component index lĩnh vực một of the provinces, 2022",
        "Chart 2. Component index lĩnh vực hai of the provinces, 2022",
        "Chart 3. PAR Index of the provinces, 2022",
    ]
    assert len(page.details) == 6 or len(page.details) + text.count('<p class="lost-unit"') == 6
    assert "http" not in text


def test_chart_axis_shows_the_differences():
    """Values at 95-99 % are not drawn on 0-100 (issue 10); values spread widely start at 0."""
    low, high, step = charts.nice_axis([95.2, 96.8, 99.1], 100.0)
    assert 90 <= low < 95.2 and 99.1 < high <= 100 and (high - low) / step <= 6
    assert charts.nice_axis([12.0, 55.0, 97.0], 100.0)[0] == 0
    assert charts.nice_axis([40.0, 45.0], 100.0)[1] < 100  # the axis ends near the largest value


def test_many_units_get_distribution_and_top_bottom(tmp_path):
    """Above charts.BAR_LIMIT units a chart is a histogram and the top and bottom units, not a bar per unit."""
    rs = parrules.load(SMALL)
    base = {"received": 100, "on_time": 90, "online": Decimal(50), "rank_budget": 5, "has_plan": True,
            "late_tasks": 0, "discipline": "none", "p_1_4": Decimal("0.5")}  # fmt: skip
    cards = [rs.evaluate(base | {"on_time": 30 + k % 70}, unit=f"Xã {k:03d}") for k in range(150)]
    page = report.html_report(rs, cards, lang="vi", date="2024-03-01")
    chart = page[page.index('<figure class="chart field-chart" data-code="1">') :]
    chart = chart[: chart.index("</figure>")]
    assert chart.count('class="bar-row"') < 40  # bins and 2 x charts.TOP units, not 150 bars
    assert "10 đơn vị cao nhất" in chart and "10 đơn vị thấp nhất" in chart
    counts = [int(n) for n in re.findall(r'class="bar-value">(\d+) đơn vị<', chart)]
    assert sum(counts) == 150  # every unit in one bin
    assert page.count("<tr>") < 150 + 60  # the ranking, and lost points detailed for the lowest only


def test_field_rates_are_percent_of_applicable_max_sorted():
    rs, run = scored(SMALL, SMALL_DATA)
    rates = charts.field_rates(rs, run.cards, "1")
    assert [r for _, r in rates] == sorted((r for _, r in rates), reverse=True)
    by_unit = {c.unit: c for c in run.cards}
    for unit, rate in rates:
        assert rate == by_unit[unit]["1"].score * 100 / by_unit[unit]["1"].applicable_max


def test_byte_identical_runs(capsys, tmp_path):
    _, first, _ = render(capsys, tmp_path, SMALL, SMALL_DATA, name="a.html")
    _, second, _ = render(capsys, tmp_path, SMALL, SMALL_DATA, name="b.html")
    assert first == second
    other = tmp_path / "c.html"
    subprocess.run(
        [sys.executable, "-m", "parrules.cli", "report", SMALL, SMALL_DATA, "-o", str(other), "--date", DATE],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "a.html").read_bytes() == other.read_bytes()  # another process, another hash seed


def test_date_from_source_date_epoch(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709251200")  # 2024-03-01 00:00 UTC
    out = tmp_path / "r.html"
    assert main(["report", SMALL, SMALL_DATA, "-o", str(out), "--lang", "en"]) == 0
    assert "<dd>2024-03-01</dd>" in out.read_text(encoding="utf-8")
    assert main(["report", SMALL, SMALL_DATA, "-o", str(out), "--date", "1st of March"]) == 2
    assert "--date" in capsys.readouterr().err


# ---------------------------------------------------------------- escaping


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_title_unit_and_ruleset_are_escaped(capsys, tmp_path):
    ruleset = tmp_path / "hostile.par"
    text = Path(SMALL).read_text(encoding="utf-8")
    text = text.replace('ruleset "Thử nghiệm"', 'ruleset "</title><script>bad()</script>"', 1)
    text = text.replace('"Lĩnh vực một"', '"<b onmouseover=bad()>F1</b> $x$"', 1)
    ruleset.write_text(text, encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text(f'{HEADER}\n<i>Huyện</i> & "Sở" <script>,100,90,"50%",5,không,0,none,"0,5"\n', encoding="utf-8")
    code, html_text, err = render(capsys, tmp_path, str(ruleset), str(data), "--title", HOSTILE)
    assert code == 0, err
    rest, data = page_scripts(html_text)  # the report's own two scripts, the data in which no text closes one
    assert data["units"][0][0] == '<i>Huyện</i> & "Sở" <script>'
    page = parse(rest)
    assert page.h1 == HOSTILE and page.title == HOSTILE  # shown as text
    assert set(page.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "dl", "dt", "dd", "section",
        "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "span", "p", "details", "summary", "b",
        "footer", "div", "small", "sup",
    }  # fmt: skip
    assert "<script" not in rest and "<img" not in rest and "<i>" not in rest
    assert "&lt;script&gt;" in html_text and "&lt;i&gt;Huyện&lt;/i&gt;" in html_text
    assert page.captions == ['Biểu đồ 1. Chỉ số thành phần của <i>Huyện</i> & "Sở" <script> năm 2022']
    assert "1. &lt;b onmouseover=bad()&gt;F1&lt;/b&gt; $x$</span>" in html_text  # the field's bar, as text


def test_scorecard_repr_html_table_escaped():
    rs, run = scored("national-2022", HA_GIANG)
    (card,) = run.cards
    page = parse(card._repr_html_())
    head, *rows = page.tables[""]
    assert [t for t, _ in head[1]] == ["Code", "Title", "Score / max", "Rate", "Agency"]
    assert len(rows) == len(rs.codes)
    by_code = {cells[0][0]: cells for _, cells in rows}
    assert by_code["7.3.6"][1][0] == "Tỷ lệ hồ sơ trực tuyến toàn trình"
    assert by_code["7.3.6"][2][0] == "0.6362 / 1.5" and by_code["7.3.6"][3][0] == "42.41%"
    assert "84.4094 / 100" in card._repr_html_() and "84.41%" in card._repr_html_()
    small = parrules.load(SMALL)
    hostile = small.evaluate(
        {"received": 1, "on_time": 1, "online": 90, "rank_budget": 1, "has_plan": True, "late_tasks": 0,
         "discipline": "none", "p_1_4": Decimal("0.5")},
        unit=HOSTILE,
    )  # fmt: skip
    shown = hostile._repr_html_()
    assert "<script" not in shown and "&lt;script&gt;" in shown


# ---------------------------------------------------------------- rejected rows, exit codes


def test_rejected_rows_listed_and_exit_1(capsys, tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(
        f"{HEADER}\n"
        'Huyện A,1.050,1.000,"98,3%",5,có,1,none,"0,4"\n'
        'Huyện B,1.050,1.000,"84.41",5,có,1,none,"0,4"\n'
        'Huyện C,100,120,"50%",5,không,0,none,"0,5"\n',
        encoding="utf-8",
    )
    code, text, err = render(capsys, tmp_path, SMALL, str(data))
    assert code == 1
    assert "đọc 3 dòng = 1 dòng được chấm điểm + 2 dòng bị loại" in err and "dòng 3" in err  # Vietnamese by default
    page = parse(text)
    rejected = [cells for _, cells in page.tables["rejected"][1:]]
    assert [(r[0][0], r[1][0]) for r in rejected] == [("3", "Huyện B"), ("4", "Huyện C")]
    assert rejected[0][3][0] == "online" + "Tỷ lệ hồ sơ trực tuyến"  # the column and what it holds
    assert rejected[0][4][0] == "Giá trị “84.41” không hợp lệ; số thập phân viết với dấu phẩy, ví dụ 84,41"
    assert "on_time" in rejected[1][4][0]
    assert [cells[1][0] for _, cells in page.tables["ranking"][1:]] == ["Huyện A"]


def test_exit_codes_for_user_errors(capsys, tmp_path):
    assert main(["report", "no-such-ruleset", SMALL_DATA, "-o", str(tmp_path / "x.html")]) == 2
    assert main(["report", SMALL, str(tmp_path / "missing.csv"), "-o", str(tmp_path / "x.html")]) == 2
    assert main(["report", SMALL, SMALL_DATA]) == 2  # -o is required
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_all_rows_rejected_still_writes_a_page(capsys, tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(f'{HEADER}\nHuyện B,1.050,1.000,"abc",5,có,1,none,"0,4"\n', encoding="utf-8")
    code, text, _ = render(capsys, tmp_path, SMALL, str(data), "--lang", "en")
    assert code == 1 and "No unit was scored." in text and parse(text).svgs == 0


# ---------------------------------------------------------------- progress bar


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    args = build_parser().parse_args(["score", SMALL, SMALL_DATA, "--lang", "en"])
    assert _progress(args, io.StringIO()) is None  # captured / piped: never
    tty = FakeTTY()
    wrap = _progress(args, tty)
    assert wrap is not None
    assert list(wrap(list(range(10)))) == list(range(10)) and tty.getvalue() == ""  # fast and small: nothing shown
    assert list(wrap(list(range(2001)))) == list(range(2001)) and "scoring" in tty.getvalue()  # large: shown
    no = build_parser().parse_args(["score", SMALL, SMALL_DATA, "--no-progress"])
    assert _progress(no, FakeTTY()) is None
    monkeypatch.setenv("CI", "true")
    assert _progress(args, FakeTTY()) is None


def test_a_streamed_score_shows_the_bar_on_a_terminal_counting_units(monkeypatch, tmp_path):
    # the streamed score (parrules.stream) lost the bar the rows' path shows; now the same bar,
    # counting each chunk's units (its clean rows and the rows read one by one)
    from types import SimpleNamespace

    import tqdm

    from parrules.cli import _chunk_progress

    monkeypatch.delenv("CI", raising=False)
    args = build_parser().parse_args(["score", SMALL, SMALL_DATA, "--lang", "en"])
    assert _chunk_progress(args, io.StringIO()) is None  # captured / piped: never
    no = build_parser().parse_args(["score", SMALL, SMALL_DATA, "--no-progress"])
    assert _chunk_progress(no, FakeTTY()) is None
    counted: list[int] = []
    said: list[tuple[str, str]] = []

    class Recorder:
        def __init__(self, **options):
            assert options["total"] is None
            said.append((options["desc"], options["unit"]))
            counted.append(0)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n):
            counted[-1] += n

    monkeypatch.setattr(tqdm, "tqdm", Recorder)
    chunks = [SimpleNamespace(rows=[1, 2, 3], others=[]), SimpleNamespace(rows=[4], others=["x", "y"])]
    wrap = _chunk_progress(args, FakeTTY())
    assert list(wrap(chunks)) == chunks and counted == [6] and said == [("scoring", " units")]
    # end to end: a streamed score on a terminal writes the same table as one without a bar
    plain = tmp_path / "plain.csv"
    barred = tmp_path / "barred.csv"
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["score", SMALL, SMALL_DATA, "--format", "csv", "-o", str(plain)]) in (0, 1)
    monkeypatch.setattr(sys, "stderr", FakeTTY())
    assert main(["score", SMALL, SMALL_DATA, "--format", "csv", "-o", str(barred)]) in (0, 1)
    assert barred.read_bytes() == plain.read_bytes()
    assert len(counted) == 2 and counted[-1] > 0 and said[-1] == ("đang chấm điểm", " đơn vị")  # the default vi


# ---------------------------------------------------------------- records


def test_rows_from_standings_and_from_cards():
    rs, run = scored(SMALL, SMALL_DATA)
    ranked = standings(rs, run.cards)
    records = report.rows(ranked)
    assert list(records[0])[:6] == ["unit", "rank", "class", "note", "total", "index"]
    assert list(records[0])[6:] == list(rs.codes)
    assert [r["unit"] for r in records] == [s.card.unit for s in ranked]
    first = records[0]
    assert first["rank"] == 1 and first["class"] == "Tốt" and first["total"] == ranked[0].card.total
    assert first["1.1.1"] == ranked[0].card["1.1.1"].score
    from_cards = report.rows(run.cards)  # ranked and classified, in the order given
    assert [r["unit"] for r in from_cards] == [c.unit for c in run.cards]
    assert {r["unit"]: (r["rank"], r["class"]) for r in from_cards} == {
        r["unit"]: (r["rank"], r["class"]) for r in records
    }
    assert report.rows([]) == []
    with pytest.raises(TypeError):
        report.rows([ranked[0], run.cards[0]])


def test_to_dataframe():
    pd = pytest.importorskip("pandas")
    rs, run = scored(SMALL, SMALL_DATA)
    frame = report.to_dataframe(standings(rs, run.cards))
    assert isinstance(frame, pd.DataFrame) and len(frame) == 6
    assert frame["total"].iloc[0] == 10.0 and frame["class"].iloc[-1] == "Yếu"
    exact = report.to_dataframe(run.cards, exact=True)
    assert isinstance(exact["total"].iloc[0], Decimal)


def test_to_dataframe_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    _, run = scored(SMALL, SMALL_DATA)
    with pytest.raises(ImportError, match=r"parrules\[frames\]"):
        report.to_dataframe(run.cards)


def test_score_format_html_is_the_report_page(tmp_path, monkeypatch):
    """score --format html writes the same self-contained page as `parrules report` (one renderer)."""
    from parrules.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    page = tmp_path / "score.html"
    report_page = tmp_path / "report.html"
    assert main(["score", "national-2022", HA_GIANG, "--format", "html", "-o", str(page)]) == 0
    assert main(["report", "national-2022", HA_GIANG, "-o", str(report_page)]) == 0
    assert page.read_bytes() == report_page.read_bytes()
    assert "84,41" in page.read_text(encoding="utf-8")  # Hà Giang's index (seed 004: 84,41%)
