"""The child is asked in words that fit their age on the meeting day: a baby is observed, a
six-year-old shows it on their fingers, a teenager is asked plainly (question set data, checked
on load; the age comes from the child's date of birth)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.models import CaseAllocation, Child
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1
from workbench.supervision.agenda import propose_agenda
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.loading import load_session
from workbench.supervision.question_sets import load_question_set, parse_question_set
from workbench.supervision.scale_voices import age_on
from workbench.supervision.sessions import start_session

from .test_scale_voices import with_voices

BANDS = '''
[[perspectives]]
role = "child"
label = "The child"
side = "family"
prompt = "Age not known"

[[perspectives.age_bands]]
from_age = 0
to_age = 3
prompt = "What did you see?"
low = "Frightened"
high = "Relaxed"

[[perspectives.age_bands]]
from_age = 4
to_age = 12
prompt = "Show me on your fingers"

[[perspectives.age_bands]]
from_age = 13
prompt = "Where are things for you?"
'''


def born(years: int, before: dt.date, *, days: int = 0) -> dt.date:
    """A date of birth ``years`` years before ``before`` (then ``days`` later)."""
    return before.replace(year=before.year - years) + dt.timedelta(days=days)


def test_the_band_follows_the_age_and_gives_its_own_anchors() -> None:
    child = parse_question_set(with_voices() + BANDS, "mini-v1.toml").scale.perspective("child")
    assert child is not None
    assert [child.for_age(age).prompt for age in (0, 3, 4, 12, 13, 40)] == [
        "What did you see?", "What did you see?", "Show me on your fingers", "Show me on your fingers",
        "Where are things for you?", "Where are things for you?"]
    assert child.for_age(None).prompt == "Age not known"
    assert (child.for_age(2).low, child.for_age(2).high) == ("Frightened", "Relaxed")
    assert child.for_age(6).low is None  # no anchors of its own: the child's wording's


@pytest.mark.parametrize(("old", "new", "message"), [
    ("from_age = 4\n", "from_age = 6\n",
     "perspective 'child', age band 2, 'from_age': leaves a gap: children aged 4 to 5 have no prompt"),
    ("from_age = 4\n", "from_age = 3\n",
     "perspective 'child', age band 2, 'from_age': overlaps the band before: children aged 3 to 3"),
    ("from_age = 0\n", "from_age = 1\n",
     "perspective 'child', age band 1, 'from_age': the first age band starts at 1"),
    ("from_age = 13\n", "from_age = 13\nto_age = 17\n",
     "perspective 'child', 'age_bands': the last age band ends at 17, so older children have no prompt"),
    ("from_age = 4\nto_age = 12\n", "from_age = 4\n",
     "perspective 'child', age band 3, 'from_age': the band before (from age 4) has no to_age"),
    ("from_age = 13\n", "from_age = 2\n",
     "perspective 'child', age band 3, 'from_age': age bands must go up in age: 2 comes after"),
    ("to_age = 12\n", "to_age = 2\n", "age band 2, 'to_age': 2 is below from_age 4"),
    ('high = "Relaxed"\n', "", "age band 1, 'high': is missing: a perspective's own anchors come in pairs"),
    ('prompt = "What did you see?"\n', "", "age band 1, 'prompt': is missing"),
    ('role = "child"', 'role = "network"',
     "perspective 'network', 'age_bands': only the child's perspective is worded by age"),
    ("to_age = 3\n", "to_age = 3\nfrom = 0\n", "age band 1: unknown key 'from'"),
])
def test_a_bad_age_band_is_refused_naming_the_file_and_the_problem(old: str, new: str, message: str) -> None:
    text = with_voices() + BANDS
    assert old in text
    with pytest.raises(QuestionSetError, match=message.replace("(", r"\(").replace(")", r"\)")) as refused:
        parse_question_set(text.replace(old, new, 1), "mini-v1.toml")
    assert str(refused.value).startswith("Question set mini-v1.toml")


def test_age_on_the_day_counts_whole_years() -> None:
    day = dt.date(2026, 3, 10)
    assert age_on(dt.date(2022, 3, 10), day) == 4  # the birthday itself
    assert age_on(dt.date(2022, 3, 11), day) == 3  # the day after: not yet
    assert age_on(dt.date(2012, 2, 29), dt.date(2026, 2, 28)) == 13  # a leap-day birthday: 1 March
    assert age_on(dt.date(2012, 2, 29), dt.date(2026, 3, 1)) == 14
    assert age_on(None, day) is None
    assert age_on(dt.date(2027, 1, 1), day) is None  # a date of birth after the meeting is a typo


def test_each_child_gets_the_prompt_for_their_age_on_the_meeting_day(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    meeting_at = dt.datetime.combine(clock.today() - dt.timedelta(days=3), dt.time(12), tzinfo=dt.UTC)
    day = meeting_at.date()
    ages = {2: born(2, day), 6: born(6, day), 10: born(10, day), 15: born(16, day, days=1)}
    with transaction(db) as s:
        for case_id, dob in zip(team.case_ids, ages.values(), strict=True):
            s.get_one(CaseAllocation, case_id).child.date_of_birth = dob
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=meeting_at,
                            agenda=propose_agenda(ctx, team.worker_id)[:4])
    view = load_session(ctx, started.session_id)
    assert view.question_set.version == 4
    child = view.question_set.scale.perspective("child")
    assert child is not None
    by_case = {d.case_id: d for d in view.discussions}
    asked = {age: by_case[case_id].voice(child) for case_id, age in zip(team.case_ids, ages, strict=True)}
    assert {age: by_case[case_id].child_age for case_id, age in zip(team.case_ids, ages, strict=True)} == {
        2: 2, 6: 6, 10: 10, 15: 15}  # sixteen tomorrow: still fifteen on the day
    assert "What did you see of the child" in asked[2].prompt
    assert "say so" in asked[2].prompt
    assert asked[2].low is not None
    assert asked[2].low.startswith("What I saw")
    assert "fingers" in asked[6].prompt
    assert "fingers" not in asked[10].prompt
    assert "draw it" in asked[10].prompt
    assert asked[15].prompt.startswith("On a scale of 0 to 10")
    assert "fingers" not in asked[15].prompt
    assert asked[15].high == "Home is fine and I feel safe there"


def test_a_fourth_birthday_the_day_after_the_meeting_keeps_the_younger_band(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    meeting_at = dt.datetime.combine(clock.today() - dt.timedelta(days=3), dt.time(12), tzinfo=dt.UTC)
    case_id = team.case_ids[0]
    with transaction(db) as s:
        s.get_one(CaseAllocation, case_id).child.date_of_birth = born(4, meeting_at.date(), days=1)
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=meeting_at,
                            agenda=propose_agenda(ctx, team.worker_id)[:4])
    view = load_session(ctx, started.session_id)
    child = view.question_set.scale.perspective("child")
    assert child is not None
    discussion = next(d for d in view.discussions if d.case_id == case_id)
    assert discussion.child_age == 3
    assert "What did you see of the child" in discussion.voice(child).prompt
    with transaction(db) as s:  # had the birthday been the day of the meeting
        s.scalars(select(Child).join(CaseAllocation).where(CaseAllocation.id == case_id)).one() \
            .date_of_birth = born(4, meeting_at.date())
    discussion = next(d for d in load_session(ctx, started.session_id).discussions if d.case_id == case_id)
    assert "fingers" in discussion.voice(child).prompt


def test_a_session_held_with_version_three_keeps_its_prompt(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    meeting_at = dt.datetime.combine(clock.today() - dt.timedelta(days=3), dt.time(12), tzinfo=dt.UTC)
    case_id = team.case_ids[0]
    with transaction(db) as s:
        s.get_one(CaseAllocation, case_id).child.date_of_birth = born(15, meeting_at.date())
    old = start_session(ctx, supervisee_id=team.worker_id, meeting_at=meeting_at,
                        question_set=load_question_set("default", 3),
                        agenda=propose_agenda(ctx, team.worker_id)[:4])
    view = load_session(ctx, old.session_id)
    assert view.question_set.version == 3
    child = view.question_set.scale.perspective("child")
    assert child is not None
    discussion = next(d for d in view.discussions if d.case_id == case_id)
    assert discussion.voice(child).prompt == (
        "If 10 means everything is OK at home and you feel safe, and 0 means things are really bad, "
        "where would you put things now? You can show me on your fingers or draw it.")
