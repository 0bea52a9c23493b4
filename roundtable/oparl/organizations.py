"""Organization, Person and Membership.

Organizations are the round table's bodies (plenary, board, steering and
working groups, each ``subOrganizationOf`` the one above), its member
organisations (``organizationType`` "Institution") and the council
committees its motions go to ("externes Gremium").

Persons appear only while they may be named publicly (``publicly_named``,
the people package's one answer). Someone who never consented is absent
altogether, as are their memberships; someone who withdrew consent or left
becomes a soft delete, so consumers drop the name they copied. Both are keyed
by an opaque number, as their own names are made from the person's name.
"""
from ..bodies.resources import MEMBERSHIP_ROLES
from .api import Entry, as_datetime, is_public, iso_date
from .kinds import Kind, by_opaque_key, opaque_key
from .system import body_stamps

ORGANISATION_TYPES = {"body": "Gremium", "institution": "Institution",
                      "committee": "externes Gremium"}


def text(value):
    """Plain text of a field that may be a translation string (German is the
    language of the published data, whatever the visitor's locale)."""
    interpolate = getattr(value, "interpolate", None)
    return interpolate() if interpolate is not None else (value or "")


def web_url(value):
    """A URL a consumer can follow, or None (a stored website may lack the scheme)."""
    value = (value or "").strip()
    if value.startswith(("http://", "https://")):
        return value
    return None


class OrganizationKind(Kind):
    name = "organization"
    oparl = "Organization"

    def collect(self, api):
        portal = api.portal
        entries = [Entry(self.name, ("body", b.__name__), b)
                   for b in portal["bodies"].listing(include_retired=True)]
        entries += [Entry(self.name, ("institution", o.__name__), o)
                    for o in portal["organisations"].listing(include_retired=True)
                    if is_public(o)]
        committees = portal.get("committees")
        if committees is not None:
            entries += [Entry(self.name, ("committee", c.__name__), c)
                        for c in committees.ordered()]
        return entries

    def sublist(self, api, key):
        """The meetings of one of the round table's bodies (``Organization.meeting``)."""
        if len(key) == 3 and key[0] == "body" and key[2] == "meeting":
            body = api.portal["bodies"].get(key[1])
            if body is not None:
                return api.kind("meeting").of_body(api, body)
        return None

    def resolve(self, api, key):
        if len(key) != 2 or key[0] not in ORGANISATION_TYPES:
            return None
        container = {"body": "bodies", "institution": "organisations",
                     "committee": "committees"}[key[0]]
        folder = api.portal.get(container)
        obj = folder.get(key[1]) if folder is not None else None
        if obj is None or not is_public(obj):
            return None
        return Entry(self.name, key, obj)

    def stamps(self, api, entry):
        obj = entry.obj
        created = getattr(obj, "created", None)
        modified = getattr(obj, "modified", None)
        if created is None:   # a committee stored before it kept dates
            created = body_stamps(api)[0]
        return as_datetime(created), as_datetime(modified or created)

    def render(self, api, entry):
        kind, obj = entry.key[0], entry.obj
        data = {"body": api.body_url, "organizationType": ORGANISATION_TYPES[kind],
                "web": api.web(obj)}
        if kind == "body":
            data.update(self._body(api, obj))
        elif kind == "institution":
            data.update(self._institution(api, obj))
        else:
            data.update({"name": obj.name, "shortName": obj.short_name,
                         "classification": "Ratsausschuss", "website": web_url(obj.url)})
        return data

    def _body(self, api, body):
        parent = body.parent_body
        plenary = api.plenary()
        if parent is None and body.kind != "plenary" and plenary is not None:
            parent = plenary
        memberships = api.kind("membership")
        return {
            "name": body.name,
            "shortName": body.short_name,
            "classification": text(body.kind_title),
            "subOrganizationOf": api.body_org_url(parent) if parent is not None else None,
            "endDate": iso_date(body.retired),
            "membership": [api.id_of(e) for e in memberships.of_body(api, body)],
            "meeting": api.url("organization", "body", body.__name__, "meeting"),
            "keyword": [text(body.field_of_action_title)] if body.field_of_action else [],
        }

    def _institution(self, api, org):
        location = api.kind("location").resolve(api, ("institution", org.__name__))
        return {
            "name": org.name,
            "classification": text(org.kind_title),
            "website": web_url(org.website),
            "startDate": iso_date(org.member_since),
            "endDate": iso_date(org.retired),
            "location": api.document(location) if location is not None else None,
            "membership": [api.id_of(e) for e in api.kind("membership").on_behalf_of(api, org)],
        }


class PersonKind(Kind):
    name = "person"
    oparl = "Person"

    def collect(self, api):
        return [entry for entry in map(self._entry, api.portal["people"].values()) if entry]

    def _entry(self, person):
        if person.publicly_named:
            return Entry(self.name, (opaque_key(person),), person)
        if person.formerly_named:
            return Entry(self.name, (opaque_key(person),), person, deleted=True)
        return None

    def resolve(self, api, key):
        if len(key) != 1:
            return None
        person = by_opaque_key(api.portal["people"].values(), key[0])
        return self._entry(person) if person is not None else None

    def stamps(self, api, entry):
        person = entry.obj
        return as_datetime(person.created), as_datetime(person.modified)

    def render(self, api, entry):
        person = entry.obj
        salutation = person.salutation if person.salutation in ("Frau", "Herr") else ""
        return {
            "body": api.body_url,
            "name": person.title,
            "familyName": person.family_name,
            "givenName": person.given_name,
            "formOfAddress": salutation,
            "title": [person.academic_title] if person.academic_title else [],
            "membership": [api.document(e) for e in api.kind("membership").of_person(api, person)],
            "web": api.web(person),
        }


ROLE_TITLES = dict(MEMBERSHIP_ROLES)


class MembershipKind(Kind):
    """A seat in one of the round table's bodies, only of a person who may be named."""

    name = "membership"
    oparl = "Membership"

    def _entry(self, api, body, membership):
        person = api.portal["people"].get(membership.person_id)
        if person is None:
            return None
        key = (body.__name__, opaque_key(membership))
        if person.publicly_named:
            return Entry(self.name, key, membership, body=body, person=person)
        if person.formerly_named:
            return Entry(self.name, key, membership, deleted=True, body=body, person=person)
        return None

    def of_body(self, api, body, deleted=False):
        entries = (self._entry(api, body, m) for m in body.memberships.values())
        return [e for e in entries if e is not None and (deleted or not e.deleted)]

    def of_person(self, api, person):
        return [e for body, m in api.portal["bodies"].memberships_of_person(person.__name__)
                if (e := self._entry(api, body, m)) is not None and not e.deleted]

    def on_behalf_of(self, api, org):
        return [e for e in self.collect(api)
                if not e.deleted and e.obj.organisation_id == org.__name__]

    def collect(self, api):
        return [e for body in api.portal["bodies"].listing(include_retired=True)
                for e in self.of_body(api, body, deleted=True)]

    def resolve(self, api, key):
        if len(key) != 2:
            return None
        body = api.portal["bodies"].get(key[0])
        if body is None:
            return None
        membership = by_opaque_key(body.memberships.values(), key[1])
        return self._entry(api, body, membership) if membership is not None else None

    def stamps(self, api, entry):
        # memberships keep no dates of their own; the body's change with them
        body, person = entry.extra["body"], entry.extra["person"]
        if entry.deleted:
            return as_datetime(body.created), as_datetime(person.modified)
        return as_datetime(body.created), as_datetime(body.modified)

    def render(self, api, entry):
        membership, body = entry.obj, entry.extra["body"]
        org = api.portal["organisations"].get(membership.organisation_id or "")
        on_behalf = api.kind("organization").resolve(api, ("institution", org.__name__)) \
            if org is not None else None
        return {
            "person": api.url("person", opaque_key(entry.extra["person"])),
            "organization": api.body_org_url(body),
            "role": text(ROLE_TITLES.get(membership.role, membership.role)),
            "votingRight": membership.has_vote,
            "startDate": iso_date(membership.start),
            "endDate": iso_date(membership.end),
            "onBehalfOf": api.id_of(on_behalf) if on_behalf is not None else None,
            "web": api.web(body),
        }
