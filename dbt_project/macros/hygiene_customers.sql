{#- Customer identity helpers of the data-hygiene marts (issue 10).

    hygiene_normalise_phone: digits only (spaces, dashes, brackets, dots gone), then the
    country code dropped: +86 / 0086 / 86 before an 11-digit mobile number. Null when fewer
    than 7 digits remain (too short to identify anyone). -#}
{% macro hygiene_normalise_phone(column) -%}
(case
    when length(regexp_replace(coalesce({{ column }}, ''), '[^0-9]', '', 'g')) < 7 then null
    when regexp_replace({{ column }}, '[^0-9]', '', 'g') like '0086_%'
        and length(regexp_replace({{ column }}, '[^0-9]', '', 'g')) = 15
        then substr(regexp_replace({{ column }}, '[^0-9]', '', 'g'), 5)
    when regexp_replace({{ column }}, '[^0-9]', '', 'g') like '86_%'
        and length(regexp_replace({{ column }}, '[^0-9]', '', 'g')) = 13
        then substr(regexp_replace({{ column }}, '[^0-9]', '', 'g'), 3)
    else regexp_replace({{ column }}, '[^0-9]', '', 'g')
end)
{%- endmacro %}

{#- Names compared without any white space (half- or full-width); id numbers without white
    space and with the check letter upper-cased (x -> X). Empty -> null. -#}
{% macro hygiene_normalise_name(column) -%}
nullif(regexp_replace(coalesce({{ column }}, ''), '[\s\x{3000}]', '', 'g'), '')
{%- endmacro %}

{% macro hygiene_normalise_id_number(column) -%}
nullif(upper(regexp_replace(coalesce({{ column }}, ''), '[\s\x{3000}]', '', 'g')), '')
{%- endmacro %}

{#- Masking for the team and hygiene lists: every character but the last 4 a star (phones
    normalised first, so 13812345678 -> *******5678). Managers see names (they must act on
    them); phone and id number only enough to tell two records apart. -#}
{% macro hygiene_mask_last4(expression) -%}
(case
    when nullif(trim({{ expression }}), '') is null then null
    when length(trim({{ expression }})) <= 4 then repeat('*', length(trim({{ expression }})))
    else repeat('*', length(trim({{ expression }})) - 4) || right(trim({{ expression }}), 4)
end)
{%- endmacro %}

{#- The reviewed merge map applied to a customer id: the surviving customer id when the id
    is a reviewed duplicate (seed customer_merge_map), else the id itself. The map is flat
    (assert_hygiene_merge_map_is_flat), so one lookup is final. Reads only the seed, so a
    staging model can use it without a cycle:
        {{ hygiene_surviving_customer_id('customer_id') }} as customer_id, -#}
{% macro hygiene_surviving_customer_id(column) -%}
coalesce(
    (select any_value(m.surviving_customer_id) from {{ ref('customer_merge_map') }} as m
     where m.duplicate_customer_id = {{ column }}),
    {{ column }}
)
{%- endmacro %}
