"""Realistic, untidy caseload files for tests and the benchmark: Ofsted Annex A workbooks
and generic CSV exports, generated from a seed (never committed as binaries).

What makes them untidy, as real exports are: headers vary in case, spacing and
punctuation; coded values come as ``b) Female`` or ``Female``; dates come as real dates,
``dd/mm/yyyy`` text or Excel serial numbers; worker names carry non-breaking spaces, odd
case and trailing spaces; ``#N/A`` or blank means unallocated; formulas stand in some
cells; some sheets have a title row above the headers. Each generator returns what a
correct import must find, so tests can check it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.enums import CaseKind

LIST_KINDS = {3: CaseKind.REFERRAL, 4: CaseKind.ASSESSMENT, 5: CaseKind.SECTION_47,
              6: CaseKind.CHILD_IN_NEED, 7: CaseKind.CHILD_PROTECTION_PLAN,
              8: CaseKind.LOOKED_AFTER, 9: CaseKind.CARE_LEAVER}
RANK = [CaseKind.REFERRAL, CaseKind.ASSESSMENT, CaseKind.SECTION_47, CaseKind.CHILD_IN_NEED,
        CaseKind.CHILD_PROTECTION_PLAN, CaseKind.CARE_LEAVER, CaseKind.LOOKED_AFTER]

# Which lists a child appears in, and how often such a child occurs.
PROFILES: list[tuple[tuple[int, ...], int]] = [
    ((3,), 10), ((3, 4), 10), ((4,), 6), ((3, 4, 5), 5), ((4, 5), 4), ((6,), 20), ((4, 6), 8),
    ((5, 6, 7), 8), ((6, 7), 10), ((6, 8), 6), ((8,), 8), ((9,), 5),
]
TEAMS = ["Northgate Family Support", "Riverside Child Protection", "Looked After Children Team",
         "Leaving Care Service"]
FIRST = ["Ann", "Bilal", "Chloe", "Dev", "Efua", "Fergus", "Grace", "Hamza", "Isla", "Jonah",
         "Kiran", "Lena", "Marek", "Niamh", "Olu", "Priya"]
LAST = ["Smith", "Khan", "O'Neill", "Jones", "Mensah", "Byrne", "Patel", "Nowak", "Evans", "Ali"]
CHILD_FIRST = ["Zoë", "Amélie", "Noah", "Leo", "Maya", "Chloé", "Oscar", "Aoife", "Ravi", "Sade"]
ETHNICITIES = ["WBRI", "WIRI", "MWBC", "AIND", "APKN", "BAFR", "BCRB", "CHNE", "OOTH", "REFU"]
GENDERS = [("a) Male", "Male", "M"), ("b) Female", "Female", "F")]
HEADER_VARIANTS = {
    "Child Unique ID": ["Child Unique ID", "CHILD UNIQUE ID", "child unique id ", "Child  Unique-ID",
                        "Child Unique ID\u00a0"],
    "Allocated Worker": ["Allocated Worker", "ALLOCATED WORKER", "allocated worker ", "Allocated  worker"],
    "Allocated Team": ["Allocated Team", "allocated team", "Allocated\u00a0Team", "ALLOCATED TEAM "],
    "Date of Birth": ["Date of Birth", "Date Of Birth", "date of birth (dd/mm/yyyy)", "DOB"],
    "Gender": ["Gender", "GENDER", "Gender "],
}
EXCEL_EPOCH = dt.date(1899, 12, 30)
TODAY = dt.date(2026, 11, 26)


@dataclass
class ExpectedCase:
    child_id: str
    worker: str  # the tidy name
    team: str
    kind: CaseKind
    lists: tuple[int, ...]


@dataclass
class Generated:
    path: Path
    rows: int = 0  # data rows in the sheets that carry allocations
    cases: list[ExpectedCase] = field(default_factory=list)
    unallocated_rows: int = 0
    unallocated_children: list[str] = field(default_factory=list)
    workers: list[tuple[str, str]] = field(default_factory=list)  # (tidy name, team)

    def cases_of(self, worker: str) -> dict[str, CaseKind]:
        return {c.child_id: c.kind for c in self.cases if c.worker == worker}


class _Untidy:
    def __init__(self, rng: random.Random, untidy: bool) -> None:
        self.rng = rng
        self.untidy = untidy

    def date(self, value: dt.date | None) -> Any:
        if value is None:
            return None
        if not self.untidy:
            return value
        pick = self.rng.random()
        if pick < 0.5:
            return value
        if pick < 0.8:
            return value.strftime("%d/%m/%Y")
        return (value - EXCEL_EPOCH).days  # a serial number in a General-formatted cell

    def coded(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options) if self.untidy else options[1]

    def name(self, tidy: str) -> str:
        if not self.untidy:
            return tidy
        pick = self.rng.random()
        if pick < 0.15:
            return tidy.replace(" ", "\u00a0")
        if pick < 0.25:
            return tidy.upper()
        if pick < 0.35:
            return f"  {tidy} "
        if pick < 0.4:
            return tidy.lower().replace(" ", "  ")
        return tidy

    def header(self, tidy: str) -> str:
        variants = HEADER_VARIANTS.get(tidy)
        return self.rng.choice(variants) if self.untidy and variants else tidy

    def unallocated(self) -> str | None:
        return self.rng.choice(["#N/A", "", None, "#N/A ", "Unallocated"]) if self.untidy else None


def _workers(rng: random.Random, teams: int, per_team: int) -> list[tuple[str, str]]:
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    return [(names[t * per_team + w], TEAMS[t % len(TEAMS)] + ("" if t < len(TEAMS) else f" {t}"))
            for t in range(teams) for w in range(per_team)]


def _days_ago(rng: random.Random, low: int, high: int) -> dt.date:
    return TODAY - dt.timedelta(days=rng.randint(low, high))


_LIST_COLUMNS = {
    3: ["Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months"],
    4: ["Assessment start date", "Assessment completion date"],
    5: ["Date of Strategy Discussion", "Section 47 start date", "Date of ICPC"],
    6: ["CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "Case Status", "Date of Closure"],
    7: ["Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
        "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
        "Date of Latest Review Conference", "Date Child Protection Plan Ceased",
        "Number of Previous Child Protection Plans"],
    8: ["Date Started to be Looked After", "Child's Legal Status", "Category of Need",
        "Placement Type", "Date of Last Review", "Date of Last Social Work Visit",
        "Date Ceased to be Looked After"],
    9: ["Date Ceased to be Looked After", "In Touch", "Latest Date of Contact"],
}
_COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Disability"]


def _list_values(number: int, rng: random.Random, u: _Untidy) -> list[Any]:
    if number == 3:
        return [u.date(_days_ago(rng, 5, 300)), u.coded(("a) Police", "Police", "1B")), "No",
                rng.randint(1, 4)]
    if number == 4:
        started = _days_ago(rng, 10, 200)
        return [u.date(started), u.date(started + dt.timedelta(days=rng.randint(5, 45)))]
    if number == 5:
        started = _days_ago(rng, 10, 200)
        return [u.date(started), u.date(started), u.date(started + dt.timedelta(days=14))]
    if number == 6:
        return [u.date(_days_ago(rng, 30, 900)), u.coded(("N1) Abuse or neglect", "N1", "N1")),
                u.date(_days_ago(rng, 1, 40)), u.coded(("a) Open", "Open", "open")), None]
    if number == 7:
        return [u.date(_days_ago(rng, 30, 700)), u.coded(("b) Neglect", "Neglect", "Neglect")),
                u.coded(("b) Neglect", "Neglect", "Emotional abuse")), u.date(_days_ago(rng, 1, 20)),
                u.coded(("a) Yes", "Yes", "No")), u.date(_days_ago(rng, 10, 180)), None,
                rng.randint(0, 2)]
    if number == 8:
        return [u.date(_days_ago(rng, 60, 2000)), u.coded(("C2) Full care order", "C2", "V2")),
                u.coded(("N1) Abuse or neglect", "N1", "N1")), "U1", u.date(_days_ago(rng, 10, 180)),
                u.date(_days_ago(rng, 1, 42)), None]
    return [u.date(_days_ago(rng, 100, 1500)), u.coded(("a) Yes", "Yes", "Yes")),
            u.date(_days_ago(rng, 1, 60))]


def write_annex_a(path: Path, *, rows: int = 500, seed: int = 0, teams: int = 3,
                  workers_per_team: int = 4, unallocated_rate: float = 0.04,
                  untidy: bool = True) -> Generated:
    """An Annex A workbook (Lists 1-11) with about ``rows`` rows in Lists 3-9."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    u = _Untidy(rng, untidy)
    workers = _workers(rng, teams, workers_per_team)
    generated = Generated(path=path, workers=workers)
    weights = [weight for _profile, weight in PROFILES]
    by_list: dict[int, list[list[Any]]] = {number: [] for number in LIST_KINDS}
    number = 0
    while generated.rows < rows:
        number += 1
        child_id = f"CH{seed:02d}{number:06d}"
        lists = rng.choices([profile for profile, _w in PROFILES], weights)[0]
        worker, team = rng.choice(workers)
        allocated = rng.random() >= unallocated_rate
        born = _days_ago(rng, 200, 17 * 365) if 9 not in lists else _days_ago(rng, 18 * 365, 21 * 365)
        gender = rng.choice(GENDERS)
        age: Any = (TODAY - born).days // 365
        if untidy and rng.random() < 0.1:
            age = '=DATEDIF(D2,TODAY(),"y")'  # a formula with no cached value
        common = [child_id if rng.random() > 0.05 or not untidy else f" {child_id}\u00a0",
                  u.coded(gender), rng.choice(ETHNICITIES), u.date(born), age,
                  u.coded(("b) No", "No", "NONE"))]
        for list_number in lists:
            who = [u.name(team), u.name(worker)] if allocated else [u.name(team), u.unallocated()]
            by_list[list_number].append(common + _list_values(list_number, rng, u) + who)
            generated.rows += 1
        if allocated:
            kind = max((LIST_KINDS[n] for n in lists), key=RANK.index)
            generated.cases.append(ExpectedCase(child_id, worker, team, kind, lists))
        else:
            generated.unallocated_rows += len(lists)
            generated.unallocated_children.append(child_id)

    workbook = Workbook(write_only=True)
    for list_number in range(1, 12):
        sheet = workbook.create_sheet(f"List {list_number}")
        if list_number not in LIST_KINDS:
            sheet.append(["Child Unique ID", "Gender", "Ethnicity", "Date of Birth"])
            for extra in range(3):
                sheet.append([f"X{list_number}-{extra}", "Female", "WBRI", u.date(_days_ago(rng, 400, 4000))])
            continue
        if untidy and list_number in (4, 8):
            sheet.append([f"List {list_number}: {LIST_KINDS[list_number].label}"])
            sheet.append([])
        headers = _COMMON + _LIST_COLUMNS[list_number] + ["Allocated Team", "Allocated Worker"]
        sheet.append([u.header(header) for header in headers])
        list_rows = by_list[list_number]
        rng.shuffle(list_rows)
        for row in list_rows:
            sheet.append(row)
    workbook.save(path)
    return generated


CSV_HEADERS = ["Child ID", "Child name", "DOB", "Gender", "Ethnicity", "Disability", "Allocated Worker",
               "Allocated Team", "Case type", "Start date", "Last visit", "Seen alone", "Last review",
               "Notes"]
_CSV_KINDS = [(CaseKind.CHILD_IN_NEED, ("CIN", "Child in Need", "b) Child in need")),
              (CaseKind.CHILD_PROTECTION_PLAN, ("CP", "Child Protection Plan", "c) Child protection")),
              (CaseKind.LOOKED_AFTER, ("LAC", "Looked After", "CLA")),
              (CaseKind.ASSESSMENT, ("Assessment", "Single assessment", "assessment"))]


def write_caseload_csv(path: Path, *, rows: int = 100, seed: int = 0, encoding: str = "utf-8",
                       teams: int = 2, workers_per_team: int = 3, unallocated_rate: float = 0.05,
                       untidy: bool = True) -> Generated:
    """A generic caseload export as CSV, one row per child; ``encoding`` is how Excel saved it
    (``utf-8``, ``utf-8-sig`` or ``cp1252``)."""
    import csv

    rng = random.Random(seed)
    u = _Untidy(rng, untidy)
    workers = _workers(rng, teams, workers_per_team)
    generated = Generated(path=path, workers=workers)
    lines = [CSV_HEADERS]
    for number in range(1, rows + 1):
        child_id = f"{seed:02d}{number:06d}"
        worker, team = rng.choice(workers)
        kind, spellings = rng.choice(_CSV_KINDS)
        allocated = rng.random() >= unallocated_rate

        def text_date(value: dt.date) -> str:
            return value.strftime("%d/%m/%Y") if rng.random() < 0.8 or not untidy else value.isoformat()

        lines.append([
            child_id, f"{rng.choice(CHILD_FIRST)} {rng.choice(LAST)}", text_date(_days_ago(rng, 200, 6000)),
            u.coded(rng.choice(GENDERS)), rng.choice(ETHNICITIES), u.coded(("b) No", "No", "No")),
            u.name(worker) if allocated else (u.unallocated() or ""), u.name(team),
            rng.choice(spellings) if untidy else spellings[1], text_date(_days_ago(rng, 30, 700)),
            text_date(_days_ago(rng, 1, 40)), rng.choice(["Yes", "No", "Y", "N"]),
            text_date(_days_ago(rng, 10, 180)), rng.choice(["", "Fees £120 agreed", "Zoë's school"]),
        ])
        generated.rows += 1
        if allocated:
            generated.cases.append(ExpectedCase(child_id, worker, team, kind, ()))
        else:
            generated.unallocated_rows += 1
            generated.unallocated_children.append(child_id)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(lines)
    return generated
