"""Score a partitioned DataFrame of units on a local Dask cluster with the columnar batch evaluator.

    pip install "dask[dataframe]"          # and "distributed" for --scheduler distributed
    python examples/dask_score.py [--units 10000] [--partitions 8] [--scheduler threads|sync|distributed]
    python examples/dask_score.py --csv units.csv      # a file of `parrules template`'s columns

``Ruleset.score_table`` is a pure function from a DataFrame of inputs to columns of scores:
a partition is scored on its own, with nothing shared but the (immutable) ruleset.  That is
exactly what ``dask.dataframe.DataFrame.map_partitions`` (and Spark's ``mapInPandas``, see
docs/performance.md) runs once per partition, on whichever worker holds it.  Two things are
not per partition, and are done once on the gathered result (one small row per unit):

* ranks: a unit's rank is among all units, so it is computed from the columns of measures
  of the whole result (``rank_frame`` below, the ruleset's ranking and tie-break);
* nothing else: node scores, totals, indexes and classes depend on the unit alone (a
  downgrade rule's communes are given per unit through ``members``).

Every number stays exact: the result holds the scaled integers of ``score_table`` (nullable
Int64 columns, a row's value is integer / 10**scale, the scales in ``scales_of``); a rejected
row keeps its place with the error's code and message and no numbers.  Without ``--csv``,
the units are synthetic national 2022 units drawn by ``parrules.testing.units`` (hypothesis),
500 distinct ones repeated, as benchmarks/bench_columnar.py draws them.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import parrules


def scales_of(rs: parrules.Ruleset) -> dict[str, int]:
    """The decimal scale of each numeric output column: the same for every partition (it is
    the ruleset's), which is what lets Dask be told the result's shape before it runs."""
    from parrules.columnar import node_scales

    table = rs.score_table({}, unit=None)  # an empty batch: the scales without any data
    scales = {"total": table.total_scale, "index": table.index_scale}
    scales.update(node_scales(rs))
    return scales


def meta_of(rs: parrules.Ruleset) -> pd.DataFrame:
    """The empty frame Dask is given as ``meta``: the result's columns and dtypes."""
    columns: dict[str, Any] = {
        "unit": pd.Series([], dtype=object),
        "error": pd.Series([], dtype=object),
        "class": pd.Series([], dtype=object),
    }
    for name in ["total", "index", *rs.codes]:
        columns[name] = pd.Series([], dtype="Int64")
    return pd.DataFrame(columns)


def score_partition(part: pd.DataFrame, rs: parrules.Ruleset | str) -> pd.DataFrame:
    """One partition in, one row out per row in (same index): the unit, the error of a rejected
    row (code and message), the class, and the exact scaled integers of total, index and nodes.

    ``rs`` may be the ruleset's name, loaded in the worker (from the user's ruleset cache, see
    "The ruleset cache"): what to send to a cluster (a loaded Ruleset holds a generated
    function that the standard pickle refuses; cloudpickle, which Dask and Spark use, carries
    it, ~380 KB, but a name is 20 bytes).  Kept free of module state, so that Dask can hash
    the function deterministically."""
    if isinstance(rs, str):
        rs = parrules.load(rs)
    table = rs.score_table(part)
    count = len(part)
    scored = table.rows - 1  # positions of the scored rows in this partition
    mask = np.ones(count, dtype=bool)
    mask[scored] = False  # True: no number (a rejected row)

    def column(values: np.ndarray, missing: np.ndarray | None = None) -> pd.arrays.IntegerArray:
        full = np.zeros(count, dtype=np.int64)
        full[scored] = values
        hole = mask.copy()
        if missing is not None:
            hole[scored] |= missing
        return pd.arrays.IntegerArray(full, hole)

    units = part["unit"].astype(object).to_numpy() if "unit" in part else np.full(count, None, dtype=object)
    errors = np.full(count, None, dtype=object)
    klass = np.full(count, None, dtype=object)
    klass[scored] = table.klass
    rejected = np.flatnonzero(mask)  # in row order, as table.rejected lists them
    for position, error in zip(rejected.tolist(), table.rejected, strict=True):
        errors[position] = f"{error.code}: {error.message}"
    data: dict[str, Any] = {"unit": units, "error": errors, "class": klass}
    data["total"] = column(table.total)
    data["index"] = column(table.index, ~table.index_known)  # no index where the applicable scale is 0
    for code in rs.codes:
        data[code] = column(table.scores[code])
    return pd.DataFrame(data, index=part.index)


def score_dask(frame: Any, rs: parrules.Ruleset, by_name: str | None = None) -> Any:
    """A Dask DataFrame of inputs -> a Dask DataFrame of results (lazy, one task per partition);
    ``by_name``: send the ruleset's name to the workers instead of the ruleset."""
    return frame.map_partitions(score_partition, by_name or rs, meta=meta_of(rs))


def rank_frame(result: pd.DataFrame, rs: parrules.Ruleset) -> pd.Series:
    """Ranks over all the scored rows (rejected rows get none), as ``aggregate.standings`` gives
    them: by the ruleset's measure (an unknown index counts as 0), ties broken by its tie-break
    nodes, a tie left sharing the better rank."""
    ranking = rs.ast.ranking
    measure = ranking.measure if ranking else "index"
    descending = ranking.descending if ranking else True
    keys = [measure, *(ranking.tie_break if ranking else ())]
    scored = result[result["error"].isna()]
    values = pd.DataFrame({k: scored[k].fillna(0).astype(np.int64) for k in keys}, index=scored.index)
    ordered = values.sort_values(keys, ascending=not descending, kind="stable")
    changed = (ordered != ordered.shift()).any(axis=1).to_numpy()
    positions = np.arange(1, len(ordered) + 1)
    ranks = np.maximum.accumulate(np.where(changed, positions, 0))
    return pd.Series(ranks, index=ordered.index, dtype="Int64").reindex(result.index)


def synthetic_units(rs: parrules.Ruleset, count: int, distinct: int = 500) -> pd.DataFrame:
    """``count`` national units (``distinct`` drawn ones, repeated), as pandas reads them."""
    from hypothesis import HealthCheck, Phase, given, settings

    from parrules.testing import units

    drawn: list[dict[str, Any]] = []

    @settings(max_examples=distinct, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(units(rs))
    def collect(unit: dict[str, Any]) -> None:
        drawn.append(unit)

    collect()
    rows = [drawn[i % len(drawn)] for i in range(count)]
    columns: dict[str, Any] = {"unit": [f"Xã {i + 1:05d}" for i in range(count)]}
    for name, decl in rs.inputs.items():  # numbers as a CSV reader gives them: int64 or float64
        values = [row[name] for row in rows]
        if decl.type in ("points", "percent", "money"):
            columns[name] = np.array([float(v) for v in values])
        elif decl.type in ("count", "rank"):
            columns[name] = np.array([int(v) for v in values], dtype=np.int64)
        else:
            columns[name] = values
    return pd.DataFrame(columns)


def main() -> None:
    import dask
    import dask.dataframe as dd

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ruleset", default="national-2022")
    parser.add_argument("--csv", type=Path, help="a CSV of units (one column per input, a 'unit' column)")
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--scheduler", choices=["threads", "sync", "distributed"], default="threads")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    rs = parrules.load(args.ruleset)
    frame = pd.read_csv(args.csv) if args.csv else synthetic_units(rs, args.units)
    ddf = dd.from_pandas(frame, npartitions=args.partitions)
    lazy = score_dask(ddf, rs, by_name=args.ruleset if args.scheduler == "distributed" else None)

    client = None
    if args.scheduler == "distributed":  # a local cluster of worker processes (pip install distributed)
        from dask.distributed import Client, LocalCluster

        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True))
        print(f"dashboard: {client.dashboard_link}")
    start = time.perf_counter()
    with dask.config.set(scheduler=args.scheduler if client is None else None):
        result = lazy.compute()
    elapsed = time.perf_counter() - start
    result["rank"] = rank_frame(result, rs)
    if client is not None:
        client.close()

    # the same as one score_table over the whole frame, node for node
    start = time.perf_counter()
    whole = rs.score_table(frame)
    alone = time.perf_counter() - start
    scored = result[result["error"].isna()]
    assert len(scored) == len(whole)
    for code in rs.codes:
        assert (scored[code].astype(np.int64).to_numpy() == whole.scores[code]).all(), code
    assert (scored["rank"].astype(np.int64).to_numpy() == whole.rank).all()

    scales = scales_of(rs)
    n = len(frame)
    print(
        f"{n} units in {args.partitions} partitions, scheduler {args.scheduler}: {elapsed:.2f} s "
        f"({elapsed / n * 1e6:.1f} µs per unit), {len(result) - len(scored)} rejected; "
        f"equal to one score_table over the whole frame ({alone:.2f} s, {alone / n * 1e6:.1f} µs per unit, "
        f"in this process)"
    )
    best = scored.sort_values("rank").head(5)
    for _, row in best.iterrows():
        index = "-" if pd.isna(row["index"]) else f"{int(row['index']) / 10 ** scales['index']:.{scales['index']}f}"
        print(f"  {int(row['rank']):5d}  {row['unit']}  index {index}  {row['class']}")


if __name__ == "__main__":
    main()
