{#- 来电来访: the latest version of each contact_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'contacts') }}
    qualify row_number() over (
        partition by contact_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        contact_id,
        {{ hygiene_surviving_customer_id('customer_id') }} as customer_id,  -- reviewed merge map
        project_id,
        channel,
        consultant_id,
        -- categories
        contact_type,
        -- dates
        contact_date,
        -- flags
        is_first,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
