{#- Each customer's first-touch channel (metrics, 费效: "a customer counts for the channel of
    their first contact"): the customer's own 认知渠道, trimmed; if blank, the channel of
    their earliest contact that names one. -#}
with customers as (
    -- reviewed duplicates are folded into their surviving customer (seed customer_merge_map)
    select * from {{ ref('stg_erp__customers') }}
    where customer_id = surviving_customer_id
),

first_contact_channel as (
    select
        customer_id,
        trim(channel) as channel
    from {{ ref('stg_erp__contacts') }}
    where nullif(trim(channel), '') is not null
    qualify row_number() over (
        partition by customer_id order by contact_date, is_first desc, contact_id
    ) = 1
),

channels as (
    select * from {{ ref('int_channels_mapped') }}
),

attributed as (
    select
        customers.customer_id,
        customers.project_id,
        customers.consultant_id,
        customers.first_contact_date,
        coalesce(
            nullif(trim(customers.channel), ''), first_contact_channel.channel, '(blank)'
        ) as channel
    from customers
    left join first_contact_channel
        on customers.customer_id = first_contact_channel.customer_id
)

select
    attributed.*,
    channels.channel_category,
    channels.is_unmapped as is_channel_unmapped
from attributed
left join channels on attributed.channel = channels.channel
