"""The printable reminder letter (催款通知书) of one overdue case, as self-contained HTML."""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboards.format import LABELS, is_missing, wan, yuan

_WHAT = {
    "not_subscribed": "您于认筹时约定的认购期限已过，尚未办理认购手续",
    "not_signed": "您认购的房屋已超过约定签约日期，尚未签订《商品房买卖合同》",
    "unpaid_deposit": "您应付的定金已逾期未付清",
    "unpaid_down_payment": "您应付的首付款已逾期未付清",
    "unpaid_instalment": "您应付的分期房款已逾期未付清",
    "loan_not_applied": "您尚未按约定提交按揭（公积金）贷款申请资料",
    "loan_not_disbursed": "您所购房屋的银行按揭贷款已逾期未放款，请协助催办",
}


def _v(value, fmt=str) -> str:
    return "—" if is_missing(value) else escape(fmt(value))


def reminder_letter(case: pd.Series) -> str:
    """A one-page letter to the customer about the case, ready to print from the browser."""
    what = _WHAT.get(case["case_type"], LABELS.get(case["case_type"], (case["case_type"],))[0])
    amount = case["amount_outstanding"]
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>催款通知书 {_v(case["reference_id"])}</title>
<style>
body {{ font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 700px; margin: 40px auto; line-height: 1.9; }}
h1 {{ text-align: center; letter-spacing: 0.5em; }}
table {{ border-collapse: collapse; width: 100%; margin: 16px 0; }}
td {{ border: 1px solid #333; padding: 4px 8px; }}
.sign {{ text-align: right; margin-top: 48px; }}
@media print {{ body {{ margin: 0 auto; }} }}
</style></head><body>
<h1>催款通知书</h1>
<p>尊敬的 <b>{_v(case.get("customer_name"))}</b> 先生/女士（客户编码 {_v(case["customer_id"])}）：</p>
<p>{escape(what)}。截至 {_v(case["as_of_date"], lambda d: f"{d:%Y年%m月%d日}")}，
已逾期 <b>{_v(case["days_overdue"], lambda d: f"{int(d)}")}</b> 天，涉及金额人民币
<b>{yuan(amount)} 元</b>（{wan(amount)} 万元）。</p>
<table>
<tr><td>项目</td><td>{_v(case.get("project_name"))}</td><td>业务编码</td><td>{_v(case["reference_id"])}</td></tr>
<tr><td>逾期类型</td><td>{escape(LABELS.get(case["case_type"], (case["case_type"],))[0])}</td>
<td>应办/应付日期</td><td>{_v(case["due_date"], lambda d: f"{d:%Y-%m-%d}")}</td></tr>
<tr><td>涉及金额（元）</td><td>{yuan(amount)}</td><td>置业顾问</td><td>{_v(case["consultant_id"])}</td></tr>
</table>
<p>请您于收到本通知之日起七日内办理相关手续或付清上述款项。逾期付款将按合同约定计收滞纳金；
如已办理，请忽略本通知。如有疑问，请联系您的置业顾问。</p>
<p class="sign">销售管理部 / 财务部<br>{_v(case["as_of_date"], lambda d: f"{d:%Y年%m月%d日}")}</p>
</body></html>"""
