"""Six months of past supervision for the demo: sessions every four weeks (two for the newly
qualified worker), each discussing several children with worries, scores, decisions and actions.

Every planned session meets the same completeness rules the services enforce (all required
answers, a scored worry for each child, prompts answered, last time's actions reviewed), so it
is planned straight into ``ready_to_sign``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from db.enums import ActionStatus, RaterRole, SessionKind, SessionStatus
from db.models import Action, CaseDiscussion, Decision, ScalingScore, SupervisionSession, Worry, WorryRevision
from workbench.demo.people import CasePlan, Organisation, WorkerPlan, WorryState
from workbench.demo.rows import Rows
from workbench.demo.seed import DemoSeed
from workbench.supervision.question_sets import QuestionKind, QuestionSet
from workbench.supervision.worry_parts import compose_statement

HISTORY_DAYS = 182
SLOPES = {"improving": 0.45, "stable": 0.0, "falling": -0.7, "low": -0.25}


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

    def pick(self, key: str) -> str:
        return self.rng.choice(self.seed.answers[key])

    def plan(self, organisation: Organisation, *, recent_for: int | None = None) -> list[int]:
        """Plan every worker's past sessions; ``recent_for`` (a staff id) was last seen 3-4 weeks ago."""
        for worker in organisation.workers:
            for meeting_date in self._meeting_dates(worker, recent=worker.staff_id == recent_for):
                self._session(worker, meeting_date)
        return self.session_ids

    def _meeting_dates(self, worker: WorkerPlan, *, recent: bool) -> list[dt.date]:
        interval = 14 if worker.newly_qualified else 28
        offset = self.rng.randint(20, 26) if recent else self.rng.randint(2, interval + 12)
        day = self.today - dt.timedelta(days=offset)
        dates = []
        while day >= self.today - dt.timedelta(days=HISTORY_DAYS):
            weekday_fix = max(0, day.weekday() - 4)  # a weekend meeting moves back to Friday
            dates.append(day - dt.timedelta(days=weekday_fix))
            day -= dt.timedelta(days=interval + self.rng.randint(-2, 2))
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
        eligible = [c for c in worker.cases if c.start_date <= day]
        eligible.sort(key=lambda c: (c.last_discussed or dt.date.min, c.case_id))
        count = 4 if worker.newly_qualified else 6
        for position, case in enumerate(eligible[:count]):
            self._discussion(session_id, worker, case, position, meeting_at, recorded_at)

    def _discussion(self, session_id: int, worker: WorkerPlan, case: CasePlan, position: int,
                    meeting_at: dt.datetime, recorded_at: dt.datetime) -> None:
        rng = self.rng
        reason = ("Not yet discussed in supervision" if case.last_discussed is None
                  else f"Last discussed {(meeting_at.date() - case.last_discussed).days} days ago")
        discussion_id = self.rows.add(
            CaseDiscussion, session_id=session_id, child_id=case.child_id, case_id=case.case_id,
            agenda_position=position, agenda_reasons=[reason], answers=self._answers(meeting_at.date()),
            child_voice=self.pick("child_voice"), impact_statement=self.pick("impact"),
            escalation_decision="", score_difference_note="", updated_at=recorded_at)
        discussion = self.rows.tables[CaseDiscussion][-1]
        if case.first_discussed is None:
            case.first_discussed = meeting_at.date()
        self._worries(discussion_id, case, recorded_at)
        low, apart = self._scores(discussion_id, case, worker, meeting_at, recorded_at)
        if low:
            discussion["escalation_decision"] = self.pick("escalation")
        if apart:
            discussion["score_difference_note"] = self.pick("difference")
        for number, (text, rationale) in enumerate(rng.sample(self.seed.decisions, rng.randint(1, 2))):
            self.rows.add(Decision, discussion_id=discussion_id, position=number, text=text,
                          rationale=rationale)
        self._review_actions(discussion_id, case, meeting_at, recorded_at)
        for description in rng.sample(self.seed.actions, rng.randint(1, 2)):
            owner = worker.name if rng.random() < 0.8 else worker.manager_name
            owner_id = worker.staff_id if owner == worker.name else worker.manager_id
            action_id = self._action(case, discussion_id, description, owner, owner_id,
                                     meeting_at.date() + dt.timedelta(days=rng.randint(7, 35)), recorded_at)
            case.open_actions.append(action_id)
        case.last_discussed = meeting_at.date()

    def _answers(self, day: dt.date) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for question in self.question_set.case_questions:
            if question.binds is not None or not (question.required or self.rng.random() < 0.4):
                continue
            texts = self.seed.answers.get(question.id)
            if question.kind is QuestionKind.TEXT:
                answers[question.id] = self.rng.choice(texts) if texts else "Demo answer."
            elif question.kind is QuestionKind.STATEMENTS:
                answers[question.id] = self.rng.sample(texts, min(2, len(texts))) if texts else ["Demo"]
            elif question.kind is QuestionKind.SCALE:
                answers[question.id] = self.rng.randint(2, 8)
            elif question.kind is QuestionKind.DATE:
                answers[question.id] = (day + dt.timedelta(days=28)).isoformat()
            else:
                answers[question.id] = self.rng.random() < 0.5
        return answers

    def _new_worry(self, discussion_id: int, case: CasePlan, recorded_at: dt.datetime) -> None:
        used = {w.seed.statement for w in case.open_worries}
        choices = [w for w in self.seed.worries_for(case.kind) if w.statement not in used] or list(
            self.seed.worries)
        seed = self.rng.choice(choices)
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

    def _worries(self, discussion_id: int, case: CasePlan, recorded_at: dt.datetime) -> None:
        rng = self.rng
        if not case.open_worries:
            for _ in range(rng.randint(1, 2)):
                self._new_worry(discussion_id, case, recorded_at)
            return
        if rng.random() < 0.12:
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
        if len(case.open_worries) > 1 and rng.random() < 0.15:
            closing = case.open_worries.pop(rng.randrange(len(case.open_worries)))
            row = self.worries[closing.worry_id]
            row["closed_in_id"], row["closed_reason"] = discussion_id, self.pick("close_reason")
        if len(case.open_worries) < 3 and rng.random() < 0.08:
            self._new_worry(discussion_id, case, recorded_at)

    def _scores(self, discussion_id: int, case: CasePlan, worker: WorkerPlan, meeting_at: dt.datetime,
                recorded_at: dt.datetime) -> tuple[bool, bool]:
        rng = self.rng
        assert case.first_discussed is not None
        months = (meeting_at.date() - case.first_discussed).days / 28
        low = apart = False
        for index, worry in enumerate(case.open_worries):
            value = case.base + SLOPES[case.pattern] * months - 0.6 * index + rng.uniform(-0.6, 0.6)
            worker_score = _clamp(value + rng.choice((-1, 0, 0, 1)))
            manager_score = _clamp(value + rng.choice((-1, 0, 0, 1)))
            if rng.random() < 0.07:
                manager_score = _clamp(worker_score + rng.choice((-3, 3)))
            for rater, staff_id, score in ((RaterRole.WORKER, worker.staff_id, worker_score),
                                           (RaterRole.SUPERVISOR, worker.manager_id, manager_score)):
                self.rows.add(ScalingScore, discussion_id=discussion_id, case_id=case.case_id,
                              meeting_at=meeting_at, worry_id=worry.worry_id, rater_role=rater,
                              rater_staff_id=staff_id, rater_name=None, score=score,
                              reason=self.pick("scale_reason"), recorded_at=recorded_at)
            scale = self.question_set.scale
            low = low or min(worker_score, manager_score) <= scale.escalate_at_or_below
            apart = apart or abs(worker_score - manager_score) >= scale.difference_to_discuss
        return low, apart

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


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))
