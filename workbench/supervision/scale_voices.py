"""The scale's wording per child and the voices that scale, as a question set declares them.

- A *variant* is the scale's question and anchors for some kinds of case: child protection
  ("10 = safe enough for the authorities to close the case"), child in need, looked after,
  care leaver, early help. A child is scored on the variant that fits their case kind.
- A *perspective* is one voice on the scale: the worker, the manager, the child, each parent
  or carer, the safety network, other professionals. Each has its label, its side (family or
  professional, for the divergence prompt), whether a person's name (and agency) is asked
  for, and may have a prompt and anchors in words that person connects with.

All of it is data in the TOML; this module only reads and checks it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

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
class Perspective:
    role: RaterRole
    label: str  # "Parent or carer"
    side: Side
    named: bool  # a person's name is asked for (not the session's worker and manager)
    agency: bool  # their agency is asked for too (other professionals)
    prompt: str  # how the question is put to them ("" for the practitioners)
    low: str | None  # their own anchors, when the set words them for this person
    high: str | None

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
        low, high = table.optional_text("low"), table.optional_text("high")
        if (low is None) != (high is None):
            table.fail("high" if high is None else "low",
                       "is missing: a perspective's own anchors come in pairs (low and high)")
        perspective = Perspective(
            role=role, label=table.text("label"),
            side=Side(table.choice("side", [s.value for s in Side])),
            named=table.boolean("named", default=not practitioner),
            agency=table.boolean("agency", default=False),
            prompt=table.text("prompt", default=""), low=low, high=high,
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
