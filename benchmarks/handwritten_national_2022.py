"""The yardstick: the national 2022 rules written by hand as one straight-line Decimal function.

benchmarks/bench_evaluate.py times the compiled evaluator against this.  It does the
same work a careful person would: read and validate every input (present, a finite
Decimal of sensible size, whole and >= 0 for counts, within bounds, constraints),
compute each sub-criterion, round half-up to 4 places, sum parents capped at their
max (8.1 rounded to 2 places), and track the maxima that apply when a rate's whole is
0 (4.1.3, 6.1.1, 7.1.4).  The survey and judgement points are read in the same way.
It returns (scores, applicable maxima) in the ruleset's tree order.  Kept by hand:
when rulesets/national-2022.par changes, change this too (the benchmark checks both
agree on 200 units before timing).
"""

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

D = Decimal
CTX = Context(prec=40, rounding=ROUND_HALF_UP)
Q4 = D("0.0001")
Q2 = D("0.01")
ZERO = D(0)
HALF = D("0.5")
ONE = D(1)
C_0_2 = D("0.2")
C_0_25 = D("0.25")
C_0_50 = D("0.50")
C_0_75 = D("0.75")
C_1_00 = D("1.00")
C_1_5 = D("1.5")
C_1_50 = D("1.50")
C_1_75 = D("1.75")
C_2_00 = D("2.00")
C_2_50 = D("2.50")
C_2_75 = D("2.75")
C_3_00 = D("3.00")
C_3_50 = D("3.50")
C_4_00 = D("4.00")
C_5_00 = D("5.00")
C_6_50 = D("6.50")
C_7_00 = D("7.00")
C_9_50 = D("9.50")
C_10_00 = D("10.00")
C_10_5 = D("10.5")
C_12_00 = D("12.00")
C_13_00 = D("13.00")
C_13_50 = D("13.50")
C_15_00 = D("15.00")
C_16_50 = D("16.50")


class Bad(Exception):
    pass


def num(value, name):
    if value is None:
        raise Bad(f"{name} is missing")
    if value.__class__ is not D:
        if isinstance(value, bool) or not isinstance(value, (int, str, D)):
            raise Bad(f"{name} is not a number")
        value = D(value)
    if not value.is_finite() or not -21 < value.adjusted() < 16:
        raise Bad(f"{name} is out of range")
    return value


def count(value, name):
    value = num(value, name)
    if value < 0 or value != value.to_integral_value():
        raise Bad(f"{name} is not a count")
    return value


def points(value, name, top):
    if value is None or value.__class__ is not D or not value.is_finite() or not -21 < value.adjusted() < 16:
        value = num(value, name)
    if value < 0 or value > top:
        raise Bad(f"{name} is outside 0..{top}")
    return value


def percent(value, name):
    if value is None or value.__class__ is not D or not value.is_finite() or not -21 < value.adjusted() < 16:
        value = num(value, name)
    if value < 0 or value > 100:
        raise Bad(f"{name} is outside 0..100")
    return value.scaleb(-2)


def money(value, name):
    if value is None or value.__class__ is not D or not value.is_finite() or not -21 < value.adjusted() < 16:
        value = num(value, name)
    if value < 0:
        raise Bad(f"{name} is negative")
    return value


def evaluate(inputs):
    get = inputs.get
    found = count(get("inspection_issues_found"), "inspection_issues_found")
    resolved = count(get("inspection_issues_resolved"), "inspection_issues_resolved")
    not_due = count(get("inspection_issues_not_due"), "inspection_issues_not_due")
    portal_required = count(get("portal_required"), "portal_required")
    portal_synced = count(get("portal_synced"), "portal_synced")
    received_dept = count(get("received_dept"), "received_dept")
    on_time_dept = count(get("on_time_dept"), "on_time_dept")
    received_district = count(get("received_district"), "received_district")
    on_time_district = count(get("on_time_district"), "on_time_district")
    received_commune = count(get("received_commune"), "received_commune")
    on_time_commune = count(get("on_time_commune"), "on_time_commune")
    units_2015 = count(get("public_units_2015"), "public_units_2015")
    units_now = count(get("public_units_now"), "public_units_now")
    discipline = get("discipline")
    if discipline not in ("none", "dept_district_leaders"):
        raise Bad("discipline is not an option")
    planned = money(get("invest_planned"), "invest_planned")
    disbursed = money(get("invest_disbursed"), "invest_disbursed")
    audit_required = money(get("audit_required"), "audit_required")
    audit_handled = money(get("audit_handled"), "audit_handled")
    ndxp_available = count(get("ndxp_available"), "ndxp_available")
    ndxp_in_use = count(get("ndxp_in_use"), "ndxp_in_use")
    online_full = percent(get("online_full_rate"), "online_full_rate")
    pay_procedures = percent(get("online_payment_procedures_rate"), "online_payment_procedures_rate")
    pay_dossiers = percent(get("online_payment_dossiers_rate"), "online_payment_dossiers_rate")
    budget_rank = count(get("budget_revenue_rank"), "budget_revenue_rank")
    if budget_rank < 1 or budget_rank > 63:
        raise Bad("budget_revenue_rank is outside 1..63")
    s1_1 = points(get("p_1_1"), "p_1_1", C_1_50)
    s1_2 = points(get("p_1_2"), "p_1_2", C_0_50)
    s1_3_1 = points(get("p_1_3_1"), "p_1_3_1", C_1_00)
    s1_4 = points(get("p_1_4"), "p_1_4", C_1_00)
    s1_5 = points(get("p_1_5"), "p_1_5", C_2_00)
    s1_6 = points(get("p_1_6"), "p_1_6", C_1_00)
    s1_7 = points(get("p_1_7"), "p_1_7", C_1_50)
    s2_1_1 = points(get("p_2_1_1"), "p_2_1_1", C_2_00)
    s2_1_2 = points(get("p_2_1_2"), "p_2_1_2", C_1_00)
    s2_2_1 = points(get("p_2_2_1"), "p_2_2_1", C_0_50)
    s2_2_2 = points(get("p_2_2_2"), "p_2_2_2", C_1_00)
    s2_3 = points(get("p_2_3"), "p_2_3", C_1_50)
    s2_4_1 = points(get("p_2_4_1"), "p_2_4_1", C_1_00)
    s2_4_2 = points(get("p_2_4_2"), "p_2_4_2", C_1_00)
    s2_4_3 = points(get("p_2_4_3"), "p_2_4_3", C_1_00)
    s2_4_4 = points(get("p_2_4_4"), "p_2_4_4", C_1_00)
    s3_1 = points(get("p_3_1"), "p_3_1", C_1_00)
    s3_2_1 = points(get("p_3_2_1"), "p_3_2_1", C_0_50)
    s3_2_2 = points(get("p_3_2_2"), "p_3_2_2", C_1_50)
    s3_3_1 = points(get("p_3_3_1"), "p_3_3_1", C_1_00)
    s3_3_2 = points(get("p_3_3_2"), "p_3_3_2", C_0_50)
    s3_3_3 = points(get("p_3_3_3"), "p_3_3_3", C_0_75)
    s3_3_4 = points(get("p_3_3_4"), "p_3_3_4", C_0_75)
    s3_4_4 = points(get("p_3_4_4"), "p_3_4_4", C_0_25)
    s3_4_5 = points(get("p_3_4_5"), "p_3_4_5", C_0_75)
    s3_5_1 = points(get("p_3_5_1"), "p_3_5_1", C_0_75)
    s3_5_2 = points(get("p_3_5_2"), "p_3_5_2", C_0_25)
    s4_1_1 = points(get("p_4_1_1"), "p_4_1_1", C_1_00)
    s4_1_2 = points(get("p_4_1_2"), "p_4_1_2", C_1_50)
    s4_1_4 = points(get("p_4_1_4"), "p_4_1_4", C_1_00)
    s4_1_5 = points(get("p_4_1_5"), "p_4_1_5", C_1_00)
    s4_1_6 = points(get("p_4_1_6"), "p_4_1_6", C_1_00)
    s4_2_1 = points(get("p_4_2_1"), "p_4_2_1", C_0_50)
    s4_2_2 = points(get("p_4_2_2"), "p_4_2_2", C_0_50)
    s4_3_1 = points(get("p_4_3_1"), "p_4_3_1", C_0_50)
    s4_3_2 = points(get("p_4_3_2"), "p_4_3_2", C_0_50)
    s4_3_3 = points(get("p_4_3_3"), "p_4_3_3", C_1_00)
    s4_3_4 = points(get("p_4_3_4"), "p_4_3_4", C_1_00)
    s5_1_1 = points(get("p_5_1_1"), "p_5_1_1", C_0_25)
    s5_1_2 = points(get("p_5_1_2"), "p_5_1_2", C_0_75)
    s5_1_3 = points(get("p_5_1_3"), "p_5_1_3", C_0_75)
    s5_2_1 = points(get("p_5_2_1"), "p_5_2_1", C_0_25)
    s5_2_2 = points(get("p_5_2_2"), "p_5_2_2", C_0_25)
    s5_2_3 = points(get("p_5_2_3"), "p_5_2_3", C_1_00)
    s5_2_4 = points(get("p_5_2_4"), "p_5_2_4", C_1_00)
    s5_3_1 = points(get("p_5_3_1"), "p_5_3_1", C_0_75)
    s5_3_2 = points(get("p_5_3_2"), "p_5_3_2", C_1_00)
    s5_3_3 = points(get("p_5_3_3"), "p_5_3_3", C_1_00)
    s5_5_1 = points(get("p_5_5_1"), "p_5_5_1", C_1_00)
    s5_5_2 = points(get("p_5_5_2"), "p_5_5_2", C_1_00)
    s5_6 = points(get("p_5_6"), "p_5_6", C_0_50)
    s5_7_1 = points(get("p_5_7_1"), "p_5_7_1", C_1_00)
    s5_7_2 = points(get("p_5_7_2"), "p_5_7_2", C_1_00)
    s5_7_3 = points(get("p_5_7_3"), "p_5_7_3", C_1_00)
    s5_7_4 = points(get("p_5_7_4"), "p_5_7_4", C_1_00)
    s6_1_2 = points(get("p_6_1_2"), "p_6_1_2", C_1_00)
    s6_1_4 = points(get("p_6_1_4"), "p_6_1_4", C_1_00)
    s6_2_1 = points(get("p_6_2_1"), "p_6_2_1", C_0_25)
    s6_2_2 = points(get("p_6_2_2"), "p_6_2_2", C_1_00)
    s6_2_3 = points(get("p_6_2_3"), "p_6_2_3", C_0_75)
    s6_2_4 = points(get("p_6_2_4"), "p_6_2_4", C_1_00)
    s6_2_5 = points(get("p_6_2_5"), "p_6_2_5", C_1_00)
    s6_3_1 = points(get("p_6_3_1"), "p_6_3_1", C_0_25)
    s6_3_2 = points(get("p_6_3_2"), "p_6_3_2", C_0_75)
    s6_3_3 = points(get("p_6_3_3"), "p_6_3_3", C_1_00)
    s6_3_4 = points(get("p_6_3_4"), "p_6_3_4", C_1_00)
    s6_3_5 = points(get("p_6_3_5"), "p_6_3_5", C_1_00)
    s7_1_1 = points(get("p_7_1_1"), "p_7_1_1", C_0_50)
    s7_1_2 = points(get("p_7_1_2"), "p_7_1_2", C_1_00)
    s7_1_3 = points(get("p_7_1_3"), "p_7_1_3", C_1_00)
    s7_2_1 = points(get("p_7_2_1"), "p_7_2_1", C_0_50)
    s7_2_2 = points(get("p_7_2_2"), "p_7_2_2", C_1_00)
    s7_2_3 = points(get("p_7_2_3"), "p_7_2_3", C_1_50)
    s7_3_1 = points(get("p_7_3_1"), "p_7_3_1", C_0_50)
    s7_3_2 = points(get("p_7_3_2"), "p_7_3_2", C_1_00)
    s7_3_3 = points(get("p_7_3_3"), "p_7_3_3", C_1_00)
    s7_3_4 = points(get("p_7_3_4"), "p_7_3_4", C_1_00)
    s7_3_5 = points(get("p_7_3_5"), "p_7_3_5", C_0_50)
    s8_1_1 = points(get("p_8_1_1"), "p_8_1_1", C_1_50)
    s8_1_2 = points(get("p_8_1_2"), "p_8_1_2", C_1_50)
    s8_1_3 = points(get("p_8_1_3"), "p_8_1_3", C_2_50)
    s8_1_4 = points(get("p_8_1_4"), "p_8_1_4", C_2_50)
    s8_1_5 = points(get("p_8_1_5"), "p_8_1_5", C_2_00)
    s8_2 = points(get("p_8_2"), "p_8_2", C_1_00)
    s8_3_1 = points(get("p_8_3_1"), "p_8_3_1", C_0_50)
    s8_3_2 = points(get("p_8_3_2"), "p_8_3_2", C_0_50)
    s8_3_3 = points(get("p_8_3_3"), "p_8_3_3", C_1_00)
    s8_5 = points(get("p_8_5"), "p_8_5", C_2_00)
    with localcontext(CTX):
        if not_due > found:
            raise Bad("inspection_issues_not_due > inspection_issues_found")
        due = max(ZERO, found - not_due)
        if resolved > due or portal_synced > portal_required or on_time_dept > received_dept:
            raise Bad("a part is larger than its whole")
        if on_time_district > received_district or on_time_commune > received_commune:
            raise Bad("a part is larger than its whole")
        if audit_handled > audit_required or ndxp_in_use > ndxp_available:
            raise Bad("a part is larger than its whole")
        s1_3_2 = (HALF + HALF * (resolved / due if due else ONE)).quantize(Q4, ROUND_HALF_UP)
        s3_2_3 = (HALF + HALF * (portal_synced / portal_required if portal_required else ONE)).quantize(
            Q4, ROUND_HALF_UP
        )
        s3_4_1 = (C_1_50 * (on_time_dept / received_dept if received_dept else ONE)).quantize(Q4, ROUND_HALF_UP)
        s3_4_2 = (C_1_50 * (on_time_district / received_district if received_district else ONE)).quantize(
            Q4, ROUND_HALF_UP
        )
        s3_4_3 = (C_1_00 * (on_time_commune / received_commune if received_commune else ONE)).quantize(
            Q4, ROUND_HALF_UP
        )
        a4_1_3 = C_1_00
        if units_2015:
            s4_1_3 = (C_1_00 * min(ONE, max(ZERO, units_2015 - units_now) / units_2015 / C_0_2)).quantize(
                Q4, ROUND_HALF_UP
            )
        else:
            s4_1_3 = a4_1_3 = ZERO
        s5_4 = C_1_5 if discipline == "none" else HALF
        a6_1_1 = C_1_00
        if planned:
            s6_1_1 = (C_1_00 * min(ONE, disbursed / planned)).quantize(Q4, ROUND_HALF_UP)
        else:
            s6_1_1 = a6_1_1 = ZERO
        s6_1_3 = (C_1_00 * (audit_handled / audit_required if audit_required else ONE)).quantize(Q4, ROUND_HALF_UP)
        a7_1_4 = C_1_00
        if ndxp_available:
            s7_1_4 = (C_1_00 * (ndxp_in_use / ndxp_available)).quantize(Q4, ROUND_HALF_UP)
        else:
            s7_1_4 = a7_1_4 = ZERO
        s7_3_6 = (C_1_50 * online_full).quantize(Q4, ROUND_HALF_UP)
        s7_3_7 = (HALF + HALF * pay_procedures + HALF * pay_dossiers).quantize(Q4, ROUND_HALF_UP)
        if budget_rank <= 10:
            s8_4 = C_1_5
        elif budget_rank <= 30:
            s8_4 = ONE
        elif budget_rank <= 50:
            s8_4 = C_0_75
        else:
            s8_4 = HALF
        s8_3 = s8_3_1 + s8_3_2 + s8_3_3
        if s8_3 > C_2_00:
            s8_3 = C_2_00
        s8_1 = s8_1_1 + s8_1_2 + s8_1_3 + s8_1_4 + s8_1_5
        s8_1 = s8_1.quantize(Q2, ROUND_HALF_UP)
        if s8_1 > C_10_00:
            s8_1 = C_10_00
        s8 = s8_1 + s8_2 + s8_3 + s8_4 + s8_5
        if s8 > C_16_50:
            s8 = C_16_50
        s7_3 = s7_3_1 + s7_3_2 + s7_3_3 + s7_3_4 + s7_3_5 + s7_3_6 + s7_3_7
        if s7_3 > C_7_00:
            s7_3 = C_7_00
        s7_2 = s7_2_1 + s7_2_2 + s7_2_3
        if s7_2 > C_3_00:
            s7_2 = C_3_00
        s7_1 = s7_1_1 + s7_1_2 + s7_1_3 + s7_1_4
        if s7_1 > C_3_50:
            s7_1 = C_3_50
        a7_1 = min(C_0_50 + C_1_00 + C_1_00 + a7_1_4, C_3_50)
        s7 = s7_1 + s7_2 + s7_3
        if s7 > C_13_50:
            s7 = C_13_50
        a7 = min(a7_1 + C_3_00 + C_7_00, C_13_50)
        s6_3 = s6_3_1 + s6_3_2 + s6_3_3 + s6_3_4 + s6_3_5
        if s6_3 > C_4_00:
            s6_3 = C_4_00
        s6_2 = s6_2_1 + s6_2_2 + s6_2_3 + s6_2_4 + s6_2_5
        if s6_2 > C_4_00:
            s6_2 = C_4_00
        s6_1 = s6_1_1 + s6_1_2 + s6_1_3 + s6_1_4
        if s6_1 > C_4_00:
            s6_1 = C_4_00
        a6_1 = min(a6_1_1 + C_1_00 + C_1_00 + C_1_00, C_4_00)
        s6 = s6_1 + s6_2 + s6_3
        if s6 > C_12_00:
            s6 = C_12_00
        a6 = min(a6_1 + C_4_00 + C_4_00, C_12_00)
        s5_7 = s5_7_1 + s5_7_2 + s5_7_3 + s5_7_4
        if s5_7 > C_4_00:
            s5_7 = C_4_00
        s5_5 = s5_5_1 + s5_5_2
        if s5_5 > C_2_00:
            s5_5 = C_2_00
        s5_3 = s5_3_1 + s5_3_2 + s5_3_3
        if s5_3 > C_2_75:
            s5_3 = C_2_75
        s5_2 = s5_2_1 + s5_2_2 + s5_2_3 + s5_2_4
        if s5_2 > C_2_50:
            s5_2 = C_2_50
        s5_1 = s5_1_1 + s5_1_2 + s5_1_3
        if s5_1 > C_1_75:
            s5_1 = C_1_75
        s5 = s5_1 + s5_2 + s5_3 + s5_4 + s5_5 + s5_6 + s5_7
        if s5 > C_15_00:
            s5 = C_15_00
        s4_3 = s4_3_1 + s4_3_2 + s4_3_3 + s4_3_4
        if s4_3 > C_3_00:
            s4_3 = C_3_00
        s4_2 = s4_2_1 + s4_2_2
        if s4_2 > C_1_00:
            s4_2 = C_1_00
        s4_1 = s4_1_1 + s4_1_2 + s4_1_3 + s4_1_4 + s4_1_5 + s4_1_6
        if s4_1 > C_6_50:
            s4_1 = C_6_50
        a4_1 = min(C_1_00 + C_1_50 + a4_1_3 + C_1_00 + C_1_00 + C_1_00, C_6_50)
        s4 = s4_1 + s4_2 + s4_3
        if s4 > C_10_5:
            s4 = C_10_5
        a4 = min(a4_1 + C_1_00 + C_3_00, C_10_5)
        s3_5 = s3_5_1 + s3_5_2
        if s3_5 > C_1_00:
            s3_5 = C_1_00
        s3_4 = s3_4_1 + s3_4_2 + s3_4_3 + s3_4_4 + s3_4_5
        if s3_4 > C_5_00:
            s3_4 = C_5_00
        s3_3 = s3_3_1 + s3_3_2 + s3_3_3 + s3_3_4
        if s3_3 > C_3_00:
            s3_3 = C_3_00
        s3_2 = s3_2_1 + s3_2_2 + s3_2_3
        if s3_2 > C_3_00:
            s3_2 = C_3_00
        s3 = s3_1 + s3_2 + s3_3 + s3_4 + s3_5
        if s3 > C_13_00:
            s3 = C_13_00
        s2_4 = s2_4_1 + s2_4_2 + s2_4_3 + s2_4_4
        if s2_4 > C_4_00:
            s2_4 = C_4_00
        s2_2 = s2_2_1 + s2_2_2
        if s2_2 > C_1_50:
            s2_2 = C_1_50
        s2_1 = s2_1_1 + s2_1_2
        if s2_1 > C_3_00:
            s2_1 = C_3_00
        s2 = s2_1 + s2_2 + s2_3 + s2_4
        if s2 > C_10_00:
            s2 = C_10_00
        s1_3 = s1_3_1 + s1_3_2
        if s1_3 > C_2_00:
            s1_3 = C_2_00
        s1 = s1_1 + s1_2 + s1_3 + s1_4 + s1_5 + s1_6 + s1_7
        if s1 > C_9_50:
            s1 = C_9_50
        return (
            s1,
            s1_1,
            s1_2,
            s1_3,
            s1_3_1,
            s1_3_2,
            s1_4,
            s1_5,
            s1_6,
            s1_7,
            s2,
            s2_1,
            s2_1_1,
            s2_1_2,
            s2_2,
            s2_2_1,
            s2_2_2,
            s2_3,
            s2_4,
            s2_4_1,
            s2_4_2,
            s2_4_3,
            s2_4_4,
            s3,
            s3_1,
            s3_2,
            s3_2_1,
            s3_2_2,
            s3_2_3,
            s3_3,
            s3_3_1,
            s3_3_2,
            s3_3_3,
            s3_3_4,
            s3_4,
            s3_4_1,
            s3_4_2,
            s3_4_3,
            s3_4_4,
            s3_4_5,
            s3_5,
            s3_5_1,
            s3_5_2,
            s4,
            s4_1,
            s4_1_1,
            s4_1_2,
            s4_1_3,
            s4_1_4,
            s4_1_5,
            s4_1_6,
            s4_2,
            s4_2_1,
            s4_2_2,
            s4_3,
            s4_3_1,
            s4_3_2,
            s4_3_3,
            s4_3_4,
            s5,
            s5_1,
            s5_1_1,
            s5_1_2,
            s5_1_3,
            s5_2,
            s5_2_1,
            s5_2_2,
            s5_2_3,
            s5_2_4,
            s5_3,
            s5_3_1,
            s5_3_2,
            s5_3_3,
            s5_4,
            s5_5,
            s5_5_1,
            s5_5_2,
            s5_6,
            s5_7,
            s5_7_1,
            s5_7_2,
            s5_7_3,
            s5_7_4,
            s6,
            s6_1,
            s6_1_1,
            s6_1_2,
            s6_1_3,
            s6_1_4,
            s6_2,
            s6_2_1,
            s6_2_2,
            s6_2_3,
            s6_2_4,
            s6_2_5,
            s6_3,
            s6_3_1,
            s6_3_2,
            s6_3_3,
            s6_3_4,
            s6_3_5,
            s7,
            s7_1,
            s7_1_1,
            s7_1_2,
            s7_1_3,
            s7_1_4,
            s7_2,
            s7_2_1,
            s7_2_2,
            s7_2_3,
            s7_3,
            s7_3_1,
            s7_3_2,
            s7_3_3,
            s7_3_4,
            s7_3_5,
            s7_3_6,
            s7_3_7,
            s8,
            s8_1,
            s8_1_1,
            s8_1_2,
            s8_1_3,
            s8_1_4,
            s8_1_5,
            s8_2,
            s8_3,
            s8_3_1,
            s8_3_2,
            s8_3_3,
            s8_4,
            s8_5,
        ), (
            C_9_50,
            C_1_50,
            C_0_50,
            C_2_00,
            C_1_00,
            C_1_00,
            C_1_00,
            C_2_00,
            C_1_00,
            C_1_50,
            C_10_00,
            C_3_00,
            C_2_00,
            C_1_00,
            C_1_50,
            C_0_50,
            C_1_00,
            C_1_50,
            C_4_00,
            C_1_00,
            C_1_00,
            C_1_00,
            C_1_00,
            C_13_00,
            C_1_00,
            C_3_00,
            C_0_50,
            C_1_50,
            C_1_00,
            C_3_00,
            C_1_00,
            C_0_50,
            C_0_75,
            C_0_75,
            C_5_00,
            C_1_50,
            C_1_50,
            C_1_00,
            C_0_25,
            C_0_75,
            C_1_00,
            C_0_75,
            C_0_25,
            a4,
            a4_1,
            C_1_00,
            C_1_50,
            a4_1_3,
            C_1_00,
            C_1_00,
            C_1_00,
            C_1_00,
            C_0_50,
            C_0_50,
            C_3_00,
            C_0_50,
            C_0_50,
            C_1_00,
            C_1_00,
            C_15_00,
            C_1_75,
            C_0_25,
            C_0_75,
            C_0_75,
            C_2_50,
            C_0_25,
            C_0_25,
            C_1_00,
            C_1_00,
            C_2_75,
            C_0_75,
            C_1_00,
            C_1_00,
            C_1_5,
            C_2_00,
            C_1_00,
            C_1_00,
            C_0_50,
            C_4_00,
            C_1_00,
            C_1_00,
            C_1_00,
            C_1_00,
            a6,
            a6_1,
            a6_1_1,
            C_1_00,
            C_1_00,
            C_1_00,
            C_4_00,
            C_0_25,
            C_1_00,
            C_0_75,
            C_1_00,
            C_1_00,
            C_4_00,
            C_0_25,
            C_0_75,
            C_1_00,
            C_1_00,
            C_1_00,
            a7,
            a7_1,
            C_0_50,
            C_1_00,
            C_1_00,
            a7_1_4,
            C_3_00,
            C_0_50,
            C_1_00,
            C_1_50,
            C_7_00,
            C_0_50,
            C_1_00,
            C_1_00,
            C_1_00,
            C_0_50,
            C_1_50,
            C_1_50,
            C_16_50,
            C_10_00,
            C_1_50,
            C_1_50,
            C_2_50,
            C_2_50,
            C_2_00,
            C_1_00,
            C_2_00,
            C_0_50,
            C_0_50,
            C_1_00,
            C_1_5,
            C_2_00,
        )
