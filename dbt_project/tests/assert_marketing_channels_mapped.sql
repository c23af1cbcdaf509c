{{ config(severity='warn') }}
{#- Data-quality report: channel names in the exports that the channel map (seed
    channel_map) does not know. They are kept in category `unmapped`, never dropped; this
    warning lists them so someone adds them to the seed. -#}
select channel, customer_count, contact_count, spend_row_count
from {{ ref('dim_channel') }}
where is_unmapped
