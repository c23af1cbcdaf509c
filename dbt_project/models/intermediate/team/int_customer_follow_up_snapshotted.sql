{#- Follow-up state of every surviving customer at each month end before D and at D itself
    (prospect, last contact, lapsed, neglected): the rules are in macros/team_follow_up.sql.

    A view: 15.5 M customer-month rows at 1x large, whose writing took 13 of this model's
    27 s, for two readers that each want a part: the month-end counts per consultant
    (int_customer_follow_up_monthly) and the list at D (int_customer_follow_up_at_as_of,
    which computes D alone through the same macro). -#}
{{ config(materialized='view') }}
{{ customer_follow_up_snapshots() }}
