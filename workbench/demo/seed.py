"""The demo's seed texts (resources/demo/seed.toml): names, worries, answers, all invented."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from db.enums import CaseKind
from workbench.supervision.worry_parts import ALL_PARTS, compose_goal, compose_statement


@dataclass(frozen=True)
class WorrySeed:
    kinds: tuple[CaseKind, ...]
    parts: dict[str, str]  # worry_parts ids: who is worried, what the adults do, ... for how long
    ages: tuple[int, int] = (0, 17)  # the children (by age in years) this worry fits
    harm: str = ""  # what has happened, as the first column's harm says it
    one_step_higher: tuple[str, ...] = ()
    category: str = ""  # the category of abuse a child protection plan for this worry is under
    need: str = ""  # the child in need's primary need code (Annex A list 6)

    def fits(self, kind: CaseKind, age: int) -> bool:
        return kind in self.kinds and self.ages[0] <= age <= self.ages[1]

    @property
    def statement(self) -> str:
        return compose_statement(self.parts)

    @property
    def goal(self) -> str:
        return compose_goal(self.parts)


@dataclass(frozen=True)
class DemoSeed:
    lead: str
    teams: tuple[str, ...]
    managers: tuple[str, ...]
    workers: tuple[tuple[str, ...], ...]  # per team
    newly_qualified: str
    first_names: tuple[str, ...]
    genders: tuple[str, ...]
    ethnicities: tuple[str, ...]
    worries: tuple[WorrySeed, ...]
    answers: dict[str, tuple[str, ...]]
    decisions: dict[CaseKind, tuple[tuple[str, str], ...]]  # (decision, rationale) by case kind
    actions: dict[CaseKind, tuple[str, ...]]
    story: dict[str, dict[str, tuple[str, ...]]]  # strengths, safety, ... by setting, age or kind
    reasons: dict[str, dict[str, tuple[str, ...]]]  # a score's reason by voice, then by level
    voice: dict[str, tuple[str, ...]]  # the child's voice by age band and setting
    worker_part: dict[str, tuple[str, ...]]
    reflections: dict[str, tuple[str, ...]]
    # A change of legal status (to child protection, to looked after): its texts, by the new kind.
    changes: dict[CaseKind, dict[str, Any]]

    def worries_for(self, kind: CaseKind, age: int) -> tuple[WorrySeed, ...]:
        """The worries that fit a child of ``kind`` and ``age`` (every kind and age has some)."""
        return (tuple(w for w in self.worries if w.fits(kind, age))
                or tuple(w for w in self.worries if kind in w.kinds) or self.worries)


def _worry(w: dict[str, Any]) -> WorrySeed:
    return WorrySeed(tuple(CaseKind(k) for k in w["kinds"]), {k: v for k, v in w.items() if k in ALL_PARTS},
                     (w["ages"][0], w["ages"][1]), w["harm"], tuple(w["one_step_higher"]),
                     w.get("category", ""), w.get("need", ""))


def _texts(table: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(value) for key, value in table.items()}


@cache
def load_seed() -> DemoSeed:
    data = tomllib.loads((files("resources") / "demo" / "seed.toml").read_text(encoding="utf-8"))
    people, children = data["people"], data["children"]
    return DemoSeed(
        lead=people["lead"],
        teams=tuple(people["teams"]),
        managers=tuple(people["managers"]),
        workers=tuple(tuple(team) for team in people["workers"]),
        newly_qualified=people["newly_qualified"],
        first_names=tuple(children["first_names"]),
        genders=tuple(children["genders"]),
        ethnicities=tuple(children["ethnicities"]),
        worries=tuple(_worry(w) for w in data["worries"]),
        answers=_texts(data["answers"]),
        decisions={kind: tuple((d["text"], d["rationale"]) for d in data["decisions"] if d["kind"] == kind)
                   for kind in CaseKind if any(d["kind"] == kind for d in data["decisions"])},
        actions={CaseKind(kind): tuple(items) for kind, items in data["actions"].items()},
        story={key: _texts(table) for key, table in (data["story"] | data["by_kind"]).items()},
        reasons={key: _texts(table) for key, table in data["reasons"].items()},
        voice=_texts(data["voice"]),
        worker_part=_texts(data["worker_part"]),
        reflections=_texts(data["reflections"]),
        changes={CaseKind(kind): {key: _worry(value) if key == "worry" else value
                                  for key, value in texts.items()}
                 for kind, texts in data["changes"].items()},
    )
