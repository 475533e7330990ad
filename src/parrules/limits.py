"""Bounds that keep a hostile or broken ruleset from exhausting memory or time.

Real rulesets are small (the national one is about 40 KB, 133 nodes, formulas a
few operators deep), so the bounds sit far above them and far below what would
hurt.  Each bound fails with a located ``RulesetError``.
"""

from __future__ import annotations

from .errors import Diagnostic, RulesetError
from .nodes import Location
from .wording import sentence

MAX_RULESET_BYTES = 2_000_000
MAX_NESTING = 64  # brackets and blocks inside one another
MAX_EXPRESSION_DEPTH = 64  # operators inside one another
# Depth of the parse tree (blocks, items, operators) the AST builder may recurse
# into; deeper trees (a chain of 10,000 ``+``) fail with E009 before it recurses.
MAX_TREE_DEPTH = MAX_NESTING + 2 * MAX_EXPRESSION_DEPTH + 16
MAX_NODES = 5_000
MAX_EXTENDS_DEPTH = 8  # parents above a ruleset (``extends``); a cycle is named before (E196)
MAX_NUMBER_DIGITS = 30
DECIMAL_PRECISION = 40  # digits carried in every computation

# Width: how many of one thing sit side by side.  Depth alone does not bound the work:
# a 20,000-row tiers table once made compile() run out of memory.  Real rulesets use a
# dozen rows, 112 inputs, a handful of min() arguments; these sit far above that.
MAX_TABLE_ROWS = 1_000  # rows of tiers / ranks / choice / linear / classes; options of a choice input (E010)
MAX_ARGUMENTS = 100  # values of one min() or max() (E011)
MAX_INPUTS = 5_000  # inputs declared in one ruleset (E012)
MAX_CONSTRAINTS = 1_000  # constraints in one ruleset (E013)
MAX_LETS = 1_000  # lets in one node (E014)


def check_nesting(text: str, path: str) -> None:
    """Reject deep bracket nesting before the parser recurses into it."""
    depth = 0
    line = 1
    column = 0
    in_string = False
    in_comment = False
    escaped = False
    for ch in text:
        column += 1
        if ch == "\n":
            line += 1
            column = 0
            in_comment = False
            in_string = False
            continue
        if in_comment:
            continue
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch == "#":
            in_comment = True
        elif ch in "({":
            depth += 1
            if depth > MAX_NESTING:
                lines = text.splitlines()
                source_line = lines[line - 1] if line - 1 < len(lines) else ""
                raise RulesetError(
                    [
                        Diagnostic(
                            "error",
                            "E009",
                            f"nested more than {MAX_NESTING} levels deep",
                            Location(path, line, column),
                            source_line[:200],
                            sentence=sentence("nested more than {limit} levels deep", limit=MAX_NESTING),
                        )
                    ]
                )
        elif ch in ")}":
            depth = max(depth - 1, 0)

# ``parrules serve``: the most bytes one request to score or explain a unit may send (413 beyond);
# national-2022's 112 inputs take about 4 KB.  A batch may send as much as a data file (io.MAX_DATA_BYTES).
MAX_REQUEST_BYTES = 1_000_000

STREAM_CHUNK_ROWS = 4_096
"""Rows ``parrules score --format csv`` reads, scores and spills at once (parrules.stream): its
memory is bounded by this chunk and a few int64 columns a unit, not by the file, so a streamed
CSV file is not bounded by io.MAX_DATA_BYTES (which bounds the readers that hold a whole file)."""

STREAM_MIN_BYTES = 64 * 1024
"""``parrules score`` streams a table, md or json output (parrules.stream) from a data file at
least this large; a smaller file (a province's, ~100 units) takes the rows' path, which writes
the same text without importing numpy (a command's start-up, docs/performance.md).  CSV output
always streams."""
