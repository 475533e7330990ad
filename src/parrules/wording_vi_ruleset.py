"""Vietnamese sentences of the ruleset diagnostics (E/W codes of the parser, the resolver
and the checker), keyed by their English template (see parrules.wording).

The words of the ruleset language (``tiers``, ``rate()``, ``max``, ``let``, ``empty: na``,
``round``, a node's kind ``field``/``criterion``/``sub``, an input's type) are kept as
written: they are what the author types to fix the error.  A bộ chỉ số has lĩnh vực,
tiêu chí and tiêu chí thành phần (nút), đầu vào, điểm tối đa and thang điểm, as the
command line's own sentences say them (parrules.messages).
"""

VI: dict[str, str] = {
    # the severity words of a located diagnostic (errors.Diagnostic.render)
    "error": "lỗi",
    "warning": "cảnh báo",
    # errors.did_you_mean_said
    " (did you mean {near!r}?)": " (có phải ý bạn là {near!r}?)",
    # check.py: the words a diagnostic names a kind of value or a row of a table with
    "number": "số",
    "yes/no": "có/không",
    "choice": "lựa chọn",
    "a tier": "một bậc",
    "a linear point": "một điểm của linear",
    "a rank band": "một khoảng thứ hạng",
    "a choice": "một phương án của choice",
    "tier": "bậc",
    "rank band": "khoảng thứ hạng",
    "class band": "khoảng xếp loại",
    "tiers": "bậc",
    "rank bands": "khoảng thứ hạng",
    "class bands": "khoảng xếp loại",
    # check.py: the header and the inputs
    "the header has no scale (write: scale 100)": "phần đầu chưa khai báo thang điểm (viết: scale 100)",
    "the header has no level (province, department, district or commune)": (
        "phần đầu chưa khai báo cấp đánh giá (province, department, district hoặc commune)"
    ),
    "the ruleset has {n} nodes, more than the {limit} allowed": (
        "bộ chỉ số có {n} nút, nhiều hơn mức cho phép là {limit}"
    ),
    "tie_break names node {code}, which the ruleset does not have": (
        "tie_break nêu nút {code}, nhưng bộ chỉ số không có nút này"
    ),
    "option {option} of {name} has the label {label!r}, which a template cell cannot carry"
    " (blank, or beginning with '='); write the option's words": (
        "phương án {option} của {name} có nhãn {label!r}, mà một ô của biểu mẫu không chứa được"
        " (để trống, hoặc bắt đầu bằng '='); hãy viết lời của phương án"
    ),
    "options {first} and {option} of {name} have the same label {label!r};"
    " a filled template could not tell them apart": (
        "các phương án {first} và {option} của {name} có cùng nhãn {label!r};"
        " biểu mẫu đã điền sẽ không phân biệt được chúng"
    ),
    "the label of option {option} of {name} is {label!r}, the code of option {other}": (
        "nhãn của phương án {option} của {name} là {label!r}, trùng mã của phương án {other}"
    ),
    "choice input {name} labels some options but not {options}; its dropdown will mix words and codes": (
        "đầu vào choice {name} có nhãn cho một số phương án nhưng không có cho {options};"
        " danh sách chọn của nó sẽ lẫn lời và mã"
    ),
    "input {name} is declared twice (first at line {line})": "đầu vào {name} được khai báo hai lần (lần đầu ở dòng {line})",
    "{name} is a word of the language and cannot name an input; rename it": (
        "{name} là từ khóa của ngôn ngữ, không dùng làm tên đầu vào được; hãy đổi tên"
    ),
    "choice input {name} lists an option twice": "đầu vào choice {name} liệt kê một phương án hai lần",
    "rank input {name} has an empty range {low}..{high}": "đầu vào rank {name} có khoảng rỗng {low}..{high}",
    "input {name} has an empty range": "đầu vào {name} có khoảng giá trị rỗng",
    "node {code} scores points from {name}, but {name} is declared as {type}": (
        "nút {code} lấy điểm từ {name}, nhưng {name} được khai báo là {type}"
    ),
    "nodes {first} and {code} both take their points from input {name}": (
        "cả hai nút {first} và {code} đều lấy điểm từ đầu vào {name}"
    ),
    "input {name} is declared but no formula uses it": "đầu vào {name} được khai báo nhưng không công thức nào dùng",
    # check.py: the tree of nodes
    "code {code} is used twice (first at line {line})": "mã {code} được dùng hai lần (lần đầu ở dòng {line})",
    "top-level node {code} should have a one-part code such as 3": (
        "nút cấp cao nhất {code} phải có mã một phần, chẳng hạn 3"
    ),
    "node {code} is placed under {parent}; its code says otherwise": (
        "nút {code} được đặt dưới {parent}, nhưng mã của nó cho biết khác"
    ),
    "node {code} is nested deeper than sub-criteria": "nút {code} lồng sâu hơn cấp tiêu chí thành phần",
    "node {code} is a {kind} where a {want} belongs": "nút {code} là {kind} ở chỗ cần một {want}",
    "node {code} has children and a score; a parent sums its children": (
        "nút {code} vừa có nút con vừa có công thức điểm; nút cha là tổng điểm các nút con"
    ),
    "the children of {code} add up to {total}, but its max is {max}": (
        "các nút con của {code} cộng lại được {total}, nhưng điểm tối đa của nó là {max}"
    ),
    "node {code} has no children and no score": "nút {code} không có nút con và không có công thức điểm",
    "node {code} has a negative max": "nút {code} có điểm tối đa âm",
    "the fields add up to {total}, but the scale is {scale}": (
        "các lĩnh vực cộng lại được {total}, nhưng thang điểm là {scale}"
    ),
    # check.py: formulas
    "not applicable when ... needs a yes/no condition, not a {kind}": (
        "not applicable when ... cần một điều kiện có/không, không phải {kind}"
    ),
    "{name} is a word of the language and cannot name a let; rename it": (
        "{name} là từ khóa của ngôn ngữ, không dùng làm tên let được; hãy đổi tên"
    ),
    "let {name} hides another name of the same spelling": "let {name} che khuất một tên khác viết giống hệt",
    "the score of {code} must be a number, not a {kind}": "điểm của {code} phải là một số, không phải {kind}",
    "no upper limit": "giá trị lớn tùy ý",
    "up to {value}": "tới {value}",
    "cap it with min(..., max)": "hãy chặn trên bằng min(..., max)",
    "cap it with min(..., max), or declare constraint {constraint} if the rate cannot pass 100%": (
        "hãy chặn trên bằng min(..., max), hoặc khai báo constraint {constraint} nếu tỷ lệ không thể vượt 100%"
    ),
    "the formula of {code} can reach {reach} but the node's max is {max} ({hint})": (
        "công thức của {code} có thể đạt {reach} nhưng điểm tối đa của nút là {max} ({hint})"
    ),
    "any negative value": "bất kỳ giá trị âm nào",
    "the formula of {code} can go down to {reach} (floor it with max(0, ...))": (
        "công thức của {code} có thể xuống tới {reach} (hãy chặn dưới bằng max(0, ...))"
    ),
    "let {name} of {code} is never used": "let {name} của {code} không được dùng đến",
    "monotone names {name}, which is not a declared input{hint}": (
        "monotone nêu {name}, nhưng đây không phải đầu vào đã khai báo{hint}"
    ),
    "node {code} does not read {name}, so it cannot be monotone in it": (
        "nút {code} không đọc {name}, nên không thể đơn điệu theo nó"
    ),
    "a constraint must be a yes/no condition, not a {kind}": "một ràng buộc phải là điều kiện có/không, không phải {kind}",
    "a formula is nested more than {limit} operators deep": "một công thức lồng nhau sâu hơn {limit} phép toán",
    "{what} needs a number, but this is yes/no (use if ... then ... else ...)": (
        "{what} cần một số, nhưng đây là giá trị có/không (hãy dùng if ... then ... else ...)"
    ),
    "{what} needs a number, but this is a choice (use choice NAME {{ ... }})": (
        "{what} cần một số, nhưng đây là một lựa chọn (hãy dùng choice TÊN {{ ... }})"
    ),
    "max (the node's maximum) is only meaningful inside a node": (
        "max (điểm tối đa của nút) chỉ có nghĩa bên trong một nút"
    ),
    "{name} is not a declared input or a let of this node{hint}": (
        "{name} không phải đầu vào đã khai báo hay let của nút này{hint}"
    ),
    "this division can divide by zero; write rate(a, b, empty: ...) to say what 0/0 scores": (
        "phép chia này có thể chia cho 0; hãy viết rate(a, b, empty: ...) để nói 0/0 được bao nhiêu điểm"
    ),
    "{op} compares numbers, not {left} with {right}": "{op} so sánh các số, không so sánh {left} với {right}",
    "{condition} is always true: {why}{hint}": "{condition} luôn đúng: {why}{hint}",
    "{condition} is always false: {why}{hint}": "{condition} luôn sai: {why}{hint}",
    "{subject} ranges over {range}": "{subject} nằm trong khoảng {range}",
    "{subject} ranges over {range} ({low}%..{high}% as written in the data)": (
        "{subject} nằm trong khoảng {range} ({low}%..{high}% như ghi trong dữ liệu)"
    ),
    "; did you mean {ratio}? (a ratio runs from 0 to 1)": "; có phải ý bạn là {ratio}? (một tỷ số đi từ 0 đến 1)",
    "; did you mean {text}%? (inside formulas a percent is a ratio: {text}% is {ratio})": (
        "; có phải ý bạn là {text}%? (trong công thức, phần trăm là một tỷ số: {text}% là {ratio})"
    ),
    "{subject} is a ratio (100% is 1), so {text} means {percent}%;"
    " did you mean {text}%? (if the rate can pass 100%, write {percent}% to say so)": (
        "{subject} là một tỷ số (100% là 1), nên {text} nghĩa là {percent}%;"
        " có phải ý bạn là {text}%? (nếu tỷ lệ có thể vượt 100%, hãy viết {percent}% để nói rõ)"
    ),
    "{what} needs a yes/no condition, not a {kind}": "{what} cần một điều kiện có/không, không phải {kind}",
    "na (not applicable) can only be a value of a node's score or let, not of a constraint "
    "or a not applicable when condition": (
        "na (không áp dụng) chỉ có thể là giá trị của điểm hay let của một nút, không phải của một ràng buộc"
        " hay điều kiện not applicable when"
    ),
    "the part of rate() can be negative; floor it with max(0, ...)": (
        "tử số của rate() có thể âm; hãy chặn dưới bằng max(0, ...)"
    ),
    "the whole of rate() can be negative; floor it with max(0, ...)": (
        "mẫu số của rate() có thể âm; hãy chặn dưới bằng max(0, ...)"
    ),
    "rate() needs a policy for a zero whole: add empty: 100%, empty: 0 or empty: na"
    " (the rate to use when the whole is 0)": (
        "rate() cần cách xử lý khi mẫu số bằng 0: thêm empty: 100%, empty: 0 hoặc empty: na"
        " (tỷ lệ dùng khi mẫu số là 0)"
    ),
    "clamp() has a low bound above its high bound": "clamp() có cận dưới lớn hơn cận trên",
    "deduct() takes a non-negative number of events and points per event": (
        "deduct() nhận số lần vi phạm và số điểm trừ mỗi lần không âm"
    ),
    # check.py: tables (tiers, linear, ranks, choice, classes)
    "otherwise can never apply: the tiers above it cover every value ({why})": (
        "otherwise không bao giờ được áp dụng: các bậc phía trên đã phủ mọi giá trị ({why})"
    ),
    "tier '{tier}' can never apply: {why}{hint}": "bậc '{tier}' không bao giờ được áp dụng: {why}{hint}",
    "a table has at most one otherwise {what}; this is another": (
        "một bảng có nhiều nhất một {what} otherwise; đây là cái thứ hai"
    ),
    "the otherwise {what} must be the last (it takes what the {whats} above it leave)": (
        "{what} otherwise phải đứng cuối (nó nhận những giá trị mà các {whats} phía trên bỏ lại)"
    ),
    "{whats} '{a}' and '{b}' overlap": "các {whats} '{a}' và '{b}' chồng lên nhau",
    "no {what} covers the values between '{a}' and '{b}'": "không {what} nào phủ các giá trị giữa '{a}' và '{b}'",
    "no {what} covers values from {low} up to '{first}'": "không {what} nào phủ các giá trị từ {low} đến '{first}'",
    "no {what} covers values above '{last}' (up to {high})": (
        "không {what} nào phủ các giá trị trên '{last}' (tới {high})"
    ),
    "linear needs at least two points": "linear cần ít nhất hai điểm",
    "the points of linear must be in increasing order with no repeats": (
        "các điểm của linear phải theo thứ tự tăng dần và không lặp lại"
    ),
    "linear point {point} can never be reached: {why}{flat}{hint}": (
        "điểm {point} của linear không bao giờ đạt tới được: {why}{flat}{hint}"
    ),
    ", so linear gives every unit the same score": ", nên linear cho mọi đơn vị cùng một điểm",
    "rank band {first}..{last} is empty": "khoảng thứ hạng {first}..{last} rỗng",
    "rank bands {a} and {b} overlap": "các khoảng thứ hạng {a} và {b} chồng lên nhau",
    "rank {rank}": "thứ hạng {rank}",
    "ranks {first}..{last}": "các thứ hạng {first}..{last}",
    "no rank band covers {ranks}": "không khoảng thứ hạng nào phủ {ranks}",
    "no rank band covers ranks below {rank}": "không khoảng thứ hạng nào phủ các thứ hạng dưới {rank}",
    "no rank band covers ranks above {rank}": "không khoảng thứ hạng nào phủ các thứ hạng trên {rank}",
    "otherwise can never apply: the rank bands above it cover every rank ({why})": (
        "otherwise không bao giờ được áp dụng: các khoảng thứ hạng phía trên đã phủ mọi thứ hạng ({why})"
    ),
    "rank band {first}..{last} can never apply: {why}": (
        "khoảng thứ hạng {first}..{last} không bao giờ được áp dụng: {why}"
    ),
    "{name} is not a declared input{hint}": "{name} không phải đầu vào đã khai báo{hint}",
    "choice needs a choice input, but {name} is {type}": "choice cần một đầu vào choice, nhưng {name} là {type}",
    "{option} is not an option of {name}": "{option} không phải phương án của {name}",
    "an option is given twice": "một phương án được nêu hai lần",
    "choice {name} does not say what {options} scores": "choice {name} không nói {options} được bao nhiêu điểm",
    "a class name is given twice": "một tên xếp loại được nêu hai lần",
    # check.py: rounding
    "{code} rounds {mode} to {places} place": "{code} làm tròn {mode} đến {places} chữ số thập phân",
    "{code} rounds {mode} to {places} places": "{code} làm tròn {mode} đến {places} chữ số thập phân",
    "write round {dec} on {code} (its max is the sum of its children), or drop its round": (
        "hãy viết round {dec} cho {code} (điểm tối đa của nó là tổng của các nút con), hoặc bỏ round của nó"
    ),
    "write round {dec}, or a max of {below} or {above}": "hãy viết round {dec}, hoặc điểm tối đa {below} hay {above}",
    "{what}, which carries its top score {top} up to {rounded}, above its max {max}:"
    " the cap at the max, not the formula, gives the top score; {fix}": (
        "{what}, nên điểm cao nhất {top} được làm tròn lên {rounded}, vượt điểm tối đa {max}:"
        " điểm cao nhất do mức chặn ở điểm tối đa quyết định, không phải công thức; {fix}"
    ),
    "so full marks {max} round to {full} and no unit can score the max": (
        "nên điểm trọn vẹn {max} được làm tròn thành {full} và không đơn vị nào đạt được điểm tối đa"
    ),
    "so no score can equal the max": "nên không điểm nào có thể bằng điểm tối đa",
    "max {max} has {dec} decimals but {what}, {why}; {fix}": (
        "điểm tối đa {max} có {dec} chữ số thập phân nhưng {what}, {why}; {fix}"
    ),
    "a score rounded to {places} places under a scale of {scale} needs {digits} digits,"
    " more than the {precision} the evaluator carries;"
    " round to at most {most} places or use a smaller scale": (
        "điểm làm tròn đến {places} chữ số thập phân với thang điểm {scale} cần {digits} chữ số,"
        " nhiều hơn {precision} chữ số bộ tính điểm giữ được;"
        " hãy làm tròn tối đa {most} chữ số thập phân hoặc dùng thang điểm nhỏ hơn"
    ),
    # parse.py: syntax errors and the words of what the parser expected
    'a quoted text ("...")': 'một đoạn chữ trong ngoặc kép ("...")',
    "a number": "một số",
    "a whole number": "một số nguyên",
    "a node code such as 3.4.1": "một mã nút như 3.4.1",
    "a name": "một tên",
    "a comparison (<, <=, ==, ...)": "một phép so sánh (<, <=, ==, ...)",
    '"+" or "-"': '"+" hoặc "-"',
    '"*" or "/"': '"*" hoặc "/"',
    "the end of the file": "cuối tệp",
    "end of the file": "cuối tệp",
    "{some} or {last}": "{some} hoặc {last}",
    "{some}, {next}": "{some}, {next}",
    'this text is never closed: the " that ends it is missing on this line': (
        'đoạn chữ này không được đóng: thiếu dấu " kết thúc nó trên dòng này'
    ),
    "unexpected character {char!r}": "ký tự không hợp lệ ở đây: {char!r}",
    "unexpected character {char!r}; expected {expected}": "ký tự không hợp lệ ở đây: {char!r}; cần {expected}",
    "unexpected {token}": "gặp {token} không đúng chỗ",
    "unexpected {token}; expected {expected}": "gặp {token} không đúng chỗ; cần {expected}",
    "unexpected end of the file": "tệp kết thúc sớm hơn dự kiến",
    "unexpected end of the file; expected {expected}": "tệp kết thúc sớm hơn dự kiến; cần {expected}",
    "{number} has a decimal comma: write {fixed}": "{number} dùng dấu phẩy thập phân: hãy viết {fixed}",
    "this {{ is never closed: add the }} that ends this block (the parser stopped at line {line})": (
        "dấu {{ này không được đóng: hãy thêm dấu }} kết thúc khối này (bộ đọc dừng ở dòng {line})"
    ),
    # parse.py: sizes and repeats
    "the ruleset is larger than {mb} MB; split it or check the file": (
        "bộ chỉ số lớn hơn {mb} MB; hãy tách nhỏ hoặc kiểm tra lại tệp"
    ),
    "the ruleset is nested too deeply to read": "bộ chỉ số lồng nhau quá sâu, không đọc được",
    "the ruleset is nested too deeply to check": "bộ chỉ số lồng nhau quá sâu, không kiểm tra được",
    "more than {limit} {what} ({count}); split it or check the file": (
        "nhiều hơn {limit} {what} ({count}); hãy tách nhỏ hoặc kiểm tra lại tệp"
    ),
    "inputs in one ruleset": "đầu vào trong một bộ chỉ số",
    "constraints in one ruleset": "ràng buộc trong một bộ chỉ số",
    "options in one choice input": "phương án trong một đầu vào choice",
    "lets in node {code}": "let trong nút {code}",
    "values in one {kind}()": "giá trị trong một {kind}()",
    "rows in one tiers table": "dòng trong một bảng tiers",
    "points in one linear table": "điểm trong một bảng linear",
    "bands in one ranks table": "khoảng trong một bảng ranks",
    "cases in one choice table": "phương án trong một bảng choice",
    "the number {text}... has more than {limit} digits": "số {text}... có nhiều hơn {limit} chữ số",
    "not a number: {text!r}": "không phải một số: {text!r}",
    "classes are declared twice": "classes được khai báo hai lần",
    "ranking is declared twice": "ranking được khai báo hai lần",
    "the downgrade rule is declared twice": "quy tắc hạ loại được khai báo hai lần",
    "{what} is given twice in the header": "{what} được nêu hai lần trong phần đầu",
    "{what} is given twice for node {code}": "{what} được nêu hai lần cho nút {code}",
    "score is given twice for node {code}": "công thức điểm được nêu hai lần cho nút {code}",
    # parse.py: functions and tables
    "{name}() is given {option}: twice": "{name}() được cho {option}: hai lần",
    "unknown function {name!r}; the functions are {functions}": "không có hàm {name!r}; các hàm là {functions}",
    "{name}() takes {n} values, not {given}": "{name}() nhận {n} giá trị, không phải {given}",
    "no named options": "không có tùy chọn có tên nào",
    "{name}() has no option {option}:; it takes {allowed}": "{name}() không có tùy chọn {option}:; nó nhận {allowed}",
    "na is only allowed as rate(..., empty: na), not as {name}() {key}:": (
        "na chỉ được dùng trong rate(..., empty: na), không dùng làm {name}() {key}:"
    ),
    "{kind}() takes two or more values and no named options": (
        "{kind}() nhận từ hai giá trị trở lên và không có tùy chọn có tên"
    ),
    "rank bands take whole ranks such as 1..10": "khoảng thứ hạng nhận thứ hạng nguyên, chẳng hạn 1..10",
    "the share is a fraction of whole numbers such as 2/3": "tỷ phần là một phân số của các số nguyên, chẳng hạn 2/3",
    "rounding to {places} places is more than the 12 the reports could use": (
        "làm tròn đến {places} chữ số thập phân là nhiều hơn 12 chữ số mà báo cáo có thể dùng"
    ),
    # limits.py, resolve.py (extends, override, remove) and ruleset.py (finding the file)
    "nested more than {limit} levels deep": "lồng nhau sâu hơn {limit} cấp",
    'override and remove need a parent: add extends "NAME" to the header': (
        'override và remove cần một bộ chỉ số gốc: hãy thêm extends "TÊN" vào phần đầu'
    ),
    "extends {name!r}: {why}": "extends {name!r}: {why}",
    "extends cycle: {loop}": "extends tạo thành vòng lặp: {loop}",
    "extends goes more than {limit} rulesets deep: {chain}": "extends lồng sâu hơn {limit} bộ chỉ số: {chain}",
    "remove input {name}: the parent ruleset has no input {name}": (
        "remove input {name}: bộ chỉ số gốc không có đầu vào {name}"
    ),
    "remove {code}: the parent ruleset has no node {code}": "remove {code}: bộ chỉ số gốc không có nút {code}",
    "override {code}: the parent ruleset has no node {code}": "override {code}: bộ chỉ số gốc không có nút {code}",
    "node {code} is already in the parent ruleset; write override to change it": (
        "nút {code} đã có trong bộ chỉ số gốc; hãy viết override để thay đổi nó"
    ),
    "node {code} has no parent {parent} to go under": "nút {code} không có nút cha {parent} để đặt vào",
    "{path!r} is not a ruleset file of at most {limit} bytes": (
        "{path!r} không phải tệp bộ chỉ số có dung lượng tối đa {limit} byte"
    ),
    "no ruleset file {path!r}": "không có tệp bộ chỉ số {path!r}",
    "cannot read {path!r}: {why}": "không đọc được {path!r}: {why}",
    "no ruleset named {name!r}{hint}; shipped rulesets: {known}": (
        "không có bộ chỉ số tên {name!r}{hint}; các bộ chỉ số có sẵn: {known}"
    ),
    "the file is not UTF-8 text ({reason} at byte {start})": (
        "tệp không phải văn bản UTF-8 ({reason} tại byte {start})"
    ),
    "its name does not end in {suffix}": "tên tệp không kết thúc bằng {suffix}",
    'it does not begin with a ruleset header (ruleset "TITLE" ...)': (
        'tệp không bắt đầu bằng phần đầu của bộ chỉ số (ruleset "TÊN" ...)'
    ),
    "{path} is not a ruleset file: {why}; its text is not shown": (
        "{path} không phải tệp bộ chỉ số: {why}; nội dung tệp không được hiển thị"
    ),
    # cases.py (case files, E020-E024) and plan.py (cost files, E027-E029)
    "not UTF-8 text ({reason})": "không phải văn bản UTF-8 ({reason})",
    "a decimal comma: write {fixed}": "dấu phẩy thập phân: hãy viết {fixed}",
    "not a TOML case file: {why}": "không phải tệp ca kiểm thử TOML: {why}",
    "unknown key {key!r}: a case file holds [[case]] tables (and ruleset, note)": (
        "khóa lạ {key!r}: tệp ca kiểm thử chứa các bảng [[case]] (và ruleset, note)"
    ),
    "case must be an array of tables: write [[case]] before each case": (
        "case phải là một mảng bảng: hãy viết [[case]] trước mỗi ca"
    ),
    "case {name!r} is given twice (first at line {line})": "ca {name!r} được nêu hai lần (lần đầu ở dòng {line})",
    "the file holds no case: write [[case]] with a name, inputs and what they score": (
        "tệp không có ca nào: hãy viết [[case]] với tên, đầu vào và điểm chúng đạt được"
    ),
    "unknown key {key!r} in a case{hint}": "khóa lạ {key!r} trong một ca{hint}",
    'a case needs a name: name = "..."': 'mỗi ca cần một tên: name = "..."',
    "{key} must be a number, not {value}": "{key} phải là một số, không phải {value}",
    "base {base!r} names no case before this one": "base {base!r} không chỉ tới ca nào đứng trước ca này",
    "inputs must be a table: [case.inputs]": "inputs phải là một bảng: [case.inputs]",
    "no input {key!r} in {path}{hint}": "không có đầu vào {key!r} trong {path}{hint}",
    "input {key} must be a number, yes/no or an option's name": (
        "đầu vào {key} phải là một số, có/không hoặc tên một phương án"
    ),
    "points must be a table: [case.points]": "points phải là một bảng: [case.points]",
    "no node {code!r} in {path}{hint}": "không có nút {code!r} trong {path}{hint}",
    "{key} must be a text": "{key} phải là một đoạn chữ",
    "{key} must be a whole number": "{key} phải là một số nguyên",
    "not a TOML cost file: {why}": "không phải tệp chi phí TOML: {why}",
    "unknown key {key!r}: a cost file holds [default] and [inputs.NAME] tables": (
        "khóa lạ {key!r}: tệp chi phí chứa các bảng [default] và [inputs.TÊN]"
    ),
    "{table} must be a table": "{table} phải là một bảng",
    "unknown key {key!r} in [{table}]{hint}; keys: {keys}": "khóa lạ {key!r} trong [{table}]{hint}; các khóa: {keys}",
    "fixed must be true or false, not {value}": "fixed phải là true hoặc false, không phải {value}",
    "{key} must be a finite number": "{key} phải là một số hữu hạn",
    "{key} must not be negative (a move cannot pay)": "{key} không được âm (một thay đổi không thể sinh lợi)",
    "step must be above 0": "step phải lớn hơn 0",
    "min {low} is above max {high}": "min {low} lớn hơn max {high}",
    "min and max belong to one input: write them under [inputs.NAME]": (
        "min và max thuộc về một đầu vào: hãy viết chúng dưới [inputs.TÊN]"
    ),
    "inputs must hold tables: write [inputs.NAME]": "inputs phải chứa các bảng: hãy viết [inputs.TÊN]",
    "the ruleset has no input {name!r}{hint}": "bộ chỉ số không có đầu vào {name!r}{hint}",
}
