{#- Each open line's expected receipt in each forecast week, at each forecast date F.

    For a line at position p on its curve (days past due, or days since its loan milestone),
    known to be unpaid at p, the chance it is paid in the week covering days a..b after F
    is (survival(p + a - 1) - survival(p + b)) / survival(p): the empirical curve,
    conditioned on having waited p days. A combined loan averages its pending services.
    expected_amount = outstanding at F x that chance (rounded to the fen; the weekly totals
    add these rounded amounts, so week and drill-down agree to the fen); variance_amount2 =
    outstanding² x q x (1 - q), the line paid or not (Bernoulli), for the P10–P90 band.

    A view: 13 origins x open lines x 13 weeks is 73 M rows at 1x large, and writing them
    took most of this model's 29 s, for two readers that each want a part: the weekly
    totals add them up, the drill-down (fct_cash_forecast_lines) keeps the build's date. -#}
{{ config(materialized='view') }}
{{ forecast_line_weeks() }}
