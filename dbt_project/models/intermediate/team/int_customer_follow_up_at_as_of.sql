{#- Follow-up state of every surviving customer at D: int_customer_follow_up_snapshotted
    at its D snapshot, computed for D alone (one snapshot date instead of every month end). -#}
{{ customer_follow_up_snapshots(at_as_of_only=true) }}
