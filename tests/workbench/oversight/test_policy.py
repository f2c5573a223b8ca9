"""The supervision policy as data: intervals, ASYE stages, and a council's own file."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.oversight import DEFAULT_POLICY, Interval, PolicyError, load_policy

ASYE = dt.date(2026, 1, 5)


def test_a_month_keeps_the_day_and_clamps_to_the_months_end() -> None:
    assert Interval(months=1).after(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert Interval(months=1).after(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)
    assert Interval(days=14).after(dt.date(2026, 2, 20)) == dt.date(2026, 3, 6)


def test_newly_qualified_weekly_for_six_weeks_fortnightly_to_six_months_then_monthly() -> None:
    p = DEFAULT_POLICY
    # Six weeks after 5 Jan is 16 Feb; six months is 5 Jul.
    assert p.interval_on(dt.date(2026, 2, 15), ASYE) == Interval(days=7)
    assert p.interval_on(dt.date(2026, 2, 16), ASYE) == Interval(days=14)
    assert p.interval_on(dt.date(2026, 7, 4), ASYE) == Interval(days=14)
    assert p.interval_on(dt.date(2026, 7, 5), ASYE) == Interval(months=1)
    assert p.interval_on(dt.date(2026, 3, 1), None) == Interval(months=1)
    # Never supervised: the first session is due a week after the ASYE starts.
    assert p.next_due(None, ASYE) == dt.date(2026, 1, 12)
    assert p.next_due(None, None) is None
    # From the ASYE start to six weeks on: 5, 12, 19, 26 Jan, 2, 9 Feb are six weekly sessions.
    assert p.expected_sessions(ASYE, dt.date(2026, 2, 15), ASYE) == 6


def test_a_councils_policy_file_changes_the_numbers() -> None:
    policy = load_policy('supervision = "4 weeks"\nupcoming_days = 7\n'
                         '[[asye_stage]]\nuntil = "3 months"\nevery = "fortnightly"\n',
                         source="council.toml")
    assert policy.supervision == Interval(days=28)
    assert policy.upcoming_days == 7
    assert policy.interval_on(dt.date(2026, 4, 4), ASYE) == Interval(days=14)
    assert policy.interval_on(dt.date(2026, 4, 5), ASYE) == Interval(days=28)
    assert policy.source == "council.toml"


@pytest.mark.parametrize(("text", "says"), [
    ('supervision = "sometimes"', "not an interval"),
    ('supervision = "3 fortnights"', "unit must be"),
    ("stuck_sessions = 1", "stuck_sessions must be"),
    ("low_score = 11", "low_score must be"),
    ("colour = 1", "unknown policy setting colour"),
    ("[[asye_stage]]\nuntil = \"6 weeks\"", "'every'"),
    ("supervision = ", "not valid TOML"),
])
def test_a_bad_policy_file_is_refused_with_what_to_fix(text: str, says: str) -> None:
    with pytest.raises(PolicyError, match=says):
        load_policy(text, source="bad.toml")


def test_an_assessed_year_known_only_by_its_end_starts_a_year_before() -> None:
    from workbench.oversight.compute import assessed_year_start
    from workbench.staff_admin import asye_end

    assert assessed_year_start(None, asye_end(ASYE)) == ASYE
    assert assessed_year_start(dt.date(2026, 3, 1), asye_end(ASYE)) == dt.date(2026, 3, 1)
    assert assessed_year_start(None, None) is None


def test_an_interval_reads_in_words_for_people_and_in_the_files_syntax_for_the_file() -> None:
    import pickle

    from workbench.messages import Message

    assert [Interval(months=1).label, Interval(days=14).label] == ["monthly", "fortnightly"]
    assert [Interval(months=1 + 5).label, Interval(days=42).label, Interval(days=10).label,
            Interval(days=1).label] == ["every 6 months", "every 6 weeks", "every 10 days", "every 1 day"]
    assert Interval(months=1, days=2).label == "every 1 month and 2 days"
    label = Interval(days=42).label
    assert isinstance(label, Message)  # shown translated, with the count for its plural form
    assert (label.source, label.n) == ("every %n week(s)", 6)
    assert pickle.loads(pickle.dumps(label)) == label
    assert pickle.loads(pickle.dumps(label)).n == 6
    # What a policy file says stays English in every language: parse reads it back.
    assert [Interval(days=42).text, Interval(months=6).text] == ["6 weeks", "6 months"]
    assert Interval.parse(Interval(days=42).text) == Interval(days=42)
