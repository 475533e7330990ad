"""examples/dask_score.py: score_table per partition of a Dask DataFrame equals one score_table
over the whole frame (node for node, totals, indexes, classes, rejected rows), and the ranks
taken from the gathered result are the whole table's.  Dask's synchronous scheduler: the same
task graph a cluster runs, in this process (docs/performance.md, "Scale beyond one machine")."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules.testing import units

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("dask_score", ROOT / "examples" / "dask_score.py")
assert _spec is not None and _spec.loader is not None
example: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(example)

NATIONAL = parrules.load("national-2022")


def check_partitions_equal_whole(rs: parrules.Ruleset, frame: pd.DataFrame, partitions: int) -> pd.DataFrame:
    lazy = example.score_dask(dd.from_pandas(frame, npartitions=partitions), rs)
    assert list(lazy.columns) == list(example.meta_of(rs).columns)
    with dask.config.set(scheduler="sync"):
        result = lazy.compute()
    result["rank"] = example.rank_frame(result, rs)
    whole = rs.score_table(frame)
    assert list(result.index) == list(frame.index)  # one result row per input row, in order
    scored = result[result["error"].isna()]
    assert list(scored["unit"]) == whole.units
    for code in rs.codes:
        assert scored[code].astype(np.int64).tolist() == whole.scores[code].tolist(), code
    assert scored["total"].astype(np.int64).tolist() == whole.total.tolist()
    assert [None if pd.isna(v) else int(v) for v in scored["index"]] == [
        int(i) if known else None for i, known in zip(whole.index, whole.index_known, strict=True)
    ]
    assert list(scored["class"]) == whole.klass
    assert scored["rank"].astype(np.int64).tolist() == whole.rank.tolist()
    rejected = result[result["error"].notna()]
    assert list(rejected["error"]) == [f"{e.code}: {e.message}" for e in whole.rejected]
    assert [frame.index.get_loc(i) + 1 for i in rejected.index] == [e.row for e in whole.rejected]
    assert rejected["total"].isna().all() and rejected["rank"].isna().all()
    return result


@settings(max_examples=3, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(units(NATIONAL), min_size=7, max_size=7), st.integers(1, 4))
def test_partitions_score_as_the_whole_frame(rows: list[dict[str, Any]], partitions: int) -> None:
    """Seven national units, one of them with a count given as text (D104) and one with a
    missing input (D101), in 1 to 4 partitions; two units equal, so that a rank is shared."""
    rows[2]["received_dept"] = "nhiều"
    rows[5].pop("portal_required")
    rows[6] = dict(rows[0])
    frame = pd.DataFrame(rows)
    frame.insert(0, "unit", [f"Xã {i}" for i in range(len(rows))])
    result = check_partitions_equal_whole(NATIONAL, frame, partitions)
    assert [e.split(":")[0] for e in result["error"].dropna()] == ["D104", "D101"]
    assert result.loc[0, "rank"] == result.loc[6, "rank"]  # the same unit twice: one rank


def test_synthetic_units_of_the_example_score_as_the_whole_frame() -> None:
    """The example's own input (its synthetic units as pandas columns: int64 and float64) in
    three partitions, one of them empty after a filter: an empty partition is an empty result."""
    frame = example.synthetic_units(NATIONAL, 40, distinct=10)
    assert frame["on_time_dept"].dtype == np.int64 and frame["online_full_rate"].dtype == np.float64
    check_partitions_equal_whole(NATIONAL, frame, 3)
    lazy = dd.from_pandas(frame, npartitions=3)
    empty = lazy[lazy["unit"] > "Xã 00030"]  # the first partitions keep no row
    with dask.config.set(scheduler="sync"):
        result = example.score_dask(empty, NATIONAL).compute()
    assert list(result["unit"]) == [f"Xã {i:05d}" for i in range(31, 41)]


def test_scales_are_the_rulesets() -> None:
    """The scales of the example's integer columns: node scales from the ruleset (4 places,
    `rounding half_up 4`), the index at `index rounding 2`."""
    scales = example.scales_of(NATIONAL)
    assert scales["index"] == 2 and scales["total"] == 4 and scales["7.3.6"] == 4


def test_the_ruleset_can_be_sent_by_name() -> None:
    """What a cluster is sent: the ruleset's name (a loaded Ruleset does not pickle), loaded in
    the worker; the same result as with the ruleset itself."""
    frame = example.synthetic_units(NATIONAL, 12, distinct=4)
    lazy = dd.from_pandas(frame, npartitions=2)
    with dask.config.set(scheduler="sync"):
        by_name = example.score_dask(lazy, NATIONAL, by_name="national-2022").compute()
        direct = example.score_dask(lazy, NATIONAL).compute()
    pd.testing.assert_frame_equal(by_name, direct)
    assert by_name["total"].notna().all()
