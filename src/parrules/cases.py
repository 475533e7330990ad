"""Worked examples as tests: a decision's examples written beside the ruleset, and run.

A province's decision comes with worked examples (a unit's figures and the points it
gets); a ruleset author types them into a case file and runs them like a test suite
(``parrules test RULESET``), the way OpenFisca keeps YAML tests beside its rules.  The
shipped rulesets carry the seeds' published rows as their cases, and the project's own
golden tests run the same cases through ``run_cases``.

A case file is TOML (read with the standard library's ``tomllib``: no new dependency);
numbers are read exactly (``parse_float=Decimal``: ``0.98`` is ``Decimal("0.98")``, never
a float)::

    [[case]]
    name = "Tỉnh Hà Giang, Bộ Nội vụ đánh giá"   # required, unique in the file
    unit = "Tỉnh Hà Giang"                          # optional (default: the name)
    base = "another case"                           # optional: start from its inputs
    group = "departments"                           # optional: cases ranked together
    total = 84.4094                                 # optional expectations ...
    index = 84.41
    class = "Nhóm B"
    rank = 1
    [case.inputs]
    received_dept = 66186
    online_full_rate = 42.41                        # percent inputs in percent
    [case.points]                                   # expected points per node
    "3.4.1" = 1.4982

Expected numbers are compared exactly, as numbers (``1.00`` equals ``1.0000``).  A rank
is the unit's rank among the cases of its ``group`` (default: every case of the file),
under the ruleset's ranking.  A failing case reports every expectation that differs and
the derivation (``card.explain``) of the first node that differs whose own children all
agree: the node where the difference starts, not the field it flows into.

Case file mistakes are ``CaseFileError`` (a ``RulesetError`` whose diagnostics are located
at file:line:col with the line and a caret): E020 not TOML, E021 a key or value the format
does not have, E022 an unknown input, E023 an unknown node, E024 a case name given twice or
a ``base`` that names no earlier case.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from . import nodes as n
from .aggregate import classify, standings
from .context import in_library_context
from .errors import Diagnostic, InputError, ParrulesError, RulesetError, did_you_mean_said
from .evaluate import Scorecard
from .limits import MAX_RULESET_BYTES
from .ruleset import Ruleset
from .system_words import codec_reason, toml_reason
from .wording import Sentence, sentence

SUFFIX = ".cases.toml"
_CASE_KEYS = ("name", "unit", "base", "group", "note", "total", "index", "class", "rank", "inputs", "points")


class CaseFileError(RulesetError):
    """A case file that cannot be run: located diagnostics (E020-E024)."""


@attrs.frozen
class Case:
    """One worked example: a unit's inputs and what the decision says it scores."""

    name: str
    inputs: dict[str, Any]
    points: dict[str, Decimal] = attrs.field(factory=dict)
    total: Decimal | None = None
    index: Decimal | None = None
    klass: str | None = None
    rank: int | None = None
    unit: str | None = None
    group: str = ""
    note: str = ""
    loc: n.Location = n.NOWHERE
    lines: dict[str, int] = attrs.field(factory=dict)  # expectation ("total", "3.4.1") -> its line


@attrs.frozen
class Check:
    """One expectation of a case against what the ruleset computes."""

    what: str  # a node code, or "total", "index", "class", "rank"
    expected: Any
    computed: Any
    line: int = 0

    @property
    def passed(self) -> bool:
        return bool(self.expected == self.computed)


@attrs.frozen
class CaseResult:
    """The outcome of one case: its checks, or the data error that stopped it."""

    case: Case
    checks: tuple[Check, ...] = ()
    card: Scorecard | None = attrs.field(default=None, eq=False)
    error: str | None = None  # the unit could not be scored (a D1xx InputError), as text
    problem: InputError | None = attrs.field(default=None, eq=False)  # that error, to say in any language

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.passed for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def first_difference(self) -> str | None:
        """The node where the difference starts: the first differing node (tree order) none of
        whose children differ; None when no node's points differ."""
        if self.card is None:
            return None
        differing = {c.what for c in self.failures if _has_node(self.card.ruleset, c.what)}
        for code in self.card.ruleset.codes:
            if code in differing and not any(other.startswith(code + ".") for other in differing):
                return code
        return None

    def report(self, lang: str = "en") -> str:
        """What a failing case prints: each expectation that differs, then the derivation
        (in ``lang``: ``parrules test --lang``)."""
        from .messages import text as msg

        where = f"{self.case.loc.file}:{self.case.loc.line}"
        if self.passed:
            return msg("case_ok", lang, name=self.case.name)
        lines = [msg("case_failed", lang, name=self.case.name, where=where)]
        if self.error is not None:
            said = self.problem.render(lang) if self.problem is not None else self.error
            lines.append(msg("case_unscored", lang, error=said))
            return "\n".join(lines)
        for c in self.failures:
            at = msg("case_line", lang, line=c.line) if c.line else ""
            expected, computed = _text(c.expected, lang), _text(c.computed, lang)
            lines.append(msg("case_differs", lang, what=c.what, expected=expected, computed=computed, at=at))
        code = self.first_difference()
        if code is not None and self.card is not None:
            from .explain import explain

            lines.append(msg("case_derivation", lang, code=code))
            lines.extend("    " + line for line in explain(self.card, code, lang).splitlines())
        return "\n".join(lines)


def _has_node(ruleset: Ruleset, code: str) -> bool:
    return code in ruleset.codes


def _text(value: Any, lang: str = "en") -> str:
    if isinstance(value, Decimal):
        from .render import number

        if lang == "en":
            return number(value)
        from .render import number_text  # the one formatter of a language's numbers

        return number_text(value, lang)
    if value is None:
        from .messages import text as msg

        return msg("case_none", lang)
    return str(value)


# ---------------------------------------------------------------- reading


def default_cases(ruleset: Ruleset | str | Path) -> list[Path]:
    """The case files that go with a loaded ruleset (or a ruleset file's path):
    ``NAME.cases.toml`` beside its file, and every ``cases/NAME*.toml`` in the folder beside
    it (a shipped ruleset's cases ship with it, in the package)."""
    path = Path(ruleset.path if isinstance(ruleset, Ruleset) else ruleset)
    name = path.name[: -len(".par")] if path.name.endswith(".par") else path.name
    folder = path.parent
    if isinstance(ruleset, Ruleset) and not ruleset.files and ruleset.path == f"rulesets/{name}.par":
        from importlib import resources

        folder = Path(str(resources.files("parrules.rulesets")))
    found = [folder / (name + SUFFIX)] if (folder / (name + SUFFIX)).is_file() else []
    if (folder / "cases").is_dir():
        found += sorted(p for p in (folder / "cases").glob(f"{name}*.toml") if p.is_file())
    return found


def read_cases(path: str | Path, ruleset: Ruleset | None = None) -> list[Case]:
    """The cases of a TOML case file; with ``ruleset``, every input and node code is checked
    against it.  Raises CaseFileError (located) for a file the format does not allow."""
    text, shown = read_side_file(path, "case file", "E020", CaseFileError)
    return parse_cases(text, shown, ruleset)


def read_side_file(
    path: str | Path, what: str, code: str, error: Callable[[list[Diagnostic]], Exception]
) -> tuple[str, str]:
    """The text of a file read beside a ruleset (a case file, a cost file) and the name messages
    give it: UTF-8 with or without BOM, at most MAX_RULESET_BYTES; a file that is not UTF-8 is
    ``error`` with the diagnostic ``code`` located at its start."""
    shown = str(path)
    try:
        if Path(path).stat().st_size > MAX_RULESET_BYTES:
            big = _TOO_BIG.get(what, _TOO_BIG["file"])
            raise ParrulesError(big(shown, MAX_RULESET_BYTES))
        return Path(path).read_text(encoding="utf-8-sig"), shown
    except FileNotFoundError:
        raise ParrulesError(_MISSING.get(what, _MISSING["file"])(shown)) from None
    except UnicodeDecodeError as exc:
        said = sentence("not UTF-8 text ({reason})", reason=codec_reason(exc.reason))
        raise error([Diagnostic("error", code, str(said), n.Location(shown, 1, 1), sentence=said)]) from None


# a side file that is not there or too big, in one sentence per kind of file (each language
# words "a case file" / "a cost file" its own way)
_MISSING: dict[str, Callable[[str], Sentence]] = {
    "case file": lambda path: sentence("no case file {path!r}", path=path),
    "cost file": lambda path: sentence("no cost file {path!r}", path=path),
    "file": lambda path: sentence("no file {path!r}", path=path),
}
_TOO_BIG: dict[str, Callable[[str, int], Sentence]] = {
    "case file": lambda path, limit: sentence("{path}: a case file of more than {limit} bytes", path=path, limit=limit),
    "cost file": lambda path, limit: sentence("{path}: a cost file of more than {limit} bytes", path=path, limit=limit),
    "file": lambda path, limit: sentence("{path}: a file of more than {limit} bytes", path=path, limit=limit),
}


def parse_cases(text: str, path: str = "<cases>", ruleset: Ruleset | None = None) -> list[Case]:
    """The cases of case-file text (see ``read_cases``)."""
    lines = text.splitlines()
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        line, column, said = toml_error(exc, lines)
        problem = sentence("not a TOML case file: {why}", why=said)
        raise CaseFileError([diag("E020", problem, path, lines, line, column)]) from None
    keys = _KeyLines(lines)
    problems: list[Diagnostic] = []

    def fail(code: str, message: Sentence, line: int, column: int = 1) -> None:
        problems.append(diag(code, message, path, lines, line, column))

    extra = sorted(set(data) - {"case", "ruleset", "note"})
    for key in extra:
        fail("E021", sentence("unknown key {key!r}: a case file holds [[case]] tables (and ruleset, note)", key=key), keys.top(key))
    raw_cases = data.get("case", [])
    if not isinstance(raw_cases, list) or not all(isinstance(c, dict) for c in raw_cases):
        fail("E021", sentence("case must be an array of tables: write [[case]] before each case"), keys.top("case"))
        raw_cases = []
    cases: list[Case] = []
    by_name: dict[str, Case] = {}
    for i, raw in enumerate(raw_cases):
        start = keys.case_line(i)
        case = _case(raw, i, start, keys, by_name, ruleset, fail, path)
        if case is None:
            continue
        if case.name in by_name:
            fail("E024", sentence("case {name!r} is given twice (first at line {line})", name=case.name, line=by_name[case.name].loc.line), start)
            continue
        by_name[case.name] = case
        cases.append(case)
    if not raw_cases and not problems:
        fail("E021", sentence("the file holds no case: write [[case]] with a name, inputs and what they score"), 1)
    if problems:
        raise CaseFileError(problems)
    return cases


def toml_error(exc: tomllib.TOMLDecodeError, lines: list[str]) -> tuple[int, int, Sentence]:
    """Where a side file (case file, plan's cost file) stops being TOML, and why: tomllib's
    message said in the run's language (parrules.system_words), or the fix when the line
    holds a decimal comma (9,5, as the seeds print numbers)."""
    message = str(exc)
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if where:
        line, column = int(where.group(1)), int(where.group(2))
    elif message.endswith("(at end of document)") and lines:  # an array or string left open
        line, column = len(lines), len(lines[-1]) + 1
    else:
        line, column = 1, 1
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    comma = re.search(r"=\s*(-?\d+),(\d+)\s*(#.*)?$", source)
    if comma:
        return line, column, sentence("a decimal comma: write {fixed}", fixed=f"{comma.group(1)}.{comma.group(2)}")
    return line, column, toml_reason(re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", message))


def diag(code: str, message: Sentence, path: str, lines: list[str], line: int, column: int = 1) -> Diagnostic:
    """A side file's error at ``line``:``column``, with the line shown."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return Diagnostic("error", code, str(message), n.Location(path, line, column), source, sentence=message)


def _case(
    raw: dict[str, Any],
    i: int,
    start: int,
    keys: _KeyLines,
    by_name: dict[str, Case],
    ruleset: Ruleset | None,
    fail: Any,
    path: str,
) -> Case | None:
    ok = True
    for key in raw:
        if key not in _CASE_KEYS:
            fail("E021", sentence("unknown key {key!r} in a case{hint}", key=key, hint=did_you_mean_said(key, _CASE_KEYS)), keys.line(i, "", key, start))
            ok = False
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        fail("E021", sentence('a case needs a name: name = "..."'), keys.line(i, "", "name", start))
        return None

    def number(key: str, table: str, value: Any) -> Decimal | None:
        nonlocal ok
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            fail("E021", sentence("{key} must be a number, not {value}", key=key, value=repr(value)), keys.line(i, table, key, start))
            ok = False
            return None
        return Decimal(value)

    inputs: dict[str, Any] = {}
    base = raw.get("base")
    if base is not None:
        if base not in by_name:
            fail("E024", sentence("base {base!r} names no case before this one", base=base), keys.line(i, "", "base", start))
            ok = False
        else:
            inputs.update(by_name[base].inputs)
    own_inputs = raw.get("inputs", {})
    if not isinstance(own_inputs, dict):
        fail("E021", sentence("inputs must be a table: [case.inputs]"), keys.line(i, "", "inputs", start))
        own_inputs, ok = {}, False
    for key, value in own_inputs.items():
        if ruleset is not None and key not in ruleset.inputs:
            fail(
                "E022",
                sentence("no input {key!r} in {path}{hint}", key=key, path=ruleset.path, hint=did_you_mean_said(key, ruleset.inputs)),
                keys.line(i, "inputs", key, start),
            )
            ok = False
        if isinstance(value, (dict, list)):
            fail("E021", sentence("input {key} must be a number, yes/no or an option's name", key=key), keys.line(i, "inputs", key, start))
            ok = False
        inputs[key] = value
    points: dict[str, Decimal] = {}
    own_points = raw.get("points", {})
    if not isinstance(own_points, dict):
        fail("E021", sentence("points must be a table: [case.points]"), keys.line(i, "", "points", start))
        own_points, ok = {}, False
    lines: dict[str, int] = {}
    for code, value in own_points.items():
        if ruleset is not None and not _has_node(ruleset, code):
            fail(
                "E023",
                sentence("no node {code!r} in {path}{hint}", code=code, path=ruleset.path, hint=did_you_mean_said(code, ruleset.codes)),
                keys.line(i, "points", code, start),
            )
            ok = False
        got = number(code, "points", value)
        if got is not None:
            points[code] = got
            lines[code] = keys.line(i, "points", code, start)
    expect: dict[str, Any] = {}
    for key in ("total", "index"):
        if key in raw:
            expect[key] = number(key, "", raw[key])
            lines[key] = keys.line(i, "", key, start)
    for key, kind in (("class", str), ("rank", int), ("unit", str), ("group", str), ("note", str)):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, kind):
                fail(
                    "E021",
                    sentence("{key} must be a text", key=key) if kind is str else sentence("{key} must be a whole number", key=key),
                    keys.line(i, "", key, start),
                )
                ok = False
                continue
            expect[key] = value
            lines[key] = keys.line(i, "", key, start)
    if not ok:
        return None
    return Case(
        name=name,
        inputs=inputs,
        points=points,
        total=expect.get("total"),
        index=expect.get("index"),
        klass=expect.get("class"),
        rank=expect.get("rank"),
        unit=expect.get("unit"),
        group=expect.get("group", ""),
        note=expect.get("note", ""),
        loc=n.Location(path, start, 1),
        lines=lines,
    )


_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_CASE_HEADER = re.compile(r"^\s*\[\[\s*case\s*\]\]\s*(#.*)?$")


class _KeyLines:
    """The line of each key of a case file: tomllib gives values, not places, so a case
    file's error is located by a small scan of the text (tables and ``key =`` lines)."""

    def __init__(self, lines: list[str]):
        self.cases: list[int] = []
        self.top_keys: dict[str, int] = {}
        self.keys: dict[tuple[int, str, str], int] = {}
        table = ""
        for number, line in enumerate(lines, start=1):
            if _CASE_HEADER.match(line):
                self.cases.append(number)
                table = ""
                continue
            header = _TABLE.match(line)
            if header:
                table = header.group(1).replace(" ", "")
                table = table[len("case.") :] if table.startswith("case.") else "?" + table
                if self.cases:
                    self.keys.setdefault((len(self.cases) - 1, "", table), number)
                continue
            key = _KEY.match(line)
            if key:
                word = key.group(1)
                if word[0] in "\"'":
                    word = word[1:-1]
                if not self.cases:
                    self.top_keys.setdefault(word, number)
                else:
                    self.keys.setdefault((len(self.cases) - 1, table, word), number)

    def case_line(self, i: int) -> int:
        return self.cases[i] if i < len(self.cases) else 1

    def line(self, i: int, table: str, key: str, default: int) -> int:
        return self.keys.get((i, table, key), default)

    def top(self, key: str) -> int:
        return self.top_keys.get(key, 1)


# ---------------------------------------------------------------- running


@in_library_context
def run_cases(ruleset: Ruleset, cases: Iterable[Case]) -> list[CaseResult]:
    """Score every case's inputs under ``ruleset`` and compare with what the case expects.

    A case whose inputs cannot be scored fails with the data error (it never stops the
    others).  Ranks are computed among the scored cases of each group."""
    cases = list(cases)
    cards: dict[int, Scorecard] = {}
    errors: dict[int, InputError] = {}
    for i, case in enumerate(cases):
        try:
            cards[i] = ruleset.evaluate(case.inputs, unit=case.unit or case.name)
        except InputError as exc:
            errors[i] = exc
    ranks: dict[int, int] = {}
    for group in {case.group for case in cases}:
        members = [i for i, case in enumerate(cases) if case.group == group and i in cards]
        if any(cases[i].rank is not None for i in members):
            placed = standings(ruleset, [cards[i] for i in members])
            by_card = {id(s.card): s.rank for s in placed}
            ranks.update({i: by_card[id(cards[i])] for i in members})
    results: list[CaseResult] = []
    for i, case in enumerate(cases):
        if i in errors:
            results.append(CaseResult(case, error=errors[i].render(), problem=errors[i]))
            continue
        card = cards[i]
        checks = [Check(code, want, card[code].score, case.lines.get(code, 0)) for code, want in _in_tree_order(ruleset, case)]
        if case.total is not None:
            checks.append(Check("total", case.total, card.total, case.lines.get("total", 0)))
        if case.index is not None:
            checks.append(Check("index", case.index, card.index, case.lines.get("index", 0)))
        if case.klass is not None:
            checks.append(Check("class", case.klass, classify(ruleset, card), case.lines.get("class", 0)))
        if case.rank is not None:
            checks.append(Check("rank", case.rank, ranks.get(i), case.lines.get("rank", 0)))
        results.append(CaseResult(case, tuple(checks), card))
    return results


def _in_tree_order(ruleset: Ruleset, case: Case) -> list[tuple[str, Decimal]]:
    return sorted(case.points.items(), key=lambda item: ruleset.position(item[0]))


def summary(results: Sequence[CaseResult], lang: str = "en") -> str:
    """``N passed, M failed`` (and the number of expectations checked)."""
    from .messages import text as msg

    failed = sum(not r.passed for r in results)
    checks = sum(len(r.checks) for r in results)
    return msg("cases_summary", lang, passed=len(results) - failed, failed=failed, checks=checks)
