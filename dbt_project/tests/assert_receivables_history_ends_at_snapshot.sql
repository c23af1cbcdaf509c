{#- When D is a month end, the last month of fct_ar_aging_history is fct_ar_aging, row for
    row (the history is computed from change points, the snapshot from the FIFO rule). -#}
with snapshot as (
    select * from {{ ref('fct_ar_aging') }}
    where as_of_date = last_day(as_of_date)
),

history as (
    select history.*
    from {{ ref('fct_ar_aging_history') }} as history
    inner join (select distinct as_of_date from snapshot) as d on history.month_end = d.as_of_date
)

select
    coalesce(snapshot.project_id, history.project_id) as project_id,
    coalesce(snapshot.payer, history.payer) as payer,
    coalesce(snapshot.aging_bucket, history.aging_bucket) as aging_bucket,
    snapshot.outstanding_amount as snapshot_amount,
    history.outstanding_amount as history_amount,
    snapshot.line_count as snapshot_line_count,
    history.line_count as history_line_count
from snapshot
full outer join history
    on snapshot.project_id is not distinct from history.project_id
    and snapshot.payer = history.payer
    and snapshot.aging_bucket = history.aging_bucket
where snapshot.outstanding_amount is distinct from history.outstanding_amount
    or snapshot.line_count is distinct from history.line_count
