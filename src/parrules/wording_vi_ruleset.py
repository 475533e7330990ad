"""Vietnamese sentences of the ruleset diagnostics (E/W codes of the parser, the resolver
and the checker), keyed by their English template (see parrules.wording)."""

VI: dict[str, str] = {
    # the severity words of a located diagnostic (errors.Diagnostic.render)
    "error": "lỗi",
    "warning": "cảnh báo",
}
