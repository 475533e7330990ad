"""AST -> ruleset text: the canonical spelling of formulas and whole rulesets; numbers for readers.

Used three ways: explanations quote the formula as the language writes it,
constraint messages show the condition that failed, and ``parrules fmt``
prints a whole ruleset in canonical layout (its output parses to the same AST).

It is also the one place a number is written for a reader (``number_text``: 89,75 on a
Vietnamese page, 89.75 on an English one): every view (tables, the HTML report, its
charts and interactive page, the notebook) formats through it, so a number reads the
same wherever it is shown.  Nothing here writes HTML: the core (check, compile) imports
this module for ``expr`` and must stay free of the presentation layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from . import nodes as n
from .context import in_library_context
from .numerals import number_text  # re-exported: the one formatter of numbers lives in a leaf module

_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7, "atom": 8}


@in_library_context  # normalize() rounds to the context's precision: never the caller's
def number(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.normalize() or value != 0 else "0"
    if text == "-0":
        text = "0"
    return text


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], colalign: Sequence[str] | None = None) -> str:
    """A Markdown (pipe) table of cells already escaped for Markdown (``safe_text.for_markdown``):
    tabulate lays it out, as every other table of parrules, so no view writes its own."""
    from tabulate import tabulate  # imported on first use (it reads package metadata as it loads)

    return str(
        tabulate(
            [list(row) for row in rows],
            headers=list(headers),
            tablefmt="pipe",
            disable_numparse=True,
            colalign=None if colalign is None else list(colalign),
        )
    )




def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def percent(value: Decimal) -> str:
    return number(value * 100) + "%"


def expr(e: n.Expr) -> str:
    """The canonical text of an expression."""
    return _expr(e, 0)


def _wrap(text: str, own: int, outer: int) -> str:
    return f"({text})" if own < outer else text


def _expr(e: n.Expr, outer: int) -> str:
    if isinstance(e, n.Number):
        return _wrap(number(e.value), 8 if e.value >= 0 else 7, outer)
    if isinstance(e, n.Percent):
        return percent(e.value)
    if isinstance(e, n.Ref):
        return e.name
    if isinstance(e, n.NodeMax):
        return "max"
    if isinstance(e, n.NotApplicableValue):
        return "na"
    if isinstance(e, n.PointsInput):
        return f"points as {e.input}"
    if isinstance(e, n.BinOp):
        p = _PRECEDENCE[e.op]
        return _wrap(f"{_expr(e.left, p)} {e.op} {_expr(e.right, p + 1)}", p, outer)
    if isinstance(e, n.Neg):
        return _wrap(f"-{_expr(e.operand, 7)}", 7, outer)
    if isinstance(e, n.Compare):
        return _wrap(f"{_expr(e.left, 5)} {e.op} {_expr(e.right, 5)}", 4, outer)
    if isinstance(e, n.BoolOp):
        p = _PRECEDENCE[e.op]
        return _wrap(f"{_expr(e.left, p)} {e.op} {_expr(e.right, p + 1)}", p, outer)
    if isinstance(e, n.Not):
        return _wrap(f"not {_expr(e.operand, 3)}", 3, outer)
    if isinstance(e, n.If):
        return _wrap(f"if {_expr(e.condition, 0)} then {_expr(e.then, 0)} else {_expr(e.otherwise, 0)}", 0, outer)
    if isinstance(e, n.Rate):
        args = [expr(e.part), expr(e.whole)]
        if isinstance(e.empty, n.NotApplicableValue):
            args.append("empty: na")
        elif e.empty is not None:
            args.append("empty: " + expr(e.empty))
        return f"rate({', '.join(args)})"
    if isinstance(e, n.Extremum):
        return f"{e.kind}({', '.join(expr(a) for a in e.args)})"
    if isinstance(e, n.Clamp):
        return f"clamp({expr(e.value)}, {expr(e.low)}, {expr(e.high)})"
    if isinstance(e, n.Deduct):
        args = [expr(e.events), expr(e.each)]
        if not (isinstance(e.floor, n.Number) and e.floor.value == 0):
            args.append("floor: " + expr(e.floor))
        if not isinstance(e.start, n.NodeMax):
            args.append("start: " + expr(e.start))
        return f"deduct({', '.join(args)})"
    if isinstance(e, n.Tiers):
        body = "  ".join(f"{t.interval.describe()}: {expr(t.value)}" for t in e.tiers)
        return f"tiers {expr(e.subject)} {{ {body} }}"
    if isinstance(e, n.Linear):
        body = "  ".join(f"{p.at_text}: {expr(p.value)}" for p in e.points)
        return f"linear {expr(e.subject)} {{ {body} }}"
    if isinstance(e, n.Ranks):
        body = "  ".join(f"{b.describe()}: {expr(b.value)}" for b in e.bands)
        return f"ranks {expr(e.subject)} {{ {body} }}"
    if isinstance(e, n.Choice):
        body = "  ".join(f"{c.option}: {expr(c.value)}" for c in e.cases)
        return f"choice {e.input} {{ {body} }}"
    raise TypeError(f"cannot render {type(e).__name__}")  # pragma: no cover


def node_head(node: n.Node) -> str:
    return f"{node.kind} {node.code} {quote(node.title)} max {number(node.max)}"


# ------------------------------------------------------------------ whole rulesets (parrules fmt)

_INDENT = "  "
_ONE_LINE_WIDTH = 100


def comments_of(text: str) -> list[tuple[int, str]]:
    """(line, text) of every comment, found by the language's own lexer (a # inside a string is text)."""
    from .parse import _parser

    return [
        (tok.line or 1, str(tok).rstrip()) for tok in _parser().lex(text, dont_ignore=True) if tok.type == "COMMENT"
    ]


def format_ruleset(ruleset: n.Ruleset, comments: list[tuple[int, str]] | None = None) -> str:
    """The canonical layout of a ruleset as written (before extends is resolved).

    Declarations keep their order; each comment stays before the construct it
    preceded (a comment at the end of a line moves to the line above it).  The
    output parses to the same AST, and formatting it again changes nothing.
    """
    return _Printer(comments or []).ruleset(ruleset)


class _Printer:
    def __init__(self, comments: list[tuple[int, str]]):
        self.pending = sorted(comments)
        self.out: list[str] = []

    def flush(self, line: int, indent: str) -> None:
        while self.pending and self.pending[0][0] <= line:
            self.out.append(indent + self.pending.pop(0)[1])

    def emit(self, text: str, indent: str = "") -> None:
        self.out.append(indent + text)

    def ruleset(self, rs: n.Ruleset) -> str:
        header = rs.header
        self.flush(header.loc.line, "")
        self.emit(f"ruleset {quote(header.title)}")
        for item in header.given:
            self.emit(self.header_item(header, item), _INDENT)
        decls: list[object] = [
            *rs.inputs,
            *rs.constraints,
            *rs.fields,
            *rs.overrides,
            *rs.removals,
            *[d for d in (rs.classes, rs.ranking, rs.downgrade) if d is not None],
        ]
        previous: type | None = None
        for decl in sorted(decls, key=lambda d: (_line(d), _column(d))):
            kind = type(decl)
            if kind is not previous or kind in (n.Node, n.Override, n.Classes):
                self.emit("")
            previous = kind
            self.declaration(decl)
        self.flush(10**9, "")
        return "\n".join(self.out).strip("\n") + "\n"

    @staticmethod
    def header_item(header: n.Header, item: str) -> str:
        if item == "year":
            return f"year {header.year}"
        if item == "level":
            return f"level {header.level}"
        if item == "basis":
            return f"basis {quote(header.basis)}"
        if item == "scale":
            assert header.scale is not None
            return f"scale {number(header.scale)}"
        if item == "rounding":
            return f"rounding {header.rounding_mode} {header.rounding_places}"
        if item == "index_places":
            return f"index rounding {header.index_places}"
        if item == "extends":
            assert header.extends is not None
            return f"extends {quote(header.extends)}"
        raise ValueError(item)  # pragma: no cover

    def declaration(self, decl: object) -> None:
        self.flush(_line(decl), "")
        if isinstance(decl, n.InputDecl):
            self.emit(input_decl(decl))
        elif isinstance(decl, n.Constraint):
            message = f" {quote(decl.message)}" if decl.message else ""
            self.emit(f"constraint {expr(decl.condition)}{message}")
        elif isinstance(decl, n.Node):
            self.node(decl, "", "")
        elif isinstance(decl, n.Override):
            self.node(decl.node, "", "override ")
        elif isinstance(decl, n.Remove):
            self.emit(f"remove input {decl.code}" if decl.what == "input" else f"remove {decl.code}")
        elif isinstance(decl, n.Classes):
            self.emit(f"classes by {decl.measure} {{")
            for band in decl.bands:
                self.flush(band.loc.line, _INDENT)
                self.emit(f"{quote(band.name)}: {band.interval.describe()}", _INDENT)
            self.emit("}")
        elif isinstance(decl, n.Ranking):
            order = "descending" if decl.descending else "ascending"
            tie = f" tie_break {', '.join(decl.tie_break)}" if decl.tie_break else ""
            self.emit(f"ranking by {decl.measure} {order}{tie}")
        elif isinstance(decl, n.Downgrade):
            self.emit(
                f"downgrade when share of {decl.members} at class or better below {decl.numerator} / {decl.denominator}"
            )

    def node(self, node: n.Node, indent: str, prefix: str) -> None:
        head = indent + prefix + node_head(node)
        items = self.items(node)
        inner_lines = [loc.line for loc in _locs(node)]
        last = max(inner_lines, default=node.loc.line)
        has_inner_comment = any(node.loc.line < line <= last for line, _ in self.pending)
        one_line = f"{head} {{ {' '.join(text for _, text in items)} }}"
        if not node.children and not has_inner_comment and len(one_line) <= _ONE_LINE_WIDTH:
            self.flush(last, indent)
            self.out.append(one_line)
            return
        self.flush(node.loc.line, indent)
        self.out.append(head + " {")
        inner = indent + _INDENT
        for line, text in items:
            if line:
                self.flush(line, inner)
            self.out.append(inner + text)
        for child in node.children:
            self.node(child, inner, "")
        self.out.append(indent + "}")

    @staticmethod
    def items(node: n.Node) -> list[tuple[int, str]]:
        """(source line or 0, text) of a node's own items, in canonical order."""
        out: list[tuple[int, str]] = []
        if node.source is not None:
            out.append((0, f"source {node.source}"))
        if node.agency:
            out.append((0, f"agency {quote(node.agency)}"))
        if node.basis:
            out.append((0, f"basis {quote(node.basis)}"))
        if node.note:
            out.append((0, f"note {quote(node.note)}"))
        if node.round_places is not None:
            out.append((0, f"round {node.round_places}"))
        for mono in node.monotone:
            out.append((mono.loc.line, f"monotone {mono.direction} in {mono.input}"))
        if node.not_applicable_when is not None:
            out.append((node.not_applicable_when.loc.line, f"not applicable when {expr(node.not_applicable_when)}"))
        for let in node.lets:
            out.append((let.loc.line, f"let {let.name} = {expr(let.value)}"))
        if isinstance(node.score, n.PointsInput):
            default = "p_" + node.code.replace(".", "_")
            text = "score points" if node.score.input == default else f"score points as {node.score.input}"
            out.append((node.score.loc.line, text))
        elif node.score is not None:
            out.append((node.score.loc.line, f"score {expr(node.score)}"))
        return out


def input_decl(decl: n.InputDecl) -> str:
    kind = decl.type
    if kind == "rank":
        assert decl.low is not None and decl.high is not None
        kind = f"rank {number(decl.low)}..{number(decl.high)}"
    elif kind == "choice":
        labels = decl.labels or ("",) * len(decl.options)
        options = [o + (f" label {quote(lab)}" if lab else "") for o, lab in zip(decl.options, labels, strict=True)]
        kind = "choice { " + ", ".join(options) + " }"
    parts = [f"input {decl.name}: {kind}"]
    if decl.description:
        parts.append(quote(decl.description))
    if decl.unit:
        parts.append(f"unit {quote(decl.unit)}")
    if decl.type != "rank" and (decl.low is not None or decl.high is not None):
        assert decl.low is not None and decl.high is not None
        parts.append(f"in {number(decl.low)}..{number(decl.high)}")
    return " ".join(parts)


def _line(decl: object) -> int:
    loc = getattr(decl, "loc", None)
    return loc.line if isinstance(loc, n.Location) else 0


def _column(decl: object) -> int:
    loc = getattr(decl, "loc", None)
    return loc.column if isinstance(loc, n.Location) else 0


def _locs(node: n.Node) -> list[n.Location]:
    """Every location inside a node (its items and formulas), to find the lines it spans."""
    locs = [node.loc, node.max_loc]
    for item in n.walk_expr((node.score, node.not_applicable_when, node.lets, node.monotone)):
        loc = getattr(item, "loc", None)
        if isinstance(loc, n.Location) and loc.line:
            locs.append(loc)
    for child in node.children:
        locs.extend(_locs(child))
    return locs


def scaled_number_texts(ints: Iterable[int], scale: int, lang: str, places: int) -> list[str]:
    """``number_text(i / 10**scale, lang, places)`` of each integer of a column, computed in
    integers (Babel's formatter costs tens of µs a call: a column of 100,000 scores is written
    in a fraction of that).  Equal to ``number_text`` for every value (tests/test_columns_io.py);
    a column whose scale is finer than ``places`` (which ``number_text`` would round in the
    context) is formatted by ``number_text`` itself."""
    if scale > places:
        return [number_text(Decimal(int(i)).scaleb(-scale), lang, places) for i in ints]
    factor = 10 ** (places - scale)
    unit = 10**places
    point, group = (",", ".") if lang == "vi" else (".", "")
    out: list[str] = []
    for i in ints:
        value = int(i) * factor
        whole, fraction = divmod(-value if value < 0 else value, unit)
        text = f"{whole:,}".replace(",", group) if group else str(whole)
        if places:
            text += point + str(fraction).zfill(places)
        out.append("-" + text if value < 0 else text)
    return out
