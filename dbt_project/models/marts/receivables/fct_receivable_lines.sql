{#- 应收明细 as of the build's as-of date D: one row per positive schedule line of a deal live
    at D, with its FIFO outstanding, days past due and aging bucket (macro
    receivables_line_snapshot holds the rule). -#}
{{ receivables_line_snapshot("select as_of_date from " ~ ref('int_as_of_date')) }}
