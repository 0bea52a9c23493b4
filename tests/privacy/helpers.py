"""A demo person given one record of every kind the portal can hold about someone."""
import io
import json
import os
import zipfile

from pyramid.traversal import resource_path

from roundtable.follow.resources import follows_of
from roundtable.meetings.resources import Attendance
from roundtable.motions.resources import Motion
from roundtable.mail.deliverylog import DeliveryLog, log_dir
from tests.conftest import edit

SUBJECT = "kwame-mensah"          # the member user's own register entry
SUBJECT_NAME = "Kwame Mensah"
SUBJECT_EMAIL = "kwame.mensah@example.org"
OTHER_EMAIL = "nachbarin@example.org"
FOLLOWED = "body:ag-wohnen"


def give_every_kind_of_record(db, settings, subject=SUBJECT):
    """Attendance with a reply, a motion text naming them, a newsletter subscription,
    a follow sign-up and delivery log lines (also of someone else, who must not leak)."""
    with edit(db) as portal:
        person = portal["people"][subject]
        person.record_consent("public", True, method="paper", by="admin")
        body = portal["bodies"]["runder-tisch"]
        meeting = body["meetings"].ordered()[0]
        record = meeting.attendance_for(subject, create=True)
        record.set_reply("yes", "web")
        record.presence = "present"
        motion = portal["motions"].add_motion(Motion(
            "Sprachcafé im Stadtteil", f"Der Runde Tisch unterstützt {person.title}s Vorschlag.",
            f"{person.title} hat es vorgestellt.", author_ids=[subject], by="test"))
        motion.versions.append({"title": motion.title, "resolution": f"Entwurf von {person.title}"})
        subscribers = portal["newsletter"].subscribers
        list_name = portal["newsletter"].lists()[0].__name__
        mine = subscribers.subscribe_confirmed(person.email, [list_name], name=person.title,
                                               consent_source="Formular")
        other = subscribers.subscribe_confirmed(OTHER_EMAIL, [list_name], name="Nachbarin")
        follows = follows_of(portal, create=True)
        for address in (person.email, OTHER_EMAIL):   # both follow a body by e-mail
            follows.sync(follows.followers.subscribe_confirmed(address, [FOLLOWED],
                                                               source="Formular"))
        ids = (mine.id, other.id)
        paths = (meeting_path(meeting), motion.__name__)
        assert isinstance(record, Attendance)
    log = DeliveryLog(log_dir(settings))
    log.append([{"key": f"0123abcd/{sid}", "status": "sent", "to": email}
                for sid, email in zip(ids, (SUBJECT_EMAIL, OTHER_EMAIL))])
    return ids, paths


def meeting_path(meeting):
    return resource_path(meeting) + "/"


def delivery_text(settings):
    directory = log_dir(settings)
    return "".join(open(os.path.join(directory, n), encoding="utf-8").read()
                   for n in os.listdir(directory))


def load(zip_bytes):
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return (json.loads(archive.read("daten.json")), archive.read("uebersicht.html").decode(),
                sorted(archive.namelist()))
