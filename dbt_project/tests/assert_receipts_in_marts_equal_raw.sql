{#- Receipts in marts = receipts in raw (latest version of each key, dated <= D):
    not a fen may be lost or counted twice between the layers. -#}
with raw_total as (
    select coalesce(sum(amount), 0) as total
    from (
        select amount, receipt_date
        from {{ source('raw', 'receipts') }}
        qualify row_number() over (
            partition by receipt_id
            order by _file_modified_at desc, _file_name desc, _row_number desc
        ) = 1
    )
    where receipt_date <= {{ as_of_date() }}
),

mart_total as (
    select coalesce(sum(cash_collected), 0) as total from {{ ref('fct_cash_collected_monthly') }}
)

select raw_total.total as raw_total, mart_total.total as mart_total
from raw_total cross join mart_total
where raw_total.total <> mart_total.total
