"""Export contract v1 as code: one YAML per table in ``sources/contract/``.

Ingestion, the dbt sources, the user-facing docs and the sample-data generator all read this
one definition, so a column alias or an enum value is added in exactly one place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

CONTRACT_DIR = Path(__file__).resolve().parent / "contract"
CONTRACT_VERSION = "v1"

#: Column types and the DuckDB type each is stored as in ``raw``.
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "date": "DATE",
    "month": "DATE",  # first day of the month
    "money": "DECIMAL(18,2)",
    "area": "DECIMAL(14,4)",
    "integer": "BIGINT",
    "boolean": "BOOLEAN",
    "enum": "VARCHAR",
}

#: Scale (decimal places) of exact decimal types; more places than this is a bad value.
DECIMAL_SCALE = {"money": 2, "area": 4}

BOOLEAN_VALUES = {
    True: ["1", "true", "yes", "y", "是", "首次", "t"],
    False: ["0", "false", "no", "n", "否", "非首次", "f"],
}


def normalise_header(text: str) -> str:
    """Fold a header cell so that width, case, spaces and marks like '*' do not matter."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\ufeff", "").strip().strip("*").strip()
    return "".join(text.lower().split())


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    allow_negative: bool = False
    description: str = ""

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.type]

    @property
    def header_names(self) -> tuple[str, ...]:
        """Every header this column is recognised by: canonical, Chinese, extra aliases."""
        return (self.name, self.zh, *self.aliases)

    def enum_lookup(self) -> dict[str, str]:
        """Map every accepted spelling (canonical or Chinese, folded) to the canonical value."""
        lookup: dict[str, str] = {}
        for canonical, aliases in self.values.items():
            for spelling in (canonical, *aliases):
                lookup[normalise_header(spelling)] = canonical
        return lookup


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    description: str
    file_prefixes: tuple[str, ...]
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    one_of_required: tuple[tuple[str, ...], ...] = ()

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def header_lookup(self) -> dict[str, str]:
        """Folded header text -> canonical column name."""
        lookup: dict[str, str] = {}
        for col in self.columns:
            for header in col.header_names:
                lookup[normalise_header(header)] = col.name
        return lookup


def _column(raw: dict) -> Column:
    values = {
        str(k): tuple(str(a) for a in (v or [])) for k, v in (raw.get("values") or {}).items()
    }
    col = Column(
        name=raw["name"],
        zh=raw["zh"],
        type=raw["type"],
        required=bool(raw.get("required", False)),
        aliases=tuple(raw.get("aliases") or ()),
        values=values,
        allow_negative=bool(raw.get("allow_negative", False)),
        description=raw.get("description", ""),
    )
    if col.type not in DUCKDB_TYPES:
        raise ValueError(f"column {col.name}: unknown type {col.type!r}")
    if col.type == "enum" and not col.values:
        raise ValueError(f"column {col.name}: enum without values")
    return col


@cache
def load_contract() -> dict[str, Table]:
    """Read every table definition; the result is cached for the process."""
    tables: dict[str, Table] = {}
    for path in sorted(CONTRACT_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        table = Table(
            name=raw["table"],
            zh=raw["zh"],
            description=raw.get("description", ""),
            file_prefixes=tuple(raw["file_prefixes"]),
            key=tuple(raw["key"]),
            columns=tuple(_column(c) for c in raw["columns"]),
            one_of_required=tuple(tuple(g) for g in raw.get("one_of_required") or ()),
        )
        if path.stem != table.name:
            raise ValueError(f"{path.name}: table name {table.name!r} differs from file name")
        for k in table.key:
            table.column(k)
        tables[table.name] = table
    return tables


def table_for_file(file_name: str) -> Table | None:
    """The table a landing file belongs to, from its name prefix (English or Chinese).

    The longest matching prefix wins, so ``收款明细_2024.csv`` is receipts and
    ``payment_schedule_x.csv`` is not mistaken for anything shorter.
    """
    stem = normalise_header(Path(file_name).name)
    best: tuple[int, Table] | None = None
    for table in load_contract().values():
        for prefix in table.file_prefixes:
            p = normalise_header(prefix)
            if stem.startswith(p):
                rest = stem[len(p) :]
                # the prefix must end at a separator, a digit or the extension
                if rest and rest[0].isalpha() and rest[0].isascii():
                    continue
                if best is None or len(p) > best[0]:
                    best = (len(p), table)
    return best[1] if best else None
