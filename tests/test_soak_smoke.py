"""The long soak (benchmarks/soak.py) kept working in CI: a few hundred of its cases.

The soak generates well-formed rulesets (tests/ruleset_gen.py), scores units of each in
process, through the standalone module imported from a file, and under a hostile decimal
context, and checks every node within 0..max.  Here: the generator's rulesets load (the
soak is worthless if they stop at a syntax error), a few hundred cases find no failure,
and the harness itself can fail (each check fires on a planted fault).
"""

from __future__ import annotations

import collections
import decimal
import random
import re
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import parrules
from parrules.standalone import result_data

from .ruleset_gen import generate, hostile_context, units

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import soak

RULESETS = 40
UNITS = 8


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> soak.Soak:
    workdir = tmp_path_factory.mktemp("soak")
    runner = soak.Soak(workdir, workdir / "MARKER", None, excess=0.3, per=UNITS, focused=0.05)
    for i in range(RULESETS):
        runner.run(f"smoke:{i}")
    return runner


def test_generated_rulesets_load(smoke: soak.Soak) -> None:
    stats = smoke.stats
    assert stats["rulesets"] == RULESETS
    assert stats["loaded"] >= 0.95 * RULESETS, {k: v for k, v in stats.items() if k.startswith("rejected")}
    assert stats["cases"] == stats["loaded"] * UNITS
    assert stats["units scored"] >= 0.8 * stats["cases"]  # most units are valid, a few carry a bad value


def test_no_failures_in_a_few_hundred_cases(smoke: soak.Soak) -> None:
    failures = {k[len("failure ") :]: v for k, v in smoke.stats.items() if k.startswith("failure ")}
    details = [f["detail"][:2000] for f in smoke.failures]
    assert not failures, (failures, details[:3])


def test_the_generator_is_reproducible_and_varied() -> None:
    assert generate("r:1").text == generate("r:1").text
    texts = [generate(f"r:{i}", excess=0.5, focused=0.5).text for i in range(30)]
    assert len(set(texts)) == 30
    joined = "\n".join(texts)
    for construct in ["rate(", "empty: na", "min(", "clamp(", "deduct(", "tiers ", "linear ", "ranks ", "choice ",
                      "if ", "let ", "not applicable when", "score points", "classes by", "tie_break", "round ",
                      "rounding up", "coding: unicode_escape", "\u2028", ": percent",
                      ": ratio", ": money", ": yesno", ": rank", ": choice", ": number"]:  # fmt: skip
        assert construct in joined, construct


def test_units_reach_edges_and_ties() -> None:
    g = generate("edges:3")
    rng = random.Random(0)
    drawn = units(g, rng, 300, invalid=0)
    for name, inp in g.inputs.items():
        values = [u[name] for u in drawn]
        if inp.low is not None and inp.type not in ("choice", "yesno"):
            assert any(Decimal(str(v)) == inp.low for v in values), name
        for tie in list(inp.ties)[:3]:
            assert any(Decimal(str(v)) == tie for v in values if not isinstance(v, bool)), (name, tie)


class _Card:
    """A scorecard with one node, as the bound checks read it."""

    def __init__(self, result: Any):
        self.result = result
        self.total = result.score
        self.index = Decimal(50)

    def __iter__(self) -> Any:
        return iter([self.result])


def _card(score: str, top: str, applicable: str, leaf: bool = True) -> tuple[Any, Any]:
    result = SimpleNamespace(code="1", score=Decimal(score), max=Decimal(top), applicable_max=Decimal(applicable))
    rs = SimpleNamespace(leaf_codes=("1",) if leaf else (), scale=Decimal(top))
    return rs, _Card(result)


@pytest.mark.parametrize(
    ("score", "top", "applicable", "leaf", "kind"),
    [("1", "0.125", "0.125", True, "leaf above max"), ("0.88", "0.875", "0.875", False, "parent above max"),
     ("-0.5", "1", "1", True, "below 0"), ("-0.0000", "1", "1", True, "negative zero"),
     ("1", "2", "0", True, "above applicable max")],
)  # fmt: skip
def test_the_bound_checks_can_fail(
    tmp_path: Path, score: str, top: str, applicable: str, leaf: bool, kind: str
) -> None:
    runner = soak.Soak(tmp_path, tmp_path / "MARKER", None, excess=0, per=1)
    rs, card = _card(score, top, applicable, leaf)
    runner.bounds(generate("b:1"), rs, card, {})
    assert runner.stats["failure " + kind] == 1, runner.stats


def test_the_standalone_and_context_checks_can_fail(tmp_path: Path) -> None:
    g = generate("planted:2")
    rs = parrules.loads(g.text)
    runner = soak.Soak(tmp_path, tmp_path / "MARKER", None, excess=0, per=1)
    inputs = units(g, random.Random(1), 1, invalid=0)[0]
    plain = runner.score(rs, "u", inputs)
    assert plain[0] == "scored"

    class InputProblem(Exception):
        code = "D000"

    wrong = SimpleNamespace(InputProblem=InputProblem, evaluate_scores=lambda inputs: ((Decimal(-1),), ()))
    runner.compare_standalone(g, wrong, inputs, plain)
    assert runner.stats["failure standalone mismatch"] == 1
    # the complete module's result and explanation: a total one digit off, then a changed explanation
    module = SimpleNamespace(evaluate=lambda inputs, unit: result_data(rs, inputs, unit))
    module.explain = lambda inputs, code, unit: rs.evaluate(inputs, unit).explain(code)  # type: ignore[attr-defined]
    runner.compare_complete(g, rs, module, "u", inputs, decimal.Context())
    assert runner.stats["failure standalone result mismatch"] == 0, runner.stats
    module.evaluate = lambda inputs, unit: {**result_data(rs, inputs, unit), "total": "0"}
    runner.compare_complete(g, rs, module, "u", inputs, decimal.Context())
    assert runner.stats["failure standalone result mismatch"] == 1
    module.evaluate = lambda inputs, unit: result_data(rs, inputs, unit)
    module.explain = lambda inputs, code, unit: rs.evaluate(inputs, unit).explain(code) + " "  # type: ignore[attr-defined]
    runner.compare_complete(g, rs, module, "u", inputs, decimal.Context())
    assert runner.stats["failure standalone result mismatch"] == 2
    # a hostile context whose results differ is reported: plant one by evaluating through a wrong module
    runner.case(g, rs, wrong, "u", inputs, decimal.Context(), [])
    assert runner.stats["failure context mismatch"] == 1
    (tmp_path / "MARKER").touch()
    runner.marker_check(g, "planted")
    assert runner.stats["failure marker created"] == 1 and not (tmp_path / "MARKER").exists()


def test_hostile_contexts_are_hostile() -> None:
    rng = random.Random(3)
    contexts = [hostile_context(rng) for _ in range(50)]
    assert min(c.prec for c in contexts) == 1
    assert any(c.traps[decimal.Inexact] for c in contexts)
    assert collections.Counter(c.Emax for c in contexts)[9] > 0


def test_the_command_runs_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    status = soak.main(["20", "--seed", "cli", "--jobs", "1", "--units", "4", "--text-cases", "4", "--save", ""])
    out = capsys.readouterr().out
    cases = re.search(r"^cases: ([\d,]+)", out, re.M)
    assert cases is not None and int(cases.group(1).replace(",", "")) >= 20, out
    assert re.search(r"^rulesets: \d+ generated, \d+ loaded", out, re.M), out
    assert re.search(r"^text fuzz cases: 4;", out, re.M), out
    failures = re.search(r"^FAILURES: (\d+)", out, re.M)
    assert failures is not None, out
    assert status == (1 if int(failures.group(1)) else 0)
