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
    "tiers": "các bậc",
    "rank bands": "các khoảng thứ hạng",
    "class bands": "các khoảng xếp loại",
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
    "no upper limit": "không có giới hạn trên",
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
        "{what} otherwise phải đứng cuối (nó nhận những giá trị mà {whats} phía trên bỏ lại)"
    ),
    "{whats} '{a}' and '{b}' overlap": "{whats} '{a}' và '{b}' chồng lên nhau",
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
}
