"""Concurrent transactions on the same records, as two application processes
make them: resolved where a merge is meaningful, a ConflictError (retried by
pyramid_retry) where it is not."""
from datetime import timedelta

import pytest
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

from roundtable.accounts.resources import User
from roundtable.meetings.resources import Attendance
from roundtable.timeutil import now


@pytest.fixture
def two_connections(tmp_path):
    """Two connections with their own transaction managers on one FileStorage."""
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    yield db, list(zip(connections, managers))
    for conn, tm in zip(connections, managers):
        tm.abort()
        conn.close()
    db.close()


def store(pairs, key, obj):
    (conn, tm), (other, other_tm) = pairs
    conn.root()[key] = obj
    tm.commit()
    other_tm.begin()
    return conn.root()[key], other.root()[key]


def test_two_replies_at_once_keep_the_later_one(two_connections):
    _db, pairs = two_connections
    mine, theirs = store(pairs, "a", Attendance("aylin-demir"))
    mine.set_reply("yes", "web")
    theirs.set_reply("no", "link")
    pairs[0][1].commit()
    pairs[1][1].commit()  # resolved, not refused
    pairs[0][1].begin()
    record = pairs[0][0].root()["a"]
    assert (record.reply, record.replied_via) == ("no", "link")


def test_a_reply_and_a_recorded_presence_both_stay(two_connections):
    _db, pairs = two_connections
    mine, theirs = store(pairs, "a", Attendance("aylin-demir"))
    mine.set_reply("yes", "web")
    theirs.presence = "present"
    pairs[0][1].commit()
    pairs[1][1].commit()
    pairs[0][1].begin()
    record = pairs[0][0].root()["a"]
    assert (record.reply, record.presence) == ("yes", "present")


def test_two_different_presences_are_a_conflict(two_connections):
    _db, pairs = two_connections
    mine, theirs = store(pairs, "a", Attendance("aylin-demir"))
    mine.presence, theirs.presence = "present", "absent"
    pairs[0][1].commit()
    with pytest.raises(ConflictError):
        pairs[1][1].commit()


def test_simultaneous_logins_of_one_account_write_once(two_connections):
    _db, pairs = two_connections
    user = User("coord@example.org")
    user.record_login(now() - timedelta(hours=1))
    mine, theirs = store(pairs, "u", user)
    mine.record_login()
    pairs[0][1].commit()
    theirs.record_login()  # seen as of its transaction's start: its write conflicts
    with pytest.raises(ConflictError):
        pairs[1][1].commit()
    pairs[1][1].begin()  # the retry sees the committed login and writes nothing
    theirs = pairs[1][0].root()["u"]
    theirs.record_login()
    assert not theirs._p_changed
