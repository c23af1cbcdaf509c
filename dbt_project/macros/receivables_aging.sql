{#- Aging buckets by days past due (metrics: "Receivables and aging"). One list, used both by
    the per-line CASE and by the month-end history, which splits each line's balance into
    the date ranges during which it sits in each bucket. lo/hi are inclusive day bounds
    (none = unbounded). -#}
{% macro receivables_aging_buckets() -%}
    {{ return([
        {'name': 'not_due', 'lo': none, 'hi': 0, 'order': 0},
        {'name': '1-30', 'lo': 1, 'hi': 30, 'order': 1},
        {'name': '31-60', 'lo': 31, 'hi': 60, 'order': 2},
        {'name': '61-90', 'lo': 61, 'hi': 90, 'order': 3},
        {'name': '91-180', 'lo': 91, 'hi': 180, 'order': 4},
        {'name': '181-365', 'lo': 181, 'hi': 365, 'order': 5},
        {'name': '>365', 'lo': 366, 'hi': none, 'order': 6},
    ]) }}
{%- endmacro %}

{#- The bucket of a days-past-due expression. -#}
{% macro receivables_aging_bucket(days_expr) -%}
    case
    {%- for b in receivables_aging_buckets() if b.hi is not none %}
        when {{ days_expr }} <= {{ b.hi }} then '{{ b.name }}'
    {%- endfor %}
        else '>365'
    end
{%- endmacro %}

{#- The buckets as a relation (aging_bucket, bucket_order, min_days, max_days). -#}
{% macro receivables_aging_buckets_relation() -%}
    (values
    {%- for b in receivables_aging_buckets() %}
        ('{{ b.name }}', {{ b.order }}, {{ 'null' if b.lo is none else b.lo }}::integer, {{ 'null' if b.hi is none else b.hi }}::integer){{ ',' if not loop.last }}
    {%- endfor %}
    ) as buckets(aging_bucket, bucket_order, min_days, max_days)
{%- endmacro %}

{#- The bucket names, for accepted_values tests. -#}
{% macro receivables_aging_bucket_names() -%}
    {{ return(receivables_aging_buckets() | map(attribute='name') | list) }}
{%- endmacro %}

{#- Payer of a schedule line or receipt item: loans are paid by the bank. -#}
{% macro receivables_payer(item_expr) -%}
    case when {{ item_expr }} = 'loan' then 'bank' else 'customer' end
{%- endmacro %}
