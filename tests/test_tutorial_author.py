"""docs/tutorial.md section 6 (the author's path): every command it shows prints what it shows.

The cases, the data file and the 2025 ruleset are taken from the page itself; the
expected outputs are the page's blocks after each ``$ parrules ...`` line.  The numbers
in them are derived by hand on the page (section 5 and the Đồng Cỏ paragraph).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parrules.cli import main

DOCS = Path(__file__).parent.parent / "docs"


def _section() -> str:
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    return text.split("## 6. The author's path", 1)[1].split("\n## ", 1)[0]  # up to the next section


def _shown(section: str, command: str, nth: int = 0) -> str:
    """The output printed under the nth ``$ COMMAND`` of the section."""
    part = section.split(f"$ {command}\n")[nth + 1]
    return part.split("```", 1)[0]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([*args, "--lang", "en"])  # the page shows English output
    return code, capsys.readouterr().out


def test_the_authors_path_prints_what_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    base, child, next_year = re.findall(r"```par\n(.*?)```", text, re.S)[:3]
    section = _section()
    (cases,) = re.findall(r"```toml\n(.*?)```", section, re.S)
    (csv,) = re.findall(r"```csv\n(.*?)```", section, re.S)
    for name, content in (
        ("tutorial.par", base),
        ("tutorial-2024.par", child),
        ("tutorial-2025.par", next_year),
        ("tutorial-2024.cases.toml", cases),
        ("huyen.csv", csv),
    ):
        (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert _run(capsys, "test", "tutorial-2024.par") == (0, _shown(section, "parrules test tutorial-2024.par --lang en"))

    wrong = tmp_path / "wrong"
    wrong.mkdir()
    typo = child.replace("from 50%: 2  from 30% below 50%: 1", "from 40%: 2  from 30% below 40%: 1")
    assert typo != child
    for name, content in (("tutorial.par", base), ("tutorial-2024.par", typo), ("tutorial-2024.cases.toml", cases)):
        (wrong / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(wrong)
    assert _run(capsys, "test", "tutorial-2024.par") == (1, _shown(section, "parrules test tutorial-2024.par --lang en", 1))
    monkeypatch.chdir(tmp_path)

    shown = _shown(section, "parrules diff tutorial.par tutorial-2024.par --data huyen.csv --lang en")
    assert _run(capsys, "diff", "tutorial.par", "tutorial-2024.par", "--data", "huyen.csv") == (1, shown)
    # the hand derivation of the Đồng Cỏ paragraph
    assert "Huyện Đồng Cỏ   8.4947 -> 7.8447  84.95 -> 78.45  1 -> 2  -1        Tốt -> Khá" in shown

    shown = _shown(section, "parrules diff tutorial-2024.par tutorial-2025.par --lang en")
    assert _run(capsys, "diff", "tutorial-2024.par", "tutorial-2025.par") == (1, shown)
    assert "from 50%             from 45%" in shown
