"""Soak parrules with generated well-formed rulesets (and, as one part, the text fuzzers).

    python benchmarks/soak.py 100000 --jobs 2          # 100,000 cases, the release soak
    python benchmarks/soak.py 3000 --seed 7 --jobs 2   # a quick look
    python benchmarks/soak.py --ruleset 7:123          # rerun one ruleset (seed 7, number 123), verbosely

A CASE is one unit of one generated ruleset (--units of them per ruleset, default 10, so
100,000 cases come from about 10,000 rulesets), scored these ways and checked:

1. in process (``Ruleset.evaluate``, default decimal context): every node's score lies
   in 0..max and 0..applicable max and is not -0, the total in 0..scale, the index in
   0..100; a unit with bad data (about 5 % carry one on purpose) must be refused with
   one of parrules' own errors (an ``InputError`` D-code); the traced evaluator behind
   explanations must give the same scores;
2. by the standalone module: ``rs.to_source()`` written to a ``.py`` file and IMPORTED
   (importlib, so the file's encoding declaration counts, as for a user); its scores and
   applicable maxima (or its refusal code) must equal the in-process ones, to the digit,
   and its whole result (``evaluate``, under the hostile context of 3) and the explanation
   of one node per case, in turn (``explain``), the library's (``standalone.result_data``,
   ``Scorecard.explain``);
3. in process and by the standalone module again under a random hostile decimal context
   (precision 1..12, odd rounding, small exponent limits, random traps): scores,
   applicable maxima, total, index and class must be identical.  Per ruleset, the
   standings (ranks and classes) of its units are compared across the two contexts too.

The rulesets come from tests/ruleset_gen.py: a header with a random rounding mode and
0..6 places, inputs of every type, constraints, a tree whose maxima add up (a share of
rulesets carry maxima with more decimals than their rounding places), formulas of
every kind, classes and ranking; hostile text (encoding declarations, quotes,
backslashes, U+2028, control characters, Python payloads that would create a MARKER
file) in every text a ruleset carries; a share of rulesets (--focused) carry only the
known exploit (an encoding declaration in the title, the payload in a constraint
message), and a few (--extreme) a let chain squaring a count or a 500..3000-row table.
The MARKER must never appear.

Failures by kind (the report says what each means): non-project exception (in
loading or scoring), leaf above max, parent above max, above applicable max, below 0,
negative zero, total above scale, index outside 0..100, standalone error, standalone
mismatch, traced mismatch, context mismatch, marker created.  A ruleset the checker
rejects is no failure: it is counted by its code (it should be rare; say why if not).
The first few failures are printed in full; the ruleset of each is saved (--save) for
reproduction.  Exit status 1 on any failure.

The old text fuzzers (random text, the ruleset alphabet, the grammar's own sentences,
mutations of the shipped rulesets; the properties of tests/test_fuzz.py) run as one more
part, --text-cases of them (default: a twentieth of the cases), counted apart.
"""

from __future__ import annotations

import argparse
import collections
import decimal
import importlib.util
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ruleset_gen import Generated, generate, hostile_context, units  # noqa: E402

import parrules  # noqa: E402
from parrules.aggregate import standings  # noqa: E402
from parrules.standalone import result_data  # noqa: E402

KEEP = 3  # failures kept in full per kind and worker task
# what each kind of failure means, by the classes of issue 8
CLASSES = {
    "non-project exception": "a traceback instead of a located error (class 7, or a new one)",
    "leaf above max": "a leaf's rounded score above its max (class 2)",
    "parent above max": "a parent's rounded sum above its max (class 2)",
    "above applicable max": "a score above the points that apply (class 2)",
    "below 0": "a negative score",
    "negative zero": "-0 as a score (class 10)",
    "total above scale": "the total above the scale",
    "index outside 0..100": "an index outside 0..100",
    "standalone error": "the standalone module does not import or run (class 1)",
    "standalone mismatch": "the standalone module scores differently from the evaluator",
    "standalone result mismatch": "the standalone module's whole result (evaluate) or explain differs from the library's",
    "traced mismatch": "explanations (the traced evaluator) differ from the scores",
    "context mismatch": "results depend on the caller's decimal context (class 3)",
    "marker created": "a ruleset ran code (class 1)",
    "text property": "a property of the text fuzzers (tests/test_fuzz.py)",
}

# ---------------------------------------------------------------- one ruleset


def refusal(module: Any, exc: BaseException) -> bool:
    """Is ``exc`` the standalone module's own refusal of a unit (its InputProblem, or any
    exception class the module defines that carries a code), not a crash?"""
    return type(exc).__module__ == module.__name__ and isinstance(getattr(exc, "code", None), str)


class Soak:
    """The state of one worker: where modules are written, where the MARKER would appear."""

    def __init__(
        self,
        workdir: Path,
        marker: Path,
        save: Path | None,
        excess: float,
        per: int,
        focused: float = 0.05,
        extreme: float = 0.002,
    ):
        self.workdir = workdir
        self.marker = marker
        self.save = save
        self.excess = excess
        self.per = per
        self.focused = focused
        self.extreme = extreme
        self.stats: collections.Counter[str] = collections.Counter()
        self.failures: list[dict[str, str]] = []
        self.kept: collections.Counter[str] = collections.Counter()

    def fail(self, kind: str, g: Generated, detail: Any, inputs: Any = None, context: Any = None) -> None:
        """Count a failure; keep the first few of each kind in full (``detail``: text, or a function giving it)."""
        self.stats["failure " + kind] += 1
        if self.kept[kind] >= KEEP:
            return
        self.kept[kind] += 1
        text = detail() if callable(detail) else detail
        record = {"kind": kind, "seed": g.seed, "detail": text, "inputs": repr(inputs), "context": repr(context)}
        if self.save is not None:
            stem = f"{kind.replace(' ', '-')}-{g.seed.replace(':', '-')}"
            self.save.mkdir(parents=True, exist_ok=True)
            (self.save / f"{stem}.par").write_text(g.text, encoding="utf-8")
            (self.save / f"{stem}.txt").write_text("\n".join(f"{k}: {v}" for k, v in record.items()), encoding="utf-8")
            record["saved"] = str(self.save / f"{stem}.par")
        self.failures.append(record)

    def marker_check(self, g: Generated, where: str) -> None:
        if self.marker.exists():
            self.fail("marker created", g, f"the MARKER file appeared {where}")
            self.marker.unlink(missing_ok=True)

    def run(self, seed: str) -> None:
        g = generate(seed, marker=str(self.marker), excess=self.excess, focused=self.focused, extreme=self.extreme)
        self.stats["rulesets"] += 1
        self.stats["rulesets with over-precise maxima"] += g.excess
        self.stats["rulesets focused on the encoding exploit"] += g.focused
        for extreme in g.extremes:
            self.stats["rulesets with a " + extreme] += 1
        try:
            rs = parrules.loads(g.text, path=f"soak-{seed}.par")
        except parrules.RulesetError as error:
            self.stats["rejected " + error.first.code] += 1
            return
        except parrules.ParrulesError as error:  # another of the project's own errors: located, not a crash
            self.stats["rejected " + type(error).__name__] += 1
            return
        except Exception:
            self.fail("non-project exception", g, lambda: "loading: " + traceback.format_exc(limit=8))
            return
        self.stats["loaded"] += 1
        for warning in {w.code for w in rs.warnings}:
            self.stats["warned " + warning] += 1
        self.marker_check(g, "on loading")
        module = self.standalone(g, rs)
        rng = random.Random(f"{seed}:units")
        cards: list[Any] = []
        context = hostile_context(rng)
        for j, inputs in enumerate(units(g, rng, self.per)):
            self.case(g, rs, module, f"u{j}", inputs, hostile_context(rng), cards)
            self.marker_check(g, "on evaluating")
        self.compare_standings(g, rs, cards, context)

    def standalone(self, g: Generated, rs: parrules.Ruleset) -> Any:
        """rs.to_source() written to a file and imported, as a user would."""
        name = "soak_" + "".join(c if c.isalnum() else "_" for c in g.seed)
        path = self.workdir / f"{name}.py"
        try:
            path.write_text(rs.to_source(), encoding="utf-8")
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except Exception:
            self.fail(
                "standalone error", g, lambda: "importing the standalone module: " + traceback.format_exc(limit=4)
            )
            module = None
        finally:
            path.unlink(missing_ok=True)
        self.marker_check(g, "on importing the standalone module")
        return module

    def score(self, rs: parrules.Ruleset, unit: str, inputs: Any) -> tuple[Any, ...]:
        """What a front end reads of one unit: the scores, applicable maxima, total, index, class."""
        try:
            card = rs.evaluate(inputs, unit)
        except parrules.ParrulesError as error:  # InputError, or another of the project's own
            return ("refused", getattr(error, "code", type(error).__name__))
        from parrules.aggregate import classify

        return (
            "scored",
            tuple(map(str, card.scores)),
            tuple(map(str, card.applicable_maxima)),
            str(card.total),
            str(card.index),
            classify(rs, card),
            card,
        )

    def case(
        self,
        g: Generated,
        rs: parrules.Ruleset,
        module: Any,
        unit: str,
        inputs: dict[str, Any],
        context: decimal.Context,
        cards: list[Any],
    ) -> None:
        self.stats["cases"] += 1
        try:
            plain = self.score(rs, unit, inputs)
        except Exception:
            self.fail("non-project exception", g, lambda: traceback.format_exc(limit=8), inputs)
            return
        if plain[0] == "refused":
            self.stats["units refused " + plain[1]] += 1
        else:
            self.stats["units scored"] += 1
            self.bounds(g, rs, plain[-1], inputs)
            try:  # the traced evaluator (explanations, reports) must agree with the fast one
                traced = tuple(map(str, rs.run_traced(inputs, unit)[0]))
            except Exception:
                self.fail("traced mismatch", g, lambda: traceback.format_exc(limit=6), inputs)
            else:
                if traced != plain[1]:
                    self.fail("traced mismatch", g, f"fast: {plain[1]}\ntraced: {traced}", inputs)
            cards.append(plain[-1])
        if module is not None:
            self.compare_standalone(g, module, inputs, plain)
            self.compare_complete(g, rs, module, unit, inputs, context)
        try:
            with decimal.localcontext(context):
                hostile = self.score(rs, unit, inputs)
        except Exception:
            self.fail("context mismatch", g, lambda: "raised: " + traceback.format_exc(limit=6), inputs, context)
            return
        if hostile[:6] != plain[:6]:
            self.fail(
                "context mismatch", g, f"default context: {plain[:6]}\nhostile context: {hostile[:6]}", inputs, context
            )
        if module is not None:
            try:
                with decimal.localcontext(context):
                    alone = ("scored", tuple(map(str, module.evaluate_scores(inputs)[0])))
            except Exception as exc:
                if not refusal(module, exc):
                    self.fail(
                        "context mismatch",
                        g,
                        lambda: "standalone raised: " + traceback.format_exc(limit=6),
                        inputs,
                        context,
                    )
                    return
                alone = ("refused", exc.code)  # type: ignore[attr-defined]
            if alone != plain[:2]:
                self.fail(
                    "context mismatch",
                    g,
                    f"standalone under a hostile context: {alone} != {plain[:2]}",
                    inputs,
                    context,
                )

    def bounds(self, g: Generated, rs: parrules.Ruleset, card: Any, inputs: Any) -> None:
        for result in card:
            leaf = result.code in rs.leaf_codes
            where = f"node {result.code} ({'leaf' if leaf else 'parent'}): score {result.score}, max {result.max}, applicable {result.applicable_max}"
            if result.score > result.max:
                self.fail("leaf above max" if leaf else "parent above max", g, where, inputs)
            elif result.score > result.applicable_max:
                self.fail("above applicable max", g, where, inputs)
            if result.score < 0:
                self.fail("below 0", g, where, inputs)
            elif result.score.is_signed():
                self.fail("negative zero", g, where, inputs)
        if not 0 <= card.total <= rs.scale:
            self.fail("total above scale", g, f"total {card.total}, scale {rs.scale}", inputs)
        if card.index is not None and not 0 <= card.index <= 100:
            self.fail("index outside 0..100", g, f"index {card.index}", inputs)

    def compare_standalone(self, g: Generated, module: Any, inputs: Any, plain: tuple[Any, ...]) -> None:
        try:
            scores, applicable = module.evaluate_scores(inputs)
            alone: tuple[Any, ...] = ("scored", tuple(map(str, scores)), tuple(map(str, applicable)))
        except Exception as exc:
            if not refusal(module, exc):
                self.fail("standalone error", g, lambda: traceback.format_exc(limit=6), inputs)
                return
            alone = ("refused", exc.code)  # type: ignore[attr-defined]
        if alone != plain[: len(alone)]:
            self.fail("standalone mismatch", g, f"in process: {plain[:3]}\nstandalone: {alone}", inputs)

    def compare_complete(
        self, g: Generated, rs: parrules.Ruleset, module: Any, unit: str, inputs: Any, context: decimal.Context
    ) -> None:
        """The complete module (issue 13): its whole result, computed under a hostile decimal
        context, and its explanation equal the library's, field for field and character for character."""
        try:
            expected = result_data(rs, inputs, unit)
            with decimal.localcontext(context):
                got = module.evaluate(inputs, unit)
            explained = expected_text = ""
            if expected["ok"]:  # one node per case, in turn (every node of a ruleset costs 40 % of the soak)
                code = rs.codes[self.stats["cases"] % len(rs.codes)] if rs.codes else None
                explained = module.explain(inputs, code, unit)
                expected_text = rs.evaluate(inputs, unit).explain(code)
        except Exception:
            self.fail("standalone error", g, lambda: "the complete module: " + traceback.format_exc(limit=6), inputs)
            return
        if got != expected:
            self.fail("standalone result mismatch", g, f"library: {expected}\nstandalone: {got}", inputs, context)
        elif explained != expected_text:
            self.fail("standalone result mismatch", g, f"library:\n{expected_text}\nstandalone:\n{explained}", inputs)

    def compare_standings(self, g: Generated, rs: parrules.Ruleset, cards: list[Any], context: Any) -> None:
        """Ranks and classes of the ruleset's scored units: the same under a hostile context."""
        if len(cards) < 2:
            return

        def table() -> list[tuple[Any, ...]]:
            return [(s.unit, s.rank, s.klass, str(s.card.total)) for s in standings(rs, cards)]

        try:
            plain = table()
        except Exception:
            self.fail("non-project exception", g, lambda: "standings: " + traceback.format_exc(limit=6))
            return
        try:
            with decimal.localcontext(context):
                hostile = table()
        except Exception:
            self.fail(
                "context mismatch", g, lambda: "standings raised: " + traceback.format_exc(limit=6), None, context
            )
            return
        if hostile != plain:
            self.fail("context mismatch", g, f"standings: {plain}\nunder a hostile context: {hostile}", None, context)


# ---------------------------------------------------------------- workers


Task = tuple[str, int, int, str, str | None, dict[str, Any]]


def _work(task: Task, show: bool = False) -> tuple[collections.Counter[str], list[dict[str, str]]]:
    """Rulesets number start..stop-1 of a seed; ``options``: Soak's per, excess, focused, extreme."""
    seed, start, stop, run_dir, save, options = task
    cpu = time.process_time()
    sys.dont_write_bytecode = True
    workdir = Path(tempfile.mkdtemp(prefix="w", dir=run_dir))
    # a MARKER per task: two workers must not see (and delete) each other's
    soak = Soak(workdir, workdir / "MARKER", Path(save) if save else None, **options)
    for i in range(start, stop):
        if show:
            print(generate(f"{seed}:{i}", str(soak.marker), soak.excess, soak.focused, soak.extreme).text)
        soak.run(f"{seed}:{i}")
    shutil.rmtree(workdir, ignore_errors=True)
    soak.stats["cpu ms"] += int(1000 * (time.process_time() - cpu))
    return soak.stats, soak.failures


def _text_part(task: tuple[int, int]) -> tuple[collections.Counter[str], list[dict[str, str]]]:
    """The text fuzzers of tests/test_fuzz.py (its properties), as before this soak existed."""
    cases, seed_value = task
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st
    from tests.test_fuzz import check_text, grammar_sentences, mutated, random_text, ruleset_alphabet

    generators = {
        "random": random_text,
        "alphabet": ruleset_alphabet,
        "grammar": st.deferred(lambda: grammar_sentences()),
        "mutated": mutated(),
    }
    stats: collections.Counter[str] = collections.Counter()
    failures: list[dict[str, str]] = []
    per = max(cases // len(generators), 1)
    for label, strategy in generators.items():

        @settings(max_examples=per, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(text=strategy, data=st.data())
        def run(text: str, data: st.DataObject) -> None:
            stats["text cases"] += 1
            try:
                rs = check_text(text, data)
            except Exception:
                stats["failure text property"] += 1
                detail = f"{text[:300]!r}\n{traceback.format_exc(limit=6)}"
                failures.append({"kind": "text property", "seed": label, "detail": detail})  # noqa: B023
                return
            if rs is None:
                try:
                    parrules.loads(text)
                except parrules.RulesetError as error:
                    stats["text " + error.first.code] += 1
            else:
                stats["text loaded"] += 1

        seed(seed_value)(run)()
    return stats, failures


# ---------------------------------------------------------------- the report


def report(stats: collections.Counter[str], failures: list[dict[str, str]], elapsed: float, jobs: int) -> None:
    cases = stats["cases"]
    rulesets, loaded = stats["rulesets"], stats["loaded"]
    print(f"cases: {cases:,} (units scored in process + standalone module from a file + hostile context)")
    print(f"  units scored: {stats['units scored']:,}; refused: {cases - stats['units scored']:,}", end="")
    refused = sorted((k[len("units refused ") :], v) for k, v in stats.items() if k.startswith("units refused "))
    print(" (" + ", ".join(f"{code} {n}" for code, n in refused) + ")" if refused else "")
    pct = 100 * loaded / rulesets if rulesets else 0
    print(f"rulesets: {rulesets:,} generated, {loaded:,} loaded ({pct:.2f} %), "
          f"{stats['rulesets with over-precise maxima']:,} with maxima finer than their rounding, "
          f"{stats['rulesets focused on the encoding exploit']:,} focused on the encoding exploit, "
          f"{stats['rulesets with a wide table']:,} with a 500..3000-row table, "
          f"{stats['rulesets with a squaring let chain']:,} with a let chain squaring a count")  # fmt: skip
    warned = sorted(
        ((k[len("warned ") :], v) for k, v in stats.items() if k.startswith("warned ")), key=lambda x: -x[1]
    )
    print("  loaded with warnings (rulesets per code): " + (", ".join(f"{c} {n}" for c, n in warned) or "none"))
    rejected = sorted(
        ((k[len("rejected ") :], v) for k, v in stats.items() if k.startswith("rejected ")), key=lambda x: -x[1]
    )
    print("  rejected by code: " + (", ".join(f"{code} {n}" for code, n in rejected) or "none"))
    if stats["text cases"]:
        codes = sorted(
            ((k[5:], v) for k, v in stats.items() if k.startswith("text ") and k != "text cases"), key=lambda x: -x[1]
        )
        print(f"text fuzz cases: {stats['text cases']:,}; outcomes: " + ", ".join(f"{c} {n}" for c, n in codes[:20]))
    kinds = sorted(
        ((k[len("failure ") :], v) for k, v in stats.items() if k.startswith("failure ")), key=lambda x: -x[1]
    )
    total_failures = sum(v for _, v in kinds)
    cpu = stats["cpu ms"] / 1000 / max(cases, 1) * 10_000
    print(f"time: {elapsed:.0f} s with {jobs} job(s); {elapsed / max(cases, 1) * 10_000:.0f} s per 10,000 cases "
          f"(rulesets: {cpu:.0f} CPU s per 10,000 cases, whatever else the machine runs)")  # fmt: skip
    print(f"FAILURES: {total_failures}" + (" — " + ", ".join(f"{k} {v}" for k, v in kinds) if kinds else ""))
    for kind, _ in kinds:
        print(f"  {kind}: {CLASSES.get(kind, '')}")
    shown: collections.Counter[str] = collections.Counter()
    for failure in failures:
        if shown[failure["kind"]] >= 2:
            continue
        shown[failure["kind"]] += 1
        print("-" * 72)
        print(f"[{failure['kind']}] ruleset {failure['seed']} (rerun: --ruleset {failure['seed']})"
              + (f", saved as {failure['saved']}" if "saved" in failure else ""))  # fmt: skip
        print(failure["detail"].rstrip())
        if failure.get("inputs") not in (None, "None"):
            print("inputs: " + failure["inputs"][:1500])
        if failure.get("context") not in (None, "None"):
            print("context: " + failure["context"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0], epilog=(__doc__ or "").split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("cases", type=int, nargs="?", default=100_000, help="cases (units) to score (default 100,000)")
    parser.add_argument("--seed", default="1", help="seed of the generated rulesets (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--units", type=int, default=10, help="units scored per ruleset (default 10)")
    parser.add_argument("--excess", type=float, default=0.1,
                        help="share of rulesets with maxima finer than their rounding places (default 0.1)")  # fmt: skip
    parser.add_argument("--focused", type=float, default=0.05,
                        help="share of rulesets carrying only the known encoding exploit (default 0.05)")  # fmt: skip
    parser.add_argument("--extreme", type=float, default=0.002,
                        help="share of leaves squaring a count in a let chain, and of rulesets with a "
                        "500..3000-row table (default 0.002)")  # fmt: skip
    parser.add_argument("--text-cases", type=int, default=None, help="cases of the text fuzzers (default cases/20)")
    default_save = str(Path(tempfile.gettempdir()) / "parrules-soak-failures")
    parser.add_argument(
        "--save",
        default=default_save,
        help=f"folder for the rulesets of failures (default {default_save}; '' for none)",
    )
    parser.add_argument("--ruleset", default=None, help="SEED:N: print and rerun one generated ruleset")
    args = parser.parse_args(argv)
    run_dir = tempfile.mkdtemp(prefix="parrules-soak-")
    try:
        if args.ruleset:
            return rerun(args, run_dir)
        return soak(args, run_dir)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def options(args: argparse.Namespace) -> dict[str, Any]:
    return {"per": args.units, "excess": args.excess, "focused": args.focused, "extreme": args.extreme}


def rerun(args: argparse.Namespace, run_dir: str) -> int:
    seed, _, number = args.ruleset.rpartition(":")
    stats, failures = _work((seed, int(number), int(number) + 1, run_dir, None, options(args)), show=True)
    report(stats, failures, 0.0, 1)
    return 1 if failures else 0


def soak(args: argparse.Namespace, run_dir: str) -> int:
    started = time.monotonic()
    text_cases = args.cases // 20 if args.text_cases is None else args.text_cases
    stats: collections.Counter[str] = collections.Counter()
    failures: list[dict[str, str]] = []
    chunk = 8
    next_ruleset = 0
    save = str(Path(args.save).resolve()) if args.save else None
    with multiprocessing.Pool(args.jobs) as pool:
        text = (
            pool.apply_async(_text_part, ((text_cases, int(args.seed) if args.seed.isdigit() else 0),))
            if text_cases
            else None
        )
        while stats["cases"] < args.cases:
            # enough rulesets for the cases still missing (most load; a few units may be refused)
            missing = args.cases - stats["cases"]
            count = max(1, -(-missing // args.units))
            tasks: list[Task] = [(args.seed, i, min(i + chunk, next_ruleset + count), run_dir, save, options(args))
                                 for i in range(next_ruleset, next_ruleset + count, chunk)]  # fmt: skip
            next_ruleset += count
            for part_stats, part_failures in pool.imap_unordered(_work, tasks):
                stats.update(part_stats)
                failures.extend(part_failures)
                if stats["rulesets"] % 1000 < chunk:
                    print(f"  ... {stats['cases']:,} cases, {stats['rulesets']:,} rulesets, "
                          f"{time.monotonic() - started:.0f} s", flush=True)  # fmt: skip
            if stats["loaded"] == 0:
                break
        if text is not None:
            part_stats, part_failures = text.get()
            stats.update(part_stats)
            failures.extend(part_failures)
    if any(Path(run_dir).rglob("MARKER")):
        stats["failure marker created"] += 1
    report(stats, failures, time.monotonic() - started, args.jobs)
    return 1 if any(k.startswith("failure ") for k in stats) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
