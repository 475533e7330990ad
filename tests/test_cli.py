"""The command line end to end: score, template, explain, check, user errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from parrules.cli import main

DATA = Path(__file__).parent / "data"
SMALL = str(DATA / "small.par")
EXAMPLE = str(Path(__file__).parent.parent / "examples" / "small-units.csv")
HEADER = "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_score_example_vietnamese_table(capsys):
    code, out, err = run(capsys, "score", SMALL, EXAMPLE)
    assert code == 0, err
    for header in ("Xếp hạng", "Đơn vị", "Tổng điểm", "Chỉ số (%)", "Xếp loại"):
        assert header in out
    assert "Thị xã Bến Sỏi (hư cấu)" in out and "100,00" in out
    assert err.strip().endswith("đọc 6 dòng = 6 dòng được chấm điểm + 0 dòng bị loại")  # the default language


def test_score_rejects_bad_row_and_scores_others(tmp_path, capsys):
    p = tmp_path / "d.csv"
    p.write_text(
        f"{HEADER}\n"
        'Huyện A,1.050,1.000,"98,3%",5,có,1,none,"0,4"\n'
        'Huyện B,1.050,1.000,"84.41",5,có,1,none,"0,4"\n'
        'Huyện C,100,90,"50%",5,không,0,none,"0,5"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "score", SMALL, str(p), "--format", "json", "--lang", "en")
    assert code == 1
    units = [r["unit"] for r in json.loads(out)]
    assert sorted(units) == ["Huyện A", "Huyện C"]
    assert "row 3" in err and "Huyện B" in err and "'online'" in err
    assert "rows read 3 = scored 2 + rejected 1" in err
    assert "Traceback" not in err


def test_score_xlsx_in_and_out(tmp_path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Đơn vị", *HEADER.split(",")[1:]])
    ws.append(["Huyện A", 1050, 1000, 98.3, 5, "có", 1, "none", 0.4])
    ws.append(["Huyện B", "1.050", "1.000", "98,3%", 5, "có", 1, "none", "0,4"])
    src = tmp_path / "in.xlsx"
    wb.save(src)
    dst = tmp_path / "out.xlsx"
    code, _out, err = run(capsys, "score", SMALL, str(src), "--format", "xlsx", "-o", str(dst), "--lang", "en")
    assert code == 0, err
    rows = list(openpyxl.load_workbook(dst).active.iter_rows(values_only=True))
    assert rows[0][0] == "Thử nghiệm" and rows[1][0] == "Ranking — the provinces 2022"  # the title rows
    assert rows[3][:5] == ("Rank", "Unit", "Total", "Index (%)", "Class")
    # the same data typed as numbers and as Vietnamese text score the same (and tie)
    assert rows[4][0] == rows[5][0] == 1 and rows[4][2] == rows[5][2]


def test_score_markdown_and_csv_output_file(tmp_path, capsys):
    code, out, _ = run(capsys, "score", SMALL, EXAMPLE, "--format", "md", "--lang", "en")
    assert code == 0 and out.startswith("|") and "Index (%)" in out
    dst = tmp_path / "r.csv"
    code, out, _ = run(capsys, "score", SMALL, EXAMPLE, "--format", "csv", "-o", str(dst))
    assert code == 0 and out == ""
    assert dst.read_text(encoding="utf-8-sig").startswith("Xếp hạng,Đơn vị,Tổng điểm,Chỉ số (%)")


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_template_round_trip(tmp_path, capsys, suffix):
    t = tmp_path / f"t.{suffix}"
    code, _, err = run(capsys, "template", SMALL, "-o", str(t))
    assert code == 0, err
    values = ["Huyện A", "1.050", "1.000", "98,3%", "5", "có", "1", "none", "0,4"]
    if suffix == "xlsx":
        wb = openpyxl.load_workbook(t)
        ws = wb.active
        assert [c.value for c in ws[1]][:2] == ["Đơn vị", "received"]
        assert ws[2][1].value.startswith("Hồ sơ tiếp nhận")
        assert len(ws.data_validations.dataValidation) >= 3  # yes/no, counts, rank, choice
        ws.append(values)
        wb.save(t)
    else:
        with t.open("a", encoding="utf-8") as fh:
            fh.write(",".join(f'"{v}"' for v in values) + "\n")
    code, out, err = run(capsys, "score", SMALL, str(t), "--lang", "en")
    assert code == 0, err
    assert "Huyện A" in out and "rows read 1 = scored 1 + rejected 0" in err
    code, _, err = run(capsys, "template", SMALL, "-o", str(t))
    assert code == 2 and "--force" in err


def test_explain_names_node_and_rule_location(capsys):
    code, out, err = run(capsys, "explain", SMALL, EXAMPLE, "--unit", "Huyện Ngàn Lau (hư cấu)", "--node", "1.1.1")
    assert code == 0, err
    assert out.startswith("1.1.1 Đúng hạn")
    assert "small.par:17:13" in out and "received = 860" in out


def test_explain_lost_points(capsys):
    code, out, _ = run(capsys, "explain", SMALL, EXAMPLE, "--unit", "huyện ngàn lau (hư cấu)", "--lost")
    assert code == 0
    lines = out.splitlines()
    assert "Điểm bị trừ" in lines[0] and "Cơ quan chịu trách nhiệm" in lines[0]
    assert "Văn phòng UBND tỉnh" in out


def test_check(tmp_path, capsys):
    code, out, _ = run(capsys, "check", SMALL, "--lang", "en")
    assert code == 0 and out.startswith("ok:")
    bad = tmp_path / "bad.par"
    bad.write_text('ruleset "x" year 2022\nfield 1 "a" max 5 { score nope }\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 1 and "bad.par:2:" in out


@pytest.mark.parametrize(
    "args",
    [
        ["score", "no-such-ruleset", EXAMPLE],
        ["score", SMALL, "no-such-file.csv"],
        ["score", str(DATA / "missing.par"), EXAMPLE],
        ["explain", SMALL, EXAMPLE, "--unit", "Nowhere"],
        ["explain", SMALL, EXAMPLE, "--unit", "Huyện Ngàn Lau (hư cấu)", "--node", "9.9.9"],
        ["score", SMALL, EXAMPLE, "--format", "xlsx"],
        ["score"],
        ["frobnicate"],
    ],
)
def test_user_errors_exit_2_without_traceback(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in out + err
    assert err.strip()


def test_bad_ruleset_is_located(tmp_path, capsys):
    bad = tmp_path / "bad.par"
    bad.write_text('ruleset "x" year 2022\nfield 1 "a" max 5 { score nope }\n', encoding="utf-8")
    code, _, err = run(capsys, "score", str(bad), EXAMPLE)
    assert code == 2 and "bad.par:2:" in err and "Traceback" not in err


def test_console_script_subprocess(tmp_path):
    p = tmp_path / "d.csv"
    p.write_bytes(("\ufeff" + HEADER + "\nHuyện A,10,9,50,5,có,1,none,xx\n").encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "parrules.cli", "score", SMALL, str(p), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "row 2" in proc.stderr and "p_1_4" in proc.stderr and "Traceback" not in proc.stderr
    assert "rows read 1 = scored 0 + rejected 1" in proc.stderr


def test_diff_lists_the_field_maxima_changed_from_2021_to_2022(capsys):
    """Seed 004, Phụ lục 01: field maxima 2021 -> 2022 (1: 8.5 -> 9.5, 3: 13.5 -> 13, ...)."""
    from parrules.cli import main

    assert main(["diff", "national-2021", "national-2022", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "max_changed" in out
    for old, new in (("8.5", "9.5"), ("13.5", "13"), ("11.5", "10.5"), ("13.5", "15"), ("15", "13.5"), ("16", "16.5")):
        assert old in out and new in out


def test_diff_of_a_ruleset_with_itself_says_so(capsys):
    from parrules.cli import main

    assert main(["diff", "national-2022", "national-2022", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "no differences"


# ---------------------------------------------------------------- -o never overwrites an input


def _spellings(tmp_path: Path, target: Path) -> dict[str, str]:
    """Ways to name ``target`` as -o: the same path, absolute, through ``..``, a symlink, a hard link."""
    (tmp_path / "sub").mkdir(exist_ok=True)
    link = tmp_path / f"link-{target.name}"
    link.symlink_to(target)
    hard = tmp_path / f"hard-{target.name}"
    hard.hardlink_to(target)
    return {
        "same": str(target),
        "relative": f"./{target.name}",
        "dotdot": str(tmp_path / "sub" / ".." / target.name),
        "symlink": str(link),
        "hard link": str(hard),
    }


@pytest.mark.parametrize("spelling", ["same", "relative", "dotdot", "symlink", "hard link"])
@pytest.mark.parametrize(
    ("command", "victim"),
    [
        ("score", "data"),  # `score ... -o DATA.csv` silently overwrote its own input
        ("score-csv", "data"),
        ("report", "data"),
        ("score", "ruleset"),
        ("score", "parent"),  # a ruleset the one named extends is an input too
        ("template", "ruleset"),  # even with --force
    ],
)
def test_output_never_overwrites_an_input(tmp_path, capsys, monkeypatch, command: str, victim: str, spelling: str):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data.csv"
    data.write_bytes(Path(EXAMPLE).read_bytes())
    parent = tmp_path / "parent.par"
    parent.write_bytes(Path(SMALL).read_bytes())
    ruleset = tmp_path / "child.par"
    ruleset.write_text('ruleset "Child" extends "parent"\n', encoding="utf-8")
    target = {"data": data, "ruleset": ruleset, "parent": parent}[victim]
    before = {p: p.read_bytes() for p in (data, parent, ruleset)}
    output = _spellings(tmp_path, target)[spelling]
    args = {
        "score": ["score", str(ruleset), str(data), "-o", output],
        "score-csv": ["score", str(ruleset), str(data), "--format", "csv", "-o", output],
        "report": ["report", str(ruleset), str(data), "-o", output],
        "template": ["template", str(ruleset), "-o", output, "--force"],
    }[command]
    code, _out, err = run(capsys, *args, "--lang", "en")
    assert code == 2
    assert "refusing to overwrite an input" in err and f"-o {output}" in err
    assert {p: p.read_bytes() for p in before} == before  # nothing was written


def test_output_next_to_the_inputs_is_written(tmp_path, capsys):
    """The refusal compares files, not folders or names that merely look alike."""
    data = tmp_path / "data.csv"
    data.write_bytes(Path(EXAMPLE).read_bytes())
    code, _out, err = run(capsys, "score", SMALL, str(data), "--format", "csv", "-o", str(tmp_path / "data.out.csv"))
    assert code == 0, err
    assert (tmp_path / "data.out.csv").read_text(encoding="utf-8-sig").count("\n") > 5
