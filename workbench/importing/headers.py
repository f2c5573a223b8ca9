"""Column headers as exports spell them, mapped to the fields the importer knows.

Headers are compared folded (case, spacing and punctuation removed), through an alias
table: ``'CHILD  unique-ID'``, ``'Child Unique ID'`` and ``'child_unique_id'`` are one field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from workbench.importing.values import clean_text, fold


class Shape(Enum):
    ID = "id"
    NAME = "name"
    TEXT = "text"
    CODE = "code"
    DATE = "date"
    YES_NO = "yes_no"
    KIND = "kind"
    GENDER = "gender"
    WORKER = "worker"


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # as the report and error messages name it
    shape: Shape
    aliases: tuple[str, ...] = ()


def _field(key: str, label: str, shape: Shape, *aliases: str) -> Field:
    return Field(key, label, shape, (label, *aliases))


FIELDS: tuple[Field, ...] = (
    # Who the child is.
    _field("child_id", "Child Unique ID", Shape.ID, "child id", "child unique identifier",
           "unique child id", "child uid", "cuid", "child ref", "child reference", "child number",
           "child identifier", "person id", "person ref", "person reference", "client id",
           "lcs id", "mosaic id", "unique id", "id", "child unique id number", "childs unique id"),
    _field("child_name", "Child name", Shape.NAME, "name", "full name", "child full name",
           "childs name", "name of child"),
    _field("first_name", "Forename", Shape.NAME, "first name", "given name", "child forename",
           "child first name", "forenames"),
    _field("last_name", "Surname", Shape.NAME, "last name", "family name", "child surname",
           "child last name"),
    _field("dob", "Date of Birth", Shape.DATE, "dob", "d o b", "birth date", "date of birth dob",
           "child dob", "child date of birth", "date of birth dd mm yyyy"),
    _field("gender", "Gender", Shape.GENDER, "sex", "gender sex", "child gender"),
    _field("ethnicity", "Ethnicity", Shape.CODE, "ethnic origin", "ethnic group", "ethnicity code",
           "child ethnicity"),
    _field("disability", "Disability", Shape.CODE, "disabled", "has disability",
           "disability status", "does the child have a disability"),
    # Who holds the case.
    _field("worker", "Allocated Worker", Shape.WORKER, "worker", "social worker",
           "allocated social worker", "case worker", "caseworker", "key worker", "keyworker",
           "allocated worker name", "allocated practitioner", "practitioner", "lead practitioner",
           "allocated personal adviser", "allocated personal advisor", "personal adviser",
           "personal advisor", "allocated caseworker", "worker name"),
    _field("team", "Allocated Team", Shape.NAME, "team", "team name", "allocated team name",
           "service team", "social work team", "worker team", "allocated team unit"),
    # A generic caseload export's own columns.
    _field("kind", "Case type", Shape.KIND, "case kind", "kind", "type of case", "case category",
           "allocation type", "episode type", "involvement", "involvement type", "service",
           "case type description", "plan type", "type"),
    _field("start_date", "Start date", Shape.DATE, "case start date", "allocation start date",
           "allocated date", "date allocated", "allocation date", "episode start date",
           "involvement start date", "date case opened", "case open date", "open date"),
    _field("end_date", "Date of Closure", Shape.DATE, "closure date", "case closure date",
           "end date", "case end date", "date closed", "date case closed", "cin closure date",
           "date cin closed", "episode end date", "cin end date"),
    _field("case_status", "Case Status", Shape.CODE, "status", "cin status", "case state",
           "episode status"),
    _field("last_visit", "Last visit", Shape.DATE, "last visit date", "date of last visit",
           "last home visit", "date of last home visit", "latest visit date", "date of latest visit"),
    _field("seen_alone", "Was the Child Seen Alone?", Shape.YES_NO, "seen alone",
           "child seen alone", "was child seen alone", "seen alone at last visit",
           "was the child seen alone at the last visit", "child seen alone at last visit"),
    _field("last_review", "Date of Last Review", Shape.DATE, "last review", "last review date",
           "date of latest review", "latest review date", "date of last looked after review",
           "last cla review", "last lac review", "date of last cla review"),
    # The next review or conference, where a case-management export carries it (Annex A does not).
    _field("next_review", "Date of Next Review", Shape.DATE, "next review date", "date of next review",
           "next review", "next review due", "next review conference date",
           "date of next review conference", "next cla review date", "next lac review date",
           "date of next looked after review", "next child protection conference"),
    # Annex A, list by list.
    _field("referral_date", "Date of Referral", Shape.DATE, "referral date", "date referral received"),
    _field("referral_source", "Referral Source", Shape.CODE, "source of referral"),
    _field("assessment_start", "Assessment start date", Shape.DATE, "date of assessment start",
           "assessment start", "date assessment started", "continuous assessment start date",
           "date of assessment"),
    _field("assessment_completed", "Assessment completion date", Shape.DATE,
           "date of assessment completion", "assessment completed date",
           "date assessment completed", "assessment authorisation date",
           "date assessment authorised"),
    _field("strategy_discussion", "Date of Strategy Discussion", Shape.DATE,
           "strategy discussion date", "strategy discussion initiating section 47 enquiry start date"),
    _field("s47_start", "Section 47 start date", Shape.DATE, "s47 start date", "date of s47",
           "date s47 started", "section 47 enquiry start date", "date of section 47 enquiry",
           "s47 enquiry start date", "date of section 47", "start date of s47 enquiry"),
    _field("icpc_date", "Date of ICPC", Shape.DATE, "icpc date",
           "date of initial child protection conference", "initial child protection conference date"),
    _field("cin_start", "CIN Start Date", Shape.DATE, "child in need start date", "date of cin start",
           "cin plan start date", "date cin started"),
    _field("primary_need", "Primary Need Code", Shape.CODE, "primary need", "need code",
           "category of need", "cin primary need"),
    _field("last_seen", "Date Child Was Last Seen", Shape.DATE, "date last seen", "last seen date",
           "last seen", "date child last seen"),
    _field("cp_start", "Child Protection Plan Start Date", Shape.DATE, "cp plan start date",
           "cpp start date", "cp start date", "date of child protection plan start",
           "child protection plan start", "date cp plan started"),
    _field("cp_ended", "Date Child Protection Plan Ceased", Shape.DATE, "cp plan end date",
           "child protection plan end date", "date cp plan ceased", "cp end date", "cpp end date",
           "date child protection plan ended"),
    _field("category_initial", "Initial Category of Abuse", Shape.CODE, "category of abuse",
           "initial category", "category of abuse initial"),
    _field("category_latest", "Latest Category of Abuse", Shape.CODE,
           "current category of abuse", "latest category"),
    _field("last_statutory_visit", "Date of the Last Statutory Visit", Shape.DATE,
           "date of last statutory visit", "last statutory visit", "last statutory visit date",
           "date of latest statutory visit"),
    _field("last_review_conference", "Date of Latest Review Conference", Shape.DATE,
           "date of last review conference", "latest review conference date",
           "last review conference date", "date of the last review conference",
           "review conference date", "date of the latest review conference"),
    _field("previous_cp_plans", "Number of Previous Child Protection Plans", Shape.CODE,
           "number of previous cp plans", "previous child protection plans", "previous cp plans"),
    _field("lac_start", "Date Started to be Looked After", Shape.DATE,
           "date started to be looked after current episode", "date became looked after",
           "date looked after started", "lac start date", "cla start date",
           "date started looked after", "date entered care", "date of entering care",
           "date started care", "date period of care started"),
    _field("lac_ended", "Date Ceased to be Looked After", Shape.DATE, "lac end date",
           "cla end date", "date ceased looked after", "date left care", "date care ceased"),
    _field("legal_status", "Child's Legal Status", Shape.CODE, "legal status",
           "current legal status"),
    _field("placement_type", "Placement Type", Shape.CODE, "type of placement", "placement"),
    _field("last_sw_visit", "Date of Last Social Work Visit", Shape.DATE,
           "last social work visit", "date of last social worker visit",
           "date of latest social work visit", "last social worker visit"),
    _field("latest_contact", "Latest Date of Contact", Shape.DATE, "date of latest contact",
           "last contact date", "date of last contact"),
    _field("in_touch", "In Touch", Shape.CODE, "in touch with local authority", "is the la in touch"),
)
FIELD_BY_KEY = {field.key: field for field in FIELDS}

_ALIASES: dict[str, str] = {}
for _f in FIELDS:
    for _alias in _f.aliases:
        _ALIASES.setdefault(fold(_alias), _f.key)

_LEADING_CODE = re.compile(r"^\s*\(?[0-9a-z]{1,2}[).:]\s+", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def field_for_header(cell: Any) -> str | None:
    """The field a header cell names, or None when it names nothing the importer uses."""
    try:
        text = clean_text(cell)
    except ValueError:
        return None
    if not text:
        return None
    for candidate in (text, _LEADING_CODE.sub("", text), _BRACKETS.sub(" ", text)):
        key = _ALIASES.get(fold(candidate))
        if key is not None:
            return key
    return None


@dataclass(frozen=True)
class HeaderRow:
    index: int  # position in the sheet's rows
    columns: dict[str, int]  # field key -> column position (the first column naming it)


def find_header_row(rows: Sequence[Sequence[Any]], *, scan: int = 30) -> HeaderRow | None:
    """The first row among the top ``scan`` naming a child-id column and another known field.

    When none qualifies, the row naming most fields (so that the error can say which
    required columns are missing), or None if no row names any.
    """
    best: HeaderRow | None = None
    for index, row in enumerate(rows[:scan]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(row):
            key = field_for_header(cell)
            if key is not None and key not in columns:
                columns[key] = position
        if "child_id" in columns and len(columns) >= 2:
            return HeaderRow(index, columns)
        if columns and (best is None or len(columns) > len(best.columns)):
            best = HeaderRow(index, columns)
    return best


def labels(keys: Sequence[str]) -> str:
    return ", ".join(FIELD_BY_KEY[key].label for key in keys)
