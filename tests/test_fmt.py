"""parrules fmt: canonical layout that keeps every comment, parses to the same AST, and is idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import parrules
from parrules.cli import main
from parrules.parse import parse
from parrules.render import comments_of, format_ruleset

from .conftest import DATA

SHIPPED = sorted(Path(__file__).resolve().parents[1].joinpath("rulesets").glob("*.par"))
FILES = [*SHIPPED, DATA / "small.par"]


def without_locations(value: Any) -> Any:
    """The AST with every location (and the file path) left out."""
    if isinstance(value, tuple):
        return tuple(without_locations(v) for v in value)
    if attrs.has(type(value)):
        return (type(value).__name__, *tuple(without_locations(getattr(value, f.name)) for f in attrs.fields(type(value)) if not f.name.endswith("loc") and f.name != "path"))
    return value


def fmt(text: str, path: str = "r.par") -> str:
    return format_ruleset(parse(text, path), comments_of(text))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_formatted_ruleset_parses_to_the_same_ast_keeps_comments_and_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = fmt(text)
    assert without_locations(parse(once, "r.par")) == without_locations(parse(text, "r.par"))
    assert [c for _, c in comments_of(once)] == [c for _, c in comments_of(text)]
    assert fmt(once) == once


def test_layout_is_canonical() -> None:
    messy = (
        'ruleset "X"   year 2022 level province scale 2  # header\n'
        "input a : count\n"
        'field 1 "F" max 2 {criterion 1.1 "C" max 1 {score min(a,max)}\n'
        '  criterion 1.2 "D" max 1 { source survey\n score points } }\n'
    )
    assert fmt(messy) == (
        "# header\n"
        'ruleset "X"\n'
        "  year 2022\n"
        "  level province\n"
        "  scale 2\n"
        "\n"
        "input a: count\n"
        "\n"
        'field 1 "F" max 2 {\n'
        '  criterion 1.1 "C" max 1 { score min(a, max) }\n'
        '  criterion 1.2 "D" max 1 { source survey score points }\n'
        "}\n"
    )


def test_a_hash_inside_a_title_is_not_a_comment() -> None:
    text = 'ruleset "Bộ #1" level province scale 1\nfield 1 "Lĩnh vực #2" max 1 { score 1 }\n'
    assert comments_of(text) == []
    assert '"Lĩnh vực #2"' in fmt(text)


def test_cli_check_and_write(tmp_path: Path) -> None:
    path = tmp_path / "r.par"
    path.write_text('ruleset "X" level province scale 1\nfield 1 "F" max 1 {score 1}\n', encoding="utf-8")
    assert main(["fmt", "--check", str(path)]) == 1
    assert main(["fmt", "-w", str(path)]) == 0
    assert main(["fmt", "--check", str(path)]) == 0
    assert parrules.load(path).codes == ("1",)


def test_shipped_rulesets_are_in_canonical_layout() -> None:
    for path in SHIPPED:
        assert main(["fmt", "--check", str(path)]) == 0, f"run: parrules fmt -w {path}"
