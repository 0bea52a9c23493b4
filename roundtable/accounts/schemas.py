"""Colander schemas for the account forms."""
import colander
import deform

from ..i18n import _
from ..security import ROLES

MIN_PASSWORD = 10

ROLE_TITLES = (("admin", _("Koordination (Administration)")), ("board", _("Vorstand")),
               ("member", _("Mitglied")))
assert tuple(r for r, _t in ROLE_TITLES) == ROLES


class LoginSchema(colander.Schema):
    login = colander.SchemaNode(
        colander.String(), title=_("E-Mail-Adresse"),
        widget=deform.widget.TextInputWidget(input_type="email", attributes={"autocomplete": "username"}))
    password = colander.SchemaNode(
        colander.String(), title=_("Passwort"),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}))
    came_from = colander.SchemaNode(colander.String(), missing="", widget=deform.widget.HiddenWidget())


class ResetRequestSchema(colander.Schema):
    login = colander.SchemaNode(
        colander.String(), title=_("E-Mail-Adresse"), validator=colander.Email(),
        widget=deform.widget.TextInputWidget(input_type="email", attributes={"autocomplete": "username"}))


def _password_rules(node, value):
    if len(value) < MIN_PASSWORD:
        raise colander.Invalid(node, _("Mindestens ${n} Zeichen.", mapping={"n": MIN_PASSWORD}))


class NewPasswordSchema(colander.Schema):
    password = colander.SchemaNode(
        colander.String(), title=_("Neues Passwort"), validator=_password_rules,
        description=_("Mindestens 10 Zeichen."),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "new-password"}))
    confirm = colander.SchemaNode(
        colander.String(), title=_("Neues Passwort wiederholen"),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "new-password"}))

    def field_errors(self, value):
        """Errors by field name; subclasses add theirs so all are shown at once."""
        if value["password"] != value["confirm"]:
            return {"confirm": _("Die beiden Passwörter stimmen nicht überein.")}
        return {}

    def validator(self, node, value):
        errors = self.field_errors(value)
        if errors:
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            for name, message in errors.items():
                exc[name] = message
            raise exc


class ChangePasswordSchema(NewPasswordSchema):
    current = colander.SchemaNode(
        colander.String(), title=_("Bisheriges Passwort"),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}),
        insert_before="password")

    def field_errors(self, value):
        errors = super().field_errors(value)
        if not self.bindings["request"].identity.check_password(value["current"]):
            errors["current"] = _("Das bisherige Passwort stimmt nicht.")
        return errors


@colander.deferred
def person_choices(node, kw):
    request = kw["request"]
    portal = request.root
    users = portal["users"]
    own = getattr(kw.get("context"), "person_id", None)
    values = [("", _("— keine Person verknüpft —"))]
    for person in portal["people"].listing():
        if users.find_by_person(person.__name__) is None or person.__name__ == own:
            values.append((person.__name__, person.title + (f" <{person.email}>" if person.email else "")))
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def unique_login(node, kw):
    request = kw["request"]
    context = kw.get("context")

    def validate(node, value):
        colander.Email()(node, value)
        existing = request.root["users"].find_by_login(value)
        if existing is not None and existing is not context:
            raise colander.Invalid(node, _("Für diese E-Mail-Adresse gibt es schon einen Zugang."))
    return validate


class AccountSchema(colander.Schema):
    login = colander.SchemaNode(
        colander.String(), title=_("E-Mail-Adresse (Anmeldename)"), validator=unique_login,
        widget=deform.widget.TextInputWidget(input_type="email"))
    person_id = colander.SchemaNode(colander.String(), title=_("Person im Register"),
                                    missing=None, widget=person_choices)
    roles = colander.SchemaNode(
        colander.Set(), title=_("Rollen"), missing=set(),
        description=_("Vorstand und Mitglied ergeben sich auch aus aktuellen Mitgliedschaften."),
        widget=deform.widget.CheckboxChoiceWidget(values=ROLE_TITLES))


class EditAccountSchema(AccountSchema):
    active = colander.SchemaNode(colander.Boolean(), title=_("Zugang aktiv"), missing=False)
