{#- 营销费用: the latest version of each spend_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'marketing_spend') }}
    qualify row_number() over (
        partition by spend_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        spend_id,
        project_id,
        channel,
        description,
        -- dates
        spend_date,
        -- amounts
        amount as spend_amount,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
