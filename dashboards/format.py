"""How numbers, dates and labels are shown: amounts in 万元 with the exact yuan kept for
detail, and every label in Chinese or English."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import streamlit as st

WAN = Decimal(10_000)

LABELS = {
    # the app and its pages
    "app_title": ("回笼 · 销售回款管理报表", "Huilong · sales and collections reports"),
    "overview": ("经营总览", "Executive overview"),
    "sales": ("销售", "Sales"),
    "collections": ("回款", "Collections"),
    "worklist": ("逾期催收", "Overdue worklist"),
    "after_sales": ("售后", "After-sales"),
    "marketing": ("营销费效", "Marketing efficiency"),
    "data_ops": ("数据运维", "Data ops"),
    # global filters
    "language": ("语言", "Language"),
    "filters": ("筛选", "Filters"),
    "projects": ("项目", "Projects"),
    "all_projects": ("全部项目", "All projects"),
    "period": ("期间（月）", "Period (months)"),
    "as_of": ("数据截至", "Data as of"),
    "as_of_note": (
        "报表为该日快照；期间仅筛选月度历史。",
        "Reports are a snapshot at this date; the period filters the monthly history only.",
    ),
    "built_at": ("生成于", "built"),
    # shared words
    "wan_yuan": ("万元", "10k yuan"),
    "yuan": ("元", "yuan"),
    "units_suffix": ("套", "units"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "no_data": ("暂无数据", "No data yet"),
    "no_warehouse": (
        "尚未生成数据仓库：请先运行 `huilong build`。",
        "No warehouse yet: run `huilong build` first.",
    ),
    "drill_down": ("明细：指标背后的数据行", "Detail: the rows behind a headline number"),
    "drill_pick": ("选择指标", "Headline number"),
    "rows": ("行", "rows"),
    "exact": ("精确金额", "Exact amount"),
    "definition": ("口径", "Definition"),
    "target": ("目标", "Target"),
    "achievement": ("完成率", "Achievement"),
    "of_target": ("完成目标", "of target"),
    "no_target": ("无计划", "no plan"),
    "all": ("全部", "All"),
    # overview
    "today_signed": ("今日签约", "Signed today"),
    "today_collected": ("今日回款", "Collected today"),
    "month_signed": ("本月签约", "Signed this month"),
    "month_collected": ("本月回款", "Collected this month"),
    "receivable": ("应收未收", "Receivable"),
    "overdue": ("逾期应收", "Overdue"),
    "overdue_ratio": ("逾期占比", "Overdue share"),
    "trend": ("月度签约与回款", "Monthly signing and collections"),
    "attention": ("需关注", "Needs attention"),
    "anomalies": ("异常预警", "Anomalies"),
    "top_overdue": ("逾期金额最大的案件", "Largest overdue cases"),
    "count": ("数量", "Count"),
    # sales
    "daily_report": ("销售日报", "Daily report"),
    "monthly_report": ("销售月报", "Monthly report"),
    "plan": ("签约计划完成", "Signing against plan"),
    "ranking": ("排行与结构", "Ranking and composition"),
    "inventory": ("货量与去化", "Inventory and saleable value"),
    "unsigned": ("认购未签约", "Subscribed, not signed"),
    "changes": ("变更与退房", "Changes and cancellations"),
    "below_floor": ("穿底价", "Below floor price"),
    "saleable_value": ("可售货值", "Saleable value"),
    "sell_through": ("去化率", "Sell-through"),
    "ytd_signed": ("本年签约", "Signed this year"),
    "quarter_signed": ("本季签约", "Signed this quarter"),
    "unsigned_amount": ("认购未签约金额", "Subscribed, not signed"),
    "overdue_unsigned_amount": ("逾期未签约金额", "Overdue unsigned"),
    "below_floor_total": ("穿底差额", "Below floor by"),
    "composition_area": ("面积段结构", "By area band"),
    "composition_price": ("总价段结构", "By total-price band"),
    "period_type": ("期间类型", "Period type"),
    "month_p": ("月", "Month"),
    "quarter_p": ("季", "Quarter"),
    "year_p": ("年", "Year"),
    "signed_amount": ("签约金额", "Signed"),
    "day": ("日期", "Day"),
    # collections
    "receipts": ("实收", "Receipts"),
    "by_customer": ("客户应收", "Receivables by customer"),
    "aging": ("账龄", "Aging"),
    "rate": ("回款率与计划", "Collection rate and plan"),
    "kpis": ("DSO / ADD / CEI", "DSO / ADD / CEI"),
    "credit": ("信用等级", "Credit grades"),
    "provisions": ("坏账准备与迁徙", "Provisions and roll rates"),
    "late_fees": ("滞纳金", "Late fees"),
    "cash_collected": ("回款金额", "Cash collected"),
    "total_collected": ("累计回款", "Total collected"),
    "period_collected": ("期间回款", "Collected in period"),
    "latest_month": ("最近月份回款", "Latest month collected"),
    "monthly_trend": ("月度回款趋势", "Monthly collections"),
    "by_item": ("按款项", "By item"),
    "by_method": ("按收款方式", "By method"),
    "aging_now": ("当前账龄", "Aging at the as-of date"),
    "aging_history": ("月末账龄历史", "Month-end aging history"),
    "collection_rate": ("回款率", "Collection rate"),
    "plan_achievement": ("回款计划完成率", "Plan achievement"),
    "total_receivable": ("应收总额", "Total receivable"),
    "provision": ("坏账准备", "Provision"),
    "late_fee_total": ("应计滞纳金", "Late fees accrued"),
    "credit_balance": ("溢收", "Credit balances"),
    "buyer_payable": ("应退客户", "Owed to buyers"),
    # cash forecast
    "cash_forecast": ("资金计划 · 回款预测", "Cash forecast"),
    "forecast_next_13w": ("未来13周预计回款", "Expected receipts, next 13 weeks"),
    "forecast_week_1": ("第1周预计回款", "Expected in week 1"),
    "forecast_weeks": ("13周预测与P10–P90区间", "13 weeks with the P10–P90 band"),
    "forecast_by_payer": ("按付款方", "By payer"),
    "forecast_by_project": ("按项目", "By project"),
    "forecast_lines": ("构成该周的应收行", "Lines that make a week"),
    "forecast_pick_week": ("选择周", "Week"),
    "forecast_band_note": (
        "P10–P90：按各行回款概率的独立伯努利近似与新增成交的历史周波动合成的正态区间。",
        "P10–P90: a normal band from each line's payment probability (independent Bernoulli) "
        "and the week-to-week spread of new business.",
    ),
    "backtest": ("预测回测", "Backtest"),
    "backtest_note": (
        "过去12个月末各做一次13周预测（仅用当日及以前的数据），与之后实际回款比较。",
        "A 13-week forecast at each of the last 12 month ends, from data dated on or before "
        "it, against the receipts that then came.",
    ),
    "wape_by_horizon": ("各预测周次的WAPE", "WAPE by horizon week"),
    "forecast_vs_actual": ("预测与实际（按预测日）", "Forecast and actual by forecast date"),
    "week_start": ("周起始日", "Week starting"),
    "week_end": ("周结束日", "Week ending"),
    "horizon_week": ("预测周次", "Horizon (week)"),
    "forecast_as_of": ("预测日", "Forecast date"),
    "expected_amount": ("预计回款（元）", "Expected (yuan)"),
    "p10_amount": ("P10（元）", "P10 (yuan)"),
    "p90_amount": ("P90（元）", "P90 (yuan)"),
    "line_expected_amount": ("已有应收行预计（元）", "From existing lines (yuan)"),
    "new_business_amount": ("新增成交预计（元）", "From new business (yuan)"),
    "forecast_amount": ("预测回款（元）", "Forecast (yuan)"),
    "actual_amount": ("实际回款（元）", "Actual (yuan)"),
    "abs_error_amount": ("绝对误差（元）", "Absolute error (yuan)"),
    "wape": ("WAPE", "WAPE"),
    "origins": ("预测次数", "Forecasts"),
    "payment_probability": ("该周回款概率", "Probability paid that week"),
    "forecast_state": ("预测依据", "Forecast basis"),
    "loan_milestone": ("贷款节点", "Loan milestone"),
    "forecast": ("模型预测", "Forecast"),
    "due_date_baseline": ("基准：按到期日回款", "Baseline: paid on due date"),
    "trailing_13w_baseline": ("基准：近13周平均", "Baseline: trailing 13-week average"),
    "ungraded": ("无记录", "No history"),
    # worklist
    "case_type": ("逾期类型", "Case"),
    "consultant": ("置业顾问", "Consultant"),
    "ladder_step": ("催收阶段", "Ladder step"),
    "money_at_risk": ("涉及金额", "Money at risk"),
    "cases": ("案件数", "Cases"),
    "broken_promises": ("失信承诺", "Broken promises"),
    "reminder_letter": ("催款通知书", "Reminder letter"),
    "letter_pick": ("选择案件生成催款通知书", "Case for a reminder letter"),
    "letter_download": ("下载通知书（可打印）", "Download letter (printable)"),
    # after-sales
    "mortgage": ("按揭进度", "Mortgage pipeline"),
    "by_stage": ("按阶段", "By stage"),
    "by_bank": ("按银行", "By bank"),
    "overdue_disbursement": ("银行逾期未放款", "Overdue disbursements"),
    "true_up": ("面积补差明细", "Area true-up detail"),
    "loans_in_pipeline": ("在途贷款", "Loans in the pipeline"),
    "true_up_buyer": ("补差客户应付", "True-up owed by buyers"),
    "true_up_refund": ("补差应退", "True-up refunds"),
    "may_cancel_count": ("可退房合同", "Contracts buyers may cancel"),
    # marketing
    "spend": ("营销费用", "Spend"),
    "by_channel": ("按渠道", "By channel"),
    "funnel": ("渠道漏斗", "Funnel by channel"),
    "cash_yield": ("费用回款追溯", "Spend traced to cash"),
    "visits_per_10k": ("每万元来电来访", "Calls+visits per 10k yuan"),
    "cost_per_visit_h": ("来访成本", "Cost per visit"),
    "cost_per_deal_h": ("成交成本", "Cost per deal"),
    "channel_month": ("渠道 × 月", "Channel × month"),
    # data ops
    "last_build": ("最近构建", "Last build"),
    "duration": ("耗时（秒）", "Duration (s)"),
    "freshness": ("数据新鲜度", "Freshness per source"),
    "file_ledger": ("文件台账", "File ledger"),
    "quarantine": ("隔离行", "Quarantined rows"),
    "dq": ("数据质量结果", "Data-quality results"),
    "dagster": ("打开 Dagster 控制台", "Open the Dagster UI"),
    "builds": ("构建记录", "Builds"),
    "status": ("状态", "Status"),
    "dq_failed": ("未通过检查", "Failed checks"),
    # enums
    "not_subscribed": ("逾期未认购", "Not subscribed"),
    "not_signed": ("逾期未签约", "Not signed"),
    "unpaid_deposit": ("逾期未交定金", "Deposit unpaid"),
    "unpaid_down_payment": ("逾期未交首付", "Down payment unpaid"),
    "unpaid_instalment": ("逾期未交分期款", "Instalment unpaid"),
    "loan_not_applied": ("逾期未办按揭", "Loan not applied"),
    "loan_not_disbursed": ("银行逾期未放款", "Loan not disbursed"),
    "none": ("未到阶段", "None yet"),
    "reminder": ("提醒", "Reminder"),
    "phone": ("电话", "Phone"),
    "letter": ("函件", "Letter"),
    "sms": ("短信", "SMS"),
    "visit": ("上门", "Visit"),
    "legal": ("法务", "Legal"),
    "not_due": ("未到期", "Not due"),
    "customer": ("客户", "Customer"),
    "bank": ("银行", "Bank"),
    "quick_cancellation": ("签约后短期退房", "Quick cancellation"),
    "repeat_canceller": ("多次退房客户", "Repeat canceller"),
    "below_floor_price": ("穿底价", "Below floor price"),
    "overdue_unsigned": ("逾期未签约", "Overdue unsigned"),
    "high_cancellation_month": ("退房率偏高月份", "High cancellation month"),
    "deposit": ("定金", "Deposit"),
    "down_payment": ("首付", "Down payment"),
    "instalment": ("分期款", "Instalment"),
    "loan": ("贷款", "Loan"),
    "area_true_up": ("面积补差", "Area true-up"),
    "late_fee": ("滞纳金", "Late fee"),
    "reservation_fee": ("认筹金", "Reservation fee"),
    # columns
    "project_id": ("项目编码", "Project code"),
    "project_name": ("项目", "Project"),
    "month": ("月份", "Month"),
    "month_end": ("月末", "Month end"),
    "receipt_count": ("收款笔数", "Receipts"),
    "refunds_amount": ("退款", "Refunds"),
    "reservation_fees_amount": ("认筹金", "Reservation fees"),
    "receipt_id": ("收款编码", "Receipt"),
    "receipt_date": ("收款日期", "Receipt date"),
    "receipt_amount": ("收款金额（元）", "Amount (yuan)"),
    "item": ("款项", "Item"),
    "method": ("收款方式", "Method"),
    "amount": ("金额（元）", "Amount (yuan)"),
    "amount_wan": ("金额（万元）", "Amount (10k yuan)"),
    "contract_id": ("合同编码", "Contract"),
    "subscription_id": ("认购编码", "Subscription"),
    "reference_id": ("业务编码", "Reference"),
    "deal_id": ("交易编码", "Deal"),
    "unit_id": ("房间编码", "Unit"),
    "customer_id": ("客户编码", "Customer"),
    "customer_name": ("客户名称", "Customer name"),
    "phone_masked": ("联系电话", "Phone"),
    "consultant_id": ("置业顾问", "Consultant"),
    "due_date": ("应收日期", "Due date"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "days_past_due": ("逾期天数", "Days past due"),
    "amount_outstanding": ("涉及金额（元）", "Amount (yuan)"),
    "escalation_step": ("催收阶段", "Step"),
    "last_action_date": ("最近催收日期", "Last action"),
    "last_action_type": ("最近催收方式", "Action type"),
    "last_action_outcome": ("结果", "Outcome"),
    "promised_date": ("承诺日期", "Promised date"),
    "promised_amount": ("承诺金额（元）", "Promised (yuan)"),
    "is_promise_broken": ("承诺失信", "Promise broken"),
    "line_count": ("笔数", "Lines"),
    "payer": ("付款方", "Payer"),
    "aging_bucket": ("账龄段", "Aging bucket"),
    "outstanding_amount": ("未收金额（元）", "Outstanding (yuan)"),
    "overdue_amount": ("逾期金额（元）", "Overdue (yuan)"),
    "due_amount": ("应收金额（元）", "Due (yuan)"),
    "amount_due": ("应收金额（元）", "Due (yuan)"),
    "net_receipts_amount": ("已收金额（元）", "Received (yuan)"),
    "credit_balance_amount": ("溢收（元）", "Credit balance (yuan)"),
    "buyer_payable_amount": ("应退客户（元）", "Owed to buyer (yuan)"),
    "deals": ("交易数", "Deals"),
    "collection_target_amount": ("回款目标（元）", "Collection target (yuan)"),
    "deal_collected": ("计入回款率的回款（元）", "Deal receipts (yuan)"),
    "opening_overdue": ("期初逾期（元）", "Opening overdue (yuan)"),
    "due_in_month": ("本月到期（元）", "Due in month (yuan)"),
    "dso_countback": ("DSO（天）", "DSO (days)"),
    "best_possible_dso": ("最佳DSO（天）", "Best possible DSO"),
    "add_days": ("ADD（天）", "ADD (days)"),
    "cei": ("CEI", "CEI"),
    "not_due_receivable": ("未到期应收（元）", "Not yet due (yuan)"),
    "credit_grade": ("信用等级", "Grade"),
    "customers": ("客户数", "Customers"),
    "avg_payment_delay_days": ("平均回款延迟（天）", "Avg payment delay (days)"),
    "provision_amount": ("坏账准备（元）", "Provision (yuan)"),
    "provision_ratio": ("计提比例", "Provision ratio"),
    "coverage_ratio": ("拨备覆盖率", "Coverage"),
    "from_bucket": ("月初账龄段", "From bucket"),
    "from_outstanding_amount": ("月初余额（元）", "Opening (yuan)"),
    "rolled_forward_amount": ("迁徙金额（元）", "Rolled (yuan)"),
    "roll_rate": ("迁徙率", "Roll rate"),
    "late_fee_amount": ("滞纳金（元）", "Late fee (yuan)"),
    "overdue_days": ("计息天数", "Overdue days"),
    "sales_date": ("日期", "Date"),
    "calls": ("来电", "Calls"),
    "visits": ("来访", "Visits"),
    "first_calls": ("首次来电", "First calls"),
    "first_visits": ("首次来访", "First visits"),
    "reservations": ("认筹", "Reservations"),
    "subscription_units": ("认购套数", "Subscribed units"),
    "subscription_amount": ("认购金额（元）", "Subscribed (yuan)"),
    "contract_units": ("签约套数", "Signed units"),
    "contract_amount": ("签约金额（元）", "Signed (yuan)"),
    "contract_area_m2": ("签约面积（㎡）", "Signed area (m²)"),
    "contract_cancellation_units": ("退房套数", "Cancelled units"),
    "contract_cancellation_amount": ("退房金额（元）", "Cancelled (yuan)"),
    "sign_target_amount": ("签约目标（元）", "Sign target (yuan)"),
    "sign_amount_achievement_rate": ("签约完成率", "Achievement"),
    "amount_achievement_rate": ("金额完成率", "Amount achievement"),
    "units_achievement_rate": ("套数完成率", "Units achievement"),
    "net_contract_amount": ("净签约金额（元）", "Net signed (yuan)"),
    "period_start": ("期间", "Period"),
    "cancellation_rate": ("退房率", "Cancellation rate"),
    "month_contract_amount": ("本月签约（元）", "Month signed (yuan)"),
    "ytd_contract_amount": ("本年签约（元）", "YTD signed (yuan)"),
    "live_contract_amount": ("在签金额（元）", "Live contracts (yuan)"),
    "month_amount_rank": ("本月排名", "Month rank"),
    "ytd_amount_rank": ("本年排名", "YTD rank"),
    "sell_through_rate": ("去化率", "Sell-through"),
    "saleable_value_amount": ("可售货值（元）", "Saleable value (yuan)"),
    "band_zh": ("分段", "Band"),
    "units_share": ("套数占比", "Units share"),
    "amount_share": ("金额占比", "Amount share"),
    "total_units": ("总套数", "Units"),
    "unreleased_units": ("未推", "Unreleased"),
    "available_units": ("可售", "Available"),
    "subscribed_units": ("已认购", "Subscribed"),
    "signed_units": ("已签约", "Signed"),
    "released_units": ("已推", "Released"),
    "subscription_date": ("认购日期", "Subscribed"),
    "sign_by_date": ("约定签约日", "Sign by"),
    "deal_price_amount": ("成交总价（元）", "Deal price (yuan)"),
    "days_overdue_unsigned": ("逾期天数", "Days overdue"),
    "change_id": ("变更编码", "Change"),
    "change_type": ("变更类型", "Type"),
    "apply_date": ("申请日期", "Applied"),
    "approve_date": ("审批日期", "Approved"),
    "days_after_signing": ("签约后天数", "Days after signing"),
    "amount_delta_amount": ("金额变化（元）", "Amount change (yuan)"),
    "reason": ("原因", "Reason"),
    "anomaly_type": ("异常类型", "Anomaly"),
    "event_date": ("日期", "Date"),
    "detail": ("说明", "Detail"),
    "sign_date": ("签约日期", "Signed"),
    "list_price_amount": ("标准总价（元）", "List price (yuan)"),
    "floor_price_amount": ("底价（元）", "Floor price (yuan)"),
    "below_floor_amount": ("低于底价（元）", "Below floor by (yuan)"),
    "service": ("业务", "Service"),
    "current_milestone": ("当前节点", "Current milestone"),
    "current_milestone_date": ("节点日期", "Milestone date"),
    "days_in_current_stage": ("停留天数", "Days in stage"),
    "loan_amount": ("贷款金额（元）", "Loan (yuan)"),
    "loan_overdue_amount": ("逾期未放款（元）", "Overdue loan (yuan)"),
    "loan_days_overdue": ("逾期天数", "Days overdue"),
    "loan_due_date": ("应放款日", "Loan due"),
    "presale_area_m2": ("预售面积（㎡）", "Pre-sale area (m²)"),
    "measured_area_m2": ("实测面积（㎡）", "Measured area (m²)"),
    "error_ratio": ("面积误差比", "Error ratio"),
    "unit_price": ("单价（元/㎡）", "Unit price (yuan/m²)"),
    "buyer_pays_amount": ("客户补差（元）", "Buyer pays (yuan)"),
    "developer_bears_amount": ("开发商承担（元）", "Developer bears (yuan)"),
    "may_cancel": ("可退房", "May cancel"),
    "channel": ("渠道", "Channel"),
    "channel_category": ("渠道类别", "Category"),
    "subscriptions": ("认购", "Subscriptions"),
    "contracts": ("签约", "Contracts"),
    "cost_per_visit": ("来访成本（元）", "Cost per visit (yuan)"),
    "visits_per_10k_yuan": ("每万元来电来访", "Calls+visits per 10k"),
    "deals_per_10k_yuan": ("每万元成交", "Deals per 10k"),
    "cost_per_deal": ("成交成本（元）", "Cost per deal (yuan)"),
    "cohort_month": ("首访月份", "Cohort month"),
    "spend_amount": ("营销费用（元）", "Spend (yuan)"),
    "cash_collected_amount": ("回款（元）", "Cash collected (yuan)"),
    "cash_yield_per_yuan": ("费用回款比", "Cash per yuan spent"),
    "build_id": ("构建编号", "Build"),
    "started_at": ("开始", "Started"),
    "finished_at": ("结束", "Finished"),
    "as_of_date": ("数据截至", "As of"),
    "duration_seconds": ("耗时（秒）", "Duration (s)"),
    "files_loaded": ("文件数", "Files"),
    "rows_loaded": ("入库行数", "Rows loaded"),
    "rows_quarantined": ("隔离行数", "Rows quarantined"),
    "files_rejected": ("拒收文件", "Files rejected"),
    "message": ("信息", "Message"),
    "table_name": ("数据表", "Table"),
    "file_name": ("文件", "File"),
    "latest_file_modified_at": ("最新文件时间", "Latest file modified"),
    "last_loaded_at": ("最近入库", "Last loaded"),
    "latest_data_date": ("最新业务日期", "Latest business date"),
    "age_hours": ("距今（小时）", "Age (hours)"),
    "files": ("文件数", "Files"),
    "rows_read": ("读取行数", "Rows read"),
    "loaded_at": ("入库时间", "Loaded"),
    "size_bytes": ("大小（字节）", "Size (bytes)"),
    "row_number": ("行号", "Row"),
    "column_name": ("列", "Column"),
    "raw_values": ("原始值", "Raw values"),
    "expectation": ("检查项", "Expectation"),
    "success": ("通过", "Passed"),
    "severity": ("级别", "Severity"),
    "unexpected_count": ("异常数", "Unexpected"),
    "element_count": ("检查行数", "Rows checked"),
    "details": ("详情", "Details"),
    "checked_at": ("检查时间", "Checked"),
}


def lang() -> str:
    return st.session_state.get("lang", "zh")


def t(key: str) -> str:
    """The label in the chosen language (Chinese first, as the reports are read in China)."""
    zh, en = LABELS.get(key, (key, key))
    return zh if lang() == "zh" else en


def with_unit(label: str, unit_key: str) -> str:
    """'回款（万元）' in Chinese, 'Cash (10k yuan)' in English."""
    return f"{label}（{t(unit_key)}）" if lang() == "zh" else f"{label} ({t(unit_key)})"


def to_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))  # NaN, NA
    except TypeError:
        return True  # pd.NA


def wan(value, places: int = 2) -> str:
    """An amount in yuan shown in 万元, e.g. 12,345,678.90 -> '1,234.57'."""
    if is_missing(value):
        return "—"
    amount = (to_decimal(value) / WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,}"


def yuan(value) -> str:
    """The exact amount to the fen, e.g. '12,345,678.90'."""
    if is_missing(value):
        return "—"
    return f"{to_decimal(value).quantize(Decimal('0.01')):,}"


def pct(value, places: int = 1) -> str:
    """A ratio as a percentage, e.g. 0.8 -> '80.0%'; a missing ratio (zero denominator) as —."""
    if is_missing(value):
        return "—"
    amount = (to_decimal(value) * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,}%"


def num(value, places: int = 0) -> str:
    """A count or a measure such as days, with thousands separators."""
    if is_missing(value):
        return "—"
    amount = to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,}"


def enum(value) -> str:
    """The label of an enum value (case type, bucket, item ...), else the value itself."""
    if is_missing(value):
        return "—"
    return t(str(value)) if str(value) in LABELS else str(value)
