"""Untidy cell values read as a person would read them (no database needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from db.enums import CaseKind
from workbench.importing.errors import CellProblem
from workbench.importing.headers import field_for_header, find_header_row
from workbench.importing.values import (
    DateReader,
    case_kind,
    clean_text,
    coded_text,
    gender,
    worker_name,
    yes_no,
)

MARCH_4 = dt.date(2015, 3, 4)


@pytest.mark.parametrize(
    "raw",
    [
        MARCH_4,
        dt.datetime(2015, 3, 4, 0, 0),
        dt.datetime(2015, 3, 4, 13, 45),
        "04/03/2015",
        "4/3/2015",
        " 04/03/2015 ",
        "04-03-2015",
        "04.03.2015",
        "04/03/15",
        "2015-03-04",
        "2015-03-04T00:00:00",
        "2015-03-04 00:00:00",
        "04/03/2015 00:00",
        "4 March 2015",
        "04-Mar-2015",
        "4th Mar 15",
        42067,  # the Excel serial number of 2015-03-04
        42067.0,
        42067.5,  # a serial with a time of day
        "42067",
    ],
)
def test_every_form_of_a_date_is_read(raw: object) -> None:
    assert DateReader()(raw) == MARCH_4


@pytest.mark.parametrize("raw", [None, "", "  ", "#N/A", "N/A", "-", "null"])
def test_missing_dates_are_none(raw: object) -> None:
    assert DateReader()(raw) is None


@pytest.mark.parametrize(
    "raw", ["31/02/2015", "13/13/2015", "yesterday", "2015", "01/01/1850", "=TODAY()", 0, -5,
            dt.time(10, 30), True, 99999999]
)
def test_impossible_dates_are_problems(raw: object) -> None:
    with pytest.raises(CellProblem):
        DateReader()(raw)


def test_a_bad_date_stays_bad_when_seen_again() -> None:
    reader = DateReader()
    for _ in range(2):
        with pytest.raises(CellProblem, match="not a date"):
            reader("someday")


def test_text_is_tidied_and_numbers_lose_their_decimal_point() -> None:
    assert clean_text("  Ann\u00a0\u00a0Smith \t") == "Ann Smith"
    assert clean_text(12345.0) == "12345"
    assert clean_text(12.5) == "12.5"
    assert clean_text(7) == "7"
    assert clean_text("") is None
    assert clean_text(None) is None
    assert clean_text(float("nan")) is None


def test_a_formula_left_as_text_is_a_problem_not_a_value() -> None:
    with pytest.raises(CellProblem, match="formula"):
        clean_text("=VLOOKUP(A2,Staff!A:B,2,FALSE)")
    assert clean_text("=") == "="  # a lone equals sign is just text


@pytest.mark.parametrize(("raw", "expected"), [
    ("b) Female", "Female"), ("Female", "Female"), ("F", "Female"), ("a) Male", "Male"),
    ("m", "Male"), ("2", "Female"), (1, "Male"), ("c) Unknown", "Unknown"), ("#N/A", None),
    ("Non-binary", "Non-binary"),
])
def test_gender_codes(raw: object, expected: str | None) -> None:
    assert gender(raw) == expected


def test_coded_values_lose_their_list_code_only() -> None:
    assert coded_text("N1) Abuse or neglect") == "Abuse or neglect"
    assert coded_text("C2) Full care order") == "Full care order"
    assert coded_text("WBRI") == "WBRI"
    assert coded_text("Smith (a) Jones") == "Smith (a) Jones"


@pytest.mark.parametrize(("raw", "expected"), [
    ("Yes", True), ("a) Yes", True), ("Y", True), ("TRUE", True), (True, True), (1, True),
    ("No", False), ("b) No", False), ("n", False), (False, False), ("Not seen alone", False),
    ("", None), ("#N/A", None),
])
def test_yes_no(raw: object, expected: bool | None) -> None:
    assert yes_no(raw) is expected


def test_yes_no_refuses_other_answers() -> None:
    with pytest.raises(CellProblem):
        yes_no("Sometimes")


@pytest.mark.parametrize(("raw", "expected"), [
    ("CIN", CaseKind.CHILD_IN_NEED), ("Child in Need", CaseKind.CHILD_IN_NEED),
    ("b) Child in need", CaseKind.CHILD_IN_NEED), ("CP", CaseKind.CHILD_PROTECTION_PLAN),
    ("Child Protection Plan", CaseKind.CHILD_PROTECTION_PLAN), ("LAC", CaseKind.LOOKED_AFTER),
    ("CLA", CaseKind.LOOKED_AFTER), ("Looked After (s20)", CaseKind.LOOKED_AFTER),
    ("S.47", CaseKind.SECTION_47), ("Section 47 enquiry", CaseKind.SECTION_47),
    ("Single Assessment", CaseKind.ASSESSMENT), ("Referral", CaseKind.REFERRAL),
    ("Care leaver", CaseKind.CARE_LEAVER), ("Early Help", CaseKind.EARLY_HELP),
    ("child_protection_plan", CaseKind.CHILD_PROTECTION_PLAN),
])
def test_case_kinds_in_their_many_spellings(raw: str, expected: CaseKind) -> None:
    assert case_kind(raw) is expected


def test_an_unknown_case_kind_is_a_problem() -> None:
    with pytest.raises(CellProblem, match="case kind"):
        case_kind("Fostering panel")


@pytest.mark.parametrize("raw", ["#N/A", "", None, "  ", "N/A", "Unallocated", "not allocated", "#REF!"])
def test_unallocated_markers_are_nobody(raw: object) -> None:
    assert worker_name(raw) is None


def test_a_worker_name_keeps_its_spelling_without_stray_spaces() -> None:
    assert worker_name(" Ann\u00a0Smith ") == "Ann Smith"


@pytest.mark.parametrize(("header", "field"), [
    ("Child Unique ID", "child_id"), ("CHILD  unique-ID", "child_id"), ("child_unique_id", "child_id"),
    ("Child Unique ID\u00a0", "child_id"), ("allocated worker ", "worker"),
    ("Allocated\u00a0Team", "team"), ("Date of Birth (dd/mm/yyyy)", "dob"), ("DOB", "dob"),
    ("1. Child Unique ID", "child_id"), ("Was the Child Seen Alone?", "seen_alone"),
    ("Child's Legal Status", "legal_status"), ("Date Started to be Looked After", "lac_start"),
    ("Age", None), ("", None), (None, None), (42, None),
])
def test_headers_are_recognised_whatever_their_spelling(header: object, field: str | None) -> None:
    assert field_for_header(header) == field


def test_the_header_row_may_sit_below_a_title() -> None:
    rows = [["List 6: Children in need"], [], ["Child Unique ID", "Allocated Worker", "Allocated Team"],
            ["C1", "Ann", "North"]]
    header = find_header_row(rows)
    assert header is not None
    assert header.index == 2
    assert header.columns == {"child_id": 0, "worker": 1, "team": 2}
