"""The demo's safety planning and direct work, through the real services, as each child's
allocated worker: for children on a child protection plan a safety network (one who has left),
network meetings and a safety plan; for them and for looked-after children some Three Houses and
Wizards and Fairies work in words that fit the child's age, a few with a drawing.

Its own random stream (``seed`` + 1), so adding it changed nothing else the demo makes. A few
child protection children are left without recent direct work, so the warning shows.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import tomllib
from collections.abc import Callable, Sequence
from importlib.resources import files
from typing import Any

from db.engine import DbFactory
from db.enums import CaseKind, DirectWorkTool, SafetyPlanStatus
from db.models import Child
from workbench.demo.people import CasePlan, WorkerPlan
from workbench.supervision.context import SupervisionContext
from workbench.supervision.direct_work import add_direct_work
from workbench.supervision.safety_plan import (
    add_network_member,
    record_network_meeting,
    remove_network_member,
    save_safety_plan,
)

ContextFor = Callable[[dt.datetime, int], SupervisionContext]
WORKERS = 8  # unit one's workers: enough to see it, quick to build
DRAWN = 6  # children whose direct work comes with a drawing


def _data() -> dict[str, Any]:
    return tomllib.loads((files("resources") / "demo" / "direct_work.toml").read_text(encoding="utf-8"))


def child_drawing(rng: random.Random) -> bytes:
    """A child's crayon drawing of a house, a sun and two people (a PNG, as a scan would be)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 440), (252, 250, 242))
    pen = ImageDraw.Draw(image)
    wall = rng.choice([(230, 120, 60), (90, 150, 220), (240, 200, 70)])
    pen.rectangle((160, 200, 400, 380), outline=(40, 40, 40), width=5, fill=wall)
    pen.polygon([(140, 205), (280, 90), (420, 205)], outline=(40, 40, 40), fill=(200, 50, 50))
    pen.rectangle((250, 290, 310, 380), outline=(40, 40, 40), width=4, fill=(120, 70, 30))
    pen.ellipse((500, 40, 590, 130), fill=(255, 210, 0))
    for x, height in ((470, 120), (540, 90)):  # two people, a grown-up and a child
        top = 380 - height
        pen.ellipse((x - 18, top - 36, x + 18, top), outline=(30, 30, 30), width=4)
        pen.line((x, top, x, top + height * 0.55), fill=(30, 30, 30), width=4)
        pen.line((x - 25, top + 25, x + 25, top + 25), fill=(30, 30, 30), width=4)
        pen.line((x, top + height * 0.55, x - 18, 380), fill=(30, 30, 30), width=4)
        pen.line((x, top + height * 0.55, x + 18, 380), fill=(30, 30, 30), width=4)
    pen.line((0, 382, 640, 382), fill=(60, 160, 60), width=8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _band(date_of_birth: dt.date | None, today: dt.date) -> str:
    if date_of_birth is None:
        return "middle"
    age = (today - date_of_birth).days // 365
    return "young" if age < 8 else "middle" if age < 13 else "teen"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def add_safety_and_direct_work(db: DbFactory, context_for: ContextFor,
                               workers: Sequence[WorkerPlan], today: dt.date, seed: int) -> int:
    """Build it for unit one's workers; returns how many pieces of direct work were recorded."""
    data = _data()
    rng = random.Random(seed + 1)
    made = drawn = 0
    chosen = [(w, c) for w in workers[:WORKERS] for c in w.cases
              if c.kind in (CaseKind.CHILD_PROTECTION_PLAN, CaseKind.LOOKED_AFTER)]
    with db() as s:
        births = {c.case_id: s.get_one(Child, c.child_id).date_of_birth for _w, c in chosen}
    for number, (worker, case) in enumerate(chosen):
        if case.kind is CaseKind.CHILD_PROTECTION_PLAN:
            _safety(context_for, worker, case, today, data, rng)
        if case.kind is CaseKind.CHILD_PROTECTION_PLAN and number % 5 == 4:
            continue  # no direct work lately: the discussion warns about it
        band = _band(births[case.case_id], today)
        for visit in range(rng.randint(1, 2)):
            done_on = today - dt.timedelta(days=rng.randint(5, 30) + visit * 35)
            ctx = context_for(_at(done_on, 17), worker.staff_id)
            drawing = [("three-houses-scan.png", child_drawing(rng))] if drawn < DRAWN and visit == 0 else []
            if visit == 0 or band == "young":
                houses = data["three_houses"][band]
                words = {part: rng.choice(houses[part]) for part in ("worries", "good_things", "dreams")}
                tool = DirectWorkTool.THREE_HOUSES
            else:
                words = {part: rng.choice(data["wizards_and_fairies"][part]) for part in ("wizard", "fairy")}
                tool = DirectWorkTool.WIZARDS_AND_FAIRIES
            add_direct_work(ctx, case.case_id, done_on=done_on, tool=tool, done_by=worker.name, words=words,
                            drawings=drawing)
            drawn += bool(drawing)
            made += 1
    return made


def _safety(context_for: ContextFor, worker: WorkerPlan, case: CasePlan, today: dt.date,
            data: dict[str, Any], rng: random.Random) -> None:
    """A network of three or four, one earlier member who left, a meeting or two, and a plan."""
    start = max(case.start_date, today - dt.timedelta(days=150))
    ctx = context_for(_at(start + dt.timedelta(days=21), 12), worker.staff_id)
    network = data["network"]
    members = rng.sample(network["members"], rng.randint(3, 4))
    name, relationship, role, reason = network["leaver"]
    leaver = add_network_member(ctx, case.case_id, name=name, relationship=relationship, role=role,
                                since=start)
    for member_name, member_relationship, member_role in members:
        add_network_member(ctx, case.case_id, name=member_name, relationship=member_relationship,
                           role=member_role, since=start + dt.timedelta(days=rng.randint(0, 20)))
    later = context_for(_at(start + dt.timedelta(days=40), 12), worker.staff_id)
    remove_network_member(later, leaver, reason)
    came = ["Mum", *(m[0] for m in members[:2]), worker.name]
    for weeks in sorted(rng.sample(range(2, 18), 2), reverse=True):
        held_on = today - dt.timedelta(weeks=weeks)
        if held_on >= start:
            record_network_meeting(context_for(_at(held_on, 18), worker.staff_id), case.case_id,
                                   held_on=held_on, attendees=came)
    status = rng.choice([SafetyPlanStatus.BEING_BUILT, SafetyPlanStatus.AGREED, SafetyPlanStatus.AGREED,
                         SafetyPlanStatus.REVIEWED])
    rules = rng.sample(data["plan"]["rules"], 3)
    save_safety_plan(context_for(_at(today - dt.timedelta(days=10), 12), worker.staff_id), case.case_id,
                     status=status, rules=rules,
                     review_date=today + dt.timedelta(weeks=rng.randint(2, 10)))
