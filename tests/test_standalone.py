"""The complete standalone module (issue 13, point 1), run where parrules is not installed.

Every shipped ruleset and small.par is emitted with ``rs.to_source()``, written to a
``.py`` file and imported by a fresh virtualenv's Python (``python -m venv
--without-pip``, run with ``-I``: no parrules, no site-packages, no PYTHONPATH) in one
subprocess per batch.  Each unit's ``evaluate(inputs)`` result, sent back as JSON, must
equal ``parrules.standalone.result_data`` (built from the library's Scorecard and
``aggregate.classify``) field for field, and ``explain(inputs, code)`` must equal
``Scorecard.explain`` character for character.  Units: the real data of the repository
(examples/*.csv read by ``parrules.io``, the seed units of the golden tests), units drawn
by hypothesis from each ruleset's declarations, and broken units for every error path
(D101 with a near miss, D104, D106, D108 with values, D110 naming the node, D111).
"""

from __future__ import annotations

import ast
import itertools
import json
import subprocess
import sys
import venv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules import nodes as n
from parrules import standalone
from parrules.errors import InputError, NotFound
from parrules.standalone import result_data
from parrules.testing import units

from .conftest import DATA, all_rulesets

ROOT = Path(__file__).parent.parent

DRIVER = """
import importlib.util
import json
import sys
from decimal import Decimal


def decode(value):
    tag = value[0]
    if tag == "d":
        return Decimal(value[1])
    if tag == "i":
        return int(value[1])
    if tag == "f":
        return float(value[1])
    if tag in ("s", "b"):
        return value[1]
    if tag == "n":
        return None
    raise ValueError(tag)


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    out = {"prefix": sys.prefix, "modules": {}}
    for key, entry in job.items():
        spec = importlib.util.spec_from_file_location(entry["name"], entry["path"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        results = []
        for case in entry["cases"]:
            if "raw" in case:
                inputs = case["raw"]
            else:
                inputs = {name: decode(value) for name, value in case["inputs"].items()}
            explained = []
            for code in case["explain"]:
                try:
                    explained.append(["text", module.explain(inputs, code, case["unit"])])
                except module.Refused as refused:
                    explained.append(["refused", refused.error])
                except LookupError as error:
                    explained.append(["lookup", str(error)])
            if "members" in case:
                results.append({"result": module.evaluate(inputs, case["unit"], case["members"]), "explain": explained})
            else:
                results.append({"result": module.evaluate(inputs, case["unit"]), "explain": explained})
        out["modules"][key] = results
    out["parrules_imported"] = any(name == "parrules" or name.startswith("parrules.") for name in sys.modules)
    try:
        import parrules  # noqa: F401
    except ImportError:
        out["parrules_importable"] = False
    else:
        out["parrules_importable"] = True
    sys.stdout.write(json.dumps(out, ensure_ascii=True))


main()
"""


# ---------------------------------------------------------------- the fresh virtualenv
@pytest.fixture(scope="session")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv without parrules (and without pip): only the standard library."""
    folder = tmp_path_factory.mktemp("bare-venv")
    venv.EnvBuilder(with_pip=False, system_site_packages=False, clear=True).create(folder)
    python = folder / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    assert python.exists()
    return python


_module_numbers = itertools.count()


@pytest.fixture(scope="session")
def module_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[parrules.Ruleset, Path]]:
    """Every shipped ruleset and small.par: loaded, and its module written to a file."""
    folder = tmp_path_factory.mktemp("modules")
    out = {}
    for name in all_rulesets():
        rs = parrules.load(name)
        out[name] = (rs, write_module(rs, folder))
    return out


def write_module(rs: parrules.Ruleset, folder: Path) -> Path:
    path = folder / f"portal_module_{next(_module_numbers)}.py"
    path.write_text(rs.to_source(), encoding="utf-8")
    assert path.read_bytes().isascii()
    return path


def encode(value: Any) -> list[Any]:
    """A value as the driver rebuilds it exactly (JSON has no Decimal)."""
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, Decimal):
        return ["d", str(value)]
    if isinstance(value, int):
        return ["i", str(value)]
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, str):
        return ["s", value]
    if value is None:
        return ["n"]
    raise TypeError(type(value))


Case = dict[str, Any]  # {"inputs": {...} | "raw": ..., "unit": str | None, "explain": [code | None, ...]}


def case(inputs: Any, unit: str | None = None, explain: tuple[str | None, ...] = (None,)) -> Case:
    return {"inputs": inputs, "unit": unit, "explain": list(explain)}


def run_bare(python: Path, folder: Path, batch: dict[str, tuple[parrules.Ruleset, Path, list[Case]]]) -> dict[str, Any]:
    """Run every case of the batch in one subprocess of the bare Python; its JSON answer."""
    job = {}
    for key, (_rs, path, cases) in batch.items():
        wire = []
        for c in cases:
            entry = {"unit": c["unit"], "explain": c["explain"]}
            if "members" in c:
                entry["members"] = c["members"]
            if isinstance(c["inputs"], dict):
                entry["inputs"] = {name: encode(value) for name, value in c["inputs"].items()}
            else:
                entry["raw"] = c["inputs"]
            wire.append(entry)
        job[key] = {"name": path.stem, "path": str(path), "cases": wire}
    job_file = folder / f"job_{next(_module_numbers)}.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    driver = folder / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run(
        [str(python), "-I", str(driver), str(job_file)], capture_output=True, text=True, cwd=folder, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answer: dict[str, Any] = json.loads(done.stdout)
    # the module ran on the standard library alone: parrules could not even be imported
    assert answer["parrules_importable"] is False and answer["parrules_imported"] is False
    assert Path(answer["prefix"]).resolve() == python.parent.parent.resolve()
    return answer


def library_explain(rs: parrules.Ruleset, inputs: Any, code: str | None, unit: str | None) -> list[Any]:
    try:
        card = rs.evaluate(inputs, unit)
        return ["text", card.explain(code)]
    except InputError:
        return ["refused", result_data(rs, inputs, unit)["errors"][0]]
    except NotFound as error:
        return ["lookup", str(error)]


def compare(batch: dict[str, tuple[parrules.Ruleset, Path, list[Case]]], answer: dict[str, Any]) -> dict[str, int]:
    """Every field of every case equal to the library's; counts of what was compared, by outcome."""
    seen: dict[str, int] = {}
    for key, (rs, _path, cases) in batch.items():
        results = answer["modules"][key]
        assert len(results) == len(cases)
        for c, got in zip(cases, results, strict=True):
            inputs, unit = c["inputs"], c["unit"]
            expected = result_data(rs, inputs, unit, c.get("members"))
            assert got["result"] == expected, (key, unit, inputs)
            for code, explained in zip(c["explain"], got["explain"], strict=True):
                assert explained == library_explain(rs, inputs, code, unit), (key, unit, code, inputs)
            outcome = "scored" if expected["ok"] else expected["errors"][0]["code"]
            seen[outcome] = seen.get(outcome, 0) + 1
    return seen


# ---------------------------------------------------------------- the units
def real_units(name: str, rs: parrules.Ruleset) -> list[tuple[str, dict[str, Any]]]:
    """The repository's real (and example) units for a ruleset."""
    from .test_golden_bac_kan import card_for_total
    from .test_golden_bac_kan import rows as bac_kan_rows
    from .test_golden_lai_chau import department_card
    from .test_golden_lai_chau import rows as lai_chau_rows
    from .test_golden_national_2022 import PRINTED_RATES_AS_COUNTS, ministry_inputs

    out: list[tuple[str, dict[str, Any]]] = []
    files = {
        "national-2022": ROOT / "examples" / "ha-giang-2022.csv",
        "small.par": ROOT / "examples" / "small-units.csv",
    }
    for suffix, path in files.items():
        if name.endswith(suffix):
            data = data_io.read_data(path, rs)
            assert data.units and not data.rejected
            out.extend((u.unit, dict(u.inputs)) for u in data.units)
    if name == "national-2022":  # seed 004, Hà Giang 2022, the Ministry's column
        out.append(("Hà Giang (seed 004)", ministry_inputs(**PRINTED_RATES_AS_COUNTS)))
    if name.startswith("bac-kan-2023-"):  # seed 000: every unit's final points and survey fields
        level = name.removeprefix("bac-kan-2023-")
        ranking, survey = (
            bac_kan_rows(f"bac_kan_2023_{level}_ranking.csv"),
            bac_kan_rows(f"bac_kan_2023_{level}_survey.csv"),
        )
        for r, s in zip(ranking, survey, strict=True):
            out.append((r["unit"], dict(card_for_total(rs, r["unit"], Decimal(r["final_points"]), s).inputs)))
    if name == "bac-kan-2022-departments":
        for r in bac_kan_rows("bac_kan_2023_departments_comparison_2022.csv"):
            out.append((r["unit"], {"total_2022": Decimal(r["points_2022"])}))
    if name == "lai-chau-2022-departments":  # seed 002
        for r in lai_chau_rows("lai_chau_2022_departments_index.csv"):
            out.append((r["unit"], dict(department_card(rs, r).inputs)))
    if name == "lai-chau-2022-districts":
        for r in lai_chau_rows("lai_chau_2022_districts_index.csv"):
            out.append(
                (r["unit"], {"appraisal": Decimal(r["appraisal_points"]), "impact": Decimal(r["impact_points"])})
            )
    return out


def lowest_unit(rs: parrules.Ruleset) -> dict[str, Any]:
    """Every input at the bottom of its range (no, the first option, the lower bound or 0)."""
    unit: dict[str, Any] = {}
    for name, decl in rs.inputs.items():
        if decl.type == "yesno":
            unit[name] = False
        elif decl.type == "choice":
            unit[name] = decl.options[0]
        else:
            unit[name] = decl.low if decl.low is not None else Decimal(1 if decl.type == "rank" else 0)
    rs.evaluate(unit)  # it scores
    return unit


def broken_units(rs: parrules.Ruleset, good: dict[str, Any]) -> Iterator[Any]:
    """One good unit broken in every way the library reports: each error path of the module."""
    names = list(rs.inputs)
    first = names[0]
    yield {k: v for k, v in good.items() if k != first}  # D101, and the others given
    yield {}  # D101, naming how many others are missing
    if len(first) > 3:  # D101 naming the near miss
        yield {(k[:-1] if k == first else k): v for k, v in good.items()}
    for name, decl in rs.inputs.items():
        wrong: Any = "có lẽ" if decl.type in ("yesno", "choice") else "abc"
        yield {**good, name: wrong}  # D104
        if decl.type not in ("yesno", "choice"):
            yield {**good, name: Decimal("1e40")}  # D106
            yield {**good, name: "NaN"}  # D104
            yield {**good, name: True}  # D104, yes/no for a number
        break
    for name, decl in rs.inputs.items():
        if decl.type in ("count", "rank"):
            yield {**good, name: -1}  # D105
            yield {**good, name: Decimal("2.5")}  # D105
            break
    for constraint in rs.ast.constraints:  # D108 with the values
        cond = constraint.condition
        if isinstance(cond, n.Compare) and isinstance(cond.left, n.Ref) and isinstance(cond.right, n.Ref):
            if cond.op in ("<=", "<") and isinstance(good.get(cond.right.name), Decimal | int):
                yield {**good, cond.left.name: good[cond.right.name] + 1}
    yield None  # D111
    yield [1, 2]  # D111


def cases_for(name: str, rs: parrules.Ruleset, drawn: list[dict[str, Any]]) -> list[Case]:
    out = []
    codes = list(rs.codes)
    for i, (unit, inputs) in enumerate(real_units(name, rs)):
        # every node explained for the first units, one node (in turn) for the others
        explain = (None, codes[i % len(codes)]) if i < 3 else (codes[i % len(codes)],)
        out.append(case(inputs, unit, explain))
    for i, inputs in enumerate(drawn):
        out.append(case(inputs, None if i % 2 else f"Đơn vị {i}", (None,)))
        # the same unit as a JSON portal sends it: numbers as strings
        as_json = {k: str(v) if isinstance(v, Decimal) else v for k, v in inputs.items()}
        out.append(case(as_json, None, (codes[-1],)))
    if drawn:
        as_floats = {k: float(v) if isinstance(v, Decimal) else v for k, v in drawn[0].items()}
        out.append(case(as_floats, "floats", (None,)))  # read through their shortest repr
        for broken in broken_units(rs, drawn[0]):
            out.append(case(broken, "Hỏng", (None,)))
        out.append(case(drawn[0], None, ("9.9.9", codes[0][:-1] + "x")))  # unknown codes: the library's NotFound
    return out


# ---------------------------------------------------------------- the tests
def test_every_shipped_ruleset_real_units_and_errors_in_a_bare_python(
    bare_python: Path, module_files: dict[str, tuple[parrules.Ruleset, Path]], tmp_path: Path
) -> None:
    """Real units of every ruleset, and a unit of each broken in every reported way, through the
    module in a Python without parrules: every field and every explanation equal to the library's."""
    batch = {}
    for name, (rs, path) in module_files.items():
        real = real_units(name, rs)
        good = dict(real[0][1]) if real else lowest_unit(rs)  # national-2021: no unit of its own in the seeds
        batch[name] = (rs, path, cases_for(name, rs, [good]))
    seen = compare(batch, run_bare(bare_python, tmp_path, batch))
    # each path was really taken (a broken unit that scored would not test its error)
    assert seen["scored"] > 100
    for code in ("D101", "D104", "D105", "D106", "D108", "D111"):
        assert seen.get(code, 0) > 0, (code, seen)
    print(f"standalone vs library, in a Python without parrules: {seen}")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_units_of_every_ruleset_in_a_bare_python(
    bare_python: Path,
    module_files: dict[str, tuple[parrules.Ruleset, Path]],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    """Units drawn from each ruleset's declarations (parrules.testing.units), batched: one
    subprocess per hypothesis example for every ruleset."""
    batch = {}
    for name, (rs, path) in module_files.items():
        drawn = data.draw(st.lists(units(rs), min_size=4, max_size=4), label=name)
        cases = []
        for i, inputs in enumerate(drawn):
            cases.append(case(dict(inputs), None if i % 2 else f"u{i}", (None,)))
            as_json = {k: str(v) if isinstance(v, Decimal) else v for k, v in inputs.items()}
            cases.append(case(as_json, None, (rs.codes[i % len(rs.codes)],)))
        batch[name] = (rs, path, cases)
    seen = compare(batch, run_bare(bare_python, tmp_path_factory.mktemp("random"), batch))
    assert sum(seen.values()) == 8 * len(module_files)


SQUARING = (
    'ruleset "t" year 2022 level province scale 10\ninput a: number\ninput b: number in 0..10\n'
    "constraint b <= a + 10\n"
    'field 1 "f" max 10 {\n  criterion 1.1 "c" max 5 { score min(b, max) }\n'
    '  criterion 1.2 "d" max 5 {\n    let v0 = a + 2\n'
    + "".join(f"    let v{i} = v{i - 1} * v{i - 1}\n" for i in range(1, 31))
    + "    score min(max(v30, 0), max)\n  }\n}\n"
)


def test_d110_names_the_node_and_the_constraint_in_a_bare_python(bare_python: Path, tmp_path: Path) -> None:
    """A formula that overflows is D110 naming its node and file:line:col, as in process (issue 8,
    class 7).  (A constraint that traps is named too; no checked constraint over bounded inputs can.)"""
    rs = parrules.loads(SQUARING, path="portal/t.par")
    batch = {
        "squaring": (
            rs,
            write_module(rs, tmp_path),
            [
                case({"a": 5, "b": 1}, "u", (None, "1.2")),  # (5 + 2) squared 30 times overflows: node 1.2
                case({"a": -5, "b": 6}, None, (None,)),  # 6 <= -5 + 10 does not hold: D108
                case({"a": -2, "b": 3}, None, (None,)),  # v0 = 0: scores
                case({"a": -1, "b": 2}, "v", (None,)),  # v0 = 1: scores
            ],
        )
    }
    assert compare(batch, run_bare(bare_python, tmp_path, batch)) == {"D110": 1, "D108": 1, "scored": 2}
    node = result_data(rs, {"a": 5, "b": 1})["errors"][0]
    assert (node["code"], node["node"]) == ("D110", "1.2") and "(portal/t.par:7:3)" in node["message"]
    constraint = result_data(rs, {"a": -5, "b": 6})["errors"][0]
    assert constraint["message"] == "the constraint b <= a + 10 does not hold (b = 6, a = -5)"
    assert result_data(rs, {"a": -2, "b": 3})["total"] == "3.0000"  # 3 + min(max(0, 0), 5)
    assert result_data(rs, {"a": -1, "b": 2})["total"] == "3.0000"  # 2 + min(max(1, 0), 5)


def test_the_result_shape_and_a_hand_derived_unit(small: parrules.Ruleset, tmp_path: Path) -> None:
    """The documented shape, on small.par's hand-derived unit (tests/test_evaluate.py derives
    every node: 1.1.1 = 1.5 x 66108/66186 -> 1.4982 ... total 5.2844, index 52.84)."""
    from .test_injection import import_module_file

    module = import_module_file(small.to_source(), tmp_path)
    inputs = {
        "received": 66186, "on_time": 66108, "online": "42.41", "rank_budget": 55, "has_plan": True,
        "late_tasks": 3, "discipline": "dept_leader", "p_1_4": "0.4",
    }  # fmt: skip
    result = module.evaluate(inputs, "Huyện A")
    assert json.loads(json.dumps(result)) == result  # plain JSON data
    assert (result["ok"], result["total"], result["index"], result["applicable_scale"]) == (
        True,
        "5.2844",
        "52.84",
        "10",
    )
    node = {r["code"]: r for r in result["nodes"]}["1.1.1"]
    assert (node["score"], node["max"], node["applicable_max"], node["parent"]) == ("1.4982", "1.5", "1.5", "1.1")
    assert Decimal(node["rate"]).quantize(Decimal("0.01")) == Decimal("99.88")  # 1.4982 / 1.5
    assert set(node) == {
        "code", "title", "kind", "parent", "score", "max", "applicable_max", "applicable", "rate", "lost", "source", "agency"
    }  # fmt: skip
    assert result["class_note"] == ""  # small.par declares no district downgrade rule
    assert result == result_data(small, inputs, "Huyện A")
    assert module.explain(inputs, "1.1.1", "Huyện A") == small.evaluate(inputs, "Huyện A").explain("1.1.1")
    assert module.RULESET["title"] == small.title
    with pytest.raises(module.Refused) as refused:
        module.explain({**inputs, "on_time": 70000})
    assert refused.value.error["code"] == "D108"
    assert "on_time = 70000, received = 66186" in refused.value.error["message"]


def test_the_result_layer_is_plain() -> None:
    """What every module carries verbatim: standard library imports only, no dynamic code, ASCII,
    no ``from __future__`` (it must open a file), and no name the runtime or generated code defines."""
    from parrules import runtime

    source = standalone.layer_source()
    assert source.isascii()
    tree = ast.parse(source)
    allowed_modules = {"decimal", "difflib", "unicodedata", "collections.abc", "typing"}
    forbidden = {"eval", "exec", "compile", "__import__", "open", "getattr", "setattr", "globals", "locals", "vars"}
    for node in ast.walk(tree):
        assert not isinstance(node, ast.Import) or all(a.name in allowed_modules for a in node.names), ast.dump(node)
        if isinstance(node, ast.ImportFrom):
            assert node.module in allowed_modules and node.level == 0, ast.dump(node)
        if isinstance(node, ast.Name):
            assert node.id not in forbidden, node.id
    defined = {
        target.id
        for stmt in tree.body
        for target in (stmt.targets if isinstance(stmt, ast.Assign) else [])
        if isinstance(target, ast.Name)
    } | {stmt.name for stmt in tree.body if isinstance(stmt, ast.FunctionDef | ast.ClassDef)}
    runtime_names = {name for name in vars(runtime) if not name.startswith("__")}
    generated = {"TITLE", "ROUND", "CONTEXT", "INPUTS", "NODES", "evaluate", "evaluate_traced", "evaluate_scores"}
    assert not defined & (runtime_names | generated), defined & (runtime_names | generated)


def test_a_module_written_by_the_command_line_scores_alone(bare_python: Path, tmp_path: Path) -> None:
    """`parrules compile RULESET -o FILE` writes the same module; the bare Python imports it."""
    from parrules.cli import main

    target = tmp_path / "national_2022.py"
    assert main(["compile", "national-2022", "-o", str(target)]) == 0
    rs = parrules.load("national-2022")
    assert target.read_text(encoding="utf-8") == rs.to_source()
    inputs = dict(real_units("national-2022", rs)[0][1])
    batch = {"cli": (rs, target, [case(inputs, "Hà Giang", (None,))])}
    assert compare(batch, run_bare(bare_python, tmp_path, batch)) == {"scored": 1}


def test_explain_prints_what_parrules_explain_prints(
    small: parrules.Ruleset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`parrules explain RULESET DATA --unit NAME [--node CODE]` and the module's explain, same text."""
    from parrules.cli import main

    from .test_injection import import_module_file

    data_file = ROOT / "examples" / "small-units.csv"
    module = import_module_file(small.to_source(), tmp_path)
    for unit in data_io.read_data(data_file, small).units[:3]:
        for code in (None, "1.1.1", "2"):
            argv = ["explain", str(DATA / "small.par"), str(data_file), "--unit", unit.unit, "--lang", "en"]
            assert main([*argv, "--node", code] if code else argv) == 0
            printed = capsys.readouterr().out
            assert printed == module.explain(dict(unit.inputs), code, unit.unit) + "\n"


def test_the_district_downgrade_rule_as_the_library_applies_it(
    bare_python: Path, module_files: dict[str, tuple[parrules.Ruleset, Path]], tmp_path: Path
) -> None:
    """bac-kan-2023-districts.par:89 `downgrade when share of communes at class or better below 2 / 3`
    (seed 000:63-67).  Huyện Pác Nặm's final points are 79.274 (seed 000:176): "Khá" by total
    (line 78: from 70 below 80).  Without its communes' classes the module gives that class and
    says, as ``aggregate.standings`` does, that the commune rule was not applied; with them it
    lowers or withholds the class exactly as the library does (``apply_downgrade``)."""
    from .test_golden_bac_kan import card_for_total
    from .test_golden_bac_kan import rows as bac_kan_rows

    rs, path = module_files["bac-kan-2023-districts"]
    ranking = bac_kan_rows("bac_kan_2023_districts_ranking.csv")
    survey = bac_kan_rows("bac_kan_2023_districts_survey.csv")
    row = next(i for i, r in enumerate(ranking) if r["unit"] == "Huyện Pác Nặm")
    inputs = dict(card_for_total(rs, "Huyện Pác Nặm", Decimal(ranking[row]["final_points"]), survey[row]).inputs)
    by_points = "theo điểm; chưa xét quy tắc xã (không có kết quả cấp xã)"
    expected = [  # (members, class, note), derived by hand from the rule
        (None, "Khá", by_points),
        (["Khá", "Tốt", "Yếu"], "Khá", ""),  # 2 of 3 at Khá or better: 2/3 is not below 2/3
        (["Khá", "Yếu", "Trung bình"], "Trung bình", "hạ 1 mức: 1/3 xã đạt Khá trở lên < 2/3"),
        (["Tốt", None], None, "chưa xếp loại: 1 xã chưa có kết quả"),
        ([], None, "chưa xếp loại: không có xã trực thuộc nào"),
    ]
    cases = []
    for members, klass, note in expected:
        library = result_data(rs, inputs, "Huyện Pác Nặm", members)
        assert (library["total"], library["class"], library["class_note"]) == ("79.274", klass, note), members
        c = case(inputs, "Huyện Pác Nặm", ())
        if members is not None:
            c["members"] = members
        cases.append(c)
    seen = compare({"districts": (rs, path, cases)}, run_bare(bare_python, tmp_path, {"districts": (rs, path, cases)}))
    assert seen == {"scored": len(expected)}
    # the standings of the whole batch say the same for the unit (one place, not two rules)
    from parrules.aggregate import standings

    standing = standings(rs, [rs.evaluate(inputs, "Huyện Pác Nặm")], {"Huyện Pác Nặm": ["Khá", "Yếu", "Trung bình"]})[0]
    assert (standing.klass, standing.note) == ("Trung bình", "hạ 1 mức: 1/3 xã đạt Khá trở lên < 2/3")
