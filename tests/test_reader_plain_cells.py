"""The row reader reads a plain number cell with parse_number's own plain-number routine
(io.plain_number), skipping convert_cell's wrapping (issue 9, point 5: the report of 1,000
units spent a third of its time there).  It must give convert_cell's value exactly, in
value and in form (Decimal('0.7500') stays 0.7500), for every input type convert_cell reads
as a number, and leave every other cell to convert_cell."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parrules import io, nodes

CELLS = st.text(alphabet="0123456789.,-+ %\u00a0=x", max_size=14)


@settings(max_examples=3000)
@given(CELLS, st.sampled_from(["comma", "dot"]), st.sampled_from(sorted(io._NUMBER_TYPES)))
def test_a_plain_cell_reads_as_convert_cell_reads_it(text: str, style: str, kind: str) -> None:
    plain = io.plain_number(text, style)
    if plain is None:
        return  # convert_cell reads it (or refuses it) as before
    decl = nodes.InputDecl(name="x", type=kind)
    value = io.convert_cell(text, decl, style)
    assert isinstance(value, Decimal)
    assert str(Decimal(plain)) == str(value)


def test_the_number_types_are_the_input_types_convert_cell_reads_as_numbers() -> None:
    # every declared type but yes/no and choice, which convert_cell reads as words
    assert io._NUMBER_TYPES == set(nodes.INPUT_TYPES) - {"yesno", "choice"}


def test_cells_that_are_not_plain_numbers_go_to_convert_cell() -> None:
    # spaces, a percent sign, a formula, the other style's grouping: none is a plain number
    for text in (" 5", "5 ", "95%", "=A1", "1\u00a0050", "+5", "1,5"):
        assert io.plain_number(text, "dot") is None
    assert io.plain_number("1.050", "dot") is None  # ambiguous in dot style: parse_number refuses it
    assert io.plain_number("1.050", "comma") == "1050"
    assert io.plain_number("0,7500", "comma") == "0.7500"
