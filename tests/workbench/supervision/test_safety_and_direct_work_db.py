"""Safety planning and direct work as records of the case (both databases): who may change
them, what is refused (with nothing stored), and how long without direct work earns a warning."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory, transaction
from db.enums import CaseKind, DirectWorkTool, Role, SafetyPlanStatus, WordsAndPicturesStatus
from db.models import AuditEvent, DirectWork, DirectWorkDrawing, NetworkMember, Staff, Team
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1
from workbench.access import AccessDenied
from workbench.supervision.context import SupervisionContext
from workbench.supervision.direct_work import (
    MAX_DRAWING_BYTES,
    DrawingRefused,
    add_direct_work,
    add_drawing,
    direct_work_periods,
    parse_periods,
    read_direct_work,
)
from workbench.supervision.errors import InvalidInput
from workbench.supervision.safety_plan import (
    add_network_member,
    read_safety,
    record_network_meeting,
    remove_network_member,
    save_safety_plan,
)


def png_bytes(width: int = 60, height: int = 40, colour: str = "orange") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(200, 150))
    page.circle(100, 75, 40, fill=1)
    page.save()
    return out.getvalue()


def _other_people(db: DbFactory) -> tuple[int, int]:
    """A practice lead and another team's manager."""
    with transaction(db) as s:
        lead = Staff(name="Pat Lead", name_key="pat lead", role=Role.PRACTICE_LEAD)
        other_team = Team(name="Southgate", name_key="southgate")
        other_manager = Staff(name="Sam South", name_key="sam south", role=Role.TEAM_MANAGER,
                              team=other_team)
        s.add_all([lead, other_team, other_manager])
        s.flush()
        return lead.id, other_manager.id


def _count(db: DbFactory, model: type) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_network_and_plan_live_with_the_case(ctx: SupervisionContext, team: Team1,
                                             clock: FixedClock) -> None:
    cp_case = team.case_ids[1]
    nan = add_network_member(ctx, cp_case, name="Nan (Mary Jones)", relationship="grandmother",
                             role="Stays over when Mum has been drinking", since=dt.date(2026, 9, 1))
    uncle = add_network_member(ctx.acting_as(team.worker_id), cp_case, name="Uncle Dave",
                               relationship="uncle", role="Takes Jay to school")
    record_network_meeting(ctx, cp_case, held_on=dt.date(2026, 11, 10),
                           attendees=["Mum", "Nan (Mary Jones)", "Uncle Dave", " "])
    assert save_safety_plan(ctx, cp_case, status=SafetyPlanStatus.AGREED,
                            rules=["Mum rings Nan if she has had a drink", "", "Jay sleeps at Nan's then"],
                            review_date=dt.date(2027, 1, 15))
    assert not save_safety_plan(ctx, cp_case, status=SafetyPlanStatus.AGREED,
                                rules=["Mum rings Nan if she has had a drink", "Jay sleeps at Nan's then"],
                                review_date=dt.date(2027, 1, 15))  # the same again: no change
    remove_network_member(ctx, uncle, reason="Moved to Leeds")

    picture = read_safety(ctx, cp_case)
    assert [m.name for m in picture.current_members] == ["Nan (Mary Jones)"]
    gone = next(m for m in picture.members if m.id == uncle)
    assert gone.removed_at == clock()
    assert gone.removed_reason == "Moved to Leeds"
    assert picture.last_meeting is not None
    assert picture.last_meeting.attendees == (
        "Mum", "Nan (Mary Jones)", "Uncle Dave")
    assert picture.plan.rules == ("Mum rings Nan if she has had a drink", "Jay sleeps at Nan's then")
    assert picture.plan.status is SafetyPlanStatus.AGREED
    assert picture.can_edit
    assert read_safety(ctx, team.case_ids[0]).plan.status is SafetyPlanStatus.NONE  # another child
    with ctx.db() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("safety.%"))).all()
    assert sorted(actions) == sorted(["safety.network_member.add", "safety.network_member.add",
                                      "safety.network_meeting.add", "safety.plan.save",
                                      "safety.network_member.remove"])
    assert nan


def test_practice_lead_and_other_team_manager_cannot_edit(
        ctx: SupervisionContext, team: Team1, db: DbFactory) -> None:
    cp_case = team.case_ids[1]
    lead_id, other_manager_id = _other_people(db)
    member = add_network_member(ctx, cp_case, name="Nan")
    lead, stranger = ctx.acting_as(lead_id), ctx.acting_as(other_manager_id)
    colleague = ctx.acting_as(team.other_worker_id)  # same team, not the allocated worker
    for who in (lead, stranger, colleague):
        with pytest.raises(AccessDenied):
            add_network_member(who, cp_case, name="Someone")
        with pytest.raises(AccessDenied):
            remove_network_member(who, member)
        with pytest.raises(AccessDenied):
            save_safety_plan(who, cp_case, status=SafetyPlanStatus.BEING_BUILT, rules=[], review_date=None)
        with pytest.raises(AccessDenied):
            add_direct_work(who, cp_case, done_on=dt.date(2026, 11, 1), tool=DirectWorkTool.SAFETY_HOUSE,
                            done_by="X", words={"words": "hello"})
    picture = read_safety(lead, cp_case)  # the lead reads, read-only
    assert not picture.can_edit
    assert [m.name for m in picture.current_members] == ["Nan"]
    with pytest.raises(AccessDenied):
        read_safety(stranger, cp_case)
    assert _count(db, NetworkMember) == 1
    assert _count(db, DirectWork) == 0


def test_three_houses_with_drawings_in_png_jpeg_and_pdf(ctx: SupervisionContext, team: Team1) -> None:
    from PIL import Image

    jpeg = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(jpeg, format="JPEG")
    work_id = add_direct_work(
        ctx, team.case_ids[2], done_on=dt.date(2026, 11, 20), tool=DirectWorkTool.THREE_HOUSES,
        done_by="Bo Worker", words={"worries": "When Dad shouts", "good_things": "My cat Biscuit",
                                    "dreams": "  "},
        drawings=[("houses.png", png_bytes()), ("scan.jpg", jpeg.getvalue())])
    add_drawing(ctx, work_id, "C:\\scans\\page.pdf", pdf_bytes())
    [work] = read_direct_work(ctx, team.case_ids[2])
    assert work.parts() == (("House of worries", "When Dad shouts"),
                            ("House of good things", "My cat Biscuit"))
    assert [(d.file_name, d.media_type) for d in work.drawings] == [
        ("houses.png", "image/png"), ("scan.jpg", "image/jpeg"), ("page.pdf", "application/pdf")]
    with ctx.db() as s:
        previews = s.scalars(select(DirectWorkDrawing.preview_png)).all()
    assert all(p.startswith(b"\x89PNG") for p in previews)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * MAX_DRAWING_BYTES, "at most 10 MB"),
    ("notes.docx", b"PK\x03\x04 a word document", "not a PNG, JPEG or PDF"),
    ("broken.png", png_bytes()[:40], "cannot be read"),
    ("broken.pdf", b"%PDF-1.4\n garbage", "cannot be read"),
    ("empty.jpg", b"", "is empty"),
])
def test_a_bad_drawing_is_refused_and_nothing_is_stored(
        ctx: SupervisionContext, team: Team1, db: DbFactory,
        name: str, data: bytes, message: str) -> None:
    with pytest.raises(DrawingRefused, match=message):
        add_direct_work(ctx, team.case_ids[2], done_on=dt.date(2026, 11, 20),
                        tool=DirectWorkTool.WIZARDS_AND_FAIRIES, done_by="Bo Worker",
                        words={"wizard": "Make Dad stop shouting"},
                        drawings=[("good.png", png_bytes()), (name, data)])
    assert _count(db, DirectWork) == 0
    assert _count(db, DirectWorkDrawing) == 0
    work_id = add_direct_work(ctx, team.case_ids[2], done_on=dt.date(2026, 11, 20),
                              tool=DirectWorkTool.SAFETY_HOUSE, done_by="Bo", words={"words": "Nan"})
    with pytest.raises(DrawingRefused, match=message):
        add_drawing(ctx, work_id, name, data)
    assert _count(db, DirectWorkDrawing) == 0


def test_direct_work_input_rules(ctx: SupervisionContext, team: Team1, clock: FixedClock) -> None:
    case = team.case_ids[0]
    with pytest.raises(InvalidInput, match="in the future"):
        add_direct_work(ctx, case, done_on=clock.today() + dt.timedelta(days=1),
                        tool=DirectWorkTool.SAFETY_HOUSE, done_by="Bo", words={"words": "x"})
    with pytest.raises(InvalidInput, match="what the child said"):
        add_direct_work(ctx, case, done_on=clock.today(), tool=DirectWorkTool.SAFETY_HOUSE,
                        done_by="Bo", words={"words": "   "})
    with pytest.raises(InvalidInput, match="Only a Words and Pictures"):
        add_direct_work(ctx, case, done_on=clock.today(), tool=DirectWorkTool.SAFETY_HOUSE,
                        done_by="Bo", words={"words": "x"},
                        words_and_pictures_status=WordsAndPicturesStatus.DRAFTED)
    add_direct_work(ctx, case, done_on=clock.today(), tool=DirectWorkTool.WORDS_AND_PICTURES,
                    done_by="Bo", words={"words": "Why I live with Nan"})
    [work] = read_direct_work(ctx, case)
    assert work.words_and_pictures_status is WordsAndPicturesStatus.NOT_STARTED
    with pytest.raises(InvalidInput, match="agreed plan has rules"):
        save_safety_plan(ctx, case, status=SafetyPlanStatus.AGREED, rules=[" "], review_date=None)
    with pytest.raises(InvalidInput, match="who came"):
        record_network_meeting(ctx, case, held_on=clock.today(), attendees=[" "])


def test_overdue_direct_work_periods_are_data_and_checked() -> None:
    periods = direct_work_periods()
    assert periods.weeks[CaseKind.CHILD_PROTECTION_PLAN] == 6
    today = dt.date(2026, 11, 26)
    assert periods.warning(CaseKind.CHILD_PROTECTION_PLAN, today - dt.timedelta(weeks=6), today) is None
    late = periods.warning(CaseKind.CHILD_PROTECTION_PLAN, today - dt.timedelta(weeks=7), today)
    assert late is not None
    assert "every 6 weeks" in late
    assert "7 weeks" in late
    assert "No direct work" in (periods.warning(CaseKind.CHILD_PROTECTION_PLAN, None, today) or "")
    assert periods.warning(CaseKind.EARLY_HELP, None, today) is None  # not listed: no warning
    with pytest.raises(InvalidInput, match="not a kind of case"):
        parse_periods("[overdue_weeks]\nchild_protection = 6\n", "test.toml")
    with pytest.raises(InvalidInput, match="from 1 to 104"):
        parse_periods("[overdue_weeks]\nlooked_after = 0\n", "test.toml")
    with pytest.raises(InvalidInput, match="needs an"):
        parse_periods("weeks = 6\n", "test.toml")


def test_an_action_can_be_about_the_safety_plan_or_a_network_member(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    from db.models import ActionLink
    from workbench.supervision.actions import add_action, remove_action
    from workbench.supervision.agenda import propose_agenda
    from workbench.supervision.safety_plan import action_links, link_action
    from workbench.supervision.sessions import start_session

    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1),
                            agenda=propose_agenda(ctx, team.worker_id)[:1])
    with ctx.db() as s:
        from db.models import CaseDiscussion

        discussion = s.scalars(select(CaseDiscussion).where(
            CaseDiscussion.session_id == started.session_id)).one()
        case_id, discussion_id = discussion.case_id, discussion.id
    other_case = next(c for c in team.case_ids if c != case_id)
    nan = add_network_member(ctx, case_id, name="Nan")
    stranger = add_network_member(ctx, other_case, name="Someone else's nan")
    first, second = add_action(ctx, discussion_id), add_action(ctx, discussion_id)
    link_action(ctx, first, "plan")
    link_action(ctx, second, f"member:{nan}")
    with pytest.raises(InvalidInput, match="not in this child's safety network"):
        link_action(ctx, second, f"member:{stranger}")
    with pytest.raises(AccessDenied):
        link_action(ctx.acting_as(_other_people(db)[0]), first, None)
    with ctx.db() as s:
        assert action_links(s, case_id) == {first: "plan", second: f"member:{nan}"}
    remove_action(ctx, first)  # the link goes with the action
    link_action(ctx, second, None)
    assert _count(db, ActionLink) == 0
