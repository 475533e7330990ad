"""The ruleset as the decision's appendix (issue 11, point 2): parrules.appendix.

1. Golden: the appendix rendered from rulesets/national-2022.par against the tree printed in
   seed 004's Phụ lục 02 (/work/shared/seeds/004_a9628b018f78c503.txt, "Bảng tổng hợp kết quả
   chỉ số cải cách hành chính năm 2022"): every code, title and maximum, typed from the seed
   with the seed's line.  The seed's own misprints are named below (SEED_MISPRINTS) with the
   evidence, and the appendix is asserted to print the corrected value, not the misprint.
2. Every formula kind of the language renders: a small ruleset using each kind, the
   Vietnamese text of each written out by hand.
3. The .docx read back with python-docx: its table is the model, its page A4.
4. Hostile texts (a formula, control characters, <script>) come out as text in all three formats.
"""

from __future__ import annotations

import io
import re
import sys
import typing
from decimal import Decimal

import attrs
import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

import parrules
from parrules import appendix
from parrules import nodes as n
from parrules.cli import main
from parrules.io import parse_number
from parrules.safe_text import visible

from .test_output_safety import REPRODUCERS, control_chars, hostile_ruleset

D = Decimal
SEED = "004"

# ---------------------------------------------------------------- 1. golden: seed 004, Phụ lục 02

# Every row of Phụ lục 02 as printed: (seed line, STT, title, Điểm tối đa).  Titles without the
# seed's <i>...</i> italics markup; the maxima as printed (decimal points, as the seed prints them).
SEED_TREE: list[tuple[int, str, str, str]] = [
    (266, "1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "9.50"),
    (267, "1.1", "Thực hiện Kế hoạch CCHC", "1.50"),
    (268, "1.2", "Thực hiện chế độ báo cáo CCHC định kỳ", "0.50"),
    (269, "1.3", "Công tác kiểm tra CCHC", "2.00"),
    (270, "1.3.1", "Tỷ lệ cơ quan chuyên môn cấp tỉnh và đơn vị hành chính cấp huyện được kiểm tra trong năm", "1.00"),
    (271, "1.3.2", "Xử lý các vấn đề phát hiện qua kiểm tra", "1.00"),
    (272, "1.4", "Công tác tuyên truyền CCHC", "1.00"),
    (273, "1.5", "Sáng kiến hoặc giải pháp mới trong cải cách hành chính", "2.00"),
    (274, "1.6", "Đối thoại của lãnh đạo tỉnh với người dân, doanh nghiệp", "1.00"),
    (277, "1.7", "Thực hiện các nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao", "1.50"),
    (278, "2", "CẢI CÁCH THỂ CHẾ", "10.00"),
    (279, "2.1", "Theo dõi thi hành pháp luật", "3.00"),
    (280, "2.1.1", "Thực hiện các hoạt động về theo dõi thi hành pháp luật", "2.00"),
    (281, "2.1.2", "Xử lý kết quả theo dõi thi hành pháp luật", "1.00"),
    (282, "2.2", "Rà soát văn bản Quy phạm pháp luật", "1.50"),
    (283, "2.2.1", "Thực hiện công bố danh mục văn bản hết hiệu lực, ngưng hiệu lực", "0.50"),
    (284, "2.2.2", "Kết quả sửa đổi, bổ sung, bãi bỏ, thay thế văn bản QPPL sau rà soát", "1.00"),
    (285, "2.3", "Xử lý văn bản trái pháp luật do cơ quan có thẩm quyền kiểm tra kiến nghị", "1.50"),
    (286, "2.4", "Chất lượng VBQPPL do tỉnh ban hành", "4.00"),
    (287, "2.4.1", "Tính đồng bộ, thống nhất của các VBQPPL do địa phương ban hành", "1.00"),
    (288, "2.4.2", "Tính hợp lý của các VBQPPL do địa phương ban hành", "1.00"),
    (289, "2.4.3", "Tính khả thi của các VBQPPL do địa phương ban hành", "1.00"),
    (
        290,
        "2.4.4",
        "Tính kịp thời phát hiện và xử lý các bất cập, vướng mắc trong tổ chức thực hiện VBQPPL tại địa phương",
        "1.00",
    ),
    (291, "3", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "13.00"),
    (292, "3.1", "Kiểm soát quy định thủ tục hành chính (TTHC)", "1.00"),
    (293, "3.2", "Công bố, công khai thủ tục hành chính và kết quả giải quyết hồ sơ", "3.00"),
    (294, "3.2.1", "Công bố TTHC và danh mục TTHC theo quy định", "0.50"),
    (295, "3.2.2", "Công khai TTHC và các quy định có liên quan", "1.50"),
    (299, "3.2.3", "Công khai tiến độ, kết quả giải quyết hồ sơ TTHC trên Hệ thống thông tin giải quyết TTHC", "1.00"),
    (300, "3.3", "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông", "3.00"),
    (301, "3.3.1", "Tỷ lệ TTHC thực hiện việc tiếp nhận, trả kết quả tại Bộ phận Một cửa", "1.00"),
    (
        302,
        "3.3.2",
        "Đưa TTHC ngành dọc thực hiện việc tiếp nhận hồ sơ tại Bộ phận Một cửa các cấp theo danh mục được phê duyệt",
        "0.50",
    ),
    (303, "3.3.3", "Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông cùng cấp", "0.75"),
    (304, "3.3.4", "Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các cấp chính quyền", "0.75"),
    (305, "3.4", "Kết quả giải quyết TTHC", "5.00"),
    (
        306,
        "3.4.1",
        "Tỷ lệ hồ sơ TTHC do cơ quan chuyên môn cấp tỉnh tiếp nhận trong năm được giải quyết đúng hạn",
        "1.50",
    ),
    (307, "3.4.2", "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận trong năm được giải quyết đúng hạn", "1.50"),
    (308, "3.4.3", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm được giải quyết đúng hạn", "1.00"),
    (
        309,
        "3.4.4",
        "Thực hiện việc xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn trong giải quyết hồ sơ TTHC",
        "0.25",
    ),
    (310, "3.4.5", "Đánh giá chất lượng giải quyết TTHC của địa phương", "0.75"),
    (
        311,
        "3.5",
        "Tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) của cá nhân, tổ chức đối với TTHC thuộc thẩm quyền giải quyết của tỉnh",
        "1.00",
    ),
    (314, "3.5.1", "Xử lý PAKN của cá nhân, tổ chức đối với TTHC thuộc thẩm quyền giải quyết của tỉnh", "0.75"),
    (
        315,
        "3.5.2",
        "Công khai kết quả trả lời PAKN của cá nhân, tổ chức đối với quy định TTHC thuộc thẩm quyền của tỉnh",
        "0.25",
    ),
    (316, "4", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH", "10.5"),
    (317, "4.1", "Sắp xếp, kiện toàn tổ chức bộ máy của các cơ quan, đơn vị", "6.50"),
    (
        318,
        "4.1.1",
        "Hoàn thiện quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các CQCM cấp tỉnh, các phòng chuyên môn cấp huyện",
        "1.00",
    ),
    (319, "4.1.2", "Thực hiện cơ cấu số lượng lãnh đạo tại các cơ quan hành chính theo các tiêu chí", "1.50"),
    (320, "4.1.3", "Tỷ lệ giảm số lượng đơn vị sự nghiệp công lập so với năm 2015", "1.00"),
    (321, "4.1.4", "Tình hợp lý trong sắp xếp tổ chức bộ máy các cơ quan, đơn vị thuộc thẩm quyền của tỉnh", "1.00"),
    (322, "4.1.5", "Tình hợp lý trong phân định chức năng, nhiệm vụ giữa các cơ quan, đơn vị tại địa phương", "1.00"),
    (323, "4.1.6", "Tình hình thực hiện quy chế làm việc của UBND tỉnh", "1.00"),
    (324, "4.2", "Thực hiện các quy định về quản lý biên chế", "1.00"),
    (325, "4.2.1", "Thực hiện quy định về sử dụng biên chế hành chính", "0.50"),
    (
        326,
        "4.2.2",
        "Thực hiện quy định về số lượng người làm việc hưởng lương từ ngân sách nhà nước trong các đơn vị sự nghiệp công lập của tỉnh",
        "0.50",
    ),
    (327, "4.3", "Thực hiện phân cấp quản lý", "3.00"),
    (328, "4.3.1", "Thực hiện các quy định về phân cấp quản lý do Chính phủ và các bộ, ngành ban hành", "0.50"),
    (
        329,
        "4.3.2",
        "Thực hiện kiểm tra, đánh giá định kỳ đối với các nhiệm vụ quản lý nhà nước đã phân cấp cho cấp huyện, cấp xã",
        "0.50",
    ),
    (330, "4.3.3", "Xử lý các vấn đề về phân cấp phát hiện qua kiểm tra", "1.00"),
    (
        333,
        "4.3.4",
        "Tính hợp lý trong việc phân cấp, phân quyền thực hiện nhiệm vụ quản lý nhà nước giữa tỉnh và huyện",
        "1.00",
    ),
    (334, "5", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "15.00"),
    (335, "5.1", "Thực hiện cơ cấu công chức, viên chức theo vị trí việc làm", "1.75"),
    (
        336,
        "5.1.1",
        "Cập nhật, hoàn thiện quy định về vị trí việc làm của cơ quan, tổ chức thuộc phạm vi quản lý",
        "0.25",
    ),
    (
        337,
        "5.1.2",
        "Tỷ lệ cơ quan, tổ chức hành chính của tỉnh bố trí công chức theo đúng vị trí việc làm được phê duyệt",
        "0.75",
    ),
    (
        338,
        "5.1.2",
        "Tỷ lệ đơn vị sự nghiệp thuộc tỉnh bố trí viên chức theo đúng vị trí việc làm được phê duyệt",
        "0.75",
    ),
    (339, "5.2", "Tuyển dụng công chức, viên chức", "2.50"),
    (340, "5.2.1", "Thực hiện quy định về tuyển dụng công chức tại CQCM cấp tỉnh, ĐVHC cấp huyện, cấp xã", "0.25"),
    (341, "5.2.2", "Thực hiện quy định về tuyển dụng viên chức tại các đơn vị sự nghiệp công lập thuộc tỉnh", "0.25"),
    (342, "5.2.3", "Tính công khai, minh bạch trong công tác tuyển dụng, công chức, viên chức", "1.00"),
    (343, "5.2.4", "Tình trạng tiêu cực trong công tác tuyển dụng công chức, viên chức", "1.00"),
    (344, "5.3", "Bổ nhiệm các chức danh lãnh đạo, quản lý", "2.75"),
    (345, "5.3.1", "Thực hiện quy định về bổ nhiệm các chức danh lãnh đạo, quản lý", "0.75"),
    (346, "5.3.2", "Tính công khai, minh bạch trong công tác bổ nhiệm công chức, viên chức", "1.00"),
    (347, "5.3.3", "Tình trạng tiêu cực trong công tác bổ nhiệm công chức, viên chức", "1.00"),
    (348, "5.4", "Chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức", "1.5"),
    (349, "5.5", "Công tác đào tạo, bồi dưỡng công chức, viên chức", "2.00"),
    (350, "5.5.1", "Mức độ thực hiện các chỉ tiêu, nhiệm vụ đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "1.00"),
    (353, "5.5.2", "Chất lượng đào tạo, bồi dưỡng cán bộ công chức, viên chức", "1.00"),
    (354, "5.6", "Tỷ lệ đạt chuẩn của cán bộ, công chức cấp xã", "0.50"),
    (355, "5.7", "Chất lượng đội ngũ công chức, viên chức", "4.00"),
    (356, "5.7.1", "Năng lực chuyên môn của công chức trong phối hợp, xử lý công việc", "1.00"),
    (357, "5.7.2", "Tinh thần trách nhiệm của công chức trong phối hợp, xử lý công việc", "1.00"),
    (
        358,
        "5.7.3",
        "Tình trạng công chức lợi dụng chức vụ, quyền hạn để trục lợi cá nhân trong phối hợp, xử lý công việc",
        "1.00",
    ),
    (
        359,
        "5.7.4",
        "Tính hiệu quả trong việc thực thi chính sách thu hút người có tài năng vào bộ máy hành chính",
        "1.00",
    ),
    (360, "6", "CẢI CÁCH TÀI CHÍNH CÔNG", "12.00"),
    (361, "6.1", "Tổ chức thực hiện công tác tài chính - ngân sách", "4.00"),
    (362, "6.1.1", "Thực hiện giải ngân kế hoạch đầu tư vốn ngân sách nhà nước hàng năm", "1.00"),
    (363, "6.1.2", "Thực hiện quy định về sử dụng kinh phí nguồn từ NSNN", "1.00"),
    (
        364,
        "6.1.3",
        "Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách",
        "1.00",
    ),
    (365, "6.1.4", "Tính hiệu quả của việc thực hiện cơ chế tự chủ về sử dụng kinh phí quản lý hành chính", "1.00"),
    (366, "6.2", "Công tác quản lý, sử dụng tài sản công", "4.00"),
    (
        367,
        "6.2.1",
        "Ban hành quy chế quản lý, sử dụng tài sản công của các cơ quan, đơn vị thuộc phạm vi quản lý",
        "0.25",
    ),
    (368, "6.2.2", "Tổ chức thực hiện các quy định về quản lý, sử dụng tài sản công", "1.00"),
    (369, "6.2.3", "Thực hiện quy định về sắp xếp lại, xử lý nhà, đất thuộc thẩm quyền quản lý", "0.75"),
    (370, "6.2.4", "Thực hiện tiết kiệm, chống lãng phí trong quản lý, sử dụng kinh phí của cơ quan, đơn vị", "1.00"),
    (371, "6.2.5", "Tính hiệu quả của việc quản lý, sử dụng tài sản công", "1.00"),
    (372, "6.3", "Thực hiện cơ chế tự chủ tại các đơn vị sự nghiệp công lập (SNCL)", "4.00"),
    (375, "6.3.1", "Số đơn vị SNCL tự đảm bảo chi thường xuyên", "0.25"),
    (376, "6.3.2", "Số đơn vị SNCL tự bảo đảm một phần chi thường xuyên", "0.75"),
    (
        377,
        "6.3.3",
        "Thực hiện quy định về sử dụng các nguồn tài chính và phân phối kết quả tài chính tại các đơn vị SNCL",
        "1.00",
    ),
    (378, "6.3.4", "Tỷ lệ giảm chi trực tiếp ngân sách cho đơn vị sự nghiệp so với năm 2021", "1.00"),
    (379, "6.3.5", "Tính hiệu quả của việc thực hiện cơ chế tự chủ tại các đơn vị sự nghiệp công lập", "1.00"),
    (380, "7", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "13.50"),
    (381, "7.1", "Phát triển các nền tảng, cơ sở dữ liệu", "3.50"),
    (382, "7.1.1", "Triển khai Kiến trúc Chính quyền điện tử của tỉnh", "0.50"),
    (
        383,
        "7.1.2",
        "Triển khai Trung tâm dữ liệu phục vụ chuyển đổi số theo hướng sử dụng công nghệ điện toán đám mây",
        "1.00",
    ),
    (
        384,
        "7.1.3",
        "Tỷ lệ các ứng dụng có dữ liệu dùng chung được kết nối, sử dụng qua nền tảng tích hợp, chia sẻ dữ liệu (LGSP)",
        "1.00",
    ),
    (
        385,
        "7.1.4",
        "Tỷ lệ số dịch vụ dữ liệu có trên nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng chính thức",
        "1.00",
    ),
    (386, "7.2", "Phát triển các ứng dụng, dịch vụ trong nội bộ cơ quan nhà nước", "3.00"),
    (387, "7.2.1", "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng tại tỉnh", "0.50"),
    (388, "7.2.2", "Tỷ lệ gửi, nhận văn bản điện tử 4 cấp chính quyền", "1.00"),
    (389, "7.2.3", "Xây dựng, vận hành Hệ thống thông tin báo cáo cấp tỉnh", "1.50"),
    (390, "7.3.", "Phát triển ứng dụng, dịch vụ phục vụ người dân, tổ chức", "7.00"),
    (393, "7.3.1", "Cổng thông tin điện tử đáp ứng yêu cầu chức năng, tính năng kỹ thuật theo quy định", "0.50"),
    (394, "7.3.2", "Chất lượng cung cấp thông tin trên Cổng thông tin điện tử của tỉnh", "1.00"),
    (395, "7.3.3", "Thiết lập, vận hành Hệ thống thông tin giải quyết TTHC", "1.00"),
    (396, "7.3.4", "Triển khai số hóa hồ sơ giải quyết TTHC", "1.00"),
    (397, "7.3.5", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "0.50"),
    (398, "7.3.6", "Tỷ lệ hồ sơ trực tuyến toàn trình", "1.50"),
    (399, "7.3.7", "Thực hiện thanh toán trực tuyến", "1.50"),
    (400, "8", "TÁC ĐỘNG CỦA CCHC ĐẾN NGƯỜI DÂN, TỔ CHỨC VÀ PHÁT TRIỂN KT-XH CỦA TỈNH", "16.50"),
    (
        401,
        "8.1",
        "Kết quả khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh",
        "10.00",
    ),
    (402, "8.1.1", "Chỉ số hài lòng về tiếp cận dịch vụ", "1.50"),
    (403, "8.1.2", "Chỉ số hài lòng về tổ chức giải quyết TTHC", "1.50"),
    (404, "8.1.3", "Chỉ số hài lòng về công chức giải quyết TTHC", "2.50"),
    (405, "8.1.4", "Chỉ số hài lòng về kết quả giải quyết TTHC", "2.50"),
    (406, "8.1.5", "Chỉ số hài lòng về việc tiếp nhận, xử lý phản ánh, kiến nghị liên quan đến TTHC", "2.00"),
    (407, "8.2", "Mức độ thu hút đầu tư của tỉnh", "1.00"),
    (408, "8.3", "Mức độ phát triển doanh nghiệp của tỉnh", "2.00"),
    (409, "8.3.1", "Số lượng doanh nghiệp gia nhập và tái gia nhập thị trường", "0.50"),
    (410, "8.3.2", "Số vốn đăng ký của doanh nghiệp", "0.50"),
    (414, "8.3.3", "Tỷ lệ đóng góp vào thu ngân sách tỉnh của khu vực doanh nghiệp", "1.00"),
    (415, "8.4", "Thực hiện thu ngân sách hàng năm của tỉnh theo Kế hoạch được Chính phủ giao", "1.00"),
    (416, "8.5", "Mức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND tỉnh giao", "2.00"),
]

# The seed's own misprints, and what the appendix prints instead (issue 11; the header of
# rulesets/national-2022.par, (a)-(c)).  Keyed by the seed line.
SEED_MISPRINTS: dict[int, tuple[str, str, str]] = {
    # (a) 5.1.2 is printed twice; the second row is 5.1.3: 0.25 + 0.75 + 0.75 = 1.75, the max of 5.1 (004:335)
    338: ("STT", "5.1.2", "5.1.3"),
    # (c) criterion 7.3 is printed "7.3." with a trailing dot
    390: ("STT", "7.3.", "7.3"),
    # (b) 8.4 is printed with max 1.00 but scored out of 1.5: the self-assessed column of the same
    # line gives it 1.50, and field 8's printed 16.50 (004:400) only adds up with 1.5
    415: ("max", "1.00", "1.5"),
}


def _markdown_rows(text: str) -> list[list[str]]:
    """The body rows of the appendix's Markdown table, cells unescaped and without bold markers."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith("| STT"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append([re.sub(r"\\(.)", r"\1", c.removeprefix("**").removesuffix("**")) for c in cells])
    return rows


@pytest.fixture(scope="module")
def national() -> appendix.Appendix:
    return appendix.build(parrules.load("national-2022"))


def test_golden_tree_is_seed_004_phu_luc_02(national):
    rows = _markdown_rows(appendix.to_markdown(national))
    body, total = rows[:-1], rows[-1]
    assert len(body) == len(SEED_TREE) == 133
    for (line, code, title, printed_max), (stt, shown_title, shown_max, *_rest) in zip(SEED_TREE, body, strict=True):
        expected_code, expected_max = code, D(printed_max)
        if line in SEED_MISPRINTS:
            what, misprint, corrected = SEED_MISPRINTS[line]
            assert (code if what == "STT" else printed_max) == misprint, f"004:{line} is not the misprint named"
            if what == "STT":
                expected_code = corrected
            else:
                expected_max = D(corrected)
        assert stt == expected_code, f"004:{line}"
        assert shown_title == title, f"004:{line}"
        # the appendix prints Vietnamese decimals (1,5); the seed's table prints points (1.50)
        assert parse_number(shown_max, decimal="comma") == expected_max, f"004:{line}"
    # TỔNG ĐIỂM 100.00 (004:417)
    assert total[1] == "TỔNG ĐIỂM" and parse_number(total[2], decimal="comma") == D("100.00")


def test_golden_misprints_are_named_not_copied(national):
    by_code = {r.code: r for r in national.rows}
    # the second 5.1.2 (004:338) is 5.1.3: no code twice in the appendix
    assert [r.code for r in national.rows].count("5.1.2") == 1
    assert (
        by_code["5.1.3"].title
        == "Tỷ lệ đơn vị sự nghiệp thuộc tỉnh bố trí viên chức theo đúng vị trí việc làm được phê duyệt"
    )
    assert "7.3." not in by_code and by_code["7.3"].max == D("7.00")  # 004:390
    # 8.4: printed max 1.00 (004:415), scored and published here out of 1.5
    assert by_code["8.4"].max == D("1.5")
    # Issue 11 says the seed prints field 8's max as 16.  Phụ lục 02 prints 16.50 (004:400);
    # 16 is what its printed criteria add up to with the misprinted 8.4: 10 + 1 + 2 + 1.00 + 2
    # (004:401, 407, 408, 415, 416) -- and Phụ lục 01 prints 16.00 for 2021 (004:254).
    printed = {code: D(mx) for line, code, _t, mx in SEED_TREE}
    assert printed["8"] == D("16.50")
    assert sum(printed[c] for c in ("8.1", "8.2", "8.3", "8.4", "8.5")) == D(16)
    assert by_code["8"].max == D("16.5") and by_code["8"].children_max == D("16.5") and by_code["8"].adds_up


def test_golden_counts_and_sources(national):
    # section I (004:11): 8 lĩnh vực, 37 tiêu chí, 88 tiêu chí thành phần
    assert national.counts() == {"field": 8, "criterion": 37, "sub": 88}
    assert "Bộ tiêu chí gồm 8 lĩnh vực, 37 tiêu chí và 88 tiêu chí thành phần" in national.notes[0]
    # the closing lines (004:419-425) and Phụ lục 02 give 68 content (appraisal) + 32 survey points
    assert "Điểm tối đa theo nguồn điểm: thẩm định 68 điểm; điều tra xã hội học 32 điểm." in national.notes
    # section II (004:45-49): groups A from 90%, B 80% to below 90%, C 70% to below 80%
    assert any(
        "Nhóm A: từ 90% trở lên; Nhóm B: từ 80% đến dưới 90%; Nhóm C: từ 70% đến dưới 80%" in t for t in national.notes
    )
    # Phụ lục 01 (004:246-253): the agency responsible for each field, shown once on the field
    by_code = {r.code: r for r in national.rows}
    assert (by_code["8"].agency, by_code["8"].agency_own) == ("Sở Kế hoạch và Đầu tư; Sở Tài chính", True)
    assert (by_code["8.4"].agency, by_code["8.4"].agency_own) == ("Sở Kế hoạch và Đầu tư; Sở Tài chính", False)
    assert by_code["2.4.1"].source == "Điều tra xã hội học" and by_code["2"].source == "Thẩm định; điều tra xã hội học"


def test_national_methods_in_words(national):
    by_code = {r.code: r for r in national.rows}
    # 3.4.1, the example: điểm tối đa × số hồ sơ đúng hạn / số hồ sơ tiếp nhận
    assert by_code["3.4.1"].method == (
        "Điểm = điểm tối đa × số hồ sơ do các cơ quan chuyên môn cấp tỉnh giải quyết đúng hạn"
        " / số hồ sơ do các cơ quan chuyên môn cấp tỉnh tiếp nhận trong năm.",
        "Nếu số hồ sơ do các cơ quan chuyên môn cấp tỉnh tiếp nhận trong năm bằng 0: tỷ lệ được tính là 100%.",
    )
    # 8.4: the rank bands of the domain notes (ranks 1-10: 1.5; 11-30: 1.0; 31-50: 0.75; 51-63: 0.5)
    assert by_code["8.4"].method == (
        "Căn cứ thứ hạng thu ngân sách của tỉnh trong cả nước:",
        "Hạng 1 đến 10: 1,5 điểm; hạng 11 đến 30: 1 điểm; hạng 31 đến 50: 0,75 điểm; hạng 51 đến 63: 0,5 điểm.",
    )
    assert (
        by_code["3.4"].method[1] == "Tổng điểm tối đa: 1,5 + 1,5 + 1 + 0,25 + 0,75 = 5, bằng điểm tối đa (đã kiểm tra)."
    )


def test_a_parent_whose_children_do_not_add_up_is_flagged():
    """The checker refuses such a ruleset (E120); a model built from an AST that says so
    (here seed 004's field 8 as printed, 8.4 at 1.00) flags it instead of hiding it."""
    rs = parrules.load("national-2022")

    def as_printed(node: n.Node) -> n.Node:
        if node.code == "8.4":
            return attrs.evolve(node, max=D("1.00"))
        return attrs.evolve(node, children=tuple(as_printed(c) for c in node.children))

    ast = attrs.evolve(rs.ast, fields=tuple(as_printed(f) for f in rs.ast.fields))
    printed = parrules.Ruleset(attrs.evolve(rs.checked, ruleset=ast), rs.compiled, rs.text)
    row = {r.code: r for r in appendix.build(printed).rows}["8"]
    assert (row.max, row.children_max, row.adds_up) == (D("16.5"), D("16.00"), False)
    assert (
        row.method[1] == "Tổng điểm tối đa: 10 + 1 + 2 + 1 + 2 = 16, KHÁC điểm tối đa 16,5: điểm không vượt quá 16,5."
    )
    assert 'class="mismatch"' in appendix.to_html(appendix.build(printed))


# ---------------------------------------------------------------- 2. every formula kind renders

KINDS = """\
ruleset "Bộ tiêu chí thử: mọi loại công thức" year 2024 level department scale 21 rounding half_up 4

input received: count "Số hồ sơ tiếp nhận" unit "hồ sơ"
input on_time: count "Số hồ sơ đúng hạn" unit "hồ sơ"
input online: percent "Tỷ lệ hồ sơ trực tuyến"
input late_tasks: count "Số nhiệm vụ trễ hạn" unit "nhiệm vụ"
input initiatives: count "Số sáng kiến" unit "sáng kiến"
input has_plan: yesno "Có kế hoạch CCHC"
input reported: yesno "Báo cáo đúng hạn"
input budget_rank: rank 1..63 "Thứ hạng thu ngân sách"
input discipline: choice { none, leader } "Mức độ vi phạm kỷ luật"
input staff: number "Số biên chế" in 1..100
input delta: number "Mức thay đổi" in -1..1
constraint on_time <= received

field 1 "Tỷ lệ và bảng" max 9.5 {
  agency "Sở Nội vụ"
  criterion 1.1 "Đúng hạn" max 1.5 { score max * rate(on_time, received, empty: 100%) }
  criterion 1.2 "Phần cố định và tỷ lệ" max 1 { score 0.5 + 0.5 * rate(on_time, received, empty: 0) }
  criterion 1.3 "Tỷ lệ có thể không áp dụng" max 1 { score max * rate(on_time, received, empty: na) }
  criterion 1.4 "Bậc theo tỷ lệ" max 1 { score tiers online { from 95%: 1  from 80% below 95%: 0.5  below 80%: 0 } }
  criterion 1.5 "Bậc theo số" max 1 { score tiers late_tasks { to 2: 1  above 2 to 5: 0.5  above 5: 0 } }
  criterion 1.6 "Tuyến tính" max 1 { score linear online { 0%: 0  20%: max } }
  criterion 1.7 "Nhóm hạng" max 1.5 { score ranks budget_rank { 1..10: 1.5  11..30: 1  31..50: 0.75  51..63: 0.5 } }
  criterion 1.8 "Mức lựa chọn" max 1.5 { agency "Thanh tra tỉnh" score choice discipline { none: 1.5  leader: 0.5 } }
}
field 2 "Điều kiện và hàm" max 11.5 {
  criterion 2.1 "Có/không" max 1 {
    score if has_plan and not reported then 0.5 else if has_plan or reported then max else 0
  }
  criterion 2.2 "Trần" max 2 { score min(0.5 * initiatives, 2) }
  criterion 2.3 "Trừ điểm" max 1 { score deduct(late_tasks, 0.25, floor: 0) }
  criterion 2.4 "Giới hạn" max 1 { score clamp(delta + 0.5, 0, 1) }
  criterion 2.5 "Biến trung gian" max 1 {
    not applicable when staff < 5
    let share = max(0, staff - 10) / staff
    score max * min(1, share / 50%)
  }
  criterion 2.6 "Số âm" max 1 { score min(1, max(0, 0.5 - -delta)) }
  criterion 2.7 "So sánh" max 1 {
    score if staff >= 50 and staff <= 80 then 1 else if staff > 90 or staff < 10 then 0.5 else if staff == 85 then 0.25 else if staff != 86 then 0 else 0
  }
  criterion 2.8 "Hằng số" max 0.5 { score 0.5 }
  criterion 2.9 "Khảo sát" max 1 { source survey score points }
  criterion 2.10 "Thẩm định" max 1 { source appraisal score points as judged }
  criterion 2.11 "Bậc trong biểu thức" max 1 { score max * tiers online { from 50%: 1  below 50%: 0.5 } }
}
classes by total { "Tốt": from 18  "Khá": below 18 }
ranking by total descending tie_break 1, 2
"""

# Each method as a reader of the decision should read it, written by hand.
EXPECTED_METHODS: dict[str, tuple[str, ...]] = {
    "1.1": (
        "Điểm = điểm tối đa × số hồ sơ đúng hạn / số hồ sơ tiếp nhận.",
        "Nếu số hồ sơ tiếp nhận bằng 0: tỷ lệ được tính là 100%.",
    ),
    "1.2": (
        "Điểm = 0,5 + 0,5 × số hồ sơ đúng hạn / số hồ sơ tiếp nhận.",
        "Nếu số hồ sơ tiếp nhận bằng 0: tỷ lệ được tính là 0.",
    ),
    "1.3": (
        "Điểm = điểm tối đa × số hồ sơ đúng hạn / số hồ sơ tiếp nhận.",
        "Nếu số hồ sơ tiếp nhận bằng 0: tiêu chí không áp dụng, điểm tối đa của tiêu chí không tính vào "
        "tổng điểm tối đa của đơn vị.",
    ),
    "1.4": (
        "Căn cứ tỷ lệ hồ sơ trực tuyến:",
        "Từ 95% trở lên: 1 điểm; từ 80% đến dưới 95%: 0,5 điểm; dưới 80%: 0 điểm.",
    ),
    "1.5": ("Căn cứ số nhiệm vụ trễ hạn:", "Từ 2 trở xuống: 1 điểm; trên 2 đến 5: 0,5 điểm; trên 5: 0 điểm."),
    "1.6": (
        "Căn cứ tỷ lệ hồ sơ trực tuyến, nội suy tuyến tính giữa các mốc:",
        "0%: 0 điểm; 20%: điểm tối đa; giữa hai mốc liền kề, điểm tính theo đường thẳng nối hai mốc; "
        "trước mốc đầu tính như mốc đầu, sau mốc cuối tính như mốc cuối.",
    ),
    "1.7": (
        "Căn cứ thứ hạng thu ngân sách:",
        "Hạng 1 đến 10: 1,5 điểm; hạng 11 đến 30: 1 điểm; hạng 31 đến 50: 0,75 điểm; hạng 51 đến 63: 0,5 điểm.",
    ),
    "1.8": ("Căn cứ mức độ vi phạm kỷ luật:", "none: 1,5 điểm; leader: 0,5 điểm."),
    "2.1": (
        "Nếu có kế hoạch CCHC và không báo cáo đúng hạn: 0,5 điểm; ngược lại, nếu có kế hoạch CCHC hoặc "
        "báo cáo đúng hạn: điểm tối đa; ngược lại: 0 điểm.",
    ),
    "2.2": ("Điểm = giá trị nhỏ nhất trong (0,5 × số sáng kiến; 2).",),
    "2.3": ("Điểm = điểm tối đa trừ 0,25 điểm cho mỗi nhiệm vụ (số nhiệm vụ trễ hạn), thấp nhất 0 điểm.",),
    "2.4": ("Điểm = mức thay đổi + 0,5, nhưng không dưới 0 và không quá 1.",),
    "2.5": (
        "Điểm = điểm tối đa × giá trị nhỏ nhất trong (1; share / 50%).",
        "Trong đó: share = giá trị lớn nhất trong (0; số biên chế − 10) / số biên chế.",
        "Không áp dụng (điểm tối đa không tính vào tổng điểm tối đa của đơn vị) khi số biên chế dưới 5.",
    ),
    "2.6": ("Điểm = giá trị nhỏ nhất trong (1; giá trị lớn nhất trong (0; 0,5 − (−mức thay đổi))).",),
    "2.7": (
        "Nếu số biên chế từ 50 trở lên và số biên chế không quá 80: 1 điểm; ngược lại, nếu số biên chế trên 90 "
        "hoặc số biên chế dưới 10: 0,5 điểm; ngược lại, nếu số biên chế bằng 85: 0,25 điểm; ngược lại, nếu "
        "số biên chế khác 86: 0 điểm; ngược lại: 0 điểm.",
    ),
    "2.8": ("0,5 điểm.",),
    "2.9": ("Điểm theo kết quả điều tra xã hội học, từ 0 đến 1 điểm.",),
    "2.10": ("Điểm do cơ quan thẩm định đánh giá, từ 0 đến 1 điểm.",),
    "2.11": ("Điểm = điểm tối đa × (căn cứ tỷ lệ hồ sơ trực tuyến: từ 50% trở lên: 1; dưới 50%: 0,5).",),
}


@pytest.fixture(scope="module")
def kinds() -> tuple[parrules.Ruleset, appendix.Appendix]:
    rs = parrules.loads(KINDS, "kinds.par")
    return rs, appendix.build(rs)


def test_the_kinds_ruleset_uses_every_formula_kind(kinds):
    rs, _ = kinds
    used: set[type] = set()
    for node in rs.ast.nodes():
        for expr in (node.score, node.not_applicable_when, *[let.value for let in node.lets]):
            used.update(type(item) for item in n.walk_expr(expr) if expr is not None)
    every = set(typing.get_args(n.Expr)) | {n.NotApplicableValue}
    assert every <= used, f"not used: {sorted(k.__name__ for k in every - used)}"
    ops = {(type(i).__name__, i.op) for node in rs.ast.nodes() for i in n.walk_expr(node.score) if hasattr(i, "op")}
    ops |= {("BinOp", "/"), ("BinOp", "-")}  # in the let of 2.5
    for op in ("+", "-", "*", "/"):
        assert ("BinOp", op) in ops
    for op in ("<", "<=", ">", ">=", "==", "!="):
        assert ("Compare", op) in ops
    for op in ("and", "or"):
        assert ("BoolOp", op) in ops


def test_every_formula_kind_in_vietnamese_words(kinds):
    _, model = kinds
    methods = {r.code: r.method for r in model.rows if r.children_max is None}
    assert methods == EXPECTED_METHODS


def test_parents_notes_and_agencies_of_the_kinds_ruleset(kinds):
    _, model = kinds
    rows = {r.code: r for r in model.rows}
    assert rows["1"].method == (
        "Tổng điểm các tiêu chí 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7 và 1.8.",
        "Tổng điểm tối đa: 1,5 + 1 + 1 + 1 + 1 + 1 + 1,5 + 1,5 = 9,5, bằng điểm tối đa (đã kiểm tra).",
    )
    assert rows["2"].source == "Tự đánh giá; thẩm định; điều tra xã hội học"
    assert [(c, rows[c].agency, rows[c].agency_own) for c in ("1", "1.1", "1.8", "2")] == [
        ("1", "Sở Nội vụ", True),
        ("1.1", "Sở Nội vụ", False),
        ("1.8", "Thanh tra tỉnh", True),
        ("2", "", False),
    ]
    assert "Xếp loại theo tổng điểm: Tốt: từ 18 điểm trở lên; Khá: dưới 18 điểm." in model.notes
    assert "Xếp hạng theo tổng điểm, từ cao xuống thấp; khi bằng nhau, lần lượt so sánh điểm của 1, 2." in model.notes
    assert model.notes[0].startswith("Bộ tiêu chí gồm 2 lĩnh vực và 19 tiêu chí; thang điểm 21 điểm.")
    assert (
        "Điểm tối đa theo nguồn điểm: tự đánh giá 19 điểm; thẩm định 1 điểm; điều tra xã hội học 1 điểm." in model.notes
    )


NESTED = """\
ruleset "Lồng nhau" level department scale 2
input has_plan: yesno "Có kế hoạch"
input x: number "Giá trị" in 0..1
field 1 "A" max 2 {
  criterion 1.1 "B" max 1 { score min(if has_plan then 1 else 0.5, clamp(x, 0, 1)) }
  criterion 1.2 "C" max 1 { score if has_plan then (if x > 0.5 then 1 else 0.5) else 0 }
}
"""


def test_sentence_like_kinds_inside_a_list_are_bracketed():
    """An if or a clamp written inside min(...; ...) or inside a branch holds ; and : of its own:
    in parentheses, so that a reader can tell where it ends."""
    rows = {r.code: r.method for r in appendix.build(parrules.loads(NESTED, "nested.par")).rows}
    assert rows["1.1"] == (
        "Điểm = giá trị nhỏ nhất trong ((nếu có kế hoạch: 1; ngược lại: 0,5); "
        "(giá trị, nhưng không dưới 0 và không quá 1)).",
    )
    assert rows["1.2"] == ("Nếu có kế hoạch: (nếu giá trị trên 0,5: 1; ngược lại: 0,5); ngược lại: 0 điểm.",)


# ---------------------------------------------------------------- 3. the .docx read back


def _docx(model: appendix.Appendix) -> docx.document.Document:
    return docx.Document(io.BytesIO(appendix.to_docx(model)))


def test_docx_table_is_the_model_on_a4(kinds, national):
    for model in (kinds[1], national):
        document = _docx(model)
        section = document.sections[0]
        # A4 landscape: 16838 x 11906 twips (297 x 210 mm), as Word writes A4
        assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)
        assert section.orientation == WD_ORIENT.LANDSCAPE
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
        (table,) = document.tables
        assert len(table.rows) == len(model.rows) + 2  # the header row, the rows, TỔNG ĐIỂM
        assert [c.text for c in table.rows[0].cells] == list(appendix.HEADERS)
        for row, shown in zip(model.rows, table.rows[1:-1], strict=False):
            expected = [
                row.code,
                row.title,
                appendix.number_text(row.max, "vi"),
                "\n".join(row.method),
                row.source,
                row.agency if row.agency_own else "",
            ]
            assert [c.text for c in shown.cells] == expected
            bold = {run.bold for run in shown.cells[1].paragraphs[0].runs}
            assert bold == ({True} if row.kind == "field" else {None})  # None: the style's, not bold
        assert [c.text for c in table.rows[-1].cells][1:3] == ["TỔNG ĐIỂM", appendix.number_text(model.scale, "vi")]
        # the header row is repeated on every page; no row breaks across pages
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
        normal = document.styles["Normal"]
        assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
        assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
        styles = {p.style.name for r in table.rows for c in r.cells for p in c.paragraphs}
        assert styles == {appendix.TABLE_STYLE} and document.styles[appendix.TABLE_STYLE].font.size == Pt(12)
        assert document.styles[appendix.TABLE_STYLE].base_style.name == "Normal"  # Times New Roman, Vietnamese


# ---------------------------------------------------------------- 4. hostile texts stay text


@pytest.mark.parametrize("text", ["=1+1", "<script>alert(1)</script>", "\x1b[2J\u202eevil\u2028x", *REPRODUCERS[:12]])
def test_hostile_texts_are_text_in_every_format(text):
    rs = hostile_ruleset(title=text, node_title=text, agency=text)
    model = appendix.build(rs)
    shown = visible(text)
    md = appendix.to_markdown(model)
    html = appendix.to_html(model)
    assert not control_chars(md) and not control_chars(html)
    assert "<script>" not in html and "<script" not in md.replace("\\<script", "")
    assert parrules.safe_text.for_html(shown) in html and parrules.safe_text.for_markdown(shown) in md
    document = _docx(model)
    cells = [c.text for r in document.tables[0].rows for c in r.cells]
    assert f"{shown} 1" in cells  # field 1's title, exactly the text (controls shown as escapes)
    assert all(not control_chars(c) for c in cells)
    # Word reads a field code only from w:fldSimple / w:instrText: the only one is the page number
    body = document.element.xml
    assert "instrText" not in body and "fldSimple" not in body


# ---------------------------------------------------------------- the command


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_appendix_writes_each_format(tmp_path, capsys):
    code, out, err = run(capsys, "appendix", "national-2022", "-o", "-")
    assert code == 0, err
    assert out.startswith("# PHỤ LỤC\n") and "| 3.4.1 | Tỷ lệ hồ sơ TTHC do cơ quan chuyên môn cấp tỉnh" in out
    for name in ("bo-tieu-chi.docx", "bo-tieu-chi.html", "bo-tieu-chi.md"):
        code, _out, err = run(capsys, "appendix", "national-2022", "-o", str(tmp_path / name))
        assert code == 0, err
        assert f"đã ghi {tmp_path / name}: 133 tiêu chí" in err  # Vietnamese by default, as every command
    assert (tmp_path / "bo-tieu-chi.md").read_text(encoding="utf-8") == out
    assert (tmp_path / "bo-tieu-chi.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(docx.Document(str(tmp_path / "bo-tieu-chi.docx")).tables[0].rows) == 135


def test_cli_appendix_refuses_what_it_cannot_write(tmp_path, capsys):
    code, _out, err = run(capsys, "appendix", "national-2022", "-o", str(tmp_path / "x.txt"))
    # said in the run's language (Vietnamese by default; the English pinned with --lang en)
    assert code == 2 and "hãy đặt tên tệp .docx, .html hoặc .md" in err and not (tmp_path / "x.txt").exists()
    code, _out, err = run(capsys, "appendix", "national-2022", "-o", str(tmp_path / "x.txt"), "--lang", "en")
    assert code == 2 and "name a .docx, .html or .md file" in err
    code, out, err = run(capsys, "appendix", "national-2022", "-o", "-", "--format", "docx")
    assert code == 2 and out == "" and "tệp .docx không ghi ra đầu ra chuẩn" in err
    code, _out, err = run(capsys, "appendix", "national-2022", "-o", str(tmp_path / "a.txt"), "--format", "html")
    assert code == 0 and (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_appendix_never_overwrites_the_ruleset(tmp_path, capsys):
    ruleset = tmp_path / "kinds.par"
    ruleset.write_text(KINDS, encoding="utf-8")
    code, _out, err = run(capsys, "appendix", str(ruleset), "-o", str(ruleset), "--format", "md", "--lang", "en")
    assert code == 2 and "refusing to overwrite an input" in err
    assert ruleset.read_text(encoding="utf-8") == KINDS


def test_same_ruleset_same_bytes_in_every_format(kinds):
    _, model = kinds
    again = appendix.build(parrules.loads(KINDS, "kinds.par"))
    for fmt in appendix.FORMATS:
        assert appendix.render(model, fmt) == appendix.render(again, fmt)
    with pytest.raises(ValueError, match="unknown appendix format 'pdf'"):
        appendix.render(model, "pdf")


def test_cli_without_python_docx_says_which_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    code, _out, err = run(capsys, "appendix", "national-2022", "-o", str(tmp_path / "a.docx"))
    assert code == 2 and "pip install 'parrules[docx]'" in err and "Traceback" not in err
    assert not (tmp_path / "a.docx").exists()


OTHERWISE = """\
ruleset "Bậc còn lại" year 2024 level department scale 3 rounding half_up 4

input online: percent "Tỷ lệ hồ sơ trực tuyến"
input budget_rank: rank 1..63 "Thứ hạng thu ngân sách"
input gap_rank: rank 1..63 "Thứ hạng có khoảng trống"
input discipline: choice { none label "Không vi phạm", leader label "Lãnh đạo bị kỷ luật" } "Mức độ vi phạm"

field 1 "Bảng" max 3 {
  criterion 1.1 "Bậc còn lại" max 1 { score tiers online { from 95%: 1  from 80% below 95%: na  otherwise: 0 } }
  criterion 1.2 "Hạng còn lại" max 1 { score ranks budget_rank { 1..10: 1  11..30: 0.5  otherwise: 0.25 } }
  criterion 1.3 "Hạng có khoảng trống" max 0.5 { score ranks gap_rank { 1..10: 0.5  20..30: 0.25  otherwise: 0 } }
  criterion 1.4 "Nhãn" max 0.5 { score choice discipline { none: 0.5  leader: 0 } }
}
"""


def test_otherwise_rows_na_values_and_choice_labels_in_words():
    """The rows the language gained with issue 12 and 10: an ``otherwise`` band is the ranks it
    takes when the bands above it run on from the declared first rank (1..10, 11..30 of rank
    1..63: ranks 31 to 63), else "the other ranks"; an otherwise tier is "the other cases"; ``na``
    says the criterion does not apply; a choice's options read as their labels."""
    rs = parrules.loads(OTHERWISE, "otherwise.par")
    methods = {r.code: r.method[-1] for r in appendix.build(rs).rows}
    assert methods["1.1"] == (
        "Từ 95% trở lên: 1 điểm; từ 80% đến dưới 95%: tiêu chí không áp dụng, điểm tối đa không tính"
        " vào tổng điểm tối đa của đơn vị; các trường hợp còn lại: 0 điểm."
    )
    assert methods["1.2"] == "Hạng 1 đến 10: 1 điểm; hạng 11 đến 30: 0,5 điểm; hạng 31 đến 63: 0,25 điểm."
    assert methods["1.3"] == "Hạng 1 đến 10: 0,5 điểm; hạng 20 đến 30: 0,25 điểm; các hạng còn lại: 0 điểm."
    assert methods["1.4"] == "Không vi phạm: 0,5 điểm; Lãnh đạo bị kỷ luật: 0 điểm."
