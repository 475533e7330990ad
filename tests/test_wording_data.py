"""The data diagnostics keep their sentence from where they are raised to where they are shown
(issue 10, point 5): the runtime's InputProblem, the reader's ValueError, InputError and the
other ParrulesErrors, and the ``Said`` texts of the str fields.  Expected texts are written by
hand from the templates (English) and wording_vi_data.py (Vietnamese)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parrules import io as data_io
from parrules import load, runtime
from parrules.errors import InputError, NotFound, ParrulesError
from parrules.evaluate import problem_sentence
from parrules.wording import Said, Sentence, as_text, said, sentence


def test_an_input_problem_keeps_its_template_and_arguments() -> None:
    with pytest.raises(runtime.InputProblem) as info:
        runtime.to_decimal(True, 3, "x")
    problem = info.value
    assert problem.message == str(problem) == "x must be a number, not yes/no True"
    assert problem.template == "{name} must be a number, not yes/no {value}"
    assert problem.args_said == (("name", "x"), ("value", "True"))
    assert (problem.code, problem.index) == ("D104", 3)
    said_vi = problem_sentence(problem)
    assert said_vi is not None and said_vi.say("vi") == "x phải là một số, không phải có/không True"


def test_an_input_problem_without_arguments_is_text_as_written() -> None:
    """A constraint's own message (the ruleset's text) is never read as a template."""
    problem = runtime.InputProblem("D108", -1, "a {b} c")
    assert problem.message == "a {b} c" and problem.template is None and problem.args_said == ()
    assert problem_sentence(problem) is None
    unknown = runtime.InputProblem("D104", 0, "{name} is odd", name="x")  # not one of the runtime's sentences
    assert unknown.message == "x is odd" and problem_sentence(unknown) is None


def test_a_range_problem_in_both_languages() -> None:
    with pytest.raises(runtime.InputProblem) as info:
        runtime.check_range(Decimal("150"), 0, "rate", Decimal(0), Decimal(100), "%")
    assert info.value.message == "rate = 150% is outside 0..100%"
    said_vi = problem_sentence(info.value)
    assert said_vi is not None and said_vi.say("vi") == "rate = 150% nằm ngoài khoảng 0..100%"


def test_a_formula_signal_is_said_with_its_words() -> None:
    problem = runtime.InputProblem("D110", None, "a formula {what} for these inputs", what="divides by zero")
    said_vi = problem_sentence(problem)
    assert said_vi is not None and said_vi.say("vi") == "một công thức chia cho 0 với các đầu vào này"
    assert str(said_vi) == problem.message == "a formula divides by zero for these inputs"


def test_a_missing_input_names_the_others_in_each_language() -> None:
    rs = load("national-2022")
    with pytest.raises(InputError) as info:
        rs.evaluate({}, unit="U")
    err = info.value
    first = "inspection_issues_found"  # national-2022.par line 47: the first input read
    others = len(rs.inputs) - 1
    assert err.code == "D101" and err.message.startswith(f"{first} is missing; {others} other input(s) are not given")
    assert err.text("vi").startswith(f"thiếu {first}; {others} đầu vào khác cũng không có: ")
    assert err.render("vi").startswith(f"D101: đơn vị 'U', đầu vào '{first}', cần cho ")
    assert err.render() == str(err) and "unit 'U'" in str(err)


def test_the_reader_raises_its_sentence() -> None:
    with pytest.raises(ValueError) as info:
        data_io.parse_number("abc", "comma")
    (said_as,) = info.value.args
    assert isinstance(said_as, Sentence)
    assert str(info.value) == "'abc' is not a number (the file is read with a decimal comma: 84,41; use --decimal dot for 84.41)"
    assert said_as.say("vi") == (
        "'abc' không phải một số (tệp được đọc với dấu phẩy thập phân: 84,41; dùng --decimal dot cho 84.41)"
    )
    with pytest.raises(ValueError) as info:
        data_io.parse_number("abc", "dot")
    assert info.value.args[0].say("vi") == "'abc' không phải một số (tệp được đọc với dấu chấm thập phân: 84.41)"


def test_errors_made_of_sentences() -> None:
    err = InputError(sentence("the unit name is empty"), code="D201", row=3)
    assert err.message == "the unit name is empty" and err.render("vi") == "D201: dòng 3: tên đơn vị bị trống"
    assert err.say("vi") == err.render("vi") and err.located(unit="A").render("vi").startswith("D201: đơn vị 'A', dòng 3")
    missing = NotFound(sentence("no ruleset file {path!r}", path="x.par"))
    assert str(missing) == "no ruleset file 'x.par'" and missing.say("vi") == "không có tệp bộ chỉ số 'x.par'"
    plain = ParrulesError("as written")
    assert plain.sentence is None and plain.say("vi") == "as written"


def test_a_said_text_is_a_str_that_keeps_its_sentence() -> None:
    text = sentence("unit {unit!r}", unit="A").text()
    assert isinstance(text, str) and isinstance(text, Said) and text == "unit 'A'"
    assert said(text, "vi") == "đơn vị 'A'" and said("plain", "vi") == "plain"
    assert as_text("plain") == "plain" and as_text(sentence("row {row}", row=2)) == "row 2"
    nested = sentence("row {row} ({who}) rejected:", row=1, who=text)  # a Said argument is said too
    assert nested.say("vi") == "dòng 1 (đơn vị 'A') bị loại:" and str(nested) == "row 1 (unit 'A') rejected:"
