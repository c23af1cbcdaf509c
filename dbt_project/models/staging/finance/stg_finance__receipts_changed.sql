{#- The receipts whose raw rows changed since the last build, when receipts are the only raw
    table that changed: the receipt_ids (with the contract and subscription they are on) of
    the changed files' rows now, and of the published staging rows those files were the
    source of (macros/receipts_incremental.sql). The
    receipts' staging, keyed and mart tables work out these again and keep the rest. No
    rows after any other build. Built before stg_finance__receipts, which it reads as
    published (by name: a ref would make the staging table depend on it both ways). Its
    dependency on raw receipts is declared, as parsing sees the branch without it. -#}
-- depends_on: {{ source('raw', 'receipts') }}
{%- set files = receipt_files_changed() %}
{%- set published = adapter.get_relation(
    database=this.database, schema=this.schema, identifier='stg_finance__receipts') %}
{%- if files is not none and published is not none %}
{%- set listed = receipt_files_sql(files) %}
select receipt_id, contract_id, subscription_id
from {{ source('raw', 'receipts') }}
where list_contains({{ listed }}, _file_name)
union
select receipt_id, contract_id, subscription_id
from {{ published }}
where list_contains({{ listed }}, source_file_name)
{%- else %}
select
    cast(null as varchar) as receipt_id,
    cast(null as varchar) as contract_id,
    cast(null as varchar) as subscription_id
where false
{%- endif %}
