{#- 售后服务进度: the latest version of each contract_id, service, milestone across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'service_events') }}
    qualify row_number() over (
        partition by contract_id, service, milestone
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        contract_id,
        bank,
        note,
        -- categories
        service,
        milestone,
        -- dates
        event_date,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
