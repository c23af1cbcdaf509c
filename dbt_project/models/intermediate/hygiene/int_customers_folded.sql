{#- One row per surviving customer (a person), the reviewed duplicates folded in: the
    surviving record's project, name, contact details, channel and consultant, and the
    earliest first-contact date of the records folded into it (the person was first
    received then). The team marts count customers from here, so a merged pair counts once. -#}
with customers as (
    select * from {{ ref('stg_erp__customers') }}
),

merged as (
    select * from {{ ref('int_customers_merged') }}
),

grouped as (
    select
        merged.surviving_customer_id as customer_id,
        min(customers.first_contact_date) as first_contact_date,
        count(*) as record_count
    from customers
    inner join merged on customers.customer_id = merged.customer_id
    group by merged.surviving_customer_id
)

select
    survivor.customer_id,
    survivor.project_id,
    survivor.customer_name,
    survivor.phone,
    survivor.id_number,
    survivor.channel,
    survivor.consultant_id,
    grouped.first_contact_date,
    cast(date_trunc('month', grouped.first_contact_date) as date) as received_month,
    grouped.record_count
from grouped
inner join customers as survivor on grouped.customer_id = survivor.customer_id
