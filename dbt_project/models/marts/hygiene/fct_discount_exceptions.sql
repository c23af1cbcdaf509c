{#- 折扣超政策: deals started by D whose discount against list price exceeds the policy
    (seed discount_policy; int_deal_discounts_checked), with the approval shown in the
    change ledger (fct_sales_changes) when a discount change (折扣变更) was applied for on
    the deal. -#}
with checked as (
    select * from {{ ref('int_deal_discounts_checked') }}
    where is_beyond_policy
),

-- the deal's latest discount change (by apply date, then change_id), every field from that
-- change (macros/latest_row.sql: a pending change never shows an earlier one's approval)
discount_changes as (
    select
        deal_id,
        discount_changes,
        latest.change_id,
        latest.approval_level,
        latest.approve_date,
        latest.is_approved
    from (
        select
            deal_id,
            count(*) as discount_changes,
            {{ latest_row(['change_id', 'approval_level', 'approve_date', 'is_approved'],
                '(apply_date, change_id)') }} as latest
        from {{ ref('fct_sales_changes') }}
        where change_type = 'discount'
        group by deal_id
    )
),

merged as (
    select * from {{ ref('int_customers_merged_duplicates') }}
),

customers as (
    select customer_id, customer_name from {{ ref('int_customers_folded') }}
)

select
    checked.deal_id,
    checked.contract_id,
    checked.subscription_id,
    checked.project_id,
    checked.unit_id,
    checked.unit_type,
    coalesce(merged.surviving_customer_id, checked.customer_id) as customer_id,
    customers.customer_name,
    checked.consultant_id,
    checked.deal_date,
    checked.deal_state_at_as_of,
    -- price and policy
    checked.list_price_amount,
    checked.deal_price_amount,
    checked.discount_rate,
    checked.max_discount,
    checked.policy_project_id,
    checked.policy_unit_type,
    checked.policy_price_amount,
    (checked.policy_price_amount - checked.deal_price_amount)::decimal(18, 2) as excess_discount_amount,
    checked.floor_price_amount,
    checked.deal_price_amount < checked.floor_price_amount as is_below_floor,
    -- approval in the change ledger
    discount_changes.deal_id is not null as has_discount_change,
    coalesce(discount_changes.discount_changes, 0) as discount_changes,
    discount_changes.change_id as discount_change_id,
    discount_changes.approval_level,
    discount_changes.approve_date,
    coalesce(discount_changes.is_approved, false) as is_discount_approved,
    checked.as_of_date
from checked
left join discount_changes on checked.deal_id = discount_changes.deal_id
left join merged on checked.customer_id = merged.customer_id
left join customers on coalesce(merged.surviving_customer_id, checked.customer_id) = customers.customer_id
