"""Date rules and what each kind of question accepts (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.supervision.answers import is_answered, normalise_answer
from workbench.supervision.common import MAX_TEXT
from workbench.supervision.dates import check_duration, check_meeting_at, late_entry_message
from workbench.supervision.errors import InvalidInput
from workbench.supervision.question_sets import load_question_set

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
QS = load_question_set("default", 1)  # version 1 has a scale-kind question


def test_a_meeting_in_the_future_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidInput, match=r"27/11/2026 09:00 is in the future .* Enter the date and time"):
        check_meeting_at(NOW + dt.timedelta(hours=23), NOW)
    check_meeting_at(NOW, NOW)
    check_meeting_at(NOW - dt.timedelta(days=400), NOW)
    check_meeting_at(NOW + dt.timedelta(minutes=10), NOW)  # about to start: allowed


def test_a_meeting_time_without_a_time_zone_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no time zone"):
        check_meeting_at(dt.datetime(2026, 11, 20, 10, 0), NOW)


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60])
def test_impossible_durations_are_refused(minutes: int) -> None:
    with pytest.raises(InvalidInput, match="minutes"):
        check_duration(minutes)


def test_a_record_started_more_than_seven_days_after_the_meeting_says_so() -> None:
    meeting = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
    assert late_entry_message(meeting, meeting + dt.timedelta(days=7)) is None
    message = late_entry_message(meeting, NOW)
    assert message == ("Recorded late: this note was started on 26/11/2026, 10 days after the meeting "
                       "on 16/11/2026.")


def test_answers_are_stored_in_their_kind_s_form() -> None:
    assert normalise_answer(QS.question("harm"), "Bruising") == "Bruising"
    assert normalise_answer(QS.question("harm"), "   ") is None
    assert normalise_answer(QS.question("existing_strengths"), ["Nan", ""]) == ["Nan", ""]
    assert normalise_answer(QS.question("existing_strengths"), ["", " "]) is None
    assert normalise_answer(QS.question("network_scale"), 0) == 0
    assert normalise_answer(QS.question("next_review"), dt.date(2026, 12, 24)) == "2026-12-24"
    assert normalise_answer(QS.question("next_review"), " 2026-12-24 ") == "2026-12-24"
    assert normalise_answer(QS.question("words_and_pictures"), False) is False
    assert normalise_answer(QS.question("harm"), "<b>&amp;</b> 'quoted'") == "<b>&amp;</b> 'quoted'"


@pytest.mark.parametrize(("question_id", "value", "message"), [
    ("network_scale", 11, "whole number from 0 to 10"),
    ("network_scale", True, "whole number from 0 to 10"),
    ("next_review", "24/12/2026", "enter it as YYYY-MM-DD"),
    ("words_and_pictures", "yes", "must be yes or no"),
    ("existing_strengths", "one line", "must be a list of statements"),
    ("harm", "x" * (MAX_TEXT + 1), "the most one field can hold is 100,000"),
    ("harm", "a\x00b", "NUL character"),
])
def test_bad_answers_are_refused_with_a_reason(question_id: str, value: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        normalise_answer(QS.question(question_id), value)


def test_what_counts_as_answered() -> None:
    assert not is_answered(QS.question("harm"), None)
    assert not is_answered(QS.question("harm"), " ")
    assert is_answered(QS.question("harm"), "x")
    assert not is_answered(QS.question("existing_strengths"), ["", ""])
    assert is_answered(QS.question("network_scale"), 0)
    assert is_answered(QS.question("words_and_pictures"), False)
