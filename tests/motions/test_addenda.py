"""Attachments of a motion whose text is fixed change only as a recorded,
dated addendum that appears in its versions and on its public page."""
from datetime import timedelta

import pytest

from roundtable.timeutil import now
from tests.meetings.helpers import csrf_token, opened, plain
from tests.motions.helpers import create, plenary_meeting

PDF = b"%PDF-1.4\n%%EOF\n"


def upload(client, motion, name, note=None, **kw):
    fields = {"csrf_token": csrf_token(client), "title": name}
    if note is not None:
        fields["note"] = note
    return client.post(motion + "upload", fields, upload_files=[("upload", name + ".pdf", PDF, "application/pdf")],
                       expect_errors=True, **kw)


@pytest.fixture
def adopted(db, board):
    draft = create(db, title="Antrag mit Anlagen", state="draft")
    assert upload(board, draft, "Konzept").status_int == 303
    with opened(db, draft) as motion:
        portal = motion.__parent__.__parent__
        meeting = plenary_meeting(portal, now() - timedelta(days=3))
        motion.schedule(meeting.agenda.ordered()[1], "test")
        motion.adopt("test", {"text": "Beschlossen.", "yes": 9, "no": 0, "abstain": 1})
    return draft


def test_adopted_motion_refuses_silent_upload_and_removal(board, db, adopted):
    refused = upload(board, adopted, "Heimlich")
    assert refused.status_int == 400 and "nur als Nachtrag" in plain(refused)
    removed = board.post(adopted + "konzept.pdf/delete", {"csrf_token": csrf_token(board)},
                         expect_errors=True)
    assert removed.status_int == 400 and "nur als Nachtrag" in plain(removed)
    with opened(db, adopted) as motion:
        assert [a.title for a in motion.attachments()] == ["Konzept"]
        assert "heimlich.pdf" not in motion and motion.addenda == ()


def test_addendum_is_recorded_dated_and_shown(board, anonymous, db, adopted):
    with opened(db, adopted) as motion:
        versions_before = motion.version
    assert upload(board, adopted, "Kostenschätzung", note="vom Fachbereich nachgereicht").status_int == 303
    assert board.post(adopted + "konzept.pdf/delete",
                      {"csrf_token": csrf_token(board), "note": "durch die Kostenschätzung ersetzt"}).status_int == 303
    with opened(db, adopted) as motion:
        assert [a.title for a in motion.attachments()] == ["Kostenschätzung"]
        assert [a.title for a in motion.attachments(withdrawn=True)] == ["Konzept"]
        assert [(a["action"], a["title"]) for a in motion.addenda] == [
            ("added", "Kostenschätzung"), ("withdrawn", "Konzept")]
        assert all(a["at"] and a["by"] for a in motion.addenda)
        assert motion.version == versions_before + 2
        assert motion.versions[-1]["addendum"]["note"] == "durch die Kostenschätzung ersetzt"
    page = plain(anonymous.get(adopted))
    assert "Nachträge" in page
    assert "Kostenschätzung nachgereicht – vom Fachbereich nachgereicht" in page
    assert "Konzept zurückgezogen – durch die Kostenschätzung ersetzt" in page
    # the withdrawn file stays on record
    assert anonymous.get(adopted + "konzept.pdf").content_type == "application/pdf"
    versions = plain(board.get(adopted + "versions"))
    assert "Nachtrag: Anlage „Konzept“ zurückgezogen – durch die Kostenschätzung ersetzt" in versions


def test_draft_attachments_change_freely(board, db):
    draft = create(db, title="Noch Entwurf")
    assert upload(board, draft, "Skizze").status_int == 303
    assert board.post(draft + "skizze.pdf/delete", {"csrf_token": csrf_token(board)}).status_int == 303
    with opened(db, draft) as motion:
        assert motion.attachments() == [] and motion.addenda == ()
