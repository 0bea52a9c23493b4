"""``roundtable-follow INI``: the digest job as cron runs it, on its own database."""
import email
import email.policy
import mailbox
import shutil

from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.follow.resources import follows_of
from roundtable.scripts.follow import main
from tests.conftest import edit, make_settings


def test_console_script_queues_due_digests(template_var, tmp_path, capsys):
    settings = make_settings(tmp_path, **{"roundtable.base_url": "https://rt.example.org"})
    shutil.copy(template_var / "Data.fs", tmp_path / "var" / "Data.fs")
    db = DB(FileStorage(str(tmp_path / "var" / "Data.fs")))
    with edit(db) as portal:
        follows = follows_of(portal, create=True)
        follower = follows.followers.subscribe_confirmed("cron@example.org", ["body:ag-wohnen"],
                                                         source="test")
        follows.sync(follower)
        assert follows.alert("body:ag-wohnen", {"kind": "minutes_published"},
                             "Sitzung der AG Wohnen", "/bodies/ag-wohnen/meetings/x") == 1
    db.close()
    ini = tmp_path / "job.ini"
    ini.write_text("[app:main]\nuse = egg:roundtable\n" + "".join(
        f"{key} = {value}\n" for key, value in settings.items()))
    assert main([str(ini)]) == 0
    assert "follow digests queued: 1" in capsys.readouterr().out
    queued = list(mailbox.Maildir(settings["mail.queue_path"], create=False))
    [message] = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
                 for m in queued if "cron@example.org" in m["To"]]
    text = message.get_body(("plain",)).get_content()
    assert "https://rt.example.org/bodies/ag-wohnen/meetings/x/" in text
    assert "https://rt.example.org/follow/unsubscribe/" in message["List-Unsubscribe"]
    # run again: nothing is due any more
    assert main([str(ini)]) == 0
    assert "follow digests queued: 0" in capsys.readouterr().out
