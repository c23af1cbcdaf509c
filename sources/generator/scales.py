"""How big each scale is and which projects it holds.

A scale is a list of project specs; each project is then simulated on its own random stream
(``random.Random(f"{seed}:project:{index}")``), so a project's rows do not depend on how
many projects come before it or on which worker process simulates it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

DEFAULT_AS_OF = date(2026, 10, 31)
SCALES = ("tiny", "demo", "large")

#: Large scale at factor 1.0: about this many released units over all projects.
LARGE_UNITS = 1_270_000
LARGE_UNITS_PER_PROJECT = 8_000

CITIES = [
    ("成都", "西南事业部", 16_000),
    ("重庆", "西南事业部", 13_000),
    ("杭州", "华东事业部", 32_000),
    ("苏州", "华东事业部", 26_000),
    ("武汉", "华中事业部", 17_000),
    ("长沙", "华中事业部", 12_000),
    ("西安", "西北事业部", 14_000),
    ("合肥", "华东事业部", 18_000),
]
NAME_HEADS = ["云", "锦", "天", "御", "星", "澜", "栖", "翡", "璟", "江", "湖", "悦"]
NAME_TAILS = ["府", "庭", "园", "湾", "著", "苑", "境", "院", "城", "里"]


@dataclass(frozen=True)
class ProjectSpec:
    index: int
    project_id: str
    project_name: str
    city: str
    division: str
    launch: int  # date ordinal
    n_units: int
    price_per_m2: int  # yuan
    leads_per_subscription: float
    sale_tau_days: float  # mean days from release to subscription


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def plan_projects(
    scale: str, seed: int, as_of: date, scale_factor: float = 1.0
) -> list[ProjectSpec]:
    """The projects of a scale, fixed by the seed."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    rng = random.Random(f"{seed}:projects")
    if scale == "tiny":
        city, division, ppm = CITIES[0]
        return [
            ProjectSpec(
                index=0,
                project_id="P001",
                project_name="锦江云府",
                city=city,
                division=division,
                launch=_add_months(as_of, -26).toordinal() + 5,
                n_units=64,
                price_per_m2=ppm,
                leads_per_subscription=1.5,
                sale_tau_days=260.0,
            )
        ]
    if scale == "demo":
        n_projects = 8
        sizes = [rng.randint(700, 1000) for _ in range(n_projects)]
        leads = 6.0
        first_launch, last_launch = -36, -8
    else:
        total = max(100, int(LARGE_UNITS * scale_factor))
        n_projects = max(1, round(total / LARGE_UNITS_PER_PROJECT))
        base, extra = divmod(total, n_projects)
        sizes = [base + (1 if i < extra else 0) for i in range(n_projects)]
        leads = 2.0
        first_launch, last_launch = -40, -12
    specs = []
    used_names: set[str] = set()
    for i in range(n_projects):
        city, division, ppm = CITIES[i % len(CITIES)]
        offset = first_launch + (last_launch - first_launch) * i // max(1, n_projects - 1)
        launch = _add_months(as_of, offset).toordinal() + rng.randint(0, 20)
        name = rng.choice(NAME_HEADS) + rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        while name in used_names and len(used_names) < 1000:
            name = rng.choice(NAME_HEADS) + rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        if name in used_names:
            name = f"{name}{i + 1}期"
        used_names.add(name)
        specs.append(
            ProjectSpec(
                index=i,
                project_id=f"P{i + 1:03d}",
                project_name=f"{city}·{name}",
                city=city,
                division=division,
                launch=launch,
                n_units=sizes[i],
                price_per_m2=int(ppm * rng.uniform(0.85, 1.2)) // 100 * 100,
                leads_per_subscription=leads,
                sale_tau_days=rng.uniform(180.0, 320.0),
            )
        )
    return specs
