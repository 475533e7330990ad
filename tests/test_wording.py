"""Every diagnostic sentence of the source has its Vietnamese wording (parrules.wording)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from parrules.wording import Sentence, sentence, translations

SOURCE = Path(__file__).resolve().parents[1] / "src" / "parrules"


def _templates() -> list[tuple[str, int, str]]:
    """(file, line, template) of every ``sentence("...")`` call in the package."""
    found = []
    for path in sorted(SOURCE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "sentence"
            ):
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                    f"{path.name}:{node.lineno}: sentence() takes its template as a literal "
                    "(the catalogue is keyed by it)"
                )
                found.append((path.name, node.lineno, first.value))
    return found


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_every_sentence_has_its_vietnamese_wording() -> None:
    vi = translations("vi")
    missing = [f"{file}:{line}: {template!r}" for file, line, template in _templates() if template not in vi]
    assert not missing, "no Vietnamese wording for:\n" + "\n".join(missing)


def test_each_wording_has_the_placeholders_of_its_template() -> None:
    for template, wording in translations("vi").items():
        assert _fields(wording) == _fields(template), (template, wording)


def test_the_catalogue_has_no_sentence_the_source_lost() -> None:
    used = {template for _, _, template in _templates()}
    stale = sorted(set(translations("vi")) - used)
    assert not stale, f"catalogue entries no sentence() uses any more: {stale}"


def test_a_sentence_is_english_by_default_and_said_in_the_asked_language() -> None:
    english = "the header has no scale (write: scale 100)"
    said = sentence(english)
    assert str(said) == english
    assert said.say("en") == english
    if english in translations("vi"):
        assert said.say("vi") == translations("vi")[english]


def test_arguments_are_kept_as_text_and_never_read_as_templates() -> None:
    said = sentence("unknown input {name!r}", name="{0.__class__}")
    assert said == Sentence("unknown input {name!r}", (("name", "{0.__class__}"),))
    assert str(said) == "unknown input '{0.__class__}'"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_language_without_a_catalogue_says_english(lang: str) -> None:
    assert sentence("x {n}", n=3).say(lang) == "x 3"
