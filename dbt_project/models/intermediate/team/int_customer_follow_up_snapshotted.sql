{#- Follow-up state of every surviving customer at each month end before D and at D itself
    (prospect, last contact, lapsed, neglected): the rules are in macros/team_follow_up.sql.

    A view, for looking a customer's states up by hand: 15.5 M customer-month rows at 1x
    large. The models that need a part compute it through the same macro: the month-end
    counts per consultant (int_customer_follow_up_monthly, the months it does not keep) and
    the list at D (int_customer_follow_up_at_as_of, D alone). -#}
{{ config(materialized='view') }}
{{ customer_follow_up_snapshots() }}
