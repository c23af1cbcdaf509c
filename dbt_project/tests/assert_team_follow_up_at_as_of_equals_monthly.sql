{#- The follow-up list at D is computed for D alone; the month-end counts from every
    snapshot. At D's month they must agree per consultant and project: prospects (not
    lapsed) and neglected customers. -#}
with at_as_of as (
    select consultant_id, project_id,
        count(*) filter (where is_prospect and not is_lapsed) as prospects,
        count(*) filter (where is_neglected) as neglected
    from {{ ref('int_customer_follow_up_at_as_of') }}
    group by all
),

monthly as (
    select m.consultant_id, m.project_id,
        m.prospects_at_month_end as prospects, m.neglected_customers_at_month_end as neglected
    from {{ ref('int_customer_follow_up_monthly') }} as m
    inner join {{ ref('int_as_of_date') }} as d
        on m.snapshot_month = date_trunc('month', d.as_of_date)
)

select coalesce(a.consultant_id, m.consultant_id) as consultant_id,
    coalesce(a.project_id, m.project_id) as project_id,
    a.prospects as prospects_at_as_of, m.prospects as prospects_monthly,
    a.neglected as neglected_at_as_of, m.neglected as neglected_monthly
from at_as_of as a
full join monthly as m
    on a.consultant_id = m.consultant_id and a.project_id is not distinct from m.project_id
-- the monthly counts leave out groups without a prospect
where coalesce(a.prospects, 0) <> coalesce(m.prospects, 0)
    or coalesce(a.neglected, 0) <> coalesce(m.neglected, 0)
