"""The interactive scorecard page: the HTML report's ranking made sortable, filterable and explained.

``parrules report`` writes one self-contained page (report_html).  This module adds what
a reader does with it in a browser, offline: sort the ranking by any column, filter it
by name, click a unit to open its tree of nodes, and expand any node down to its
derivation - inputs, formula, steps with the branch taken, rounding, rule location -
the explanation ``parrules explain`` prints, in the page's language.

How, and why so:

* The data is embedded once as JSON in a ``<script type="application/json">`` block
  (``safe_text.for_script_json``: no text can close the script) and the page's inline
  script builds a unit's tree and a node's derivation only when they are opened, with
  ``textContent`` only (a title is never read as markup).  Without JavaScript the page
  is the report as it was: the ranking, the charts, the print stylesheet.
* Every number is written here, by the one formatter (``render.number_text``), in the
  page's language: the script formats nothing and computes nothing, it only assembles
  texts, so the browser cannot show a value the library did not compute.
* The ruleset's part (node titles, formulas, rule locations, trace points, input
  descriptions) is written once; a unit's part is its node scores, its inputs and the
  values of its traced steps, compacted: numbers of one unit joined in one string; a
  points input only where it differs from the score of the leaf that reads it as it is,
  a step's value only where it differs from its node's score (or its input, for
  ``points as``), an applicable maximum only where it differs from the node's max.  At
  commune scale that keeps the page within the size docs/performance.md records
  (1.6 KB a unit for the national ruleset: 2.92 MB for 1,000 units, under the 3 MB target).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import nodes as n
from . import render, runtime
from .render import number_text
from .safe_text import for_script_json, visible

if TYPE_CHECKING:  # pragma: no cover
    from .aggregate import Standing
    from .ruleset import Ruleset

SHOW_ROWS = 200
"""Rows of the ranking shown at first with JavaScript (the reader asks for more); the print shows them all."""

WORDS = {
    "vi": {
        "filter": "Lọc theo tên đơn vị",
        "shown": "Hiện {shown} / {total} đơn vị",
        "more": "Hiện thêm",
        "sort": "Bấm tiêu đề cột để sắp xếp; bấm tên đơn vị để xem cách tính điểm.",
        "open": "Xem cách tính điểm của {unit}",
        "unit": "Cách tính điểm của đơn vị",
        "close": "Đóng",
        "expand": "Mở tất cả",
        "collapse": "Thu gọn",
        "total": "Tổng điểm",
        "index": "Chỉ số",
        "class": "Xếp loại",
        "rank": "Hạng",
        "score": "Điểm",
        "of": "trên",
        "na": "Không áp dụng (điểm tối đa {max} không tính vào thang điểm của đơn vị)",
        "source": "Nguồn điểm",
        "agency": "Cơ quan chịu trách nhiệm",
        "basis": "Căn cứ",
        "rule": "Quy tắc",
        "sum": "tổng của {children}, tối đa {max}",
        "na_when": "Không áp dụng khi",
        "children": "Các tiêu chí con",
        "inputs": "Số liệu",
        "steps": "Các bước tính",
        "branch": "nhánh",
        "round": "Làm tròn",
        "rounded": "{mode}, {places} chữ số thập phân",
        "capped": "vượt điểm tối đa, lấy điểm tối đa",
        "missing": "(trống)",
        "yes": "có",
        "no": "không",
    },
    "en": {
        "filter": "Filter by unit name",
        "shown": "Showing {shown} of {total} units",
        "more": "Show more",
        "sort": "Click a column's header to sort; click a unit's name to see how it was scored.",
        "open": "How {unit} was scored",
        "unit": "How the unit was scored",
        "close": "Close",
        "expand": "Expand all",
        "collapse": "Collapse",
        "total": "Total",
        "index": "Index",
        "class": "Class",
        "rank": "Rank",
        "score": "Score",
        "of": "of",
        "na": "Not applicable (max {max} removed from this unit's scale)",
        "source": "Source",
        "agency": "Responsible agency",
        "basis": "Basis",
        "rule": "Rule",
        "sum": "sum of {children}, at most {max}",
        "na_when": "Not applicable when",
        "children": "Children",
        "inputs": "Inputs",
        "steps": "Steps",
        "branch": "branch",
        "round": "Rounded",
        "rounded": "{mode} to {places} places",
        "capped": "above the max, capped at the max",
        "missing": "(empty)",
        "yes": "yes",
        "no": "no",
    },
}
SOURCES = {
    "vi": {"appraisal": "thẩm định", "survey": "điều tra XHH", "self": "tự đánh giá", "mixed": "thẩm định và điều tra"},
    "en": {"appraisal": "appraisal", "survey": "survey", "self": "self-assessment", "mixed": "mixed"},
}
STEP_KINDS = {"vi": {"formula": "công thức"}, "en": {"formula": "formula"}}
"""A traced step's kind as the reader sees it; the others (rate, min, tiers ...) are the language's own words."""


def value_text(value: Any, lang: str) -> str:
    """A value of a step or an input as the page shows it: numbers by the one formatter, long decimals cut at 8 places."""
    if isinstance(value, bool):
        return WORDS[lang]["yes" if value else "no"]
    if isinstance(value, Decimal):
        if value.is_finite() and value != value.to_integral_value() and -value.normalize().as_tuple().exponent > 8:  # type: ignore[operator]
            return number_text(value, lang, 8) + "…"
        return number_text(value, lang)
    if value is None:
        return ""
    return visible(str(value))


def _joined(values: list[str]) -> str | list[str]:
    """Values of one unit as one string (``|`` between them), or the list when a value holds ``|`` itself."""
    return values if any("|" in v for v in values) else "|".join(values)


def ruleset_data(ruleset: Ruleset, lang: str) -> dict[str, Any]:
    """The ruleset's part of the page's data: nodes, inputs and traced steps, written once for every unit."""
    w = WORDS[lang]
    codes = list(ruleset.codes)
    index = {code: i for i, code in enumerate(codes)}
    input_names = list(ruleset.inputs)
    input_index = {name: i for i, name in enumerate(input_names)}
    points = [p for p in ruleset.compiled.trace_points]
    steps_of: dict[str, list[int]] = {}
    for k, p in enumerate(points):
        steps_of.setdefault(p.node, []).append(k)
    twin: dict[str, int] = {}  # a points input scored as it is by one leaf ("score points as p_1_1")
    out_nodes = []
    for code in codes:
        node = ruleset.node(code)
        entry: dict[str, Any] = {
            "c": visible(node.code),
            "t": visible(node.title),
            "m": number_text(node.max, lang),
            "s": SOURCES[lang].get(ruleset.source_of(code), visible(ruleset.source_of(code))),
        }
        if ruleset.agency_of(code):
            entry["a"] = visible(ruleset.agency_of(code))
        if node.basis:
            entry["b"] = visible(node.basis)
        places = node.round_places if node.round_places is not None else ruleset.header.rounding_places
        rounded = w["rounded"].format(mode=ruleset.header.rounding_mode, places=places)
        if node.children:
            entry["k"] = [index[c.code] for c in node.children]
            children = ", ".join(c.code for c in node.children)
            entry["r"] = visible(f"{node.loc}: " + w["sum"].format(children=children, max=number_text(node.max, lang)))
            if node.round_places is not None:
                entry["d"] = rounded
        else:
            assert node.score is not None
            entry["r"] = visible(f"{node.score.loc}: score {render.expr(node.score)}")
            entry["d"] = rounded
            if isinstance(node.score, n.PointsInput):
                twin.setdefault(node.score.input, index[code])
            names: list[str] = []
            for e in (node.score, node.not_applicable_when, *[let.value for let in node.lets]):
                if e is not None:
                    names.extend(n.input_names(e))
            lets = {let.name for let in node.lets}
            used = [input_index[x] for x in dict.fromkeys(names) if x not in lets and x in input_index]
            if used:
                entry["i"] = used
        if node.not_applicable_when is not None:
            entry["w"] = visible(render.expr(node.not_applicable_when))
        if steps_of.get(code):
            entry["p"] = steps_of[code]
        out_nodes.append(entry)
    inputs = []
    for name in input_names:
        decl = ruleset.inputs[name]
        unit = "%" if decl.type == "percent" else (f" {decl.unit}" if decl.unit else "")
        item: dict[str, Any] = {"n": visible(name), "u": visible(unit), "d": visible(decl.description or "")}
        if name in twin:
            item["s"] = twin[name]
        inputs.append(item)
    steps = []
    for p in points:  # [kind, text, line:col, branches, the input a "points as" step reads as it is, or -1]
        node = ruleset.node(p.node)
        reads = node.score.input if isinstance(node.score, n.PointsInput) and p.loc == node.score.loc else None
        steps.append(
            [
                STEP_KINDS[lang].get(p.kind, p.kind),
                visible(p.text),
                f"{p.loc.line}:{p.loc.column}",
                [visible(b) for b in p.branches],
                input_index.get(reads, -1) if reads else -1,
            ]
        )
    return {"nodes": out_nodes, "inputs": inputs, "steps": steps}


def trace_point_facts(ruleset: Ruleset) -> list[tuple[int, bool, Decimal | None]]:
    """For each trace point: its node's position, whether it records a branch, and, for the step
    that is its node's whole score, the quantum the node rounds to (else None).  The same for every
    unit, so ``page_data`` works them out once, not once per unit and step."""
    facts: list[tuple[int, bool, Decimal | None]] = []
    for point in ruleset.compiled.trace_points:
        node = ruleset.node(point.node)
        whole = node.score is not None and point.loc == node.score.loc and not point.kind.startswith("let")
        places = node.round_places if node.round_places is not None else ruleset.header.rounding_places
        facts.append((ruleset.position(point.node), bool(point.branches), Decimal(1).scaleb(-places) if whole else None))
    return facts


def unit_data(
    ruleset: Ruleset,
    standing: Standing,
    lang: str,
    data: dict[str, Any],
    text_of: Callable[[Any], str] | None = None,
    points_facts: list[tuple[int, bool, Decimal | None]] | None = None,
) -> list[Any]:
    """One unit's part, in ranking order; ``data`` is the ruleset's part (``ruleset_data``).

    [name, rank, class, scores, applicable maxima that differ, inputs without a twin leaf,
    twin inputs that differ from their leaf's score, steps that differ from their default,
    branches taken, scores the max capped].  A step's default is its node's score, or for
    ``points as`` its input; a step that did not run is ``null``.  ``text_of``: ``value_text``
    in the page's language (``page_data`` passes it cached: the same values recur in every unit).
    """
    text_of = text_of or (lambda value: value_text(value, lang))
    card = standing.card
    codes = ruleset.codes
    scores = [text_of(s) for s in card.scores]
    applicable = {
        str(i): number_text(a, lang)
        for i, (code, a) in enumerate(zip(codes, card.applicable_maxima, strict=True))
        if a != ruleset.node(code).max
    }
    plain: list[str] = []
    twins: dict[str, str] = {}
    texts: list[str] = []
    raws: list[Any] = []
    for k, (name, item) in enumerate(zip(ruleset.inputs, data["inputs"], strict=True)):
        raw = card.inputs.get(name)
        text = text_of(raw) if raw is not None else ""
        texts.append(text)
        raws.append(raw)
        if "s" not in item:
            plain.append(text)
        elif text != scores[item["s"]]:
            twins[str(k)] = text
    _scores, _applicable, trace = card.traced()
    facts = points_facts or trace_point_facts(ruleset)
    rounding = runtime.ROUNDING[ruleset.header.rounding_mode]
    ran: dict[int, Any] = {}
    branches: dict[str, int] = {}
    caps: dict[str, str] = {}
    for k, value, branch in trace:
        i, has_branches, quantum = facts[k]
        ran[k] = value
        if branch is not None and has_branches:
            branches[str(k)] = branch
        if quantum is not None and isinstance(value, Decimal) and card.applicable_maxima[i] > 0:
            rounded = value.quantize(quantum, rounding)
            if rounded > card.scores[i]:  # rounding carried it above the max: the cap decided (as explain says)
                caps[str(i)] = number_text(rounded, lang)
    steps: dict[str, str | None] = {}
    for k, step in enumerate(data["steps"]):
        if k not in ran:
            steps[str(k)] = None
            continue
        value = ran[k]
        if step[4] >= 0:
            default_value, default = raws[step[4]], texts[step[4]]
        else:
            default_value, default = card.scores[facts[k][0]], scores[facts[k][0]]
        if type(value) is type(default_value) and value == default_value:
            continue  # equal values of one type have one text (text_of): the step shows its default
        text = text_of(value)
        if text != default:
            steps[str(k)] = text
    return [
        visible(card.unit or ""),
        standing.rank,
        visible(standing.klass or ""),
        "|".join(scores),
        applicable,
        _joined(plain),
        twins,
        steps,
        branches,
        caps,
    ]


def page_data(ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> dict[str, Any]:
    """Everything the page's script reads: words, the ruleset's part, each unit's part in ranking order."""
    data = ruleset_data(ruleset, lang)
    data["lang"] = lang
    data["words"] = WORDS[lang]
    # equal values of one type have equal texts (a Decimal is written without its trailing zeros): one call
    # each.  The type is part of the key: True == 1 == Decimal(1), but "có" is not "1".
    known: dict[type, dict[Any, str]] = {}

    def text_of(value: Any) -> str:
        of_type = known.get(type(value))
        if of_type is None:
            of_type = known[type(value)] = {}
        text = of_type.get(value)
        if text is None:
            if len(of_type) >= 65536:  # bounded: the values recur, a province's data need far fewer
                of_type.clear()
            text = of_type[value] = value_text(value, lang)
        return text

    facts = trace_point_facts(ruleset)
    data["units"] = [unit_data(ruleset, s, lang, data, text_of, facts) for s in ranked]
    data["totals"] = [
        [number_text(s.card.total, lang), number_text(s.card.applicable_scale, lang), number_text(s.card.index, lang)]
        for s in ranked
    ]
    return data


def page_html(ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> str:
    """The page's interactive part: its style, the data block and the script (placed before ``</body>``)."""
    data = json.dumps(page_data(ruleset, ranked, lang), ensure_ascii=False, separators=(",", ":"))
    return (
        f"<style>{CSS}</style>"
        f'<script type="application/json" id="parrules-data">{for_script_json(data)}</script>'
        f"<script>{SCRIPT}</script>"
    )


CSS = """
.js-tools{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;margin:.4em 0}
.js-tools input{font:inherit;padding:.25em .5em;min-width:0;flex:1 1 14em;max-width:28em}
.js-tools .hint{flex:1 1 100%;font-size:.9em;color:#555;margin:0}
table.ranking th[data-sort]{cursor:pointer}
table.ranking th[aria-sort=ascending]::after{content:" ▲";font-size:.75em}
table.ranking th[aria-sort=descending]::after{content:" ▼";font-size:.75em}
table.ranking td.unit a{color:#1a4f8a;text-decoration:underline;cursor:pointer}
table.ranking tr.more,table.ranking tr.out{display:none}
#unit-view{border:2px solid #1f6fb2;border-radius:4px;padding:.4em .8em;margin:1em 0}
#unit-view[hidden]{display:none}
#unit-view h2{margin-top:.3em}
#unit-view .unit-tools{display:flex;flex-wrap:wrap;gap:.5em}
#unit-view button,.js-tools button{font:inherit;padding:.15em .7em;cursor:pointer}
.tree details{margin:.15em 0 .15em .2em;padding-left:.8em;border-left:1px solid #d8dee4}
.tree summary{overflow-wrap:anywhere}
.tree summary .sc{font-variant-numeric:tabular-nums;white-space:nowrap;font-weight:bold}
.tree summary .na{color:#777}
.deriv{margin:.3em 0 .5em;padding:.4em .6em;background:#f6f8fa;border-radius:3px;font-size:.92em;overflow-wrap:anywhere}
.deriv dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15em .8em;margin:0}
.deriv dt{font-weight:bold}.deriv dd{margin:0}
.deriv code{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95em}
.deriv ul{margin:0;padding-left:1.1em}
@media (max-width:600px){.deriv dl{grid-template-columns:minmax(0,1fr)}.deriv dt{margin-top:.3em}}
@media print{.js-tools{display:none}table.ranking tr.more{display:table-row}#unit-view button{display:none}
table.ranking td.unit a{color:inherit;text-decoration:none}}
""".strip()

# The page's script.  It reads the data block, never writes markup (textContent only),
# computes no number (every text comes formatted) and keeps the page usable without it.
SCRIPT = r"""
(function () {
  "use strict";
  const block = document.getElementById("parrules-data");
  const section = document.getElementById("ranking");
  if (!block || !section) return;
  const D = JSON.parse(block.textContent), W = D.words;
  const stepNode = [];  // step -> its node
  D.nodes.forEach((N, i) => (N.p || []).forEach((k) => (stepNode[k] = i)));
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmt = (s, args) => s.replace(/\{(\w+)\}/g, (m, k) => (k in args ? args[k] : m));
  const split = (v) => (Array.isArray(v) ? v : v.split("|"));
  const tables = Array.from(section.querySelectorAll("table.ranking"));
  if (!tables.length) return;
  const table = tables[0];
  const tbody = table.tBodies[0];
  const rows = [];
  tables.forEach((t) => rows.push(...Array.from(t.tBodies[0].rows)));
  if (rows.length !== D.units.length) return;
  // commune scale: the folded pages of rows become one table, shown SHOW_ROWS at a time
  if (tables.length > 1) {
    const first = table.closest("details");
    const box = table.closest(".table-scroll");
    first.parentNode.insertBefore(box, first);
    section.querySelectorAll("details.rows-page").forEach((d) => d.remove());
  }
  rows.forEach((r, i) => { r.dataset.u = i; });
  const heads = Array.from(table.tHead.rows[0].cells);
  let order = rows.slice(), limit = __SHOW_ROWS__, sortCol = -1, sortDir = 1, query = "";
  const tools = el("div", "js-tools");
  const search = el("input");
  search.type = "search";
  search.placeholder = W.filter;
  search.setAttribute("aria-label", W.filter);
  const count = el("span", "count");
  const more = el("button", "more", W.more);
  more.type = "button";
  tools.append(search, count, more, el("p", "hint", W.sort));
  if (rows.length < 2) { search.hidden = true; count.hidden = true; }  // one unit: nothing to sort or filter
  const scroller = table.closest(".table-scroll") || table;
  scroller.parentNode.insertBefore(tools, scroller);
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  const names = rows.map((r, i) => fold(D.units[i][0]));
  function key(row, col) {
    const cell = row.cells[col];
    if (!cell) return null;
    if (cell.dataset.value !== undefined) return parseFloat(cell.dataset.value);
    return cell.textContent.trim();
  }
  function show() {
    let shown = 0, matching = 0;
    const frag = document.createDocumentFragment();
    for (const row of order) {
      const hit = !query || names[row.dataset.u].includes(query);
      row.classList.toggle("out", !hit);
      if (hit) { matching++; row.classList.toggle("more", matching > limit); if (matching <= limit) shown++; }
      else row.classList.remove("more");
      frag.appendChild(row);
    }
    tbody.appendChild(frag);
    count.textContent = fmt(W.shown, {shown: shown, total: rows.length});
    more.hidden = matching <= limit;
  }
  function sortBy(col) {
    sortDir = sortCol === col ? -sortDir : (heads[col].dataset.sort === "text" ? 1 : -1);
    if (col === 0) sortDir = sortCol === 0 ? sortDir : 1;
    sortCol = col;
    const coll = new Intl.Collator(D.lang);
    order = rows.slice().sort((a, b) => {
      const x = key(a, col), y = key(b, col);
      let c;
      if (x === null || y === null || x === "" || y === "") c = (x === null || x === "") - (y === null || y === "");
      else c = typeof x === "number" && typeof y === "number" ? (x - y) * sortDir : coll.compare(String(x), String(y)) * sortDir;
      return c || a.dataset.u - b.dataset.u;
    });
    heads.forEach((h, i) => (i === col ? h.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending") : h.removeAttribute("aria-sort")));
    show();
  }
  heads.forEach((h, i) => {
    const numeric = rows.some((r) => r.cells[i] && r.cells[i].dataset.value !== undefined);
    h.dataset.sort = numeric ? "number" : "text";
    h.tabIndex = 0;
    h.addEventListener("click", () => sortBy(i));
    h.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(i); } });
  });
  search.addEventListener("input", () => { query = fold(search.value.trim()); limit = __SHOW_ROWS__; show(); });
  more.addEventListener("click", () => { limit += __SHOW_ROWS__; show(); });
  // a unit's name opens its tree
  const view = el("section");
  view.id = "unit-view";
  view.hidden = true;
  section.parentNode.insertBefore(view, section.nextSibling);
  rows.forEach((row, i) => {
    const cell = row.querySelector("td.unit");
    if (!cell) return;
    const link = el("a", "", cell.textContent);
    link.href = "#unit-view";
    link.title = fmt(W.open, {unit: D.units[i][0]});
    link.addEventListener("click", (e) => { e.preventDefault(); openUnit(i); });
    cell.textContent = "";
    cell.appendChild(link);
  });
  function openUnit(u) {
    const U = D.units[u], T = D.totals[u];
    const scores = U[3].split("|"), plain = split(U[5]);
    const inputs = [];
    D.inputs.forEach((I, k) => inputs.push(I.s === undefined ? plain.shift() : (k in U[6] ? U[6][k] : scores[I.s])));
    // a step's value: as written when it differs, else its input (points as) or its node's score
    const values = D.steps.map((P, k) => (k in U[7] ? U[7][k] : P[4] >= 0 ? inputs[P[4]] : scores[stepNode[k]]));
    view.textContent = "";
    view.dataset.unit = U[0];
    const head = el("h2", "", W.unit + ": " + U[0]);
    const facts = [W.rank + " " + U[1], W.total + " " + T[0] + " / " + T[1]];
    if (T[2]) facts.push(W.index + " " + T[2] + "%");
    if (U[2]) facts.push(W["class"] + " " + U[2]);
    const bar = el("div", "unit-tools");  // not "bar": the charts' bars are positioned
    const expand = el("button", "", W.expand), collapse = el("button", "", W.collapse), close = el("button", "", W.close);
    [expand, collapse, close].forEach((b) => (b.type = "button"));
    bar.append(expand, collapse, close);
    const tree = el("div", "tree");
    view.append(head, el("p", "facts", facts.join(" · ")), bar, tree);
    const applicable = (i) => (String(i) in U[4] ? U[4][i] : D.nodes[i].m);
    const isNa = (i) => String(i) in U[4] && U[4][i] === "0" && D.nodes[i].m !== "0";
    function node(i) {
      const N = D.nodes[i];
      const d = el("details");
      d.id = "node-" + N.c;
      d.dataset.code = N.c;
      d.dataset.i = i;
      const s = el("summary");
      s.append(el("span", "code", N.c + " "), N.t + " ");
      if (isNa(i)) s.append(el("span", "na", "—"));
      else s.append(el("span", "sc", scores[i] + " / " + applicable(i)));
      d.append(s);
      d.addEventListener("toggle", () => { if (d.open) build(d, i); });
      return d;
    }
    // a node's derivation and children are made when it is first opened
    function build(d, i) {
      if (d.dataset.built) return;
      d.dataset.built = "1";
      const box = el("div", "deriv");
      box.append(derivation(i));
      d.firstChild.after(box);
      (D.nodes[i].k || []).forEach((k) => d.append(node(k)));
    }
    function pair(dl, term, ...parts) {
      dl.append(el("dt", "", term));
      const dd = el("dd");
      parts.forEach((p) => dd.append(p));
      dl.append(dd);
      return dd;
    }
    function derivation(i) {
      const N = D.nodes[i], dl = el("dl");
      if (isNa(i)) pair(dl, W.score, fmt(W.na, {max: N.m}));
      else pair(dl, W.score, el("b", "score", scores[i]), " " + W.of + " " + applicable(i));
      pair(dl, W.source, N.s);
      if (N.a) pair(dl, W.agency, N.a);
      if (N.b) pair(dl, W.basis, N.b);
      pair(dl, W.rule, el("code", "rule", N.r));
      if (N.w) pair(dl, W.na_when, el("code", "", N.w));
      if (N.k) {
        const ul = el("ul");
        N.k.forEach((k) => ul.append(el("li", "", D.nodes[k].c + "  " + (isNa(k) ? "—" : scores[k] + " / " + applicable(k)))));
        pair(dl, W.children, ul);
      }
      if (N.i) {
        const ul = el("ul", "inputs");
        N.i.forEach((k) => {
          const I = D.inputs[k];
          const v = inputs[k];
          const li = el("li");
          li.append(el("code", "", I.n + " = " + (v === "" ? W.missing : v + I.u)));
          if (I.d) li.append("  " + I.d);
          ul.append(li);
        });
        pair(dl, W.inputs, ul);
      }
      if (N.p && N.p.some((k) => values[k] !== null)) {
        const ul = el("ul", "steps");
        N.p.forEach((k) => {
          if (values[k] === null) return;
          const P = D.steps[k];
          const v = values[k];
          let text = P[0] + "  " + P[1] + " = " + v;
          if (String(k) in U[8]) text += "  [" + W.branch + ": " + P[3][U[8][k]] + "]";
          const li = el("li");
          li.append(el("code", "step", text + "   (" + P[2] + ")"));
          ul.append(li);
        });
        pair(dl, W.steps, ul);
      }
      if (N.d && !isNa(i)) {
        const capped = U[9][i];
        pair(dl, W.round, N.d + ": ", el("b", "", capped !== undefined ? capped + ", " + W.capped + ": " + scores[i] : scores[i]));
      }
      return dl;
    }
    D.nodes.forEach((N, i) => { if (!D.nodes.some((M) => (M.k || []).includes(i))) tree.append(node(i)); });
    expand.addEventListener("click", () => {
      // open level by level: a node's children are built when it opens
      let closed;
      while ((closed = tree.querySelectorAll("details:not([open])")).length) {
        closed.forEach((d) => { build(d, Number(d.dataset.i)); d.open = true; });
      }
    });
    collapse.addEventListener("click", () => tree.querySelectorAll("details[open]").forEach((d) => (d.open = false)));
    close.addEventListener("click", () => { view.hidden = true; section.scrollIntoView(); });
    view.hidden = false;
    view.scrollIntoView();
  }
  show();
})();
""".strip().replace("__SHOW_ROWS__", str(SHOW_ROWS))
