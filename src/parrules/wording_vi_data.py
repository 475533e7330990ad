"""Vietnamese sentences of the data diagnostics (D codes of the reader and the
evaluator), keyed by their English template (see parrules.wording)."""

VI: dict[str, str] = {
    # where a data error is (errors.InputError.render)
    "unit {unit!r}": "đơn vị {unit!r}",
    "row {row}": "dòng {row}",
    "column {column!r}": "cột {column!r}",
    "input {input!r}": "đầu vào {input!r}",
    "needed by {node}": "cần cho {node}",
}
