{#- 催收效果 without what D alone sets (fct_collection_action_outcomes adds the promise's
    status and D), per action: every collection action on or before D with what followed it.
    - Payments are the customer's receipts on the action's deal (positive, deal receipts:
      reservation fees and true-up refunds excluded; bank loan receipts are not the
      customer's answer to a dunning call), dated on or before D.
    - Attribution is last touch: a payment is credited to the latest action on its deal
      dated on or before the payment (same day included), if no more than
      recovery_long_days (30, seed team_settings) before it; so no yuan is credited twice.
      Recovered within 7 / 30 days = credited payments dated at most 7 / 30 days after the
      action. Days to payment = days from the action to its first credited payment.
    - A promise (承诺) is kept when the customer paid in full by the promised date: their
      payments on the deal dated from the action date to the promised date reach the
      promised amount (with no promised amount: every customer line of the deal due on or
      before the action date and open then is settled by the promised date). Not kept and
      the promised date before D: broken; promised date on or after D: pending (in the
      view; this table holds whether the promise was kept).

    Incremental (macros/team_incremental.sql): a day of new receipts works out again the
    actions of the deals whose payments, settled lines or actions it can change. -#}
-- depends_on: {{ ref('stg_finance__receipts_changed') }}
-- depends_on: {{ ref('int_receipt_events_changed') }}
-- depends_on: {{ ref('int_receipt_events_accumulated_all_dates') }}
-- depends_on: {{ ref('int_schedule_lines_keyed') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ prune_on_as_of_move(collection_outcomes_not_kept) }}",
    batched={'rows_of': 'stg_finance__collection_actions', 'rows_per_gb': 1000000},
) }}

{%- set as_of_literal = as_of_date_literal() %}
with settings as (
    select
        {{ team_setting('recovery_short_days', 7) }} as short_days,
        {{ team_setting('recovery_long_days', 30) }} as long_days
),

deals as (
    select * from {{ ref('int_deals_joined') }}
),

merged as (
    select * from {{ ref('int_customers_merged_duplicates') }}
),

actions as (
    select
        coalesce(by_contract.deal_id, by_subscription.deal_id) as deal_id,
        a.action_id,
        a.contract_id,
        a.subscription_id,
        a.action_date,
        a.action_type,
        a.staff_id,
        a.outcome,
        a.promised_date,
        a.promised_amount
    from {{ ref('stg_finance__collection_actions') }} as a
    left join deals as by_contract on a.contract_id = by_contract.contract_id
    left join deals as by_subscription
        on by_contract.deal_id is null and a.subscription_id = by_subscription.subscription_id
    where a.action_date <= {{ as_of_literal }}
        and {{ batch_filter('coalesce(by_contract.deal_id, by_subscription.deal_id)') }}
        {{ where_not_kept('a.action_id', 'action_id') }}
),

payments as (
    select r.receipt_id, r.deal_id, r.receipt_date, r.receipt_amount
    from {{ ref('int_receipts_keyed') }} as r
    where r.payer = 'customer'
        and r.is_fifo_receipt
        and r.receipt_amount > 0
        and r.receipt_date <= {{ as_of_literal }}
        and {{ batch_filter('r.deal_id') }}
        {%- if is_incremental() %}
        and r.deal_id in (select deal_id from actions)
        {%- endif %}
),

-- the action a payment is credited to: the latest on its deal on or before the payment
-- (several on one day: the highest action_id)
action_days as (
    select deal_id, action_date, max(action_id) as action_id
    from actions
    where deal_id is not null
    group by deal_id, action_date
),

credited as (
    select
        action_days.action_id,
        payments.receipt_date,
        payments.receipt_amount,
        cast(payments.receipt_date - action_days.action_date as integer) as days_after
    from payments
    asof inner join action_days
        on payments.deal_id = action_days.deal_id
        and payments.receipt_date >= action_days.action_date
    cross join settings
    where payments.receipt_date - action_days.action_date <= settings.long_days
),

recovered as (
    select
        credited.action_id,
        sum(credited.receipt_amount) filter (where credited.days_after <= settings.short_days)
            as recovered_short_amount,
        sum(credited.receipt_amount) as recovered_long_amount,
        min(credited.receipt_date) as first_payment_date,
        min(credited.days_after) as days_to_payment
    from credited
    cross join settings
    group by credited.action_id
),

promised_paid as (
    select
        actions.action_id,
        coalesce(sum(payments.receipt_amount), 0) as paid_by_promised_date_amount
    from actions
    left join payments
        on actions.deal_id = payments.deal_id
        and payments.receipt_date >= actions.action_date
        and payments.receipt_date <= actions.promised_date
    where actions.promised_date is not null
    group by actions.action_id
),

-- without a promised amount: the customer lines open at the action date, all settled by
-- the promised date?
promised_lines as (
    select
        actions.action_id,
        count(lines.schedule_id) as open_lines,
        count(lines.schedule_id) filter (where lines.settled_date <= actions.promised_date)
            as lines_settled_by_promise
    from actions
    left join {{ ref('fct_line_settlements') }} as lines
        on actions.deal_id = lines.deal_id
        and lines.payer = 'customer'
        and lines.due_date <= actions.action_date
        and (lines.settled_date is null or lines.settled_date > actions.action_date)
    where actions.promised_date is not null and actions.promised_amount is null
    group by actions.action_id
),

scored as (
    select
        actions.*,
        promised_paid.paid_by_promised_date_amount,
        case
            when actions.promised_date is null then null
            when actions.promised_amount is not null
                then promised_paid.paid_by_promised_date_amount >= actions.promised_amount
            else promised_lines.open_lines = promised_lines.lines_settled_by_promise
        end as is_promise_kept
    from actions
    left join promised_paid on actions.action_id = promised_paid.action_id
    left join promised_lines on actions.action_id = promised_lines.action_id
)

select
    scored.action_id,
    scored.deal_id,
    scored.contract_id,
    scored.subscription_id,
    deals.project_id,
    coalesce(merged.surviving_customer_id, deals.customer_id) as customer_id,
    deals.consultant_id,
    scored.staff_id,
    -- the action
    scored.action_type,
    scored.action_date,
    cast(date_trunc('month', scored.action_date) as date) as action_month,
    scored.outcome,
    -- the promise
    scored.promised_date is not null as has_promise,
    scored.promised_date,
    scored.promised_amount,
    scored.paid_by_promised_date_amount,
    scored.is_promise_kept,
    case when scored.promised_date is not null and not scored.is_promise_kept
        and scored.promised_amount is not null
        then scored.promised_amount - scored.paid_by_promised_date_amount end as promise_shortfall_amount,
    -- what followed
    coalesce(recovered.recovered_short_amount, 0)::decimal(18, 2) as recovered_7d_amount,
    coalesce(recovered.recovered_long_amount, 0)::decimal(18, 2) as recovered_30d_amount,
    recovered.first_payment_date,
    recovered.days_to_payment
from scored
left join deals on scored.deal_id = deals.deal_id
left join merged on deals.customer_id = merged.customer_id
left join recovered on scored.action_id = recovered.action_id
