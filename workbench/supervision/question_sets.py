"""Question sets: the supervision questions as versioned TOML files a practice lead can edit.

Files live in ``resources/question_sets/`` and are named ``{key}-v{version}.toml``. They are
checked on load; every problem names the file, the question (or table) and what to change.
The wording, the terms ("danger statement" or "worry statement") and the scale all come
with the set, so an early-help team sees its own words.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from workbench.messages import translatable
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.mapping import (
    COLUMN_PARTS,
    SECTION_PARTS,
    SINGLE_SECTION_PARTS,
    Part,
    inferred_part,
)
from workbench.supervision.question_set_reader import TableReader
from workbench.supervision.scale_voices import (
    Perspective,
    ScaleVariant,
    ScaleWording,
    Side,
    read_perspectives,
    read_variants,
)
from workbench.supervision.worry_parts import Of, WorryPart, read_parts

FILE_NAME = re.compile(r"^(?P<key>[a-z0-9][a-z0-9_-]*)-v(?P<version>[1-9][0-9]*)\.toml$")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
SET_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class QuestionKind(enum.StrEnum):
    TEXT = "text"  # free text
    STATEMENTS = "statements"  # a list of short statements, one per line
    SCALE = "scale"  # 0-10 with low and high anchors
    DATE = "date"  # an ISO date
    YES_NO = "yes_no"


class Scope(enum.StrEnum):
    CASE = "case"  # asked once per child discussed
    SESSION = "session"  # asked once per session (the worker's part)


# Questions whose answer lives in a column of its own rather than in CaseDiscussion.answers.
CASE_BINDINGS = frozenset({"child_voice", "impact_statement"})
SESSION_BINDINGS = frozenset({"workload", "wellbeing", "learning_development", "appreciative_inquiry"})


@dataclass(frozen=True)
class ScaleAnchors:
    low: str  # what 0 means
    high: str  # what 10 means


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    help: str
    scope: Scope
    column: int | None  # 1, 2, 3 for the three columns
    part: Part | None = None  # where it sits in the mapping order (version 3 on; else inferred)


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    kind: QuestionKind
    wording: str
    help: str
    required: bool
    scope: Scope
    anchors: ScaleAnchors | None = None  # scale questions only
    binds: str | None = None  # a dedicated field (child_voice, workload, ...) instead of answers


@dataclass(frozen=True)
class Terms:
    worry: str  # "danger statement" / "worry statement"
    worries: str
    goal: str  # "safety goal" / "wellbeing goal"
    goals: str
    scale: str  # "safety scale"


@dataclass(frozen=True)
class WorrySpec:
    title: str
    help: str
    statement_label: str
    statement_help: str
    goal_label: str
    goal_help: str
    minimum: int  # open worries each child needs before the session is ready to sign
    advised_maximum: int  # more than this and the UI shows ``nudge``
    nudge: str  # with {count}
    # Version 3 on: the parts a statement and its goal are written in (none: free text).
    statement_parts: tuple[WorryPart, ...] = ()
    goal_parts: tuple[WorryPart, ...] = ()

    @property
    def structured(self) -> bool:
        return bool(self.statement_parts)

    def part(self, part_id: str) -> WorryPart | None:
        return next((p for p in self.statement_parts + self.goal_parts if p.id == part_id), None)

    def nudge_message(self, count: int) -> str:
        return self.nudge.format(count=count)


@dataclass(frozen=True)
class ScaleSpec:
    wording: str
    low: str
    high: str
    reason_label: str
    reason_required: bool
    escalate_at_or_below: int
    escalation_prompt: str  # with {score} and {threshold}
    difference_to_discuss: int
    difference_prompt: str  # with {difference}
    # Version 2 on: the wording per case kind, every voice, and the family/professional gap.
    variants: tuple[ScaleVariant, ...] = ()
    default_variant: str | None = None
    perspectives: tuple[Perspective, ...] = ()
    family_difference_to_discuss: int | None = None  # None: the set does not compare them
    family_difference_prompt: str = ""  # with {difference}

    @property
    def anchors(self) -> ScaleAnchors:
        return ScaleAnchors(self.low, self.high)

    @property
    def own_wording(self) -> ScaleWording:
        """The [scale] table's own wording (what a set without variants scores on)."""
        return ScaleWording(None, "", self.wording, self.low, self.high)

    def variant_for(self, case_kind: str | None) -> ScaleVariant | None:
        """The variant that fits a case kind (else the default variant; None without variants)."""
        for variant in self.variants:
            if case_kind is not None and case_kind in variant.case_kinds:
                return variant
        return self.variant(self.default_variant)

    def variant(self, key: str | None) -> ScaleVariant | None:
        return next((v for v in self.variants if v.id == key), None)

    def wording_for(self, key: str | None) -> ScaleWording:
        """The wording of variant ``key``; the [scale] wording when there is no such variant."""
        variant = self.variant(key)
        return variant.as_wording if variant is not None else self.own_wording

    def perspective(self, role: str) -> Perspective | None:
        return next((p for p in self.perspectives if p.role == role), None)

    def side_of(self, role: str) -> Side:
        perspective = self.perspective(role)
        if perspective is not None:
            return perspective.side
        return Side.PROFESSIONAL if role in ("worker", "supervisor") else Side.FAMILY


@dataclass(frozen=True)
class DecisionSpec:
    title: str
    help: str
    rationale_label: str
    minimum: int


@dataclass(frozen=True)
class ActionSpec:
    title: str
    help: str


@dataclass(frozen=True)
class QuestionSet:
    key: str
    version: int
    title: str
    follows: str
    description: str
    terms: Terms
    worries: WorrySpec
    scale: ScaleSpec
    decisions: DecisionSpec
    actions: ActionSpec
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    source: str  # the file (or stored snapshot) it came from, for messages
    content: Mapping[str, Any] = field(repr=False, compare=False)
    sha256: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} (v{self.version})"

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def has_question(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def questions_in(self, section_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section_id)

    @property
    def impact_section(self) -> str | None:
        """The section holding the impact statement (it goes with the decisions)."""
        return next((q.section for q in self.case_questions if q.binds == "impact_statement"), None)

    def part_of(self, section: Section) -> Part:
        """Where ``section`` sits in the mapping order (:mod:`workbench.supervision.mapping`)."""
        return section.part if section.part is not None else inferred_part(section, self.impact_section)

    @property
    def case_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.scope is Scope.CASE)

    @property
    def session_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.scope is Scope.SESSION)


def content_sha256(content: Mapping[str, Any]) -> str:
    """A stable digest of a set's content (key order and file formatting do not matter)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_question_set(text: str, source: str) -> QuestionSet:
    """Parse and check the TOML text of a question set; ``source`` names it in messages."""
    try:
        content = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise QuestionSetError(
            translatable("workbench.supervision", "Question set %1 is not valid TOML (%2). Correct that line "
                                                  "and load it again.").arg(source, error)
        ) from error
    question_set = question_set_from_content(content, source)
    match = FILE_NAME.match(source.rsplit("/", 1)[-1])
    if source.endswith(".toml") and (
        match is None or (match["key"], int(match["version"])) != (question_set.key, question_set.version)
    ):
        expected = f"{question_set.key}-v{question_set.version}.toml"
        raise QuestionSetError(
            translatable("workbench.supervision", "Question set %1: the file name does not match its key and "
                                                  "version; name it %2 (or change [set] key/version to match "
                                                  "the name).").arg(source, expected)
        )
    return question_set


def question_set_from_content(content: Mapping[str, Any], source: str) -> QuestionSet:
    """Build a checked QuestionSet from already-parsed content (a file or a stored snapshot)."""
    root = TableReader(content, source, "the file")
    meta = root.table("set")
    key = meta.text("key")
    if not SET_KEY.match(key):
        meta.fail("key", f"'{key}' must be lower-case letters, digits, '-' or '_'")
    version = meta.integer("version", minimum=1)
    title = meta.text("title")
    follows = meta.text("follows", default="")
    description = meta.text("description", default="")
    meta.finish()

    terms_table = root.table("terms")
    terms = Terms(*(terms_table.text(name) for name in ("worry", "worries", "goal", "goals", "scale")))
    terms_table.finish()

    worries = _worry_spec(root.table("worries"))
    scale = _scale_spec(root.table("scale"), read_perspectives(root))
    decisions_table = root.table("decisions")
    decisions = DecisionSpec(
        title=decisions_table.text("title"),
        help=decisions_table.text("help", default=""),
        rationale_label=decisions_table.text("rationale_label", default="Why"),
        minimum=decisions_table.integer("minimum", minimum=0, default=1),
    )
    decisions_table.finish()
    actions_table = root.table("actions")
    actions = ActionSpec(actions_table.text("title"), actions_table.text("help", default=""))
    actions_table.finish()

    sections = _sections(root)
    questions = _questions(root, {s.id: s for s in sections})
    _check_parts(root, sections, questions)
    root.finish()
    return QuestionSet(
        key=key, version=version, title=title, follows=follows, description=description,
        terms=terms, worries=worries, scale=scale, decisions=decisions, actions=actions,
        sections=sections, questions=questions, source=source, content=content,
        sha256=content_sha256(content),
    )


def _worry_spec(table: TableReader) -> WorrySpec:
    spec = WorrySpec(
        title=table.text("title"),
        help=table.text("help", default=""),
        statement_label=table.text("statement_label"),
        statement_help=table.text("statement_help", default=""),
        goal_label=table.text("goal_label"),
        goal_help=table.text("goal_help", default=""),
        minimum=table.integer("minimum", minimum=0, default=1),
        advised_maximum=table.integer("advised_maximum", minimum=1, default=3),
        nudge=table.template("nudge", {"count"}),
        statement_parts=read_parts(table, "statement_parts", Of.STATEMENT),
        goal_parts=read_parts(table, "goal_parts", Of.GOAL),
    )
    if bool(spec.statement_parts) != bool(spec.goal_parts):
        table.fail("statement_parts" if not spec.statement_parts else "goal_parts",
                   "a set that writes worries in parts needs both [[worries.statement_parts]] and "
                   "[[worries.goal_parts]]; add the missing one (or remove both for free text)")
    table.finish()
    return spec


def _scale_spec(table: TableReader, perspectives: tuple[Perspective, ...]) -> ScaleSpec:
    variants, default_variant = read_variants(table)
    family_difference = table.optional_integer("family_difference_to_discuss", minimum=1, maximum=10)
    family_prompt = ""
    if family_difference is not None:
        family_prompt = table.template("family_difference_prompt", {"difference"})
    spec = ScaleSpec(
        wording=table.text("wording"),
        low=table.text("low"),
        high=table.text("high"),
        reason_label=table.text("reason_label", default="What makes it that number?"),
        reason_required=table.boolean("reason_required", default=True),
        escalate_at_or_below=table.integer("escalate_at_or_below", minimum=0, maximum=10, default=2),
        escalation_prompt=table.template("escalation_prompt", {"score", "threshold"}),
        difference_to_discuss=table.integer("difference_to_discuss", minimum=1, maximum=10, default=3),
        difference_prompt=table.template("difference_prompt", {"difference"}),
        variants=variants, default_variant=default_variant, perspectives=perspectives,
        family_difference_to_discuss=family_difference, family_difference_prompt=family_prompt,
    )
    table.finish()
    return spec


def _sections(root: TableReader) -> tuple[Section, ...]:
    sections: list[Section] = []
    for table in root.array_of_tables("sections", item_key="id"):
        section_id = table.text("id")
        if not IDENTIFIER.match(section_id):
            table.fail("id", f"'{section_id}' must be lower-case letters, digits and '_'")
        if any(s.id == section_id for s in sections):
            table.fail("id", f"section '{section_id}' appears twice; give each section its own id")
        scope_text = table.choice("scope", [s.value for s in Scope], default=Scope.CASE.value)
        column = table.optional_integer("column", minimum=1, maximum=3)
        part_text = table.optional_text("part")
        part = None
        if part_text is not None:
            if part_text not in SECTION_PARTS:
                table.fail("part", f"'{part_text}' is not a part of a case discussion; use one of "
                           f"{', '.join(SECTION_PARTS)}")
            part = Part(part_text)
            if column is not None and COLUMN_PARTS[column] is not part:
                table.fail("part", f"column {column} is '{COLUMN_PARTS[column]}', not '{part}'; "
                           "make them agree (or leave one out)")
            if scope_text != Scope.CASE.value:
                table.fail("part", "only case-level sections sit in a child's discussion; remove 'part'")
        sections.append(Section(section_id, table.text("title"), table.text("help", default=""),
                                Scope(scope_text), column, part))
        table.finish()
    if not sections:
        root.fail("sections", "there must be at least one [[sections]] table")
    return tuple(sections)


def _check_parts(root: TableReader, sections: tuple[Section, ...],
                 questions: tuple[Question, ...]) -> None:
    """The scale and the decisions each have one section at most; the impact statement's
    section goes with the decisions."""
    impact = next((q.section for q in questions if q.binds == "impact_statement"), None)
    placed: dict[Part, str] = {}
    for section in sections:
        if section.scope is not Scope.CASE:
            continue
        part = section.part if section.part is not None else inferred_part(section, impact)
        if section.id == impact and part is not Part.DECISIONS:
            root.fail("sections", f"section '{section.id}' holds the impact statement, so its part "
                      f"must be 'decisions', not '{part}'")
        if part in SINGLE_SECTION_PARTS:
            if part in placed:
                root.fail("sections", f"sections '{placed[part]}' and '{section.id}' are both "
                          f"part '{part}'; a discussion has one, so merge them")
            placed[part] = section.id


def _questions(root: TableReader, sections: dict[str, Section]) -> tuple[Question, ...]:
    questions: list[Question] = []
    seen: set[str] = set()
    for table in root.array_of_tables("questions", item_key="id", label="question"):
        question_id = table.text("id")
        if not IDENTIFIER.match(question_id):
            table.fail("id", f"'{question_id}' must be lower-case letters, digits and '_'")
        if question_id in seen:
            table.fail("id", f"question id '{question_id}' appears twice; each question needs its own id")
        seen.add(question_id)
        section_id = table.text("section")
        if section_id not in sections:
            table.fail("section", f"section '{section_id}' is not one of the [[sections]] "
                       f"({', '.join(sections)}); add it or correct the name")
        section = sections[section_id]
        kind = QuestionKind(table.choice("kind", [k.value for k in QuestionKind]))
        anchors = None
        if kind is QuestionKind.SCALE:
            anchors = ScaleAnchors(table.text("low"), table.text("high"))
        else:
            for anchor in ("low", "high"):
                if table.has(anchor):
                    table.fail(anchor, f"only scale questions have anchors, and this one is '{kind}'")
        binds = table.optional_text("binds")
        allowed = CASE_BINDINGS if section.scope is Scope.CASE else SESSION_BINDINGS
        if binds is not None and binds not in allowed:
            table.fail("binds", f"'{binds}' cannot be used in a {section.scope}-level section; "
                       f"use one of {', '.join(sorted(allowed))}")
        if binds is not None and kind is not QuestionKind.TEXT:
            table.fail("binds", "only text questions can be bound to a field")
        if section.scope is Scope.SESSION and binds is None:
            table.fail("binds", "questions in a session-level section must say which field they fill "
                       f"(binds = one of {', '.join(sorted(SESSION_BINDINGS))})")
        if binds is not None and any(q.binds == binds for q in questions):
            table.fail("binds", f"another question already fills '{binds}'")
        questions.append(Question(
            id=question_id, section=section_id, kind=kind, wording=table.text("wording"),
            help=table.text("help", default=""), required=table.boolean("required"),
            scope=section.scope, anchors=anchors, binds=binds,
        ))
        table.finish()
    if not questions:
        root.fail("questions", "there must be at least one [[questions]] table")
    return tuple(questions)


def question_set_directory() -> Traversable:
    return files("resources") / "question_sets"


@dataclass(frozen=True)
class QuestionSetListing:
    """One file in the question set folder: the set, or why it cannot be used."""

    file_name: str
    question_set: QuestionSet | None
    error: str | None


def list_question_sets(directory: Traversable | None = None) -> list[QuestionSetListing]:
    """Every ``*.toml`` file in the folder, checked; a bad file is listed with its error."""
    folder = directory or question_set_directory()
    listings: list[QuestionSetListing] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            listings.append(QuestionSetListing(entry.name, _read(entry), None))
        except QuestionSetError as error:
            listings.append(QuestionSetListing(entry.name, None, str(error)))
    return listings


def load_question_set(key: str = "default", version: int | None = None,
                      directory: Traversable | None = None) -> QuestionSet:
    """The set ``key`` at ``version`` (the newest version when None), checked."""
    folder = directory or question_set_directory()
    versions = sorted(
        (int(m["version"]), entry)
        for entry in folder.iterdir()
        if (m := FILE_NAME.match(entry.name)) and m["key"] == key
    )
    if version is not None:
        versions = [(v, e) for v, e in versions if v == version]
    if not versions:
        wanted = f"{key}-v{version}.toml" if version is not None else f"{key}-v*.toml"
        raise QuestionSetError(translatable(
                "workbench.supervision", "There is no question set file %1 in %2; check the name or add the "
                                         "file.").arg(wanted, folder))
    return _read(versions[-1][1])


def _read(entry: Traversable) -> QuestionSet:
    try:
        text = entry.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise QuestionSetError(translatable(
                "workbench.supervision", "Question set %1 is not UTF-8 text (%2); save it as UTF-8 and load "
                                         "it again.").arg(entry.name, error)) from error
    return parse_question_set(text, entry.name)
