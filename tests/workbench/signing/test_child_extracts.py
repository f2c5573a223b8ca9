"""A child's file holds nothing about another child (both databases): each child's extract shows
that child's discussion, and a disagreement or addendum only if it concerns that child; the
supervision-file copy shows everything. Judged by pdftotext over the kept, signed PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from db.engine import DbFactory, transaction
from db.enums import DocumentKind, Role, SessionStatus
from db.models import Addendum, CaseDiscussion, Signature, SignedDocument, Staff, SupervisionSession
from tests.support.pdf import pdf_text
from tests.workbench.signing.builders import Team1, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.export.stored import newest_documents, read_pdfs
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffError, SignOffService

CHILD_TWO_WORDS = "The score for Child 2 (C0002) is too low: Nan is there every evening."
SESSION_WIDE = "Correction: Child 1 (C0001), Child 2 (C0002) and Child 3 (C0003) were all seen on Monday."
CHILD_ONE_ADDENDUM = "Correction for Child 1 (C0001): the school called on Tuesday, not Monday."


def _discussions(db: DbFactory, session_id: int) -> dict[int, int]:
    """child id -> case discussion id"""
    with db() as s:
        rows = s.execute(select(CaseDiscussion.child_id, CaseDiscussion.id)
                         .where(CaseDiscussion.session_id == session_id))
        return {row[0]: row[1] for row in rows}


@pytest.fixture
def three(db: DbFactory, identities: IdentityStore) -> Team1:
    made = make_team(db, children=3)
    give_identities(db, identities, made.manager_id, made.worker_id)
    return made


def test_each_childs_extract_names_no_other_child(
    db: DbFactory, three: Team1, signoff: SignOffService, tmp_path: Path,
) -> None:
    session_id = make_session(db, three)
    with transaction(db) as s:  # a carer present for one child only
        s.execute(update(SupervisionSession).where(SupervisionSession.id == session_id).values(
            present=["Ann Manager", "Bo Worker", "Dee Parent (mum of C0002)"]))
    by_child = _discussions(db, session_id)
    one, two, three_ = three.child_ids
    signoff.sign(session_id, signer_id=three.manager_id)
    signoff.record_disagreement(session_id, signer_id=three.worker_id, statement=CHILD_TWO_WORDS,
                                discussion_id=by_child[two])
    signoff.add_addendum(session_id, author_id=three.worker_id, text=SESSION_WIDE)  # by the worker
    signoff.add_addendum(session_id, author_id=three.manager_id, text=CHILD_ONE_ADDENDUM,
                         discussion_id=by_child[one])

    names = {one: ("C0001", "Child 1"), two: ("C0002", "Child 2"), three_: ("C0003", "Child 3")}
    with db() as s:
        refs = newest_documents(s, [session_id])[session_id]
        pdfs = read_pdfs(s, [r.id for r in refs])
    texts: dict[int | None, list[str]] = {}
    for ref in refs:
        texts.setdefault(ref.child_id if ref.kind is DocumentKind.EXTRACT else None, []).append(
            pdf_text(pdfs[ref.id], tmp_path))
    assert set(texts) == {None, one, two, three_}  # the note (and its addendum), and 3 children
    assert len(texts[one]) == 2  # child 1's extract and the addendum about child 1

    for child_id, child_texts in texts.items():
        if child_id is None:
            continue
        for text in child_texts:
            assert names[child_id][0] in text  # the child's own file names the child
            for other, markers in names.items():
                if other != child_id:
                    for marker in markers:
                        assert marker not in text, f"{marker} in the extract of child {child_id}"
            assert "Correction: Child 1" not in text  # the session-wide addendum: no child's file
            assert "Heavy; 18 cases" not in text  # the worker's own part: never on a child's file
            assert "Bo Worker" in text  # the worker signed every extract

    extract_two = texts[two][0]
    assert CHILD_TWO_WORDS in extract_two
    assert "Bo Worker recorded this disagreement about this child" in extract_two
    for child_id in (one, three_):  # told there is a disagreement elsewhere, not what it says
        assert "recorded a disagreement about another part of this supervision session" in texts[child_id][0]
        assert "Nan is there every evening" not in texts[child_id][0]
    assert "Dee Parent" not in texts[one][0]
    assert "Dee Parent" in extract_two
    assert CHILD_ONE_ADDENDUM in " ".join(texts[one])

    note = " ".join(texts[None])
    assert CHILD_TWO_WORDS in note
    assert "recorded this disagreement about Child 2 (C0002)" in note
    assert SESSION_WIDE in note


def test_the_concern_is_kept_and_signed_with_the_disagreement(
    db: DbFactory, three: Team1, signoff: SignOffService,
) -> None:
    session_id = make_session(db, three)
    discussion = _discussions(db, session_id)[three.child_ids[2]]
    signoff.sign(session_id, signer_id=three.manager_id)
    signature_id = signoff.record_disagreement(session_id, signer_id=three.worker_id,
                                               statement="Not so", discussion_id=discussion)
    with db() as s:
        assert s.get_one(Signature, signature_id).discussion_id == discussion
    assert signoff.check_record(session_id, actor_id=None).ok  # the concern is in what was signed


def test_a_child_not_in_the_session_is_refused_and_nothing_is_written(
    db: DbFactory, three: Team1, signoff: SignOffService,
) -> None:
    session_id = make_session(db, three)
    other_session = make_session(db, three, status=SessionStatus.DRAFT)
    stranger = next(iter(_discussions(db, other_session).values()))
    signoff.sign(session_id, signer_id=three.manager_id)
    with db() as s:
        documents_before = len(s.scalars(select(SignedDocument.id)).all())
    with pytest.raises(SignOffError, match="not discussed in this session"):
        signoff.record_disagreement(session_id, signer_id=three.worker_id, statement="No",
                                    discussion_id=stranger)
    with pytest.raises(SignOffError, match="not discussed in this session"):
        signoff.add_addendum(session_id, author_id=three.manager_id, text="More",
                             discussion_id=stranger)
    with pytest.raises(SignOffError, match="not discussed in this session"):
        signoff.add_addendum(session_id, author_id=three.manager_id, text="More",
                             discussion_id=10_000_000)
    with db() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.SIGNED_BY_SUPERVISOR
        assert s.scalars(select(Addendum.id)).all() == []
        assert len(s.scalars(select(Signature.id)).all()) == 1
        assert len(s.scalars(select(SignedDocument.id)).all()) == documents_before


def test_a_worker_cannot_add_an_addendum_to_someone_elses_session(
    db: DbFactory, three: Team1, signoff: SignOffService, identities: IdentityStore,
) -> None:
    with transaction(db) as s:
        other = Staff(name="Cy Other", name_key="cy other", role=Role.WORKER, team_id=three.team_id)
        s.add(other)
        s.flush()
        other_id = other.id
    give_identities(db, identities, other_id)
    session_id = make_session(db, three)
    signoff.sign(session_id, signer_id=three.manager_id)
    with pytest.raises(SignOffError, match="Only the supervisor or the worker"):
        signoff.add_addendum(session_id, author_id=other_id, text="I was there too")
    with db() as s:
        assert s.scalars(select(Addendum.id)).all() == []
    # the session's own worker may
    signoff.add_addendum(session_id, author_id=three.worker_id, text="A worker's own correction")
    with db() as s:
        assert [a.author_id for a in s.scalars(select(Addendum))] == [three.worker_id]
