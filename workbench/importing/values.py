"""Cell values as untidy exports hold them, turned into clean Python values.

Every converter takes what the reader gave (``str``, ``float``, ``int``, ``bool``,
``datetime.date``/``datetime``, or ``None``) and returns a clean value or ``None`` for
"missing"; a value that is present but unusable raises :class:`CellProblem` with a reason
the report can show.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from db.enums import CaseKind
from workbench.importing.errors import CellProblem
from workbench.messages import translatable

_SPACES = re.compile(r"\s+")
# "b) Female", "a)Yes", "1) Male": a list code in front of the value.
_CODE_PREFIX = re.compile(r"^\(?[a-z0-9]{1,2}\)\s*", re.IGNORECASE)
_FOLD_PUNCT = re.compile(r"[^0-9a-z]+")

# What exports put where there is no value. Excel's error values arrive as text in CSV.
MISSING_MARKERS = frozenset(
    {"#n/a", "n/a", "na", "#na", "#ref!", "#value!", "#name?", "#div/0!", "#null!", "#num!",
     "#error", "null", "none", "nil", "-", "--", "?", "not recorded", "not known"}
)
# What exports put where no worker is allocated.
UNALLOCATED_MARKERS = MISSING_MARKERS | frozenset(
    {"unallocated", "not allocated", "no worker", "no allocated worker", "unassigned",
     "awaiting allocation", "tbc", "tba", "vacant", "0"}
)

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug aside)
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_DMY = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})(?:[T\s].*)?$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[T\s].*)?$")
_D_MON_Y = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([a-z]{3,9})[\s\-/,]+(\d{4}|\d{2})(?:\s.*)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def clean_text(value: Any) -> str | None:
    """Text with surrounding and repeated spaces (including non-breaking ones) removed.

    Numbers come back without a spurious ``.0`` (ids are often numeric cells).
    Raises CellProblem for a formula left as text (``=VLOOKUP(...)``): it has no value.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if "  " in text or "\xa0" in text or "\t" in text or "\n" in text:
            text = _SPACES.sub(" ", text.replace("\xa0", " "))
        if text[0] == "=" and len(text) > 1:
            raise CellProblem(translatable("workbench.importing",
                "holds a formula with no value (recalculate and save the sheet, then import again)"))
        return text
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() or None


def fold(text: str) -> str:
    """Case, punctuation and spacing removed: a key for comparing header and code text."""
    return _FOLD_PUNCT.sub("", unicodedata.normalize("NFKC", text).casefold())


def is_missing(text: str) -> bool:
    return text.casefold() in MISSING_MARKERS


def optional_text(value: Any) -> str | None:
    """Clean text, with the usual 'no value' markers read as missing."""
    text = clean_text(value)
    if text is None or is_missing(text):
        return None
    return text


def coded_text(value: Any) -> str | None:
    """A coded list value with its ``b)`` prefix removed: ``'b) Female'`` -> ``'Female'``."""
    text = optional_text(value)
    if text is None:
        return None
    stripped = _CODE_PREFIX.sub("", text, count=1)
    return stripped or text


_GENDERS = {
    "m": "Male", "male": "Male", "1": "Male", "boy": "Male",
    "f": "Female", "female": "Female", "2": "Female", "girl": "Female",
    "u": "Unknown", "unknown": "Unknown", "0": "Unknown", "notknown": "Unknown",
    "i": "Indeterminate", "indeterminate": "Indeterminate", "9": "Indeterminate",
    "unborn": "Unborn",
}


def gender(value: Any) -> str | None:
    text = coded_text(value)
    if text is None:
        return None
    return _GENDERS.get(fold(text), text)


_YES = frozenset({"y", "yes", "true", "1", "seenalone", "yesseenalone", "childseenalone"})
_NO = frozenset({"n", "no", "false", "0", "notseenalone", "noseenalone", "notseen", "nonotseenalone"})


def yes_no(value: Any) -> bool | None:
    """Yes/No in its many spellings (``a) Yes``, ``Y``, ``TRUE``, a real boolean)."""
    if isinstance(value, bool):
        return value
    text = coded_text(value)
    if text is None:
        return None
    key = fold(text)
    if key in _YES or key.startswith("yes"):
        return True
    if key in _NO or key.startswith("no"):
        return False
    raise CellProblem(translatable("workbench.importing", "is not Yes or No: %1").arg(repr(text[:40])))


def _checked(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise CellProblem(translatable("workbench.importing", "is not a real date: %1")
                          .arg(repr(shown[:40]))) from None
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise CellProblem(translatable("workbench.importing", "is outside the years %1-%2: %3")
                          .arg(_MIN_YEAR, _MAX_YEAR, repr(shown[:40])))
    return date


def _from_serial(serial: float, shown: str) -> dt.date:
    # Serials below 10000 (1927) are more likely a year or a count than a date in a caseload.
    if serial < 10000 or serial >= 73051:  # 73051 is 2100-01-01
        raise CellProblem(translatable("workbench.importing", "is not a date: %1").arg(repr(shown[:40])))
    date = EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return _checked(date.year, date.month, date.day, shown)


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 50 else 1900 + year


def _parse_date_text(text: str) -> dt.date:
    if _SERIAL.match(text):
        return _from_serial(float(text), text)
    match = _DMY.match(text)
    if match:  # British order: day first
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year = _two_digit_year(year)
        return _checked(year, month, day, text)
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _checked(year, month, day, text)
    match = _D_MON_Y.match(text.casefold())
    if match and match.group(2) in _MONTHS:
        year = int(match.group(3))
        if len(match.group(3)) == 2:
            year = _two_digit_year(year)
        return _checked(year, _MONTHS[match.group(2)], int(match.group(1)), text)
    raise CellProblem(translatable("workbench.importing", "is not a date: %1").arg(repr(text[:40])))


class DateReader:
    """Dates from real date cells, ``dd/mm/yyyy`` or ISO text, and Excel serial numbers.

    Exports repeat the same few hundred dates thousands of times, so text is parsed once.
    """

    def __init__(self) -> None:
        self._cache: dict[str, dt.date | CellProblem | None] = {}

    def __call__(self, value: Any) -> dt.date | None:
        kind = type(value)
        if kind is dt.date and _MIN_YEAR <= value.year <= _MAX_YEAR:
            real: dt.date = value  # a real date cell: the common case
            return real
        if kind is dt.date or kind is dt.datetime:
            return _checked(value.year, value.month, value.day, value.isoformat())
        if kind is str:
            if value in self._cache:
                cached = self._cache[value]
            else:
                cached = self._cache[value] = self._parse_text(value)
            if isinstance(cached, CellProblem):
                raise cached
            return cached
        if value is None:
            return None
        if kind is float or kind is int:
            return _from_serial(float(value), clean_text(value) or "")
        raise CellProblem(translatable("workbench.importing", "is not a date: %1")
                          .arg(repr(clean_text(value))))

    @staticmethod
    def _parse_text(value: str) -> dt.date | CellProblem | None:
        try:
            text = optional_text(value)
            return None if text is None else _parse_date_text(text)
        except CellProblem as problem:
            return problem


# Case kinds as exports spell them, folded; checked exactly, then by the words they contain.
_KIND_WORDS: dict[str, CaseKind] = {
    "lookedafter": CaseKind.LOOKED_AFTER, "lac": CaseKind.LOOKED_AFTER,
    "cla": CaseKind.LOOKED_AFTER, "childlookedafter": CaseKind.LOOKED_AFTER,
    "childrenlookedafter": CaseKind.LOOKED_AFTER, "lookedafterchild": CaseKind.LOOKED_AFTER,
    "incare": CaseKind.LOOKED_AFTER, "childincare": CaseKind.LOOKED_AFTER,
    "cic": CaseKind.LOOKED_AFTER, "childrenincare": CaseKind.LOOKED_AFTER,
    "childprotection": CaseKind.CHILD_PROTECTION_PLAN, "cp": CaseKind.CHILD_PROTECTION_PLAN,
    "cpp": CaseKind.CHILD_PROTECTION_PLAN, "childprotectionplan": CaseKind.CHILD_PROTECTION_PLAN,
    "cpplan": CaseKind.CHILD_PROTECTION_PLAN,
    "childinneed": CaseKind.CHILD_IN_NEED, "cin": CaseKind.CHILD_IN_NEED,
    "cinplan": CaseKind.CHILD_IN_NEED, "childreninneed": CaseKind.CHILD_IN_NEED,
    "section47": CaseKind.SECTION_47, "s47": CaseKind.SECTION_47,
    "section47enquiry": CaseKind.SECTION_47, "s47enquiry": CaseKind.SECTION_47,
    "assessment": CaseKind.ASSESSMENT, "singleassessment": CaseKind.ASSESSMENT,
    "childandfamilyassessment": CaseKind.ASSESSMENT, "cfa": CaseKind.ASSESSMENT,
    "referral": CaseKind.REFERRAL, "contact": CaseKind.REFERRAL,
    "careleaver": CaseKind.CARE_LEAVER, "careleavers": CaseKind.CARE_LEAVER,
    "leavingcare": CaseKind.CARE_LEAVER, "pathway": CaseKind.CARE_LEAVER,
    "earlyhelp": CaseKind.EARLY_HELP, "eh": CaseKind.EARLY_HELP,
    "teamaroundthefamily": CaseKind.EARLY_HELP, "taf": CaseKind.EARLY_HELP,
}
_KIND_CONTAINS: tuple[tuple[str, CaseKind], ...] = (
    ("lookedafter", CaseKind.LOOKED_AFTER), ("incare", CaseKind.LOOKED_AFTER),
    ("careleav", CaseKind.CARE_LEAVER), ("leavingcare", CaseKind.CARE_LEAVER),
    ("childprotection", CaseKind.CHILD_PROTECTION_PLAN),
    ("inneed", CaseKind.CHILD_IN_NEED), ("section47", CaseKind.SECTION_47),
    ("s47", CaseKind.SECTION_47), ("assessment", CaseKind.ASSESSMENT),
    ("referral", CaseKind.REFERRAL), ("earlyhelp", CaseKind.EARLY_HELP),
)
for _kind in CaseKind:
    _KIND_WORDS.setdefault(fold(_kind.value), _kind)
    _KIND_WORDS.setdefault(fold(_kind.label), _kind)


def case_kind(value: Any) -> CaseKind | None:
    """A case kind from ``CIN``, ``b) Child Protection Plan``, ``Looked After (s20)`` ..."""
    text = coded_text(value)
    if text is None:
        return None
    key = fold(text)
    found = _KIND_WORDS.get(key)
    if found is not None:
        return found
    for word, kind in _KIND_CONTAINS:
        if word in key:
            return kind
    raise CellProblem(translatable("workbench.importing", "is not a case kind this importer knows: %1")
                      .arg(repr(text[:40])))


def worker_name(value: Any) -> str | None:
    """A worker's name as written, or None when the cell says nobody is allocated."""
    text = clean_text(value)
    if text is None or text.casefold() in UNALLOCATED_MARKERS:
        return None
    return text
