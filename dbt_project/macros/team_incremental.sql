{#- int_customer_follow_up_monthly is incremental by month.

    Its counts at a month end E (prospects not lapsed, neglected customers) read only rows
    dated on or before E: customers received by E, contacts by E, deals started and ended by
    E. A later D adds rows dated after the old D only, so the months before the old D's month
    stay right as long as no other export changed. Such rows can still add lapsed customers
    to an earlier month end (a customer's snapshots run to their last contact + horizon +
    31 days), but a lapsed customer counts in neither figure, and groups that count nobody
    are left out, so the counts and the rows are those of a build from scratch.

    The build pipeline sets HUILONG_CHANGED_RAW_TABLES on a build that reruns only the
    models of changed raw tables. When that is receipts alone, which moves D and nothing
    else here, the pre-hook keeps the months before the earlier of the table's last month
    and D's month, and the body works out the months after the last one kept. Any other
    change (or a direct dbt run) empties the table and builds every month; a full build
    passes --full-refresh. -#}

{#- True when the build reruns only the models of raw.receipts. -#}
{% macro only_receipts_changed() -%}
    {{- return((env_var('HUILONG_CHANGED_RAW_TABLES', '') | trim) == 'raw.receipts') -}}
{%- endmacro %}

{#- Pre-hook (inside dbt's transaction, before the insert): drop the months not kept. -#}
{% macro team_monthly_prune() -%}
    {%- if is_incremental() -%}
        {%- if only_receipts_changed() -%}
            delete from {{ this }}
            where snapshot_month >= least(
                (select max(snapshot_month) from {{ this }}),
                cast(date_trunc('month', {{ as_of_date() }}) as date)
            )
        {%- else -%}
            delete from {{ this }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The first snapshot date this run works out (a SQL date): the month after the last one
    kept; none on a first or full build (every month). -#}
{% macro team_monthly_from_date() -%}
    {%- if is_incremental() -%}
        {{- return(
            "(select coalesce(cast(max(snapshot_month) + interval 1 month as date), date '0001-01-01') from "
            ~ this ~ ")"
        ) -}}
    {%- endif -%}
    {{- return(none) -}}
{%- endmacro %}
