"""The TextMate grammar (editors/vscode) stays in step with grammar/parrules.lark.

Every keyword of the Lark grammar must be known to the TextMate grammar, and every shipped
ruleset is tokenised with the TextMate patterns the way an editor does it (at each point the
leftmost match wins, the first pattern on a tie; Python's ``re`` stands in for Oniguruma, the
patterns are written to mean the same in both) and compared with the language's own lexer:
each keyword is scoped as a keyword, each string as a string, each comment as a comment, each
number as a number, and no name as a keyword.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import lark
import pytest
from lark.lexer import PatternStr

from parrules.parse import grammar_text

ROOT = Path(__file__).resolve().parent.parent
TM_GRAMMAR = ROOT / "editors" / "vscode" / "syntaxes" / "parrules.tmLanguage.json"
KEYWORD_SCOPES = ("keyword.", "storage.type.")


@cache
def _parser() -> lark.Lark:
    """Lark's parser of grammar/parrules.lark itself (what the TextMate grammar must follow; the
    committed standalone parser is checked against it in tests/test_startup.py)."""
    return lark.Lark(grammar_text(), parser="lalr", lexer="contextual", propagate_positions=True)


@cache
def lark_keywords() -> frozenset[str]:
    """The words the Lark grammar spells as literals ("ruleset", "tiers", "half_up", ...)."""
    return frozenset(
        t.pattern.value
        for t in _parser().terminals
        if isinstance(t.pattern, PatternStr) and re.fullmatch(r"[a-z_]+", t.pattern.value)
    )


@cache
def tm_patterns() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    grammar = json.loads(TM_GRAMMAR.read_text(encoding="utf-8"))
    assert grammar["scopeName"] == "source.parrules"
    return [(re.compile(p["match"]), p) for p in grammar["patterns"]]


def scopes_of(line: str) -> list[str]:
    """The scope of every character of a line ("" where no pattern matched)."""
    scopes = [""] * len(line)
    pos = 0
    while pos < len(line):
        best: tuple[re.Match[str], dict[str, Any]] | None = None
        for regex, pattern in tm_patterns():
            match = regex.search(line, pos)
            if match and match.end() > match.start() and (best is None or match.start() < best[0].start()):
                best = (match, pattern)
        if best is None:
            break
        match, pattern = best
        for i in range(match.start(), match.end()):
            scopes[i] = pattern.get("name", "")
        for group, capture in pattern.get("captures", {}).items():
            if match.group(int(group)) is not None:
                for i in range(match.start(int(group)), match.end(int(group))):
                    scopes[i] = capture["name"]
        pos = match.end()
    return scopes


def test_every_lark_keyword_is_highlighted() -> None:
    keywords = lark_keywords()
    assert {"ruleset", "input", "tiers", "from", "below", "half_up", "tie_break"} <= keywords  # the extraction works
    unknown = sorted(word for word in keywords if not scopes_of(word)[0].startswith(KEYWORD_SCOPES))
    assert not unknown, f"keywords of grammar/parrules.lark the TextMate grammar does not scope as keywords: {unknown}"


def test_a_name_containing_a_keyword_is_not_a_keyword() -> None:
    line = 'input share_of_index: percent "index # not a comment" # a comment'
    scopes = scopes_of(line)
    at = line.index("share_of_index")
    assert scopes[at] == "" and scopes[at + len("share_")] == ""
    assert scopes[line.index("index #")].startswith("string.")
    assert scopes[line.index("# a comment")].startswith("comment.")
    assert scopes[line.index("percent")].startswith("storage.type.")


def test_codes_numbers_and_percents() -> None:
    line = '  criterion 3.4.1 "x" max 1.5 { score tiers rate(a, b, empty: max) { from 95%: max  below 95%: 0 } }'
    scopes = scopes_of(line)
    assert scopes[line.index("3.4.1")].startswith("entity.name.section.code")
    assert scopes[line.index("1.5")] == "constant.numeric.parrules"
    assert scopes[line.index("95%")] == scopes[line.index("%:")] == "constant.numeric.percent.parrules"
    assert scopes[line.index("rate")].startswith("support.function.")
    assert scopes[line.index("max)")].startswith("keyword.")  # empty: max, the node's maximum
    assert scopes[line.index("tiers")].startswith("keyword.")


SHIPPED = sorted(p.name for p in resources.files("parrules.rulesets").iterdir() if p.name.endswith(".par"))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_ruleset_tokenises_like_the_lexer(name: str) -> None:
    text = resources.files("parrules.rulesets").joinpath(name).read_text(encoding="utf-8")
    lines = text.splitlines()
    line_scopes = [scopes_of(line) for line in lines]
    keywords = lark_keywords()
    seen = {"keyword": 0, "string": 0, "comment": 0, "number": 0}
    wrong: list[str] = []
    for token in _parser().lex(text, dont_ignore=True):
        if token.type in ("WS", "_NEWLINE") or token.line is None or token.column is None:
            continue
        scope = line_scopes[token.line - 1][token.column - 1]
        value = str(token)
        if token.type == value.upper() and value in keywords:
            kind, ok = "keyword", scope.startswith(KEYWORD_SCOPES)
        elif token.type == "STRING":
            kind, ok = "string", scope.startswith("string.quoted")
        elif token.type == "COMMENT":
            kind, ok = "comment", scope.startswith("comment.")
        elif token.type in ("NUMBER", "INT", "CODE"):
            kind, ok = "number", scope.startswith(("constant.numeric", "entity.name.section.code"))
        elif token.type == "NAME":
            kind, ok = "name", not scope.startswith(KEYWORD_SCOPES)
        else:
            continue
        seen[kind] = seen.get(kind, 0) + 1
        if not ok:
            wrong.append(f"{name}:{token.line}:{token.column}: {token.type} {value!r} scoped {scope!r}")
    assert not wrong, "\n".join(wrong[:20])
    assert all(seen[kind] > 0 for kind in ("keyword", "string", "comment", "number")), seen
