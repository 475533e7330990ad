"""diff_rulesets: what changed between two rulesets."""

from __future__ import annotations

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
    assert diff_rulesets(old, new) == [Change("removed", "2", 'max 4 "B"', "")]
