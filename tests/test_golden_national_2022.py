"""Golden test: the national PAR Index 2022 ruleset against Hà Giang's published results.

Every expected number is typed from seed 004 (/work/shared/seeds/004_a9628b018f78c503.txt),
Phụ lục 02 ("Bảng tổng hợp kết quả chỉ số cải cách hành chính năm 2022"); "004:N" is the
line of the seed file the number is printed on.  Where the seed disagrees with itself, the
test says which number the ruleset reproduces and why (see also the header of
rulesets/national-2022.par).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import parrules
from parrules.aggregate import classify

D = Decimal
RULESET = Path(__file__).resolve().parents[1] / "rulesets" / "national-2022.par"
TEXT = RULESET.read_text(encoding="utf-8")

# Phụ lục 02, every row: code -> (Điểm tối đa, Điểm tự đánh giá, Bộ Nội vụ đánh giá) as printed
# (None: the cell is empty; the decimal commas of 9,48 and 8,6183 are written as points).
PRINTED: dict[str, tuple[str | None, str | None, str | None]] = {
    "1": ("9.50", "9.48", "8.6183"),  # 004:266
    "1.1": ("1.50", "1.50", "1.50"),  # 004:267
    "1.2": ("0.50", "0.50", "0.50"),  # 004:268
    "1.3": ("2.00", "2.00", "2.00"),  # 004:269
    "1.3.1": ("1.00", "1.00", "1.00"),  # 004:270
    "1.3.2": ("1.00", "0.98", "0.98"),  # 004:271
    "1.4": ("1.00", "1.00", "1.00"),  # 004:272
    "1.5": ("2.00", "2.00", "1.50"),  # 004:273
    "1.6": ("1.00", "1.00", "1.00"),  # 004:274
    "1.7": ("1.50", "1.50", "1.1183"),  # 004:277
    "2": ("10.00", "6.00", "9.1105"),  # 004:278
    "2.1": ("3.00", "3.00", "3.00"),  # 004:279
    "2.1.1": ("2.00", "2.00", "2.00"),  # 004:280
    "2.1.2": ("1.00", "1.00", "1.00"),  # 004:281
    "2.2": ("1.50", "1.50", "1.50"),  # 004:282
    "2.2.1": ("0.50", "0.50", "0.50"),  # 004:283
    "2.2.2": ("1.00", "1.00", "1.00"),  # 004:284
    "2.3": ("1.50", "1.50", "1.3125"),  # 004:285
    "2.4": ("4.00", None, "3.298"),  # 004:286
    "2.4.1": ("1.00", None, "0.819"),  # 004:287
    "2.4.2": ("1.00", None, "0.7883"),  # 004:288
    "2.4.3": ("1.00", None, "0.775"),  # 004:289
    "2.4.4": ("1.00", None, "0.9157"),  # 004:290
    "3": ("13.00", "12.9634", "12.3714"),  # 004:291
    "3.1": ("1.00", "1.00", "1.00"),  # 004:292
    "3.2": ("3.00", "3.00", "2.408"),  # 004:293
    "3.2.1": ("0.50", "0.50", "0.50"),  # 004:294
    "3.2.2": ("1.50", "1.50", "1.25"),  # 004:295
    "3.2.3": ("1.00", "1.00", "0.658"),  # 004:299
    "3.3": ("3.00", "3.00", "3.00"),  # 004:300
    "3.3.1": ("1.00", "1.00", "1.00"),  # 004:301
    "3.3.2": ("0.50", "0.50", "0.50"),  # 004:302
    "3.3.3": ("0.75", "0.75", "0.75"),  # 004:303
    "3.3.4": ("0.75", "0.75", "0.75"),  # 004:304
    "3.4": ("5.00", "4.9634", "4.9634"),  # 004:305
    "3.4.1": ("1.50", "1.4981", "1.4981"),  # 004:306
    "3.4.2": ("1.50", "1.4699", "1.4699"),  # 004:307
    "3.4.3": ("1.00", "0.9954", "0.9954"),  # 004:308
    "3.4.4": ("0.25", "0.25", "0.25"),  # 004:309
    "3.4.5": ("0.75", "0.75", "0.75"),  # 004:310
    "3.5": ("1.00", "1.00", "1.00"),  # 004:311
    "3.5.1": ("0.75", "0.75", "0.75"),  # 004:314
    "3.5.2": ("0.25", "0.25", "0.25"),  # 004:315
    "4": ("10.5", "6.0463", "9.2621"),  # 004:316
    "4.1": ("6.50", "3.0463", "5.4634"),  # 004:317
    "4.1.1": ("1.00", "1.00", "1.00"),  # 004:318
    "4.1.2": ("1.50", "1.50", "1.50"),  # 004:319
    "4.1.3": ("1.00", "0.5463", "0.5463"),  # 004:320
    "4.1.4": ("1.00", None, "0.8005"),  # 004:321
    "4.1.5": ("1.00", None, "0.8018"),  # 004:322
    "4.1.6": ("1.00", None, "0.8148"),  # 004:323
    "4.2": ("1.00", "1.00", "1.00"),  # 004:324
    "4.2.1": ("0.50", "0.50", "0.50"),  # 004:325
    "4.2.2": ("0.50", "0.50", "0.50"),  # 004:326
    "4.3": ("3.00", "2.00", "2.7987"),  # 004:327
    "4.3.1": ("0.50", "0.50", "0.50"),  # 004:328
    "4.3.2": ("0.50", "0.50", "0.50"),  # 004:329
    "4.3.3": ("1.00", "1.00", "1.00"),  # 004:330
    "4.3.4": ("1.00", None, "0.7987"),  # 004:333
    "5": ("15.00", "5.00", "11.7898"),  # 004:334
    "5.1": ("1.75", "1.75", "1.25"),  # 004:335
    "5.1.1": ("0.25", "0.25", "0.25"),  # 004:336
    "5.1.2": ("0.75", "0.75", "0.50"),  # 004:337
    "5.1.3": ("0.75", "0.75", "0.50"),  # 004:338 printed "5.1.2" (second time)
    "5.2": ("2.50", "0.50", "2.2282"),  # 004:339
    "5.2.1": ("0.25", "0.25", "0.25"),  # 004:340
    "5.2.2": ("0.25", "0.25", "0.25"),  # 004:341
    "5.2.3": ("1.00", None, "0.8458"),  # 004:342
    "5.2.4": ("1.00", None, "0.8824"),  # 004:343
    "5.3": ("2.75", "0.75", "2.4636"),  # 004:344
    "5.3.1": ("0.75", "0.75", "0.75"),  # 004:345
    "5.3.2": ("1.00", None, "0.8363"),  # 004:346
    "5.3.3": ("1.00", None, "0.8773"),  # 004:347
    "5.4": ("1.5", "0.5", "0.5"),  # 004:348
    "5.5": ("2.00", "1.00", "1.7764"),  # 004:349
    "5.5.1": ("1.00", "1.00", "1.00"),  # 004:350
    "5.5.2": ("1.00", None, "0.7764"),  # 004:353
    "5.6": ("0.50", "0.50", "0.50"),  # 004:354
    "5.7": ("4.00", None, "3.0626"),  # 004:355
    "5.7.1": ("1.00", None, "0.7692"),  # 004:356
    "5.7.2": ("1.00", None, "0.7754"),  # 004:357
    "5.7.3": ("1.00", None, "0.8164"),  # 004:358
    "5.7.4": ("1.00", None, "0.7016"),  # 004:359
    "6": ("12.00", "7.3378", "10.3369"),  # 004:360
    "6.1": ("4.00", "2.5878", "3.2791"),  # 004:361
    "6.1.1": ("1.00", "0.7768", "0.7046"),  # 004:362
    "6.1.2": ("1.00", "1.00", "1.00"),  # 004:363
    "6.1.3": ("1.00", "0.811", "0.811"),  # 004:364
    "6.1.4": ("1.00", None, "0.7635"),  # 004:365
    "6.2": ("4.00", "2.00", "3.5435"),  # 004:366
    "6.2.1": ("0.25", "0.25", "0.25"),  # 004:367
    "6.2.2": ("1.00", "1.00", "1.00"),  # 004:368
    "6.2.3": ("0.75", "0.75", "0.75"),  # 004:369
    "6.2.4": ("1.00", None, "0.7683"),  # 004:370
    "6.2.5": ("1.00", None, "0.7752"),  # 004:371
    "6.3": ("4.00", "2.75", "3.5143"),  # 004:372
    "6.3.1": ("0.25", "0.25", "0.25"),  # 004:375
    "6.3.2": ("0.75", "0.50", "0.50"),  # 004:376
    "6.3.3": ("1.00", "1.00", "1.00"),  # 004:377
    "6.3.4": ("1.00", "1.00", "1.00"),  # 004:378
    "6.3.5": ("1.00", None, "0.7643"),  # 004:379
    "7": ("13.50", "11.0074", "10.6801"),  # 004:380
    "7.1": ("3.50", "3.30", "2.40"),  # 004:381
    "7.1.1": ("0.50", "0.50", "0.50"),  # 004:382
    "7.1.2": ("1.00", "1.00", "0.50"),  # 004:383
    "7.1.3": ("1.00", "1.00", "1.00"),  # 004:384
    "7.1.4": ("1.00", "0.80", "0.40"),  # 004:385
    "7.2": ("3.00", "3.00", "3.00"),  # 004:386
    "7.2.1": ("0.50", "0.50", "0.50"),  # 004:387
    "7.2.2": ("1.00", "1.00", "1.00"),  # 004:388
    "7.2.3": ("1.50", "1.50", "1.50"),  # 004:389
    "7.3": ("7.00", "4.7074", "5.2801"),  # 004:390 printed "7.3."
    "7.3.1": ("0.50", "0.50", "0.25"),  # 004:393
    "7.3.2": ("1.00", None, "0.8227"),  # 004:394
    "7.3.3": ("1.00", "1.00", "1.00"),  # 004:395
    "7.3.4": ("1.00", "1.00", "1.00"),  # 004:396
    "7.3.5": ("0.50", "0.50", "0.50"),  # 004:397
    "7.3.6": ("1.50", "0.6362", "0.6362"),  # 004:398
    "7.3.7": ("1.50", "1.0712", "1.0712"),  # 004:399
    "8": ("16.50", "5.4688", "12.2488"),  # 004:400
    "8.1": ("10.00", None, "7.78"),  # 004:401
    "8.1.1": ("1.50", None, "1.179"),  # 004:402
    "8.1.2": ("1.50", None, "1.1805"),  # 004:403
    "8.1.3": ("2.50", None, "1.909"),  # 004:404
    "8.1.4": ("2.50", None, "1.9775"),  # 004:405
    "8.1.5": ("2.00", None, "1.537"),  # 004:406
    "8.2": ("1.00", "1.00", "1.00"),  # 004:407
    "8.3": ("2.00", "1.50", "1.50"),  # 004:408
    "8.3.1": ("0.50", "0.50", "0.50"),  # 004:409
    "8.3.2": ("0.50", "0.0", "0.0"),  # 004:410
    "8.3.3": ("1.00", "1.00", "1.00"),  # 004:414
    "8.4": ("1.00", "1.50", "0.5"),  # 004:415
    "8.5": ("2.00", "1.4688", "1.4688"),  # 004:416
}
PRINTED_TOTAL = ("100.00", "63.3037", "84.4089")  # 004:417 "TỔNG ĐIỂM 100.00 63,3037 84,4089"

# Raw figures from the notes column "Chi chú" of Phụ lục 02 (Hà Giang, 2022).
FIGURES: dict[str, Any] = {
    # 1.3.2 (004:271): "đã khắc phục ... 72/75 tồn tại, chỉ còn 3 tồn tại ... đang trong thời gian khắc phục"
    "inspection_issues_found": 75,
    "inspection_issues_resolved": 72,
    "inspection_issues_not_due": 3,  # the Ministry's reading: the 3 are not yet due
    # 3.2.3 (004:299): 109.024 synced of 345.007 that must be synced
    "portal_synced": 109_024,
    "portal_required": 345_007,
    # 3.4.1-3.4.3 (004:306-308)
    "received_dept": 66_186,
    "on_time_dept": 66_108,
    "received_district": 44_564,
    "on_time_district": 43_669,
    "received_commune": 231_978,
    "on_time_commune": 230_906,
    # 4.1.3 (004:320): 897 units in 2015, 799 in 2022
    "public_units_2015": 897,
    "public_units_now": 799,
    # 5.4 (004:348): leaders at department / district level disciplined
    "discipline": "dept_district_leaders",
    # 6.1.1 (004:362): plan 5.680.897, disbursed 4.002.783 million VND
    "invest_planned": 5_680_897,
    "invest_disbursed": 4_002_783,
    # 6.1.3 (004:364): 121.646 required, 98.700 handled (million VND)
    "audit_required": 121_646,
    "audit_handled": 98_700,
    # 7.1.4 (004:385): 6/15 data services in use
    "ndxp_available": 15,
    "ndxp_in_use": 6,
    # 7.3.6 (004:398): 42,41%; 7.3.7 (004:399): 61,5384% and 52,70%
    "online_full_rate": D("42.41"),
    "online_payment_procedures_rate": D("61.5384"),
    "online_payment_dossiers_rate": D("52.70"),
    # 8.4 (004:415): "Thuộc nhóm 13 địa phương thấp nhất cả nước" = ranks 51..63; the seed gives
    # the group, not the rank: any rank in 51..63 scores the same (test_budget_rank_bands).
    "budget_revenue_rank": 51,
}

# Items fed as points, the Ministry's published points (column "Bộ Nội vụ đánh giá").
# Judgement: the Ministry's points where the seed gives no rule (or no figures for one).
JUDGEMENT: list[tuple[str, str]] = [
    ("1.1", "points only in the seed (full marks)"),
    ("1.2", "points only in the seed (full marks)"),
    ("1.3.1", "a rate by its title, but the seed gives no counts (full marks)"),
    ("1.4", "points only in the seed (full marks)"),
    ("1.5", "2 initiatives recognised -> 1.5 of 2; the per-initiative rule is not in the seed"),
    ("1.6", "points only in the seed (full marks)"),
    ("1.7", "17 late tasks -> 1.1183; the number of tasks is not in the seed, rule not derivable"),
    ("2.1.1", "points only in the seed (full marks)"),
    ("2.1.2", "points only in the seed (full marks)"),
    ("2.2.1", "points only in the seed (full marks)"),
    ("2.2.2", "points only in the seed (full marks)"),
    ("2.3", "1 document not yet handled -> 1.3125; the total number of documents is not in the seed"),
    ("3.1", "points only in the seed (full marks)"),
    ("3.2.1", "points only in the seed (full marks)"),
    ("3.2.2", "publication not kept up to date -> 1.25 of 1.5; the size of the deduction is not ruled"),
    ("3.3.1", "a rate by its title, but the seed gives no counts (full marks)"),
    ("3.3.2", "points only in the seed (full marks)"),
    ("3.3.3", "points only in the seed (full marks)"),
    ("3.3.4", "points only in the seed (full marks)"),
    ("3.4.4", "points only in the seed (full marks)"),
    ("3.4.5", "points only in the seed (full marks)"),
    ("3.5.1", "points only in the seed (full marks)"),
    ("3.5.2", "points only in the seed (full marks)"),
    ("4.1.1", "points only in the seed (full marks)"),
    ("4.1.2", "points only in the seed (full marks)"),
    ("4.2.1", "points only in the seed (full marks)"),
    ("4.2.2", "points only in the seed (full marks)"),
    ("4.3.1", "points only in the seed (full marks)"),
    ("4.3.2", "points only in the seed (full marks)"),
    ("4.3.3", "points only in the seed (full marks)"),
    ("5.1.1", "points only in the seed (full marks)"),
    ("5.1.2", "Ministry inspection finding (Ban Quản lý KKT) -> 0.50 of 0.75; no rates in the seed"),
    ("5.1.3", "same finding as 5.1.2 -> 0.50 of 0.75 (printed as a second 5.1.2)"),
    ("5.2.1", "points only in the seed (full marks)"),
    ("5.2.2", "points only in the seed (full marks)"),
    ("5.3.1", "points only in the seed (full marks)"),
    ("5.5.1", "points only in the seed (full marks)"),
    ("5.6", "a rate by its title, but the seed gives no figures (full marks)"),
    ("6.1.2", "points only in the seed (full marks)"),
    ("6.2.1", "points only in the seed (full marks)"),
    ("6.2.2", "points only in the seed (full marks)"),
    ("6.2.3", "points only in the seed (full marks)"),
    ("6.3.1", "points only in the seed (full marks)"),
    ("6.3.2", "no unit moved into the 30%-70% self-financing group -> 0.50 of 0.75; no counts"),
    ("6.3.3", "points only in the seed (full marks)"),
    ("6.3.4", "points only in the seed (full marks)"),
    ("7.1.1", "points only in the seed (full marks)"),
    ("7.1.2", "Bộ TTTT had not connected the cloud platform: every province lost 0.5"),
    ("7.1.3", "a rate by its title, but the seed gives no counts (full marks)"),
    ("7.2.1", "a rate by its title, but the seed gives no counts (full marks)"),
    ("7.2.2", "a rate by its title, but the seed gives no counts (full marks)"),
    ("7.2.3", "points only in the seed (full marks)"),
    ("7.3.1", "portal not yet on IPv6 -> 0.25 of 0.5; the deduction is not ruled in the seed"),
    ("7.3.3", "points only in the seed (full marks)"),
    ("7.3.4", "points only in the seed (full marks)"),
    ("7.3.5", "a rate by its title, but the seed gives no counts (full marks)"),
    ("8.2", "points only in the seed (full marks)"),
    ("8.3.1", "enterprises 306 -> 399 (+30.39%) scored full; smaller increases not ruled in the seed"),
    ("8.3.2", "registered capital fell (2.101,4 -> 1.532 tỷ) scored 0; increases not ruled in the seed"),
    ("8.3.3", "points only in the seed (full marks)"),
    ("8.5", "27/32 targets met -> 1.4688 (= 47/32), not 2 x 84.375% = 1.6875: rule not derivable"),
]
# Survey: sociological survey results arrive as points (notes "Điều tra xã hội học" / "Điều tra
# XHH"; 5.3.2 and 5.3.3 have no note but, like every survey row, no self-assessed points).
SURVEY: list[tuple[str, str]] = [
    *[(c, "survey of HĐND deputies and leaders") for c in ("2.4.1", "2.4.2", "2.4.3", "2.4.4")],
    *[(c, "survey of HĐND deputies and department/district leaders") for c in ("4.1.4", "4.1.5", "4.1.6", "4.3.4")],
    *[(c, "survey of HĐND deputies and leaders at all levels") for c in ("5.2.3", "5.2.4", "5.5.2")],
    *[(c, "no self-assessed points, no note: survey like 5.2.3/5.2.4") for c in ("5.3.2", "5.3.3")],
    *[(c, "survey of HĐND deputies and leaders at all levels") for c in ("5.7.1", "5.7.2", "5.7.3", "5.7.4")],
    *[(c, "survey of HĐND deputies and leaders at all levels") for c in ("6.1.4", "6.2.4", "6.2.5", "6.3.5")],
    ("7.3.2", "survey of HĐND deputies and leaders at all levels"),
    *[(c, "SIPAS, survey of citizens (Điều tra XHH người dân)") for c in ("8.1.1", "8.1.2", "8.1.3", "8.1.4", "8.1.5")],
]

# Nodes scored by a formula from FIGURES (the rest are JUDGEMENT or SURVEY leaves).
FORMULA_LEAVES = {
    "1.3.2", "3.2.3", "3.4.1", "3.4.2", "3.4.3", "4.1.3", "5.4",
    "6.1.1", "6.1.3", "7.1.4", "7.3.6", "7.3.7", "8.4",
}  # fmt: skip


def ministry(code: str) -> Decimal:
    """The printed "Bộ Nội vụ đánh giá" cell of a row."""
    value = PRINTED[code][2]
    assert value is not None, code
    return D(value)


def self_assessed(code: str) -> Decimal:
    """The printed "Điểm tự đánh giá" cell of a row."""
    value = PRINTED[code][1]
    assert value is not None, code
    return D(value)


def points_input(code: str) -> str:
    return "p_" + code.replace(".", "_")


def ministry_inputs(**overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = dict(FIGURES)
    for code, _reason in [*JUDGEMENT, *SURVEY]:
        inputs[points_input(code)] = ministry(code)
    inputs.update(overrides)
    return inputs


# The Ministry's printed rates for 3.4.1 (99,876%) and 6.1.3 (81,1%), written as counts.
PRINTED_RATES_AS_COUNTS = {
    "received_dept": 100_000,
    "on_time_dept": 99_876,
    "audit_required": 1_000,
    "audit_handled": 811,
}

# Where scenario 1 (the printed counts) does not give the printed Ministry number: code ->
# (what the ruleset gives, why).
FROM_COUNTS: dict[str, tuple[str, str]] = {
    "1.3.2": (
        "1.00",
        "printed 0.98 (004:271, as in the self column), but the Ministry's 1.3 = 2.00 (004:269) and "
        "field 1 = 8.6183 (004:266) only add up with 1.00: 0.5 + 0.5 x 72/(75 - 3 not yet due)",
    ),
    "3.4.1": (
        "1.4982",
        "the printed counts 66,108/66,186 = 99.8821% -> 1.4982; the Ministry printed 1.4981 from its "
        "printed rate 99.876% (004:306): the note disagrees with itself",
    ),
    "3.4": ("4.9635", "printed 4.9634 (004:305) + 0.0001 from 3.4.1"),
    "3": ("12.3715", "printed 12.3714 (004:291) + 0.0001 from 3.4.1"),
    "6.1.3": (
        "0.8114",
        "98,700/121,646 = 81.137% -> 0.8114; the Ministry printed 0.811 from its printed rate 81.1% (004:364)",
    ),
    "6.1": ("3.2795", "printed 3.2791 (004:361) + 0.0004 from 6.1.3"),
    "6": ("10.3373", "printed 10.3369 (004:360) + 0.0004 from 6.1.3"),
    "5": (
        "11.7808",
        "printed 11.7898 (004:334) is not the sum of its printed criteria "
        "1.25 + 2.2282 + 2.4636 + 0.5 + 1.7764 + 0.5 + 3.0626 = 11.7808; the printed total 84.4089 "
        "(004:417) is the sum of the fields only with 11.7808 (the printed field subtotals add up to 84.4179)",
    ),
}
# Scenario 2 (the printed rates written as counts): only the two places where the printed
# Ministry column disagrees with its own children.
FROM_PRINTED_RATES = {code: FROM_COUNTS[code] for code in ("1.3.2", "5")}


@pytest.fixture(scope="module")
def rs() -> parrules.Ruleset:
    return parrules.load("national-2022")


# ---------------------------------------------------------------- the tree


def test_tree_shape_and_maxima(rs: parrules.Ruleset) -> None:
    """8 fields, 37 criteria, 88 sub-criteria (seed 004 section I); every max as printed but 8.4."""
    kinds = [node.kind for node in rs.ast.nodes()]
    assert (kinds.count("field"), kinds.count("criterion"), kinds.count("sub")) == (8, 37, 88)
    assert set(rs.codes) == set(PRINTED)
    for code, (printed_max, _self, _ministry) in PRINTED.items():
        if code == "8.4":
            # printed 1.00 (004:415) but scored out of 1.5: the top rank band gives 1.5, the
            # self-assessment gives 1.50, and field 8 = 16.5 only adds up with 1.5.
            assert printed_max == "1.00"
            assert rs.node(code).max == D("1.5")
            continue
        assert printed_max is not None
        assert rs.node(code).max == D(printed_max), code
    assert rs.scale == D(100) == D(PRINTED_TOTAL[0])
    assert rs.warnings == ()


def test_inputs_cover_every_leaf(rs: parrules.Ruleset) -> None:
    """Every leaf is exactly one of: a formula, a judgement input, a survey input."""
    judged = {code for code, _ in JUDGEMENT}
    surveyed = {code for code, _ in SURVEY}
    assert not (judged & surveyed) and not (judged & FORMULA_LEAVES) and not (surveyed & FORMULA_LEAVES)
    assert judged | surveyed | FORMULA_LEAVES == set(rs.leaf_codes)
    for code in surveyed:
        assert rs.source_of(code) == "survey", code
        assert PRINTED[code][1] is None, code  # no self-assessed points
    for code in judged | FORMULA_LEAVES:
        assert rs.source_of(code) == "appraisal", code
    assert set(rs.inputs) == set(FIGURES) | {points_input(c) for c in judged | surveyed}


def test_agencies_from_phu_luc_01(rs: parrules.Ruleset) -> None:
    # seed 004 Phụ lục 01, column "Đơn vị phụ trách" (004:247-254)
    assert rs.agency_of("1.3.2") == "Sở Nội vụ; Văn phòng UBND tỉnh"
    assert rs.agency_of("2.4.1") == "Sở Tư pháp"
    assert rs.agency_of("3.4.1") == "Văn phòng UBND tỉnh"
    assert rs.agency_of("4.1.3") == "Sở Nội vụ"
    assert rs.agency_of("5.4") == "Sở Nội vụ"
    assert rs.agency_of("6.1.1") == "Sở Tài chính"
    assert rs.agency_of("7.3.6") == "Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông"
    assert rs.agency_of("8.4") == "Sở Kế hoạch và Đầu tư; Sở Tài chính"


# ---------------------------------------------------------------- scenario 1: the printed counts


def test_ministry_column_from_printed_figures(rs: parrules.Ruleset) -> None:
    card = rs.evaluate(ministry_inputs(), unit="Hà Giang")
    for code, (_max, _self, printed) in PRINTED.items():
        assert printed is not None
        expected = FROM_COUNTS[code][0] if code in FROM_COUNTS else printed
        assert card[code].score == D(expected), (code, card[code].score, expected)
    # The exceptions, each explicitly:
    assert card["1.3.2"].score == D("1.00")  # printed 0.98; 1.3 = 2.00 and field 1 = 8.6183 need 1.00
    assert card["1.3"].score == D("2.00") == ministry("1.3")
    assert card["1"].score == D("8.6183") == ministry("1")
    assert card["3.4.1"].score == D("1.4982")  # 66,108/66,186 = 99.8821%; printed 1.4981 from 99.876%
    assert card["6.1.3"].score == D("0.8114")  # 98,700/121,646 = 81.137%; printed 0.811 from 81.1%
    assert card["5"].score == D("11.7808")  # printed 11.7898 is not the sum of its printed criteria
    assert sum((ministry(c) for c in ("5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7")), D(0)) == D("11.7808")
    assert sum((ministry(str(f)) for f in range(1, 9)), D(0)) == D("84.4179")  # the printed field subtotals
    # total = printed 84.4089 + 0.0001 (3.4.1 from counts) + 0.0004 (6.1.3 from counts)
    assert card.total == D("84.4089") + D("0.0001") + D("0.0004") == D("84.4094")
    assert card.index == D("84.41")
    assert classify(rs, card) == "Nhóm B"


def test_formulas_from_the_notes(rs: parrules.Ruleset) -> None:
    """Each formula node, from the notes column, against the printed Ministry point."""
    card = rs.evaluate(ministry_inputs())
    assert card["3.2.3"].score == D("0.6580")  # 0.5 + 0.5 x 109,024/345,007 (31.60%) = 0.658; 004:299
    assert card["3.4.2"].score == D("1.4699")  # 1.5 x 43,669/44,564 (97.9917%); 004:307
    assert card["3.4.3"].score == D("0.9954")  # 1 x 230,906/231,978 (99.5379%); 004:308
    assert card["4.1.3"].score == D("0.5463")  # (897 - 799)/897 = 10.9253% of the 20% target; 004:320
    assert card["5.4"].score == D("0.5")  # leaders at department/district level disciplined; 004:348
    assert card["6.1.1"].score == D("0.7046")  # 4,002,783/5,680,897 = 70.4604%; 004:362
    assert card["7.1.4"].score == D("0.40")  # 6/15; 004:385
    assert card["7.3.6"].score == D("0.6362")  # 1.5 x 42.41% = 0.63615, half-up; 004:398
    assert card["7.3.7"].score == D("1.0712")  # 0.5 + 0.5 x 61.5384% + 0.5 x 52.70% = 1.071192; 004:399
    assert card["8.4"].score == D("0.5")  # nhóm 13 địa phương thấp nhất; 004:415
    # SIPAS is rounded to 2 decimals before it is added: 7.783 -> 7.78 (004:401-406)
    leaves = sum(card[c].score for c in ("8.1.1", "8.1.2", "8.1.3", "8.1.4", "8.1.5"))
    assert leaves == D("7.783")
    assert card["8.1"].score == D("7.78")


# ---------------------------------------------------------------- scenario 2: the printed rates


def test_published_total_from_printed_rates(rs: parrules.Ruleset) -> None:
    """3.4.1 and 6.1.3 fed the Ministry's printed rate, written as a count: 99,876/100,000 and
    811/1,000.  Then every printed number is reproduced but 1.3.2 and field 5 (explained above),
    and the total is the published 84.4089 (004:417), index 84.41% and group B (004:53; bands 004:45-49)."""
    card = rs.evaluate(ministry_inputs(**PRINTED_RATES_AS_COUNTS), unit="Hà Giang")
    for code, (_max, _self, printed) in PRINTED.items():
        assert printed is not None
        expected = FROM_PRINTED_RATES[code][0] if code in FROM_PRINTED_RATES else printed
        assert card[code].score == D(expected), (code, card[code].score, expected)
    assert card["3.4.1"].score == D("1.4981")
    assert card["6.1.3"].score == D("0.811")
    assert card.total == D("84.4089") == D(PRINTED_TOTAL[2])
    assert card.index == D("84.41")
    assert classify(rs, card) == "Nhóm B"


def test_survey_and_content_split(rs: parrules.Ruleset) -> None:
    """004:421-425: survey 25,47/32 points, of which SIPAS 7,78/10 and officials 17,69/22."""
    card = rs.evaluate(ministry_inputs(**PRINTED_RATES_AS_COUNTS))
    by_source = card.by_source()
    survey_points, survey_max = by_source["survey"]
    appraisal_points, appraisal_max = by_source["appraisal"]
    assert set(by_source) == {"survey", "appraisal"}
    assert (survey_max, appraisal_max) == (D(32), D(68))  # 004:419-421: .../68 and .../32
    assert survey_points == D("25.4716")  # leaves: SIPAS unrounded (7.783)
    assert survey_points.quantize(D("0.01")) == D("25.47")
    assert (survey_points - D("7.783")).quantize(D("0.01")) == D("17.69")
    assert card["8.1"].score == D("7.78")
    # the leaves add up to the total but for the 0.003 SIPAS loses to its rounding
    assert appraisal_points + survey_points - D("0.003") == card.total == D("84.4089")


# ---------------------------------------------------------------- the self-assessed column


def test_self_assessed_column_where_a_formula_applies(rs: parrules.Ruleset) -> None:
    """Column "Điểm tự đánh giá": the province counted all 75 issues as due (not_due = 0)."""
    card = rs.evaluate(ministry_inputs(inspection_issues_not_due=0, **PRINTED_RATES_AS_COUNTS))
    assert card["1.3.2"].score == D("0.98") == self_assessed("1.3.2")  # 0.5 + 0.5 x 72/75; 004:271
    # the self column's field 1 (9,48, 004:266) counts 1.3.2 at 0.98 (its 1.3 prints 2.00: another
    # place where the seed disagrees with itself)
    assert self_assessed("1") == D("9.5") - D("1.00") + D("0.98")
    for code in ("3.4.1", "3.4.2", "3.4.3", "4.1.3", "5.4", "6.1.3", "7.3.6", "7.3.7"):
        assert card[code].score == self_assessed(code), code  # same figures as the Ministry
    # 3.4.1 self 1.4981 and 6.1.3 self 0.811 also follow the printed rates, not the counts:
    counted = rs.evaluate(ministry_inputs(inspection_issues_not_due=0))
    assert counted["3.4.1"].score == D("1.4982") != self_assessed("3.4.1")
    assert counted["6.1.3"].score == D("0.8114") != self_assessed("6.1.3")
    # Not reproduced: 3.2.3 self 1.00, 6.1.1 self 0.7768, 7.1.4 self 0.80 come from the province's
    # own figures, which the seed does not give; 8.4 self 1.50 is the top band, but the province
    # is in the lowest group (004:415).


# ---------------------------------------------------------------- rules across the range


def test_budget_rank_bands(rs: parrules.Ruleset) -> None:
    """004:137: Nhóm 1 (1-10) 1.5; Nhóm 2 (11-30) 1.0; Nhóm 3 (31-50) 0.75; Nhóm 4 (51-63) 0.5."""
    base = ministry_inputs()
    for rank, points in [
        (1, "1.5"),
        (10, "1.5"),
        (11, "1"),
        (30, "1"),
        (31, "0.75"),
        (50, "0.75"),
        (51, "0.5"),
        (63, "0.5"),
    ]:
        assert rs.evaluate({**base, "budget_revenue_rank": rank})["8.4"].score == D(points), rank
    for rank in (0, 64):
        with pytest.raises(parrules.InputError):
            rs.evaluate({**base, "budget_revenue_rank": rank})


def test_discipline_levels(rs: parrules.Ruleset) -> None:
    base = ministry_inputs()
    assert rs.evaluate({**base, "discipline": "none"})["5.4"].score == D("1.5")
    assert rs.evaluate({**base, "discipline": "dept_district_leaders"})["5.4"].score == D("0.5")


def test_constraints_reject_impossible_figures(rs: parrules.Ruleset) -> None:
    with pytest.raises(parrules.InputError):
        rs.evaluate(ministry_inputs(on_time_dept=66_187))
    with pytest.raises(parrules.InputError):  # 72 resolved of 75 - 4 due
        rs.evaluate(ministry_inputs(inspection_issues_not_due=4))


# ---------------------------------------------------------------- the checker catches the seed as printed


def _line_of(fragment: str) -> int:
    return next(i for i, line in enumerate(TEXT.splitlines(), start=1) if fragment in line)


def test_checker_catches_8_4_max_as_printed() -> None:
    line = _line_of("criterion 8.4 ")
    lines = TEXT.splitlines()
    assert " max 1.5 {" in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(" max 1.5 {", " max 1.00 {")  # as printed, 004:415
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.loads("\n".join(lines), str(RULESET))
    found = [(d.code, d.message) for d in caught.value.diagnostics]
    assert ("E120", "the children of 8 add up to 16, but its max is 16.5") in found
    assert "the children of 8 add up to 16, but its max is 16.5" in str(caught.value)


def test_checker_catches_duplicate_5_1_2_as_printed() -> None:
    first = _line_of('sub 5.1.2 "')
    assert TEXT.count('sub 5.1.3 "') == 1
    printed = TEXT.replace('sub 5.1.3 "', 'sub 5.1.2 "')  # as printed, 004:337-338
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.loads(printed, str(RULESET))
    found = [(d.code, d.message) for d in caught.value.diagnostics]
    assert ("E110", f"code 5.1.2 is used twice (first at line {first})") in found
    assert "code 5.1.2 is used twice" in str(caught.value)


# ---------------------------------------------------------------- explanations


def test_explain_7_3_6(rs: parrules.Ruleset) -> None:
    card = rs.evaluate(ministry_inputs(), unit="Hà Giang")
    text = card.explain("7.3.6")
    assert "42.41" in text
    assert "0.6362" in text
    assert f"rulesets/national-2022.par:{_line_of('score max * online_full_rate')}:" in text


# ---------------------------------------------------------------- the shipped worked examples


def test_shipped_cases_are_this_file_and_pass(rs: parrules.Ruleset) -> None:
    """rulesets/national-2022.cases.toml carries the numbers above (each with its 004:N) and
    `parrules test national-2022` runs it: the same runner, the same seed numbers."""
    from parrules.cases import default_cases, read_cases, run_cases

    (path,) = default_cases(rs)
    counts, rates, self_column = read_cases(path, rs)
    assert counts.inputs == ministry_inputs()
    assert counts.points == {code: D(FROM_COUNTS[code][0] if code in FROM_COUNTS else row[2]) for code, row in PRINTED.items()}  # type: ignore[arg-type]
    assert (counts.total, counts.index, counts.klass) == (D("84.4094"), D("84.41"), "Nhóm B")
    assert rates.inputs == ministry_inputs(**PRINTED_RATES_AS_COUNTS)
    assert rates.total == D(PRINTED_TOTAL[2])  # 004:417, the published total
    assert rates.points["3.4.1"] == ministry("3.4.1") and rates.points["6.1.3"] == ministry("6.1.3")
    assert self_column.inputs == ministry_inputs(inspection_issues_not_due=0, **PRINTED_RATES_AS_COUNTS)
    assert all(self_column.points[code] == self_assessed(code) for code in self_column.points)
    results = run_cases(rs, [counts, rates, self_column])
    assert [r.passed for r in results] == [True, True, True], "\n".join(r.report() for r in results)
    assert sum(len(r.checks) for r in results) == 156
