"""What later features add to the person page, registered at start-up so the
register knows none of them: links (privacy's data export and erasure) and
further consent histories (the newsletter's opt-ins, kept by the newsletter)."""
from collections import namedtuple

from ..security import EDIT

PERSON_ACTIONS = "roundtable.person_actions"
CONSENT_SOURCES = "roundtable.consent_sources"

# One line of the consent history: when, what for, given or withdrawn, how, entered by.
ConsentLine = namedtuple("ConsentLine", "when purpose given method by")


def add_person_action(config, view_name, title, permission=EDIT):
    """Config directive: a link to the view ``view_name`` on a person, shown to
    those who hold ``permission`` on that person."""
    config.registry.setdefault(PERSON_ACTIONS, []).append((view_name, title, permission))


def person_actions(request, person):
    """(view name, title) of the registered links the viewer may follow."""
    return [(name, title) for name, title, permission in request.registry.get(PERSON_ACTIONS, ())
            if request.has_permission(permission, person)]


def add_consent_source(config, source):
    """Config directive: ``source(request, person)`` yields ConsentLines kept elsewhere."""
    config.registry.setdefault(CONSENT_SOURCES, []).append(source)


def consent_lines(request, person, entered_by):
    """The person's consent history from every source, newest first."""
    lines = [ConsentLine(r.when, r.purpose_title, r.given, r.method_title, entered_by(r.by))
             for r in person.consent_records]
    for source in request.registry.get(CONSENT_SOURCES, ()):
        lines.extend(source(request, person))
    return sorted(lines, key=lambda line: line.when, reverse=True)
