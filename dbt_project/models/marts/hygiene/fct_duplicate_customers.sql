{#- 疑似重复客户: pairs of exported customer records that are likely one person, within a
    project or across projects, with the evidence — the same normalised phone (+86, spaces
    and dashes ignored), or the same name and id number — and whether the reviewed merge
    map (seed customer_merge_map) already folds them into one customer. Pairs the map folds
    without matching a rule are listed too (match_rule reviewed_only). One row per pair,
    the lower customer id first. -#}
-- The records are read where they are needed, not through one CTE: read six times, it was
-- materialised whole (13.3 M records with every column at 4x large, 39 s of the model's 55 s
-- under the 2.5 GB cap). The matches read the match keys only; the pairs' details are read
-- for the records of a pair alone (tens of thousands).

-- two equi-joins (an OR in one join condition would compare every pair of records)
with candidates as (
    select a.customer_id as customer_id_a, b.customer_id as customer_id_b
    from {{ ref('int_customers_normalised') }} as a
    inner join {{ ref('int_customers_normalised') }} as b
        on a.phone_key = b.phone_key and a.customer_id < b.customer_id
    where not a.is_placeholder_phone
    union
    select a.customer_id, b.customer_id
    from {{ ref('int_customers_normalised') }} as a
    inner join {{ ref('int_customers_normalised') }} as b
        on a.name_key = b.name_key and a.id_number_key = b.id_number_key
        and a.customer_id < b.customer_id
),

reviewed as (
    select
        least(customer_id, surviving_customer_id) as customer_id_a,
        greatest(customer_id, surviving_customer_id) as customer_id_b,
        false as same_phone,
        false as same_name_and_id
    from {{ ref('int_customers_merged') }}
    where is_merged_duplicate
),

pair_ids as (
    select customer_id_a as customer_id from candidates
    union select customer_id_b from candidates
    union select customer_id_a from reviewed
    union select customer_id_b from reviewed
),

customers as (
    select * from {{ ref('int_customers_normalised') }}
    where customer_id in (select customer_id from pair_ids)
),

merged as (
    select * from {{ ref('int_customers_merged') }}
    where customer_id in (select customer_id from pair_ids)
),

detected as (
    select
        candidates.customer_id_a,
        candidates.customer_id_b,
        coalesce(a.phone_key = b.phone_key and not a.is_placeholder_phone, false) as same_phone,
        coalesce(a.name_key = b.name_key and a.id_number_key = b.id_number_key, false)
            as same_name_and_id
    from candidates
    inner join customers as a on candidates.customer_id_a = a.customer_id
    inner join customers as b on candidates.customer_id_b = b.customer_id
),

pairs as (
    select * from detected
    union all
    select reviewed.* from reviewed
    anti join detected using (customer_id_a, customer_id_b)
)

select
    pairs.customer_id_a || '|' || pairs.customer_id_b as duplicate_pair_id,
    case
        when pairs.same_phone and pairs.same_name_and_id then 'phone_and_name_id'
        when pairs.same_phone then 'phone'
        when pairs.same_name_and_id then 'name_id'
        else 'reviewed_only'
    end as match_rule,
    pairs.same_phone,
    pairs.same_name_and_id,
    a.project_id <> b.project_id as is_cross_project,
    -- record a
    pairs.customer_id_a,
    a.project_id as project_id_a,
    a.customer_name as customer_name_a,
    {{ hygiene_mask_last4('a.phone_key') }} as phone_masked_a,
    {{ hygiene_mask_last4('a.id_number_key') }} as id_number_masked_a,
    a.consultant_id as consultant_id_a,
    a.first_contact_date as first_contact_date_a,
    -- record b
    pairs.customer_id_b,
    b.project_id as project_id_b,
    b.customer_name as customer_name_b,
    {{ hygiene_mask_last4('b.phone_key') }} as phone_masked_b,
    {{ hygiene_mask_last4('b.id_number_key') }} as id_number_masked_b,
    b.consultant_id as consultant_id_b,
    b.first_contact_date as first_contact_date_b,
    -- the reviewed merge map
    merged_a.surviving_customer_id = merged_b.surviving_customer_id as is_merged,
    case when merged_a.surviving_customer_id = merged_b.surviving_customer_id
        then merged_a.surviving_customer_id end as surviving_customer_id,
    case when merged_a.surviving_customer_id = merged_b.surviving_customer_id
        then coalesce(merged_a.reviewed_by, merged_b.reviewed_by) end as reviewed_by,
    case when merged_a.surviving_customer_id = merged_b.surviving_customer_id
        then coalesce(merged_a.reviewed_date, merged_b.reviewed_date) end as reviewed_date
from pairs
inner join customers as a on pairs.customer_id_a = a.customer_id
inner join customers as b on pairs.customer_id_b = b.customer_id
left join merged as merged_a on pairs.customer_id_a = merged_a.customer_id
left join merged as merged_b on pairs.customer_id_b = merged_b.customer_id
