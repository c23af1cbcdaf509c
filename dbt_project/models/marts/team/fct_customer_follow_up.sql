{#- 客户跟进 at D: every prospect (a surviving customer with no live subscription or
    contract at D, not lapsed) with the days since their last contact, and whether they are
    neglected (跟进不力: no contact for more than neglect_days, seed team_settings, 15) —
    the list a sales manager reassigns from (重新分配置业顾问). Names are shown so the
    manager can act; phone and id number only by their last 4 characters. -#}
with follow_up as (
    select * from {{ ref('int_customer_follow_up_at_as_of') }}
    where is_prospect and not is_lapsed
),

customers as (
    select * from {{ ref('int_customers_folded') }}
),

contact_counts as (
    select customer_id, count(*) as contacts
    from {{ ref('int_contacts_folded') }}
    group by customer_id
),

past_deals as (
    select coalesce(merged.surviving_customer_id, deals.customer_id) as customer_id,
        count(*) as cancelled_deals
    from {{ ref('int_deals_snapshotted') }} as deals
    left join {{ ref('int_customers_merged_duplicates') }} as merged on deals.customer_id = merged.customer_id
    where deals.deal_state_at_as_of in ('cancelled_contract', 'cancelled_subscription')
    group by all
)

select
    follow_up.customer_id,
    follow_up.project_id,
    follow_up.customer_name,
    {{ hygiene_mask_last4(hygiene_normalise_phone('customers.phone')) }} as phone_masked,
    follow_up.consultant_id,
    customers.channel,
    follow_up.first_contact_date,
    follow_up.last_contact_date,
    follow_up.last_contact_type,
    follow_up.days_since_last_contact,
    coalesce(contact_counts.contacts, 0) as contacts,
    coalesce(past_deals.cancelled_deals, 0) as cancelled_deals,
    follow_up.is_neglected,
    follow_up.neglect_days,
    follow_up.snapshot_date as as_of_date
from follow_up
inner join customers on follow_up.customer_id = customers.customer_id
left join contact_counts on follow_up.customer_id = contact_counts.customer_id
left join past_deals on follow_up.customer_id = past_deals.customer_id
