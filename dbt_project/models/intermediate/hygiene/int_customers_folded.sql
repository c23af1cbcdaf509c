{#- One row per surviving customer (a person), the reviewed duplicates folded in: the
    surviving record's project, name, contact details, channel and consultant, and the
    earliest first-contact date of the records folded into it (the person was first
    received then). The team marts count customers from here, so a merged pair counts once.

    The merged duplicates are a handful (the reviewed map), so they are grouped alone and
    joined to the survivors: every other customer is its own group of one. Grouping every
    customer by survivor and joining the groups back to the customers hashed all 13 M
    customers twice at 4x large (23.6 s, spilling). -#}
with customers as (
    select * from {{ ref('stg_erp__customers') }}
),

duplicates as (
    select * from {{ ref('int_customers_merged_duplicates') }}
),

folded as (
    select
        duplicates.surviving_customer_id as customer_id,
        min(customers.first_contact_date) as first_contact_date,
        count(*) as duplicate_count
    from duplicates
    inner join customers on duplicates.customer_id = customers.customer_id
    group by duplicates.surviving_customer_id
),

survivors as (
    select customers.*
    from customers
    anti join duplicates on customers.customer_id = duplicates.customer_id
),

grouped as (
    select
        survivors.*,
        least(survivors.first_contact_date, folded.first_contact_date) as group_first_contact_date,
        1 + coalesce(folded.duplicate_count, 0) as record_count
    from survivors
    left join folded on survivors.customer_id = folded.customer_id
)

select
    grouped.customer_id,
    grouped.project_id,
    grouped.customer_name,
    grouped.phone,
    grouped.id_number,
    grouped.channel,
    grouped.consultant_id,
    grouped.group_first_contact_date as first_contact_date,
    cast(date_trunc('month', grouped.group_first_contact_date) as date) as received_month,
    grouped.record_count
from grouped
