"""The Vietnamese of ``--help``: every text the parser shows, keyed by its English.

The English stays the source, where it is written (the ``help=`` strings of
``parrules.cli``, the examples' notes of ``parrules.cli_help``); this table gives
each its Vietnamese.  It is read only when a help page (or a completion script)
is shown in Vietnamese: ``cli_help.prepare`` swaps the texts of the parser being
shown, so a run that prints no help never imports it.

Kept as written in both languages: option names and their placeholders
(``FILE``, ``RULESET``), choices (``comma``, ``table``), file names and the
ruleset language's names, so what the help says can be typed as it is shown.
``%%`` and ``%(default)s`` are argparse's: a translation keeps each one
(tests/test_cli_help_lang.py checks it, and that every key is a text the parser holds).
"""

from __future__ import annotations

HELP: dict[str, str] = {
    # the program and its command list
    "Score Vietnam's PAR Index (Chỉ số CCHC) from ruleset files.": (
        "Chấm điểm Chỉ số cải cách hành chính (Chỉ số CCHC) theo các tệp bộ chỉ số."
    ),
    "one of the commands below; parrules COMMAND --help shows its options and examples": (
        "một trong các lệnh dưới đây; parrules COMMAND --help cho biết các tùy chọn và ví dụ của lệnh"
    ),
    "the rulesets shipped with parrules": "các bộ chỉ số có sẵn trong parrules",
    "check a ruleset; print warnings and errors with file:line:col": (
        "kiểm tra một bộ chỉ số; in các cảnh báo và lỗi kèm tệp:dòng:cột"
    ),
    "write an empty data file (one column per input) for a ruleset": (
        "ghi tệp dữ liệu trống của một bộ chỉ số (mỗi đầu vào một cột) để điền số liệu"
    ),
    "write the standalone Python module (standard library only) of a ruleset, for portals": (
        "ghi mô-đun Python độc lập của một bộ chỉ số (chỉ cần thư viện chuẩn), cho các cổng thông tin"
    ),
    "score every unit of a data file; ranked table": "chấm điểm mọi đơn vị trong một tệp dữ liệu; in bảng xếp hạng",
    "how a unit's score was derived": "cách tính điểm của một đơn vị",
    "what changed between two rulesets; with --data, who changes class or rank": (
        "những gì khác nhau giữa hai bộ chỉ số; với --data, đơn vị nào đổi xếp loại hoặc thứ hạng"
    ),
    "print a ruleset in canonical layout (comments kept)": "in bộ chỉ số theo bố cục chuẩn (giữ nguyên chú thích)",
    "a language server on stdin/stdout: an editor checks rulesets as you type": (
        "máy chủ ngôn ngữ (LSP) qua stdin/stdout: trình soạn thảo kiểm tra bộ chỉ số ngay khi gõ"
    ),
    "two years' results side by side: points, index, rank, class and changes": (
        "kết quả hai năm đặt cạnh nhau: điểm, chỉ số, thứ hạng, xếp loại và mức tăng/giảm"
    ),
    "recompute a published table; list the cells that differ": (
        "tính lại một bảng đã công bố; liệt kê các ô có số khác"
    ),
    "one self-contained HTML page: ranked table, charts, points lost": (
        "một trang HTML trọn gói: bảng xếp hạng, biểu đồ, điểm bị trừ"
    ),
    "run the worked examples (case files) of a ruleset; exit 1 when one fails": (
        "chạy các ví dụ mẫu (tệp ví dụ mẫu) của một bộ chỉ số; thoát với mã 1 khi có ví dụ sai"
    ),
    "JSON Schema (2020-12) of a ruleset's inputs and results, for front ends": (
        "JSON Schema (2020-12) của đầu vào và kết quả một bộ chỉ số, cho các giao diện web"
    ),
    "the scoring service: an HTTP API (JSON) over the rulesets named": (
        "dịch vụ chấm điểm: một API HTTP (JSON) cho các bộ chỉ số được nêu"
    ),
    "the ruleset as the decision's appendix: criteria, maxima, scoring methods": (
        "bộ chỉ số dưới dạng phụ lục của quyết định: tiêu chí, điểm tối đa, phương pháp chấm điểm"
    ),
    "a unit's card before and after changing inputs, node by node, with derivations": (
        "phiếu điểm của một đơn vị trước và sau khi đổi đầu vào, từng nút một, kèm cách tính"
    ),
    "the least-cost changes to a unit's inputs that reach a class, a total or a gain": (
        "cách đổi đầu vào ít tốn kém nhất để một đơn vị đạt một xếp loại, một tổng điểm hoặc một mức tăng điểm"
    ),
    "print the shell completion script: bash or zsh": "in tập lệnh tự hoàn thành (completion) cho shell: bash hoặc zsh",
    # options shared by several commands
    "language of the output (default: vi)": "ngôn ngữ đầu ra: vi tiếng Việt, en tiếng Anh (mặc định: vi)",
    "headers and number format (default: vi)": "ngôn ngữ của tiêu đề, thông báo và cách viết số (mặc định: vi)",
    "a .par file or a shipped ruleset's name": "một tệp .par hoặc tên một bộ chỉ số có sẵn",
    "the old ruleset: a .par file or a shipped ruleset's name": "bộ chỉ số cũ: một tệp .par hoặc tên một bộ có sẵn",
    "the new ruleset: a .par file or a shipped ruleset's name": "bộ chỉ số mới: một tệp .par hoặc tên một bộ có sẵn",
    "units' data: .csv, .xlsx or .json, one row per unit; - for stdin": (
        "dữ liệu các đơn vị: .csv, .xlsx hoặc .json, mỗi đơn vị một dòng; - để đọc từ đầu vào chuẩn"
    ),
    "number format of text cells: comma = Vietnamese 1.050 / 84,41 (default); dot = 1050 / 84.41": (
        "cách viết số trong ô văn bản: comma = kiểu Việt Nam 1.050 / 84,41 (mặc định); dot = 1050 / 84.41"
    ),
    "header of the unit-name column (default: unit / Đơn vị)": "tiêu đề của cột tên đơn vị (mặc định: unit / Đơn vị)",
    "XLSX sheet to read (default: the first)": "trang tính XLSX cần đọc (mặc định: trang đầu tiên)",
    "CSV delimiter (default: guessed from the header: , ; or tab)": (
        "ký tự phân cách của CSV (mặc định: đoán từ dòng tiêu đề: , ; hoặc tab)"
    ),
    "a percent column whose values all lie in 0..1 holds fractions: 0,8441 is 84.41 %%": (
        "cột tỷ lệ phần trăm có mọi giá trị trong khoảng 0..1 ghi dạng phân số: 0,8441 là 84,41%%"
    ),
    "such a column holds percents as written: 0,8441 is 0.8441 %%": (
        "cột như vậy ghi đúng tỷ lệ phần trăm: 0,8441 là 0,8441%%"
    ),
    "the unit (as in the unit-name column)": "đơn vị (viết như trong cột tên đơn vị)",
    "as for score": "như ở lệnh score",
    "output format (default: table)": "định dạng đầu ra (mặc định: table)",
    "output format (default: text)": "định dạng đầu ra (mặc định: text)",
    "no progress bar (it is shown on a terminal only, when scoring takes more than a second)": (
        "không hiện thanh tiến trình (thanh này chỉ hiện trên terminal, khi chấm điểm lâu hơn một giây)"
    ),
    # template, compile
    "data.xlsx or data.csv": "data.xlsx hoặc data.csv",
    "overwrite FILE if it exists": "ghi đè FILE nếu tệp đã có",
    "the module to write, e.g. par_2022.py": "mô-đun cần ghi, ví dụ par_2022.py",
    # score
    "write the result to FILE (required for xlsx)": "ghi kết quả ra FILE (bắt buộc với xlsx)",
    # explain
    "one node, e.g. 3.4.1 (default: every node)": "một nút, ví dụ 3.4.1 (mặc định: mọi nút)",
    "list points lost per leaf, largest first, with the agency": (
        "liệt kê điểm bị trừ ở từng tiêu chí thành phần, nhiều nhất trước, kèm đơn vị phụ trách"
    ),
    "points each leaf gains per unit of each of its inputs (re-scored)": (
        "số điểm mỗi tiêu chí thành phần tăng thêm khi mỗi đầu vào của nó tăng một đơn vị (chấm lại)"
    ),
    # diff
    "score these units under both rulesets; list who changes class or rank": (
        "chấm các đơn vị này theo cả hai bộ chỉ số; liệt kê đơn vị đổi xếp loại hoặc thứ hạng"
    ),
    # fmt
    "rewrite the file in place": "ghi lại chính tệp đó theo bố cục chuẩn",
    "exit 1 when the file is not in canonical layout": "thoát với mã 1 khi tệp chưa theo bố cục chuẩn",
    # compare
    "last year's results (.csv, .xlsx or .json, as score writes); - for stdin": (
        "kết quả năm trước (.csv, .xlsx hoặc .json, như lệnh score ghi); - để đọc từ đầu vào chuẩn"
    ),
    "this year's results; - for stdin": "kết quả năm nay; - để đọc từ đầu vào chuẩn",
    "CSV old_name,new_name pairing units whose names differ": "CSV old_name,new_name ghép các đơn vị đã đổi tên",
    "decimal mark of text cells (default auto: comma if any number has one, else dot)": (
        "dấu thập phân trong ô văn bản (mặc định auto: comma nếu có số nào dùng dấu phẩy, nếu không thì dot)"
    ),
    # audit
    "CSV: unit, code, published; or unit + one column per code; - for stdin": (
        "CSV: unit, code, published; hoặc unit và mỗi mã một cột; - để đọc từ đầu vào chuẩn"
    ),
    "the units' inputs, as score reads them": "đầu vào của các đơn vị, như lệnh score đọc",
    "TOML or CSV: published name -> the data's name": "TOML hoặc CSV: tên đã công bố -> tên trong dữ liệu",
    "CSV district,class: the communes' classes (downgrade rule)": "CSV district,class: xếp loại của các xã (quy tắc hạ loại)",
    # report
    "the HTML file to write": "tệp HTML cần ghi",
    "the page heading (default: the ruleset's title)": "tiêu đề trang (mặc định: tên của bộ chỉ số)",
    'a line of the issuing body above the heading, repeatable: --letterhead "UBND TỈNH ..." --letterhead "SỞ NỘI VỤ"': (
        'một dòng tên cơ quan ban hành phía trên tiêu đề, dùng được nhiều lần: --letterhead "UBND TỈNH ..." '
        '--letterhead "SỞ NỘI VỤ"'
    ),
    "the report's date (default: SOURCE_DATE_EPOCH when set, else today)": (
        "ngày của báo cáo (mặc định: SOURCE_DATE_EPOCH nếu được đặt, nếu không thì hôm nay)"
    ),
    # test
    "case files (.toml; default: NAME.cases.toml and cases/NAME*.toml beside the ruleset)": (
        "các tệp ví dụ mẫu (.toml; mặc định: NAME.cases.toml và cases/NAME*.toml cạnh bộ chỉ số)"
    ),
    "print only the failing cases and the summary": "chỉ in các ví dụ sai và dòng tổng kết",
    # schema, serve
    "which schema (default: both)": "lược đồ nào (mặc định: cả hai)",
    "write the schema to FILE": "ghi lược đồ ra FILE",
    "rulesets served (default: every shipped one)": "các bộ chỉ số được phục vụ (mặc định: mọi bộ có sẵn)",
    "address to listen on (default: 127.0.0.1)": "địa chỉ lắng nghe (mặc định: 127.0.0.1)",
    "port (default: 8000; 0 picks a free one)": "cổng (mặc định: 8000; 0 để chọn một cổng trống)",
    "also serve the files of DIR at / (e.g. docs/portal)": "phục vụ thêm các tệp của DIR tại / (ví dụ docs/portal)",
    "a web origin whose pages may call the API from the browser (CORS); repeatable": (
        "một nguồn web (origin) mà các trang của nó được gọi API từ trình duyệt (CORS); dùng được nhiều lần"
    ),
    # appendix
    "bo-tieu-chi.docx, .html or .md; - for Markdown on stdout": (
        "bo-tieu-chi.docx, .html hoặc .md; - để in Markdown ra đầu ra chuẩn"
    ),
    "the format (default: from FILE's suffix)": "định dạng (mặc định: theo đuôi tên của FILE)",
    # whatif
    "an input's new value, read as a data cell (--decimal); repeatable: --set on_time_dept=66.186": (
        "giá trị mới của một đầu vào, đọc như một ô dữ liệu (--decimal); dùng được nhiều lần: --set on_time_dept=66.186"
    ),
    # plan
    'a class to reach (or better), e.g. "Nhóm A"': 'xếp loại cần đạt (hoặc cao hơn), ví dụ "Nhóm A"',
    "a total to reach, e.g. 85": "tổng điểm cần đạt, ví dụ 85",
    "points to gain, e.g. 2": "số điểm cần tăng thêm, ví dụ 2",
    "TOML: cost per unit, change cost, fixed, min, max per input": (
        "TOML: với từng đầu vào, chi phí mỗi đơn vị tăng, chi phí thay đổi, cố định (fixed), min, max"
    ),
    # completion
    "the shell": "loại shell",
    # the foot of every help: examples and exit status
    "examples:": "ví dụ:",
    "exit status: 0 success; 1 found what the command looks for (rejected rows, differences, "
    "a failing case, check errors); 2 user error (docs/cli.md)": (
        "mã thoát: 0 thành công; 1 lệnh tìm thấy điều nó tìm (dòng bị loại, khác biệt, ví dụ sai, "
        "lỗi khi kiểm tra); 2 lỗi người dùng (docs/cli.md)"
    ),
    # the examples' notes
    "score the units of a data file; ranked table": "chấm điểm các đơn vị của một tệp dữ liệu; bảng xếp hạng",
    "how a unit's node 7.3.6 was scored": "cách chấm điểm nút 7.3.6 của một đơn vị",
    "options and examples of one command": "các tùy chọn và ví dụ của một lệnh",
    "a ruleset of your own, the messages in English": "bộ chỉ số của bạn, thông báo bằng tiếng Anh",
    "a workbook to fill in": "một sổ tính Excel để điền số liệu",
    "CSV on standard output": "CSV ra đầu ra chuẩn",
    "the module on standard output": "mô-đun ra đầu ra chuẩn",
    "the results as a workbook": "kết quả dưới dạng sổ tính Excel",
    "data from standard input; JSON, in English": "dữ liệu từ đầu vào chuẩn; JSON, bằng tiếng Anh",
    "the derivation of one node": "cách tính của một nút",
    "the points lost, largest first": "các điểm bị trừ, nhiều nhất trước",
    "data from standard input, in English": "dữ liệu từ đầu vào chuẩn, bằng tiếng Anh",
    "the rules that changed": "các quy tắc đã thay đổi",
    "as Markdown": "dưới dạng Markdown",
    "who changes class or rank, as JSON": "đơn vị đổi xếp loại hoặc thứ hạng, dưới dạng JSON",
    "print the canonical layout": "in bố cục chuẩn",
    "started by an editor: docs/editor.md": "do trình soạn thảo khởi chạy: docs/editor.md",
    "units whose names differ paired by an alias file; Markdown": "ghép các đơn vị đã đổi tên theo một tệp đối chiếu tên; bảng Markdown",
    "recompute Hà Giang's published table from its data": "tính lại bảng đã công bố của Hà Giang từ dữ liệu của tỉnh",
    "the page on standard output, under a letterhead": "trang ra đầu ra chuẩn, dưới dòng tên cơ quan ban hành",
    "print only the failing cases": "chỉ in các ví dụ sai",
    "the inputs' schema only": "chỉ lược đồ của đầu vào",
    "both schemas to a file": "cả hai lược đồ, ghi ra tệp",
    "every shipped ruleset on port 8000": "mọi bộ chỉ số có sẵn, ở cổng 8000",
    "the web portal's pages too": "kèm các trang của cổng thông tin web",
    "the card if 60 % of the services were online full-process": "phiếu điểm nếu 60% dịch vụ công là trực tuyến toàn trình",
    "as JSON": "dưới dạng JSON",
    "the least-cost way to class Nhóm A": "cách ít tốn kém nhất để đạt xếp loại Nhóm A",
    "2 points more, at the costs of a cost file": "thêm 2 điểm, theo chi phí của một tệp chi phí",
    "a Word document": "một văn bản Word",
    "an HTML page": "một trang HTML",
    "Markdown on standard output": "Markdown ra đầu ra chuẩn",
    "bash: the script where bash-completion finds it": "bash: đặt tập lệnh vào nơi bash-completion tìm đến",
    "zsh: with fpath+=~/.zfunc before compinit": "zsh: kèm fpath+=~/.zfunc trước compinit",
}
