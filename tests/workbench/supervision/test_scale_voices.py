"""The scale fits each child and every voice scales: question set data, checked on load (no database)."""

from __future__ import annotations

import pytest

from db.enums import CaseKind, RaterRole
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.question_sets import load_question_set, parse_question_set
from workbench.supervision.scale_voices import Side

from .test_question_sets import MINIMAL

VOICES = '''
family_difference_to_discuss = 3
family_difference_prompt = "{difference} apart"
default_variant = "cp"

[[scale.variants]]
id = "cp"
label = "Child protection"
case_kinds = ["child_protection_plan"]
wording = "Safe enough to close?"
low = "Can't live at home"
high = "Safe enough to close"

[[scale.variants]]
id = "lac"
label = "Looked after"
case_kinds = ["looked_after"]
wording = "Settled?"
low = "Placement breaking down"
high = "Settled, safe and belongs"

[[perspectives]]
role = "worker"
label = "Worker"
side = "professional"

[[perspectives]]
role = "supervisor"
label = "Manager"
side = "professional"

[[perspectives]]
role = "parent"
label = "Parent or carer"
side = "family"
prompt = "Where are you today?"
low = "At their worst"
high = "The mum or dad you wanted to be"
'''


def with_voices(text: str = VOICES) -> str:
    return MINIMAL.replace('difference_prompt = "{difference} apart"\n',
                           'difference_prompt = "{difference} apart"\n' + text, 1)


def test_each_child_is_scored_on_the_wording_that_fits_their_case_kind() -> None:
    scale = load_question_set("default").scale
    cases = {
        CaseKind.CHILD_PROTECTION_PLAN: ("safe enough for the authorities to close the case",
                                         "can't live at home"),
        CaseKind.CHILD_IN_NEED: ("no longer needs our help", "needs a child protection plan"),
        CaseKind.LOOKED_AFTER: ("settled, safe and belongs in a home that will last",
                                "placement is breaking down"),
        CaseKind.CARE_LEAVER: ("ready for adult life", "nowhere settled to live"),
        CaseKind.EARLY_HELP: ("carry on without our help", "social worker needs to be involved"),
    }
    for kind, (high, low) in cases.items():
        variant = scale.variant_for(kind)
        assert variant is not None, kind
        assert high in variant.high
        assert low in variant.low, kind
    # kinds with no variant of their own take the default (child protection) wording
    assert scale.variant_for(CaseKind.SECTION_47) == scale.variant("child_protection")
    assert scale.variant_for(None) == scale.variant("child_protection")
    assert "Signs of Success" in scale.variant_for(CaseKind.LOOKED_AFTER).label  # type: ignore[union-attr]
    assert scale.family_difference_to_discuss == 3


def test_every_voice_has_its_label_and_words_from_the_data() -> None:
    scale = load_question_set("default").scale
    roles = [p.role for p in scale.perspectives]
    assert roles == [RaterRole.WORKER, RaterRole.SUPERVISOR, RaterRole.CHILD, RaterRole.PARENT,
                     RaterRole.NETWORK, RaterRole.PROFESSIONAL]
    parent = scale.perspective("parent")
    assert parent is not None
    assert parent.named
    assert parent.side is Side.FAMILY
    assert parent.high == "You are able to be the mum (or dad) you have always wanted to be for your kids"
    assert parent.low == "Things are at their worst for your family right now"
    child = scale.perspective("child")
    assert child is not None
    assert "date of birth is not recorded" in child.prompt  # the age bands word it by age
    professional = scale.perspective("professional")
    assert professional is not None
    assert professional.agency
    assert professional.side is Side.PROFESSIONAL
    worker = scale.perspective("worker")
    assert worker is not None
    assert not worker.named
    # without anchors of its own a voice is asked on the child's wording
    lac = scale.wording_for("looked_after")
    network = scale.perspective("network")
    assert network is not None
    assert network.anchors(lac) == (lac.low, lac.high)


def test_version_one_keeps_its_meaning() -> None:
    v1 = load_question_set("default", 1)
    assert v1.scale.variants == ()
    assert v1.scale.variant_for(CaseKind.LOOKED_AFTER) is None
    assert v1.scale.wording_for(None).low.startswith("Things are so bad")
    assert v1.scale.family_difference_to_discuss is None
    early = load_question_set("early-help", 2)
    assert early.version == 2
    assert early.scale.variant_for(CaseKind.EARLY_HELP) == early.scale.variant("wellbeing")
    assert "Signs of Safety®" in early.follows


def test_a_set_with_variants_and_voices_loads() -> None:
    qs = parse_question_set(with_voices(), "mini-v1.toml")
    assert [v.id for v in qs.scale.variants] == ["cp", "lac"]
    assert qs.scale.variant_for(CaseKind.LOOKED_AFTER).label == "Looked after"  # type: ignore[union-attr]
    assert qs.scale.variant_for(CaseKind.CHILD_IN_NEED).id == "cp"  # type: ignore[union-attr]
    assert qs.scale.perspective("parent").prompt == "Where are you today?"  # type: ignore[union-attr]


@pytest.mark.parametrize(("old", "new", "message"), [
    ('case_kinds = ["looked_after"]', 'case_kinds = ["fostered"]',
     r"mini-v1\.toml, scale variant 'lac', 'case_kinds': 'fostered' is not a case kind"),
    ('case_kinds = ["looked_after"]', 'case_kinds = ["child_protection_plan"]',
     r"mini-v1\.toml, scale variant 'lac', 'case_kinds': 'child_protection_plan' already has "
     r"the scale variant 'cp'"),
    ('low = "Placement breaking down"\n', '',
     r"mini-v1\.toml, scale variant 'lac', 'low': is missing"),
    ('high = "Settled, safe and belongs"\n', '',
     r"mini-v1\.toml, scale variant 'lac', 'high': is missing"),
    ('default_variant = "cp"', 'default_variant = "cin"',
     r"mini-v1\.toml, \[scale\], 'default_variant': 'cin' is not one of the \[\[scale.variants\]\]"),
    ('id = "lac"', 'id = "cp"', r"scale variant 'cp' appears twice"),
    ('case_kinds = ["looked_after"]', 'case_kinds = "looked_after"',
     r"'case_kinds': must be a list of texts in quotes"),
    ('role = "parent"', 'role = "aunt"', r"perspective 'aunt', 'role': 'aunt' is not one of worker"),
    ('role = "parent"', 'role = "worker"', r"the perspective 'worker' appears twice"),
    ('high = "The mum or dad you wanted to be"\n', '',
     r"perspective 'parent', 'high': is missing: a perspective's own anchors come in pairs"),
    ('side = "family"', 'side = "friend"', r"perspective 'parent', 'side': 'friend' is not one of"),
    ('role = "supervisor"', 'role = "network"',
     r"the 'supervisor' perspective is missing"),
    ('family_difference_prompt = "{difference} apart"', 'family_difference_prompt = "{gap} apart"',
     r"'family_difference_prompt': uses \{gap\}"),
    ('label = "Looked after"\n', 'label = "Looked after"\nanchor = "x"\n',
     r"scale variant 'lac': unknown key 'anchor'"),
])
def test_bad_variants_and_voices_are_named_with_file_and_problem(old: str, new: str, message: str) -> None:
    text = with_voices()
    assert old in text
    with pytest.raises(QuestionSetError, match=message):
        parse_question_set(text.replace(old, new, 1), "mini-v1.toml")
