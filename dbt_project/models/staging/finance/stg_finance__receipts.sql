{#- 收款: the latest version of each receipt_id across every landing file
    (latest file modification time, then file name, then line). Incremental by receipt: a
    build where receipts alone changed works out only the receipts of the files that came,
    went or changed (macros/receipts_incremental.sql). -#}
{{ config(materialized='incremental', pre_hook="{{ receipts_prune() }}") }}
-- depends_on: {{ ref('stg_finance__receipts_changed') }}
with source as (
    select * from {{ source('raw', 'receipts') }} as receipts
    {{ receipts_where_changed('receipts') }}
    qualify row_number() over (
        partition by receipt_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        receipt_id,
        contract_id,
        subscription_id,
        reservation_id,
        voucher_no,
        -- categories
        item,
        method,
        -- dates
        receipt_date,
        -- amounts
        amount as receipt_amount,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
