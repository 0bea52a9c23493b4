"""The agenda of a meeting: numbered items (3, 3.1) and their documents as blobs."""
import re

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from ZODB.blob import Blob

from ..folder import Folder
from ..i18n import _
from ..security import EDIT, VIEW
from ..text import slugify
from ..timeutil import now


ALLOWED_UPLOADS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}

_NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3})?$")


def natural_key(number):
    return tuple(int(p) for p in number.split("."))


def touch_meeting(meeting):
    """The agenda and its documents are part of the meeting: a change to them
    changes the meeting's ``modified``, which feeds and the OParl API report."""
    if meeting is not None:
        meeting.modified = now()


def file_name(folder, filename, fallback):
    """A free name in ``folder`` like the file (``bericht.pdf``, ``bericht-2.pdf``),
    so a download saved from the URL keeps its extension."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = ext, ""
    base = slugify(stem, fallback)
    ext = "." + slugify(ext, "") if ext else ""
    name, n = base + ext, 1
    while name in folder:
        n += 1
        name = f"{base}-{n}{ext}"
    return name


class Document(Persistent):
    """An uploaded file kept as a ZODB blob."""

    __name__ = None
    __parent__ = None

    def __init__(self, filename, content_type, data, title=""):
        self.filename = filename
        self.content_type = content_type
        self.title = title or filename
        self.size = len(data)
        self.blob = Blob()
        with self.blob.open("w") as f:
            f.write(data)
        self.created = now()

    def open(self):
        return self.blob.open("r")


class AgendaItem(Folder):
    """One TOP; contains its documents."""

    def __init__(self, number, title, description="", public=True, presenter="",
                 duration=None, motion_ids=()):
        super().__init__()
        self.number = number
        self.title = title
        self.description = description
        self.public = public
        self.presenter = presenter
        self.duration = duration
        self.motion_ids = tuple(motion_ids)

    @property
    def label(self):
        """"TOP 3" in German, "Item 3" in English: plain text in the language of
        the current request, so it can go into f-strings, mappings and PDFs alike."""
        from pyramid.i18n import get_localizer
        from pyramid.threadlocal import get_current_request

        term = _("TOP ${number}", mapping={"number": self.number})
        request = get_current_request()
        return get_localizer(request).translate(term) if request is not None else term.interpolate()

    @property
    def is_sub_item(self):
        return "." in self.number

    @property
    def __acl__(self):
        if self.public:
            return []
        return [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "role:board", VIEW),
                (Allow, "local:member", VIEW), (Allow, "local:chair", (VIEW, EDIT)),
                (Deny, Everyone, VIEW)]

    fields = ("number", "title", "description", "public", "presenter", "duration")

    def documents(self):
        return sorted(self.values(), key=lambda d: d.created)

    def add_document(self, document):
        touch_meeting(self.meeting)
        return self.add(document, name=file_name(self, document.filename, "dokument"))

    def remove(self, name):
        touch_meeting(self.meeting)
        return super().remove(name)

    @property
    def meeting(self):
        agenda = self.__parent__
        return agenda.__parent__ if agenda is not None else None

    content_type = "agenda_item"

    def search_data(self):
        """Searchable like the meeting it belongs to (date, body, field of action)."""
        meeting = self.meeting
        data = meeting.search_data() if meeting is not None else {}
        return dict(data, title=self.title, status=None, text=" ".join(
            t for t in (self.description, self.presenter, getattr(meeting, "title", "")) if t))


class Agenda(Folder):
    """The agenda items, listed by their number (3 before 3.1 before 4)."""

    def ordered(self, public_only=False):
        items = sorted(self.values(), key=lambda i: natural_key(i.number))
        return [i for i in items if i.public] if public_only else items

    @staticmethod
    def valid_number(number):
        return bool(_NUMBER.match(number or ""))

    def number_taken(self, number, exclude=None):
        return any(i.number == number and i is not exclude for i in self.values())

    def next_number(self):
        tops = [natural_key(i.number)[0] for i in self.values()]
        return str(max(tops, default=0) + 1)

    def sub_items(self, item):
        """The sub-items (3.1, 3.2) of a main TOP (3); none for a sub-item."""
        if item.is_sub_item:
            return []
        return [i for i in self.ordered() if i.is_sub_item and i.number.split(".")[0] == item.number]

    def number_problem(self, number, item=None):
        """Why ``number`` cannot be given to ``item`` (a new item when None), or None.

        A main TOP that is renumbered takes its sub-items along (3.1 becomes
        5.1), so their new numbers must be free as well.
        """
        if not self.valid_number(number):
            return _("Die Nummer muss wie „3“ oder „3.1“ aussehen.")
        if self.number_taken(number, exclude=item):
            return _("TOP ${n} gibt es schon.", mapping={"n": number})
        if "." in number:
            head = number.split(".")[0]
            if not any(i.number == head and i is not item for i in self.values()):
                return _("Zu einem Unterpunkt ${n} gehört ein TOP ${head}; legen Sie ihn "
                         "zuerst an.", mapping={"n": number, "head": head})
        if item is not None and item.number != number and self.sub_items(item):
            if "." in number:
                return _("TOP ${n} hat Unterpunkte und kann selbst kein Unterpunkt werden.",
                         mapping={"n": item.number})
            moving = set(self.sub_items(item)) | {item}
            for sub in self.sub_items(item):
                new = number + "." + sub.number.split(".", 1)[1]
                if any(i.number == new and i not in moving for i in self.values()):
                    return _("TOP ${n} gibt es schon.", mapping={"n": new})
        return None

    def update_item(self, item, **values):
        """Change an item; a renumbered main TOP takes its sub-items along."""
        number = values.get("number", item.number)
        problem = self.number_problem(number, item)
        if problem is not None:
            raise ValueError(problem)
        if number != item.number:
            for sub in self.sub_items(item):
                sub.number = number + "." + sub.number.split(".", 1)[1]
        for key in item.fields:
            if key in values:
                setattr(item, key, values[key])
        touch_meeting(self.__parent__)
        return item

    def remove_item(self, item):
        """Delete an item and its documents; a TOP with sub-items only when they are gone,
        and none that the minutes already speak about."""
        if self.sub_items(item):
            raise ValueError(_("TOP ${n} hat Unterpunkte; löschen Sie zuerst diese.",
                               mapping={"n": item.number}))
        meeting = self.__parent__
        minutes = meeting.minutes if meeting is not None else None
        if minutes is not None and item.__name__ in minutes.entries:
            raise ValueError(_("Zu TOP ${n} gibt es schon einen Protokolleintrag; der Punkt "
                               "bleibt deshalb auf der Tagesordnung.", mapping={"n": item.number}))
        touch_meeting(meeting)
        return self.remove(item.__name__)

    def add_item(self, item):
        problem = self.number_problem(item.number)
        if problem is not None:
            raise ValueError(problem)
        touch_meeting(self.__parent__)
        return self.add(item, title=f"top-{item.number}")

    def siblings(self, item):
        """The items at the same level: the main TOPs, or the sub-items of one TOP."""
        parent = item.number.split(".")[0] if item.is_sub_item else None
        return [i for i in self.ordered()
                if (i.number.split(".")[0] == parent and i.is_sub_item) or
                (parent is None and not i.is_sub_item)]

    def can_move(self, item, direction):
        siblings = self.siblings(item)
        index = siblings.index(item) + (-1 if direction == "up" else 1)
        return 0 <= index < len(siblings)

    def move(self, item, direction):
        """Swap the item with its neighbour at the same level; numbers follow the order."""
        parent = item.number.split(".")[0] if item.is_sub_item else None
        siblings = self.siblings(item)
        index = siblings.index(item)
        other_index = index + (-1 if direction == "up" else 1)
        if not 0 <= other_index < len(siblings):
            return False
        other = siblings[other_index]
        if parent is None:
            # move the sub-items along with their TOP
            a, b = item.number, other.number
            for i in self.values():
                head, _sep, tail = i.number.partition(".")
                if head == a:
                    i.number = b + ("." + tail if tail else "")
                elif head == b:
                    i.number = a + ("." + tail if tail else "")
        else:
            item.number, other.number = other.number, item.number
        touch_meeting(self.__parent__)
        return True
