"""Syntax errors: file:line:col, the line, a caret under the column, and what was expected in plain words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import parrules

H = 'ruleset "T" level province scale 1\n'


def error(text: str, path: str = "t.par") -> parrules.RulesetError:
    with pytest.raises(parrules.RulesetError) as exc:
        parrules.loads(text, path)
    return exc.value


def msg(head: str, line: str, column: int) -> str:
    return f"{head}\n    {line}\n    {' ' * (column - 1)}^"


def test_missing_max() -> None:
    line = 'field 1 "F" { score 1 }'
    assert str(error(H + line + "\n")) == msg("t.par:2:13: error E003: unexpected '{'; expected \"max\"", line, 13)


def test_missing_max_value() -> None:
    line = 'field 1 "F" max { score 1 }'
    assert str(error(H + line + "\n")) == msg("t.par:2:17: error E003: unexpected '{'; expected a number", line, 17)


def test_unknown_function() -> None:
    line = 'field 1 "F" max 1 { score ratio(1, 2) }'
    err = error(H + line + "\n")
    assert err.first.code == "E007"
    assert str(err) == msg(
        "t.par:2:27: error E007: unknown function 'ratio'; the functions are rate, min, max, clamp, deduct", line, 27
    )


def test_wrong_number_of_arguments() -> None:
    line = 'field 1 "F" max 1 { score rate(1) }'
    assert str(error(H + line + "\n")) == msg("t.par:2:27: error E007: rate() takes 2 values, not 1", line, 27)


def test_unknown_option() -> None:
    line = 'field 1 "F" max 1 { score deduct(n, 1, ceiling: 2) }'
    assert str(error(H + line + "\n")) == msg(
        "t.par:2:27: error E007: deduct() has no option ceiling:; it takes floor:, start:", line, 27
    )


def test_na_outside_rate() -> None:
    line = 'field 1 "F" max 1 { score deduct(1, 1, floor: na) }'
    assert str(error(H + line + "\n")) == msg(
        "t.par:2:27: error E007: na is only allowed as rate(..., empty: na), not as deduct() floor:", line, 27
    )


def test_unterminated_string() -> None:
    line = 'field 1 "F max 1 { score 1 }'
    err = error(H + line + "\n")
    assert err.first.code == "E002"
    assert str(err) == msg(
        't.par:2:9: error E002: this text is never closed: the " that ends it is missing on this line', line, 9
    )


def test_stray_character() -> None:
    line = 'field 1 "F" max 1 { score 1 @ 2 }'
    err = error(H + line + "\n")
    assert err.first.code == "E002"
    assert str(err.first.loc) == "t.par:2:29"
    rendered = str(err)
    assert rendered.startswith("t.par:2:29: error E002: unexpected character '@'")
    assert rendered.endswith("\n    " + line + "\n    " + " " * 28 + "^")


def test_end_of_file_inside_a_block_points_after_the_last_line() -> None:
    line = 'field 1 "F" max 1 { score 1'
    err = error(H + line + "\n\n")
    assert str(err.first.loc) == "t.par:2:28"
    assert err.first.message.startswith('unexpected end of the file; expected "}", ')
    assert str(err).endswith("\n    " + line + "\n    " + " " * 27 + "^")


def test_unknown_input_type() -> None:
    line = "input a: integer"
    err = error(H + line + "\n")
    assert err.first.code == "E003"
    assert err.first.message.startswith("unexpected 'integer'; expected ")
    for word in ('"choice"', '"count"', '"money"', '"number"', '"points"', '"rank"', '"ratio"', '"yesno"'):
        assert word in err.first.message
    assert str(err).endswith("\n    " + line + "\n    " + " " * 9 + "^")


def test_unknown_level() -> None:
    line = 'ruleset "T" level city scale 1'
    assert str(error(line + "\n")) == msg(
        "t.par:1:19: error E003: unexpected 'city'; expected"
        ' "commune", "department", "district", "ministry" or "province"',
        line,
        19,
    )


def test_no_header() -> None:
    line = 'field 1 "F" max 1 { score 1 }'
    assert str(error(line + "\n")) == msg("t.par:1:1: error E003: unexpected 'field'; expected \"ruleset\"", line, 1)


def test_empty_file() -> None:
    err = error("")
    assert str(err) == 't.par:1:1: error E003: unexpected end of the file; expected "ruleset"'


def test_score_given_twice() -> None:
    line = 'field 1 "F" max 1 { score 1 score 2 }'
    assert str(error(H + line + "\n")) == msg("t.par:2:29: error E006: score is given twice for node 1", line, 29)


def test_header_item_twice() -> None:
    line = 'ruleset "T" level province scale 1 scale 2'
    assert str(error(line + "\n")) == msg("t.par:1:36: error E006: scale is given twice in the header", line, 36)


def test_fractional_rank_band() -> None:
    line = 'field 1 "F" max 1 { score ranks r { 1..2.5: 1 } }'
    assert str(error(H + "input r: rank 1..5\n" + line + "\n")) == msg(
        "t.par:3:37: error E008: rank bands take whole ranks such as 1..10", line, 37
    )


def test_too_many_rounding_places() -> None:
    line = 'ruleset "T" level province scale 1 rounding half_up 20'
    assert str(error(line + "\n")) == msg(
        "t.par:1:36: error E008: rounding to 20 places is more than the 12 the reports could use", line, 36
    )


def test_number_with_too_many_digits() -> None:
    err = error(H + 'field 1 "F" max 1 { score 0.' + "1" * 40 + " }\n")
    assert err.first.code == "E005"
    assert str(err.first.loc) == "t.par:2:27"


def test_the_path_is_the_file_loaded(tmp_path: Path) -> None:
    path = tmp_path / "broken.par"
    path.write_text(H + 'field 1 "F" { score 1 }\n', encoding="utf-8")
    with pytest.raises(parrules.RulesetError) as exc:
        parrules.load(path)
    assert str(exc.value).startswith(f"{path}:2:13: error E003")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.par"
    path.write_bytes('ruleset "Lĩnh vực" level province scale 1\n'.encode("utf-16"))
    with pytest.raises(parrules.RulesetError) as exc:
        parrules.load(path)
    assert exc.value.first.code == "E000"


# ------------------------------------------------------------------ Vietnamese text


VIETNAMESE = "Chỉ số cải cách hành chính — Bộ Nội vụ: “Tốt”, Khá, Trung bình, Yếu; đơn vị đặc thù"


def test_vietnamese_titles_round_trip_exactly(tmp_path: Path) -> None:
    text = f"""ruleset "{VIETNAMESE}" level province scale 1 basis "Quyết định số 876/QĐ-BNV"
input hồ_sơ_placeholder_free: count "Số hồ sơ tiếp nhận (hồ sơ)" unit "hồ sơ"
field 1 "Cải cách thủ tục hành chính" max 1 {{
  agency "Văn phòng UBND tỉnh"
  note "Tỷ lệ hồ sơ giải quyết đúng hạn \\"trước hạn\\""
  score min(hồ_sơ_placeholder_free, 1)
}}
"""
    # names are ASCII; a Vietnamese letter in a name is a syntax error at its column
    err = error(text)
    assert err.first.code == "E002"
    assert str(err.first.loc) == "t.par:2:8"

    text = text.replace("hồ_sơ_placeholder_free", "received")
    path = tmp_path / "vn.par"
    path.write_text(text, encoding="utf-8")
    rs = parrules.load(path)
    assert rs.title == VIETNAMESE
    assert rs.header.basis == "Quyết định số 876/QĐ-BNV"
    node = rs.node("1")
    assert node.title == "Cải cách thủ tục hành chính"
    assert node.agency == "Văn phòng UBND tỉnh"
    assert node.note == 'Tỷ lệ hồ sơ giải quyết đúng hạn "trước hạn"'
    assert rs.inputs["received"].description == "Số hồ sơ tiếp nhận (hồ sơ)"
    assert rs.inputs["received"].unit == "hồ sơ"
    card = rs.evaluate({"received": 1})
    assert card["1"].title == "Cải cách thủ tục hành chính"
    assert card.total == Decimal("1.0000")


def test_vietnamese_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.par"
    path.write_bytes(
        f'ruleset "{VIETNAMESE}" level province scale 1\nfield 1 "Lĩnh vực" max 1 {{ score 1 }}\n'.encode("utf-8-sig")
    )
    assert parrules.load(path).title == VIETNAMESE


def test_caret_under_the_column_after_vietnamese_text() -> None:
    # columns count characters, not bytes: the caret lands under the @ after "Tổng hợp"
    line = 'field 1 "Tổng hợp" max 1 { score 1 @ }'
    err = error(H + line + "\n")
    assert str(err.first.loc) == "t.par:2:36"
    assert str(err).endswith("\n    " + line + "\n    " + " " * 35 + "^")


def test_digits_are_ascii_only() -> None:
    """Found by the soak: Python's \\d matched Myanmar and other Unicode digits, so
    `scale ႐` loaded (Decimal reads them). A ruleset's numbers and codes are 0-9 only."""
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.loads('ruleset "T" level province scale \u1090\nfield 1 "F" max 1 { score 1 }\n', "t.par")
    assert caught.value.first.code == "E002"
    assert caught.value.first.loc.line == 1
