"""What-if and sensitivity (issue 11): every number derived by hand from a shipped ruleset's lines.

Hà Giang 2022 (examples/ha-giang-2022.csv, seed 004 Phụ lục 02) under national-2022: total
84.4094, index 84.41, Nhóm B (README; tests/test_golden_national_2022.py).  tests/data/small.par
and examples/small-units.csv: the units tests/test_evaluate.py and docs/standalone.md derive.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules.cli import main
from parrules.testing import units
from parrules.whatif import read_changes, sensitivity, what_if, with_ranks

ROOT = Path(__file__).parent.parent
HA_GIANG = str(ROOT / "examples" / "ha-giang-2022.csv")
SMALL = str(Path(__file__).parent / "data" / "small.par")
SMALL_UNITS = str(ROOT / "examples" / "small-units.csv")
UNIT = "Tỉnh Hà Giang"
D = Decimal


@pytest.fixture(scope="module")
def national():
    return parrules.load("national-2022")


@pytest.fixture(scope="module")
def ha_giang(national):
    return data_io.read_data(HA_GIANG, national).find(UNIT).inputs


@pytest.fixture(scope="module")
def small():
    return parrules.load(SMALL)


@pytest.fixture(scope="module")
def small_data(small):
    return data_io.read_data(SMALL_UNITS, small)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ha_giang_online_rate_to_60_percent(national, ha_giang):
    # national-2022.par:606 7.3.6 (max 1.5) `score max * online_full_rate`, rounding half_up 4 (line 42):
    # before 1.5 x 0.4241 = 0.63615 -> 0.6362; after 1.5 x 0.60 = 0.9 -> 0.9000; delta 0.2638.
    # 7.3.6 is in 7.3 (line 583) in field 7 (line 542), both plain sums: each moves by 0.2638.
    # total 84.4094 + 0.2638 = 84.6732, index 84.6732 / 100 x 100 -> 84.67; Nhóm B before and
    # after (line 693: from 80 below 90), so no class row.
    result = national.what_if(ha_giang, {"online_full_rate": D("60")})
    assert [c.code for c in result.changed] == ["7", "7.3", "7.3.6", "total", "index"]
    leaf = result.row("7.3.6")
    assert (leaf.before, leaf.after, leaf.delta) == (D("0.6362"), D("0.9000"), D("0.2638"))
    assert result.row("7").delta == result.row("7.3").delta == D("0.2638")
    total = result.row("total")
    assert (total.before, total.after, total.delta) == (D("84.4094"), D("84.6732"), D("0.2638"))
    index = result.row("index")
    assert (index.before, index.after, index.delta) == (D("84.41"), D("84.67"), D("0.26"))
    assert result.row("class") is None and result.row("3.4.1") is None
    assert [(c.name, c.after) for c in result.inputs] == [("online_full_rate", D("60"))]
    assert result.before.total == D("84.4094") and result.after.total == D("84.6732")
    # the derivation of each changed node is Scorecard.explain's, after the change
    assert set(result.derivations) == {"7", "7.3", "7.3.6"}
    assert result.derivations["7.3.6"] == result.after.explain("7.3.6")
    assert "online_full_rate = 60%" in result.derivations["7.3.6"]
    assert "max * online_full_rate = 0.9" in result.derivations["7.3.6"]


def test_ha_giang_every_dossier_on_time(national, ha_giang):
    # national-2022.par:248 3.4.1 (max 1.5) `max * rate(on_time_dept, received_dept, empty: 100%)`:
    # before 1.5 x 66108 / 66186 = 1.49823225... -> 1.4982; after 1.5 x 66186 / 66186 = 1.5000;
    # delta 0.0018 in 3.4.1, 3.4 and field 3; total 84.4094 + 0.0018 = 84.4112, index still 84.41.
    result = what_if(national, ha_giang, {"on_time_dept": 66186}, UNIT)
    assert [c.code for c in result.changed] == ["3", "3.4", "3.4.1", "total"]
    assert result.row("3.4.1").after == D("1.5000") and result.row("3.4.1").delta == D("0.0018")
    assert result.row("total").after == D("84.4112")
    assert result.before.unit == result.after.unit == UNIT


def test_no_change_lists_nothing(national, ha_giang):
    # the value it already has: nothing moves, nothing explained
    result = national.what_if(ha_giang, {"online_full_rate": ha_giang["online_full_rate"]})
    assert result.changed == () and result.derivations == {}


def test_class_and_several_inputs(small):
    # small.par, the unit of docs/standalone.md (total 5.2844, index 52.84, Yếu):
    # online 42.41 -> 100: 1.1.2 `max * online` 1.5 x 0.4241 = 0.6362 -> 1.5 (+0.8638);
    #   2.3 tiers `below 80%: 0` -> `from 100%: 1` (+1);
    # discipline dept_leader -> none: 2.2 0.5 -> 1.5 (+1).
    # field 1: 4.0344 + 0.8638 = 4.8982; field 2: 1.25 + 2 = 3.25; total 8.1482 (scale 10),
    # index 81.48 -> "Tốt" (from 80) instead of "Yếu" (below 70).
    inputs = {"received": 66186, "on_time": 66108, "online": "42.41", "rank_budget": 55,
              "has_plan": True, "late_tasks": 3, "discipline": "dept_leader", "p_1_4": "0.4"}  # fmt: skip
    result = small.what_if(inputs, {"online": 100, "discipline": "none"})
    assert [c.code for c in result.changed] == ["1", "1.1", "1.1.2", "2", "2.2", "2.3", "total", "index", "class"]
    assert result.row("1").after == D("4.8982") and result.row("2").after == D("3.25")
    assert result.row("2.3").delta == D("1") and result.row("1.1.2").delta == D("0.8638")
    assert (result.row("total").before, result.row("total").after) == (D("5.2844"), D("8.1482"))
    assert (result.row("index").before, result.row("index").after) == (D("52.84"), D("81.48"))
    klass = result.row("class")
    assert (klass.before, klass.after, klass.delta) == ("Yếu", "Tốt", None)


def test_rank_among_peers(small, small_data):
    # Huyện Ngàn Lau (hư cấu), examples/small-units.csv: total 4.6446, last of 6 (rank 6).
    # has_plan không -> có: 1.2 0 -> 1 (+1); discipline dept_leader -> none: 2.2 0.5 -> 1.5 (+1);
    # late_tasks 3 -> 0: 2.1 deduct(late_tasks, 0.25) 1.5 - 0.75 = 0.75 -> 1.5 (+0.75).
    # total 4.6446 + 2.75 = 7.3946: above Huyện Suối Bạc (6.9680), so rank 5; index 73.95: Khá.
    unit = small_data.find("Huyện Ngàn Lau (hư cấu)")
    cards, _ = small.evaluate_many([(u.unit, u.inputs) for u in small_data.units])
    result = what_if(small, unit.inputs, {"has_plan": True, "discipline": "none", "late_tasks": 0}, unit.unit)
    result = with_ranks(result, cards)
    assert result.row("total").after == D("7.3946")
    assert (result.row("class").before, result.row("class").after) == ("Yếu", "Khá")
    rank = result.row("rank")
    assert (rank.before, rank.after, rank.delta) == (6, 5, 1)


def test_bad_changes_are_data_errors(national, ha_giang):
    with pytest.raises(parrules.InputError) as caught:
        national.what_if(ha_giang, {"on_tim_dept": 1})
    assert caught.value.code == "D215" and "did you mean 'on_time_dept'" in str(caught.value)
    # national-2022.par:68 constraint on_time_dept <= received_dept (66186)
    with pytest.raises(parrules.InputError) as caught:
        national.what_if(ha_giang, {"on_time_dept": 70000})
    assert caught.value.code == "D108" and "on_time_dept = 70000, received_dept = 66186" in caught.value.message
    with pytest.raises(parrules.InputError) as caught:
        national.what_if(ha_giang, {"online_full_rate": 101})  # a percent: 0..100
    assert caught.value.code == "D106" and caught.value.input == "online_full_rate"
    with pytest.raises(parrules.InputError) as caught:
        national.what_if(ha_giang, ["online_full_rate"])  # type: ignore[arg-type]
    assert caught.value.code == "D111"
    with pytest.raises(parrules.InputError) as caught:  # the unit's own data, as evaluate says it
        national.what_if({**ha_giang, "received_dept": None}, {"online_full_rate": 50})
    assert caught.value.code == "D101"


def test_read_changes(national):
    assert read_changes(national, ["online_full_rate=60,5"]) == {"online_full_rate": D("60.5")}
    assert read_changes(national, ["on_time_dept=66.186"]) == {"on_time_dept": D("66186")}  # Vietnamese thousands
    assert read_changes(national, ["online_full_rate=60.5"], "dot") == {"online_full_rate": D("60.5")}
    assert read_changes(national, ["discipline=none"]) == {"discipline": "none"}
    for pairs, code in ((["onn=1"], "D215"), (["on_time_dept=abc"], "D104"), (["on_time_dept=1", "on_time_dept=2"], "D216")):
        with pytest.raises(parrules.InputError) as caught:
            read_changes(national, pairs)
        assert caught.value.code == code, pairs
    with pytest.raises(ValueError, match="NAME=VALUE"):
        read_changes(national, ["on_time_dept"])


# ---------------------------------------------------------------- sensitivity


def test_sensitivity_ha_giang(national, ha_giang):
    rows = {(r.leaf, r.input): r for r in national.sensitivity(ha_giang)}
    # 7.3.6 `max * online_full_rate` (line 606): one percentage point, 42.41 -> 43.41:
    # 1.5 x 0.4341 = 0.65115 -> 0.6512 (half_up 4); 0.6512 - 0.6362 = 0.0150 per point.
    r = rows[("7.3.6", "online_full_rate")]
    assert (r.step, r.gain, r.total_gain, r.per_unit) == (D(1), D("0.0150"), D("0.0150"), D("0.0150"))
    # 8.4 `ranks budget_revenue_rank { ... 31..50: 0.75  51..63: 0.5 }` (line 678): one place up,
    # 51 -> 50, lifts 8.4 from 0.5 to 0.75.
    r = rows[("8.4", "budget_revenue_rank")]
    assert (r.step, r.gain, r.per_unit) == (D(-1), D("0.25"), D("0.25"))
    # 3.4.1 (line 248), one more dossier on time: 1.5 x 66109 / 66186 = 1.49825491... -> 1.4983 (+0.0001)
    r = rows[("3.4.1", "on_time_dept")]
    assert (r.step, r.gain) == (D(1), D("0.0001"))
    # 1.1 `score points` at its max 1.5 (line 104): at its upper bound, no step tried
    r = rows[("1.1", "p_1_1")]
    assert r.gain is None and "upper bound (1.5)" in r.note
    # 1.7 survey points 1.1183: the smallest step at 4 places is 0.0001, one point per point
    r = rows[("1.7", "p_1_7")]
    assert (r.step, r.gain, r.per_unit) == (D("0.0001"), D("0.0001"), D(1))
    # 1.3.2: resolved 72 of 75 found, 3 not due; one more resolved breaks the constraint of
    # national-2022.par:52 (resolved <= found - not due = 72): the step is refused, D108
    r = rows[("1.3.2", "inspection_issues_resolved")]
    assert r.gain is None and r.code == "D108"
    assert r.note == (
        "refused (D108): the constraint inspection_issues_resolved <= "
        "max(0, inspection_issues_found - inspection_issues_not_due) does not hold"
    )
    # 3.4.3 (max 1) with 230906 of 231978 on time: one more is 1 x 230907 / 231978 = 0.99538318...
    # -> 0.9954, as before (230906 / 231978 = 0.99537887... -> 0.9954): less than the rounding step
    r = rows[("3.4.3", "on_time_commune")]
    assert r.gain == 0 and r.note == "moves the leaf by less than its rounding step"


def test_sensitivity_yesno_choice_and_applicability(small):
    inputs = {"received": 0, "on_time": 0, "online": "42.41", "rank_budget": 1,
              "has_plan": False, "late_tasks": 0, "discipline": "dept_leader", "p_1_4": "0.4"}  # fmt: skip
    rows = {(r.leaf, r.input): r for r in sensitivity(small, inputs)}
    # small.par 1.2 `if has_plan then max else 0` (max 1): no -> yes brings 1 point
    r = rows[("1.2", "has_plan")]
    assert (r.step, r.gain, r.per_unit, r.note) == (None, D(1), None, "no -> yes")
    assert rows[("2.2", "discipline")].gain is None and "choice" in rows[("2.2", "discipline")].note
    # rank 1 is the best rank: no place up
    assert "best rank" in rows[("1.3", "rank_budget")].note
    # on_time = received = 0: one more on time breaks on_time <= received (D108)
    assert rows[("1.1.1", "on_time")].code == "D108"


# ---------------------------------------------------------------- the command line


def test_cli_whatif_text_vietnamese_decimal(capsys):
    # --set online_full_rate=60,5 read the Vietnamese way: 1.5 x 0.605 = 0.9075 (line 606);
    # 0.9075 - 0.6362 = 0.2713; total 84.4094 + 0.2713 = 84.6807
    code, out, err = run(
        capsys, "whatif", "national-2022", HA_GIANG, "--unit", UNIT, "--set", "online_full_rate=60,5"
    )
    assert code == 0, err
    assert "online_full_rate: 42,41 -> 60,5" in out
    line = next(x for x in out.splitlines() if x.startswith("7.3.6 "))
    assert "0,6362" in line and "0,9075" in line and "+0,2713" in line
    assert any("Tổng điểm" in x and "84,6807" in x and "+0,2713" in x for x in out.splitlines())
    # the derivations too are said in the run's language (they were English: "score: ... of", 60.5%)
    assert "Cách tính sau thay đổi" in out and "online_full_rate = 60,5%" in out and "60.5%" not in out
    assert "  điểm: 0,9075 trên 1,5" in out and " of " not in out


def test_cli_whatif_json_md_and_rank(capsys):
    # as test_rank_among_peers, on the command line, in English
    args = ["whatif", SMALL, SMALL_UNITS, "--unit", "Huyện Ngàn Lau (hư cấu)", "--set", "has_plan=có",
            "--set", "discipline=none", "--set", "late_tasks=0"]  # fmt: skip
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    rows = {r["code"]: r for r in doc["changed"]}
    assert rows["total"]["after"] == "7.3946" and rows["rank"]["before"] == 6 and rows["rank"]["after"] == 5
    assert rows["class"]["after"] == "Khá" and doc["after"]["class"] == "Khá" and doc["before"]["class"] == "Yếu"
    assert doc["changes"][0] == {"input": "has_plan", "before": False, "after": True}
    assert set(doc["derivations"]) == {"1", "1.2", "2", "2.1", "2.2"}
    code, out, err = run(capsys, *args, "--format", "md", "--lang", "en")
    assert code == 0, err
    assert "| Rank" in out and "7.3946" in out and "```" in out


def test_cli_whatif_errors(capsys):
    base = ["whatif", "national-2022", HA_GIANG, "--unit", UNIT]
    code, _out, err = run(capsys, *base, "--set", "on_time_dept=70.000")
    assert code == 1 and "D108" in err and "on_time_dept = 70000" in err
    code, _out, err = run(capsys, *base, "--set", "on_tim_dept=1", "--lang", "en")
    assert code == 1 and "D215" in err and "did you mean 'on_time_dept'" in err
    code, _out, err = run(capsys, *base, "--set", "on_tim_dept=1")  # Vietnamese by default
    assert code == 1 and "D215" in err and "không phải đầu vào của bộ chỉ số này (có phải ý bạn là 'on_time_dept'?)" in err
    code, _out, err = run(capsys, *base, "--set", "on_time_dept")
    assert code == 2 and "NAME=VALUE" in err
    code, _out, err = run(capsys, "whatif", "national-2022", HA_GIANG, "--unit", "Tỉnh Hà Nam", "--set", "x=1")
    assert code == 2 and "không có đơn vị" in err  # Vietnamese by default
    assert "Traceback" not in err


def test_cli_explain_sensitivity(capsys):
    code, out, err = run(capsys, "explain", "national-2022", HA_GIANG, "--unit", UNIT, "--sensitivity", "--node", "7.3")
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("7.3.6"))
    # 1 percentage point: +0,0150 (test_sensitivity_ha_giang)
    assert "online_full_rate" in line and "+1 %" in line and "+0,015" in line
    assert all(x.split()[0].startswith("7.3") for x in out.splitlines()[2:] if x.strip())


def test_the_tutorial_section_prints_what_it_shows(capsys):
    """docs/tutorial.md "Hà Giang scored 84.41: what if ...": each command prints the block shown
    under it (the what-if: its table, before the derivations); the page derives the numbers by hand."""
    text = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    section = text.split(". Hà Giang scored 84.41: what if", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("\n", 1) for b in section.split("```\n$ ")[1:]]
    assert len(blocks) == 2
    for command, shown in blocks:
        shown = shown.split("```", 1)[0]
        args = [a.strip('"') for a in command.removeprefix("parrules ").replace('"Tỉnh Hà Giang"', "UNIT").split()]
        args = [UNIT if a == "UNIT" else (HA_GIANG if a.endswith("ha-giang-2022.csv") else a) for a in args]
        code, out, err = run(capsys, *args)
        assert code == 0, err
        if args[0] == "whatif":
            assert out.startswith(shown) and "Cách tính sau thay đổi" in out[len(shown):]
        else:
            assert out == shown


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_if_is_two_ordinary_evaluations(small, data):
    """For any valid unit and any valid new unit: the after card is ``evaluate`` of the merged
    inputs, and the changed rows are exactly the nodes (and totals) that differ."""
    inputs = data.draw(units(small))
    other = data.draw(units(small))
    names = data.draw(st.lists(st.sampled_from(sorted(small.inputs)), min_size=1, max_size=4, unique=True))
    changes = {name: other[name] for name in names}
    merged = {**inputs, **changes}
    try:
        expected = small.evaluate(merged)
    except parrules.InputError as exc:  # a mixed unit may break on_time <= received: the same error
        with pytest.raises(parrules.InputError) as caught:
            small.what_if(inputs, changes)
        assert (caught.value.code, caught.value.message) == (exc.code, exc.message)
        return
    result = small.what_if(inputs, changes)
    before = small.evaluate(inputs)
    assert result.after.scores == expected.scores and result.before.scores == before.scores
    moved = [
        code
        for i, code in enumerate(small.codes)
        if (before.scores[i], before.applicable_maxima[i]) != (expected.scores[i], expected.applicable_maxima[i])
    ]
    assert [c.code for c in result.nodes] == moved
    assert set(result.derivations) == set(moved)
    assert (result.row("total") is None) == (before.total == expected.total)
    for c in result.nodes:
        assert c.delta == c.after - c.before


def test_markdown_keeps_hostile_titles_inside_their_code_block():
    from parrules.whatif_report import format_whatif

    rs = parrules.loads(
        'ruleset "T" year 2022 level province scale 10 rounding half_up 4\n'
        "input x: count\n"
        'field 1 "a ```` b | *c*" max 10 { score min(x, 10) }\n'
    )
    result = what_if(rs, {"x": 1}, {"x": 3}, "U ` |")
    text = format_whatif(result, "md", "en")
    # x 1 -> 3: field 1 `min(x, 10)` 1 -> 3 (+2), total 1 -> 3
    assert "+2" in text
    fence = "`````"  # longer than the title's four backticks
    assert f"{fence}\n1 a ```` b | *c*\n" in text and text.count(fence) == 2
    assert "**Unit**: U \\` \\|" in text


def test_a_node_that_stops_applying_moves_the_scale_and_the_index():
    # field 1 (max 6) scores 3 by points; field 2 (max 4) `max * rate(on_time, received, empty: 0)`,
    # not applicable when received == 0.  received 10, on_time 5: 4 x 5 / 10 = 2; total 5, index 50.
    # received -> 0 (on_time -> 0): field 2 does not apply: score 0, applicable max 4 -> 0;
    # total 3, applicable scale 10 -> 6, index 3 / 6 x 100 = 50.00 -> unchanged, no index row.
    # received -> 0 with field 1 at 4.5 instead: index 4.5 / 6 = 75.00 (before 6.5 / 10 = 65.00).
    rs = parrules.loads(
        'ruleset "T" year 2022 level province scale 10 rounding half_up 4\n'
        "input received: count\ninput on_time: count\nconstraint on_time <= received\n"
        'field 1 "a" max 6 { score points }\n'
        'field 2 "b" max 4 { not applicable when received == 0  score max * rate(on_time, received, empty: 0) }\n'
    )
    result = rs.what_if({"p_1": 3, "received": 10, "on_time": 5}, {"received": 0, "on_time": 0})
    assert [c.code for c in result.changed] == ["2", "total", "applicable_scale"]
    row = result.row("2")
    assert (row.before, row.after, row.applicable_max_before, row.applicable_max_after) == (D(2), D(0), D(4), D(0))
    assert (result.row("applicable_scale").before, result.row("applicable_scale").after) == (D(10), D(6))
    result = rs.what_if({"p_1": D("4.5"), "received": 10, "on_time": 5}, {"received": 0, "on_time": 0})
    index = result.row("index")
    assert (index.before, index.after, index.delta) == (D("65.00"), D("75.00"), D("10.00"))
    assert "not applicable" in result.derivations["2"]


def test_cli_whatif_on_a_unit_whose_own_data_is_bad(tmp_path, capsys):
    # on_time 1.100 > received 1.050 (small.par: constraint on_time <= received): the unit's own
    # D108, and its percent of 150 (D106), are reported as explain reports them: exit 1
    data = tmp_path / "u.csv"
    data.write_text(
        "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4\n"
        'Huyện A,1.050,1.100,150,12,có,0,none,"0,45"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "whatif", SMALL, str(data), "--unit", "Huyện A", "--set", "late_tasks=1", "--lang", "en")
    assert code == 1 and not out
    assert "D108" in err and "on_time = 1100, received = 1050" in err and "D106" in err and "row 2" in err
