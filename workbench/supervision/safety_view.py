"""What the case discussion shows of a child's safety planning and direct work, in one read:
the network and plan, the direct work (newest first) with its drawings' previews, and the
warning when the child has had no direct work for longer than their kind of case allows."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.supervision.context import SupervisionContext
from workbench.supervision.direct_work import (
    DirectWorkView,
    direct_work_periods,
    direct_work_views,
    preview_pngs,
)
from workbench.supervision.safety_plan import (
    SafetyPicture,
    action_links,
    may_edit,
    readable_case,
    safety_picture,
)

PREVIEWS_SHOWN = 12  # the newest drawings whose previews come with the read


@dataclass(frozen=True)
class CaseSafety:
    picture: SafetyPicture
    direct_work: tuple[DirectWorkView, ...]
    previews: dict[int, bytes]  # drawing id -> PNG preview, for the newest drawings
    warning: str | None  # no direct work for too long (resources/direct_work.toml)
    action_links: dict[int, str]  # action id -> "plan" or "member:<id>" (safety_plan.link_action)

    @property
    def latest(self) -> DirectWorkView | None:
        return self.direct_work[0] if self.direct_work else None


def read_case_safety(ctx: SupervisionContext, case_id: int) -> CaseSafety:
    """One read for the safety panel (AccessDenied if this person may not see the case)."""
    with ctx.db() as s:
        case = readable_case(ctx, s, case_id)
        members, meetings, plan = safety_picture(s, case_id)
        works = direct_work_views(s, case_id)
        drawing_ids = [d.id for w in works for d in w.drawings][:PREVIEWS_SHOWN]
        latest = works[0].done_on if works else None
        warning = direct_work_periods().warning(case.kind, latest, ctx.clock().date(), case.start_date)
        picture = SafetyPicture(case_id, members, meetings, plan, may_edit(ctx, s, case_id))
        return CaseSafety(picture, works, preview_pngs(s, drawing_ids), warning, action_links(s, case_id))
