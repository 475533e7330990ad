"""Every sentence the command line writes around its results, in each language of ``--lang``.

One run speaks one language: ``parrules ... --lang vi`` (the default) writes its
summaries, warnings, the words around an error, the progress bar and the
derivations of ``explain`` in Vietnamese, ``--lang en`` in English.  The
sentences live here, one entry per message with its two wordings side by side,
so a command never grows its own ``if lang == "vi"`` and a test can list the
words of each language (tests/test_cli_lang.py checks that no English word of
this catalogue reaches the output of a Vietnamese run, and the reverse).

What is *not* here: the text of the ruleset and the data (titles, unit names:
printed as written); the located diagnostics of the checker and of the data
reader (E/D codes, documented in English in docs/errors.md; their code is the
same in both languages), said in the run's language from the catalogues of
parrules.wording; and argparse's own usage errors (parrules.argparse_vi).
"""

from __future__ import annotations

from typing import Any

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

CATALOGUE: dict[str, dict[str, str]] = {
    # main: the words around an error
    "error": {"vi": "lỗi: {message}", "en": "error: {message}"},
    "ruleset_unusable": {
        "vi": "lỗi: không dùng được bộ chỉ số ({n} lỗi):",
        "en": "error: the ruleset cannot be used ({n} error(s)):",
    },
    "file_unusable": {
        "vi": "lỗi: không dùng được {path} ({n} lỗi):",
        "en": "error: {path} cannot be used ({n} error(s)):",
    },
    "cannot_use": {"vi": "lỗi: không dùng được{where}: {why}", "en": "error: cannot use{where}: {why}"},
    "interrupted": {"vi": "đã dừng", "en": "interrupted"},
    "warning": {"vi": "cảnh báo: {message}", "en": "warning: {message}"},
    "shadows": {
        "vi": "lưu ý: {name!r} là tệp ./{local} (trùng tên bộ chỉ số có sẵn {name!r})",
        "en": "note: {name!r} is the file ./{local} (it shadows the shipped ruleset {name!r})",
    },
    "wrote": {"vi": "đã ghi {path}", "en": "wrote {path}"},
    "refuse_input": {
        "vi": "parrules {command}: -o {output} là tệp đầu vào {source}; không ghi đè tệp đầu vào: hãy ghi ra tệp khác",
        "en": "parrules {command}: -o {output} is the input {source}; "
        "refusing to overwrite an input: write the output to another file",
    },
    "bad_date": {
        "vi": "parrules report: --date {text!r} không phải ngày dạng YYYY-MM-DD",
        "en": "parrules report: --date {text!r} is not a date YYYY-MM-DD",
    },
    "bad_epoch": {
        "vi": "SOURCE_DATE_EPOCH={epoch!r} không phải một số giây",
        "en": "SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
    },
    "serve_needs": {
        "vi": "parrules serve cần gói mở rộng serve (pip install 'parrules[serve]'): {why}",
        "en": "parrules serve needs the serve extra (pip install 'parrules[serve]'): {why}",
    },
    "not_a_folder": {
        "vi": "parrules serve: --static {path}: không phải thư mục",
        "en": "parrules serve: --static {path}: not a folder",
    },
    # list, check, fmt, lsp
    "none_shipped": {
        "vi": "bản cài đặt này không kèm bộ chỉ số nào",
        "en": "no rulesets are shipped with this installation",
    },
    "does_not_load": {"vi": "(không nạp được: {why})", "en": "(does not load: {why})"},
    "check_errors": {"vi": "{n} lỗi", "en": "{n} error(s)"},
    "check_ok": {
        "vi": "đạt: {path}: {title!r} {year} {level}: {inputs} đầu vào, {nodes} nút, {warnings} cảnh báo",
        "en": "ok: {path}: {title!r} {year} {level}: {inputs} inputs, {nodes} nodes, {warnings} warning(s)",
    },
    "not_canonical": {
        "vi": "{path}: chưa đúng bố cục chuẩn (parrules fmt -w {path})",
        "en": "{path}: not in canonical layout (parrules fmt -w {path})",
    },
    "formatted": {"vi": "{path}: đã định dạng lại", "en": "{path}: formatted"},
    "lsp_needs": {
        "vi": "lỗi: parrules lsp cần pygls ({why}); cài bằng: pip install 'parrules[editor]'",
        "en": "error: parrules lsp needs pygls ({why}); install it with: pip install 'parrules[editor]'",
    },
    # template, compile, score, report
    "exists": {
        "vi": "{path!r} đã có; dùng --force để ghi đè",
        "en": "{path!r} exists; use --force to overwrite it",
    },
    "wrote_appendix": {
        "vi": "đã ghi {path}: {n} tiêu chí của {title}",
        "en": "wrote {path}: {n} criteria of {title}",
    },
    "wrote_template": {
        "vi": "đã ghi {path}: một cột đơn vị và {n} cột đầu vào",
        "en": "wrote {path}: a unit column and {n} input columns",
    },
    "wrote_module": {
        "vi": "đã ghi {path}: evaluate(inputs) và explain(inputs, code) cho {n} nút",
        "en": "wrote {path}: evaluate(inputs) and explain(inputs, code) for {n} nodes",
    },
    "no_units": {"vi": "{path} không có đơn vị nào", "en": "{path} holds no units"},
    "xlsx_needs_output": {
        "vi": "parrules score: --format xlsx cần -o TỆP.xlsx",
        "en": "parrules score: --format xlsx needs -o FILE.xlsx",
    },
    "scoring": {"vi": "đang chấm điểm", "en": "scoring"},
    "unit_word": {"vi": " đơn vị", "en": " units"},
    # explain
    "no_unit": {
        "vi": "không có đơn vị {unit!r} trong {path}; các đơn vị: {shown}",
        "en": "no unit {unit!r} in {path}; units: {shown}",
    },
    "none": {"vi": "(không có)", "en": "(none)"},
    "no_points_lost": {"vi": "{unit}: không bị trừ điểm", "en": "{unit}: no points lost"},
    # compare, diff, audit
    "only_in": {
        "vi": "{n} đơn vị chỉ có trong bảng {side} ({path}): {shown}",
        "en": "{n} unit(s) only in {side} ({path}): {shown}",
    },
    "OLD": {"vi": "CŨ", "en": "OLD"},
    "NEW": {"vi": "MỚI", "en": "NEW"},
    "matched": {
        "vi": "{matched} đơn vị ghép được, {old} chỉ có trong bảng CŨ, {new} chỉ có trong bảng MỚI",
        "en": "{matched} unit(s) matched, {old} only in OLD, {new} only in NEW",
    },
    "diff_headers": {"vi": "thay đổi|mã|vị trí", "en": "change|code|where"},
    "no_differences": {"vi": "không có khác biệt", "en": "no differences"},
    "diff_units_heading": {
        "vi": "Các đơn vị đổi xếp loại hoặc thứ hạng",
        "en": "Units whose class or rank changes",
    },
    "diff_unit_headers": {
        "vi": "đơn vị|tổng điểm|chỉ số|hạng|tăng/giảm bậc|xếp loại",
        "en": "unit|total|index|rank|places|class",
    },
    "scored_only_under": {"vi": "chỉ chấm được theo bộ {side}: {shown}", "en": "scored under {side} only: {shown}"},
    "impact": {
        "vi": "{n} đơn vị chấm được theo cả hai bộ: {classes} đổi xếp loại, {ranks} đổi thứ hạng",
        "en": "{n} unit(s) scored under both: {classes} change class, {ranks} change rank",
    },
    "impact_only": {
        "vi": "; {old} chỉ chấm được theo bộ CŨ, {new} chỉ theo bộ MỚI",
        "en": "; {old} scored under OLD only, {new} under NEW only",
    },
    "one_stdin": {
        "vi": "parrules {command}: chỉ một đầu vào có thể là - (đầu vào chuẩn)",
        "en": "parrules {command}: only one input can be - (standard input)",
    },
    "audited": {"vi": "đã kiểm tra {n} ô, {m} ô khác", "en": "{n} cells checked, {m} differ"},
    "audit_notes": {"vi": ", {k} ghi chú", "en": ", {k} note(s)"},
    # test
    "case_ok": {"vi": "đạt   {name}", "en": "ok    {name}"},
    "case_failed": {"vi": "SAI   {name}  ({where})", "en": "FAIL  {name}  ({where})"},
    "case_unscored": {"vi": "  không chấm được điểm: {error}", "en": "  cannot be scored: {error}"},
    "case_line": {"vi": "  (dòng {line})", "en": "  (line {line})"},
    "case_differs": {
        "vi": "  {what}: mong đợi {expected}, tính được {computed}{at}",
        "en": "  {what}: expected {expected}, computed {computed}{at}",
    },
    "case_derivation": {
        "vi": "  cách tính {code}, nơi bắt đầu khác biệt:",
        "en": "  derivation of {code}, where the difference starts:",
    },
    "case_none": {"vi": "không có", "en": "none"},
    "cases_summary": {
        "vi": "{passed} đạt, {failed} sai ({checks} kết quả mong đợi đã kiểm tra)",
        "en": "{passed} passed, {failed} failed ({checks} expectations checked)",
    },
    "no_cases": {
        "vi": "parrules test: không có tệp ví dụ mẫu cho {ruleset}: viết {stem}.cases.toml "
        "cạnh bộ chỉ số, hoặc nêu tên các tệp ví dụ",
        "en": "parrules test: no case file for {ruleset}: write {stem}.cases.toml "
        "beside the ruleset, or name the case files",
    },
    "case_file_unusable": {
        "vi": "lỗi: không chạy được {path} ({n} lỗi):",
        "en": "error: {path} cannot be run ({n} error(s)):",
    },
    # appendix
    "appendix_format": {
        "vi": "parrules appendix: -o {output}: hãy đặt tên tệp .docx, .html hoặc .md, hoặc dùng --format",
        "en": "parrules appendix: -o {output}: name a .docx, .html or .md file, or give --format",
    },
    "appendix_stdout": {
        "vi": "parrules appendix: tệp .docx không ghi ra đầu ra chuẩn; hãy đặt tên tệp bằng -o",
        "en": "parrules appendix: a .docx is not written to stdout; name a file with -o",
    },
    "appendix_docx": {
        "vi": "parrules appendix: ghi .docx cần python-docx: pip install 'parrules[docx]'",
        "en": "parrules appendix: writing .docx needs python-docx: pip install 'parrules[docx]'",
    },
    # serve
    "serving": {
        "vi": "parrules serve: {url} ({n} bộ chỉ số: {names})",
        "en": "parrules serve: {url} ({n} ruleset(s): {names})",
    },
    # explain's derivation (parrules.explain)
    "yes": {"vi": "có", "en": "có (yes)"},
    "no": {"vi": "không", "en": "không (no)"},
    "x_unit": {"vi": "  đơn vị: {unit}", "en": "  unit: {unit}"},
    "x_not_applicable": {
        "vi": "  điểm: không áp dụng (bỏ {max} điểm tối đa khỏi thang điểm của đơn vị){who}",
        "en": "  score: not applicable (max {max} removed from this unit's scale){who}",
    },
    "x_score": {"vi": "  điểm: {score} trên {max}{rate}{who}", "en": "  score: {score} of {max}{rate}{who}"},
    "x_source": {"vi": "nguồn: {source}", "en": "source: {source}"},
    "x_agency": {"vi": "cơ quan: {agency}", "en": "agency: {agency}"},
    "x_basis": {"vi": "  căn cứ: {basis}", "en": "  basis: {basis}"},
    "x_sum": {
        "vi": "  quy tắc: {loc}: tổng của {children}, tối đa {max}",
        "en": "  rule: {loc}: sum of {children}, at most {max}",
    },
    "x_child_na": {"vi": "không áp dụng", "en": "not applicable"},
    "x_rounded_node": {
        "vi": "  làm tròn {mode} đến {places} chữ số thập phân",
        "en": "  rounded {mode} to {places} places",
    },
    "x_points": {
        "vi": "  quy tắc: {loc}: điểm nhập trực tiếp (đầu vào {input}, tối đa {max})",
        "en": "  rule: {loc}: score points (input {input}, at most {max})",
    },
    "x_rule": {"vi": "  quy tắc: {loc}: điểm = {formula}", "en": "  rule: {loc}: score {formula}"},
    "x_na_when": {"vi": "  không áp dụng khi {condition}", "en": "  not applicable when {condition}"},
    "x_inputs": {"vi": "  đầu vào:", "en": "  inputs:"},
    "x_steps": {"vi": "  các bước:", "en": "  steps:"},
    "x_branch": {"vi": "  [nhánh: {branch}]", "en": "  [branch: {branch}]"},
    "x_capped": {
        "vi": "{rounding}: {rounded}, giới hạn ở điểm tối đa: {score}",
        "en": "{rounding}: {rounded}, capped at the max: {score}",
    },
    # plan (the words around a plan; the ruleset's and the data's texts are printed as they are)
    "p_title": {"vi": "Kế hoạch cho {unit}: {target} ({need})", "en": "Plan for {unit}: {target} ({need})"},
    "p_the_unit": {"vi": "đơn vị", "en": "the unit"},
    "p_need_total": {"vi": "tổng điểm ít nhất {total}", "en": "a total of at least {total}"},
    "p_need_beyond": {"vi": "nhiều hơn thang điểm cho phép", "en": "more than the scale allows"},
    "p_state": {"vi": "tổng điểm {total}{index}{klass}", "en": "total {total}{index}{klass}"},
    "p_index": {"vi": ", chỉ số {index}", "en": ", index {index}"},
    "p_class": {"vi": ", xếp loại {klass}", "en": ", class {klass}"},
    "p_already": {"vi": "đã đạt: không cần thay đổi", "en": "already met: nothing to change"},
    "p_reached_least": {
        "vi": "đạt; không có kế hoạch nào rẻ hơn đạt được",
        "en": "reached; no cheaper plan reaches it",
    },
    "p_reached_unproven": {
        "vi": "đạt; chưa chứng minh là rẻ nhất (xem ghi chú)",
        "en": "reached; not proven least (see notes)",
    },
    "p_unreachable": {
        "vi": "KHÔNG đạt được bằng các đầu vào đơn vị có thể thay đổi: dưới đây là kế hoạch tốt nhất",
        "en": "NOT reachable by the inputs the unit can move: the best reachable plan is shown",
    },
    "p_before": {"vi": "- trước:   {state}", "en": "- before: {state}"},
    "p_after": {"vi": "- sau:     {state} - {verdict}", "en": "- after:  {state} - {verdict}"},
    "p_cost": {"vi": "- chi phí: {cost}  ({formula})", "en": "- cost:   {cost}  ({formula})"},
    "p_formula": {
        "vi": "chi phí = Σ trên các đầu vào thay đổi của (phí thay đổi + đơn giá × |mới − cũ|); "
        "mặc định phí thay đổi = 1 và đơn giá = 1",
        "en": "cost = Σ over the inputs changed of (change + cost × |new − old|); by default change = 1 and cost = 1",
    },
    "p_headers": {
        "vi": "tiêu chí|tên|cơ quan|đầu vào thay đổi|chi phí|điểm",
        "en": "node|title|agency|inputs changed|cost|points",
    },
    "p_changes": {"vi": "Thay đổi, theo tiêu chí và cơ quan chịu trách nhiệm", "en": "Changes, by node and responsible agency"},
    "p_fixed": {"vi": "Không thay đổi", "en": "Not moved"},
    "p_more": {"vi": " và {n} đầu vào khác", "en": " and {n} more"},
    "p_notes": {"vi": "Ghi chú", "en": "Notes"},
    "p_derivations": {
        "vi": "Cách tính sau kế hoạch (chấm lại bằng bộ tính điểm)",
        "en": "Derivations after the plan (re-scored by the evaluator)",
    },
    "p_kind_survey": {"vi": "điểm điều tra xã hội học", "en": "survey points (điều tra xã hội học)"},
    "p_kind_rank": {
        "vi": "thứ hạng (vị trí của đơn vị trong tất cả các đơn vị không do đơn vị tự đặt)",
        "en": "ranks (the unit's place among all units is not its own to set)",
    },
    "p_kind_denominator": {
        "vi": "mẫu số của một tỷ lệ: chỉ tử số thay đổi",
        "en": "the whole (denominator) of a rate: only its part moves",
    },
    "p_kind_cost file": {"vi": "cố định trong tệp chi phí", "en": "fixed in the cost file"},
    "x_disagree": {
        "vi": "cảnh báo: cách tính có vết và cách tính nhanh cho {code} khác nhau",
        "en": "warning: traced and fast evaluation disagree on {code}",
    },
}

# the words of a source and of a step kind in a derivation (``Result.source``, ``TracePoint.kind``)
TERMS: dict[str, dict[str, str]] = {
    "vi": {
        "appraisal": "thẩm định",
        "survey": "điều tra XHH",
        "self": "tự đánh giá",
        "mixed": "hỗn hợp",
        "formula": "công thức",
        "let": "biến",
        "not applicable when": "không áp dụng khi",
        "if": "nếu",
        "then": "thì",
        "else": "ngược lại",
        "rate": "tỷ lệ",
        "clamp": "giới hạn",
        "deduct": "trừ điểm",
        "tiers": "bậc",
        "ranks": "thứ hạng",
        "choice": "lựa chọn",
        "linear": "tuyến tính",
        "min": "nhỏ nhất",
        "max": "lớn nhất",
        "half_up": "nửa lên",
        "added": "thêm nút",
        "removed": "bỏ nút",
        "renamed": "đổi tên",
        "max_changed": "đổi điểm tối đa",
        "formula_changed": "đổi công thức",
        "tier_changed": "đổi bậc",
        "constant_changed": "đổi hằng số",
        "source_changed": "đổi nguồn",
        "input_added": "thêm đầu vào",
        "input_removed": "bỏ đầu vào",
        "input_changed": "đổi đầu vào",
        "constraint_changed": "đổi ràng buộc",
        "header_changed": "đổi phần đầu",
        "band_changed": "đổi khung xếp loại",
        "half_even": "nửa chẵn",
        "down": "xuống",
        "up": "lên",
    },
    "en": {},
}


def text(key: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in (``str.format``)."""
    wordings = CATALOGUE[key]
    return wordings.get(lang, wordings["en"]).format(**values)


def term(word: str, lang: str = DEFAULT_LANG) -> str:
    """A word of the language (a source, a step kind) as ``lang`` says it; unknown words as they are."""
    return TERMS.get(lang, {}).get(word, word)
