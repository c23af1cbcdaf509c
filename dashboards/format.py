"""How numbers, dates and labels are shown: amounts in 万元 with the exact yuan kept for
detail, and every label in Chinese or English."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import streamlit as st

WAN = Decimal(10_000)

LABELS = {
    "app_title": ("回笼 · 销售回款管理报表", "Huilong · sales and collections reports"),
    "collections": ("回款", "Collections"),
    "cash_collected": ("回款金额", "Cash collected"),
    "month": ("月份", "Month"),
    "receipt_count": ("收款笔数", "Receipts"),
    "refunds_amount": ("退款", "Refunds"),
    "reservation_fees_amount": ("认筹金", "Reservation fees"),
    "total_collected": ("累计回款", "Total collected"),
    "latest_month": ("最近月份回款", "Latest month collected"),
    "monthly_trend": ("月度回款趋势", "Monthly collections"),
    "wan_yuan": ("万元", "10k yuan"),
    "yuan": ("元", "yuan"),
    "as_of": ("数据截至", "Data as of"),
    "language": ("语言", "Language"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "no_data": ("暂无数据", "No data yet"),
    "no_warehouse": ("尚未生成数据仓库：请先运行 `huilong build`。", "No warehouse yet: run `huilong build` first."),
}


def lang() -> str:
    return st.session_state.get("lang", "zh")


def t(key: str) -> str:
    """The label in the chosen language (Chinese first, as the reports are read in China)."""
    zh, en = LABELS.get(key, (key, key))
    return zh if lang() == "zh" else en


def to_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def wan(value, places: int = 2) -> str:
    """An amount in yuan shown in 万元, e.g. 12,345,678.90 -> '1,234.57'."""
    if value is None:
        return "—"
    amount = (to_decimal(value) / WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,}"


def yuan(value) -> str:
    """The exact amount to the fen, e.g. '12,345,678.90'."""
    if value is None:
        return "—"
    return f"{to_decimal(value).quantize(Decimal('0.01')):,}"
