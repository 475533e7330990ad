"""A seeded generator of WELL-FORMED rulesets, their units and hostile decimal contexts.

The text fuzzers of tests/test_fuzz.py mostly stop at a syntax error; this one builds
the structure first (header, inputs of every type, constraints, a tree whose maxima add
up, a formula of every kind at the leaves, classes, ranking) so that the checker can
prove every leaf within 0..max, and renders it to text.  Every formula is built from
pieces whose interval the checker computes exactly the way this module reasons about
it, so a generated ruleset that the checker rejects is either a generator bug or a
checker rule worth counting (benchmarks/soak.py reports the codes).

Hostile text (quotes, backslashes, escaped newlines, encoding declarations, U+2028,
control characters, Python payloads that would create a MARKER file) goes into every
place a ruleset carries text: the title, basis, descriptions, units, node titles,
agencies, notes, constraint messages and class labels.

Everything is drawn from one ``random.Random``, so ``generate(seed)`` is reproducible
and cheap enough for 100,000 cases (hypothesis would spend its time on the draws).
``units()`` draws unit data from the same structure: range ends, zero denominators,
exact ties on tier and band boundaries, values with many decimals, and a few invalid
values that must be refused with a D-code.
"""

from __future__ import annotations

import decimal
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

MODES = ("half_up", "half_even", "down", "up")
LEVELS = ("province", "department", "district", "commune", "ministry")
# input names that mean something in Python (or in the generated code): they must stay data
PY_NAMES = ("eval", "None", "lambda", "__import__", "open", "inputs", "get", "trace", "rec", "Decimal",
            "ZERO", "x0", "K0", "s1", "_", "exec", "class", "import", "True", "self")  # fmt: skip


ENCODING_DECLARATIONS = (
    "# -*- coding: unicode_escape -*-",
    "coding: unicode_escape",
    "coding=unicode_escape",
    "vim: set fileencoding=unicode_escape :",
    "encoding: utf-7",
    "# coding: utf-7",
    "coding: raw_unicode_escape",
)


def payloads(marker: str) -> list[str]:
    """Constraint messages that become code in a module read as unicode_escape or utf-7
    (the reproducer of issue 8, class 1: indented to the evaluator's ``with`` block)."""
    touch = f'__import__("os").system("touch {marker}")'
    return [f"x')\n        {touch};('y", "x" + f"')\n{touch}\n('".encode("utf-7").decode("ascii")]


def hostile_texts(marker: str) -> list[str]:
    """Texts that would run code or confuse a reader if they were ever spliced as code."""
    touch = f'__import__("os").system("touch {marker}")'
    return [
        *ENCODING_DECLARATIONS,
        *payloads(marker),
        touch,
        f'"); {touch}; ("',
        f"'); {touch}; ('",
        f'"""\n{touch}\n"""',
        f"'''\n{touch}\n'''",
        f"{{{touch}}}",
        f"\\\n{touch}",
        f"\\x27)\\n{touch}\\n(\\x27",  # literal backslash escapes, live under unicode_escape
        f"\\u0027)\\u000a{touch}\\u000a(\\u0027",
        f"\\N{{APOSTROPHE}})\\N{{LINE FEED}}{touch}",
        f"\u2028{touch}\u2029",
        f"\x0c\x0b{touch}\r",
        f"\x85{touch}",
        "\x00\x01\x7f",
        "\\0\\x00\\u0000",
        "\ufeff\u202e\u200b",
        "\x1b[2J\x1b]0;title\x07",
        '=HYPERLINK("http://x","y")',
        "Chỉ số CCHC — \"Tốt\" \\ 'Khá'",
        "\\",
        "\\\\n",
        '"',
        "'",
        "#",
        "\n",
        "",
    ]


PLAIN = ["Cải cách hành chính", "Tỷ lệ hồ sơ", "Sở Nội vụ", "Khảo sát", "Đúng hạn", "Index", "A", "Tốt", "Khá"]


def quoted(text: str) -> str:
    """``text`` as a ruleset string literal (the language escapes only \\, " and newline)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fmt(value: Decimal) -> str:
    """A Decimal as the grammar's NUMBER (no exponent, no sign)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@dataclass
class Input:
    name: str
    type: str
    low: Decimal | None = None  # in the data's own unit (a percent in percent)
    high: Decimal | None = None
    options: tuple[str, ...] = ()
    ties: set[Decimal] = field(default_factory=set)  # values formulas treat as boundaries (data unit)
    node_max: Decimal | None = None  # for the points of ``score points``


@dataclass
class Generated:
    """A generated ruleset: its text and what is needed to draw units for it."""

    seed: str
    text: str
    inputs: dict[str, Input]
    ordered: list[tuple[str, ...]]  # constraints a <= b (or a + c <= b): (a, b) or (a, c, b)
    excess: bool  # some maxima have more decimals than the rounding places
    focused: bool  # carries the known encoding exploit alone
    extremes: frozenset[str] = frozenset()  # "wide table", "squaring let chain"


class _Gen:
    def __init__(self, rng: random.Random, marker: str, excess: float, focused: float, extreme: float):
        self.rng = rng
        self.hostile = hostile_texts(marker)
        # a focused ruleset carries the known exploit alone (an encoding declaration in the
        # title, a payload in the constraint messages, plain text elsewhere), so that no
        # other hostile text breaks the module before the payload could run
        self.focused = rng.random() < focused
        self.payloads = payloads(marker)
        self.extreme = extreme
        self.wide = rng.random() < extreme  # one leaf of this ruleset gets a very wide table
        self.extremes: set[str] = set()
        self.inputs: dict[str, Input] = {}
        self.ordered: list[tuple[str, ...]] = []
        self.excess = rng.random() < excess
        self.mode = rng.choice(MODES)
        self.places = rng.randint(0, 6)
        # the finest step of every maximum; with ``excess`` some leaves get finer ones
        self.grain = rng.randint(0, self.places)
        self.names = 0
        self.lines: list[str] = []

    # ------------------------------------------------------------ texts and numbers
    def text(self, hostile: float = 0.6) -> str:
        r = self.rng
        if self.focused or r.random() > hostile:
            return r.choice(PLAIN)
        parts = [r.choice(self.hostile) for _ in range(r.randint(1, 3))]
        if r.random() < 0.5:
            parts.insert(0, r.choice(PLAIN))
        return " ".join(parts) if r.random() < 0.5 else "".join(parts)

    def q(self, hostile: float = 0.6) -> str:
        return quoted(self.text(hostile))

    def dec(self, low: Decimal, high: Decimal, places: int) -> Decimal:
        """A random multiple of 10**-places in low..high (low itself if the range is too tight)."""
        step = Decimal(1).scaleb(-places)
        lo = int((low / step).to_integral_value(decimal.ROUND_CEILING))
        hi = int((high / step).to_integral_value(decimal.ROUND_FLOOR))
        if hi < lo:
            return low
        return Decimal(self.rng.randint(lo, hi)) * step

    def name(self, prefix: str) -> str:
        self.names += 1
        r = self.rng
        if r.random() < 0.15:
            base = r.choice(PY_NAMES)
            candidate = base if base not in self.inputs and base not in {"max", "na"} else f"{base}{self.names}"
        else:
            candidate = f"{prefix}{self.names}"
        return candidate

    # ------------------------------------------------------------ inputs
    def declare(self, kind: str, **kw: Any) -> Input:
        inp = Input(self.name(kind[0]), kind, **kw)
        self.inputs[inp.name] = inp
        return inp

    def render_inputs(self) -> list[str]:
        out = []
        for inp in self.inputs.values():
            if inp.type == "points" and inp.node_max is not None:
                continue  # implied by ``score points``
            head = f"input {inp.name}: "
            if inp.type == "rank":
                head += f"rank {fmt(inp.low or Decimal(1))}..{fmt(inp.high or Decimal(1))}"
            elif inp.type == "choice":
                head += "choice { " + ", ".join(inp.options) + " }"
            else:
                head += inp.type
            if self.rng.random() < 0.5:
                head += " " + self.q()
            if self.rng.random() < 0.3:
                head += " unit " + self.q()
            if inp.type not in ("rank", "choice", "yesno") and (inp.low is not None or inp.high is not None):
                lo = inp.low if inp.low is not None else Decimal(0)
                hi = inp.high if inp.high is not None else Decimal(10**6)
                low_text = ("-" + fmt(-lo)) if lo < 0 else fmt(lo)
                suffix = "%" if inp.type == "percent" and self.rng.random() < 0.5 else ""
                head += f" in {low_text}{suffix}..{fmt(hi)}{suffix}"
            out.append(head)
        return out

    def make_inputs(self) -> None:
        r = self.rng
        for _ in range(r.randint(2, 5)):
            self.declare("count", high=Decimal(r.choice([10, 100, 10**6])) if r.random() < 0.2 else None)
        for _ in range(r.randint(1, 3)):
            if r.random() < 0.3:
                lo = self.dec(Decimal(0), Decimal(50), r.randint(0, 2))
                self.declare("percent", low=lo, high=self.dec(lo + 1, Decimal(100), r.randint(0, 2)))
            else:
                self.declare("percent")
        self.declare("ratio")
        if r.random() < 0.5:
            self.declare("money")
        if r.random() < 0.5:
            self.declare("number", low=Decimal(-r.randint(0, 50)), high=Decimal(r.randint(1, 50)))
        if r.random() < 0.5:
            self.declare("number")
        for _ in range(r.randint(1, 2)):
            self.declare("yesno")
        for _ in range(r.randint(0, 2)):
            count = r.randint(1, 5)
            options = tuple(dict.fromkeys(r.choice([*PY_NAMES, f"opt{i}"]) + f"_{i}" for i in range(count)))
            self.declare("choice", options=options)
        for _ in range(r.randint(0, 2)):
            lo = r.randint(1, 5)
            self.declare("rank", low=Decimal(lo), high=Decimal(lo + r.randint(0, 70)))
        if r.random() < 0.4:
            self.declare("points", high=Decimal(r.randint(1, 20)))
        counts = self.of("count")
        r.shuffle(counts)
        for i in range(0, len(counts) - 1, 2):
            a, b = counts[i], counts[i + 1]
            if self.inputs[a].high is not None or self.inputs[b].high is not None:
                continue
            self.ordered.append((a, b))

    def of(self, *types: str) -> list[str]:
        return [name for name, inp in self.inputs.items() if inp.type in types and inp.node_max is None]

    def constraints(self) -> list[str]:
        out = []
        for pair in self.ordered:
            a, b = pair
            text = f"constraint {a} <= {b}" if self.rng.random() < 0.7 else f"constraint {b} >= {a}"
            message = quoted(self.rng.choice(self.payloads)) if self.focused else self.q(0.9)
            out.append(text + " " + message)
        yes = self.of("yesno")
        if yes and (self.focused or self.rng.random() < 0.5):  # always holds; carries a hostile message
            message = quoted(self.rng.choice(self.payloads)) if self.focused else self.q(0.95)
            out.append(f"constraint {yes[0]} or not {yes[0]} " + message)
        return out

    # ------------------------------------------------------------ formulas
    def unit(self, depth: int) -> str:
        """A formula the checker proves within 0..1."""
        r = self.rng
        kinds = ["pct", "ratio", "rate", "scaled", "clamp"]
        if depth > 0:
            kinds += ["product", "complement", "mean", "tiers", "linear", "if"]
        kind = r.choice(kinds)
        if kind == "pct":
            return r.choice(self.of("percent"))
        if kind == "ratio":
            return r.choice(self.of("ratio"))
        if kind == "rate" and self.ordered:
            a, b = r.choice(self.ordered)
            policy = r.choice(["100%", "0", "na", "1", "50%"]) if r.random() < 0.95 else "na"
            return f"rate({a}, {b}, empty: {policy})"
        if kind == "scaled" or kind == "rate":
            c = r.choice(self.of("count", "money"))
            k = fmt(self.dec(Decimal("0.5"), Decimal(200), r.randint(0, 2)))
            return f"min(1, {c} / {k})"
        if kind == "clamp":
            x = r.choice(self.of("number", "count", "percent"))
            return f"clamp({x}, 0, 1)"
        if kind == "product":
            return f"{self.unit(depth - 1)} * {self.unit(depth - 1)}"
        if kind == "complement":
            return f"(1 - {self.unit(depth - 1)})"
        if kind == "mean":
            return f"({self.unit(depth - 1)} + {self.unit(depth - 1)}) / 2"
        if kind == "tiers":
            return self.tiers(Decimal(1), depth - 1, unit=True)
        if kind == "linear":
            return self.linear(Decimal(1), depth - 1, unit=True)
        return f"(if {self.cond()} then {self.unit(depth - 1)} else {self.unit(depth - 1)})"

    def cond(self, depth: int = 1) -> str:
        r = self.rng
        kind = r.choice(["yes", "not", "count", "pct", "rate", "cmp"] + (["and", "or"] if depth > 0 else []))
        if kind == "yes":
            return r.choice(self.of("yesno"))
        if kind == "not":
            return f"not {r.choice(self.of('yesno'))}"
        if kind == "count":
            c = r.choice(self.of("count"))
            k = Decimal(r.choice([0, 1, 3, 10, 100]))
            self.inputs[c].ties.add(k)
            return f"{c} {r.choice(['<', '<=', '>', '>=', '==', '!='])} {fmt(k)}"
        if kind == "pct":
            p = r.choice(self.of("percent"))
            k = self.dec(Decimal(0), Decimal(100), r.randint(0, 2))
            self.inputs[p].ties.add(k)
            return f"{p} {r.choice(['<', '<=', '>', '>='])} {fmt(k)}%"
        if kind == "rate" and self.ordered:
            a, b = r.choice(self.ordered)
            return f"rate({a}, {b}, empty: 100%) >= {fmt(self.dec(Decimal(0), Decimal(100), 1))}%"
        if kind in ("cmp", "rate"):
            c1, c2 = r.choice(self.of("count")), r.choice(self.of("count"))
            return f"{c1} <= {c2}"
        op = "and" if kind == "and" else "or"
        return f"({self.cond(depth - 1)} {op} {self.cond(depth - 1)})"

    def subject(self) -> tuple[str, str | None, Decimal, Decimal | None, bool]:
        """A tiers/linear subject: (formula, input whose ties to record, low, high, percent-like)."""
        r = self.rng
        kind = r.choice(["pct", "count", "rate", "unit"])
        if kind == "pct":
            p = r.choice(self.of("percent"))
            inp = self.inputs[p]
            lo = (inp.low or Decimal(0)) / 100
            hi = (inp.high if inp.high is not None else Decimal(100)) / 100
            return p, p, lo, hi, True
        if kind == "count":
            c = r.choice(self.of("count"))
            hi = self.inputs[c].high
            return c, c, Decimal(0), hi, False
        if kind == "rate" and self.ordered:
            a, b = r.choice(self.ordered)
            return f"rate({a}, {b}, empty: {r.choice(['100%', '0'])})", None, Decimal(0), Decimal(1), True
        return f"({self.unit(0)})", None, Decimal(0), Decimal(1), True

    def cut(self, lo: Decimal, hi: Decimal | None, percent: bool) -> Decimal:
        top = hi if hi is not None else lo + Decimal(self.rng.choice([5, 50, 1000]))
        if percent:  # a percent literal: whole or two-decimal percents
            return self.dec(lo * 100, top * 100, self.rng.randint(0, 2)) / 100
        return self.dec(lo, top, self.rng.randint(0, 2))

    def literal(self, value: Decimal, percent: bool) -> str:
        return f"{fmt(value * 100)}%" if percent else fmt(value)

    def tie(self, name: str | None, value: Decimal, percent: bool) -> None:
        if name is not None:
            self.inputs[name].ties.add(value * 100 if self.inputs[name].type == "percent" else value)

    def value(self, top: Decimal, depth: int, unit: bool) -> str:
        return (
            self.unit(depth)
            if unit and depth > 0 and self.rng.random() < 0.3
            else (
                fmt(self.dec(Decimal(0), top, self.rng.randint(0, 4)))
                if unit or depth <= 0
                else self.bounded(top, depth)
            )
        )

    def tiers(self, top: Decimal, depth: int, unit: bool = False) -> str:
        r = self.rng
        text, name, lo, hi, percent = self.subject()
        cuts = sorted({self.cut(lo, hi, percent) for _ in range(r.randint(1, 4))})
        # each cut is closed on exactly one side: below X / from X, or to X / above X
        closed_upper = [r.random() < 0.5 for _ in cuts]
        tiers = []
        for i in range(len(cuts) + 1):
            sides = []
            if i > 0:
                sides.append(("above " if closed_upper[i - 1] else "from ") + self.literal(cuts[i - 1], percent))
            if i < len(cuts):
                sides.append(("to " if closed_upper[i] else "below ") + self.literal(cuts[i], percent))
            tiers.append(" ".join(sides) + ": " + self.value(top, depth - 1, unit))
        for c in cuts:
            self.tie(name, c, percent)
        if r.random() < 0.2:
            r.shuffle(tiers)
        elif len(cuts) % 2 == 0:  # the last tier as otherwise (decided without drawing: the stream stays)
            tiers[-1] = "otherwise:" + tiers[-1].split(":", 1)[1]
        return f"(tiers {text} {{ {'  '.join(tiers)} }})"

    def linear(self, top: Decimal, depth: int, unit: bool = False) -> str:
        r = self.rng
        text, name, lo, hi, percent = self.subject()
        ats = sorted({self.cut(lo, hi, percent) for _ in range(r.randint(2, 4))})
        if len(ats) < 2:
            ats = [ats[0], ats[0] + (Decimal("0.01") if percent else Decimal(1))]
        for a in ats:
            self.tie(name, a, percent)
        points = [f"{self.literal(a, percent)}: {self.value(top, depth - 1, unit)}" for a in ats]
        return f"(linear {text} {{ {'  '.join(points)} }})"

    def bounded(self, top: Decimal, depth: int, node_max: Decimal | None = None) -> str:
        """A formula the checker proves within 0..top (``max`` stands for top when it is the node's)."""
        r = self.rng
        m = "max" if node_max is not None and top == node_max and r.random() < 0.7 else fmt(top)
        kinds = ["scale", "scale", "const", "min", "clamp", "deduct", "points"]
        if depth > 0:
            kinds += ["tiers", "tiers", "linear", "ranks", "choice", "if", "sum", "extremum"]
        kind = r.choice(kinds)
        if kind == "scale":
            return f"{m} * {self.unit(min(depth, 2))}"
        if kind == "const":
            return fmt(self.dec(Decimal(0), top, r.randint(0, 5)))
        if kind == "min":
            c = r.choice(self.of("count", "money"))
            each = fmt(self.dec(Decimal("0.01"), Decimal(3), 2))
            return f"min({each} * {c}, {m})" if r.random() < 0.5 else f"min({m}, {c} * {each})"
        if kind == "clamp":
            x = r.choice(self.of("number", "count", "percent", "ratio"))
            return f"clamp({x} - {fmt(self.dec(Decimal(0), Decimal(5), 1))}, 0, {m})"
        if kind == "deduct":
            c = r.choice(self.of("count"))
            each = fmt(self.dec(Decimal("0.01"), Decimal(2), 3))
            floor = fmt(self.dec(Decimal(0), top, r.randint(0, 3)))
            if m == "max":
                return f"deduct({c}, {each}, floor: {floor})"
            return f"deduct({c}, {each}, floor: {floor}, start: {m})"
        if kind == "points" and self.of("points"):
            return f"min({r.choice(self.of('points'))}, {m})"
        if kind in ("tiers", "points"):
            return self.tiers(top, depth)
        if kind == "linear":
            return self.linear(top, depth)
        if kind == "ranks" and self.of("rank"):
            rank = self.inputs[r.choice(self.of("rank"))]
            lo, hi = int(rank.low or 1), int(rank.high or 1)
            edges = sorted({r.randint(lo, hi) for _ in range(r.randint(0, 4))} - {lo})
            starts = [lo, *edges]
            bands = []
            for i, start in enumerate(starts):
                end = starts[i + 1] - 1 if i + 1 < len(starts) else hi
                rank.ties.update({Decimal(start), Decimal(end)})
                bands.append(f"{start}..{end}: {self.value(top, depth - 1, False)}")
            if len(bands) % 2 == 0:  # the last band as otherwise (decided without drawing: the stream stays)
                bands[-1] = "otherwise:" + bands[-1].split(":", 1)[1]
            return f"(ranks {rank.name} {{ {'  '.join(bands)} }})"
        if kind in ("choice", "ranks") and self.of("choice"):
            inp = self.inputs[r.choice(self.of("choice"))]
            cases = [f"{o}: {self.value(top, depth - 1, False)}" for o in inp.options]
            r.shuffle(cases)
            return f"(choice {inp.name} {{ {'  '.join(cases)} }})"
        if kind in ("if", "choice", "ranks"):
            return f"(if {self.cond()} then {self.bounded(top, depth - 1)} else {self.bounded(top, depth - 1)})"
        if kind == "sum":
            first = self.dec(Decimal(0), top, max(-top.as_tuple().exponent, 0) if top else 0)  # type: ignore[operator]
            return f"{self.bounded(first, depth - 1)} + {self.bounded(top - first, depth - 1)}"
        if r.random() < 0.5:
            return f"max({self.bounded(top, depth - 1)}, {self.bounded(top, depth - 1)})"
        return f"min({self.bounded(top, depth - 1)}, {fmt(top * 2)} * {self.unit(0)} + 1)"

    # ------------------------------------------------------------ the tree
    def maxima(self, total: Decimal, count: int) -> list[Decimal]:
        """Split ``total`` into ``count`` parts on the grain (a part may be 0)."""
        step = Decimal(1).scaleb(-self.grain)
        units = int(total / step)
        if units * step != total:  # a total off the grain (excess): the remainder goes to one part
            rest = total - units * step
        else:
            rest = Decimal(0)
        cuts = sorted(self.rng.randint(0, units) for _ in range(count - 1))
        parts = [Decimal(b - a) * step for a, b in zip([0, *cuts], [*cuts, units], strict=True)]
        parts[self.rng.randrange(count)] += rest
        return parts

    def node(self, kind: str, code: str, top: Decimal, indent: str, depth: int) -> list[str]:
        r = self.rng
        head = f"{indent}{kind} {code} {self.q(0.5)} max {fmt(top)} {{"
        items: list[str] = []
        if r.random() < 0.3:
            items.append(f"agency {self.q(0.8)}")
        if r.random() < 0.15:
            items.append(f"note {self.q(0.8)}")
        if r.random() < 0.1:
            items.append(f"basis {self.q(0.8)}")
        if r.random() < 0.15:
            items.append(f"source {r.choice(['self', 'appraisal', 'survey'])}")
        if r.random() < 0.15:
            items.append(f"round {r.randint(self.grain, 6)}")
        children_kind = {"field": "criterion", "criterion": "sub"}.get(kind)
        if children_kind and r.random() < 0.55 - 0.2 * depth:
            count = r.randint(1, 3)
            lines = [head] + [f"{indent}  {item}" for item in items]
            for i, part in enumerate(self.maxima(top, count), start=1):
                lines += self.node(children_kind, f"{code}.{i}", part, indent + "  ", depth + 1)
            return [*lines, f"{indent}}}"]
        if r.random() < 0.2:
            items.append(f"not applicable when {self.cond()}")
        if r.random() < 0.1:
            items.append("score points")
            self.inputs["p_" + code.replace(".", "_")] = Input(
                "p_" + code.replace(".", "_"), "points", Decimal(0), top, node_max=top
            )
        else:
            if r.random() < 0.25:  # a let chain, then a formula over it
                lets = []
                for _ in range(r.randint(1, 3)):
                    name = f"l{self.names}"
                    self.names += 1
                    value = self.unit(1) if not lets else f"{r.choice(lets)} * {self.unit(0)}"
                    items.append(f"let {name} = {value}")
                    lets.append(name)
                m = "max" if r.random() < 0.5 else fmt(top)
                items.append(f"score {m} * {lets[-1]}")
            elif r.random() < self.extreme:  # a let chain that squares a count: huge values, never a traceback
                self.extremes.add("squaring let chain")
                count = r.choice(self.of("count"))
                previous = count
                for _ in range(r.randint(4, 20)):
                    name = f"l{self.names}"
                    self.names += 1
                    items.append(f"let {name} = {previous} * {previous}")
                    previous = name
                items.append(f"score min(max, {previous} / 1000)")
            elif self.wide:  # a table wider than any real one: a limit, never a traceback
                self.wide = False
                self.extremes.add("wide table")
                c = r.choice(self.of("count"))
                rows = r.randint(500, 3000)
                tiers = [f"below 1: {fmt(top)}"] + [f"from {i} below {i + 1}: 0" for i in range(1, rows)]
                items.append(f"score tiers {c} {{ {' '.join(tiers)}  from {rows}: 0 }}")
            else:
                items.append(f"score {self.bounded(top, r.randint(0, 3), node_max=top)}")
        return [head, *[f"{indent}  {item}" for item in items], f"{indent}}}"]

    def excess_maxima(self, fields: list[Decimal]) -> list[Decimal]:
        """Some field maxima with more decimals than the rounding places (0.125 with round 0)."""
        extra = [Decimal("0.125"), Decimal("0.875"), Decimal("0.3333"), Decimal("0.0005"), Decimal("1.23456789")]
        return [f + (self.rng.choice(extra) if self.rng.random() < 0.6 else 0) for f in fields]

    def ruleset(self) -> str:
        r = self.rng
        self.make_inputs()
        fields = self.maxima(self.dec(Decimal(1), Decimal(100), self.grain), r.randint(1, 4))
        if self.excess:
            fields = self.excess_maxima(fields)
        scale = sum(fields, Decimal(0))
        title = quoted(r.choice(ENCODING_DECLARATIONS)) if self.focused else self.q(0.7)
        header = f"ruleset {title}"
        items = [f"year {r.randint(2015, 2030)}", f"level {r.choice(LEVELS)}", f"scale {fmt(scale)}"]
        if r.random() < 0.5:
            items.append(f"basis {self.q()}")
        items.append(f"rounding {self.mode} {self.places}")
        if r.random() < 0.5:
            items.append(f"index rounding {r.randint(0, 6)}")
        r.shuffle(items)
        tree: list[str] = []
        for i, top in enumerate(fields, start=1):
            tree += self.node("field", str(i), top, "", 0)
        lines = [header + " " + " ".join(items), *self.render_inputs(), *self.constraints(), *tree]
        lines += self.across(scale, len(fields))
        return "\n".join(lines) + "\n"

    def across(self, scale: Decimal, fields: int) -> list[str]:
        r = self.rng
        out = []
        if r.random() < 0.7:
            by = r.choice(["index", "total"])
            top = Decimal(100) if by == "index" else scale
            cuts = sorted({self.dec(Decimal(0), top, r.randint(0, 2)) for _ in range(r.randint(1, 4))})
            labels = list(dict.fromkeys(self.text(0.7) for _ in range(len(cuts) + 1)))
            while len(labels) < len(cuts) + 1:
                labels.append(f"class {len(labels)}")
            bands = []
            for i in range(len(cuts) + 1):
                sides = []
                if i > 0:
                    sides.append(f"from {fmt(cuts[i - 1])}")
                if i < len(cuts):
                    sides.append(f"below {fmt(cuts[i])}")
                bands.append(f"{quoted(labels[i])}: {' '.join(sides)}")
            out.append(f"classes by {by} {{ {'  '.join(bands)} }}")
            if r.random() < 0.2:
                out.append(
                    f"downgrade when share of communes at class or better below {r.randint(1, 3)}/{r.randint(3, 4)}"
                )
        if r.random() < 0.5:
            line = f"ranking by {r.choice(['index', 'total'])} {r.choice(['descending', 'ascending'])}"
            if r.random() < 0.6:
                line += " tie_break " + ", ".join(str(r.randint(1, fields)) for _ in range(r.randint(1, 2)))
            out.append(line)
        return out


def generate(
    seed: str | int, marker: str = "MARKER", excess: float = 0.1, focused: float = 0.05, extreme: float = 0.002
) -> Generated:
    """A well-formed ruleset from ``seed``.  ``excess``: the share with over-precise maxima;
    ``focused``: the share that carries the known encoding exploit alone; ``extreme``: the
    share of leaves with a let chain squaring a count, and of rulesets with a table of 500..3000 rows."""
    gen = _Gen(random.Random(str(seed)), marker, excess, focused, extreme)
    text = gen.ruleset()
    return Generated(str(seed), text, gen.inputs, gen.ordered, gen.excess, gen.focused, frozenset(gen.extremes))


# ---------------------------------------------------------------- units
def _many_decimals(rng: random.Random, low: Decimal, high: Decimal) -> Decimal:
    places = rng.choice([0, 1, 2, 4, 7, 12, 18])
    with decimal.localcontext(decimal.Context(prec=60)):
        value = low + (high - low) * Decimal(rng.random())
        return max(low, min(high, value.quantize(Decimal(1).scaleb(-places), decimal.ROUND_DOWN)))


def _value(rng: random.Random, inp: Input) -> Any:
    if inp.type == "yesno":
        return rng.choice([True, False, True, False, 0, 1])
    if inp.type == "choice":
        option = rng.choice(inp.options)
        return f" {option} " if rng.random() < 0.05 else option
    default_high = {"percent": Decimal(100), "ratio": Decimal(1), "number": Decimal(10**6)}.get(inp.type)
    low = inp.low if inp.low is not None else (Decimal(-(10**6)) if inp.type == "number" else Decimal(0))
    high = inp.high if inp.high is not None else default_high
    ends = [low] + ([high] if high is not None else [])
    ties = [t for t in inp.ties if t >= low and (high is None or t <= high)]
    pick = rng.random()
    if pick < 0.2:
        value = rng.choice(ends)
    elif pick < 0.45 and ties:
        value = rng.choice(ties)
    elif pick < 0.55 and inp.type in ("count", "money"):
        value = Decimal(rng.choice([v for v in (0, 1, 2, 10**9, 10**15) if high is None or v <= high]))
    else:
        top = high if high is not None else Decimal(rng.choice([10, 1000, 10**6]))
        value = _many_decimals(rng, low, top)
    if inp.type in ("count", "rank"):
        value = value.to_integral_value(decimal.ROUND_FLOOR)
        if value < low:
            value = low
        return int(value) if rng.random() < 0.7 else value
    if rng.random() < 0.05:
        return str(value)
    if rng.random() < 0.03 and value == value.quantize(Decimal("0.01")):
        return float(value)
    return value


INVALID = (None, "", "x", "NaN", "1e999999", float("nan"), float("inf"), Decimal("sNaN"), Decimal("-Infinity"),
           10**40, -1, Decimal("0.5"), [], {}, True, "1e-30")  # fmt: skip


def units(generated: Generated, rng: random.Random, count: int, invalid: float = 0.05) -> list[dict[str, Any]]:
    """``count`` units for a generated ruleset; about ``invalid`` of them carry a bad value."""
    out = []
    for _ in range(count):
        values = {name: _value(rng, inp) for name, inp in generated.inputs.items()}
        for pair in generated.ordered:  # meet a <= b (sometimes exactly)
            a, b = pair
            if values[a] > values[b] or rng.random() < 0.15:
                values[a] = values[b] if rng.random() < 0.5 else type(values[b])(rng.randint(0, int(values[b])))
        if rng.random() < invalid:
            name = rng.choice(sorted(values))
            if rng.random() < 0.2:
                del values[name]
            else:
                values[name] = rng.choice(INVALID)
        out.append(values)
    return out


# ---------------------------------------------------------------- hostile decimal contexts
CALLER_ROUNDINGS = (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
                    decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP)  # fmt: skip


def hostile_context(rng: random.Random) -> decimal.Context:
    """A caller's context the library must not depend on: tiny precision, traps, odd rounding."""
    traps = [t for t in (decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.DivisionByZero,
                         decimal.Overflow, decimal.Underflow, decimal.Subnormal, decimal.Clamped,
                         decimal.FloatOperation) if rng.random() < 0.5]  # fmt: skip
    emax = rng.choice([999999, 99, 9])
    return decimal.Context(
        prec=rng.choice([1, 2, 3, 5, 8, 12]),
        rounding=rng.choice(CALLER_ROUNDINGS),
        Emax=emax,
        Emin=-emax,
        traps=traps,
    )
