"""Six months of past supervision for the demo, at the rhythm the oversight policy asks: each
worker supervised a little more often than monthly (the newly qualified worker fortnightly) and
each open child discussed in every session, so a child comes back within their 28 days (14 for
the newly qualified worker's) but for a late session now and then.

Each child has one story: the worries chosen for their age and status, the harm those worries
came from (reworded only with a reason), strengths, voice, decisions and actions that fit their
age and where they live, several voices on the scale, and disagreements about their own worries.
Each meeting is held under the legal status the caseload had that day (``CasePlan.kind_on``): its
scale wording, decisions, actions and setting. For the two children whose status changes
(:mod:`workbench.demo.status`) a meeting decides it (a strategy discussion, care proceedings),
the next import carries it, and the first meeting under it says what happened in the harm
and starts the scores again on the new wording.

Every planned session meets the same completeness rules the services enforce (all required
answers, a scored worry for each child, prompts answered, last time's actions reviewed), so it
is planned straight into ``ready_to_sign``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from db.enums import ActionStatus, CaseKind, RaterRole, SessionKind, SessionStatus
from db.models import Action, CaseDiscussion, Decision, ScalingScore, SupervisionSession, Worry, WorryRevision
from workbench.demo.caseload import first_import_on_or_after
from workbench.demo.people import CasePlan, Organisation, Status, WorkerPlan, WorryState
from workbench.demo.rows import Rows
from workbench.demo.seed import DemoSeed, WorrySeed
from workbench.demo.status import DAYS_TO_START, INTERIM_ORDER
from workbench.supervision.agenda_rules import history_reason_text
from workbench.supervision.question_sets import QuestionSet
from workbench.supervision.worry_parts import compose_statement

HISTORY_DAYS = 182
SLOPES = {"improving": 0.45, "stable": 0.0, "falling": -0.7, "low": -0.25}
# Days between one worker's sessions: monthly supervision, held a little early so that each
# child is back within the 28-day rule (14 days while the worker is newly qualified); a late one
# (leave, sickness) now and then, as in any team.
GAPS = {False: (23, 26), True: (11, 12)}
LATE_GAP = (30, 34)
LATE_EVERY = 12  # about one session in this many comes late


def setting(case: CasePlan) -> str:
    """Where the child lives: "care" for a looked-after child, else "home" (the status of the
    meeting being planned: the planner sets ``case.kind`` to it)."""
    return "care" if case.kind is CaseKind.LOOKED_AFTER else "home"


def age_band(age: int) -> str:
    return "baby" if age < 3 else "young" if age < 8 else "middle" if age < 13 else "teen"


def for_age(texts: tuple[str, ...] | list[str], age: int) -> list[str]:
    """The texts that fit a child of ``age``: no school before five."""
    return [text for text in texts if age >= 5 or "school" not in text.lower()]


def level(score: int) -> str:
    return "low" if score <= 3 else "mid" if score <= 6 else "high"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


@dataclass
class HistoryPlanner:
    rows: Rows
    seed: DemoSeed
    rng: random.Random
    today: dt.date
    question_set: QuestionSet
    question_set_version_id: int
    actions: dict[int, dict[str, Any]] = field(default_factory=dict)  # planned rows by id
    worries: dict[int, dict[str, Any]] = field(default_factory=dict)
    session_ids: list[int] = field(default_factory=list)
    harms: dict[int, str] = field(default_factory=dict)  # each case's harm as last written
    strengths: dict[tuple[int, str], list[str]] = field(default_factory=dict)  # by case and setting
    kinds_discussed: dict[int, CaseKind] = field(default_factory=dict)  # status when last discussed
    incidents: dict[int, dt.date] = field(default_factory=dict)  # what led to a change of status

    def pick(self, key: str) -> str:
        return self.rng.choice(self.seed.answers[key])

    def story(self, key: str, table: str) -> tuple[str, ...]:
        return self.seed.story[key][table]

    def strengths_for(self, case: CasePlan) -> list[str]:
        """What is working well for this child, chosen once for where they live: fits their age."""
        key = (case.case_id, setting(case))
        if key not in self.strengths:
            pool = for_age(self.story("strengths", setting(case)), case.age)
            if case.age >= 5:
                pool += self.story("strengths", "school")
            if case.age < 3:
                pool += self.story("strengths", "baby")
            if case.age >= 13:
                pool += self.story("strengths", "teen")
            self.strengths[key] = self.rng.sample(pool, 3)
        return self.strengths[key]

    def harm_for(self, case: CasePlan) -> str:
        return self.harms.get(case.case_id) or " ".join(w.seed.harm for w in case.open_worries)

    def reason(self, voice: str, score: int, case: CasePlan) -> str:
        table = self.seed.reasons[setting(case) if voice == "practitioner" else voice]
        return self.rng.choice(table[level(score)])

    def plan(self, organisation: Organisation, *, recent_for: int | None = None) -> list[int]:
        """Plan every worker's past sessions; ``recent_for`` (a staff id) was last seen 3-4 weeks ago."""
        for worker in organisation.workers:
            for meeting_date in self._meeting_dates(worker, recent=worker.staff_id == recent_for):
                self._session(worker, meeting_date)
            for case in worker.cases:  # as the caseload has them today
                case.kind = case.statuses[-1].kind
        return self.session_ids

    def _meeting_dates(self, worker: WorkerPlan, *, recent: bool) -> list[dt.date]:
        low, high = GAPS[worker.newly_qualified]
        offset = self.rng.randint(20, 26) if recent else self.rng.randint(2, high + 8)
        day = self.today - dt.timedelta(days=offset)
        dates = []
        while day >= self.today - dt.timedelta(days=HISTORY_DAYS):
            weekday_fix = max(0, day.weekday() - 4)  # a weekend meeting moves back to Friday
            dates.append(day - dt.timedelta(days=weekday_fix))
            late = self.rng.randrange(LATE_EVERY) == 0
            day -= dt.timedelta(days=self.rng.randint(*(LATE_GAP if late else (low, high))))
        return sorted(dates)

    def _session(self, worker: WorkerPlan, day: dt.date) -> None:
        rng = self.rng
        meeting_at = dt.datetime.combine(day, dt.time(rng.choice((10, 14)), 0), dt.UTC)
        late = rng.random() < 0.04
        delay = dt.timedelta(days=rng.randint(8, 11)) if late else dt.timedelta(hours=rng.randint(1, 30))
        now = dt.datetime.combine(self.today, dt.time(7, 0), dt.UTC)
        recorded_at = min(meeting_at + delay, now)
        parts = self.seed.worker_part
        session_id = self.rows.add(
            SupervisionSession, supervisor_id=worker.manager_id, supervisee_id=worker.staff_id,
            meeting_at=meeting_at, duration_minutes=rng.choice((60, 75, 90)),
            kind=SessionKind.CASE_ONE_TO_ONE, status=SessionStatus.READY_TO_SIGN,
            question_set_version_id=self.question_set_version_id,
            present=[worker.manager_name, worker.name], blind_scaling=False,
            workload=rng.choice(parts["workload"]), wellbeing=rng.choice(parts["wellbeing"]),
            learning_development=rng.choice(parts["learning"]),
            appreciative_inquiry=rng.choice(parts["appreciative"]),
            created_at=recorded_at, updated_at=min(recorded_at + dt.timedelta(hours=1), now))
        self.session_ids.append(session_id)
        # Every open child, the longest undiscussed first (a child who arrived since is new).
        eligible = [c for c in worker.cases if c.start_date <= day]
        eligible.sort(key=lambda c: (c.last_discussed or dt.date.min, c.case_id))
        for position, case in enumerate(eligible):
            self._discussion(session_id, worker, case, position, meeting_at, recorded_at)

    def _discussion(self, session_id: int, worker: WorkerPlan, case: CasePlan, position: int,
                    meeting_at: dt.datetime, recorded_at: dt.datetime) -> None:
        rng = self.rng
        day = meeting_at.date()
        case.kind = case.kind_on(day)  # the status the caseload had at the meeting
        reason = str(history_reason_text(None if case.last_discussed is None
                                         else (meeting_at.date() - case.last_discussed).days))
        discussion_id = self.rows.add(
            CaseDiscussion, session_id=session_id, child_id=case.child_id, case_id=case.case_id,
            agenda_position=position, agenda_reasons=[reason], answers={},
            child_voice=rng.choice(self.seed.voice[f"{age_band(case.age)}_{setting(case)}"]),
            impact_statement=rng.choice(for_age(self.story("impact", case.kind.value), case.age)),
            escalation_decision="", score_difference_note="", updated_at=recorded_at,
            scale_variant=self._variant(case.kind), scale_variant_reason="")
        discussion = self.rows.tables[CaseDiscussion][-1]
        if case.first_discussed is None:
            case.first_discussed = meeting_at.date()
        if self.kinds_discussed.get(case.case_id, case.kind) is not case.kind:
            self._status_changed(discussion_id, case, day, recorded_at)
        self.kinds_discussed[case.case_id] = case.kind
        self._worries(discussion_id, case, meeting_at.date(), recorded_at)
        discussion["answers"] = self._answers(case, meeting_at.date())
        low, notes = self._scores(discussion_id, case, worker, meeting_at, recorded_at)
        if low:
            discussion["escalation_decision"] = rng.choice(self.story("escalation", case.kind.value))
        if notes:
            discussion["score_difference_note"] = " ".join(notes)
        since = case.scored_from or case.first_discussed
        settled = case.pattern in ("improving", "stable") and case.base + SLOPES[case.pattern] * (
            (meeting_at.date() - since).days / 28) >= 6.5
        choices = [d for d in self.seed.decisions[case.kind] if d[0] in for_age([d[0]], case.age)
                   and (settled or not d[0].startswith(("Step down", "Ask the conference to step down")))]
        decided = rng.sample(choices, rng.randint(1, 2))
        change = self._decide_change(case, day)
        if change is not None:
            decided = [change]
        for number, (text, rationale) in enumerate(decided):
            self.rows.add(Decision, discussion_id=discussion_id, position=number, text=text,
                          rationale=rationale)
        self._review_actions(discussion_id, case, meeting_at, recorded_at)
        for description in rng.sample(for_age(self.seed.actions[case.kind], case.age), rng.randint(1, 2)):
            owner = worker.name if rng.random() < 0.8 else worker.manager_name
            owner_id = worker.staff_id if owner == worker.name else worker.manager_id
            action_id = self._action(case, discussion_id, description, owner, owner_id,
                                     meeting_at.date() + dt.timedelta(days=rng.randint(7, 35)), recorded_at)
            case.open_actions.append(action_id)
        case.last_discussed = meeting_at.date()

    def _answers(self, case: CasePlan, day: dt.date) -> dict[str, Any]:
        """The three columns for this child, from their story; optional questions now and then."""
        rng = self.rng
        first = case.open_worries[0].seed
        strengths = self.strengths_for(case)
        answers: dict[str, Any] = {
            "harm": self.harm_for(case),
            "existing_strengths": rng.sample(strengths, 2),
            "existing_safety": rng.sample(for_age(self.story("safety", setting(case)), case.age), 2),
            "next_steps": rng.sample(for_age(self.story("next_steps", case.kind.value), case.age), 2),
            "one_step_higher": rng.choice(first.one_step_higher),
            "words_and_pictures": case.age >= 4 and rng.random() < 0.6,
        }
        if rng.random() < 0.4:
            answers["complicating_factors"] = rng.sample(
                for_age(self.story("complicating", setting(case)), case.age), 2)
        if rng.random() < 0.4:
            answers["next_review"] = (day + dt.timedelta(days=28)).isoformat()
        asked = {q.id for q in self.question_set.case_questions}
        return {key: value for key, value in answers.items() if key in asked}

    def _variant(self, kind: CaseKind) -> str | None:
        """The scale wording that fits the status the meeting was held under, as a session
        started in the app chooses it (workbench.supervision.agenda)."""
        variant = self.question_set.scale.variant_for(kind)
        return None if variant is None else variant.id

    def _decide_change(self, case: CasePlan, day: dt.date) -> tuple[str, str] | None:
        """At the first meeting from ``case.change_after`` (not the child's first): the decision
        that asks for the new status, and the status itself, from the first import after it
        starts. None when this meeting decides no change."""
        after = case.change_to
        if (after is None or len(case.statuses) > 1 or case.change_after is None or day < case.change_after
                or case.first_discussed is None or case.first_discussed >= day):
            return None
        start = day + dt.timedelta(days=DAYS_TO_START[after])
        known = first_import_on_or_after(self.today, start)
        if known is None or known >= self.today:
            return None
        incident = day - dt.timedelta(days=3)
        self.incidents[case.case_id] = incident
        if after is CaseKind.CHILD_PROTECTION_PLAN:
            category = next((w.category for w in case.opened if w.category), "Neglect")
            details = {"source": "demo", "category_initial": category, "category_latest": category}
        else:
            details = {"source": "demo", "legal_status": INTERIM_ORDER}
        case.statuses.append(Status(after, start, known, details))
        texts = self.seed.changes[after]
        return texts["decision"].format(incident=_day(incident)), texts["rationale"]

    def _status_changed(self, discussion_id: int, case: CasePlan, day: dt.date,
                        recorded_at: dt.datetime) -> None:
        """The first meeting under a new status: the harm says what happened; a child come into
        care has the worry at home closed and a worry about their life in care; the scores start
        again on the new status's scale."""
        status = case.statuses[-1]
        texts = self.seed.changes[status.kind]
        start = _day(status.start)
        incident = _day(self.incidents.get(case.case_id, status.start))
        if status.kind is CaseKind.LOOKED_AFTER:
            for worry in case.open_worries:
                row = self.worries[worry.worry_id]
                row["closed_in_id"] = discussion_id
                row["closed_reason"] = texts["close_reason"].format(start=start)
            case.open_worries = []
            seed: WorrySeed = texts["worry"]
            self._new_worry(discussion_id, case, recorded_at, day,
                            dataclasses.replace(seed, harm=seed.harm.format(start=start)))
            case.base = 4.0
        else:
            category = status.details.get("category_latest", "neglect").lower()
            self.harms[case.case_id] = (f"{self.harm_for(case)} " + texts["harm"].format(
                day=_day(day), incident=incident, start=start, category=category))
            case.base = 3.5
        case.pattern, case.scored_from = "improving", day

    def _new_worry(self, discussion_id: int, case: CasePlan, recorded_at: dt.datetime,
                   day: dt.date | None = None, chosen: WorrySeed | None = None) -> None:
        used = {w.seed.statement for w in case.open_worries}
        choices = [w for w in self.seed.worries_for(case.kind, case.age) if w.statement not in used]
        if case.change_to is not None and len(case.statuses) == 1:  # worries that still fit after the change
            choices = [w for w in choices if case.change_to in w.kinds] or choices
        if chosen is not None:
            choices = [chosen]
        if not choices:
            return
        seed = self.rng.choice(choices)
        case.opened.append(seed)
        if day is not None and case.case_id in self.harms:  # a new worry: the harm says what is new
            self.harms[case.case_id] += (f" Added on {_day(day)} with a new danger statement: "
                                         f"{seed.harm}")
        # Written in parts when the set asks for them (version 3 on), else as the plain sentence.
        parts = dict(seed.parts) if self.question_set.worries.structured else None
        worry_id = self.rows.add(Worry, case_id=case.case_id, danger_statement=seed.statement,
                                 safety_goal=seed.goal, parts=parts, opened_in_id=discussion_id,
                                 closed_in_id=None, closed_reason=None, created_at=recorded_at)
        self.worries[worry_id] = self.rows.tables[Worry][-1]
        self.rows.add(WorryRevision, worry_id=worry_id, discussion_id=discussion_id,
                      danger_statement=seed.statement, safety_goal=seed.goal, parts=parts,
                      created_at=recorded_at)
        case.open_worries.append(WorryState(worry_id, seed, seed.statement, seed.goal, dict(seed.parts)))

    def _worries(self, discussion_id: int, case: CasePlan, day: dt.date, recorded_at: dt.datetime) -> None:
        rng = self.rng
        if not case.open_worries:
            for _ in range(rng.randint(1, 2)):
                self._new_worry(discussion_id, case, recorded_at)
            self.harms[case.case_id] = self.harm_for(case)
            return
        if rng.random() < 0.06:
            worry = rng.choice(case.open_worries)
            impact = worry.seed.parts.get("impact_on_child", "").rstrip(".")
            worry.parts["impact_on_child"] = f"{impact}, and it happened again this month"
            worry.statement = compose_statement(worry.parts)
            parts = dict(worry.parts) if self.question_set.worries.structured else None
            self.rows.add(WorryRevision, worry_id=worry.worry_id, discussion_id=discussion_id,
                          danger_statement=worry.statement, safety_goal=worry.goal, parts=parts,
                          created_at=recorded_at)
            self.worries[worry.worry_id]["danger_statement"] = worry.statement
            self.worries[worry.worry_id]["parts"] = parts
            impact = lower_first(worry.seed.parts["impact_on_child"])
            self.harms[case.case_id] = (f"{self.harm_for(case)} Reworded on {_day(day)}, with a reason: "
                                        f"it happened again this month ({impact}).")
        if len(case.open_worries) > 1 and rng.random() < 0.15:
            closing = case.open_worries.pop(rng.randrange(len(case.open_worries)))
            row = self.worries[closing.worry_id]
            row["closed_in_id"], row["closed_reason"] = discussion_id, self.pick("close_reason")
        if len(case.open_worries) < 3 and rng.random() < 0.04:
            self._new_worry(discussion_id, case, recorded_at, day)

    def _scores(self, discussion_id: int, case: CasePlan, worker: WorkerPlan, meeting_at: dt.datetime,
                recorded_at: dt.datetime) -> tuple[bool, list[str]]:
        """The worker's and manager's scores on each worry, and on the first the family's and
        others' now and then; returns whether one is low enough to escalate and the notes on
        where the scores differed (each about that worry)."""
        rng = self.rng
        assert case.first_discussed is not None
        months = (meeting_at.date() - (case.scored_from or case.first_discussed)).days / 28
        scale = self.question_set.scale
        low = False
        notes: list[str] = []
        for index, worry in enumerate(case.open_worries):
            value = case.base + SLOPES[case.pattern] * months - 0.6 * index + rng.uniform(-0.6, 0.6)
            worker_score = _clamp(value + rng.choice((-1, 0, 0, 1)))
            manager_score = _clamp(value + rng.choice((-1, 0, 0, 1)))
            if rng.random() < 0.07:
                manager_score = _clamp(worker_score + rng.choice((-3, 3)))
            scores = [(RaterRole.WORKER, worker.staff_id, None, None, worker_score,
                       self.reason("practitioner", worker_score, case)),
                      (RaterRole.SUPERVISOR, worker.manager_id, None, None, manager_score,
                       self.reason("practitioner", manager_score, case))]
            if index == 0:
                scores += self._other_voices(case, value)
            for rater, staff_id, name, agency, score, reason in scores:
                self.rows.add(ScalingScore, discussion_id=discussion_id, case_id=case.case_id,
                              meeting_at=meeting_at, worry_id=worry.worry_id, rater_role=rater,
                              rater_staff_id=staff_id, rater_name=name, rater_agency=agency, score=score,
                              reason=reason, recorded_at=recorded_at)
            all_scores = [row[4] for row in scores]
            low = low or min(all_scores) <= scale.escalate_at_or_below
            what = lower_first(worry.seed.parts["what_adults_do"])
            if abs(worker_score - manager_score) >= scale.difference_to_discuss:
                higher, lower = (("worker", "manager") if worker_score > manager_score
                                 else ("manager", "worker"))
                notes.append(f"On the worry that {what}, the {higher} scored "
                             f"{max(worker_score, manager_score)} and the {lower} "
                             f"{min(worker_score, manager_score)}: the {higher} gave more weight to the "
                             f"recent weeks, the {lower} to {lower_first(worry.seed.harm).rstrip('.')}. "
                             f"Agreed to ask {lower_first(worry.seed.parts['who_is_worried'])} what they "
                             "have seen and to score again next time.")
            family = [row[4] for row in scores if row[0] in (RaterRole.PARENT, RaterRole.CHILD,
                                                              RaterRole.NETWORK)]
            professional = [row[4] for row in scores if row[0] not in (RaterRole.PARENT, RaterRole.CHILD,
                                                                        RaterRole.NETWORK)]
            gap = max((abs(f - p) for f in family for p in professional), default=0)
            if scale.family_difference_to_discuss is not None and gap >= scale.family_difference_to_discuss:
                view = worry.seed.parts.get("family_view") or "the family see the progress more than the risk"
                notes.append(f"The family and the professionals were {gap} apart on the worry that {what}. "
                             f"The family's view: {lower_first(view)}. Agreed to go through the danger "
                             "statement with them in their own words at the next visit.")
        return low, notes

    def _other_voices(self, case: CasePlan, value: float) -> list[tuple[Any, ...]]:
        """The family's and other people's scores on a child's first worry, now and then."""
        rng = self.rng
        voices: list[tuple[Any, ...]] = []
        home = case.kind is not CaseKind.LOOKED_AFTER
        if rng.random() < 0.5:  # a parent at home; the foster carer for a looked-after child
            score = _clamp(value + rng.choice((0, 1, 1, 2, 4)))
            name = rng.choice(("Mum", "Dad")) if home else "Foster carer Jo Price"
            reason = (self.reason("parent", score, case) if home
                      else self.reason("practitioner", score, case))
            voices.append((RaterRole.PARENT, None, name, None, score, reason))
        if case.age >= 8 and rng.random() < 0.4:
            score = _clamp(value + rng.choice((-1, 0, 1, 2)))
            voices.append((RaterRole.CHILD, None, None, None, score, self.reason("child", score, case)))
        if case.kind is CaseKind.CHILD_PROTECTION_PLAN and rng.random() < 0.3:
            score = _clamp(value + rng.choice((-1, 0, 1)))
            voices.append((RaterRole.NETWORK, None, "Nan (Pat Hughes)", None, score,
                           self.reason("network", score, case)))
        if rng.random() < 0.2:
            name, agency = (("Ms Adeyemi", "Oakfield Primary School") if 5 <= case.age < 11
                            else ("Mr Okafor", "Northgate Academy") if case.age >= 11
                            else ("Sue Marsh", "Health visiting"))
            score = _clamp(value + rng.choice((-1, 0, 1)))
            voices.append((RaterRole.PROFESSIONAL, None, name, agency, score,
                           self.reason("practitioner", score, case)))
        return voices

    def _action(self, case: CasePlan, discussion_id: int, description: str, owner: str, owner_id: int,
                due: dt.date, recorded_at: dt.datetime, carried_from: int | None = None) -> int:
        action_id = self.rows.add(
            Action, case_id=case.case_id, discussion_id=discussion_id, description=description,
            owner_staff_id=owner_id, owner_name=owner, due_date=due, status=ActionStatus.OPEN,
            status_reason="", reviewed_in_id=None, carried_from_id=carried_from, created_at=recorded_at)
        self.actions[action_id] = self.rows.tables[Action][-1]
        return action_id

    def _review_actions(self, discussion_id: int, case: CasePlan, meeting_at: dt.datetime,
                        recorded_at: dt.datetime) -> None:
        still_open: list[int] = []
        for action_id in case.open_actions:
            row = self.actions[action_id]
            roll = self.rng.random()
            row["reviewed_in_id"] = discussion_id
            if roll < 0.7:
                row["status"] = ActionStatus.DONE
            elif roll < 0.9:
                row["status"] = ActionStatus.CARRIED
                due = meeting_at.date() + dt.timedelta(days=self.rng.randint(14, 28))
                still_open.append(self._action(case, discussion_id, row["description"], row["owner_name"],
                                               row["owner_staff_id"], due, recorded_at, action_id))
            else:
                row["status"], row["status_reason"] = ActionStatus.DROPPED, self.pick("drop_reason")
        case.open_actions = still_open


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))
