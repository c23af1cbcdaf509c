{#- 费效分析 per project, channel and month (metrics: "Marketing efficiency"): a customer
    counts for the channel of their first contact (int_customers_attributed); spend by the
    channel named on the spend line. Everything dated on or before D. Ratios are null when
    their denominator is zero. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

customers as (
    select customer_id, channel from {{ ref('int_customers_attributed') }}
),

spend as (
    select
        spend.project_id,
        cast(date_trunc('month', spend.spend_date) as date) as month,
        coalesce(nullif(trim(spend.channel), ''), '(blank)') as channel,
        sum(spend.spend_amount) as spend
    from {{ ref('stg_marketing__marketing_spend') }} as spend
    cross join as_of
    where spend.spend_date <= as_of.as_of_date
    group by all
),

first_contacts as (
    select
        contacts.project_id,
        cast(date_trunc('month', contacts.contact_date) as date) as month,
        coalesce(customers.channel, nullif(trim(contacts.channel), ''), '(blank)') as channel,
        count(*) filter (where contacts.contact_type = 'call') as first_calls,
        count(*) filter (where contacts.contact_type = 'visit') as first_visits
    from {{ ref('stg_erp__contacts') }} as contacts
    cross join as_of
    left join customers on contacts.customer_id = customers.customer_id
    where contacts.contact_date <= as_of.as_of_date
        and contacts.is_first
        and contacts.contact_type in ('call', 'visit')
    group by all
),

subscriptions as (
    select
        s.project_id,
        cast(date_trunc('month', s.subscription_date) as date) as month,
        coalesce(customers.channel, '(blank)') as channel,
        count(*) as subscriptions
    from {{ ref('fct_subscriptions') }} as s
    left join customers on s.customer_id = customers.customer_id
    group by all
),

contracts as (
    select
        c.project_id,
        c.sign_month as month,
        coalesce(customers.channel, '(blank)') as channel,
        count(*) as contracts
    from {{ ref('fct_contracts') }} as c
    left join customers on c.customer_id = customers.customer_id
    group by all
),

spine as (
    select project_id, month, channel from spend
    union
    select project_id, month, channel from first_contacts
    union
    select project_id, month, channel from subscriptions
    union
    select project_id, month, channel from contracts
),

channels as (
    select channel, channel_category from {{ ref('int_channels_mapped') }}
),

measures as (
    select
        spine.project_id,
        spine.month,
        spine.channel,
        coalesce(channels.channel_category, 'unmapped') as channel_category,
        coalesce(spend.spend, 0) as spend,
        coalesce(first_contacts.first_calls, 0) as first_calls,
        coalesce(first_contacts.first_visits, 0) as first_visits,
        coalesce(subscriptions.subscriptions, 0) as subscriptions,
        coalesce(contracts.contracts, 0) as contracts
    from spine
    left join channels on spine.channel = channels.channel
    left join spend on spine.project_id is not distinct from spend.project_id
        and spine.month = spend.month and spine.channel = spend.channel
    left join first_contacts on spine.project_id is not distinct from first_contacts.project_id
        and spine.month = first_contacts.month and spine.channel = first_contacts.channel
    left join subscriptions on spine.project_id is not distinct from subscriptions.project_id
        and spine.month = subscriptions.month and spine.channel = subscriptions.channel
    left join contracts on spine.project_id is not distinct from contracts.project_id
        and spine.month = contracts.month and spine.channel = contracts.channel
)

select
    project_id,
    month,
    channel,
    channel_category,
    spend,
    first_calls,
    first_visits,
    subscriptions,
    contracts,
    {{ sales_exact_div("spend", "first_visits", 2) }} as cost_per_visit,
    {{ sales_exact_div("(first_calls + first_visits) * 10000", "spend", 4) }}
        as visits_per_10k_yuan,
    {{ sales_exact_div("contracts * 10000", "spend", 4) }} as deals_per_10k_yuan,
    {{ sales_exact_div("spend", "contracts", 2) }} as cost_per_deal
from measures
