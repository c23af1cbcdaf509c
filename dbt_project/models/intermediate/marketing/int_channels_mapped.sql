{#- Every channel name seen in the exports (customers' first-contact channel, contacts,
    marketing spend), trimmed, with its place in the channel hierarchy (seed channel_map).
    A name the map does not know lands in category `unmapped`: reported, never dropped.
    A blank channel is kept as '(blank)' so its customers and spend still add up. -#}
with seen as (
    select coalesce(nullif(trim(channel), ''), '(blank)') as channel, 'customers' as seen_in
    from {{ ref('stg_erp__customers') }}
    union all
    select coalesce(nullif(trim(channel), ''), '(blank)'), 'contacts'
    from {{ ref('stg_erp__contacts') }}
    where channel is not null
    union all
    select coalesce(nullif(trim(channel), ''), '(blank)'), 'marketing_spend'
    from {{ ref('stg_marketing__marketing_spend') }}
),

seen_by_channel as (
    select
        channel,
        count(*) filter (where seen_in = 'customers') as customer_count,
        count(*) filter (where seen_in = 'contacts') as contact_count,
        count(*) filter (where seen_in = 'marketing_spend') as spend_row_count
    from seen
    group by channel
),

channel_map as (
    select
        trim(channel) as channel,
        channel_category,
        channel_category_zh,
        channel_en
    from {{ ref('channel_map') }}
),

all_channels as (
    select channel from seen_by_channel
    union
    select channel from channel_map
)

select
    all_channels.channel,
    coalesce(channel_map.channel_category, 'unmapped') as channel_category,
    coalesce(channel_map.channel_category_zh, '未映射') as channel_category_zh,
    channel_map.channel_en,
    channel_map.channel is null as is_unmapped,
    coalesce(seen_by_channel.customer_count, 0) as customer_count,
    coalesce(seen_by_channel.contact_count, 0) as contact_count,
    coalesce(seen_by_channel.spend_row_count, 0) as spend_row_count
from all_channels
left join channel_map on all_channels.channel = channel_map.channel
left join seen_by_channel on all_channels.channel = seen_by_channel.channel
