{#- The deals and payers whose receipt events this build changed, when receipts are the only
    raw table that changed: the FIFO segments work out these again and keep the rest
    (macros/receivables_incremental.sql). Every pair when nothing was published; no rows
    after any other build. Its post-hook drops the copy of the published events. -#}
{{ config(post_hook="{{ receivables_drop_published_events() }}") }}
{{ receivables_changed_pairs_sql(ref('int_receipt_events_accumulated_all_dates')) }}
