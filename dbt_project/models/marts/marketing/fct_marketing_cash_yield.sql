{#- 费用回款追溯: spend traced to cash, per project, channel and cohort month. A customer's
    cohort is the month of their first contact (first_contact_date) and their channel the
    first-touch channel; spend belongs to the cohort month it was spent in. Cash is the net
    receipts (refunds negative, reservation fees excluded: they are refundable deposits,
    not sales cash) collected by D on the deals of the cohort's customers, whenever paid.
    Yield per yuan = that cash / the cohort month's spend (null when no spend). -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

customers as (
    select customer_id, project_id, channel, channel_category,
        cast(date_trunc('month', first_contact_date) as date) as cohort_month
    from {{ ref('int_customers_attributed') }}
),

deals as (
    select deal_id, contract_id, subscription_id, project_id, customer_id,
        is_signed_by_as_of, contract_amount
    from {{ ref('int_deals_snapshotted') }}
    where deal_start_date <= as_of_date
),

receipts as (
    select * from {{ ref('fct_receipts') }}
    where not is_reservation_fee
),

deal_receipts as (
    select
        coalesce(by_contract.deal_id, by_subscription.deal_id) as deal_id,
        sum(receipts.receipt_amount) as receipt_amount
    from receipts
    left join deals as by_contract on receipts.contract_id = by_contract.contract_id
    left join deals as by_subscription
        on receipts.contract_id is null
        and receipts.subscription_id = by_subscription.subscription_id
    group by all
),

deal_cash as (
    select
        deals.project_id,
        customers.channel,
        customers.cohort_month,
        count(*) filter (where deals.is_signed_by_as_of) as contracts,
        count(*) as deals,
        coalesce(sum(deals.contract_amount) filter (where deals.is_signed_by_as_of), 0)
            as contract_amount,
        coalesce(sum(deal_receipts.receipt_amount), 0) as cash_collected_amount
    from deals
    inner join customers on deals.customer_id = customers.customer_id
    left join deal_receipts on deals.deal_id = deal_receipts.deal_id
    group by all
),

spend as (
    select
        spend.project_id,
        coalesce(nullif(trim(spend.channel), ''), '(blank)') as channel,
        cast(date_trunc('month', spend.spend_date) as date) as cohort_month,
        sum(spend.spend_amount) as spend_amount
    from {{ ref('stg_marketing__marketing_spend') }} as spend
    cross join as_of
    where spend.spend_date <= as_of.as_of_date
    group by all
),

spine as (
    select project_id, channel, cohort_month from deal_cash
    union
    select project_id, channel, cohort_month from spend
),

channels as (
    select channel, channel_category from {{ ref('int_channels_mapped') }}
)

select
    spine.project_id,
    spine.channel,
    coalesce(channels.channel_category, 'unmapped') as channel_category,
    spine.cohort_month,
    coalesce(spend.spend_amount, 0) as spend_amount,
    coalesce(deal_cash.deals, 0) as deals,
    coalesce(deal_cash.contracts, 0) as contracts,
    coalesce(deal_cash.contract_amount, 0) as contract_amount,
    coalesce(deal_cash.cash_collected_amount, 0) as cash_collected_amount,
    {{ sales_exact_div("coalesce(deal_cash.cash_collected_amount, 0)", "spend.spend_amount", 4) }}
        as cash_yield_per_yuan,
    (select as_of_date from as_of) as as_of_date
from spine
left join channels on spine.channel = channels.channel
left join deal_cash on spine.project_id is not distinct from deal_cash.project_id
    and spine.channel = deal_cash.channel and spine.cohort_month = deal_cash.cohort_month
left join spend on spine.project_id is not distinct from spend.project_id
    and spine.channel = spend.channel and spine.cohort_month = spend.cohort_month
