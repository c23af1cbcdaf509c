{#- 客户合并: every exported customer with the customer it is folded into by the reviewed
    merge map (seed customer_merge_map). A customer not in the map survives as itself. A map
    row is applied only when both of its ids are exported customers (a row naming an
    unknown id is ignored, never folds a customer into nothing). The map is flat
    (assert_hygiene_merge_map_is_flat), so one lookup is final. -#}
with customers as (
    select customer_id from {{ ref('stg_erp__customers') }}
),

merge_map as (
    select m.*
    from {{ ref('customer_merge_map') }} as m
    inner join customers as survivor on m.surviving_customer_id = survivor.customer_id
)

select
    customers.customer_id,
    coalesce(merge_map.surviving_customer_id, customers.customer_id) as surviving_customer_id,
    merge_map.duplicate_customer_id is not null as is_merged_duplicate,
    merge_map.reviewed_by,
    merge_map.reviewed_date
from customers
left join merge_map on customers.customer_id = merge_map.duplicate_customer_id
