{#- The as-of date D of this build: the `as_of` var (from `huilong build --as-of`), else the
    latest receipt date in the data, else today in Asia/Shanghai. One row. -#}
select coalesce(
    try_cast(nullif('{{ var("as_of") }}', '') as date),
    (select max(receipt_date) from {{ ref('stg_finance__receipts') }}),
    cast(timezone('Asia/Shanghai', now()) as date)
) as as_of_date
