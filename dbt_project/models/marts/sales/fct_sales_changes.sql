{#- 销售变更台账: one row per sales change applied for on or before D (swap, cancellation,
    rename, discount, payment-method change, extension), on its deal, with its approval lag. -#}
with changes as (
    select * from {{ ref('stg_erp__sales_changes') }}
),

deals as (
    select deal_id, contract_id, subscription_id, project_id, unit_id, customer_id,
        consultant_id, sign_date
    from {{ ref('int_deals_joined') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

keyed as (
    select
        changes.*,
        coalesce(by_contract.deal_id, by_subscription.deal_id) as deal_id,
        coalesce(by_contract.project_id, by_subscription.project_id) as project_id,
        coalesce(by_contract.unit_id, by_subscription.unit_id) as unit_id,
        coalesce(by_contract.customer_id, by_subscription.customer_id) as customer_id,
        coalesce(by_contract.consultant_id, by_subscription.consultant_id) as consultant_id,
        coalesce(by_contract.sign_date, by_subscription.sign_date) as sign_date,
        as_of.as_of_date
    from changes
    cross join as_of
    left join deals as by_contract on changes.contract_id = by_contract.contract_id
    left join deals as by_subscription
        on changes.contract_id is null
        and changes.subscription_id = by_subscription.subscription_id
    where changes.apply_date <= as_of.as_of_date
)

select
    change_id,
    change_type,
    deal_id,
    contract_id,
    subscription_id,
    project_id,
    unit_id,
    customer_id,
    consultant_id,
    -- dates
    apply_date,
    case when approve_date <= as_of_date then approve_date end as approve_date,
    case when approve_date <= as_of_date then approve_date - apply_date end as approval_lag_days,
    approve_date is not null and approve_date <= as_of_date as is_approved,
    case when approve_date is null or approve_date > as_of_date
        then as_of_date - apply_date end as days_pending,
    case when sign_date <= apply_date then apply_date - sign_date end as days_after_signing,
    -- details
    approval_level,
    old_value,
    new_value,
    amount_delta as amount_delta_amount,
    reason,
    as_of_date
from keyed
