{#- 逾期业务 worklist at D: one row per overdue case and reference (metrics: fct_overdue_items):
    - not_subscribed (逾期未认购): reservation active at D with subscribe_by_date < D;
      amount = reservation fee held;
    - not_signed (逾期未签约): live subscription with sign_by_date < D; amount = deal price;
    - unpaid_deposit / unpaid_down_payment / unpaid_instalment (逾期未交定金/首付/分期款):
      the deal's outstanding on customer lines of that item with days past due >= 1
      (fct_receivable_lines);
    - loan_not_applied (逾期未办按揭): live mortgage / provident-fund / combined contract with no
      loan milestone (docs_complete or later) by D, var sales_loan_docs_due_days (30) days
      after signing; amount = loan amount;
    - loan_not_disbursed (银行逾期未放款): the deal's outstanding on bank loan lines with days
      past due >= 1.
    Each with its escalation step (seed escalation_ladder) and the deal's latest collection
    action and promise to pay on or before D, and the project's name and the customer's name
    and masked phone (dim_project, dim_customer) so the worklist does no join; stored in the
    worklist's order (most money at risk first). -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

deals as (
    select * from {{ ref('int_deals_snapshotted') }}
),

customers as (
    select customer_id, consultant_id from {{ ref('stg_erp__customers') }}
),

reservations as (
    select
        'not_subscribed' as case_type,
        r.project_id,
        r.reservation_id as reference_id,
        cast(null as varchar) as deal_id,
        r.customer_id,
        customers.consultant_id,
        r.subscribe_by_date as due_date,
        r.reservation_fee_amount as amount_outstanding,
        1 as line_count
    from {{ ref('stg_erp__reservations') }} as r
    cross join as_of
    left join customers on r.customer_id = customers.customer_id
    where r.reservation_date <= as_of.as_of_date
        and r.subscribe_by_date < as_of.as_of_date
        and (r.status = 'active' or coalesce(r.status_date, r.reservation_date) > as_of.as_of_date)
),

unsigned as (
    select
        'not_signed',
        s.project_id,
        s.subscription_id,
        d.deal_id,
        s.customer_id,
        s.consultant_id,
        s.sign_by_date,
        s.deal_price_amount,
        1
    from {{ ref('fct_subscriptions') }} as s
    left join deals as d on s.subscription_id = d.subscription_id
    where s.is_overdue_unsigned
),

overdue_lines as (
    select
        case
            when lines.payer = 'bank' then 'loan_not_disbursed'
            else 'unpaid_' || lines.item
        end as case_type,
        lines.deal_id,
        min(lines.due_date) as due_date,
        sum(lines.outstanding_amount) as amount_outstanding,
        count(*) as line_count
    from {{ ref('fct_receivable_lines') }} as lines
    where lines.days_past_due >= 1
        and lines.outstanding_amount > 0
        and (
            (lines.payer = 'customer' and lines.item in ('deposit', 'down_payment', 'instalment'))
            or (lines.payer = 'bank' and lines.item = 'loan')
        )
    group by all
),

receivable_cases as (
    select
        overdue_lines.case_type,
        deals.project_id,
        case when deals.is_signed_by_as_of then deals.contract_id else deals.subscription_id end,
        overdue_lines.deal_id,
        deals.customer_id,
        deals.consultant_id,
        overdue_lines.due_date,
        overdue_lines.amount_outstanding,
        overdue_lines.line_count
    from overdue_lines
    inner join deals on overdue_lines.deal_id = deals.deal_id
),

loan_started as (
    select distinct contract_id
    from {{ ref('int_service_events_sequenced') }}
    where service in ('mortgage', 'provident_fund')
),

loan_not_applied as (
    select
        'loan_not_applied',
        deals.project_id,
        deals.contract_id,
        deals.deal_id,
        deals.customer_id,
        deals.consultant_id,
        cast(deals.sign_date + {{ var('sales_loan_docs_due_days', 30) }} as date),
        deals.loan_amount,
        1
    from deals
    left join loan_started on deals.contract_id = loan_started.contract_id
    where deals.is_live_contract
        and deals.payment_method in ('mortgage', 'provident_fund', 'combined')
        and loan_started.contract_id is null
        and deals.sign_date + {{ var('sales_loan_docs_due_days', 30) }} < deals.as_of_date
),

cases as (
    select * from reservations
    union all select * from unsigned
    union all select * from receivable_cases
    union all select * from loan_not_applied
),

ladder as (
    select * from {{ ref('escalation_ladder') }}
),

actions as (
    select
        coalesce(by_contract.deal_id, by_subscription.deal_id) as deal_id,
        a.*
    from {{ ref('stg_finance__collection_actions') }} as a
    cross join as_of
    left join deals as by_contract on a.contract_id = by_contract.contract_id
    left join deals as by_subscription
        on by_contract.deal_id is null and a.subscription_id = by_subscription.subscription_id
    where a.action_date <= as_of.as_of_date
),

-- each deal's latest action on or before D (by date, then action_id) and its latest promise,
-- every field from that one action (macros/latest_row.sql)
latest_action as (
    select
        deal_id,
        last_action.action_date as last_action_date,
        last_action.action_type as last_action_type,
        last_action.outcome as last_action_outcome,
        last_action.staff_id as last_action_staff_id,
        action_count,
        promise.promised_date,
        promise.promised_amount
    from (
        select
            deal_id,
            {{ latest_row(['action_date', 'action_type', 'outcome', 'staff_id'],
                '(action_date, action_id)') }} as last_action,
            count(*) as action_count,
            {{ latest_row(['promised_date', 'promised_amount'], '(action_date, action_id)') }}
                filter (where promised_date is not null) as promise
        from actions
        where deal_id is not null
        group by deal_id
    )
),

dated as (
    select
        cases.*,
        as_of.as_of_date,
        cast(as_of.as_of_date - cases.due_date as integer) as days_overdue
    from cases
    cross join as_of
),

customer_names as (
    select customer_id, customer_name, phone_masked from {{ ref('dim_customer') }}
),

projects as (
    select project_id, project_name from {{ ref('dim_project') }}
),

laddered as (
    select
        dated.*,
        coalesce(arg_max(ladder.escalation_step, ladder.step_order), 'none') as escalation_step,
        coalesce(max(ladder.step_order), 0) as escalation_step_order
    from dated
    left join ladder on dated.days_overdue >= ladder.min_days_overdue
    group by all
)

select
    laddered.as_of_date,
    laddered.case_type,
    laddered.project_id,
    laddered.reference_id,
    laddered.deal_id,
    laddered.customer_id,
    laddered.consultant_id,
    laddered.due_date,
    laddered.days_overdue,
    laddered.amount_outstanding,
    laddered.line_count,
    laddered.escalation_step,
    laddered.escalation_step_order,
    latest_action.last_action_date,
    latest_action.last_action_type,
    latest_action.last_action_outcome,
    latest_action.last_action_staff_id,
    coalesce(latest_action.action_count, 0) as action_count,
    latest_action.promised_date,
    latest_action.promised_amount,
    latest_action.promised_date < laddered.as_of_date as is_promise_broken,
    projects.project_name,
    customer_names.customer_name,
    customer_names.phone_masked
from laddered
left join latest_action on laddered.deal_id = latest_action.deal_id
left join projects on laddered.project_id = projects.project_id
left join customer_names on laddered.customer_id = customer_names.customer_id
order by laddered.amount_outstanding desc, laddered.days_overdue desc, laddered.reference_id, laddered.case_type
