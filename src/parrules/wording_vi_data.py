"""Vietnamese sentences of the data diagnostics (D codes of the reader and the
evaluator), keyed by their English template (see parrules.wording).

The words follow the seeds and the CLI's catalogue (parrules.messages): đơn vị (unit),
đầu vào (input), ô (cell), cột (column), dòng (row, line), bộ chỉ số (ruleset), nút
(node), ràng buộc (constraint), thang điểm (scale), xếp loại (class), thứ hạng (rank).
What the command line is told (``--decimal dot``, ``--fractions``) stays as typed."""

VI: dict[str, str] = {
    # where a data error is (errors.InputError.render, io.Rejected.render)
    "unit {unit!r}": "đơn vị {unit!r}",
    "row {row}": "dòng {row}",
    "column {column!r}": "cột {column!r}",
    "input {input!r}": "đầu vào {input!r}",
    "needed by {node}": "cần cho {node}",
    "row {row} ({who}) rejected:": "dòng {row} ({who}) bị loại:",
    "no unit name": "không có tên đơn vị",
    "unit not read": "không đọc được đơn vị",
    # the evaluator (parrules.runtime's sentences, evaluate.py)
    "{name} must be a number, not yes/no {value}": "{name} phải là một số, không phải có/không {value}",
    "{name} must be a number, not {value}": "{name} phải là một số, không phải {value}",
    "{name} is missing": "thiếu {name}",
    "{name} must be a number, not {kind}": "{name} phải là một số, không phải {kind}",
    "{name} must be a finite number, not {value}": "{name} phải là một số hữu hạn, không phải {value}",
    "{name} = {value} is outside the numbers a score can use": "{name} = {value} nằm ngoài các số mà điểm có thể dùng",
    "{name} must be a whole number of at least 0, not {value}": "{name} phải là số nguyên không âm, không phải {value}",
    "{name} = {value}{unit} is outside {lo}..{hi}{unit}": "{name} = {value}{unit} nằm ngoài khoảng {lo}..{hi}{unit}",
    "{name} must be yes/no (true/false), not {value}": "{name} phải là có/không (true/false), không phải {value}",
    "{name} must be one of {options}, not {value}": "{name} phải là một trong {options}, không phải {value}",
    "no tier or band covers the value {value}": "không có bậc hay khung nào chứa giá trị {value}",
    "a formula {what} for these inputs": "một công thức {what} với các đầu vào này",
    "divides by zero": "chia cho 0",
    "gives a number larger than the arithmetic can hold (above 10**999999)": (
        "cho một số lớn hơn mức phép tính chứa được (trên 10**999999)"
    ),
    "has no defined result (0/0, or a value too long to round)": (
        "không có kết quả xác định (0/0, hoặc một giá trị quá dài để làm tròn)"
    ),
    "a formula {what} for this unit's inputs": "một công thức {what} với các đầu vào của đơn vị này",
    "the formula of node {code} ({loc}) {what} for this unit's inputs": (
        "công thức của nút {code} ({loc}) {what} với các đầu vào của đơn vị này"
    ),
    "the constraint {text} ({loc}) {what} for this unit's inputs": (
        "ràng buộc {text} ({loc}) {what} với các đầu vào của đơn vị này"
    ),
    "the constraint {text} does not hold ({values})": "ràng buộc {text} không thỏa ({values})",
    "{first}; the data has {near!r}, which no rule reads: a misspelling of {name}?": (
        "{first}; dữ liệu có {near!r}, không quy tắc nào đọc: có phải viết sai {name}?"
    ),
    "{first}; {n} other input(s) are not given either: {shown}": "{first}; {n} đầu vào khác cũng không có: {shown}",
    "a unit's inputs must be a mapping of input names to values (a dict, a JSON object), not {kind}": (
        "các đầu vào của một đơn vị phải là một ánh xạ từ tên đầu vào đến giá trị (một dict, một đối tượng JSON), "
        "không phải {kind}"
    ),
    "no node {code!r} in this ruleset{near}": "không có nút {code!r} trong bộ chỉ số này{near}",
    # the reader: numbers and cells (io.parse_number, io.convert_cell)
    "{text!r} is ambiguous: with a decimal point it reads {plain}, but written the Vietnamese way "
    "it means something else; write it without a thousands separator": (
        "{text!r} không rõ nghĩa: đọc với dấu chấm thập phân là {plain}, nhưng viết theo cách Việt Nam "
        "thì có nghĩa khác; hãy viết không có dấu phân cách hàng nghìn"
    ),
    " (the file is read with a decimal comma: 84,41; use --decimal dot for 84.41)": (
        " (tệp được đọc với dấu phẩy thập phân: 84,41; dùng --decimal dot cho 84.41)"
    ),
    " (the file is read with a decimal point: 84.41)": " (tệp được đọc với dấu chấm thập phân: 84.41)",
    "{text!r} is not a number in the declared format{hint}; did you mean {options}?": (
        "{text!r} không phải một số theo định dạng đã khai báo{hint}; có phải {options}?"
    ),
    "{text!r} is not a number{hint}": "{text!r} không phải một số{hint}",
    "{text!r} is not a finite number": "{text!r} không phải một số hữu hạn",
    "the cell holds the formula {text!r} as text, not its value": (
        "ô chứa công thức {text!r} dưới dạng văn bản, không phải giá trị của nó"
    ),
    "{text!r} is not yes/no (write có/không, x, yes/no, true/false or 1/0)": (
        "{text!r} không phải có/không (hãy viết có/không, x, yes/no, true/false hoặc 1/0)"
    ),
    "{text!r} is not one of {options}": "{text!r} không phải một trong {options}",
    "{text!r}: a percent sign is only allowed for a percent input": (
        "{text!r}: dấu phần trăm chỉ được dùng cho đầu vào dạng phần trăm"
    ),
    "{value} is yes/no, but the input is a {kind}": "{value} là có/không, nhưng đầu vào có kiểu {kind}",
    "{value} is not a finite number": "{value} không phải một số hữu hạn",
    "{value} is not yes/no (1 or 0)": "{value} không phải có/không (1 hoặc 0)",
    "{value} is not one of {options}": "{value} không phải một trong {options}",
    "a {kind} value ({value}) is not allowed here": "không được dùng giá trị kiểu {kind} ({value}) ở đây",
    # the reader: rows (io.read_table and the file readers)
    "the line has {fields} fields but the header (line {line}) has {width}: "
    "a delimiter was typed or lost, and the values after it would be read under the wrong columns "
    '(a decimal comma in a comma-separated file needs quotes: "0,4")': (
        "dòng có {fields} trường nhưng dòng tiêu đề (dòng {line}) có {width}: một dấu phân cách bị gõ thừa "
        "hoặc bị mất, và các giá trị sau nó sẽ bị đọc vào sai cột "
        '(dấu phẩy thập phân trong tệp phân cách bằng dấu phẩy cần có dấu ngoặc kép: "0,4")'
    ),
    "the unit name is empty": "tên đơn vị bị trống",
    " ({first!r} and {unit!r} differ only by invisible characters, spaces or "
    "Unicode form, and are matched as one unit)": (
        " ({first!r} và {unit!r} chỉ khác nhau ở ký tự ẩn, khoảng trắng hoặc dạng Unicode, "
        "và được ghép là một đơn vị)"
    ),
    "the unit name is a duplicate of row {row}{alike}": "tên đơn vị trùng với dòng {row}{alike}",
    "the cell holds {value!r} but its column has no header; delete it or name the column "
    '(in a CSV file, a decimal comma needs quotes: "0,4")': (
        "ô chứa {value!r} nhưng cột của nó không có tiêu đề; hãy xóa ô đó hoặc đặt tên cho cột "
        '(trong tệp CSV, dấu phẩy thập phân cần có dấu ngoặc kép: "0,4")'
    ),
    "the cell is empty ({what})": "ô bị trống ({what})",
    "{value!r} in a column of values all within 0..1 looks like a fraction "
    "({percent} %?); type the percent, or pass --fractions or --no-fractions": (
        "{value!r} trong một cột mà mọi giá trị đều trong khoảng 0..1 trông như một phân số "
        "({percent} %?); hãy nhập số phần trăm, hoặc dùng --fractions hay --no-fractions"
    ),
    "the cell holds {length} characters, the {limit} a spreadsheet cell holds or more "
    "(a longer text is cut there when read): {start!r}": (
        "ô chứa {length} ký tự, bằng hoặc hơn {limit} ký tự mà một ô bảng tính chứa được "
        "(văn bản dài hơn bị cắt tại đó khi đọc): {start!r}"
    ),
    "line {number} has {length} characters, more than the {limit} a data line may have; "
    "it is not read ({start!r})": (
        "dòng {number} có {length} ký tự, nhiều hơn {limit} ký tự cho phép của một dòng dữ liệu; "
        "dòng này không được đọc ({start!r})"
    ),
    "the line is not well-formed CSV ({why}): {start!r}": "dòng này không đúng định dạng CSV ({why}): {start!r}",
    "standard output takes no binary data here; write the workbook to a file with -o FILE": "đầu ra chuẩn ở đây không nhận dữ liệu nhị phân; hãy ghi sổ tính ra tệp với -o TỆP",
    "line {number} closes a quote left open in line {opened}; a cell cannot span lines, so the line "
    "is rejected and the lines between were read on their own ({start!r})": (
        "dòng {number} đóng một dấu ngoặc kép mở từ dòng {opened}; một ô không thể trải qua nhiều dòng, nên "
        "dòng này bị loại và các dòng ở giữa được đọc riêng ({start!r})"
    ),
    "nothing (it is the last line)": "không dòng nào (đây là dòng cuối)",
    "line {line}": "dòng {line}",
    "lines {first}..{last}": "các dòng {first}..{last}",
    "a quote opened in line {number} is not closed on that line ({start!r}); a cell cannot span "
    "lines, so the line is rejected and the next ones are read on their own (a spreadsheet would join "
    '{swallowed} to it). Delete the stray " or close it; a quote inside a cell is written ""': (
        "dấu ngoặc kép mở ở dòng {number} không được đóng trên dòng đó ({start!r}); một ô không thể trải qua "
        "nhiều dòng, nên dòng này bị loại và các dòng sau được đọc riêng (một bảng tính sẽ nối "
        '{swallowed} vào nó). Hãy xóa dấu " thừa hoặc đóng nó lại; dấu ngoặc kép trong một ô được viết ""'
    ),
    "the number {start}... has {length} characters, more than the {limit} a value may have": (
        "số {start}... có {length} ký tự, nhiều hơn {limit} ký tự cho phép của một giá trị"
    ),
    "record {number} is not an object of input name -> value but {start!r}": (
        "bản ghi {number} không phải một đối tượng tên đầu vào -> giá trị mà là {start!r}"
    ),
    "record {number} ({unit!r}) gives {names} more than once; which value is meant cannot be known": (
        "bản ghi {number} ({unit!r}) cho {names} nhiều hơn một lần; không thể biết giá trị nào là đúng"
    ),
    "the cell holds the formula {formula!r} but no computed value; "
    "open and save the file in Excel (or paste values) first": (
        "ô chứa công thức {formula!r} nhưng không có giá trị đã tính; "
        "hãy mở và lưu tệp trong Excel (hoặc dán giá trị) trước"
    ),
    # the reader: files (io.DataError) and its warnings
    "unknown decimal style {decimal!r}; use comma (84,41) or dot (84.41)": (
        "kiểu dấu thập phân {decimal!r} không hợp lệ; dùng comma (84,41) hoặc dot (84.41)"
    ),
    "{path}: line {line}, before or at the header: {why}": "{path}: dòng {line}, trước hoặc tại dòng tiêu đề: {why}",
    "{path}: the file has no header row": "{path}: tệp không có dòng tiêu đề",
    "{path}: no unit-name column (a header named {accepted})": (
        "{path}: không có cột tên đơn vị (một tiêu đề tên là {accepted})"
    ),
    "{path}: the column {column!r} appears twice": "{path}: cột {column!r} xuất hiện hai lần",
    "{path}: column {column!r} is not an input of this ruleset and was ignored": (
        "{path}: cột {column!r} không phải đầu vào của bộ chỉ số này và đã được bỏ qua"
    ),
    "{path}: no column for the input(s) {named}; "
    "`parrules template RULESET -o FILE` writes a file with every column": (
        "{path}: không có cột cho (các) đầu vào {named}; "
        "`parrules template RULESET -o FILE` ghi một tệp có đủ mọi cột"
    ),
    "no data file {path!r}": "không có tệp dữ liệu {path!r}",
    "{path!r} is a folder, not a data file": "{path!r} là một thư mục, không phải tệp dữ liệu",
    "{path}: old .xls workbooks are not read; save it as .xlsx or CSV UTF-8": (
        "{path}: không đọc tệp .xls cũ; hãy lưu thành .xlsx hoặc CSV UTF-8"
    ),
    "{path}: unknown data format {suffix!r}; use .csv, .xlsx or .json": (
        "{path}: định dạng dữ liệu {suffix!r} không được hỗ trợ; dùng .csv, .xlsx hoặc .json"
    ),
    "{path}: column {column!r} is read with a decimal point: its cells such as {example!r} "
    "are not numbers in the Vietnamese style": (
        "{path}: cột {column!r} được đọc với dấu chấm thập phân: các ô như {example!r} "
        "không phải số viết theo cách Việt Nam"
    ),
    "{path}: column {column!r} (percent) holds only values from 0 to 1, such as {shown} in row "
    "{row}: these look like fractions, which would score as {text} %. Type percents "
    "(84,41 for 84.41 %) or format the cells as % in Excel; or pass --fractions to read 0,8441 "
    "as 84.41 %, or --no-fractions if the values are percents as written; its cells are rejected (D211)": (
        "{path}: cột {column!r} (phần trăm) chỉ chứa các giá trị từ 0 đến 1, như {shown} ở dòng "
        "{row}: chúng trông như phân số, và sẽ được chấm là {text} %. Hãy nhập số phần trăm "
        "(84,41 cho 84,41 %) hoặc định dạng ô là % trong Excel; hoặc dùng --fractions để đọc 0,8441 "
        "là 84,41 %, hay --no-fractions nếu các giá trị là phần trăm như đã viết; các ô của cột bị loại (D211)"
    ),
    "{path}: only the first sheet {first!r} was read; the sheet(s) {others} also hold data "
    "(use --sheet NAME to read one)": (
        "{path}: chỉ trang tính đầu {first!r} được đọc; (các) trang tính {others} cũng có dữ liệu "
        "(dùng --sheet TÊN để đọc một trang)"
    ),
    # whatif
    "the change names {name}, which is no input of this ruleset{near}": (
        "thay đổi nêu {name}, không phải đầu vào của bộ chỉ số này{near}"
    ),
    "the changes must be a mapping of input names to new values, not {kind}": (
        "các thay đổi phải là một ánh xạ từ tên đầu vào đến giá trị mới, không phải {kind}"
    ),
    "--set {pair!r}: write NAME=VALUE, e.g. --set on_time_dept=66186": (
        "--set {pair!r}: hãy viết NAME=VALUE, ví dụ --set on_time_dept=66186"
    ),
    "--set {name}= gives no value": "--set {name}= không cho giá trị nào",
    "--set {name}={text}: {why}": "--set {name}={text}: {why}",
    "the change sets {name} twice ({first} and {second}); which value is meant cannot be known": (
        "thay đổi đặt {name} hai lần ({first} và {second}); không thể biết giá trị nào là đúng"
    ),
    # plan (its errors, the inputs it does not move and its notes)
    "the ruleset declares no classes: give --total or --gain": (
        "bộ chỉ số không khai báo xếp loại: hãy cho --total hoặc --gain"
    ),
    "{target!r} is not a class of this ruleset{near}; classes: {classes}": (
        "{target!r} không phải một xếp loại của bộ chỉ số này{near}; các xếp loại: {classes}"
    ),
    "give exactly one target: a class, a total or a gain": (
        "hãy cho đúng một mục tiêu: một xếp loại, một tổng điểm hoặc một mức tăng"
    ),
    "a gain must be above 0, not {number}": "mức tăng phải lớn hơn 0, không phải {number}",
    "a total must lie in 0..{scale} (the scale), not {number}": (
        "tổng điểm phải nằm trong 0..{scale} (thang điểm), không phải {number}"
    ),
    "{value} is not a number": "{value} không phải một số",
    "a rank: the unit's place among all units is not its own to set": (
        "một thứ hạng: vị trí của đơn vị trong tất cả các đơn vị không do đơn vị tự đặt"
    ),
    "read by {code}, whose points come from the survey (điều tra xã hội học)": (
        "được {code} đọc, mà điểm của nó lấy từ điều tra xã hội học"
    ),
    "the whole (denominator) of a rate in {code}: only the part moves": (
        "mẫu số của một tỷ lệ trong {code}: chỉ tử số thay đổi"
    ),
    "fixed in the cost file {path}": "cố định trong tệp chi phí {path}",
    "not given in the data": "không có trong dữ liệu",
    "its value is not a number": "giá trị của nó không phải một số",
    "the class is the point bands' alone: the rule on the communes' classes is not applied": (
        "xếp loại chỉ theo khung điểm: quy tắc theo xếp loại của các xã không được áp dụng"
    ),
    "no total within the scale meets the target: the plan below is the best reachable": (
        "không tổng điểm nào trong thang điểm đạt mục tiêu: kế hoạch dưới đây là kế hoạch tốt nhất đạt được"
    ),
    "searched in quanta of {quantum} points (the target is far in the finest quanta)": (
        "đã tìm theo bước {quantum} điểm (mục tiêu quá xa với bước nhỏ nhất)"
    ),
    "moving it with the others breaks a constraint ({why})": "thay đổi nó cùng các đầu vào khác phá vỡ một ràng buộc ({why})",
    "{name} kept: {why}": "giữ nguyên {name}: {why}",
    "the re-scored plan fell {short} short (caps or rounding above the leaves): searched again for {short} more": (
        "kế hoạch chấm lại còn thiếu {short} (giới hạn hoặc làm tròn ở các nút trên): đã tìm lại thêm {short}"
    ),
    "a constraint between moved inputs refused the first plan": (
        "một ràng buộc giữa các đầu vào thay đổi đã bác kế hoạch đầu tiên"
    ),
    "trimmed: each move was shortened as far as the re-scored plan still meets the target": (
        "đã rút gọn: mỗi thay đổi được rút ngắn đến mức kế hoạch chấm lại vẫn đạt mục tiêu"
    ),
    "not proven least: {why}": "chưa chứng minh là rẻ nhất: {why}",
    "an input with many values and no monotone promise was searched by bisection": (
        "một đầu vào có nhiều giá trị và không bảo đảm đơn điệu đã được tìm bằng chia đôi"
    ),
    # compare
    "a row without a unit name: {row}": "một dòng không có tên đơn vị: {row}",
    "not a result row: {row}": "không phải một dòng kết quả: {row}",
    "{side}: {first!r} and {second!r} are the same unit after normalisation; rename one of them": (
        "{side}: {first!r} và {second!r} là cùng một đơn vị sau khi chuẩn hóa; hãy đổi tên một trong hai"
    ),
    "alias {old!r} -> {new!r}: no unit {old!r} in OLD": "tên thay thế {old!r} -> {new!r}: không có đơn vị {old!r} trong bảng CŨ",
    "alias {old!r} -> {new!r}: no unit {new!r} in NEW": "tên thay thế {old!r} -> {new!r}: không có đơn vị {new!r} trong bảng MỚI",
    "alias {old!r} -> {new!r}: {new!r} is already paired; ignored": (
        "tên thay thế {old!r} -> {new!r}: {new!r} đã được ghép; bỏ qua"
    ),
    "{path}: no unit column (a header named {names} ...)": "{path}: không có cột đơn vị (một tiêu đề tên là {names} ...)",
    "{path}: no points, index, rank or class column (headers such as {names})": (
        "{path}: không có cột điểm, chỉ số, thứ hạng hay xếp loại (các tiêu đề như {names})"
    ),
    "{where}: {value} is not a number": "{where}: {value} không phải một số",
    "{where}: {why}": "{where}: {why}",
    "no results file {path!r}": "không có tệp kết quả {path!r}",
    "{path!r} is a folder, not a results file": "{path!r} là một thư mục, không phải tệp kết quả",
    "{path}: unknown results format {suffix!r}; use .csv, .xlsx or .json": (
        "{path}: định dạng kết quả {suffix!r} không được hỗ trợ; dùng .csv, .xlsx hoặc .json"
    ),
    "{path}: row {row} {column}": "{path}: dòng {row} {column}",
    "{path}: row {row}: rank {rank} is not a whole number": "{path}: dòng {row}: thứ hạng {rank} không phải số nguyên",
    "{path}: expected a list of objects (as `parrules score --format json` writes)": (
        "{path}: cần một danh sách đối tượng (như `parrules score --format json` ghi)"
    ),
    "no alias file {path!r}": "không có tệp tên thay thế {path!r}",
    "{path}: row {row}: expected two names, old_name,new_name": "{path}: dòng {row}: cần hai tên, old_name,new_name",
    # audit (its errors and the reasons of its findings)
    "not audited, no code: column(s) {shown} (name a column total, index, rank ...)": (
        "không kiểm tra, không có mã: (các) cột {shown} (hãy đặt tên cột là total, index, rank ...)"
    ),
    "{text!r}: write a published number without thousands separators": (
        "{text!r}: hãy viết số công bố không có dấu phân cách hàng nghìn"
    ),
    "{text!r} is not a number": "{text!r} không phải một số",
    "{first}; {then}": "{first}; {then}",
    " (row {row})": " (dòng {row})",
    "no node {code!r} in this ruleset{at}{near}": "không có nút {code!r} trong bộ chỉ số này{at}{near}",
    "row {row}: {why}": "dòng {row}: {why}",
    "row {row}: ": "dòng {row}: ",
    "{at}rank {rank!r} is not a whole number from 1": "{at}thứ hạng {rank!r} không phải số nguyên từ 1 trở lên",
    "; {n} more cell(s) so": "; thêm {n} ô như vậy",
    "code printed {printed!r}, read as {bare!r}{more}": "mã in là {printed!r}, đọc là {bare!r}{more}",
    "the alias names {alias!r}, which is not in the data{near}": (
        "tên thay thế chỉ đến {alias!r}, không có trong dữ liệu{near}"
    ),
    "paired with {unit!r} by the alias list": "ghép với {unit!r} theo danh sách tên thay thế",
    "paired with {unit!r}: the same name after normalising (case, spaces, 'tỉnh' ...)": (
        "ghép với {unit!r}: cùng tên sau khi chuẩn hóa (chữ hoa, khoảng trắng, 'tỉnh' ...)"
    ),
    "the name fits {names} alike: pair it with an alias": "tên khớp với cả {names}: hãy ghép bằng tên thay thế",
    "no computed result for the unit{near}": "không có kết quả tính được cho đơn vị{near}",
    " (did you mean {near!r}? the names differ only in diacritics; pair them with --aliases)": (
        " (có phải {near!r}? hai tên chỉ khác dấu; hãy ghép chúng bằng --aliases)"
    ),
    "no index (nothing applies)": "không có chỉ số (không tiêu chí nào áp dụng)",
    "column {column}": "cột {column}",
    "{at}{also} gives {code} as {value!r}; which one is meant?": "{at}{also} cho {code} là {value!r}; giá trị nào đúng?",
    "repeats row {row} ({codes}); checked once": "lặp lại dòng {row} ({codes}); chỉ kiểm tra một lần",
    "index = total {total} / applicable scale {scale} × 100, to {places} places": (
        "chỉ số = tổng điểm {total} / thang điểm áp dụng {scale} × 100, lấy {places} chữ số thập phân"
    ),
    "ranked by {measure} {order} among {n} unit(s): {measure} {value}, {ahead} ahead": (
        "xếp hạng theo {measure} {order} trong {n} đơn vị: {measure} {value}, {ahead} đơn vị đứng trước"
    ),
    "descending": "giảm dần",
    "ascending": "tăng dần",
    "tied on {measure} with {names}; tie_break {codes} decides ({mine})": (
        "bằng {measure} với {names}; tie_break {codes} quyết định ({mine})"
    ),
    "tied on {measure} with {names}: no tie_break is declared, so the rank is shared": (
        "bằng {measure} với {names}: không khai báo tie_break, nên đồng hạng"
    ),
    "rank {rank} is {shown}": "hạng {rank} là {shown}",
    "the ruleset declares no classes": "bộ chỉ số không khai báo xếp loại",
    "band: {measure} {value} is {band!r} ({interval})": "khung: {measure} {value} là {band!r} ({interval})",
    "downgrade: {note}": "hạ loại: {note}",
    "the downgrade rule (communes at class or better below {rule}) was not applied": (
        "quy tắc hạ loại (tỷ lệ xã đạt xếp loại trở lên dưới {rule}) chưa được áp dụng"
    ),
    "{first}: it may explain {below!r}; give the communes' classes (--communes)": (
        "{first}: điều này có thể giải thích {below!r}; hãy cho xếp loại của các xã (--communes)"
    ),
    "scale {scale}": "thang điểm {scale}",
    "applicable scale {scale}": "thang điểm áp dụng {scale}",
    "the table's own total {total} / {scale} × 100 = {shown}": "tổng điểm của chính bảng {total} / {scale} × 100 = {shown}",
    "published table": "bảng công bố",
    "alias file": "tệp tên thay thế",
    "commune list": "danh sách xã",
    "no {what} {path!r}": "không có {what} {path!r}",
    "{path!r} is a folder, not a {what}": "{path!r} là một thư mục, không phải {what}",
    "{path}: a published table is a CSV (numbers kept as printed), not {suffix!r}": (
        "{path}: bảng công bố là tệp CSV (số giữ như khi in), không phải {suffix!r}"
    ),
    "{path}: no column {missing} (the header must name unit, code, published)": (
        "{path}: không có cột {missing} (dòng tiêu đề phải có unit, code, published)"
    ),
    "{path}: no column unit, code, published, and no unit column for a wide table (a header named {names})": (
        "{path}: không có cột unit, code, published, và không có cột đơn vị cho bảng ngang (một tiêu đề tên là {names})"
    ),
    "{path}: no column to audit (headers such as total, index, scale, rank, class, "
    "xếp hạng, xếp loại, or a node code)": (
        "{path}: không có cột nào để kiểm tra (các tiêu đề như total, index, scale, rank, class, "
        "xếp hạng, xếp loại, hoặc một mã nút)"
    ),
    "{path}: row {row}: unit, code and published must all be given": (
        "{path}: dòng {row}: phải có đủ unit, code và published"
    ),
    "{path}: row {row}: the unit name is empty": "{path}: dòng {row}: tên đơn vị bị trống",
    # whatif's sensitivity notes (why no step was tried)
    "moves the leaf by less than its rounding step": "làm tiêu chí thay đổi ít hơn bước làm tròn của nó",
    "a choice, not a quantity: try each option with what_if": (
        "một lựa chọn, không phải một đại lượng: hãy thử từng phương án bằng what_if"
    ),
    "already yes": "đã là có",
    "no -> yes": "không -> có",
    "not a number": "không phải một số",
    "at its upper bound ({bound})": "đã ở cận trên ({bound})",
    "at the best rank ({rank})": "đã ở thứ hạng cao nhất ({rank})",
    "the constraint {text} does not hold": "ràng buộc {text} không thỏa",
    "refused ({code}): {why}": "bị từ chối ({code}): {why}",
    # the reader: files it cannot read (io.DataError)
    "{path}: the file has {size} bytes, more than the {limit} a data file may have; is it the right file?": (
        "{path}: tệp có {size} byte, nhiều hơn {limit} byte cho phép của một tệp dữ liệu; có đúng tệp không?"
    ),
    "{path}: the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8; save it as 'CSV UTF-8'": (
        "{path}: tệp là văn bản UTF-16 ('Unicode Text' của Excel), không phải UTF-8; hãy lưu thành 'CSV UTF-8'"
    ),
    "{path}: the file is not UTF-8 text ({why} at byte {start}); save it as 'CSV UTF-8'": (
        "{path}: tệp không phải văn bản UTF-8 ({why} tại byte {start}); hãy lưu thành 'CSV UTF-8'"
    ),
    "{path}: line {line} holds a NUL character: this is a binary file, not text": (
        "{path}: dòng {line} chứa ký tự NUL: đây là tệp nhị phân, không phải văn bản"
    ),
    "{path}: line {line}: {code}: {why}": "{path}: dòng {line}: {code}: {why}",
    "{path}: not a readable .xlsx workbook ({why})": "{path}: không phải tệp .xlsx đọc được ({why})",
    "{path}: no sheet {sheet!r}; sheets: {sheets}": "{path}: không có trang tính {sheet!r}; các trang tính: {sheets}",
    "{path}:{line}:{column}: the JSON is nested more than {limit} levels deep; "
    'data is a list of units ([{{"unit": ..., "input": value}}]) or an object of unit -> inputs': (
        "{path}:{line}:{column}: JSON lồng nhau sâu hơn {limit} mức; dữ liệu là một danh sách đơn vị "
        '([{{"unit": ..., "input": value}}]) hoặc một đối tượng đơn vị -> đầu vào'
    ),
    "{path}:{line}:{column}: not valid JSON: {why}": "{path}:{line}:{column}: JSON không hợp lệ: {why}",
    "{path}: the JSON is nested too deeply": "{path}: JSON lồng nhau quá sâu",
    "{path}: expected a list of units (objects) or an object of unit name -> inputs": (
        "{path}: cần một danh sách đơn vị (đối tượng) hoặc một đối tượng tên đơn vị -> đầu vào"
    ),
    # Python's and the OS's own reasons (parrules.system_words)
    "no such file or folder": "không có tệp hay thư mục này",
    "permission denied": "không có quyền truy cập",
    "it is a folder, not a file": "đây là một thư mục, không phải tệp",
    "a part of the path is not a folder": "một phần của đường dẫn không phải thư mục",
    "it exists already": "đã có",
    "no space left on the disk": "ổ đĩa đã hết chỗ trống",
    "the file system is read-only": "hệ thống tệp chỉ cho phép đọc",
    "too many levels of symbolic links": "quá nhiều tầng liên kết tượng trưng (symlink)",
    "the file name is too long": "tên tệp quá dài",
    "the system refused it ({name}, error {code})": "hệ điều hành từ chối ({name}, mã lỗi {code})",
    "a byte that cannot start a character": "có byte không thể mở đầu một ký tự",
    "a byte that cannot continue a character": "có byte không thể nằm giữa một ký tự",
    "the text ends inside a character": "văn bản kết thúc giữa chừng một ký tự",
    "bytes that are not UTF-8": "có byte không phải UTF-8",
    "this line is no TOML statement": "dòng này không phải một câu lệnh TOML",
    "'=' is missing after the key": "thiếu '=' sau khóa",
    "']' is missing at the end of the table's name": "thiếu ']' ở cuối tên bảng",
    "']]' is missing at the end of the table's name": "thiếu ']]' ở cuối tên bảng",
    "only one statement may stand on a line": "mỗi dòng chỉ được có một câu lệnh",
    "{token} is missing here": "thiếu {token} ở đây",
    "the character {char} cannot stand here": "ký tự {char} không được đứng ở đây",
    "the character {char} cannot stand in a string": "ký tự {char} không được có trong chuỗi",
    "the table {key} is declared twice": "bảng {key} được khai báo hai lần",
    "a key is given a value twice": "một khóa được gán giá trị hai lần",
    "{key} is already given as an inline table or array": "{key} đã được cho dưới dạng bảng nội dòng hoặc mảng",
    "{key} is already given as another kind of value": "{key} đã được cho dưới dạng một kiểu giá trị khác",
    "the key {key} is given twice in an inline table": "khóa {key} xuất hiện hai lần trong một bảng nội dòng",
    "a key cannot start with this character": "khóa không được bắt đầu bằng ký tự này",
    "an array is not closed with ']'": "mảng chưa được đóng bằng ']'",
    "an inline table is not closed with '}}'": "bảng nội dòng chưa được đóng bằng '}}'",
    "a '\\' in a string must be written '\\\\'": "dấu '\\' trong chuỗi phải viết là '\\\\'",
    "a \\u escape holds a character that is not hexadecimal": "mã thoát \\u chứa ký tự không phải hệ mười sáu",
    "a \\u escape names no Unicode character": "mã thoát \\u không chỉ một ký tự Unicode nào",
    "a string is not closed with its quote": "chuỗi chưa được đóng bằng dấu nháy",
    "not a valid date or time": "không phải ngày hay giờ hợp lệ",
    "not a valid value (a number, a quoted text, true/false)": "không phải giá trị hợp lệ (một số, một chuỗi trong dấu nháy, true/false)",
    "not valid TOML here": "chỗ này không đúng cú pháp TOML",
    "a value is expected here": "cần một giá trị ở đây",
    'a key in double quotes ("...") is expected here': 'cần một khóa trong dấu nháy kép ("...") ở đây',
    "':' is expected after the key": "cần ':' sau khóa",
    "',' is expected between two items": "cần ',' giữa hai phần tử",
    "a control character (a line break, a tab) inside a string": "có ký tự điều khiển (xuống dòng, tab) trong chuỗi",
    "an unknown \\ escape in a string": "mã thoát \\ không hợp lệ trong chuỗi",
    "more text after the end of the JSON value": "còn văn bản sau khi giá trị JSON đã kết thúc",
    "a ',' before the closing bracket": "có ',' ngay trước dấu đóng ngoặc",
    "not valid JSON here": "chỗ này không đúng cú pháp JSON",
    # side files (cases.read_side_file)
    "no case file {path!r}": "không có tệp ca kiểm thử {path!r}",
    "no cost file {path!r}": "không có tệp chi phí {path!r}",
    "no file {path!r}": "không có tệp {path!r}",
    "{path}: a case file of more than {limit} bytes": "{path}: tệp ca kiểm thử lớn hơn {limit} byte",
    "{path}: a cost file of more than {limit} bytes": "{path}: tệp chi phí lớn hơn {limit} byte",
    "{path}: a file of more than {limit} bytes": "{path}: tệp lớn hơn {limit} byte",
    "a cell longer than {limit} characters": "có ô dài hơn {limit} ký tự",
    "the line holds a NUL character": "dòng chứa ký tự NUL",
    "{want!r} is expected after a closing {quote!r}": "cần {want!r} sau dấu {quote!r} đóng",
    "a line break inside a cell that is not quoted": "có xuống dòng trong một ô không nằm trong dấu nháy",
    "the line ends inside a quoted cell": "dòng kết thúc khi ô trong dấu nháy chưa đóng",
    "not readable as CSV": "không đọc được dưới dạng CSV",
    "it is not a zip archive, as every .xlsx workbook is": "tệp không phải tệp nén zip như mọi sổ tính .xlsx",
    "only .xlsx and .xlsm workbooks are read (save an .xls or .ods file as .xlsx)": (
        "chỉ đọc được sổ tính .xlsx và .xlsm (hãy lưu tệp .xls hoặc .ods thành .xlsx)"
    ),
    "its contents are not those of a workbook": "nội dung tệp không phải của một sổ tính",
    "no file can have this name": "không tệp nào có thể mang tên này",
    "{name}{hint}": "{name}{hint}",  # a missing input column and its did-you-mean (io.read_header)
    # audit's alias and commune files, compare's columns
    "{path}: the file is not UTF-8 text ({why})": "{path}: tệp không phải văn bản UTF-8 ({why})",
    "{path}:{line}:{column}: not valid TOML: {why}": "{path}:{line}:{column}: không đúng cú pháp TOML: {why}",
    "{path}: {key!r} must name a unit of the data (a string), not {value}": (
        "{path}: {key!r} phải là tên một đơn vị của dữ liệu (một chuỗi), không phải {value}"
    ),
    "{path}: row {row}: expected two names, published,data": "{path}: dòng {row}: cần hai tên, published,data",
    "{path}: the header must name the columns district and class": "{path}: dòng tiêu đề phải có các cột district và class",
    "{path}: row {row}: the district is empty": "{path}: dòng {row}: tên huyện để trống",
    "points": "tổng điểm",
    "index": "chỉ số",
    "rank": "thứ hạng",
    "{path}: a row's points, index or rank is not a number": "{path}: tổng điểm, chỉ số hoặc thứ hạng của một dòng không phải một số",
    "{path}: a template is written as .xlsx or .csv, not {suffix}": "{path}: tệp mẫu được ghi dưới dạng .xlsx hoặc .csv, không phải {suffix}",
    "{path}: a template is written as .xlsx or .csv; the name has no suffix": (
        "{path}: tệp mẫu được ghi dưới dạng .xlsx hoặc .csv; tên tệp không có phần mở rộng"
    ),
    "{path}: the file is not UTF-8 text; save it as 'CSV UTF-8'": "{path}: tệp không phải văn bản UTF-8; hãy lưu thành 'CSV UTF-8'",
    "commune class {klass!r} is not a class of this ruleset ({classes}){hint}": (
        "xếp loại xã {klass!r} không phải một xếp loại của bộ chỉ số này ({classes}){hint}"
    ),
    # plan's target as asked (plan.Plan.target)
    "class {name!r}": "xếp loại {name!r}",
    "total {number}": "tổng điểm {number}",
    "gain {number}": "tăng {number} điểm",
}
