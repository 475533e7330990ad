"""Evaluation behaviours that sit between the language and the rulesets."""

from __future__ import annotations

from decimal import Decimal

import pytest

import parrules

SPECIAL = """
ruleset "Đơn vị đặc thù" year 2022 level department scale 10
input has_tthc: yesno "Có thủ tục hành chính"
field 1 "Thẩm định" max 6 {
  source appraisal
  criterion 1.1 "Chung" max 4 { score points }
  criterion 1.2 "TTHC" max 2 { not applicable when not has_tthc  score points }
}
field 2 "Điều tra XHH" max 4 { source survey score points }
"""


def test_points_of_a_node_that_does_not_apply_need_not_be_given() -> None:
    rs = parrules.loads(SPECIAL)
    card = rs.evaluate({"has_tthc": False, "p_1_1": 3, "p_2": "3.5"})
    # 3 + 3.5 of the 4 + 4 that apply: 6.5 / 8 = 81.25 %
    assert card.total == Decimal("6.5")
    assert card.applicable_scale == Decimal(8)
    assert card.index == Decimal("81.25")
    assert not card["1.2"].applicable


def test_points_of_a_node_that_applies_are_required() -> None:
    rs = parrules.loads(SPECIAL)
    with pytest.raises(parrules.InputError) as caught:
        rs.evaluate({"has_tthc": True, "p_1_1": 3, "p_2": "3.5"})
    assert caught.value.code == "D101"
    assert caught.value.input == "p_1_2"
    assert caught.value.node == "1.2"


def test_a_leaf_takes_its_source_from_the_nearest_ancestor() -> None:
    rs = parrules.loads(SPECIAL)
    card = rs.evaluate({"has_tthc": True, "p_1_1": 3, "p_1_2": 1, "p_2": 2})
    assert card["1.1"].source == "appraisal"
    assert card["2"].source == "survey"
    assert card.by_source() == {"appraisal": (Decimal(4), Decimal(6)), "survey": (Decimal(2), Decimal(4))}


def test_standalone_module_matches_in_process(small: parrules.Ruleset) -> None:
    inputs = {
        "received": 66186,
        "on_time": 66108,
        "online": "42.41",
        "rank_budget": 55,
        "has_plan": True,
        "late_tasks": 3,
        "discipline": "dept_leader",
        "p_1_4": "0.4",
    }
    namespace: dict[str, object] = {}
    exec(compile(parrules.compile_to_source(small), "<standalone>", "exec"), namespace)
    scores, applicable = namespace["evaluate_scores"](inputs)  # type: ignore[operator]
    card = small.evaluate(inputs)
    assert scores == card.scores
    assert applicable == card.applicable_maxima
    # and both equal the value derived by hand, so a bug shared by the two cannot pass:
    # 1.1.1 1.5 x 66108/66186 = 1.49823.. -> 1.4982; 1.1.2 1.5 x 42.41% = 0.63615 -> 0.6362 (half_up);
    # 1.1 2.1344; 1.2 1; 1.3 rank 55 in 51..63 -> 0.5; 1.4 0.4; field 1 4.0344;
    # 2.1 1.5 - 3 x 0.25 = 0.75; 2.2 dept_leader 0.5; 2.3 42.41% below 80% -> 0; field 2 1.25
    expected = {
        "1": "4.0344", "1.1": "2.1344", "1.1.1": "1.4982", "1.1.2": "0.6362", "1.2": "1", "1.3": "0.5",
        "1.4": "0.4", "2": "1.25", "2.1": "0.75", "2.2": "0.5", "2.3": "0",
    }  # fmt: skip
    assert dict(zip(small.codes, scores, strict=True)) == {code: Decimal(v) for code, v in expected.items()}
    assert (card.total, card.index) == (Decimal("5.2844"), Decimal("52.84"))  # 5.2844 / 10 x 100
    assert dict(namespace["NODES"])["1.1.1"] == "1.5"  # type: ignore[call-overload]


def test_a_mistyped_input_is_named_with_the_missing_one(small: parrules.Ruleset) -> None:
    inputs = {
        "recieved": 10,  # mistyped: received
        "on_time": 5,
        "online": 50,
        "rank_budget": 5,
        "has_plan": True,
        "late_tasks": 0,
        "discipline": "none",
        "p_1_4": 0,
    }
    with pytest.raises(parrules.InputError) as caught:
        small.evaluate(inputs)
    message = str(caught.value)
    assert caught.value.code == "D101"
    assert caught.value.input == "received"
    assert "'recieved', which no rule reads: a misspelling of received?" in message
    assert "1.1.1" in message  # the node that needs it


def test_every_missing_input_is_counted(small: parrules.Ruleset) -> None:
    with pytest.raises(parrules.InputError) as caught:
        small.evaluate({"on_time": 5})
    # small.par has 8 inputs: on_time is given, received is the one reported, 6 others are missing
    assert "6 other input(s) are not given either: online, rank_budget" in str(caught.value)


def test_an_unknown_ruleset_or_node_names_the_near_miss(small: parrules.Ruleset) -> None:
    with pytest.raises(parrules.NotFound, match="did you mean 'national-2022'"):
        parrules.load("national-2202")
    with pytest.raises(parrules.NotFound, match=r"no node '1\.1\.3' in this ruleset \(did you mean '1\.1\.[12]'\?\)"):
        small.node("1.1.3")


def test_readme_example_shows_what_the_library_prints() -> None:
    """README.md's example output is the real explanation of 7.3.6 for Hà Giang (examples/ha-giang-2022.csv)."""
    import re
    from pathlib import Path

    from parrules import io as data_io

    root = Path(__file__).resolve().parents[1]
    rs = parrules.load("national-2022")
    data = data_io.read_data(root / "examples" / "ha-giang-2022.csv", rs)
    card = rs.evaluate(data.units[0].inputs)
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```\n(7\.3\.6 .*?)```", readme, re.S)
    assert shown is not None
    assert card.explain("7.3.6") + "\n" == shown.group(1)
    # seed 004 Phụ lục 02, 7.3.6: 42.41% -> 0.6362; the total with the printed counts (see
    # tests/test_golden_national_2022.py): 84.4089 + 0.0001 (3.4.1) + 0.0004 (6.1.3)
    assert card["7.3.6"].score == Decimal("0.6362")
    assert card.total == Decimal("84.4094")
    assert "Decimal('84.4094')" in readme and "Decimal('0.6362')" in readme


def test_a_loaded_ruleset_is_freed_when_dropped() -> None:
    """functools.cache on Ruleset methods kept every ruleset ever loaded alive (a leak for a
    long-running portal); the per-node tables now live on the instance."""
    import gc
    import weakref

    rs = parrules.load("national-2022")
    assert rs.source_of("8.1") == "survey" and rs.agency_of("3.4.1") == "Văn phòng UBND tỉnh"  # fill any cache
    rs.evaluate  # noqa: B018
    ref = weakref.ref(rs)
    del rs
    gc.collect()
    assert ref() is None
