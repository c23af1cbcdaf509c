{#- The as-of date D of this build: the `as_of` var (`dbt build --vars '{as_of: ...}'`), else
    HUILONG_AS_OF (how `huilong build --as-of` passes it, so dbt's partial parsing survives a
    new date), else the latest receipt date in the data, else today in Asia/Shanghai. -#}
select coalesce(
    try_cast(nullif('{{ var("as_of") }}', '') as date),
    try_cast(nullif('{{ env_var("HUILONG_AS_OF", "") }}', '') as date),
    (select max(receipt_date) from {{ ref('stg_finance__receipts') }}),
    cast(timezone('Asia/Shanghai', now()) as date)
) as as_of_date
