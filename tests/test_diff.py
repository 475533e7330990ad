"""diff_rulesets: what changed between two rulesets."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import parrules
from parrules.diff import Change, diff_rulesets

RULESETS = Path(__file__).parent.parent / "rulesets"

# seed 004, Phụ lục 01 (004:247-254): field maxima 2021 -> 2022
NATIONAL_FIELD_MAXIMA = {
    "1": ("8.5", "9.5"),
    "2": ("10", "10"),
    "3": ("13.5", "13"),
    "4": ("11.5", "10.5"),
    "5": ("13.5", "15"),
    "6": ("12", "12"),
    "7": ("15", "13.5"),
    "8": ("16", "16.5"),
}


def test_same_ruleset_has_no_changes() -> None:
    rs = parrules.load("bac-kan-2023-departments")
    assert diff_rulesets(rs, rs) == []
    assert diff_rulesets(rs, parrules.loads(rs.text + "\n# a comment\n", "copy.par")) == []


def test_change_is_an_attrs_class_with_known_kinds() -> None:
    change = Change("max_changed", "1", "8.5", "9.5")
    assert (change.kind, change.code, change.old, change.new) == ("max_changed", "1", "8.5", "9.5")
    with pytest.raises(ValueError):
        Change("moved", "1", "", "")


def test_bac_kan_2022_to_2023_departments() -> None:
    changes = diff_rulesets(parrules.load("bac-kan-2022-departments"), parrules.load("bac-kan-2023-departments"))
    kinds = {(c.kind, c.code) for c in changes}
    # 2022 is published as one total (seed 000:185-215); 2023 has 7 fields (000:223-235)
    assert ("max_changed", "1") in kinds
    assert next(c for c in changes if c.kind == "max_changed" and c.code == "1").new == "13"
    assert {c.code for c in changes if c.kind == "added"} == {"1.1", "1.2", "2", "3", "4", "5", "6", "7"}
    assert not any(c.kind == "removed" for c in changes)
    bands = [c for c in changes if c.kind == "band_changed"]
    assert Change("band_changed", "Xuất sắc", "from 90", "") in bands
    assert Change("band_changed", "Tốt", "from 80 below 90", "from 80") in bands
    assert len(bands) == 2


def test_bac_kan_2023_departments_to_districts() -> None:
    changes = diff_rulesets(parrules.load("bac-kan-2023-departments"), parrules.load("bac-kan-2023-districts"))
    fields = {c.code: (c.old, c.new) for c in changes if c.kind == "max_changed" and "." not in c.code}
    assert fields == {
        "1": ("13", "16.5"),
        "3": ("20.5", "21.5"),
        "5": ("12", "13.5"),
        "6": ("15.5", "11.5"),
        "7": ("22", "20"),
    }
    assert Change("max_changed", "1.2", "2", "2.5") in changes  # the assumed district survey split
    assert changes[-1] == Change("band_changed", "downgrade", "", "share of communes at class or better below 2/3")


def _national_2022_fields_text() -> str:
    titles = {code: parrules.load("national-2021").node(code).title for code in NATIONAL_FIELD_MAXIMA}
    lines = ['ruleset "Chỉ số CCHC cấp tỉnh năm 2022 (cấp lĩnh vực)" year 2022 level province scale 100']
    for code, (_, new) in NATIONAL_FIELD_MAXIMA.items():
        lines.append(f'field {code} "{titles[code]}" max {new} {{ score points }}')
    lines.append("ranking by index descending")
    return "\n".join(lines) + "\n"


def test_national_2021_to_2022_field_maxima() -> None:
    old = parrules.load("national-2021")
    new = parrules.loads(_national_2022_fields_text(), "national-2022-fields.par")
    changes = diff_rulesets(old, new)
    expected = [
        Change("max_changed", code, str(Decimal(a).normalize()), str(Decimal(b).normalize()))
        for code, (a, b) in NATIONAL_FIELD_MAXIMA.items()
        if Decimal(a) != Decimal(b)
    ]
    assert changes == expected


def test_national_2021_fields_add_to_published_2021_total() -> None:
    # Hà Giang 2021 (004:247-255): 7.65 + 8.91 + 12.97 + 9.02 + 11.57 + 10.60 + 13.19 + 12.86 = 86.77
    rs = parrules.load("national-2021")
    points = ["7.65", "8.91", "12.97", "9.02", "11.57", "10.60", "13.19", "12.86"]
    card = rs.evaluate({f"p_{i}": Decimal(p) for i, p in enumerate(points, start=1)})
    assert card.total == Decimal("86.77") and card.index == Decimal("86.77")


def test_national_2021_to_shipped_2022() -> None:
    if "national-2022" not in parrules.shipped():
        pytest.skip("rulesets/national-2022.par is not there yet")
    changes = diff_rulesets(parrules.load("national-2021"), parrules.load("national-2022"))
    fields = {c.code: (c.old, c.new) for c in changes if c.kind == "max_changed" and "." not in c.code}
    assert fields == {code: (a, b) for code, (a, b) in NATIONAL_FIELD_MAXIMA.items() if Decimal(a) != Decimal(b)}


PARENT = """\
ruleset "Cha" year 2022 level province scale 10
input x: percent "Tỷ lệ"
field 1 "A" max 6 {
  criterion 1.1 "a1" max 3 { score max * x }
  criterion 1.2 "a2" max 3 { source survey score points }
}
field 2 "B" max 4 {
  criterion 2.1 "b1" max 2 { score max * x }
  criterion 2.2 "b2" max 2 { score points }
}
classes by index { "Tốt": from 80  "Khá": below 80 }
"""

CHILD = """\
ruleset "Con" year 2023 extends "parent"
override criterion 1.1 "a1 mới" max 3 { score if x >= 50% then max else 0 }
override criterion 1.2 "a2" max 3 { source appraisal score points }
remove 2.2
criterion 2.3 "b3" max 2 { source survey score points }
classes by index { "Tốt": from 85  "Khá": below 85 }
"""


def test_extends_diff_lists_exactly_the_changes(tmp_path: Path) -> None:
    (tmp_path / "parent.par").write_text(PARENT, encoding="utf-8")
    (tmp_path / "child.par").write_text(CHILD, encoding="utf-8")
    parent = parrules.load(tmp_path / "parent.par")
    child = parrules.load(tmp_path / "child.par")
    assert diff_rulesets(parent, child) == [
        Change("renamed", "1.1", "a1", "a1 mới"),
        Change("formula_changed", "1.1", "score max * x", "score if x >= 50% then max else 0"),
        Change("source_changed", "1.2", "survey", "appraisal"),
        Change("removed", "2.2", 'max 2 "b2"', ""),
        Change("added", "2.3", "", 'max 2 "b3"'),
        Change("band_changed", "Tốt", "from 80", "from 85"),
        Change("band_changed", "Khá", "below 80", "below 85"),
    ]
    # and back again: the inverse changes
    back = diff_rulesets(child, parent)
    assert Change("removed", "2.3", 'max 2 "b3"', "") in back
    assert Change("added", "2.2", "", 'max 2 "b2"') in back


def test_removed_subtree_is_listed_once(tmp_path: Path) -> None:
    old = parrules.loads(PARENT, "p.par")
    new = parrules.loads(
        PARENT.replace("scale 10", "scale 6").split('field 2 "B"')[0]
        + 'classes by index { "Tốt": from 80  "Khá": below 80 }\n',
        "n.par",
    )
    assert diff_rulesets(old, new) == [Change("header_changed", "scale", "10", "6"), Change("removed", "2", 'max 4 "B"', "")]


# ---------------------------------------------------------------- at the grain of the change (issue 12)

LAST_YEAR = """\
ruleset "Xã 2023" year 2023 level commune scale 10
input online: percent "Tỷ lệ hồ sơ trực tuyến"
input late: count "Nhiệm vụ trễ hạn"
input budget_rank: rank 1..20 "Xếp hạng thu ngân sách"
input discipline: choice { none, leader } "Kỷ luật"
input staff: count "Số cán bộ" in 0..50
constraint late <= 100
field 1 "A" max 6 {
  criterion 1.1 "Trực tuyến" max 2 { score tiers online { from 95%: max  from 50% below 95%: 1  below 50%: 0 } }
  criterion 1.2 "Trễ hạn" max 1 { score deduct(late, 0.25) }
  criterion 1.3 "Ngân sách" max 1.5 { score ranks budget_rank { 1..10: 1.5  11..20: 0.5 } }
  criterion 1.4 "Kỷ luật" max 1.5 { score choice discipline { none: 1.5  leader: 0.5 } }
}
field 2 "B" max 4 {
  criterion 2.1 "Tỷ lệ" max 2 { score max * online }
  criterion 2.2 "Khảo sát" max 2 { source survey score points }
}
classes by index { "Tốt": from 80  "Khá": from 60 below 80  "Yếu": below 60 }
ranking by index descending
"""

THIS_YEAR = (
    LAST_YEAR.replace("Xã 2023", "Xã 2024")
    .replace("year 2023", "year 2024")
    .replace("from 95%: max  from 50% below 95%", "from 90%: max  from 50% below 90%")
    .replace("deduct(late, 0.25)", "deduct(late, 0.5)")
    .replace("{ 1..10: 1.5  11..20: 0.5 }", "{ 1..5: 1.5  6..20: 0.5 }")
    .replace("leader: 0.5 }", "leader: 0 }")
    .replace('input staff: count "Số cán bộ" in 0..50\n', 'input staff: number "Số cán bộ" in 0..80\n')
    .replace('input late: count "Nhiệm vụ trễ hạn"\n', 'input late: count "Nhiệm vụ trễ hạn"\ninput plan: yesno "Kế hoạch"\n')
    .replace('"Tốt": from 80  "Khá": from 60 below 80', '"Tốt": from 85  "Khá": from 60 below 85')
)


def test_changed_rows_bands_and_constants_are_shown_as_the_changed_row() -> None:
    old = parrules.loads(LAST_YEAR, "xa-2023.par")
    new = parrules.loads(THIS_YEAR, "xa-2024.par")
    assert diff_rulesets(old, new) == [
        Change("input_added", "plan", "", "yesno"),
        Change("input_changed", "staff", "count", "number", "type"),
        Change("input_changed", "staff", "0..50", "0..80", "range"),
        # the tier rows whose bounds moved, not two whole formulas
        Change("tier_changed", "1.1", "from 95%", "from 90%", "score tier 1"),
        Change("tier_changed", "1.1", "from 50% below 95%", "from 50% below 90%", "score tier 2"),
        Change("constant_changed", "1.2", "deduct(late, 0.25)", "deduct(late, 0.5)", "score"),
        Change("tier_changed", "1.3", "1..10", "1..5", "score band 1"),
        Change("tier_changed", "1.3", "11..20", "6..20", "score band 2"),
        Change("tier_changed", "1.4", "leader: 0.5", "leader: 0", "score leader"),
        Change("band_changed", "Tốt", "from 80", "from 85"),
        Change("band_changed", "Khá", "from 60 below 80", "from 60 below 85"),
    ]
    assert str(diff_rulesets(old, new)[3]) == "~ 1.1 score tier 1 tier_changed: from 95% -> from 90%"


def test_rows_added_removed_and_points_changed() -> None:
    old = parrules.loads(LAST_YEAR, "a.par")
    text = LAST_YEAR.replace(
        "{ from 95%: max  from 50% below 95%: 1  below 50%: 0 }",
        "{ from 95%: max  from 70% below 95%: 1.5  from 50% below 70%: 1  below 50%: 0 }",
    ).replace("score max * online", "score min(max, 3 * online)")
    changes = diff_rulesets(old, parrules.loads(text, "b.par"))
    assert [c for c in changes if c.code == "1.1"] == [
        Change("tier_changed", "1.1", "from 50% below 95%: 1", "from 70% below 95%: 1.5", "score tier 2"),
        Change("tier_changed", "1.1", "", "from 50% below 70%: 1", "score tier 3"),
    ]
    # nothing in common: the two whole formulas
    assert [c for c in changes if c.code == "2.1"] == [
        Change("formula_changed", "2.1", "score max * online", "score min(max, 3 * online)")
    ]


def test_inputs_removed_and_constraints_and_header() -> None:
    old = parrules.loads(LAST_YEAR, "a.par")
    text = (
        LAST_YEAR.replace('input staff: count "Số cán bộ" in 0..50\n', "")
        .replace("constraint late <= 100", "constraint late <= 50")
        .replace("scale 10", "scale 10 rounding half_even 2")
    )
    changes = diff_rulesets(old, parrules.loads(text, "b.par"))
    assert changes == [
        Change("header_changed", "rounding", "half_up 4", "half_even 2"),
        Change("input_removed", "staff", "count in 0..50", ""),
        Change("constraint_changed", "constraint", "late <= 100", ""),
        Change("constraint_changed", "constraint", "", "late <= 50"),
    ]


def test_national_2021_to_2022_lists_inputs_and_rules() -> None:
    changes = diff_rulesets(parrules.load("national-2021"), parrules.load("national-2022"))
    added = {c.code for c in changes if c.kind == "input_added"}
    # the raw figures of seed 004's notes column that 2022 scores by formula (004:271-415)
    assert {"received_dept", "on_time_dept", "online_full_rate", "budget_revenue_rank", "discipline"} <= added
    assert not any(c.kind == "input_removed" for c in changes)  # 2021's inputs were score points only
    assert Change("constraint_changed", "constraint", "", "on_time_dept <= received_dept") in changes


UNITS_CSV = """\
unit,online,late,budget_rank,discipline,staff,p_2_2,plan
Xã Một,"96%",0,8,none,10,"1,8",có
Xã Hai,"92%",0,3,none,10,"1,9",có
Xã Ba,"60%",2,15,leader,10,"1,2",không
Xã Bốn,"85%",1,7,none,10,"1,5",có
"""
# Hand derivation (points per node; 2.1 = 2 x online):
#            1.1 (2023 / 2024)  1.2 (2023 / 2024)  1.3 (2023 / 2024)  1.4 (2023 / 2024)  2.1    2.2  total 2023 / 2024
# Xã Một     2 / 2              1 / 1              1.5 / 0.5          1.5 / 1.5          1.92   1.8  9.72 / 8.72
# Xã Hai     1 / 2              1 / 1              1.5 / 1.5          1.5 / 1.5          1.84   1.9  8.74 / 9.74
# Xã Ba      1 / 1              0.5 / 0            0.5 / 0.5          0.5 / 0            1.2    1.2  4.9  / 3.9
# Xã Bốn     1 / 1              0.75 / 0.5         1.5 / 0.5          1.5 / 1.5          1.7    1.5  7.95 / 6.7
# 2023: Một 97.2 Tốt 1, Hai 87.4 Tốt 2, Bốn 79.5 Khá 3, Ba 49 Yếu 4
# 2024: Hai 97.4 Tốt 1, Một 87.2 Tốt 2, Bốn 67 Khá 3, Ba 39 Yếu 4


def test_cli_diff_with_data_lists_who_moves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from parrules.cli import main

    (tmp_path / "xa-2023.par").write_text(LAST_YEAR, encoding="utf-8")
    (tmp_path / "xa-2024.par").write_text(THIS_YEAR, encoding="utf-8")
    (tmp_path / "units.csv").write_text(UNITS_CSV, encoding="utf-8")
    old, new = str(tmp_path / "xa-2023.par"), str(tmp_path / "xa-2024.par")
    code = main(["diff", old, new, "--data", str(tmp_path / "units.csv"), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    import json

    payload = json.loads(captured.out)
    units = {u["unit"]: u for u in payload["units"]}
    assert [u["unit"] for u in payload["units"]] == ["Xã Hai", "Xã Một", "Xã Bốn", "Xã Ba"]
    assert units["Xã Một"]["old"] == {"total": "9.72", "index": "97.2", "rank": 1, "class": "Tốt"}
    assert units["Xã Một"]["new"] == {"total": "8.72", "index": "87.2", "rank": 2, "class": "Tốt"}
    assert (units["Xã Hai"]["places_gained"], units["Xã Một"]["places_gained"]) == (1, -1)
    assert units["Xã Ba"]["changed"] is False and units["Xã Ba"]["index_change"] == "-10"
    assert units["Xã Bốn"]["old"]["index"] == "79.5" and units["Xã Bốn"]["new"]["index"] == "67"
    # the plan input is new: a file without it scores under the old ruleset only
    assert payload["only_old"] == payload["only_new"] == []
    assert {"kind": "input_added", "code": "plan", "where": "", "old": "", "new": "yesno"} in payload["changes"]

    code = main(["diff", old, new, "--data", str(tmp_path / "units.csv"), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Units whose class or rank changes" in out
    moved = [line for line in out.splitlines() if line.startswith("Xã ")]
    assert len(moved) == 2 and "1 -> 2" in moved[1] and "+1" in moved[0]
    assert out.rstrip().endswith("4 unit(s) scored under both: 0 change class, 2 change rank")
    # a unit the new ruleset cannot score (no plan given) is named, not dropped
    (tmp_path / "more.csv").write_text(UNITS_CSV + 'Xã Năm,"90%",0,1,none,10,"1,0",\n', encoding="utf-8")
    code = main(["diff", old, new, "--data", str(tmp_path / "more.csv"), "--lang", "en"])
    captured = capsys.readouterr()
    assert "scored under OLD only: Xã Năm" in captured.out
    assert "NEW (" in captured.err and "Xã Năm" in captured.err
    code = main(["diff", old, old, "--format", "md", "--lang", "en"])
    assert (code, capsys.readouterr().out) == (0, "no differences\n")
    code = main(["diff", old, str(tmp_path / "missing.par")])
    assert code == 2 and "không có tệp bộ chỉ số" in capsys.readouterr().err  # Vietnamese by default
    code = main(["diff", old, str(tmp_path / "missing.par"), "--lang", "en"])
    assert code == 2 and "no ruleset file" in capsys.readouterr().err


def test_diff_md_escapes_and_keeps_columns() -> None:
    from parrules.diff import format_diff

    text = format_diff([Change("renamed", "1", "a | b", "*c*")], "md", "old", "new")
    # four cells (tabulate pads them): the | inside a cell escaped, the * not read as emphasis
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", text.splitlines()[2])[1:-1]]
    assert cells == ["renamed", "1", "a \\| b", "\\*c\\*"]
