"""Every colander schema, bound as the views bind it, under generated input:
it either deserializes or raises ``colander.Invalid`` (a message for the
user), never anything else; and validating never writes to the database."""
import colander
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyramid.request import Request
from pyramid.scripting import prepare

from roundtable.accounts.schemas import (AccountSchema, ChangePasswordSchema, EditAccountSchema,
                                         LoginSchema, NewPasswordSchema, ResetRequestSchema)
from roundtable.bodies.schemas import BodySchema, MembershipSchema
from roundtable.minutes.schemas import DecisionSchema, TaskSchema, general_schema
from roundtable.meetings.schemas import (AgendaItemSchema, MeetingSchema, PresenceSchema,
                                         ReplySchema)
from roundtable.people.schemas import OrganisationSchema, PersonSchema
from roundtable.views.site import SiteSchema
from tests.fuzz.strategies import cstruct
from tests.meetings.helpers import create_meetings

# (schema factory, path of the context the view binds it to)
SCHEMAS = [
    (PersonSchema, "people"), (PersonSchema, "people/kwame-mensah"),
    (OrganisationSchema, "organisations"),
    (BodySchema, "bodies"), (BodySchema, "bodies/ag-wohnen"),
    (MembershipSchema, "bodies/ag-wohnen"),
    (MeetingSchema, "bodies/ag-wohnen/meetings"),
    (AgendaItemSchema, "{wohnen}agenda"), (AgendaItemSchema, "{wohnen}agenda/top-1"),
    (ReplySchema, "{wohnen}"), (PresenceSchema, "{wohnen}"),
    (DecisionSchema, "{wohnen}"), (TaskSchema, "{wohnen}"), (general_schema, "{wohnen}"),
    (LoginSchema, ""), (ResetRequestSchema, ""), (NewPasswordSchema, ""),
    (ChangePasswordSchema, ""), (AccountSchema, "users"), (SiteSchema, ""),
]
# EditAccountSchema is bound to a user, the first one in the database.
SCHEMAS.append((EditAccountSchema, "users/*"))

FOR_ACCOUNT = (NewPasswordSchema, ChangePasswordSchema)
FUZZ = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def bound(app, db):
    urls = create_meetings(db)
    env = prepare(request=Request.blank("/", base_url="http://localhost"), registry=app.registry)
    root = env["request"].root = env["root"]

    def bind(factory, path):
        context = root
        for part in path.format(wohnen=urls["wohnen"].strip("/") + "/").strip("/").split("/"):
            if part == "*":
                context = next(iter(context.values()))
            elif part:
                context = context[part]
        env["request"].context = context
        # the password forms are made for an account (the link's or the
        # logged-in one), as their views make them; the first one will do
        kwargs = {"user": next(iter(root["users"].values()))} if factory in FOR_ACCOUNT else {}
        return factory(**kwargs).bind(request=env["request"], context=context)

    yield bind
    env["closer"]()


def test_every_schema_accepts_or_explains(bound, db):
    """One database for all schemas (they only read it); each gets its own run."""
    before = db.storage.lastTransaction()
    for factory, path in SCHEMAS:
        schema = bound(factory, path)

        @FUZZ
        @given(data=st.data())
        def check(data):
            value = data.draw(cstruct(schema))
            try:
                schema.deserialize(value)
            except colander.Invalid as exc:
                assert exc.asdict()  # a message for every refused field

        try:
            check()
        except Exception as exc:
            raise AssertionError(f"{factory.__name__} bound to {path!r}: {exc}") from exc
    assert db.storage.lastTransaction() == before
