"""`audit`: recompute seed 004's published Phụ lục 02 and list the cells that disagree.

tests/data/ha_giang_2022_published.csv is the Ministry column ("Bộ Nội vụ đánh giá") of seed
004 Phụ lục 02, one row per code as in tests/test_golden_national_2022.py (PRINTED, with the
seed line of each row), plus the total (004:417, "84,4089") and the index (004:53, "84,41%").
The first test proves the file is that table, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

import parrules
from parrules.audit import agrees, audit, printed_number, printed_places, read_published
from parrules.cli import main
from parrules.io import read_data, score_data

from .test_golden_national_2022 import (
    FORMULA_LEAVES,
    FROM_COUNTS,
    PRINTED,
    PRINTED_RATES_AS_COUNTS,
    PRINTED_TOTAL,
    ministry_inputs,
)

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = Path(__file__).parent / "data" / "ha_giang_2022_published.csv"
EXAMPLE = ROOT / "examples" / "ha-giang-2022.csv"
UNIT = "Tỉnh Hà Giang"
GOLDEN = (Path(__file__).parent / "test_golden_national_2022.py").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rs() -> parrules.Ruleset:
    return parrules.load("national-2022")


@pytest.fixture(scope="module")
def example_cards(rs: parrules.Ruleset) -> list[parrules.Scorecard]:
    return score_data(rs, read_data(EXAMPLE, rs)).cards


def test_published_file_is_the_golden_table() -> None:
    seed_lines = dict(re.findall(r'^\s+"([\d.]+)": \(.*?\),\s+# 004:(\d+)', GOLDEN, re.M))
    expected = [[UNIT, code, printed[2], seed_lines[code]] for code, printed in PRINTED.items()]
    expected += [[UNIT, "total", PRINTED_TOTAL[2].replace(".", ","), "417"], [UNIT, "index", "84,41%", "53"]]
    with PUBLISHED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["unit", "code", "published", "seed_line"]
    assert rows[1:] == expected
    assert len(read_published(PUBLISHED)) == len(PRINTED) + 2 == 135


def test_printed_precision() -> None:
    assert printed_places("0.811") == 3 and agrees(D("0.8114"), "0.811")
    assert printed_places("1.4981") == 4 and not agrees(D("1.4982"), "1.4981")
    assert printed_places("84,4089") == 4 and printed_number("84,4089") == D("84.4089")
    assert printed_places("84,41%") == 2 and agrees(D("84.41"), "84,41%")
    assert (
        agrees(D("0.6580"), "0.658")
        and agrees(D("1.00"), "1")
        and agrees(D("0.98"), "1")
        and not agrees(D("0.98"), "1.00")
    )
    assert agrees(D("0.8115"), "0.812")  # half-up, as the seeds print
    with pytest.raises(ValueError):
        printed_number("1.234,5")


# The cells the golden test documents as differing (FROM_COUNTS) with the printed-counts data of
# examples/ha-giang-2022.csv, less 6.1.3: computed 0.8114 is printed "0.811" (3 places) and agrees.
EXPECTED = {
    "1.3.2": ("0.98", "1.00"),
    "3": ("12.3714", "12.3715"),
    "3.4": ("4.9634", "4.9635"),
    "3.4.1": ("1.4981", "1.4982"),
    "5": ("11.7898", "11.7808"),
    "6": ("10.3369", "10.3373"),
    "6.1": ("3.2791", "3.2795"),
    "total": ("84,4089", "84.4094"),
}


def test_audit_ministry_column(rs: parrules.Ruleset, example_cards: list[parrules.Scorecard]) -> None:
    findings = audit(rs, example_cards, read_published(PUBLISHED))
    got = {f.code: (f.published, f.computed) for f in findings}
    assert got == {code: (pub, D(comp)) for code, (pub, comp) in EXPECTED.items()}
    assert set(got) == (set(FROM_COUNTS) - {"6.1.3"}) | {"total"}
    assert D(FROM_COUNTS["6.1.3"][0]) == D("0.8114")  # differs in value, agrees at the printed 3 places
    diffs = {f.code: f.difference for f in findings}
    assert diffs == {
        "1.3.2": D("0.02"), "3": D("0.0001"), "3.4": D("0.0001"), "3.4.1": D("0.0001"),
        "5": D("-0.0090"), "6": D("0.0004"), "6.1": D("0.0004"), "total": D("0.0005"),
    }  # fmt: skip
    assert all(f.unit == UNIT and f.row > 1 for f in findings)


def test_audit_ministry_column_from_printed_rates(rs: parrules.Ruleset) -> None:
    """Fed the printed rates 99.876% and 81.1% (golden scenario 2): only the two places where the
    printed column disagrees with its own children remain; the total 84.4089 is reproduced."""
    card = rs.evaluate(ministry_inputs(**PRINTED_RATES_AS_COUNTS), unit=UNIT)
    assert {f.code for f in audit(rs, [card], read_published(PUBLISHED))} == {"1.3.2", "5"}


def self_column() -> list[tuple[str, str, str]]:
    """The self-assessed column ("Điểm tự đánh giá") for the formula leaves."""
    return [(UNIT, code, PRINTED[code][1]) for code in sorted(FORMULA_LEAVES) if PRINTED[code][1] is not None]


def test_audit_self_assessed_formula_leaves(rs: parrules.Ruleset, example_cards: list[parrules.Scorecard]) -> None:
    cells = self_column()
    assert len(cells) == len(FORMULA_LEAVES) == 13
    # the Ministry's figures (examples/ha-giang-2022.csv) against the province's own points
    assert {f.code: f.published for f in audit(rs, example_cards, cells)} == {
        "1.3.2": "0.98",  # the province counted all 75 issues as due; the Ministry 72/72
        "3.2.3": "1.00",  # the province's own figures (not in the seed)
        "3.4.1": "1.4981",  # from the printed rate 99.876%; the printed counts give 1.4982
        "6.1.1": "0.7768",  # the province's own figures
        "7.1.4": "0.80",  # the province's own figures
        "8.4": "1.50",  # the top band, but the province is in the lowest group (004:415)
    }
    # with the province's reading (not_due = 0, the printed rates): its own figures remain
    card = rs.evaluate(ministry_inputs(inspection_issues_not_due=0, **PRINTED_RATES_AS_COUNTS), unit=UNIT)
    assert {f.code for f in audit(rs, [card], cells)} == {"3.2.3", "6.1.1", "7.1.4", "8.4"}


def test_unknown_unit_and_code(rs: parrules.Ruleset, example_cards: list[parrules.Scorecard]) -> None:
    (finding,) = audit(rs, example_cards, [("Tỉnh Hà Giang ", "total", "84.4094"), ("Tỉnh Lào Cai", "1", "9")])
    assert finding.unit == "Tỉnh Lào Cai" and finding.computed is None and finding.difference is None
    with pytest.raises(parrules.NotFound, match=r"9\.9"):
        audit(rs, example_cards, [(UNIT, "9.9", "1")])


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_audit_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "audit", "national-2022", str(PUBLISHED), "--data", str(EXAMPLE), "--lang", "en")
    assert code == 1, err
    lines = out.strip().splitlines()
    assert lines[-1] == "135 cells checked, 8 differ"
    assert lines[0].split() == ["Row", "Unit", "Code", "Published", "Computed", "Difference"]
    body = {line.split()[4]: line.split()[5:] for line in lines[2:-1]}  # row, then "Tỉnh Hà Giang" (3 words)
    rows = {line.split()[4]: line.split()[0] for line in lines[2:-1]}
    assert rows["3.4.1"] == "37" and rows["total"] == "135"  # the published table's CSV lines
    assert body["3.4.1"] == ["1.4981", "1.4982", "0.0001"]
    assert body["1.3.2"] == ["0.98", "1.0000", "0.0200"]
    assert body["total"] == ["84,4089", "84.4094", "0.0005"]
    assert "6.1.3" not in body
    # docs/cli.md prints this very output
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"--data examples/ha-giang-2022.csv --lang en\n{out}```" in page


def test_cli_audit_clean_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "ok.csv"
    table.write_text('unit,code,published\nTỉnh Hà Giang,6.1.3,"0,811"\nTỉnh Hà Giang,index,84.41\n', encoding="utf-8")
    code, out, _ = run(capsys, "audit", "national-2022", str(table), "--data", str(EXAMPLE))
    assert (code, out) == (0, "đã kiểm tra 2 ô, 0 ô khác\n")  # Vietnamese by default, as every command


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no published table"),
        ("unit,code\nA,1\n", "no column published"),
        ("unit,code,published\nTỉnh Hà Giang,1,abc\n", "not a number"),
        ("unit,code,published\nTỉnh Hà Giang,1.9.9,1\n", "no node '1.9.9'"),
    ],
)
def test_cli_audit_user_errors(tmp_path: Path, capsys, content: str | None, message: str) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "published.csv"
    if content is not None:
        table.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "audit", "national-2022", str(table), "--data", str(EXAMPLE), "--lang", "en")
    assert code == 2 and out == "" and message in err and "Traceback" not in err
