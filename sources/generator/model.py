"""Simulate one project's sales-and-collections history as export rows.

Everything a project exports comes out of one pass over its deals in subscription-date order,
so the tables agree with each other by construction: a receipt is written by the same code
that decided the schedule line it pays, a contract only by the subscription that signed it.

Internal value types (the writers format them): dates are ``date.toordinal()`` ints, money
is integer fen, areas integer hundredths of a m², booleans ``bool``, missing values ``None``.
Rows are tuples (or lists) in the contract's column order (``sources/contract/<table>.yaml``).
"""

from __future__ import annotations

import heapq
import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter

from sources.generator.scales import ProjectSpec

TABLES = (
    "projects",
    "units",
    "customers",
    "contacts",
    "reservations",
    "subscriptions",
    "contracts",
    "sales_changes",
    "payment_schedule",
    "receipts",
    "service_events",
    "marketing_spend",
    "sales_plans",
    "collection_actions",
)

#: Free-text first-contact channels as consultants type them, with their weight. The last
#: few are odd spellings a channel map will not know: they must surface as ``unmapped``.
CUSTOMER_CHANNELS = [
    ("安居客", 13.0),
    ("贝壳找房", 12.0),
    ("微信朋友圈", 12.0),
    ("短信", 5.0),
    ("户外广告", 8.0),
    ("电台", 3.0),
    ("报纸", 2.0),
    ("暖场活动", 8.0),
    ("派单", 10.0),
    ("中介/代理", 12.0),
    ("老带新", 10.0),
    ("路过看到", 1.5),
    ("其它", 1.0),
    ("ajk", 0.5),
    ("抖音??", 0.5),
]
#: Monthly budget per channel (yuan, for a project of 800 units) and the share of months
#: in which the channel runs at all.
SPEND_CHANNELS = [
    ("安居客", 40_000, 1.0),
    ("贝壳找房", 35_000, 1.0),
    ("微信朋友圈", 20_000, 1.0),
    ("短信", 6_000, 0.9),
    ("户外广告", 80_000, 0.8),
    ("电台", 15_000, 0.5),
    ("报纸", 8_000, 0.3),
    ("暖场活动", 30_000, 0.7),
    ("派单", 15_000, 0.9),
    ("中介/代理", 60_000, 1.0),
    ("老带新", 20_000, 1.0),
]
#: Bank, its usual days from interview to approval and from registration to disbursement.
BANKS = [
    ("工商银行", 20, 25, 3.0),
    ("建设银行", 15, 20, 3.0),
    ("农业银行", 30, 35, 2.0),
    ("中国银行", 25, 30, 2.0),
    ("招商银行", 10, 12, 1.5),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志宇浩然子涵梓轩欣怡思远"
REGIONS = ["510104", "510107", "500103", "330106", "320505", "420106", "430104", "610113"]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

CENT = Decimal("0.01")

# Resident id numbers (身份证号) are region + birth date + sequence + a check digit over the
# first 17 digits; the weighted sums are precomputed per part because the large scale
# writes millions of customers.
N_SURNAMES, N_GIVEN = len(SURNAMES), len(GIVEN)
BIRTHS = [
    date.fromordinal(date(1965, 1, 1).toordinal() + k).strftime("%Y%m%d") for k in range(12_000)
]
REGION_SUMS = [sum(int(c) * w for c, w in zip(r, ID_WEIGHTS[:6], strict=True)) for r in REGIONS]
BIRTH_SUMS = [sum(int(c) * w for c, w in zip(b, ID_WEIGHTS[6:14], strict=True)) for b in BIRTHS]
SEQ_SUMS = [
    sum(int(c) * w for c, w in zip(f"{k:03d}", ID_WEIGHTS[14:], strict=True)) for k in range(1000)
]


def _cum(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return [x / total for x in out]


CUSTOMER_CHANNEL_NAMES = [c for c, _ in CUSTOMER_CHANNELS]
CUSTOMER_CHANNEL_CUM = _cum([w for _, w in CUSTOMER_CHANNELS])
BANK_CUM = _cum([b[3] for b in BANKS])

# Payment behaviour of a buyer over all their customer-payer lines.
PROFILES = ["on_time", "late", "partial", "never", "prepaid"]
PROFILE_CUM = _cum([66, 16, 7, 3, 8])

METHODS_BY_TYPE = {
    "residential": (
        ["mortgage", "provident_fund", "combined", "one_off", "instalment"],
        _cum([55, 10, 8, 12, 15]),
    ),
    "villa": (["mortgage", "combined", "one_off", "instalment"], _cum([55, 10, 20, 15])),
    "shop": (["one_off", "instalment", "mortgage"], _cum([40, 35, 25])),
    "parking": (["one_off", "instalment"], _cum([70, 30])),
}


def _pick(rnd, names, cum):
    return names[min(bisect_right(cum, rnd()), len(names) - 1)]


def fen_from_yuan(yuan: float, step_yuan: int = 100) -> int:
    """Round a yuan amount to a whole step (100 yuan by default) and return fen."""
    return int(round(yuan / step_yuan)) * step_yuan * 100


def true_up_fen(contract_fen: int, presale_c: int, measured_c: int) -> int:
    """Area true-up the buyer pays (negative: refund), per 商品房销售管理办法 (metrics.md).

    unit price = contract_amount / presale area (not rounded); the result is rounded
    half-up to the fen once, at the end.
    """
    amount = Decimal(contract_fen) / 100
    pre = Decimal(presale_c) / 100
    mea = Decimal(measured_c) / 100
    price = amount / pre
    band = pre * Decimal("0.03")
    diff = mea - pre
    if abs(diff) <= band:
        pay = diff * price
    elif diff > 0:
        pay = band * price
    else:
        pay = -(band * price) - (abs(diff) - band) * price * 2
    return int((pay.quantize(CENT, rounding=ROUND_HALF_UP) * 100).to_integral_value())


@dataclass(slots=True)
class Unit:
    unit_id: str
    building: str
    unit_no: str
    unit_type: str
    floor: int | None
    presale_c: int
    measured_c: int | None
    list_fen: int
    floor_fen: int
    release: int | None
    completion: int | None
    taken: bool = False


class ProjectSim:
    """One project's history; ``run()`` returns rows per table."""

    def __init__(self, spec: ProjectSpec, seed: int, as_of: date):
        self.spec = spec
        self.pid = spec.project_id
        self.as_of = as_of.toordinal()
        self.rng = random.Random(f"{seed}:project:{spec.index}")
        self.rnd = self.rng.random
        self.rows: dict[str, list] = {t: [] for t in TABLES}
        self.n = dict.fromkeys(
            ("cust", "res", "sub", "con", "chg", "sch", "act", "spend", "contact"), 0
        )
        self.consultants = [f"{self.pid}-GW{k + 1:02d}" for k in range(max(4, spec.n_units // 70))]
        # per-month aggregates for plans: sign amount, units, collections
        self.month_sign: dict[int, int] = {}
        self.month_units: dict[int, int] = {}
        self.channel_month_deals: dict[tuple[str, int], int] = {}

    # -- small random helpers (random() is several times faster than randint) ------------
    def ri(self, a: int, b: int) -> int:
        return a + int(self.rnd() * (b - a + 1))

    def chance(self, p: float) -> bool:
        return self.rnd() < p

    def next_id(self, kind: str, prefix: str, width: int) -> str:
        self.n[kind] += 1
        return f"{self.pid}-{prefix}{self.n[kind]:0{width}d}"

    @staticmethod
    def month_of(ordinal: int) -> int:
        d = date.fromordinal(ordinal)
        return date(d.year, d.month, 1).toordinal()

    # -- the whole project ------------------------------------------------------------
    def run(self) -> dict[str, list]:
        spec = self.spec
        self.rows["projects"].append(
            (self.pid, spec.project_name, spec.city, spec.division, spec.launch)
        )
        units = self.build_units()
        self.sell(units)
        self.leads()
        self.spend_and_plans()
        self.finish()
        return self.rows

    def build_units(self) -> list[Unit]:
        spec, rnd, ri = self.spec, self.rnd, self.ri
        n = spec.n_units
        n_parking = round(n * 0.15)
        n_shop = round(n * 0.05)
        n_villa = round(n * 0.10)
        n_res = n - n_parking - n_shop - n_villa
        ppm = spec.price_per_m2
        tiny = n < 100
        units: list[Unit] = []
        # residential and villa buildings are released in batches of two buildings
        buildings: list[tuple[str, str, int, int]] = []  # (name, type, floors, per floor)
        left = n_res
        while left > 0:
            floors = 6 if tiny else ri(11, 33)
            per = 4
            take = min(left, floors * per)
            buildings.append(("res", "residential", -(-take // per), per))
            left -= take
        left = n_villa
        while left > 0:
            take = min(left, 12)
            buildings.append(("villa", "villa", -(-take // 2), 2))
            left -= take
        counts = {"residential": n_res, "villa": n_villa}
        gap = ri(75, 120)
        launch = spec.launch
        n_batches = max(1, min(8, (len(buildings) + 1) // 2))
        for b_index, (_, utype, floors, per) in enumerate(buildings):
            bname = f"{b_index + 1:02d}"
            batch = b_index * n_batches // len(buildings)
            release = launch + batch * gap + (0 if batch == 0 else ri(0, 20))
            completion = release + ri(600, 760)
            for fl in range(1, floors + 1):
                for k in range(1, per + 1):
                    if counts[utype] <= 0:
                        break
                    counts[utype] -= 1
                    if utype == "residential":
                        area = rnd_choice(self.rng, (89, 98, 105, 118, 125, 143)) + rnd() - 0.5
                        unit_ppm = ppm * (1 + 0.006 * fl)
                    else:
                        area = rnd_choice(self.rng, (168, 185, 210, 240)) + rnd() - 0.5
                        unit_ppm = ppm * 1.35
                    units.append(
                        self.make_unit(
                            bname, f"{fl}{k:02d}", utype, fl, area, unit_ppm, release, completion
                        )
                    )
        release = launch + 90
        completion = release + ri(600, 700)
        for k in range(n_shop):
            fl = 1 + k % 2
            area = 35 + rnd() * 145
            units.append(
                self.make_unit(
                    "SY", f"S{fl}{k // 2 + 1:02d}", "shop", fl, area, ppm * 2.0, release, completion
                )
            )
        release = launch + 150
        completion = launch + ri(600, 700)
        for k in range(n_parking):
            fl = -1 - (k // 400)
            area = 12.5 + rnd() * 1.5
            units.append(
                self.make_unit(
                    "CK",
                    f"B{-fl}{k % 400 + 1:03d}",
                    "parking",
                    fl,
                    area,
                    ppm * 8 / area,
                    release,
                    completion,
                )
            )
        return units

    def make_unit(self, bname, unit_no, utype, fl, area, unit_ppm, release, completion) -> Unit:
        rnd = self.rnd
        presale_c = int(round(area * 100))
        list_fen = fen_from_yuan(presale_c / 100 * unit_ppm)
        floor_fen = fen_from_yuan(list_fen / 100 * (0.88 + rnd() * 0.06))
        if release > self.as_of or rnd() < 0.02:  # not yet released, or withdrawn (销控)
            release = None
        measured_c = None
        if completion <= self.as_of - 20 and release is not None:
            if utype == "parking":
                ratio = 0.0 if rnd() < 0.7 else (rnd() - 0.5) * 0.02
            elif rnd() < 0.07:  # beyond the ±3% band
                ratio = (0.031 + rnd() * 0.02) * (1 if rnd() < 0.5 else -1)
            else:
                ratio = self.rng.gauss(0, 0.01)
                ratio = max(-0.029, min(0.029, ratio))
            measured_c = int(round(presale_c * (1 + ratio)))
        else:
            completion = completion if completion <= self.as_of else None
        return Unit(
            unit_id=f"{self.pid}-{bname}-{unit_no}",
            building=bname,
            unit_no=unit_no,
            unit_type=utype,
            floor=fl,
            presale_c=presale_c,
            measured_c=measured_c,
            list_fen=list_fen,
            floor_fen=floor_fen,
            release=release,
            completion=completion,
        )

    # -- selling ------------------------------------------------------------------------
    def sale_date(self, unit: Unit, start: int, first: bool) -> int:
        tau = self.spec.sale_tau_days * (2.0 if unit.unit_type == "parking" else 1.0)
        if first and unit.unit_type != "parking" and self.rnd() < 0.3:
            return start + self.ri(0, 3)  # opening rush (开盘)
        return start + 1 + int(self.rng.expovariate(1.0 / tau))

    def sell(self, units: list[Unit]) -> None:
        rows = self.rows
        for u in units:
            rows["units"].append(
                (
                    u.unit_id,
                    self.pid,
                    u.building,
                    u.unit_no,
                    u.unit_type,
                    u.floor,
                    u.presale_c,
                    u.measured_c,
                    u.list_fen,
                    u.floor_fen,
                    u.release,
                )
            )
        heap: list[tuple[int, int, int]] = []
        seq = 0
        for i, u in enumerate(units):
            if u.release is None:
                continue
            d = self.sale_date(u, u.release, True)
            if d <= self.as_of:
                heap.append((d, seq, i))
                seq += 1
                u.taken = True
        heapq.heapify(heap)
        self.units = units
        while heap:
            d, _, i = heapq.heappop(heap)
            freed = self.deal(units[i], d)
            if freed is not None and self.chance(0.5):
                nd = self.sale_date(units[i], freed + 1, False)
                if nd <= self.as_of:
                    heapq.heappush(heap, (nd, seq, i))
                    seq += 1
                    units[i].taken = True
        self.unsold = [u for u in units if not u.taken]

    def new_customer(self, first_date: int, channel: str | None = None) -> list:
        rnd = self.rnd
        cid = self.next_id("cust", "KH", 6)
        name = SURNAMES[int(rnd() * N_SURNAMES)] + GIVEN[int(rnd() * N_GIVEN)]
        if rnd() < 0.7:
            name += GIVEN[int(rnd() * N_GIVEN)]
        phone = f"1{'3589'[int(rnd() * 4)]}{int(rnd() * 1e9):09d}"
        region = int(rnd() * len(REGIONS))
        birth = int(rnd() * len(BIRTHS))
        seq = int(rnd() * 1000)
        check = ID_CHECK[(REGION_SUMS[region] + BIRTH_SUMS[birth] + SEQ_SUMS[seq]) % 11]
        id_number = f"{REGIONS[region]}{BIRTHS[birth]}{seq:03d}{check}"
        if channel is None:
            channel = _pick(rnd, CUSTOMER_CHANNEL_NAMES, CUSTOMER_CHANNEL_CUM)
        consultant = self.consultants[int(rnd() * len(self.consultants))]
        row = [cid, self.pid, name, phone, id_number, first_date, channel, consultant]
        self.rows["customers"].append(row)
        return row

    def contact(self, cust: list, day: int, ctype: str, is_first: bool) -> None:
        # ids are given after sorting by date, in finish()
        self.rows["contacts"].append(
            [None, cust[0], self.pid, day, ctype, is_first, cust[6], cust[7]]
        )

    def buyer_contacts(self, cust: list, until: int) -> None:
        first = cust[5]
        ri = self.ri
        cid, pid, channel, consultant = cust[0], self.pid, cust[6], cust[7]
        add = self.rows["contacts"].append  # ids are given after sorting, in finish()
        if self.rnd() < 0.35:
            add([None, cid, pid, first, "call", True, channel, consultant])
            visit = min(until, first + ri(1, 14))
        else:
            visit = first
        add([None, cid, pid, visit, "visit", True, channel, consultant])
        span = until - visit
        for _ in range(ri(0, 3)):
            add([None, cid, pid, visit + ri(0, span), "visit", False, channel, consultant])
        for _ in range(ri(1, 4)):
            add([None, cid, pid, visit + ri(0, span), "follow_up", False, channel, consultant])
        if until != visit:
            add([None, cid, pid, until, "visit", False, channel, consultant])

    def leads(self) -> None:
        """Customers who call or visit and never buy: most of the funnel."""
        n_subs = self.n["sub"]
        n_leads = int(n_subs * self.spec.leads_per_subscription) + 3
        start = self.spec.launch - 60
        span = self.as_of - start
        ri, chance = self.ri, self.chance
        for _ in range(n_leads):
            first = start + ri(0, span)
            cust = self.new_customer(first)
            if chance(0.4):
                self.contact(cust, first, "call", True)
                if chance(0.5):
                    d = first + ri(1, 20)
                    if d <= self.as_of:
                        self.contact(cust, d, "visit", True)
                        if chance(0.25) and d + 7 <= self.as_of:
                            self.contact(
                                cust,
                                d + ri(7, 40) if d + 40 <= self.as_of else d + 7,
                                "visit",
                                False,
                            )
            else:
                self.contact(cust, first, "visit", True)
                if chance(0.25):
                    d = first + ri(3, 40)
                    if d <= self.as_of:
                        self.contact(cust, d, "visit", False)
            for _ in range(ri(0, 2)):
                d = first + ri(1, 30)
                if d <= self.as_of:
                    self.contact(cust, d, "follow_up", False)
            if chance(0.03):
                self.lost_reservation(cust)

    def lost_reservation(self, cust: list) -> None:
        """A reservation that never becomes a subscription: refunded (退筹) or still open,
        overdue once its subscribe-by date has passed (逾期未认购)."""
        ri, as_of = self.ri, self.as_of
        day = cust[5] + ri(0, 20)
        if day > as_of:
            return
        res_id = self.next_id("res", "RC", 5)
        fee = 2_000_000
        by = day + 30
        status, status_date = "active", None
        if by + 10 < as_of and self.chance(0.7):
            status, status_date = "cancelled", min(as_of, by + ri(0, 20))
        self.rows["reservations"].append(
            (res_id, self.pid, cust[0], day, fee, by, status, status_date)
        )
        self.receipt(None, None, res_id, day, fee, "reservation_fee")
        if status_date is not None:
            self.receipt(None, None, res_id, status_date, -fee, "reservation_fee")

    # -- one deal: reservation -> subscription -> contract -> money and services ------------
    def deal(
        self,
        unit: Unit,
        sub_date: int,
        cust: list | None = None,
        carried: tuple[str, int, int] | None = None,
    ) -> int | None:
        """Create a subscription of `unit` on `sub_date`; return the date the unit is freed
        again (cancellation) or None.

        `cust` and `carried` (old subscription id, deposit paid, date) are given for the new
        subscription of a swap, whose deposit is transferred from the old one.
        """
        rows, ri, chance, rnd = self.rows, self.ri, self.chance, self.rnd
        as_of = self.as_of
        spec = self.spec
        utype = unit.unit_type
        res_id = None
        res_fee = 0
        if cust is None:
            earliest = min(sub_date - 2, spec.launch - 60 + ri(0, 30))
            first = max(earliest, sub_date - ri(2, 100))
            cust = self.new_customer(first)
            self.buyer_contacts(cust, sub_date)
            if unit.release is not None and sub_date - unit.release <= 3 and chance(0.7):
                res_id = self.next_id("res", "RC", 5)
                res_date = max(first, unit.release - ri(5, 40))
                res_fee = 500_000 if utype == "parking" else 2_000_000
                rows["reservations"].append(
                    (
                        res_id,
                        self.pid,
                        cust[0],
                        res_date,
                        res_fee,
                        unit.release + 7,
                        "converted",
                        sub_date,
                    )
                )
                self.receipt(None, None, res_id, res_date, res_fee, "reservation_fee")
        consultant = cust[7]
        sub_id = self.next_id("sub", "RG", 6)
        # price: a discount from list, kept above the floor price except for a few deals
        if chance(0.04):
            price = fen_from_yuan(unit.floor_fen / 100 * (0.96 + rnd() * 0.035))
        else:
            lo = unit.floor_fen / unit.list_fen + 0.005
            price = fen_from_yuan(unit.list_fen / 100 * (lo + rnd() * (0.995 - lo)))
            price = max(price, unit.floor_fen)
        deposit = {
            "residential": 5_000_000 if price > 200_000_000 else 3_000_000,
            "villa": 10_000_000,
            "shop": 5_000_000,
            "parking": 1_000_000,
        }[utype]
        sign_by = sub_date + rnd_choice(self.rng, (7, 10, 14, 15, 20, 30))
        # what happens to the subscription
        x = rnd()
        outcome = (
            "cancel" if x < 0.035 else "swap" if x < 0.055 else "stall" if x < 0.08 else "sign"
        )
        if carried is not None and outcome == "swap":
            outcome = "sign"
        profile = _pick(rnd, PROFILES, PROFILE_CUM)
        sub_status, status_date = "active", None
        sign_date = end = None
        if outcome == "sign":
            if chance(0.75):
                sign_date = sub_date + ri(1, sign_by - sub_date)
            else:
                sign_date = sign_by + ri(1, 25)
                approve = sign_by - ri(0, 2)
                if chance(0.4) and approve <= as_of:
                    new_by = sign_by + 15 if sign_date <= sign_by + 15 else sign_by + 30
                    self.change(
                        None,
                        sub_id,
                        "extension",
                        approve,
                        "销售经理",
                        _iso(sign_by),
                        _iso(new_by),
                        None,
                        "客户资金未到位，申请延期签约",
                    )
                    sign_by = new_by
            if sign_date > as_of:
                sign_date = None
        elif outcome == "stall" and chance(0.5) and sign_by <= as_of:
            new_by = sign_by + 30
            self.change(
                None,
                sub_id,
                "extension",
                sign_by - ri(0, 2),
                "销售经理",
                _iso(sign_by),
                _iso(new_by),
                None,
                "客户等待贷款资质，申请延期签约",
            )
            sign_by = new_by
        elif outcome in ("cancel", "swap"):
            end = sub_date + ri(2, 25)
            if end > as_of:
                end = None
                outcome = "stall"
        # the deposit: agreed on the subscription, transferred from a reservation or an
        # earlier subscription (swap) and the rest paid by the buyer
        sched_dep = self.schedule(None, sub_id, "deposit", sub_date, deposit)
        rows["subscriptions"].append(
            row := [
                sub_id,
                res_id,
                unit.unit_id,
                cust[0],
                sub_date,
                price,
                deposit,
                sign_by,
                sub_status,
                status_date,
                consultant,
            ]
        )
        transferred = 0
        if res_id is not None:
            self.receipt(None, None, res_id, sub_date, -res_fee, "reservation_fee", "transfer")
            self.receipt(None, sub_id, None, sub_date, res_fee, "deposit", "transfer")
            transferred = res_fee
        if carried is not None:
            old_sub, paid, when = carried
            self.receipt(None, old_sub, None, when, -paid, "deposit", "transfer")
            self.receipt(None, sub_id, None, when, paid, "deposit", "transfer")
            transferred = paid
        stop = end if end is not None else as_of
        line_paid: dict[str, list[tuple[int, int]]] = {}
        if deposit > transferred:
            dep_profile = "on_time" if profile in ("never", "prepaid") else profile
            pays = self.pay_line(
                None,
                sub_id,
                "deposit",
                sub_date,
                deposit - transferred,
                sub_date,
                dep_profile,
                stop,
            )
        else:
            pays = []
        line_paid[sched_dep] = [(sub_date, transferred)] if transferred else []
        line_paid[sched_dep] += pays
        self.chase(None, sub_id, sub_date, deposit, line_paid[sched_dep], consultant, stop)
        deposit_paid = sum(a for _, a in line_paid[sched_dep])

        if outcome == "cancel" and end is not None:
            row[8], row[9] = "cancelled", end
            reason = rnd_choice(
                self.rng, ("客户个人原因", "家庭意见不统一", "贷款资质不足", "选择其他楼盘")
            )
            self.change(None, sub_id, "cancel", end, "营销总监", "有效", "已退订", -price, reason)
            unit.taken = False
            if deposit_paid and chance(0.8):
                d = end + ri(0, 10)
                if d <= as_of:
                    self.receipt(None, sub_id, None, d, -deposit_paid, "deposit")
            return end
        if outcome == "swap" and end is not None:
            target = self.swap_target(unit, end)
            if target is None:
                outcome = "stall"
            else:
                row[8], row[9] = "cancelled", end
                self.change(
                    None,
                    sub_id,
                    "swap",
                    end,
                    "营销总监",
                    unit.unit_id,
                    target.unit_id,
                    target.list_fen - unit.list_fen,
                    "客户申请换房",
                )
                unit.taken = False
                self.deal(target, end, cust, (sub_id, deposit_paid, end))
                return end
        if outcome == "stall" and sign_by < as_of and chance(0.8):
            d = sign_by + ri(1, 7)
            if d <= as_of:
                self.action(
                    None,
                    sub_id,
                    d,
                    "phone",
                    consultant,
                    "催促签约，客户称资金未到位",
                    sign_by + ri(10, 40),
                    None,
                )
        if sign_date is None:
            return None

        # -- the contract ---------------------------------------------------------------
        row[8], row[9] = "signed", sign_date
        con_id = self.next_id("con", "HT", 6)
        amount = price
        if chance(0.03) and sign_date - sub_date >= 2:
            delta = -fen_from_yuan(price / 100 * (0.01 + rnd() * 0.02))
            d = sub_date + ri(1, sign_date - sub_date - 1)
            level = "事业部总经理" if price + delta < unit.floor_fen else "营销总监"
            self.change(
                None,
                sub_id,
                "discount",
                d,
                level,
                _money(price),
                _money(price + delta),
                delta,
                "老业主优惠",
            )
            amount = price + delta
        month = self.month_of(sign_date)
        self.month_sign[month] = self.month_sign.get(month, 0) + amount
        self.month_units[month] = self.month_units.get(month, 0) + 1
        key = (cust[6], month)
        self.channel_month_deals[key] = self.channel_month_deals.get(key, 0) + 1
        names, cum = METHODS_BY_TYPE[utype]
        method = _pick(rnd, names, cum)
        loan = 0
        pf_part = 0
        if method in ("mortgage", "provident_fund", "combined"):
            down_ratio = 0.5 if utype == "shop" else rnd_choice(self.rng, (0.3, 0.3, 0.3, 0.4, 0.5))
            loan = int(amount * (1 - down_ratio)) // 1_000_000 * 1_000_000
            if method == "provident_fund":
                loan = min(loan, 120_000_000)
            if method == "combined":
                pf_part = min(80_000_000, loan // 2 // 1_000_000 * 1_000_000)
        # cancellation of the contract (退房)
        cancel = None
        if chance(0.03):
            c = sign_date + (ri(5, 30) if chance(0.4) else ri(31, 200))
            if c <= as_of:
                cancel = c
        stop = cancel if cancel is not None else as_of
        con_row = [
            con_id,
            sub_id,
            unit.unit_id,
            cust[0],
            sign_date,
            amount,
            method,
            loan or None,
            "active",
            None,
            consultant,
        ]
        rows["contracts"].append(con_row)

        # services: filing, loans, hand-over, certificate
        svc = rows["service_events"]
        d = sign_date + ri(1, 10)
        for ms, gap in (("submitted", 0), ("completed", ri(3, 20)), ("collected", ri(2, 30))):
            d += gap
            if d > stop:
                break
            svc.append((con_id, "filing", ms, d, None, None))
        disbursed: list[tuple[int, int]] = []  # (date, amount)
        rejected_on = None
        loans = []
        if method == "mortgage":
            loans = [("mortgage", loan)]
        elif method == "provident_fund":
            loans = [("provident_fund", loan)]
        elif method == "combined":
            loans = [("provident_fund", pf_part), ("mortgage", loan - pf_part)]
        for service, part in loans:
            bank, approve_days, disburse_days, _ = BANKS[_index(rnd, BANK_CUM)]
            slow = 15 if service == "provident_fund" else 0
            d = sign_date + (ri(3, 20) if chance(0.9) else ri(30, 120))
            steps = [("docs_complete", d)]
            d += ri(2, 10)
            steps.append(("bank_interview", d))
            d += approve_days + slow + ri(-5, 15)
            reject = method != "combined" and chance(0.06)
            steps.append(("rejected" if reject else "approved", d))
            if not reject:
                d += ri(5, 20)
                steps.append(("registered", d))
                d += disburse_days + slow + (ri(-5, 30) if chance(0.9) else ri(30, 150))
                steps.append(("disbursed", d))
            for ms, day in steps:
                if day > stop:
                    break
                note = "资料待补充" if ms == "docs_complete" and day - sign_date > 29 else None
                svc.append((con_id, service, ms, day, bank, note))
                if ms == "rejected":
                    rejected_on = day
                elif ms == "disbursed":
                    disbursed.append((day, part))

        # the payment schedule, in its final form (after any payment-method change)
        lines: list[tuple[str, int, int]] = []  # (item, due, amount)
        if method == "one_off":
            lines.append(("down_payment", sign_date + ri(0, 7), amount - deposit))
        elif method == "instalment":
            down = fen_from_yuan(amount / 100 * 0.3) - deposit
            lines.append(("down_payment", sign_date + 7, down))
            rest = amount - deposit - down
            k = ri(2, 4)
            part = rest // k // 10_000 * 10_000
            for j in range(k):
                lines.append(
                    (
                        "instalment",
                        sign_date + 90 * (j + 1),
                        part if j < k - 1 else rest - part * (k - 1),
                    )
                )
        else:
            down = amount - loan - deposit
            if chance(0.15):
                first_part = down // 2 // 10_000 * 10_000
                lines.append(("down_payment", sign_date + 7, first_part))
                lines.append(("instalment", sign_date + 90, down - first_part))
            else:
                lines.append(("down_payment", sign_date + ri(0, 7), down))
            if rejected_on is not None:
                new_method = "one_off" if chance(0.5) else "instalment"
                approve = rejected_on + ri(3, 20)
                if approve <= stop:
                    self.change(
                        con_id,
                        None,
                        "payment_method",
                        approve,
                        "营销总监",
                        method,
                        new_method,
                        None,
                        "银行拒贷，改为"
                        + ("一次性付款" if new_method == "one_off" else "分期付款"),
                    )
                    con_row[6], con_row[7] = new_method, None
                    if new_method == "one_off":
                        lines.append(("instalment", approve + 30, loan))
                    else:
                        half = loan // 2 // 10_000 * 10_000
                        lines.append(("instalment", approve + 30, half))
                        lines.append(("instalment", approve + 120, loan - half))
                    loan = 0
            if loan:
                if method == "combined":
                    lines.append(("loan", sign_date + 90, pf_part))
                    lines.append(("loan", sign_date + 75, loan - pf_part))
                else:
                    lines.append(
                        ("loan", sign_date + (90 if method == "provident_fund" else 75), loan)
                    )
        # hand-over, measured area true-up, certificate
        if unit.completion is not None:
            notified = max(unit.completion, sign_date + 15)
            if notified <= stop:
                svc.append((con_id, "handover", "notified", notified, None, None))
                if unit.measured_c is not None and unit.measured_c != unit.presale_c:
                    tu = true_up_fen(amount, unit.presale_c, unit.measured_c)
                    if tu:
                        lines.append(("area_true_up", notified + 30, tu))
                d = notified + ri(3, 60)
                if chance(0.85) and d <= stop:
                    svc.append((con_id, "handover", "completed", d, None, None))
                    d += ri(30, 90)
                    for ms in ("submitted", "issued", "collected"):
                        if d > stop:
                            break
                        svc.append((con_id, "certificate", ms, d, None, None))
                        d += ri(20, 60)

        # money: the bank pays its lines on disbursement, the buyer pays the rest
        for day, part in disbursed:
            self.receipt(con_id, None, None, day, part, "loan", "loan_disbursement")
        paid_by_item: dict[str, int] = {}
        for item, due, amt in sorted(lines, key=lambda t: t[1]):
            self.schedule(con_id, None, item, due, amt)
            if item == "loan":
                continue
            if amt < 0:  # a refund owed to the buyer
                d = due + ri(0, 45)
                if d <= stop and chance(0.7):
                    self.receipt(con_id, None, None, d, amt, item)
                continue
            line_profile = profile
            if profile == "on_time" and chance(0.05):
                line_profile = "late"
            if profile == "prepaid" and item != "instalment":
                line_profile = "on_time"
            pays = self.pay_line(con_id, None, item, due, amt, sign_date, line_profile, stop)
            for _, a in pays:
                paid_by_item[item] = paid_by_item.get(item, 0) + a
            self.chase(con_id, None, due, amt, pays, consultant, stop)
            # late fee on a down payment paid more than 30 days late
            if item == "down_payment" and pays and sum(a for _, a in pays) >= amt:
                late = pays[-1][0] - due
                if late > 30 and chance(0.5):
                    fee = int(amt * 0.0005 * late)
                    fee_due = pays[-1][0] + 10
                    self.schedule(con_id, None, "late_fee", fee_due, fee)
                    if chance(0.6) and fee_due <= stop:
                        self.receipt(con_id, None, None, fee_due - ri(0, 5), fee, "late_fee")
                        paid_by_item["late_fee"] = paid_by_item.get("late_fee", 0) + fee
        for _day, part in disbursed:
            paid_by_item["loan"] = paid_by_item.get("loan", 0) + part

        if chance(0.02):
            d = sign_date + ri(10, 300)
            if d <= stop:
                old = cust[2]
                new = old + "、" + SURNAMES[int(rnd() * len(SURNAMES))] + GIVEN[int(rnd() * 10)]
                self.change(con_id, None, "rename", d, "销售经理", old, new, None, "增加权益人")
                cust[2] = new
        if cancel is not None:
            con_row[8], con_row[9] = "cancelled", cancel
            reason = rnd_choice(
                self.rng, ("客户资金困难", "贷款未获批", "个人原因", "面积误差超3%")
            )
            self.change(
                con_id, None, "cancel", cancel, "事业部总经理", "有效", "已退房", -amount, reason
            )
            d = cancel + ri(5, 30)
            if d <= as_of:
                if deposit_paid:
                    self.receipt(None, sub_id, None, d, -deposit_paid, "deposit")
                for item in sorted(paid_by_item):
                    if paid_by_item[item]:
                        self.receipt(con_id, None, None, d, -paid_by_item[item], item)
            unit.taken = False
            return cancel
        return None

    def swap_target(self, unit: Unit, when: int) -> Unit | None:
        for _ in range(20):
            u = self.units[int(self.rnd() * len(self.units))]
            if (
                not u.taken
                and u.release is not None
                and u.release <= when
                and u.unit_type == unit.unit_type
                and u is not unit
            ):
                u.taken = True
                return u
        return None

    # -- rows -------------------------------------------------------------------------
    def schedule(self, con_id, sub_id, item, due, amount) -> str:
        sid = self.next_id("sch", "YS", 7)
        self.rows["payment_schedule"].append((sid, con_id, sub_id, item, due, amount))
        return sid

    def receipt(self, con_id, sub_id, res_id, day, amount, item, method=None) -> None:
        if method is None:
            x = self.rnd()
            if amount < 0:
                method = "bank_transfer"
            elif amount < 2_000_000:
                method = "cash" if x < 0.3 else "pos" if x < 0.7 else "bank_transfer"
            else:
                method = "pos" if x < 0.35 else "bank_transfer"
        # ids and voucher numbers are given after sorting by date, in finish()
        self.rows["receipts"].append(
            [None, con_id, sub_id, res_id, day, amount, item, method, None]
        )

    def pay_line(self, con_id, sub_id, item, due, amount, earliest, profile, stop):
        """Receipts paying one schedule line, per the buyer's profile; returns (date, amount)
        of those written (dated on or before `stop`)."""
        ri, chance = self.ri, self.chance
        plan: list[tuple[int, int]] = []
        if profile == "on_time":
            plan.append((max(earliest, due - ri(0, 3)), amount))
        elif profile == "prepaid":
            plan.append((max(earliest, due - ri(10, 60)), amount))
        elif profile == "late":
            plan.append((due + (ri(3, 40) if chance(0.7) else ri(41, 200)), amount))
        elif profile == "partial":
            first = min(amount, max(100, fen_from_yuan(amount / 100 * (0.3 + 0.5 * self.rnd()))))
            d = due + ri(0, 10)
            plan.append((d, first))
            if first < amount and chance(0.5):
                plan.append((d + ri(30, 150), amount - first))
        # "never": nothing
        out = []
        for d, a in plan:
            if d > stop:
                break
            if a >= 10_000_000 and chance(0.25):  # paid in two parts: card and transfer
                card = a // 3 // 100 * 100
                self.receipt(con_id, sub_id, None, d, card, item, "pos")
                d2 = min(stop, d + ri(0, 3))
                self.receipt(con_id, sub_id, None, d2, a - card, item, "bank_transfer")
                out += [(d, card), (d2, a - card)]
            else:
                self.receipt(con_id, sub_id, None, d, a, item)
                out.append((d, a))
        return out

    def chase(self, con_id, sub_id, due, amount, pays, consultant, stop) -> None:
        """The dunning ladder on a line not paid within a week of its due date."""
        settled = None
        total = 0
        for d, a in pays:
            total += a
            if total >= amount:
                settled = d
                break
        if settled is not None and settled <= due + 7:
            return
        ladder = (
            (7, "sms", f"{self.pid}-CW01", "已发送催款短信"),
            (15, "phone", consultant, None),
            (30, "visit", consultant, None),
            (45, "letter", f"{self.pid}-CW01", "已寄送催款函"),
            (90, "legal", f"{self.pid}-FW01", "已移交法务"),
        )
        for offset, kind, staff, outcome in ladder:
            day = due + offset
            if day > stop or (settled is not None and day >= settled):
                break
            outstanding = amount - sum(a for d, a in pays if d <= day)
            promised = promised_amt = None
            if outcome is None:
                x = self.rnd()
                if settled is not None and settled - day <= 30 and x < 0.6:
                    outcome = "承诺付款"
                    promised, promised_amt = settled + self.ri(0, 3), outstanding
                elif x < 0.5:
                    outcome = "承诺付款"
                    promised = day + self.ri(3, 15)
                    if settled is not None and promised >= settled:
                        promised = settled - 1
                    promised_amt = outstanding
                    if promised <= day:
                        outcome, promised, promised_amt = "客户称资金紧张", None, None
                else:
                    outcome = "无人接听" if x < 0.75 else "客户称资金紧张"
            self.action(con_id, sub_id, day, kind, staff, outcome, promised, promised_amt)

    def action(self, con_id, sub_id, day, kind, staff, outcome, promised, promised_amt) -> None:
        aid = self.next_id("act", "CS", 6)
        self.rows["collection_actions"].append(
            (aid, con_id, sub_id, day, kind, staff, outcome, promised, promised_amt)
        )

    def change(self, con_id, sub_id, ctype, approve, level, old, new, delta, reason) -> None:
        cid = self.next_id("chg", "BG", 5)
        apply = approve - self.ri(0, 5)
        self.rows["sales_changes"].append(
            (cid, con_id, sub_id, ctype, apply, approve, level, old, new, delta, reason)
        )

    # -- the project's marketing spend and plans ----------------------------------------
    def spend_and_plans(self) -> None:
        rnd = self.rnd
        spec = self.spec
        size = spec.n_units / 800
        first = date.fromordinal(spec.launch)
        months = []
        y, m = first.year, first.month - 2
        if m <= 0:
            y, m = y - 1, m + 12
        as_of = date.fromordinal(self.as_of)
        while (y, m) <= (as_of.year, as_of.month):
            months.append(date(y, m, 1).toordinal())
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        zero_month = months[len(months) // 2]
        spend = self.rows["marketing_spend"]
        for mo in months:
            launch_boost = 2.0 if mo == self.month_of(spec.launch) else 1.0
            for channel, budget, share in SPEND_CHANNELS:
                if channel == "短信" and mo == zero_month:
                    amount, desc = 0, "本月暂停投放"
                elif channel == "老带新":
                    deals = self.channel_month_deals.get((channel, mo), 0)
                    amount, desc = deals * 500_000, f"老带新奖励{deals}笔"
                elif rnd() < share:
                    amount = fen_from_yuan(budget * size * launch_boost * (0.6 + 0.8 * rnd()), 10)
                    desc = f"{channel}投放"
                else:
                    continue
                sid = self.next_id("spend", "FY", 5)
                spend.append((sid, self.pid, channel, mo, amount, desc))
        # one refund from a medium, booked as a negative spend
        mo = months[-3] if len(months) >= 3 else months[-1]
        spend.append(
            (self.next_id("spend", "FY", 5), self.pid, "户外广告", mo, -500_000, "户外广告费退回")
        )

        # monthly plans from the launch month on: targets near what then happened
        collected: dict[int, int] = {}
        for r in self.rows["receipts"]:
            if r[6] != "reservation_fee":
                mo = self.month_of(r[4])
                collected[mo] = collected.get(mo, 0) + r[5]
        plan_months = [mo for mo in months if mo >= self.month_of(spec.launch)]
        avg_sign = sum(self.month_sign.values()) // max(1, len(plan_months))
        avg_units = sum(self.month_units.values()) / max(1, len(plan_months))
        avg_coll = sum(collected.values()) // max(1, len(plan_months))
        for mo in plan_months:
            f = 0.8 + 0.5 * rnd()
            sign = fen_from_yuan(
                (self.month_sign.get(mo, 0) * 0.7 + avg_sign * 0.3) / 100 * f, 10_000
            )
            coll = fen_from_yuan((collected.get(mo, 0) * 0.7 + avg_coll * 0.3) / 100 * f, 10_000)
            units = round((self.month_units.get(mo, 0) * 0.7 + avg_units * 0.3) * f)
            self.rows["sales_plans"].append((self.pid, mo, sign, coll, units))

    def finish(self) -> None:
        """Sort the dated event tables by date and number them in that order."""
        contacts = self.rows["contacts"]
        contacts.sort(key=itemgetter(3))  # stable: same-day contacts keep creation order
        for i, r in enumerate(contacts, 1):
            r[0] = f"{self.pid}-LF{i:07d}"
        receipts = self.rows["receipts"]
        receipts.sort(key=itemgetter(4))  # stable: same-day receipts keep creation order
        digits = self.pid[1:]
        for i, r in enumerate(receipts, 1):
            r[0] = f"{self.pid}-SK{i:07d}"
            if r[7] not in ("transfer", "loan_disbursement"):
                r[8] = f"PJ{digits}{i:07d}"


def rnd_choice(rng: random.Random, seq):
    return seq[int(rng.random() * len(seq))]


def _index(rnd, cum) -> int:
    return min(bisect_right(cum, rnd()), len(cum) - 1)


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _money(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def simulate_project(spec: ProjectSpec, seed: int, as_of: date) -> dict[str, list]:
    """Rows per table for one project (see the module docstring for value types)."""
    return ProjectSim(spec, seed, as_of).run()
