"""The Ofsted Annex A workbook: which lists carry allocations, and what each list means.

Sheets are named ``List 1`` ... ``List 11``. Lists 3-9 carry ``Allocated Team`` and
``Allocated Worker``; a child on a plan appears in several lists and is still one case,
whose kind the most specific list sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from db.enums import CaseKind

_LIST_NAME = re.compile(r"^\s*list\s*[-_.:]?\s*(\d{1,2})(?!\d)", re.IGNORECASE)

LIST_KINDS: dict[int, CaseKind] = {
    3: CaseKind.REFERRAL,
    4: CaseKind.ASSESSMENT,
    5: CaseKind.SECTION_47,
    6: CaseKind.CHILD_IN_NEED,
    7: CaseKind.CHILD_PROTECTION_PLAN,
    8: CaseKind.LOOKED_AFTER,
    9: CaseKind.CARE_LEAVER,
}

# Looked after > child protection > child in need > section 47 / assessment > referral.
# A care leaver has left care, so ranks just below looked after; early help is least specific.
SPECIFICITY: dict[CaseKind, int] = {
    CaseKind.EARLY_HELP: 0,
    CaseKind.REFERRAL: 1,
    CaseKind.ASSESSMENT: 2,
    CaseKind.SECTION_47: 3,
    CaseKind.CHILD_IN_NEED: 4,
    CaseKind.CHILD_PROTECTION_PLAN: 5,
    CaseKind.CARE_LEAVER: 6,
    CaseKind.LOOKED_AFTER: 7,
}

# The date a kind of case started, in order of preference, by field key.
START_FIELDS: dict[CaseKind, tuple[str, ...]] = {
    CaseKind.REFERRAL: ("referral_date", "start_date"),
    CaseKind.ASSESSMENT: ("assessment_start", "start_date"),
    CaseKind.SECTION_47: ("s47_start", "strategy_discussion", "start_date"),
    CaseKind.CHILD_IN_NEED: ("cin_start", "start_date"),
    CaseKind.CHILD_PROTECTION_PLAN: ("cp_start", "start_date"),
    CaseKind.LOOKED_AFTER: ("lac_start", "start_date"),
    CaseKind.CARE_LEAVER: ("start_date", "lac_ended"),
    CaseKind.EARLY_HELP: ("start_date",),
}

# The date that ends an episode of each kind. A care leaver's "date ceased to be looked
# after" is when they became a care leaver, not an end.
END_FIELDS: dict[CaseKind, tuple[str, ...]] = {
    CaseKind.CHILD_PROTECTION_PLAN: ("cp_ended", "end_date"),
    CaseKind.LOOKED_AFTER: ("lac_ended", "end_date"),
}
DEFAULT_END_FIELDS: tuple[str, ...] = ("end_date",)

# Dates that count as the child being visited or seen, and as a review.
VISIT_FIELDS = ("last_visit", "last_statutory_visit", "last_sw_visit", "last_seen")
REVIEW_FIELDS = ("last_review", "last_review_conference")


def list_number(sheet_name: str) -> int | None:
    """``'List 6'``, ``'list6'``, ``'List 6 - CIN'`` -> 6."""
    match = _LIST_NAME.match(sheet_name)
    return int(match.group(1)) if match else None


def is_annex_a(sheet_names: Iterable[str]) -> bool:
    return any(
        (number := list_number(name)) is not None and 1 <= number <= 11 for name in sheet_names
    )


def allocation_sheets(sheet_names: Iterable[str]) -> list[tuple[str, CaseKind]]:
    """The sheets of Lists 3-9 with the kind of case each list means, in list order."""
    found = []
    for name in sheet_names:
        number = list_number(name)
        if number in LIST_KINDS:
            found.append((number, name, LIST_KINDS[number]))
    return [(name, kind) for _number, name, kind in sorted(found)]


def end_fields(kind: CaseKind) -> tuple[str, ...]:
    return END_FIELDS.get(kind, DEFAULT_END_FIELDS)
