"""The scale's wording per child and the voices that scale, as a question set declares them.

- A *variant* is the scale's question and anchors for some kinds of case: child protection
  ("10 = safe enough for the authorities to close the case"), child in need, looked after,
  care leaver, early help. A child is scored on the variant that fits their case kind.
- A *perspective* is one voice on the scale: the worker, the manager, the child, each parent
  or carer, the safety network, other professionals. Each has its label, its side (family or
  professional, for the divergence prompt), whether a person's name (and agency) is asked
  for, and may have a prompt and anchors in words that person connects with.
- An *age band* (version 4 on, the child's perspective only) words the child's prompt and
  anchors for children of some ages: a baby is not asked at all (the worker scores what they
  observed), a six-year-old shows it on their fingers, a fifteen-year-old is asked plainly.
  The child's age on the meeting day picks the band.

All of it is data in the TOML; this module only reads and checks it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace

from db.enums import CaseKind, RaterRole
from workbench.supervision.question_set_reader import TableReader

IDENTIFIER_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


class Side(enum.StrEnum):
    FAMILY = "family"
    PROFESSIONAL = "professional"


@dataclass(frozen=True)
class ScaleWording:
    """The words a score was given on: the question and what 0 and 10 mean."""

    key: str | None  # the variant id (None: the set's own [scale] wording)
    label: str
    wording: str
    low: str
    high: str


@dataclass(frozen=True)
class ScaleVariant:
    id: str
    label: str  # "Looked after (Signs of Success)"
    case_kinds: tuple[CaseKind, ...]
    wording: str
    low: str
    high: str

    @property
    def as_wording(self) -> ScaleWording:
        return ScaleWording(self.id, self.label, self.wording, self.low, self.high)


@dataclass(frozen=True)
class AgeBand:
    """The child's prompt (and anchors, if they differ) for children ``from_age`` to ``to_age``
    years old, both included; ``to_age`` None is the last band, for every older child."""

    from_age: int
    to_age: int | None
    prompt: str
    low: str | None = None
    high: str | None = None

    def fits(self, age: int) -> bool:
        return age >= self.from_age and (self.to_age is None or age <= self.to_age)


def age_on(date_of_birth: dt.date | None, day: dt.date) -> int | None:
    """Age in whole years on ``day`` (a birthday the day after still counts the younger age;
    a 29 February birthday comes round on 1 March in other years); None when not known."""
    if date_of_birth is None or date_of_birth > day:
        return None
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)


@dataclass(frozen=True)
class Perspective:
    role: RaterRole
    label: str  # "Parent or carer"
    side: Side
    named: bool  # a person's name is asked for (not the session's worker and manager)
    agency: bool  # their agency is asked for too (other professionals)
    prompt: str  # how the question is put to them ("" for the practitioners)
    low: str | None  # their own anchors, when the set words them for this person
    high: str | None
    age_bands: tuple[AgeBand, ...] = ()  # the child's wording by age (version 4 on)

    def band_for(self, age: int | None) -> AgeBand | None:
        """The age band a child of ``age`` is asked in (None: no bands, or the age is unknown)."""
        if age is None:
            return None
        return next((b for b in self.age_bands if b.fits(age)), None)

    def for_age(self, age: int | None) -> Perspective:
        """This voice as put to a child of ``age``: the band's prompt and anchors (its own
        anchors, else the perspective's); unchanged without bands or a known age."""
        band = self.band_for(age)
        if band is None:
            return self
        low, high = (band.low, band.high) if band.low is not None else (self.low, self.high)
        return replace(self, prompt=band.prompt, low=low, high=high, age_bands=())

    def anchors(self, wording: ScaleWording) -> tuple[str, str]:
        """(what 0 means, what 10 means) as this person is asked."""
        return (self.low or wording.low, self.high or wording.high)


#: Sets written before perspectives were data (version 1) keep the voices they had then.
PRACTITIONERS = (
    Perspective(RaterRole.WORKER, "Worker", Side.PROFESSIONAL, False, False, "", None, None),
    Perspective(RaterRole.SUPERVISOR, "Manager", Side.PROFESSIONAL, False, False, "", None, None),
    Perspective(RaterRole.PARENT, "Parent or carer", Side.FAMILY, True, False, "", None, None),
    Perspective(RaterRole.CHILD, "The child", Side.FAMILY, True, False, "", None, None),
    Perspective(RaterRole.NETWORK, "Safety network", Side.FAMILY, True, False, "", None, None),
)


def read_variants(scale: TableReader) -> tuple[tuple[ScaleVariant, ...], str | None]:
    """The ``[[scale.variants]]`` of a set and its ``default_variant`` (both optional)."""
    variants: list[ScaleVariant] = []
    claimed: dict[CaseKind, str] = {}
    kinds = [k.value for k in CaseKind]
    for table in scale.array_of_tables("variants", item_key="id", label="scale variant"):
        variant_id = table.text("id")
        if not set(variant_id) <= IDENTIFIER_CHARS:
            table.fail("id", f"'{variant_id}' must be lower-case letters, digits and '_'")
        if any(v.id == variant_id for v in variants):
            table.fail("id", f"scale variant '{variant_id}' appears twice; give each its own id")
        raw_kinds = table.text_list("case_kinds", '["looked_after"]')
        for kind in raw_kinds:
            if kind not in kinds:
                table.fail("case_kinds", f"'{kind}' is not a case kind; use one of {', '.join(kinds)}")
            if CaseKind(kind) in claimed:
                table.fail("case_kinds", f"'{kind}' already has the scale variant "
                           f"'{claimed[CaseKind(kind)]}'; each case kind fits one variant")
            claimed[CaseKind(kind)] = variant_id
        variants.append(ScaleVariant(
            id=variant_id, label=table.text("label"),
            case_kinds=tuple(CaseKind(k) for k in raw_kinds), wording=table.text("wording"),
            low=table.text("low"), high=table.text("high"),
        ))
        table.finish()
    default = scale.optional_text("default_variant")
    if default is not None and not any(v.id == default for v in variants):
        scale.fail("default_variant", f"'{default}' is not one of the [[scale.variants]] "
                   f"({', '.join(v.id for v in variants) or 'there are none'})")
    return tuple(variants), default


def read_perspectives(root: TableReader) -> tuple[Perspective, ...]:
    """The ``[[perspectives]]`` of a set; a set without them has the worker and the manager."""
    tables = root.array_of_tables("perspectives", item_key="role", label="perspective")
    if not tables:
        return PRACTITIONERS
    perspectives: list[Perspective] = []
    for table in tables:
        role = RaterRole(table.choice("role", [r.value for r in RaterRole]))
        if any(p.role is role for p in perspectives):
            table.fail("role", f"the perspective '{role}' appears twice; list each voice once")
        practitioner = role in (RaterRole.WORKER, RaterRole.SUPERVISOR)
        low, high = _anchor_pair(table)
        perspective = Perspective(
            role=role, label=table.text("label"),
            side=Side(table.choice("side", [s.value for s in Side])),
            named=table.boolean("named", default=not practitioner),
            agency=table.boolean("agency", default=False),
            prompt=table.text("prompt", default=""), low=low, high=high,
            age_bands=_age_bands(table, role),
        )
        if practitioner and perspective.named:
            table.fail("named", "the worker and the manager are the session's own people; "
                       "set named = false")
        perspectives.append(perspective)
        table.finish()
    roles = {p.role for p in perspectives}
    missing = [r for r in (RaterRole.WORKER, RaterRole.SUPERVISOR) if r not in roles]
    if missing:
        root.fail("perspectives", f"the '{missing[0]}' perspective is missing; blind scaling and "
                  "sign-off need the worker's and the manager's scores")
    return tuple(perspectives)


def _anchor_pair(table: TableReader) -> tuple[str | None, str | None]:
    low, high = table.optional_text("low"), table.optional_text("high")
    if (low is None) != (high is None):
        table.fail("high" if high is None else "low",
                   "is missing: a perspective's own anchors come in pairs (low and high)")
    return low, high


def _age_bands(perspective: TableReader, role: RaterRole) -> tuple[AgeBand, ...]:
    """The ``[[perspectives.age_bands]]`` of one perspective: from age 0, ascending, with no gap
    or overlap, the last one (no ``to_age``) covering every older child."""
    tables = perspective.array_of_tables("age_bands", item_key="from_age")
    if not tables:
        return ()
    if role is not RaterRole.CHILD:
        perspective.fail("age_bands", "only the child's perspective is worded by age; "
                         "remove the [[perspectives.age_bands]] under this one")
    bands: list[AgeBand] = []
    for number, table in enumerate(tables, start=1):
        table.where = f"{perspective.where}, age band {number}"
        from_age = table.integer("from_age", minimum=0, maximum=25)
        to_age = table.optional_integer("to_age", minimum=0, maximum=25)
        if to_age is not None and to_age < from_age:
            table.fail("to_age", f"{to_age} is below from_age {from_age}; a band runs from the "
                       "younger age to the older")
        if not bands and from_age != 0:
            table.fail("from_age", f"the first age band starts at {from_age}, so younger children "
                       "have no prompt; start it at from_age = 0")
        if bands:
            previous = bands[-1]
            if previous.to_age is None:
                table.fail("from_age", f"the band before (from age {previous.from_age}) has no "
                           "to_age, so it already covers every older child; only the last band "
                           "may leave out to_age")
            if from_age <= previous.from_age:
                table.fail("from_age", f"age bands must go up in age: {from_age} comes after a "
                           f"band from age {previous.from_age}")
            if from_age > previous.to_age + 1:
                table.fail("from_age", f"leaves a gap: children aged {previous.to_age + 1} to "
                           f"{from_age - 1} have no prompt; start it at from_age = "
                           f"{previous.to_age + 1}")
            if from_age <= previous.to_age:
                table.fail("from_age", f"overlaps the band before: children aged {from_age} to "
                           f"{previous.to_age} are in both; start it at from_age = "
                           f"{previous.to_age + 1}")
        low, high = _anchor_pair(table)
        bands.append(AgeBand(from_age, to_age, table.text("prompt"), low, high))
        table.finish()
    if bands[-1].to_age is not None:
        perspective.fail("age_bands", f"the last age band ends at {bands[-1].to_age}, so older "
                         "children have no prompt; leave out its to_age so it covers every "
                         "older child")
    return tuple(bands)
