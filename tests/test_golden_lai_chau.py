"""Golden tests: Lai Châu 2022 against seed 002.

Seed 002 = /work/shared/seeds/002_bed490c72a1ed091.txt.  Expected values come from
tests/data/seeds/lai_chau_2022_*_index.csv (Biểu 01, 002:51-71; Biểu 03, 002:118-125),
never from parrules' own output.  For all 28 units: appraisal + impact points -> the
published total, the applicable scale (special units: from the nodes that do not apply),
the index % and the place in the published order (the seed prints no rank column; each
group of Biểu 01 and Biểu 03 is in descending order of index, so STT is the rank).

Seed discrepancies, each asserted as what the seed prints and what we reproduce:

- 002:52 Sở Tài chính: 25.74 + 58.912 = 84.652; printed total and index 84.66
  (README #13: the impact points were probably 25.75 before rounding). We reproduce
  84.652 -> index 84.65, and its place (2nd) is unchanged.
- 002:123 UBND huyện Tân Uyên: 23.91 + 45.81 = 69.72; printed 69.71 (README #13). We
  reproduce 69.72; its place (6th) is unchanged.
- 002:69 Ban Quản lý Khu kinh tế tỉnh: 49.95 / 64 = 78.047 % -> 78.05 half-up; printed
  78.04 (README #14: the seed truncated, or used an unrounded total). We reproduce 78.05;
  place 3 of 5 unchanged.
- 002:55 vs 002:90 Sở Kế hoạch và đầu tư: 81.49 in Biểu 01 and 81.50 in Biểu 2
  (README #15). We reproduce Biểu 01 (24.66 + 56.83 = 81.49).
- The special units' scales 69/65/64/74/74 rest on assumed maxima (see the ruleset's
  header); the seed names only the exclusions of the survey of satisfaction (all five),
  of component 3 (Văn phòng UBND tỉnh) and of component 2 (Ban Quản lý KKT).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import parrules
from parrules.aggregate import standings

SEEDS = Path(__file__).parent / "data" / "seeds"

# 002 line -> (total, index) we compute where the seed's printed row disagrees with itself
KNOWN = {
    "52": (Decimal("84.652"), Decimal("84.65")),  # printed 84.66 / 84.66
    "69": (Decimal("49.95"), Decimal("78.05")),  # printed 49.95 / 78.04
    "123": (Decimal("69.72"), Decimal("69.72")),  # printed 69.71 / 69.71
}

# which nodes apply to each special unit (002:47, 002:172, 002:183, 002:252; the rest assumed)
SPECIAL = {
    "Sở Ngoại vụ": {"has_group_b_tasks": False},
    "Văn phòng UBND tỉnh": {"has_tthc": False},
    "Ban Quản lý Khu kinh tế tỉnh": {"has_institution_tasks": False},
    "Thanh tra tỉnh": {},
    "Ban Dân tộc": {},
}


def rows(name: str) -> list[dict[str, str]]:
    with open(SEEDS / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def spread(rs: parrules.Ruleset, codes: list[str], flags: dict[str, bool], points: Decimal) -> dict[str, Decimal]:
    """Put a published part total into the applicable nodes in order, each up to its max.

    The seed gives one appraisal and one impact number per unit; how they split among the
    nodes is not published and does not matter for the total (a device of the test).
    """
    probe = rs.evaluate(flags | {f"p_{c.replace('.', '_')}": Decimal(0) for c in codes_all(rs)})
    out: dict[str, Decimal] = {}
    for code in codes:
        top = probe[code].applicable_max
        part = min(points, top)
        out[f"p_{code.replace('.', '_')}"] = part
        points -= part
    assert points == 0
    return out


def codes_all(rs: parrules.Ruleset) -> list[str]:
    return list(rs.leaf_codes)


def department_card(rs: parrules.Ruleset, row: dict[str, str]) -> parrules.Scorecard:
    return rs.evaluate(department_inputs(rs, row), unit=row["unit"])


def department_inputs(rs: parrules.Ruleset, row: dict[str, str]) -> dict[str, Any]:
    special = row["group"] == "05 đơn vị đặc thù"
    flags = {
        "special_unit": special,
        "has_institution_tasks": True,
        "has_tthc": True,
        "has_tthc_dossiers": not special,
        "has_group_b_tasks": True,
    }
    if special:
        flags |= SPECIAL[row["unit"]]
    inputs: dict[str, Any] = dict(flags)
    inputs |= spread(rs, ["1.1", "1.2", "1.3", "1.4", "1.5"], flags, Decimal(row["appraisal_points"]))
    inputs |= spread(rs, ["2.1", "2.2"], flags, Decimal(row["impact_points"]))
    return inputs


def check_row(card: parrules.Scorecard, row: dict[str, str]) -> None:
    where = f"002:{row['seed_line']}"
    assert card.applicable_scale == Decimal(row["scale"]), where
    assert card.by_source()["appraisal"][0] == Decimal(row["appraisal_points"]), where
    assert card.by_source()["survey"][0] == Decimal(row["impact_points"]), where
    total, index = Decimal(row["total_points"]), Decimal(row["index_2022_pct"])
    if row["seed_line"] in KNOWN:
        assert (total, index) != KNOWN[row["seed_line"]], where  # the seed really prints otherwise
        total, index = KNOWN[row["seed_line"]]
    assert card.total == total, where
    assert card.index == index, where


def test_departments_totals_scales_indices_and_order() -> None:
    rs = parrules.load("lai-chau-2022-departments")
    table = rows("lai_chau_2022_departments_index.csv")
    assert len(table) == 20
    for group in ("15 sở, ngành", "05 đơn vị đặc thù"):
        part = [r for r in table if r["group"] == group]
        cards = [department_card(rs, r) for r in part]
        for card, r in zip(cards, part, strict=True):
            check_row(card, r)
        got = {s.unit: s.rank for s in standings(rs, list(reversed(cards)))}
        assert got == {r["unit"]: int(r["stt"]) for r in part}


def test_special_unit_scales_come_from_nodes_not_applying() -> None:
    rs = parrules.load("lai-chau-2022-departments")
    rows_ = {r["unit"]: r for r in rows("lai_chau_2022_departments_index.csv")}
    for unit in SPECIAL:
        card = department_card(rs, rows_[unit])
        assert card.ruleset.scale == 100
        not_applying = [r.code for r in card if r.max > 0 and r.applicable_max == 0]
        assert "2.2" in not_applying  # the satisfaction survey (002:252)
        assert card.applicable_scale == Decimal(rows_[unit]["scale"])
    vp = department_card(rs, rows_["Văn phòng UBND tỉnh"])
    assert vp["1.3"].applicable_max == 0  # no TTHC (002:183)
    kkt = department_card(rs, rows_["Ban Quản lý Khu kinh tế tỉnh"])
    assert kkt["1.2"].applicable_max == 0  # no thể chế (002:172)


def test_ban_dan_toc_component_8_maximum() -> None:
    # the assumed 19 applicable survey points reproduce Ban Dân tộc's printed 63,94 % (002:256)
    rs = parrules.load("lai-chau-2022-departments")
    row = next(r for r in rows("lai_chau_2022_departments_index.csv") if r["unit"] == "Ban Dân tộc")
    card = department_card(rs, row)
    assert card["2"].rate.quantize(Decimal("0.01")) == Decimal("63.95")  # 12.15 / 19 = 63.947 %
    # printed 63,94: truncated like Bắc Kạn's percentages, not half-up (noted, not hidden)


@pytest.mark.parametrize("row", rows("lai_chau_2022_districts_index.csv"), ids=lambda r: r["seed_line"])
def test_district_totals_and_indices(row: dict[str, str]) -> None:
    rs = parrules.load("lai-chau-2022-districts")
    card = rs.evaluate(
        {"appraisal": Decimal(row["appraisal_points"]), "impact": Decimal(row["impact_points"])}, unit=row["unit"]
    )
    check_row(card, row)


def test_district_order() -> None:
    rs = parrules.load("lai-chau-2022-districts")
    table = rows("lai_chau_2022_districts_index.csv")
    cards = [
        rs.evaluate(
            {"appraisal": Decimal(r["appraisal_points"]), "impact": Decimal(r["impact_points"])}, unit=r["unit"]
        )
        for r in table
    ]
    got = {s.unit: s.rank for s in standings(rs, list(reversed(cards)))}
    assert got == {r["unit"]: int(r["stt"]) for r in table}


def test_comparison_tables_agree_with_biểu_01_except_known() -> None:
    # every 2022 index in Biểu 2 / Biểu 4 equals Biểu 01 / 03 (by row position), except
    # Sở Kế hoạch và đầu tư 81.49 vs 81.50 (002:55 vs 002:90)
    for index_csv, comparison_csv in (
        ("lai_chau_2022_departments_index.csv", "lai_chau_2022_departments_comparison_2021.csv"),
        ("lai_chau_2022_districts_index.csv", "lai_chau_2022_districts_comparison_2021.csv"),
    ):
        differ = [
            (a["seed_line"], b["seed_line"])
            for a, b in zip(rows(index_csv), rows(comparison_csv), strict=True)
            if Decimal(a["index_2022_pct"]) != Decimal(b["index_2022_pct"])
        ]
        assert differ == ([("55", "90")] if "departments" in index_csv else [])


@pytest.mark.parametrize("level", ["departments", "districts"])
def test_shipped_cases_are_the_seed_rows_and_pass(level: str) -> None:
    """rulesets/lai-chau-2022-LEVEL.cases.toml carries Biểu 01 / 03 (with KNOWN's corrections)
    and `parrules test` runs it: the same runner, the same seed rows."""
    from parrules.cases import default_cases, read_cases, run_cases

    rs = parrules.load(f"lai-chau-2022-{level}")
    (path,) = default_cases(rs)
    cases = {c.name: c for c in read_cases(path, rs)}
    table = rows(f"lai_chau_2022_{level}_index.csv")
    assert len(cases) == len(table)
    for row in table:
        case = cases[row["unit"]]
        total, index = KNOWN.get(row["seed_line"], (Decimal(row["total_points"]), Decimal(row["index_2022_pct"])))
        assert (case.total, case.index, case.rank) == (total, index, int(row["stt"])), f"002:{row['seed_line']}"
        if level == "departments":
            assert case.inputs == dict(department_card(rs, row).inputs)
            assert case.group == row["group"]
        else:
            assert case.inputs == {"appraisal": Decimal(row["appraisal_points"]), "impact": Decimal(row["impact_points"])}
    results = run_cases(rs, cases.values())
    assert all(r.passed for r in results), "\n".join(r.report() for r in results if not r.passed)
