{#- The receipts staging table (stg_finance__receipts) and its keyed copy (int_receipts_keyed)
    are incremental by receipt_id, and so is the receipts mart (fct_receipts).

    A receipt's row in each is a function of its own raw rows (the latest version wins, by
    file modification time, file name and line) and, keyed, of the deals and reservations.
    So when receipts are the only raw table that changed, a receipt keeps its row unless one
    of its raw rows came or went: unless a file holding it, now or at the last build, came,
    went or changed. The build pipeline lists those files in HUILONG_RECEIPT_FILES_CHANGED
    (a JSON list of names; pipelines/dbt_state.py, receipt_files_changed), and
    stg_finance__receipts_changed lists their receipts, before the staging table is made
    again: the receipt_ids of their raw rows now, and of the published staging rows they
    were the source of. Each table deletes those receipts' rows and works them out again.

    Without the list (a direct dbt run, any other change, no file list stored) the three
    tables are emptied and every receipt is worked out; a full build passes --full-refresh. -#}

{#- The names of the receipt files whose rows changed, or none when not known. -#}
{% macro receipt_files_changed() -%}
    {%- set value = env_var('HUILONG_RECEIPT_FILES_CHANGED', '') | trim -%}
    {%- if not value or not only_receipts_changed() -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return(fromjson(value)) -}}
{%- endmacro %}

{#- The file names as a SQL list of strings. -#}
{% macro receipt_files_sql(files) -%}
    [{%- for name in files -%}'{{ name | replace("'", "''") }}'{% if not loop.last %}, {% endif %}{%- endfor -%}]::varchar[]
{%- endmacro %}

{#- True when this run works out only the receipts stg_finance__receipts_changed lists. -#}
{% macro receipts_by_changed() -%}
    {{- return(is_incremental() and receipt_files_changed() is not none) -}}
{%- endmacro %}

{#- A filter on a relation (alias `alias`), opened by `keyword`: its receipt is one whose raw
    rows changed. Nothing on a run that works out every receipt. -#}
{% macro receipts_where_changed(alias, keyword='where') -%}
    {%- if receipts_by_changed() -%}
        {{ keyword }} {{ alias }}.receipt_id in (
            select receipt_id from {{ ref('stg_finance__receipts_changed') }}
        )
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: drop the rows of the receipts worked out again (all on a run that works out
    every one). -#}
{% macro receipts_prune() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} {{ receipts_where_changed(this) }}
    {%- endif -%}
{%- endmacro %}
