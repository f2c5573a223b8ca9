"""Answers to questions: what each kind of question accepts, and when it counts as answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.messages import translatable
from workbench.supervision.common import check_text
from workbench.supervision.errors import InvalidInput
from workbench.supervision.question_sets import Question, QuestionKind

MAX_STATEMENTS = 200

# The JSON form an answer is stored in: str (text), list[str] (statements), int (scale),
# ISO date str (date), bool (yes/no). None means "not answered" and removes the answer.
StoredAnswer = str | list[str] | int | bool | None


def normalise_answer(question: Question, value: Any) -> StoredAnswer:
    """The stored form of ``value`` for ``question``, or InvalidInput naming what is wrong."""
    label = f"The answer to '{question.wording}'"
    if value is None:
        return None
    if question.kind is QuestionKind.TEXT:
        text = check_text(label, value)
        return text if text.strip() else None
    if question.kind is QuestionKind.STATEMENTS:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 must be a list of statements; this is a fault in the app, "
                                             "please report it.").arg(label))
        if len(value) > MAX_STATEMENTS:
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 has %2 statements; keep it to %3 or fewer.")
                    .arg(label, len(value), MAX_STATEMENTS))
        statements = [check_text(label, item) for item in value]
        return statements if any(item.strip() for item in statements) else None
    if question.kind is QuestionKind.SCALE:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 must be a whole number from 0 to 10, not %2.")
                    .arg(label, repr(value)))
        return value
    if question.kind is QuestionKind.DATE:
        if isinstance(value, dt.datetime):
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 must be a date without a time.").arg(label))
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError as error:
                raise InvalidInput(translatable(
                        "workbench.supervision", "%1: '%2' is not a date; enter it as YYYY-MM-DD.")
                        .arg(label, value)) from error
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 must be a date, not %2.").arg(label, repr(value)))
    if question.kind is QuestionKind.YES_NO:
        if not isinstance(value, bool):
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 must be yes or no, not %2.").arg(label, repr(value)))
        return value
    raise AssertionError(question.kind)  # pragma: no cover - every kind is handled above


def is_answered(question: Question, value: Any) -> bool:
    """Whether a stored value counts as an answer for the completeness check."""
    if value is None:
        return False
    if question.kind is QuestionKind.TEXT:
        return isinstance(value, str) and bool(value.strip())
    if question.kind is QuestionKind.STATEMENTS:
        return isinstance(value, list) and any(isinstance(v, str) and v.strip() for v in value)
    return True


def answer_as_date(value: StoredAnswer) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
