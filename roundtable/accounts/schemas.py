"""Colander schemas for the account forms."""
import re

import colander
import deform

from ..i18n import _
from ..security import ROLES

MIN_PASSWORD = 10
# zxcvbn's 0-4 scale: 3 is "safely unguessable" against an online attack
# (and a stolen hash takes argon2's time per guess).
MIN_STRENGTH = 3
# Letters a password must have beyond the words of its context (name, e-mail, town, portal).
MIN_OWN_LETTERS = 6

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


def context_words(*texts):
    """The words of names, addresses and titles a guesser would try first."""
    words = set()
    for text in texts:
        words |= {w for w in re.split(r"[\W_\d]+", (text or "").lower()) if len(w) >= 3}
    return sorted(words, key=len, reverse=True)


def password_problem(password, context=()):
    """Why ``password`` is too weak (a message), or None when it will do."""
    if len(password) < MIN_PASSWORD:
        return _("Mindestens ${n} Zeichen.", mapping={"n": MIN_PASSWORD})
    words = context_words(*context)
    rest = password.lower()
    for word in words:
        rest = rest.replace(word, "")
    if len(re.sub(r"[\W_\d]+", "", rest)) < MIN_OWN_LETTERS:
        return _("Das Passwort besteht fast nur aus Ihrem Namen, Ihrer E-Mail-Adresse, dem Ort "
                 "oder dem Namen des Portals. Wählen Sie etwas, das niemand mit Ihnen verbindet.")
    # imported here: its frequency lists take about 65 MB, which a process
    # that never sees a new password (most of them) need not hold
    from zxcvbn import zxcvbn

    if zxcvbn(password[:100], user_inputs=words)["score"] < MIN_STRENGTH:
        return _("Dieses Passwort ist zu leicht zu erraten (ein häufiges Wort, ein Name, eine "
                 "Jahreszahl oder ein bekanntes Muster). Gut merkbar und sicher sind drei oder "
                 "vier zufällige Wörter, z. B. „Kanu Regal Zimtstern Ebbe“.")
    return None


def password_context(request, user):
    """The words a password of ``user`` must not lean on."""
    portal = request.root
    person = portal["people"].get(user.person_id) if user is not None and user.person_id else None
    return (user.login if user is not None else "", person.title if person is not None else "",
            portal.title, portal.town, request.registry.settings.get("roundtable.title", ""))


class NewPasswordSchema(colander.Schema):
    password = colander.SchemaNode(
        colander.String(), title=_("Neues Passwort"),
        description=_("Mindestens 10 Zeichen; nicht Ihr Name, Ihre E-Mail-Adresse oder ein "
                      "gängiges Wort. Drei oder vier zufällige Wörter sind gut zu merken."),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "new-password"}))
    confirm = colander.SchemaNode(
        colander.String(), title=_("Neues Passwort wiederholen"),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "new-password"}))

    # the account the password is for (set by the view: the link's or the logged-in one)
    user = None

    def field_errors(self, value):
        """Errors by field name; subclasses add theirs so all are shown at once."""
        errors = {}
        request = self.bindings["request"]
        problem = password_problem(value["password"], password_context(request, self.user))
        if problem:
            errors["password"] = problem
        if value["password"] != value["confirm"]:
            errors["confirm"] = _("Die beiden Passwörter stimmen nicht überein.")
        return errors

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
        if not self.user.check_password(value["current"]):
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
