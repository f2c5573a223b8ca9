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
    decisions: tuple[tuple[str, str], ...]  # (decision, rationale)
    actions: tuple[str, ...]
    worker_part: dict[str, tuple[str, ...]]
    reflections: dict[str, tuple[str, ...]]

    def worries_for(self, kind: CaseKind) -> tuple[WorrySeed, ...]:
        return tuple(w for w in self.worries if kind in w.kinds) or self.worries


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
        worries=tuple(WorrySeed(tuple(CaseKind(k) for k in w["kinds"]),
                                {k: v for k, v in w.items() if k in ALL_PARTS})
                      for w in data["worries"]),
        answers=_texts(data["answers"]),
        decisions=tuple((d["text"], d["rationale"]) for d in data["decisions"]),
        actions=tuple(data["actions"]["items"]),
        worker_part=_texts(data["worker_part"]),
        reflections=_texts(data["reflections"]),
    )
