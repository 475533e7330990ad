"""Stage 1: ruleset text -> AST (``nodes.Ruleset``).

Lark's LALR parser with the contextual lexer does the syntax; the transformer
below only builds attrs nodes and never decides anything about scoring.  Lark's
own exceptions are turned into ``RulesetError`` with file:line:col, the line,
a caret and the expected tokens in plain words.

The parser is Lark's standalone form of grammar/parrules.lark (``parrules.grammar.standalone``,
written by tools/gen_parser.py): its tables are built ahead of time and committed, so a
process reads them instead of building them (most of a command's start-up), and
``lark`` itself is not imported.  Its Tree, Token, Transformer and exceptions are that
module's own classes, which is why they are imported from it below.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import attrs

from . import nodes as n
from .errors import Diagnostic, RulesetError
from .grammar import standalone
from .grammar.standalone import Token, Transformer, v_args
from .limits import (
    MAX_ARGUMENTS,
    MAX_CONSTRAINTS,
    MAX_EXPRESSION_DEPTH,
    MAX_INPUTS,
    MAX_LETS,
    MAX_NUMBER_DIGITS,
    MAX_RULESET_BYTES,
    MAX_TABLE_ROWS,
    MAX_TREE_DEPTH,
    check_nesting,
)
from .wording import Sentence, listed, sentence

FUNCTIONS = ("rate", "min", "max", "clamp", "deduct")

# How Lark's terminal names read to a person writing a ruleset (words as sentences, said in
# the run's language; a token of the language is shown as written).
_TOKEN_WORDS: dict[str, str | Sentence] = {
    "STRING": sentence('a quoted text ("...")'),
    "NUMBER": sentence("a number"),
    "INT": sentence("a whole number"),
    "CODE": sentence("a node code such as 3.4.1"),
    "NAME": sentence("a name"),
    "LBRACE": '"{"',
    "RBRACE": '"}"',
    "LPAR": '"("',
    "RPAR": '")"',
    "COLON": '":"',
    "COMMA": '","',
    "PERCENT": '"%"',
    "COMPARE": sentence("a comparison (<, <=, ==, ...)"),
    "ADD_OP": sentence('"+" or "-"'),
    "MUL_OP": sentence('"*" or "/"'),
    "MINUS": '"-"',
    "EQUAL": '"="',
    "SLASH": '"/"',
    "MAX_FN": "max(",
    "$END": sentence("the end of the file"),
}


@functools.lru_cache(maxsize=1)
def grammar_text() -> str:
    return resources.files("parrules.grammar").joinpath("parrules.lark").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _parser() -> standalone.Lark:
    """The parser of grammar/parrules.lark, from the tables tools/gen_parser.py built ahead of time."""
    return standalone.Lark_StandAlone()


def parse(text: str, path: str = "<string>") -> n.Ruleset:
    """Parse ruleset text into its AST, or raise RulesetError naming file:line:col."""
    if len(text) > MAX_RULESET_BYTES or len(text.encode("utf-8", errors="replace")) > MAX_RULESET_BYTES:
        raise RulesetError(
            [
                Diagnostic(
                    "error",
                    "E001",
                    f"the ruleset is larger than {MAX_RULESET_BYTES // 1_000_000} MB; split it or check the file",
                    n.Location(path, 1, 1),
                    sentence=sentence(
                        "the ruleset is larger than {mb} MB; split it or check the file", mb=MAX_RULESET_BYTES // 1_000_000
                    ),
                )
            ]
        )
    lines = text.splitlines()
    check_nesting(text, path)
    try:
        tree = _parser().parse(text)
    except standalone.UnexpectedInput as exc:
        diagnostic = _syntax_diagnostic(exc, text, lines, path)
        raise RulesetError([_decimal_comma(diagnostic, lines) or _unclosed_block(diagnostic, lines) or diagnostic]) from None
    _check_tree_depth(tree, path, lines)
    try:
        return _ToAst(path, lines).transform(tree)  # type: ignore[no-any-return]
    except standalone.VisitError as exc:
        if isinstance(exc.orig_exc, RulesetError):
            raise exc.orig_exc from None
        if isinstance(exc.orig_exc, RecursionError):
            _fail("E009", sentence("the ruleset is nested too deeply to read"), n.Location(path, 1, 1), lines)
        raise
    except RecursionError:
        _fail("E009", sentence("the ruleset is nested too deeply to read"), n.Location(path, 1, 1), lines)
        raise


def _check_tree_depth(tree: standalone.Tree, path: str, lines: list[str]) -> None:
    """E009 at the first subtree deeper than MAX_TREE_DEPTH (the AST builder recurses; this walk does not)."""
    stack: list[tuple[Any, int]] = [(tree, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, standalone.Tree):
            continue
        if depth > MAX_TREE_DEPTH:
            meta = item.meta
            loc = n.Location(path, 1, 1) if getattr(meta, "empty", True) else n.Location(path, meta.line, meta.column)
            _fail("E009", sentence("a formula is nested more than {limit} operators deep", limit=MAX_EXPRESSION_DEPTH), loc, lines)
        stack.extend((child, depth + 1) for child in item.children)


def _syntax_diagnostic(exc: standalone.UnexpectedInput, text: str, lines: list[str], path: str) -> Diagnostic:
    line = getattr(exc, "line", 1) or 1
    column = getattr(exc, "column", 1) or 1
    if line < 1:  # Lark reports -1 at the end of input
        line = max(len(lines), 1)
        column = len(lines[-1]) + 1 if lines else 1
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if isinstance(exc, standalone.UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        char = text[pos] if pos < len(text) else "?"
        code = "E002"
        message: Sentence
        if char == '"':
            message = sentence('this text is never closed: the " that ends it is missing on this line')
        else:
            message = sentence("unexpected character {char!r}", char=char)
            expected = _sorted_words(getattr(exc, "allowed", None) or ())
            if expected:
                message = sentence("unexpected character {char!r}; expected {expected}", char=char, expected=_one_of(expected))
    elif isinstance(exc, standalone.UnexpectedToken):
        token = exc.token
        shown: str | Sentence
        if token.type == "$END":
            shown = sentence("end of the file")
            line, column, source_line = _end_of(lines)
        else:
            shown = repr(str(token))
        message = sentence("unexpected {token}", token=shown)
        code = "E003"
        expected = _sorted_words(exc.expected)
        if expected:
            message = sentence("unexpected {token}; expected {expected}", token=shown, expected=_one_of(expected))
    else:
        message = sentence("unexpected end of the file")
        code = "E004"
        line, column, source_line = _end_of(lines)
        expected = _sorted_words(getattr(exc, "expected", ()))
        if expected:
            message = sentence("unexpected end of the file; expected {expected}", expected=_one_of(expected))
    return Diagnostic("error", code, str(message), n.Location(path, line, column), source_line, sentence=message)


_DECIMAL_COMMA = re.compile(r"(?<![\w.])(-?\d+),(\d+)(%?)")


def _decimal_comma(diagnostic: Diagnostic, lines: list[str]) -> Diagnostic | None:
    """E025 for ``max 9,5``: the seeds print numbers with a decimal comma, the language
    takes a decimal point; say so instead of listing every token the parser expected."""
    line = diagnostic.source_line
    if diagnostic.code not in ("E002", "E003") or not line:
        return None
    for match in _DECIMAL_COMMA.finditer(line):
        comma = match.start(2)  # 1-based column of the comma is comma
        if comma == diagnostic.loc.column:
            whole, fraction, percent = match.groups()
            message = sentence(
                "{number} has a decimal comma: write {fixed}",
                number=f"{whole},{fraction}{percent}",
                fixed=f"{whole}.{fraction}{percent}",
            )
            loc = n.Location(diagnostic.loc.file, diagnostic.loc.line, match.start(1) + 1)
            return Diagnostic("error", "E025", str(message), loc, line, sentence=message)
    return None


def _unclosed_block(diagnostic: Diagnostic, lines: list[str]) -> Diagnostic | None:
    """E026 where a block whose ``}`` is missing was opened, instead of the error the parser
    meets lines later at the next construct.

    Only when the file has more ``{`` than ``}`` (so a ``}`` is missing for sure); the block
    is the innermost one that a later line leaves by its indentation: a line (not a ``}``)
    indented no deeper than the line that opened the block, before the parser's error."""
    opened: list[tuple[int, int, int]] = []  # (line, column of "{", indentation of its line)
    suspect: tuple[int, int] | None = None
    balance = 0
    for number, content in enumerate(lines, start=1):
        stripped = content.lstrip()
        indent = len(content) - len(stripped)
        if (
            suspect is None
            and opened
            and number <= diagnostic.loc.line
            and stripped
            and not stripped.startswith(("}", "#"))
            and indent <= opened[-1][2]
        ):
            suspect = opened[-1][:2]
        in_string = escaped = False
        for column, ch in enumerate(content, start=1):
            if in_string:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch == "#":
                break
            elif ch == "{":
                balance += 1
                opened.append((number, column, indent))
            elif ch == "}":
                balance -= 1
                if opened:
                    opened.pop()
    if suspect is None and opened and diagnostic.message.startswith("unexpected end of the file"):
        if opened[-1][0] < _end_of(lines)[0]:  # the file ends inside a block opened lines before
            suspect = opened[-1][:2]  # (one opened on the last line: the } goes at the end, as E003 says)
    if suspect is None or balance <= 0:
        return None
    line, column = suspect
    message = sentence(
        "this {{ is never closed: add the }} that ends this block (the parser stopped at line {line})",
        line=diagnostic.loc.line,
    )
    return Diagnostic(
        "error", "E026", str(message), n.Location(diagnostic.loc.file, line, column), lines[line - 1], sentence=message
    )


def _end_of(lines: list[str]) -> tuple[int, int, str]:
    """Line, column and text just after the last non-blank line: where the file ends."""
    for number in range(len(lines), 0, -1):
        content = lines[number - 1].rstrip()
        if content:
            return number, len(content) + 1, lines[number - 1]
    return 1, 1, ""


def _sorted_words(terminals: object) -> list[str | Sentence]:
    """Expected tokens in plain words, punctuation (such as "}") first, then keywords and kinds of value."""
    words = {_word(t) for t in terminals}  # type: ignore[attr-defined]
    return sorted(words, key=lambda w: (str(w).strip('"')[:1].isalnum(), str(w)))


def _word(terminal: str) -> str | Sentence:
    if terminal in _TOKEN_WORDS:
        return _TOKEN_WORDS[terminal]
    try:
        pattern = _parser().get_terminal(terminal).pattern
    except KeyError:
        return terminal.lower()
    if isinstance(pattern, standalone.PatternStr):
        return f'"{pattern.value}"'
    return terminal.lower()


def _one_of(words: list[str | Sentence]) -> str | Sentence:
    """``a, b or c`` (at most twelve, then ``...``), said in the language of the sentence around it."""
    if len(words) == 1:
        return words[0]
    if len(words) > 12:
        return listed([*words[:12], "..."])
    return sentence("{some} or {last}", some=listed(words[:-1]), last=words[-1])


def _decimal(token: Token, path: str, lines: list[str]) -> Decimal:
    text = str(token)
    if len(text.replace(".", "")) > MAX_NUMBER_DIGITS:
        _fail(
            "E005",
            sentence("the number {text}... has more than {limit} digits", text=text[:20], limit=MAX_NUMBER_DIGITS),
            n.Location(path, token.line or 1, token.column or 1),
            lines,
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the lexer only lets digits through
        _fail("E005", sentence("not a number: {text!r}", text=text), n.Location(path, token.line or 1, token.column or 1), lines)
        raise


def _fail(code: str, message: Sentence, loc: n.Location, lines: list[str]) -> None:
    source_line = lines[loc.line - 1] if 0 < loc.line <= len(lines) else ""
    raise RulesetError([Diagnostic("error", code, str(message), loc, source_line, sentence=message)])


def _check_width(items: list[Any], limit: int, code: str, what: Sentence, lines: list[str], loc: Any = None) -> None:
    """A located error at the first of ``items`` beyond ``limit`` (rows of a table, inputs, arguments).

    Checked while the AST is built, before the checker and the code generator spend
    time and memory in proportion to the width; see limits.py."""
    if len(items) > limit:
        beyond = items[limit]
        where = loc(beyond) if loc is not None else beyond.loc
        _fail(
            code,
            sentence(
                "more than {limit} {what} ({count}); split it or check the file",
                limit=limit, what=what, count=len(items),
            ),
            where,
            lines,
        )


def _choice_labels(options: tuple[tuple[str, str | None], ...]) -> tuple[str, ...]:
    """One label per option ("" where none is written), or () when no option has one."""
    if all(label is None for _code, label in options):
        return ()
    return tuple("" if label is None else label for _code, label in options)


def _unquote(token: Token) -> str:
    body = str(token)[1:-1]
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


class _Item:
    """A node item or header item before it is folded into its owner."""

    def __init__(self, kind: str, value: Any, loc: n.Location):
        self.kind = kind
        self.value = value
        self.loc = loc


@v_args(meta=True)
class _ToAst(Transformer):  # type: ignore[type-arg]
    """Builds the AST; each method is named after the grammar rule it builds."""

    def __init__(self, path: str, lines: list[str]):
        super().__init__()
        self.path = path
        self.lines = lines

    # -- helpers
    def _loc(self, meta: Any) -> n.Location:
        if getattr(meta, "empty", True):
            return n.Location(self.path, 1, 1)
        return n.Location(self.path, meta.line, meta.column)

    def _tloc(self, token: Token) -> n.Location:
        return n.Location(self.path, token.line or 1, token.column or 1)

    def _num(self, token: Token) -> Decimal:
        return _decimal(token, self.path, self.lines)

    # -- header
    def start(self, meta: Any, children: list[Any]) -> n.Ruleset:
        header: n.Header = children[0]
        inputs: list[n.InputDecl] = []
        constraints: list[n.Constraint] = []
        fields: list[n.Node] = []
        overrides: list[n.Override] = []
        removals: list[n.Remove] = []
        classes = ranking = downgrade = None
        for decl in children[1:]:
            if isinstance(decl, n.InputDecl):
                inputs.append(decl)
            elif isinstance(decl, n.Constraint):
                constraints.append(decl)
            elif isinstance(decl, n.Node):
                fields.append(decl)
            elif isinstance(decl, n.Override):
                overrides.append(decl)
            elif isinstance(decl, n.Remove):
                removals.append(decl)
            elif isinstance(decl, n.Classes):
                if classes is not None:
                    _fail("E006", sentence("classes are declared twice"), decl.loc, self.lines)
                classes = decl
            elif isinstance(decl, n.Ranking):
                if ranking is not None:
                    _fail("E006", sentence("ranking is declared twice"), decl.loc, self.lines)
                ranking = decl
            elif isinstance(decl, n.Downgrade):
                if downgrade is not None:
                    _fail("E006", sentence("the downgrade rule is declared twice"), decl.loc, self.lines)
                downgrade = decl
        _check_width(inputs, MAX_INPUTS, "E012", sentence("inputs in one ruleset"), self.lines)
        _check_width(constraints, MAX_CONSTRAINTS, "E013", sentence("constraints in one ruleset"), self.lines)
        return n.Ruleset(
            header=header,
            inputs=tuple(inputs),
            constraints=tuple(constraints),
            fields=tuple(fields),
            classes=classes,
            ranking=ranking,
            downgrade=downgrade,
            overrides=tuple(overrides),
            removals=tuple(removals),
            path=self.path,
        )

    def header(self, meta: Any, children: list[Any]) -> n.Header:
        title = _unquote(children[0])
        values: dict[str, Any] = {}
        for item in children[1:]:
            if item.kind in values:
                _fail("E006", sentence("{what} is given twice in the header", what=item.kind.replace("_", " ")), item.loc, self.lines)
            values[item.kind] = item.value
        given = tuple(values)
        rounding = values.pop("rounding", ("half_up", 4))
        return n.Header(
            title=title,
            rounding_mode=rounding[0],
            rounding_places=rounding[1],
            given=given,
            loc=self._loc(meta),
            **values,
        )

    def year(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("year", int(self._num(children[0])), self._loc(meta))

    def level(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("level", children[0], self._loc(meta))

    def basis(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("basis", _unquote(children[0]), self._loc(meta))

    def scale(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("scale", self._num(children[0]), self._loc(meta))

    def rounding(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("rounding", (children[0], _places(children[1], self._loc(meta), self.lines)), self._loc(meta))

    def index_rounding(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("index_places", _places(children[0], self._loc(meta), self.lines), self._loc(meta))

    def extends(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("extends", _unquote(children[0]), self._loc(meta))

    def _keyword(self, meta: Any, children: list[Any]) -> str:
        return str(children[0])

    level_name = rounding_mode = node_kind = source_kind = direction = measure = order = _keyword

    # -- inputs
    def input_decl(self, meta: Any, children: list[Any]) -> n.InputDecl:
        name = str(children[0])
        kind, extra = children[1]
        description = ""
        unit = ""
        low = high = None
        for item in children[2:]:
            if isinstance(item, Token):
                description = _unquote(item)
            elif item.kind == "unit":
                unit = item.value
            elif item.kind == "bounds":
                low, high = item.value
        if kind == "rank":
            low, high = extra
        return n.InputDecl(
            name=name,
            type=kind,
            description=description,
            unit=unit,
            low=low,
            high=high,
            options=tuple(code for code, _label in extra) if kind == "choice" else (),
            loc=self._tloc(children[0]),
            labels=_choice_labels(extra) if kind == "choice" else (),
        )

    def t_count(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("count", None)

    def t_money(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("money", None)

    def t_percent(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("percent", None)

    def t_ratio(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("ratio", None)

    def t_number(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("number", None)

    def t_yesno(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("yesno", None)

    def t_points(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("points", None)

    def t_rank(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("rank", (self._num(children[0]), self._num(children[1])))

    def t_choice(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        _check_width(children, MAX_TABLE_ROWS, "E010", sentence("options in one choice input"), self.lines, lambda c: c[2])
        return ("choice", tuple((code, label) for code, label, _loc in children))

    def choice_option(self, meta: Any, children: list[Any]) -> tuple[str, str | None, n.Location]:
        """(code, label or None, where): ``none label "Không vi phạm"``."""
        label = _unquote(children[1]) if len(children) > 1 else None
        return (str(children[0]), label, self._tloc(children[0]))

    def unit(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("unit", _unquote(children[0]), self._loc(meta))

    def bounds(self, meta: Any, children: list[Any]) -> _Item:
        low, high = children
        return _Item("bounds", (_input_units(low), _input_units(high)), self._loc(meta))

    def negative_bound(self, meta: Any, children: list[Any]) -> n.Number | n.Percent:
        constant = children[0]
        return attrs.evolve(constant, value=-constant.value)

    def constraint_decl(self, meta: Any, children: list[Any]) -> n.Constraint:
        message = _unquote(children[1]) if len(children) > 1 else ""
        return n.Constraint(children[0], message, self._loc(meta))

    # -- the tree
    def node(self, meta: Any, children: list[Any]) -> n.Node:
        kind, code, title, max_token = children[:4]
        values: dict[str, Any] = {}
        lets: list[n.Let] = []
        monotone: list[n.Monotone] = []
        kids: list[n.Node] = []
        loc = self._loc(meta)
        for item in children[4:]:
            if isinstance(item, n.Node):
                kids.append(item)
            elif isinstance(item, n.Let):
                lets.append(item)
            elif isinstance(item, n.Monotone):
                monotone.append(item)
            else:
                if item.kind in values:
                    what = "score" if item.kind in ("score", "points") else item.kind.replace("_", " ")
                    _fail("E006", sentence("{what} is given twice for node {code}", what=what, code=code), item.loc, self.lines)
                if (item.kind == "points" and "score" in values) or (item.kind == "score" and "points" in values):
                    _fail("E006", sentence("score is given twice for node {code}", code=code), item.loc, self.lines)
                values[item.kind] = item
        _check_width(lets, MAX_LETS, "E014", sentence("lets in node {code}", code=code), self.lines)
        score: n.Expr | None = None
        if "score" in values:
            score = values["score"].value
        elif "points" in values:
            name = values["points"].value or "p_" + str(code).replace(".", "_")
            score = n.PointsInput(name, values["points"].loc)
        return n.Node(
            kind=kind,
            code=str(code),
            title=_unquote(title),
            max=self._num(max_token),
            source=values["source"].value if "source" in values else None,
            agency=values["agency"].value if "agency" in values else "",
            basis=values["basis"].value if "basis" in values else "",
            note=values["note"].value if "note" in values else "",
            round_places=values["round"].value if "round" in values else None,
            monotone=tuple(monotone),
            not_applicable_when=values["not_applicable"].value if "not_applicable" in values else None,
            lets=tuple(lets),
            score=score,
            children=tuple(kids),
            loc=loc,
            max_loc=self._tloc(max_token),
        )

    def source(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("source", children[0], self._loc(meta))

    def agency(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("agency", _unquote(children[0]), self._loc(meta))

    def note(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("note", _unquote(children[0]), self._loc(meta))

    def round(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("round", _places(children[0], self._loc(meta), self.lines), self._loc(meta))

    def monotone(self, meta: Any, children: list[Any]) -> n.Monotone:
        return n.Monotone(str(children[1]), children[0], self._loc(meta))

    def not_applicable(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("not_applicable", children[0], self._loc(meta))

    def let(self, meta: Any, children: list[Any]) -> n.Let:
        return n.Let(str(children[0]), children[1], self._loc(meta))

    def score(self, meta: Any, children: list[Any]) -> _Item:
        return _Item("score", children[0], self._loc(meta))

    def score_points(self, meta: Any, children: list[Any]) -> _Item:
        name = str(children[0]) if children and children[0] is not None else None
        return _Item("points", name, self._loc(meta))

    # -- expressions
    def if_expr(self, meta: Any, children: list[Any]) -> n.If:
        return n.If(children[0], children[1], children[2], self._loc(meta))

    def or_(self, meta: Any, children: list[Any]) -> n.BoolOp:
        return n.BoolOp("or", children[0], children[1], self._loc(meta))

    def and_(self, meta: Any, children: list[Any]) -> n.BoolOp:
        return n.BoolOp("and", children[0], children[1], self._loc(meta))

    def not_(self, meta: Any, children: list[Any]) -> n.Not:
        return n.Not(children[0], self._loc(meta))

    def compare(self, meta: Any, children: list[Any]) -> n.Compare:
        return n.Compare(str(children[1]), children[0], children[2], self._loc(meta))

    def binop(self, meta: Any, children: list[Any]) -> n.BinOp:
        return n.BinOp(str(children[1]), children[0], children[2], self._loc(meta))

    def neg(self, meta: Any, children: list[Any]) -> n.Expr:
        operand = children[0]
        if isinstance(operand, n.Number):
            return n.Number(-operand.value, self._loc(meta))
        return n.Neg(operand, self._loc(meta))

    def number(self, meta: Any, children: list[Any]) -> n.Number:
        return n.Number(self._num(children[0]), self._loc(meta))

    def percent(self, meta: Any, children: list[Any]) -> n.Percent:
        return n.Percent(self._num(children[0]) / 100, self._loc(meta))

    def ref(self, meta: Any, children: list[Any]) -> n.Ref:
        return n.Ref(str(children[0]), self._loc(meta))

    def node_max(self, meta: Any, children: list[Any]) -> n.NodeMax:
        return n.NodeMax(self._loc(meta))

    def keyword(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return (str(children[0]), children[1])

    def keyword_na(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return (str(children[0]), n.NotApplicableValue(self._loc(meta)))

    def call(self, meta: Any, children: list[Any]) -> n.Expr:
        name = str(children[0])
        loc = self._loc(meta)
        args = [c for c in children[1:] if c is not None and not isinstance(c, tuple)]
        kwargs: dict[str, Any] = {}
        for c in children[1:]:
            if isinstance(c, tuple):
                if c[0] in kwargs:
                    _fail("E007", sentence("{name}() is given {option}: twice", name=name, option=c[0]), loc, self.lines)
                kwargs[c[0]] = c[1]
        if name not in FUNCTIONS:
            _fail("E007", sentence("unknown function {name!r}; the functions are {functions}", name=name, functions=", ".join(FUNCTIONS)), loc, self.lines)
        builder = getattr(self, "_call_" + name)
        return builder(args, kwargs, loc)  # type: ignore[no-any-return]

    def _expect(
        self,
        name: str,
        args: list[Any],
        kwargs: dict[str, Any],
        positional: int,
        allowed: tuple[str, ...],
        loc: n.Location,
    ) -> None:
        if len(args) != positional:
            _fail("E007", sentence("{name}() takes {n} values, not {given}", name=name, n=positional, given=len(args)), loc, self.lines)
        unknown = sorted(set(kwargs) - set(allowed))
        if unknown:
            allowed_text = ", ".join(a + ":" for a in allowed) or sentence("no named options")
            _fail("E007", sentence("{name}() has no option {option}:; it takes {allowed}", name=name, option=unknown[0], allowed=allowed_text), loc, self.lines)
        for key, value in kwargs.items():
            if isinstance(value, n.NotApplicableValue) and (name, key) != ("rate", "empty"):
                _fail("E007", sentence("na is only allowed as rate(..., empty: na), not as {name}() {key}:", name=name, key=key), loc, self.lines)

    def _call_rate(self, args: list[Any], kwargs: dict[str, Any], loc: n.Location) -> n.Rate:
        self._expect("rate", args, kwargs, 2, ("empty",), loc)
        return n.Rate(args[0], args[1], kwargs.get("empty"), loc)

    def _call_min(self, args: list[Any], kwargs: dict[str, Any], loc: n.Location) -> n.Extremum:
        return self._extremum("min", args, kwargs, loc)

    def _call_max(self, args: list[Any], kwargs: dict[str, Any], loc: n.Location) -> n.Extremum:
        return self._extremum("max", args, kwargs, loc)

    def _extremum(self, kind: str, args: list[Any], kwargs: dict[str, Any], loc: n.Location) -> n.Extremum:
        if len(args) < 2 or kwargs:
            _fail("E007", sentence("{kind}() takes two or more values and no named options", kind=kind), loc, self.lines)
        _check_width(args, MAX_ARGUMENTS, "E011", sentence("values in one {kind}()", kind=kind), self.lines)
        return n.Extremum(kind, tuple(args), loc)

    def _call_clamp(self, args: list[Any], kwargs: dict[str, Any], loc: n.Location) -> n.Clamp:
        self._expect("clamp", args, kwargs, 3, (), loc)
        return n.Clamp(args[0], args[1], args[2], loc)

    def _call_deduct(self, args: list[Any], kwargs: dict[str, Any], loc: n.Location) -> n.Deduct:
        self._expect("deduct", args, kwargs, 2, ("floor", "start"), loc)
        return n.Deduct(
            events=args[0],
            each=args[1],
            floor=kwargs.get("floor", n.Number(Decimal(0), loc)),
            start=kwargs.get("start", n.NodeMax(loc)),
            loc=loc,
        )

    def tiers(self, meta: Any, children: list[Any]) -> n.Tiers:
        _check_width(children[1:], MAX_TABLE_ROWS, "E010", sentence("rows in one tiers table"), self.lines)
        return n.Tiers(children[0], tuple(children[1:]), self._loc(meta))

    def tier(self, meta: Any, children: list[Any]) -> n.Tier:
        return n.Tier(children[0], children[1], self._loc(meta))

    def otherwise_tier(self, meta: Any, children: list[Any]) -> n.Tier:
        loc = self._loc(meta)
        return n.Tier(n.Interval(None, None, loc), children[0], loc)

    def na_value(self, meta: Any, children: list[Any]) -> n.NotApplicableValue:
        return n.NotApplicableValue(self._loc(meta))

    def interval(self, meta: Any, children: list[Any]) -> n.Interval:
        lower = upper = None
        for side, bound in children:
            if side == "lower":
                lower = bound
            else:
                upper = bound
        return n.Interval(lower, upper, self._loc(meta))

    def _bound(self, constant: n.Number | n.Percent, closed: bool) -> n.Bound:
        line = self.lines[constant.loc.line - 1] if 0 < constant.loc.line <= len(self.lines) else ""
        return n.Bound(constant.value, closed, _constant_text(constant, line))

    def lower_closed(self, meta: Any, children: list[Any]) -> tuple[str, n.Bound]:
        return ("lower", self._bound(children[0], True))

    def lower_open(self, meta: Any, children: list[Any]) -> tuple[str, n.Bound]:
        return ("lower", self._bound(children[0], False))

    def upper_open(self, meta: Any, children: list[Any]) -> tuple[str, n.Bound]:
        return ("upper", self._bound(children[0], False))

    def upper_closed(self, meta: Any, children: list[Any]) -> tuple[str, n.Bound]:
        return ("upper", self._bound(children[0], True))

    def linear(self, meta: Any, children: list[Any]) -> n.Linear:
        _check_width(children[1:], MAX_TABLE_ROWS, "E010", sentence("points in one linear table"), self.lines)
        return n.Linear(children[0], tuple(children[1:]), self._loc(meta))

    def linear_point(self, meta: Any, children: list[Any]) -> n.LinearPoint:
        at = children[0]
        line = self.lines[at.loc.line - 1] if 0 < at.loc.line <= len(self.lines) else ""
        return n.LinearPoint(at.value, _constant_text(at, line), children[1], self._loc(meta))

    def ranks(self, meta: Any, children: list[Any]) -> n.Ranks:
        _check_width(children[1:], MAX_TABLE_ROWS, "E010", sentence("bands in one ranks table"), self.lines)
        return n.Ranks(children[0], tuple(children[1:]), self._loc(meta))

    def rank_band(self, meta: Any, children: list[Any]) -> n.RankBand:
        first, last = self._num(children[0]), self._num(children[1])
        loc = self._loc(meta)
        if first != first.to_integral_value() or last != last.to_integral_value():
            _fail("E008", sentence("rank bands take whole ranks such as 1..10"), loc, self.lines)
        return n.RankBand(int(first), int(last), children[2], loc)

    def otherwise_band(self, meta: Any, children: list[Any]) -> n.RankBand:
        return n.RankBand(None, None, children[0], self._loc(meta))

    def choice(self, meta: Any, children: list[Any]) -> n.Choice:
        _check_width(children[1:], MAX_TABLE_ROWS, "E010", sentence("cases in one choice table"), self.lines)
        return n.Choice(str(children[0]), tuple(children[1:]), self._loc(meta))

    def choice_case(self, meta: Any, children: list[Any]) -> n.ChoiceCase:
        return n.ChoiceCase(str(children[0]), children[1], self._loc(meta))

    # -- across units
    def classes_decl(self, meta: Any, children: list[Any]) -> n.Classes:
        _check_width(children[1:], MAX_TABLE_ROWS, "E010", sentence("class bands"), self.lines)
        return n.Classes(children[0], tuple(children[1:]), self._loc(meta))

    def class_band(self, meta: Any, children: list[Any]) -> n.ClassBand:
        return n.ClassBand(_unquote(children[0]), children[1], self._loc(meta))

    def ranking_decl(self, meta: Any, children: list[Any]) -> n.Ranking:
        measure = children[0]
        descending = True
        codes: list[str] = []
        for c in children[1:]:
            if c in ("descending", "ascending") and not isinstance(c, Token):
                descending = c == "descending"
            elif isinstance(c, Token):
                codes.append(str(c))
        return n.Ranking(measure, descending, tuple(codes), self._loc(meta))

    def downgrade_decl(self, meta: Any, children: list[Any]) -> n.Downgrade:
        members, num, den = children
        loc = self._loc(meta)
        self._num(num), self._num(den)  # E005 before int() meets a 100,000-digit number
        if "." in str(num) or "." in str(den) or int(str(den)) == 0:
            _fail("E008", sentence("the share is a fraction of whole numbers such as 2/3"), loc, self.lines)
        return n.Downgrade(str(members), int(str(num)), int(str(den)), loc)

    def override_decl(self, meta: Any, children: list[Any]) -> n.Override:
        return n.Override(children[0], self._loc(meta))

    def remove_decl(self, meta: Any, children: list[Any]) -> n.Remove:
        return n.Remove(str(children[0]), self._loc(meta))

    def remove_input(self, meta: Any, children: list[Any]) -> n.Remove:
        return n.Remove(str(children[0]), self._loc(meta), what="input")


def _places(token: Token, loc: n.Location, lines: list[str]) -> int:
    _decimal(token, loc.file, lines)  # E005 before int() meets a 100,000-digit number
    places = int(str(token))
    if places > 12:
        _fail("E008", sentence("rounding to {places} places is more than the 12 the reports could use", places=places), loc, lines)
    return places


def _input_units(constant: n.Number | n.Percent) -> Decimal:
    """Bounds of an input are written in the input's own unit; ``100%`` there means 100."""
    if isinstance(constant, n.Percent):
        return constant.value * 100
    return constant.value


def _constant_text(constant: n.Number | n.Percent, line: str) -> str:
    if isinstance(constant, n.Percent):
        return f"{(constant.value * 100).normalize():f}%"
    return f"{constant.value.normalize():f}"
