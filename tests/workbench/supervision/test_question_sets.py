"""Question sets as data: the shipped sets, and clear errors for bad files (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.supervision.errors import QuestionSetError
from workbench.supervision.question_sets import (
    QuestionKind,
    Scope,
    list_question_sets,
    load_question_set,
    parse_question_set,
    question_set_directory,
)

MINIMAL = """
[set]
key = "mini"
version = 1
title = "Mini"

[terms]
worry = "worry"
worries = "worries"
goal = "goal"
goals = "goals"
scale = "scale"

[worries]
title = "Worries"
statement_label = "Worry"
goal_label = "Goal"
nudge = "{count} is a lot"

[scale]
wording = "Where are we?"
low = "bad"
high = "good"
escalation_prompt = "{score} at or below {threshold}"
difference_prompt = "{difference} apart"

[decisions]
title = "Decisions"

[actions]
title = "Actions"

[[sections]]
id = "main"
title = "Main"

[[sections]]
id = "worker"
title = "Worker"
scope = "session"

[[questions]]
id = "harm"
section = "main"
kind = "text"
required = true
wording = "What happened?"

[[questions]]
id = "workload"
section = "worker"
kind = "text"
required = true
binds = "workload"
wording = "Workload?"
"""


def test_the_shipped_sets_load_and_follow_the_framework() -> None:
    default = load_question_set("default")
    assert (default.key, default.version) == ("default", 4)
    columns = [s.title for s in default.sections if s.column]
    assert columns == ["What are we worried about?", "What's working well?", "What needs to happen?"]
    ids = {q.id for q in default.questions}
    # the seven categories live in the three columns (danger statements and safety goals are the worries)
    assert {"harm", "complicating_factors", "existing_strengths", "existing_safety", "next_steps"} <= ids
    assert {"house_of_worries", "house_of_good_things", "house_of_dreams"} <= ids
    assert "where do we rate this situation" in default.scale.wording
    assert default.scale.escalate_at_or_below == 2
    assert default.scale.difference_to_discuss == 3
    assert default.terms.worry == "danger statement"
    assert default.terms.goal == "safety goal"
    assert default.question("child_voice").binds == "child_voice"
    assert {q.binds for q in default.session_questions} == {
        "workload", "wellbeing", "learning_development", "appreciative_inquiry"}
    assert load_question_set("default", 1).question("network_scale").anchors is not None
    assert "Signs of Safety" not in default.title
    assert "Signs of Safety®" in default.follows
    assert "not affiliated with or endorsed by" in default.follows


def test_early_help_uses_its_own_words() -> None:
    early = load_question_set("early-help")
    assert early.terms.worry == "worry statement"
    assert early.terms.goal == "wellbeing goal"
    parts = early.worries.statement_parts + early.worries.goal_parts
    assert [p.label for p in early.worries.goal_parts][-1] == "For how long"
    text = " ".join([early.worries.title, early.worries.nudge, early.scale.wording,
                     *(q.wording for q in early.questions), *(p.label + " " + p.help for p in parts)]).lower()
    assert "danger" not in text
    assert "safety goal" not in text
    assert early.worries.nudge_message(4).startswith("There are 4 open worry statements")


def test_every_shipped_file_is_listed_without_errors() -> None:
    listings = list_question_sets()
    assert {entry.file_name for entry in listings} >= {"default-v1.toml", "early-help-v1.toml"}
    assert all(entry.error is None for entry in listings)


def test_the_digest_ignores_formatting_but_not_wording() -> None:
    first = parse_question_set(MINIMAL, "mini-v1.toml")
    spaced = MINIMAL.replace('title = "Mini"', 'title    =    "Mini"')
    reformatted = parse_question_set(spaced, "mini-v1.toml")
    reworded = parse_question_set(MINIMAL.replace("What happened?", "What has happened?"), "mini-v1.toml")
    assert first.sha256 == reformatted.sha256 != reworded.sha256
    assert first.question("harm").kind is QuestionKind.TEXT
    assert first.question("workload").scope is Scope.SESSION


@pytest.mark.parametrize(("change", "expected"), [
    (("kind = \"text\"\nrequired = true\nwording = \"What happened?\"",
      "kind = \"essay\"\nrequired = true\nwording = \"What happened?\""),
     "question 'harm', 'kind': 'essay' is not one of text, statements, scale, date, yes_no"),
    (('id = "workload"', 'id = "harm"'), "question 'harm', 'id': question id 'harm' appears twice"),
    (('wording = "What happened?"', 'wording = "What happened?"\nwordng = "typo"'),
     "question 'harm': unknown key 'wordng'"),
    (('kind = "text"\nrequired = true\nwording = "What happened?"',
      'kind = "scale"\nrequired = true\nwording = "What happened?"'), "question 'harm', 'low': is missing"),
    (('wording = "What happened?"', 'wording = "What happened?"\nlow = "x"'),
     "question 'harm', 'low': only scale questions have anchors"),
    (('section = "main"\nkind', 'section = "mian"\nkind'),
     "question 'harm', 'section': section 'mian' is not one of the [[sections]] (main, worker)"),
    (('binds = "workload"\n', ''), "question 'workload', 'binds': questions in a session-level section"),
    (('binds = "workload"', 'binds = "child_voice"'),
     "question 'workload', 'binds': 'child_voice' cannot be used in a session-level section"),
    (('"{count} is a lot"', '"{total} is a lot"'), "[worries], 'nudge': uses {total}, but only {count}"),
    (('"{difference} apart"', '"{difference apart"'), "[scale], 'difference_prompt': has an unmatched brace"),
    (("required = true\nwording = \"What happened?\"", "required = \"yes\"\nwording = \"What happened?\""),
     "question 'harm', 'required': must be true or false, not the text 'yes'"),
    (("version = 1", "version = 0"), "[set], 'version': 0 is outside 1 to …"),
    (("[decisions]\ntitle = \"Decisions\"\n", ""), "the [decisions] table is missing"),
    (('title = "Mini"', 'title = ""'), "[set], 'title': is empty"),
])
def test_bad_files_name_the_file_the_place_and_the_problem(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in MINIMAL
    with pytest.raises(QuestionSetError) as raised:
        parse_question_set(MINIMAL.replace(old, new, 1), "mini-v1.toml")
    message = str(raised.value)
    assert message.startswith("Question set mini-v1.toml")
    assert expected in message
    assert "Correct it and load the set again." in message


def test_not_toml_says_so() -> None:
    with pytest.raises(QuestionSetError, match=r"mini-v1.toml is not valid TOML .*line 2"):
        parse_question_set('[set]\nkey = "unterminated\n', "mini-v1.toml")


def test_file_name_must_match_key_and_version() -> None:
    with pytest.raises(QuestionSetError, match=r"name it mini-v1\.toml"):
        parse_question_set(MINIMAL, "mini-v2.toml")


def test_a_folder_with_a_bad_file_lists_it_with_its_error(tmp_path: Path) -> None:
    (tmp_path / "mini-v1.toml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "broken-v1.toml").write_bytes(b"\xff\xfe not text")
    listings = {entry.file_name: entry for entry in list_question_sets(tmp_path)}
    assert listings["mini-v1.toml"].question_set is not None
    assert listings["broken-v1.toml"].question_set is None
    assert "broken-v1.toml is not UTF-8 text" in (listings["broken-v1.toml"].error or "")
    assert load_question_set("mini", directory=tmp_path).title == "Mini"
    with pytest.raises(QuestionSetError, match=r"no question set file mini-v7.toml"):
        load_question_set("mini", 7, directory=tmp_path)


def test_the_newest_version_is_loaded_by_default(tmp_path: Path) -> None:
    (tmp_path / "mini-v1.toml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "mini-v2.toml").write_text(MINIMAL.replace("version = 1", "version = 2")
                                           .replace("What happened?", "What has happened?"), encoding="utf-8")
    assert load_question_set("mini", directory=tmp_path).version == 2
    assert load_question_set("mini", 1, directory=tmp_path).question("harm").wording == "What happened?"


def test_the_resource_folder_is_found_through_the_package() -> None:
    assert (question_set_directory() / "default-v1.toml").is_file()
