{#- 销售日报: per project and day (days with any activity, on or before D): calls, visits,
    reservations, subscriptions, contracts and cancellations. -#}
{{ sales_overview_measures('event_date', 'sales_date') }}
