{#- 应收计划 keyed to deals (metrics: "As-of date and what is live", "Receivables and aging").

    - A line exported under a contract belongs to that contract's deal; a line exported
      under a subscription belongs to the deal of that subscription (its contract's deal once
      signed).
    - The line exists from the date of the key it is exported under: the sign date for a
      contract key, the subscription date for a subscription key (line_start_date).
    - Payer: `loan` lines are the bank's, all other items the customer's.
    Lines whose key matches no deal are left out (see assert_receivables_lines_keyed). -#}
with lines as (
    select * from {{ ref('stg_erp__payment_schedule_lines') }}
),

deals as (
    select * from {{ ref('int_deals_joined') }}
),

-- one deal per subscription: the latest-signed contract, should a subscription have several
deals_by_subscription as (
    select *
    from deals
    where subscription_id is not null
    qualify row_number() over (
        partition by subscription_id order by sign_date desc nulls last, deal_id desc
    ) = 1
),

keyed as (
    select
        lines.schedule_id,
        coalesce(by_contract.deal_id, by_subscription.deal_id) as deal_id,
        case when lines.contract_id is not null then 'contract' else 'subscription' end as key_type,
        case
            when lines.contract_id is not null then by_contract.sign_date
            else coalesce(by_subscription.subscription_date, by_subscription.deal_start_date)
        end as line_start_date,
        lines.item,
        lines.due_date,
        lines.amount_due
    from lines
    left join deals as by_contract
        on lines.contract_id = by_contract.contract_id
    left join deals_by_subscription as by_subscription
        on lines.contract_id is null and lines.subscription_id = by_subscription.subscription_id
)

select
    keyed.schedule_id,
    keyed.deal_id,
    deals.contract_id,
    deals.subscription_id,
    deals.project_id,
    deals.customer_id,
    -- categories
    keyed.key_type,
    keyed.item,
    {{ receivables_payer('keyed.item') }} as payer,
    -- dates
    keyed.line_start_date,
    keyed.due_date,
    deals.deal_start_date,
    deals.deal_end_date,
    deals.sign_date,
    -- amounts
    keyed.amount_due
from keyed
inner join deals on keyed.deal_id = deals.deal_id
where keyed.line_start_date is not null
