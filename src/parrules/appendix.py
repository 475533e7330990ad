"""The ruleset as the decision's appendix: the criteria table a province publishes.

Provincial decisions end with "Phụ lục: Bộ tiêu chí ...": a table of STT, lĩnh vực /
tiêu chí / tiêu chí thành phần, điểm tối đa, phương pháp chấm điểm, the source of the
points and the agency responsible.  Typed by hand into Word, that table drifts from the
method actually computed (seed 004, Phụ lục 02, prints 8.4's max as 1.00 while it is
scored out of 1.5).  Here it is built from the checked ruleset itself, so what is
published is what is scored.

One document model (``Appendix``: rows of ``Row``), three renderings of it:
Markdown, HTML (print CSS, A4) and DOCX (python-docx, the ``docx`` extra).  The
scoring method of a leaf is written in Vietnamese words by walking the formula's AST
(``_Words``), never by rewording the ruleset's text: a tier table becomes "Từ 95% trở
lên: 4 điểm; từ 80% đến dưới 95%: 3 điểm ...", a rate "điểm tối đa × số hồ sơ đúng hạn
/ số hồ sơ tiếp nhận", with the inputs' own Vietnamese descriptions.  Arguments of a
function are separated by ``;`` because a Vietnamese decimal comma would make ``,``
ambiguous.

Every text of the model comes from the ruleset (titles, descriptions, agencies) and is
data: each renderer writes it through its ``safe_text`` function (``for_markdown``,
``for_html``, ``visible`` for DOCX, whose XML cannot even hold a control character).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import nodes as n
from .context import in_library_context
from .render import markdown_table, number_text
from .safe_text import for_html, for_markdown, visible

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import Ruleset

FORMATS = ("md", "html", "docx")

KIND_WORDS = {"field": "Lĩnh vực", "criterion": "Tiêu chí", "sub": "Tiêu chí thành phần"}
CHILDREN_WORDS = {"field": "các tiêu chí", "criterion": "các tiêu chí thành phần", "sub": "các tiêu chí thành phần"}
SOURCE_ORDER = ("self", "appraisal", "survey")
SOURCE_WORDS = {"self": "Tự đánh giá", "appraisal": "Thẩm định", "survey": "Điều tra xã hội học"}
POINTS_BY = {
    "self": "Điểm do cơ quan, đơn vị tự đánh giá",
    "appraisal": "Điểm do cơ quan thẩm định đánh giá",
    "survey": "Điểm theo kết quả điều tra xã hội học",
}
ROUNDING_WORDS = {
    "half_up": "làm tròn số theo quy tắc từ 5 trở lên làm tròn lên",
    "half_even": "làm tròn số về chữ số chẵn gần nhất khi phần bỏ đi đúng bằng 5",
    "down": "bỏ phần thập phân thừa",
    "up": "làm tròn lên phần thập phân thừa",
}
LEVEL_WORDS = {"province": "cấp tỉnh", "department": "cấp sở", "district": "cấp huyện", "commune": "cấp xã"}
COMPARE_WORDS = {
    ">=": "{l} từ {r} trở lên",
    ">": "{l} trên {r}",
    "<=": "{l} không quá {r}",
    "<": "{l} dưới {r}",
    "==": "{l} bằng {r}",
    "!=": "{l} khác {r}",
}
HEADERS = (
    "STT",
    "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
    "Điểm tối đa",
    "Phương pháp chấm điểm",
    "Nguồn điểm",
    "Đơn vị phụ trách",
)


# ------------------------------------------------------------------ the document model


@attrs.frozen
class Row:
    """One line of the table: a field, a criterion or a sub-criterion, in tree order."""

    code: str
    kind: str  # "field" | "criterion" | "sub"
    title: str
    max: Decimal
    method: tuple[str, ...]  # paragraphs of the scoring method, in Vietnamese
    source: str  # in Vietnamese: "Thẩm định", "Điều tra xã hội học", or several joined by "; "
    agency: str  # the agency responsible (the node's own, else the nearest ancestor's)
    agency_own: bool  # False when the agency is the parent's (shown once, on the parent)
    children_max: Decimal | None = None  # a parent's children's maxima added up; None for a leaf

    @property
    def adds_up(self) -> bool | None:
        """Whether a parent's max equals its children's maxima added up (None for a leaf)."""
        return None if self.children_max is None else self.children_max == self.max


@attrs.frozen
class Appendix:
    """The whole appendix: heading, rows in tree order, the total, and the notes under the table."""

    title: str
    basis: str
    year: int | None
    level: str
    scale: Decimal
    rows: tuple[Row, ...]
    notes: tuple[str, ...]

    @property
    def fields_max(self) -> Decimal:
        return sum((r.max for r in self.rows if r.kind == "field"), Decimal(0))

    def counts(self) -> dict[str, int]:
        """How many fields, criteria and sub-criteria (the decision's "8 lĩnh vực, 37 tiêu chí ...")."""
        return {kind: sum(1 for r in self.rows if r.kind == kind) for kind in KIND_WORDS}


def _num(value: Decimal) -> str:
    """A number as a Vietnamese decision prints it: 1,5; 0,25; 66.186."""
    return number_text(value, "vi")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noun(text: str) -> str:
    """A description used inside a sentence: "Số hồ sơ ..." -> "số hồ sơ ...", but "UBND ..." kept."""
    word = text.split(" ", 1)[0]
    if word[:1].isupper() and word[1:] == word[1:].lower():
        return text[:1].lower() + text[1:]
    return text


# ------------------------------------------------------------------ formulas in words

_ATOM = 8


class _Words:
    """A formula in Vietnamese words, from its AST.  ``notes`` collects the sentences a
    formula needs beside it (what a rate is when its whole is 0)."""

    def __init__(self, inputs: dict[str, n.InputDecl], lets: Sequence[n.Let]):
        self.inputs = inputs
        self.lets = {let.name for let in lets}
        self.notes: list[str] = []

    def text(self, e: Any) -> str:
        return self._expr(e)[0]

    def _wrap(self, e: Any, need: int) -> str:
        text, own = self._expr(e)
        return f"({text})" if own < need else text

    def _name(self, name: str) -> str:
        decl = self.inputs.get(name)
        if name in self.lets or decl is None or not decl.description:
            return name
        return _noun(decl.description)

    def arg(self, e: Any) -> str:
        """An expression inside a list (arguments, branches, table rows): a sentence-like kind
        (if, clamp, deduct, a table), whose words hold ``;`` and ``:``, in parentheses."""
        return self._wrap(e, 1)

    def points(self, e: Any) -> str:
        """A value given as points: "4 điểm" for a number, else the expression."""
        if isinstance(e, n.Number):
            return f"{_num(e.value)} điểm"
        return self.arg(e)

    def _expr(self, e: Any) -> tuple[str, int]:
        method = getattr(self, "_" + type(e).__name__)
        return method(e)

    # -- atoms
    def _Number(self, e: n.Number) -> tuple[str, int]:
        return _num(e.value), (_ATOM if e.value >= 0 else 7)

    def _Percent(self, e: n.Percent) -> tuple[str, int]:
        return _num(e.value * 100) + "%", _ATOM

    def _Ref(self, e: n.Ref) -> tuple[str, int]:
        return self._name(e.name), _ATOM

    def _NodeMax(self, e: n.NodeMax) -> tuple[str, int]:
        return "điểm tối đa", _ATOM

    def _PointsInput(self, e: n.PointsInput) -> tuple[str, int]:
        return self._name(e.input), _ATOM

    # -- arithmetic: × and / as a decision writes them, − the minus sign
    def _BinOp(self, e: n.BinOp) -> tuple[str, int]:
        own = 5 if e.op in "+-" else 6
        # a × (b / c) = a × b / c and a + (b − c) = a + b − c: only − and / need their right side apart
        right_need = own + 1 if e.op in "-/" else own
        if isinstance(e.right, n.Neg):  # 0,5 − (−x), never 0,5 − −x
            right_need = _ATOM
        sign = {"+": "+", "-": "−", "*": "×", "/": "/"}[e.op]
        return f"{self._wrap(e.left, own)} {sign} {self._wrap(e.right, right_need)}", own

    def _Neg(self, e: n.Neg) -> tuple[str, int]:
        return "−" + self._wrap(e.operand, 7), 7

    def _Rate(self, e: n.Rate) -> tuple[str, int]:
        part, whole = self._wrap(e.part, 6), self._wrap(e.whole, 7)
        if isinstance(e.empty, n.NotApplicableValue):
            self.notes.append(
                f"Nếu {self.text(e.whole)} bằng 0: tiêu chí không áp dụng, điểm tối đa của tiêu chí "
                "không tính vào tổng điểm tối đa của đơn vị."
            )
        elif e.empty is not None:
            empty = self.text(e.empty)
            self.notes.append(f"Nếu {self.text(e.whole)} bằng 0: tỷ lệ được tính là {empty}.")
        return f"{part} / {whole}", 6

    def _NotApplicableValue(self, e: n.NotApplicableValue) -> tuple[str, int]:
        # one phrase (no ; or :), so a table row or a branch shows it without parentheses
        return "tiêu chí không áp dụng, điểm tối đa không tính vào tổng điểm tối đa của đơn vị", _ATOM

    def _Extremum(self, e: n.Extremum) -> tuple[str, int]:
        word = "nhỏ nhất" if e.kind == "min" else "lớn nhất"
        return f"giá trị {word} trong ({'; '.join(self.arg(a) for a in e.args)})", _ATOM

    # a sentence-like kind (clamp, deduct, if, a table) has the lowest precedence: it is written
    # without parentheses where it is the whole formula or an argument, inside them anywhere else
    def _Clamp(self, e: n.Clamp) -> tuple[str, int]:
        return f"{self.arg(e.value)}, nhưng không dưới {self.arg(e.low)} và không quá {self.arg(e.high)}", 0

    def _Deduct(self, e: n.Deduct) -> tuple[str, int]:
        events = self.arg(e.events)
        if isinstance(e.events, n.Ref) and e.events.name in self.inputs and self.inputs[e.events.name].unit:
            per = f"mỗi {self.inputs[e.events.name].unit} ({events})"
        else:
            per = f"mỗi đơn vị của ({events})"
        return f"{self.arg(e.start)} trừ {self.points(e.each)} cho {per}, thấp nhất {self.points(e.floor)}", 0

    # -- conditions
    def _Compare(self, e: n.Compare) -> tuple[str, int]:
        return COMPARE_WORDS[e.op].format(l=self._wrap(e.left, 5), r=self._wrap(e.right, 5)), 4

    def _BoolOp(self, e: n.BoolOp) -> tuple[str, int]:
        own = 1 if e.op == "or" else 2
        word = "hoặc" if e.op == "or" else "và"
        return f"{self._wrap(e.left, own)} {word} {self._wrap(e.right, own + 1)}", own

    def _Not(self, e: n.Not) -> tuple[str, int]:
        return "không " + self._wrap(e.operand, _ATOM), 3

    def _If(self, e: n.If) -> tuple[str, int]:
        return self.choices(e, points=False), 0

    def choices(self, e: n.If, points: bool) -> str:
        """``if a then x else if b then y else z`` as "nếu a: x; ngược lại, nếu b: y; ngược lại: z"."""
        value = self.points if points else self.arg
        parts = [f"nếu {self.text(e.condition)}: {value(e.then)}"]
        rest: Any = e.otherwise
        while isinstance(rest, n.If):
            parts.append(f"ngược lại, nếu {self.text(rest.condition)}: {value(rest.then)}")
            rest = rest.otherwise
        parts.append(f"ngược lại: {value(rest)}")
        return "; ".join(parts)

    # -- tables: tiers, linear, ranks, choice
    def table(self, e: Any, points: bool) -> tuple[str, str]:
        """(what the table is read by, its rows as one sentence) of a tiers/linear/ranks/choice formula."""
        value = self.points if points else self.arg
        if isinstance(e, n.Tiers):
            rows = [
                f"{'các trường hợp còn lại' if t.otherwise else interval_words(t.interval)}: {value(t.value)}"
                for t in e.tiers
            ]
            return f"Căn cứ {self.text(e.subject)}", "; ".join(rows)
        if isinstance(e, n.Linear):
            rows = [f"{_bound_text(p.at, p.at_text)}: {value(p.value)}" for p in e.points]
            tail = (
                "giữa hai mốc liền kề, điểm tính theo đường thẳng nối hai mốc; "
                "trước mốc đầu tính như mốc đầu, sau mốc cuối tính như mốc cuối"
            )
            return f"Căn cứ {self.text(e.subject)}, nội suy tuyến tính giữa các mốc", "; ".join([*rows, tail])
        if isinstance(e, n.Ranks):
            rows = [f"{self.band_words(e, b)}: {value(b.value)}" for b in e.bands]
            return f"Căn cứ {self.text(e.subject)}", "; ".join(rows)
        assert isinstance(e, n.Choice)
        decl = self.inputs.get(e.input)
        rows = [f"{decl.label(c.option) if decl else c.option}: {value(c.value)}" for c in e.cases]
        return f"Căn cứ {self._name(e.input)}", "; ".join(rows)

    def band_words(self, e: n.Ranks, band: n.RankBand) -> str:
        """A band's ranks.  An ``otherwise`` band is written as the ranks it takes ("hạng 51 đến
        63") when the bands above it run on from the first rank the subject declares, else as "the
        other ranks": the decision's reader should not have to work it out."""
        if band.first is not None and band.last is not None:
            return f"hạng {band.first}" if band.first == band.last else f"hạng {band.first} đến {band.last}"
        decl = self.inputs.get(e.subject.name) if isinstance(e.subject, n.Ref) else None
        if decl is None or decl.low is None or decl.high is None:
            return "các hạng còn lại"
        following = int(decl.low)
        for b in sorted((b for b in e.bands if b.first is not None), key=lambda b: b.first or 0):
            if b.first != following or b.last is None:
                return "các hạng còn lại"
            following = b.last + 1
        high = int(decl.high)
        if following > high:
            return "các hạng còn lại"
        return f"hạng {following}" if following == high else f"hạng {following} đến {high}"

    def _table_inline(self, e: Any) -> tuple[str, int]:
        lead, rows = self.table(e, points=False)
        return f"{_noun(lead)}: {rows}", 0

    _Tiers = _Linear = _Ranks = _Choice = _table_inline


def _bound_text(value: Decimal, text: str, unit: str = "") -> str:
    """A threshold as the ruleset wrote it: a percent (its text ends in %) as 95%, else the number."""
    if text.endswith("%"):
        return _num(value * 100) + "%"
    return _num(value) + unit


def interval_words(interval: n.Interval, unit: str = "") -> str:
    """``from 80% below 95%`` as "từ 80% đến dưới 95%", ``from 95%`` as "từ 95% trở lên"."""
    lo, hi = interval.lower, interval.upper

    def b(bound: n.Bound) -> str:
        return _bound_text(bound.value, bound.text, unit)

    if lo is not None and hi is not None:
        return f"{'từ' if lo.closed else 'trên'} {b(lo)} đến {'' if hi.closed else 'dưới '}{b(hi)}"
    if lo is not None:
        return f"từ {b(lo)} trở lên" if lo.closed else f"trên {b(lo)}"
    if hi is not None:
        return f"từ {b(hi)} trở xuống" if hi.closed else f"dưới {b(hi)}"
    return "mọi giá trị"


def _sentence(text: str) -> str:
    text = _cap(text)
    return text if text.endswith((".", ":")) else text + "."


def method(node: n.Node, inputs: dict[str, n.InputDecl], source: str, header_places: int) -> tuple[str, ...]:
    """The scoring method of a leaf in Vietnamese, paragraph by paragraph, from its AST."""
    words = _Words(inputs, node.lets)
    score = node.score
    out: list[str] = []
    if isinstance(score, n.PointsInput):
        out.append(f"{POINTS_BY.get(source, POINTS_BY['self'])}, từ 0 đến {_num(node.max)} điểm.")
    elif isinstance(score, n.Tiers | n.Linear | n.Ranks | n.Choice):
        lead, rows = words.table(score, points=True)
        # a choice's rows start with an option's name, written as declared (never capitalised)
        out += [lead + ":", rows + "." if isinstance(score, n.Choice) else _sentence(rows)]
    elif isinstance(score, n.If):
        out.append(_sentence(words.choices(score, points=True)))
    elif isinstance(score, n.Number):
        out.append(f"{_num(score.value)} điểm.")
    elif score is not None:
        out.append(f"Điểm = {words.text(score)}.")
    if node.lets:
        out.append("Trong đó: " + "; ".join(f"{let.name} = {words.text(let.value)}" for let in node.lets) + ".")
    if node.not_applicable_when is not None:
        out.append(
            f"Không áp dụng (điểm tối đa không tính vào tổng điểm tối đa của đơn vị) khi "
            f"{words.text(node.not_applicable_when)}."
        )
    out.extend(dict.fromkeys(words.notes))
    if node.round_places is not None and node.round_places != header_places:
        out.append(f"Điểm làm tròn đến {node.round_places} chữ số thập phân.")
    if node.basis:
        out.append(f"Căn cứ: {node.basis}.")
    return tuple(out)


def _parent_method(node: n.Node) -> tuple[str, ...]:
    codes = [c.code for c in node.children]
    listed = " và ".join(codes) if len(codes) <= 2 else ", ".join(codes[:-1]) + " và " + codes[-1]
    total = sum((c.max for c in node.children), Decimal(0))
    sum_text = " + ".join(_num(c.max) for c in node.children) + f" = {_num(total)}"
    out = [f"Tổng điểm {CHILDREN_WORDS[node.kind]} {listed}."]
    if total == node.max:
        out.append(f"Tổng điểm tối đa: {sum_text}, bằng điểm tối đa (đã kiểm tra).")
    else:
        out.append(
            f"Tổng điểm tối đa: {sum_text}, KHÁC điểm tối đa {_num(node.max)}: điểm không vượt quá {_num(node.max)}."
        )
    if node.round_places is not None:
        out.append(f"Tổng được làm tròn đến {node.round_places} chữ số thập phân.")
    if node.not_applicable_when is not None:
        words = _Words({}, ())
        out.append(f"Không áp dụng khi {words.text(node.not_applicable_when)}.")
    if node.basis:
        out.append(f"Căn cứ: {node.basis}.")
    return tuple(out)


# ------------------------------------------------------------------ building the model


@in_library_context
def build(ruleset: Ruleset) -> Appendix:
    """The appendix of a loaded (checked) ruleset."""
    ast = ruleset.ast
    inputs = ruleset.inputs
    places = ast.header.rounding_places
    leaf_sources: dict[str, list[str]] = {}
    for node in reversed(ast.nodes()):  # children first: a parent lists its leaves' sources
        if node.children:
            found = {s for c in node.children for s in leaf_sources[c.code]}
            leaf_sources[node.code] = [s for s in SOURCE_ORDER if s in found]
        else:
            leaf_sources[node.code] = [ruleset.source_of(node.code)]
    parents = {child.code: node.code for node in ast.nodes() for child in node.children}
    rows = []
    for node in ast.nodes():
        agency = ruleset.agency_of(node.code)
        above = parents.get(node.code)
        source_words = [SOURCE_WORDS.get(s, s) for s in leaf_sources[node.code]]
        rows.append(
            Row(
                code=node.code,
                kind=node.kind,
                title=node.title,
                max=node.max,
                method=(
                    _parent_method(node)
                    if node.children
                    else method(node, inputs, ruleset.source_of(node.code), places)
                ),
                source="; ".join(source_words[:1] + [w[:1].lower() + w[1:] for w in source_words[1:]]),
                agency=agency,
                agency_own=bool(agency) and (above is None or ruleset.agency_of(above) != agency),
                children_max=sum((c.max for c in node.children), Decimal(0)) if node.children else None,
            )
        )
    return Appendix(
        title=ast.header.title,
        basis=ast.header.basis,
        year=ast.header.year,
        level=ast.header.level or "",
        scale=ruleset.scale,
        rows=tuple(rows),
        notes=tuple(_notes(ruleset, rows)),
    )


def _notes(ruleset: Ruleset, rows: Sequence[Row]) -> list[str]:
    """The notes under the table: totals, rounding, index, classes, ranking, sources."""
    ast = ruleset.ast
    header = ast.header
    fields = [r for r in rows if r.kind == "field"]
    total = sum((r.max for r in fields), Decimal(0))
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in KIND_WORDS}
    agree = "bằng" if total == ruleset.scale else "KHÁC"
    parts = [f"{counts[kind]} {KIND_WORDS[kind].lower()}" for kind in KIND_WORDS if counts[kind]]
    listed = ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else "".join(parts)
    notes = [
        f"Bộ tiêu chí gồm {listed}; thang điểm {_num(ruleset.scale)} điểm. Tổng điểm tối đa của "
        f"các lĩnh vực là {_num(total)}, {agree} thang điểm; điểm tối đa của mỗi lĩnh vực, tiêu chí "
        "có tiêu chí thành phần được đối chiếu với tổng điểm tối đa của các tiêu chí thuộc nó (cột "
        "Phương pháp chấm điểm) và đã được kiểm tra bằng parrules.",
        f"Điểm của mỗi tiêu chí được tính theo phương pháp chấm điểm, làm tròn đến {header.rounding_places} "
        f"chữ số thập phân ({ROUNDING_WORDS.get(header.rounding_mode, header.rounding_mode)}), không vượt quá "
        "điểm tối đa và không nhỏ hơn 0. Tỷ lệ phần trăm trong công thức được tính theo giá trị thập phân "
        "(42,41% là 0,4241).",
        "Chỉ số của đơn vị = tổng điểm đạt được / tổng điểm tối đa của các tiêu chí áp dụng đối với đơn vị "
        f"× 100%, làm tròn đến {header.index_places} chữ số thập phân.",
    ]
    by_source: dict[str, Decimal] = {}
    for node in ast.nodes():
        if not node.children:
            source = ruleset.source_of(node.code)
            by_source[source] = by_source.get(source, Decimal(0)) + node.max
    if by_source:
        parts = [f"{SOURCE_WORDS[s].lower()} {_num(by_source[s])} điểm" for s in SOURCE_ORDER if s in by_source]
        notes.append("Điểm tối đa theo nguồn điểm: " + "; ".join(parts) + ".")
    if ast.classes is not None:
        unit = "%" if ast.classes.measure == "index" else " điểm"
        measure = "chỉ số" if ast.classes.measure == "index" else "tổng điểm"
        bands = "; ".join(f"{b.name}: {interval_words(b.interval, unit)}" for b in ast.classes.bands)
        notes.append(f"Xếp loại theo {measure}: {bands}.")
    if ast.ranking is not None:
        measure = "chỉ số" if ast.ranking.measure == "index" else "tổng điểm"
        order = "từ cao xuống thấp" if ast.ranking.descending else "từ thấp lên cao"
        tie = ""
        if ast.ranking.tie_break:
            tie = f"; khi bằng nhau, lần lượt so sánh điểm của {', '.join(ast.ranking.tie_break)}"
        notes.append(f"Xếp hạng theo {measure}, {order}{tie}.")
    if ast.downgrade is not None:
        d = ast.downgrade
        notes.append(
            f"Đơn vị bị hạ một mức xếp loại khi dưới {d.numerator}/{d.denominator} số đơn vị trực thuộc "
            "đạt cùng mức xếp loại hoặc cao hơn; chưa xếp loại khi còn đơn vị trực thuộc chưa có kết quả."
        )
    if any(r.agency for r in rows):
        notes.append(
            "Đơn vị phụ trách ghi ở lĩnh vực hoặc tiêu chí áp dụng cho các tiêu chí bên dưới, trừ khi ghi khác."
        )
    return notes


def heading(appendix: Appendix) -> tuple[str, str]:
    """(the title line in capitals, the line under it) of the appendix."""
    under = f"(Căn cứ: {appendix.basis})" if appendix.basis else ""
    return appendix.title.upper(), under


# ------------------------------------------------------------------ Markdown


def to_markdown(appendix: Appendix) -> str:
    """The appendix as Markdown: a heading, one table (fields in bold), the notes."""
    md = for_markdown
    title, under = heading(appendix)
    lines = ["# PHỤ LỤC", "", f"## {md(title)}", ""]
    if under:
        lines += [md(under), ""]
    rows = []
    for row in appendix.rows:
        cells = [
            md(row.code),
            md(row.title),
            _num(row.max),
            " ".join(md(p) for p in row.method),
            md(row.source),
            md(row.agency) if row.agency_own else "",
        ]
        if row.kind == "field":
            cells[:3] = [f"**{c}**" for c in cells[:3]]
        rows.append(cells)
    rows.append(["", "**TỔNG ĐIỂM**", f"**{_num(appendix.fields_max)}**", "", "", ""])
    lines.append(markdown_table(HEADERS, rows, ("left", "left", "right", "left", "left", "left")))
    lines += ["", "**Ghi chú:**", ""]
    lines += [f"{i}. {md(note)}" for i, note in enumerate(appendix.notes, start=1)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ HTML

_CSS = """
@page{size:A4 landscape;margin:20mm 15mm 20mm 25mm}
body{font-family:"Times New Roman",Times,"Liberation Serif","DejaVu Serif",serif;font-size:13pt;
line-height:1.3;color:#000;margin:0 auto;max-width:1200px;padding:12px}
h1,h2{text-align:center;margin:4px 0;font-weight:bold}
h1{font-size:14pt}h2{font-size:13pt}
p.under{text-align:center;font-style:italic;margin:2px 0 12px}
table{border-collapse:collapse;width:100%;font-size:12pt}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
th,td{border:1px solid #000;padding:3px 5px;vertical-align:top;text-align:left}
th{text-align:center;background:#eee}
td.stt{text-align:center;white-space:nowrap}
td.max{text-align:center;white-space:nowrap}
td p{margin:0 0 3px}
tr.field td{font-weight:bold;background:#f4f4f4}
tr.field td.method{font-weight:normal}
tr.sub td.title{font-style:italic}
tr.total td{font-weight:bold}
.mismatch{color:#b00000;font-weight:bold}
ol.notes{font-size:12pt}
@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{max-width:none;padding:0}}
"""


def to_html(appendix: Appendix) -> str:
    """The appendix as one self-contained HTML page (no script, no external resource), A4 for print."""
    h = for_html
    title, under = heading(appendix)
    out = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Phụ lục: {h(appendix.title)}</title><style>{_CSS}</style></head><body>",
        "<h1>PHỤ LỤC</h1>",
        f"<h2>{h(title)}</h2>",
    ]
    if under:
        out.append(f'<p class="under">{h(under)}</p>')
    widths = ("5%", "25%", "7%", "38%", "10%", "15%")
    out.append("<table><colgroup>" + "".join(f'<col style="width:{w}">' for w in widths) + "</colgroup>")
    out.append("<thead><tr>" + "".join(f"<th>{h(t)}</th>" for t in HEADERS) + "</tr></thead><tbody>")
    for row in appendix.rows:
        paragraphs = []
        for i, p in enumerate(row.method):
            mismatch = row.adds_up is False and i == 1
            paragraphs.append(f'<p class="mismatch">{h(p)}</p>' if mismatch else f"<p>{h(p)}</p>")
        out.append(
            f'<tr class="{row.kind}"><td class="stt">{h(row.code)}</td><td class="title">{h(row.title)}</td>'
            f'<td class="max">{h(_num(row.max))}</td><td class="method">{"".join(paragraphs)}</td>'
            f"<td>{h(row.source)}</td><td>{h(row.agency) if row.agency_own else ''}</td></tr>"
        )
    out.append(
        f'<tr class="total"><td></td><td>TỔNG ĐIỂM</td><td class="max">{h(_num(appendix.fields_max))}</td>'
        "<td></td><td></td><td></td></tr></tbody></table>"
    )
    out.append('<p><b>Ghi chú:</b></p><ol class="notes">')
    out += [f"<li>{h(note)}</li>" for note in appendix.notes]
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ DOCX

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
# A4 landscape; margins after Nghị định 30/2020/NĐ-CP (left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm)
PAGE_MM = (297, 210)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
COLUMN_MM = (14, 62, 18, 100, 28, 30)  # adds up to the 252 mm between the margins
TABLE_STYLE = "Bảng phụ lục"  # the paragraph style of the table's cells (12 pt)


def to_docx(appendix: Appendix) -> bytes:
    """The appendix as a Word document: A4 landscape, Times New Roman 13 pt (table 12 pt),
    the header row repeated on every page, fields in bold, language Vietnamese."""
    try:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt
    except ImportError as exc:  # the docx extra is not installed
        raise ImportError("writing .docx needs python-docx: pip install 'parrules[docx]'") from exc

    t = visible  # rule 1 of safe_text: a control character is shown as its escape, never written
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:  # pragma: no cover - python-docx adds it when font.name is set
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    document.core_properties.title = t(f"Phụ lục: {appendix.title}")
    document.core_properties.language = "vi-VN"

    def centred(text: str, bold: bool = False, italic: bool = False) -> None:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(t(text))
        run.bold, run.italic = bold, italic

    title, under = heading(appendix)
    centred("PHỤ LỤC", bold=True)
    centred(title, bold=True)
    if under:
        centred(under, italic=True)
    document.add_paragraph()

    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    cell_style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = normal
    cell_style.font.size = Pt(TABLE_PT)
    style_id = cell_style.style_id

    def fill(
        cell: Any, paragraphs: Sequence[str], bold: bool = False, italic: bool = False, centre: bool = False
    ) -> None:
        for i, text in enumerate(paragraphs or [""]):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p._p.get_or_add_pPr().style = style_id  # ``p.style = `` looks the style up by name: slow
            if centre:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(t(text))
            if bold:  # only what differs from the style is written: a big table stays quick to build
                run.bold = True
            if italic:
                run.italic = True

    def layout(row: Any, header: bool = False) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        if header:  # repeated at the top of every page
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            tr_pr.append(flag)
        keep = OxmlElement("w:cantSplit")  # a row never breaks across pages
        keep.set(qn("w:val"), "true")
        tr_pr.append(keep)
        for cell, width in zip(row.cells, COLUMN_MM, strict=True):
            cell.width = Mm(width)

    for column, width in zip(table.columns, COLUMN_MM, strict=True):
        column.width = Mm(width)  # the table grid: what a fixed-layout table is drawn with
    head = table.rows[0]
    layout(head, header=True)
    for cell, text in zip(head.cells, HEADERS, strict=True):
        fill(cell, [text], bold=True, centre=True)
    for row in appendix.rows:
        added = table.add_row()
        layout(added)
        cells = added.cells
        bold = row.kind == "field"
        italic = row.kind == "sub"
        fill(cells[0], [row.code], bold=bold, centre=True)
        fill(cells[1], [row.title], bold=bold, italic=italic)
        fill(cells[2], [_num(row.max)], bold=bold, centre=True)
        fill(cells[3], list(row.method))
        fill(cells[4], [row.source])
        fill(cells[5], [row.agency] if row.agency_own else [])
    added = table.add_row()
    layout(added)
    cells = added.cells
    fill(cells[0], [])
    fill(cells[1], ["TỔNG ĐIỂM"], bold=True)
    fill(cells[2], [_num(appendix.fields_max)], bold=True, centre=True)
    for cell in cells[3:]:
        fill(cell, [])

    page = section.footer.paragraphs[0]  # the page number, centred at the foot of every page
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    page._p.append(field)

    document.add_paragraph()
    notes_title = document.add_paragraph()
    notes_title.add_run("Ghi chú:").bold = True
    for i, note in enumerate(appendix.notes, start=1):
        document.add_paragraph(t(f"{i}. {note}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return _same_bytes(buffer.getvalue())


def _same_bytes(package: bytes) -> bytes:
    """The .docx package with every member dated 1980-01-01: python-docx stamps the zip with
    the time of writing, so the same ruleset would give different bytes from one second to
    the next (the other outputs give the same bytes for the same arguments)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = item.external_attr
            target.writestr(fixed, source.read(item.filename))
    return out.getvalue()


# ------------------------------------------------------------------ writing


def render(appendix: Appendix, fmt: str) -> str | bytes:
    """The appendix in one of FORMATS: text for md and html, bytes for docx."""
    if fmt == "md":
        return to_markdown(appendix)
    if fmt == "html":
        return to_html(appendix)
    if fmt == "docx":
        return to_docx(appendix)
    raise ValueError(f"unknown appendix format {fmt!r}; use one of {', '.join(FORMATS)}")


def format_of(path: str | Path) -> str | None:
    """The format a file name asks for (by its suffix: .md, .html/.htm, .docx), else None."""
    suffix = Path(path).suffix.lower()
    return {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}.get(suffix)
