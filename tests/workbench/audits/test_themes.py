"""Themes across audits on hand-built audits, every count worked out here; the workbook holds
the same numbers (read back with calamine), and the chart draws one bar per team and item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from db.engine import DbFactory
from db.enums import Grade
from tests.conftest import FixedClock
from tests.workbench.audits.conftest import People, audit_through_moderation, graded, record_of
from tests.workbench.oversight.builders import END, START, World
from workbench.access import AccessDenied
from workbench.audit import AuditTrail
from workbench.audits import (
    audit_themes,
    complete_audit,
    open_audits,
    save_grades,
    write_themes_workbook,
)
from workbench.charts.audits import themes_figure

RI, INADEQUATE, OUTSTANDING = Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE, Grade.OUTSTANDING


@pytest.fixture
def themed(db: DbFactory, now: FixedClock, world: World, people: People) -> World:
    """A (09-15, Northgate): danger inadequate; child's voice RI, moderated up to good.
    B (10-10, Northgate): danger RI, actions outstanding; agreed.
    C (10-01, Northgate): child's voice inadequate; danger moderated down from good to RI.
    E (11-15, Southgate): danger RI; agreed.
    D (10-30, Cy): every item inadequate, completed but never moderated: counts nowhere."""
    audit_through_moderation(db, now, world, "bo-0915", "C1",
                             graded(danger_statements=INADEQUATE, childs_voice=RI),
                             {"childs_voice": (Grade.GOOD, "The child's words are there")})
    audit_through_moderation(db, now, world, "bo-1010", "C2",
                             graded(danger_statements=RI, actions_specific=OUTSTANDING))
    audit_through_moderation(db, now, world, "di-1001", "C3",
                             graded(childs_voice=INADEQUATE),
                             {"danger_statements": (RI, "No harm named")})
    audit_through_moderation(db, now, world, "eve-1115", "C6",
                             graded(danger_statements=RI))
    pat = people.actor("Pat")
    trail = AuditTrail(now)
    record = record_of(db, now, world, "cy-1030", "C4")
    (unmoderated,) = open_audits(db, now, trail, actor=pat, auditor_id=pat.staff_id,
                                 records=[record], sampled_how="x")
    everything_bad = {k: (INADEQUATE, e) for k, (_g, e) in graded().items()}
    save_grades(db, now, trail, actor=pat, audit_id=unmoderated, grades=everything_bad)
    complete_audit(db, now, trail, actor=pat, audit_id=unmoderated)
    return world


def test_items_below_good_overall_by_team_and_by_month(db: DbFactory,
                                                       themed: World, people: People) -> None:
    report = audit_themes(db, actor=people.actor("Pat"), team_id=None, start=START,
                          end=END)
    assert report.audits == 4
    first = [(r.item_key, r.graded, r.below_good, r.counts) for r in report.items[:3]]
    # danger: A inadequate, B RI, C RI (moderated), E RI -> 4 of 4.
    # child's voice: A good (moderated), B good, C inadequate, E good -> 1 of 4.
    # Then the rest in the form's order, none below good; actions has B's outstanding.
    assert first == [("danger_statements", 4, 4, (0, 0, 3, 1)),
                     ("childs_voice", 4, 1, (0, 3, 0, 1)),
                     ("strengths_and_safety", 4, 0, (0, 4, 0, 0))]
    actions = next(r for r in report.items if r.item_key == "actions_specific")
    assert actions.counts == (1, 3, 0, 0)
    assert report.items[0].share_below == 1.0
    assert report.items[1].share_below == 0.25
    by_team = {(r.group, r.item_key): (r.graded, r.below_good) for r in report.by_team}
    assert by_team[("Northgate", "danger_statements")] == (3, 3)
    assert by_team[("Northgate", "childs_voice")] == (3, 1)
    assert by_team[("Southgate", "danger_statements")] == (1, 1)
    assert by_team[("Southgate", "childs_voice")] == (1, 0)
    by_month = {(r.group, r.item_key): (r.graded, r.below_good) for r in report.by_month}
    assert report.months() == ["2026-09", "2026-10", "2026-11"]
    assert by_month[("2026-09", "danger_statements")] == (1, 1)
    assert by_month[("2026-10", "danger_statements")] == (2, 2)
    assert by_month[("2026-10", "childs_voice")] == (2, 1)
    assert by_month[("2026-11", "childs_voice")] == (1, 0)


def test_a_manager_sees_their_own_teams_themes_only(db: DbFactory,
                                                    themed: World, people: People) -> None:
    ann = people.actor("Ann")
    north = audit_themes(db, actor=ann, team_id=themed.teams["Northgate"],
                         start=START, end=END)
    assert north.audits == 3
    assert (north.items[0].item_key, north.items[0].below_good) == ("danger_statements", 3)
    for team_id in (None, themed.teams["Southgate"]):
        with pytest.raises(AccessDenied, match="own team"):
            audit_themes(db, actor=ann, team_id=team_id, start=START, end=END)
    with pytest.raises(AccessDenied, match="team managers and practice leads"):
        audit_themes(db, actor=people.actor("Bo"), team_id=None, start=START, end=END)
    # The period is of audited meetings: October alone holds B and C.
    october = audit_themes(db, actor=ann, team_id=themed.teams["Northgate"],
                           start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31))
    assert october.audits == 2


def test_the_workbook_holds_the_same_numbers(db: DbFactory, themed: World,
                                             people: People, tmp_path: Path) -> None:
    report = audit_themes(db, actor=people.actor("Pat"), team_id=None, start=START,
                          end=END)
    path = write_themes_workbook(report, tmp_path / "themes.xlsx")
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Summary", "Items", "By team", "By month"]
    items = book.get_sheet_by_name("Items").to_python()
    assert items[0][:4] == ["Item", "Graded", "Below good", "Below good (%)"]
    assert items[1][:8] == ["Danger statements are clear", 4, 4, 100, 0, 0, 3, 1]
    assert items[2][:4] == ["The child's voice is present", 4, 1, 25]
    teams = book.get_sheet_by_name("By team").to_python()
    assert ["Southgate", "Danger statements are clear", 1, 1, 100, 0, 0, 1, 0] in teams
    months = book.get_sheet_by_name("By month").to_python()
    assert ["2026-10", "The child's voice is present", 2, 1, 50, 0, 1, 0, 1] in months
    summary = dict(row[:2] for row in book.get_sheet_by_name("Summary").to_python())
    assert summary["Audits"] == 4


def test_the_chart_draws_each_team_and_month(db: DbFactory, themed: World,
                                             people: People) -> None:
    report = audit_themes(db, actor=people.actor("Pat"), team_id=None, start=START,
                          end=END)
    figure = themes_figure(report)
    gids = {artist.get_gid() for ax in figure.axes for artist in ax.get_children()
            if artist.get_gid()}
    assert {"theme-bar:Northgate:danger_statements", "theme-bar:Southgate:danger_statements",
            "theme-month:2026-09", "theme-month:2026-10", "theme-month:2026-11"} <= gids
    # Eight items an audit: September A has 1 below good of 8; October B 1 and C 2 of 16;
    # November E 1 of 8.
    trend = figure.axes[1]
    shares = [line.get_ydata()[0] for line in trend.get_lines()
              if str(line.get_gid()).startswith("theme-month:")]
    assert shares == pytest.approx([1 / 8, 3 / 16, 1 / 8])
