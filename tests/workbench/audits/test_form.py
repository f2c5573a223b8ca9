"""Audit forms are data: the shipped form loads, and a wrong file is named with its problem."""

from __future__ import annotations

import pytest

from workbench.audits import AuditFormError, latest_form, parse_form, shipped_forms

GOOD = """
[form]
key = "tiny"
version = 1
title = "Tiny"
applies_to = "a record"

[[items]]
key = "one"
title = "One"
"""


def test_the_shipped_default_form_has_the_items_a_lead_grades() -> None:
    form = latest_form()
    assert (form.key, form.version) == ("case-supervision", 1)
    keys = [item.key for item in form.items]
    for wanted in ("danger_statements", "childs_voice", "safety_plan", "decisions_explained",
                   "actions_specific"):
        assert wanted in keys
    assert ("case-supervision", 1) in shipped_forms()


@pytest.mark.parametrize(("change", "says"), [
    (lambda t: t.replace('title = "One"\n', ""), "item 'one', 'title': is missing"),
    (lambda t: t + '\n[[items]]\nkey = "one"\ntitle = "Again"\n', "item 'one', 'key': is used by"),
    (lambda t: t.replace('key = "one"', 'key = "One!"'), "lower-case letters"),
    (lambda t: t.replace("version = 1", "version = 0"), "0 is outside"),
    (lambda t: t.replace('title = "Tiny"', 'title = "Tiny"\ncolour = "red"'), "unknown key 'colour'"),
    (lambda t: t.split("[[items]]")[0], "has no [[items]]"),
    (lambda t: t.replace("[form]", "[form"), "not valid TOML"),
])
def test_a_wrong_form_is_named_with_its_problem(change: object, says: str) -> None:
    assert parse_form(GOOD, source="tiny-v1.toml").items[0].title == "One"
    with pytest.raises(AuditFormError, match=r"tiny-v1\.toml") as caught:
        parse_form(change(GOOD), source="tiny-v1.toml")  # type: ignore[operator]
    assert says in str(caught.value)
