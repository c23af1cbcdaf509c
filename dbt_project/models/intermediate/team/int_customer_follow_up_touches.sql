{#- Follow-up state of every customer received by D (surviving), without what the number of
    days since the last contact decides: their last contact on or before D, whether a deal
    of theirs is live at D, and the date their snapshots end (the horizon). Customers past
    it are kept too, so that a new D does not work out again every customer lapsed for
    good. int_customer_follow_up_at_as_of completes it at D.

    Incremental by customer: a customer's row reads their first contact, their contacts
    dated on or before D and their deals' start and end dates against D. So when receipts
    alone changed, which moves D and nothing else here, the row can differ from the
    published one only if one of those dates falls between the two D; the pre-hook deletes
    those customers, and the body works out the received customers the table does not
    hold, reading only their contacts. Any other change, or no published D, empties the
    table; a full build passes --full-refresh. Before this, the state at D grouped the 12 M
    contacts of the 1x large data again on every build (3.8 s of a day's rebuild). A full
    build works out a share of the customers at a time when the contacts outgrow DuckDB's
    cap (macros/batched.sql). -#}
-- depends_on: {{ ref('int_contacts_folded_all_dates') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ prune_on_as_of_move(follow_up_touches_not_kept) }}",
    batched={'rows_of': 'int_contacts_folded_all_dates', 'rows_per_gb': 5000000},
) }}
{{ customer_follow_up_snapshots(at_as_of_only=true, touches_only=true) }}
