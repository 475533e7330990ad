"""One real unit per ruleset of tests/conftest.py's ``all_rulesets()``, with the values it must score.

A test that compares two evaluators (fast and traced, in-process and standalone, two loads,
two decimal contexts) cannot see a bug they share: they are built by one generator.  Each
such test also runs its evaluators on the unit below and checks the published total (and
node points where the seed prints them).  The values come from the seeds or, for the small
example, from a derivation by hand; never from parrules' output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import parrules

D = Decimal


class SeedUnit(NamedTuple):
    inputs: dict[str, Any]
    total: Decimal  # the sum of the field points
    scale: Decimal | None  # the applicable scale, where the seed prints it
    nodes: dict[str, Decimal]  # node points the seed (or the derivation) gives
    where: str  # the seed line or the derivation


def _national_2022() -> SeedUnit:
    from .test_determinism import seed_scores

    inputs, expected = seed_scores()
    # Hà Giang 2022, seed 004: the Ministry's column per node, total 84.4089 (004:417)
    return SeedUnit(inputs, D("84.4089"), D(100), expected, "004:417")


def _national_2021() -> SeedUnit:
    # Hà Giang 2021 (004:247-255): 7.65 + 8.91 + 12.97 + 9.02 + 11.57 + 10.60 + 13.19 + 12.86 = 86.77
    points = ["7.65", "8.91", "12.97", "9.02", "11.57", "10.60", "13.19", "12.86"]
    inputs = {f"p_{i}": D(p) for i, p in enumerate(points, start=1)}
    return SeedUnit(inputs, D("86.77"), D(100), {str(i): D(p) for i, p in enumerate(points, start=1)}, "004:255")


def _bac_kan_2023(rs: parrules.Ruleset, level: str) -> SeedUnit:
    from .test_golden_bac_kan import inputs_for_total, rows

    ranking = rows(f"bac_kan_2023_{level}_ranking.csv")[0]
    survey = rows(f"bac_kan_2023_{level}_survey.csv")[0]  # printed in ranking order (seeds README)
    final = D(ranking["final_points"])
    return SeedUnit(inputs_for_total(rs, final, survey), final, None, {}, f"000:{ranking['seed_line']}")


def _bac_kan_2022() -> SeedUnit:
    # Sở Giao thông vận tải, 2022 points 80.12 (000:185)
    return SeedUnit({"total_2022": D("80.12")}, D("80.12"), None, {}, "000:185")


def _lai_chau_departments(rs: parrules.Ruleset) -> SeedUnit:
    from .test_golden_lai_chau import department_inputs, rows

    row = rows("lai_chau_2022_departments_index.csv")[0]  # Sở Nội vụ, 25.90 + 60.31 = 86.21 (002:51)
    where = f"002:{row['seed_line']}"
    return SeedUnit(department_inputs(rs, row), D(row["total_points"]), D(row["scale"]), {}, where)


def _lai_chau_districts() -> SeedUnit:
    from .test_golden_lai_chau import rows

    row = rows("lai_chau_2022_districts_index.csv")[0]  # UBND huyện Than Uyên, 26.50 + 50.66 = 77.16 (002:118)
    inputs = {"appraisal": D(row["appraisal_points"]), "impact": D(row["impact_points"])}
    return SeedUnit(inputs, D(row["total_points"]), D(row["scale"]), {}, f"002:{row['seed_line']}")


def _small() -> SeedUnit:
    # tests/data/small.par, derived by hand (as in test_evaluate.py):
    # 1.1.1 1.5 x 66108/66186 = 1.49823.. -> 1.4982; 1.1.2 1.5 x 42.41% = 0.63615 -> 0.6362 (half_up);
    # 1.2 1; 1.3 rank 55 in 51..63 -> 0.5; 1.4 0.4; field 1 4.0344;
    # 2.1 1.5 - 3 x 0.25 = 0.75; 2.2 dept_leader 0.5; 2.3 42.41% below 80% -> 0; field 2 1.25; total 5.2844
    inputs = {
        "received": 66186, "on_time": 66108, "online": "42.41", "rank_budget": 55, "has_plan": True,
        "late_tasks": 3, "discipline": "dept_leader", "p_1_4": "0.4",
    }  # fmt: skip
    nodes = {"1": D("4.0344"), "1.1.1": D("1.4982"), "1.1.2": D("0.6362"), "2": D("1.25"), "2.1": D("0.75")}
    return SeedUnit(inputs, D("5.2844"), D(10), nodes, "hand derivation, tests/test_evaluate.py")


# each builds the unit's inputs for the ruleset given (the one under test: no second load)
SEED_UNITS: dict[str, Callable[[parrules.Ruleset], SeedUnit]] = {
    "national-2022": lambda _rs: _national_2022(),
    "national-2021": lambda _rs: _national_2021(),
    "bac-kan-2023-departments": lambda rs: _bac_kan_2023(rs, "departments"),
    "bac-kan-2023-districts": lambda rs: _bac_kan_2023(rs, "districts"),
    "bac-kan-2022-departments": lambda _rs: _bac_kan_2022(),
    "lai-chau-2022-departments": _lai_chau_departments,
    "lai-chau-2022-districts": lambda _rs: _lai_chau_districts(),
    "small": lambda _rs: _small(),
}


def seed_unit(name: str, rs: parrules.Ruleset) -> SeedUnit:
    """The seed unit of a ruleset named as ``all_rulesets()`` names it (a shipped name or a path)."""
    return SEED_UNITS[Path(name).stem](rs)


def assert_seed_values(
    rs: parrules.Ruleset, name: str, evaluator: Callable[[dict[str, Any]], Sequence[Any]], label: str = ""
) -> None:
    """``evaluator(inputs)`` returns (scores, applicable maxima, ...) in ``rs.codes`` order, as
    ``compiled.evaluate``, ``run_traced`` and the standalone module's functions do."""
    unit = seed_unit(name, rs)
    scores, applicable = evaluator(dict(unit.inputs))[:2]
    where = f"{label} {unit.where}".strip()
    got = dict(zip(rs.codes, scores, strict=True))
    assert sum((scores[i] for i in rs.field_positions), D(0)) == unit.total, where
    assert {code: got[code] for code in unit.nodes} == unit.nodes, where
    if unit.scale is not None:
        assert sum((applicable[i] for i in rs.field_positions), D(0)) == unit.scale, where
