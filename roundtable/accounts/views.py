"""Login, logout, password reset, invitations and the coordinator's account admin."""
import functools

import deform
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import forget
from pyramid.view import view_config

from .. import events, forms, mail
from ..i18n import _, flash, safe_return_path, translate
from ..security import ACCOUNT, MANAGE, VIEW, site_roles
from ..timeutil import format_date
from . import sessions, throttle
from .resources import User, Users
from .schemas import (ROLE_TITLES, AccountSchema, ChangePasswordSchema, EditAccountSchema, LoginSchema,
                      NewPasswordSchema, ResetRequestSchema)

@functools.cache
def _dummy_hash():
    """An unknown login is checked against this hash, so it takes as long as a
    known one. Made at the first unknown login, not at import: argon2 takes
    its 64 MB of working memory each time it hashes, and a server that only
    serves pages should not reach that peak at start-up."""
    return PasswordHasher().hash("no account has this password")


def _verify_unknown(password):
    try:
        PasswordHasher().verify(_dummy_hash(), password or "-")
    except VerificationError:
        pass
    return False


def _credentials_ok(user, password):
    """The password check, taking the same time whether the account exists or not."""
    if user is None:
        return _verify_unknown(password)
    return user.check_password(password) and user.active


def _login_page(request, form, html, message=None):
    page = {"page_title": _("Anmelden"), "form": html, "reset_url": request.route_url("reset_request")}
    if message:
        page["error"] = message
    return page


@view_config(route_name="login", renderer="roundtable:templates/form.pt", permission=VIEW)
def login(request):
    came_from = safe_return_path(request.params.get("came_from"), "/")
    form = forms.make_form(request, LoginSchema(), buttons=(deform.Button("submit", _("Anmelden")),))
    data, html = forms.process(request, form, "submit")
    if data is None:
        return _login_page(request, form, html or forms.render(request, form, {"came_from": came_from}))
    users = request.root["users"]
    user = users.find_by_login(data["login"])
    wait = throttle.wait_seconds(request, data["login"])
    if wait:
        # the same answer for every login, existing or not
        request.response.status = 429
        request.response.headers["Retry-After"] = str(wait)
        message = _("Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie ${n} Sekunden und "
                    "versuchen Sie es dann erneut.", mapping={"n": wait})
    elif _credentials_ok(user, data["password"]):
        user.record_login()
        throttle.record_success(request, data["login"])
        headers = sessions.start(request, user)
        response = HTTPSeeOther(location=request.application_url + safe_return_path(data["came_from"]),
                                headers=headers)
        throttle.remember_device(request, response, user.login)
        return response
    else:
        throttle.record_failure(request, data["login"])
        request.response.status = 400
        message = _("E-Mail-Adresse oder Passwort ist falsch.")
    html = forms.render(request, form, {"login": data["login"], "came_from": data["came_from"]})
    return _login_page(request, form, html, message)


@view_config(route_name="logout", request_method="POST", permission=VIEW)
def logout(request):
    """End this and every other session of the account (a copied cookie too)."""
    if request.identity is not None:
        request.identity.end_sessions()
    headers = forget(request)
    request.session.invalidate()
    return HTTPSeeOther(location=request.application_url + "/", headers=headers)


def public_url(request):
    """The portal's configured address: links in mails never come from the
    request's Host header, which a client may set to anything."""
    return (request.registry.settings.get("roundtable.base_url") or request.application_url).rstrip("/")


def _send_token_mail(request, user, purpose):
    token = user.issue_token(purpose)
    route = "reset" if purpose == "reset" else "invitation"
    link = request.route_url(route, userid=user.__name__, token=token, _app_url=public_url(request))
    portal = request.root
    if purpose == "reset":
        subject = translate(_("Passwort zurücksetzen – ${site}", mapping={"site": portal.title}), request)
        body = translate(_(
            "Guten Tag,\n\nSie (oder jemand anderes) haben ein neues Passwort für Ihren Zugang "
            "zum Portal „${site}“ angefordert. Über diesen Link legen Sie es fest; er ist "
            "zwei Stunden gültig und nur einmal verwendbar:\n\n${link}\n\nWenn Sie nichts "
            "angefordert haben, können Sie diese Nachricht ignorieren.\n",
            mapping={"site": portal.title, "link": link}), request)
    else:
        subject = translate(_("Einladung zum Portal – ${site}", mapping={"site": portal.title}), request)
        body = translate(_(
            "Guten Tag,\n\ndie Koordinierungsstelle lädt Sie zum Portal „${site}“ ein. Über "
            "diesen Link legen Sie Ihr Passwort fest; er ist 14 Tage gültig und nur einmal "
            "verwendbar:\n\n${link}\n\nIhr Anmeldename ist ${login}.\n",
            mapping={"site": portal.title, "link": link, "login": user.login}), request)
    mail.send(request, user.login, subject, body)


@view_config(route_name="reset_request", renderer="roundtable:templates/form.pt", permission=VIEW)
def reset_request(request):
    form = forms.make_form(request, ResetRequestSchema(),
                           buttons=(deform.Button("send", _("Link anfordern")),))

    def send(data):
        user = request.root["users"].find_by_login(data["login"])
        if user is not None and user.active and user.may_send_reset():
            _send_token_mail(request, user, "reset")
        # The same answer either way, so the form does not reveal who has an account.
        flash(request, _("Wenn es zu dieser Adresse einen Zugang gibt, haben wir "
                                "einen Link zum Zurücksetzen geschickt."))
        return HTTPSeeOther(location=request.route_url("login"))

    return forms.page(forms.handle(request, form, send, button="send"), _("Passwort vergessen"),
                      intro=_("Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen."))


def _token_user(request, purpose):
    user = request.root["users"].get(request.matchdict["userid"])
    if user is None or not user.check_token(purpose, request.matchdict["token"]):
        return None
    return user


def _set_password_view(request, purpose, title):
    user = _token_user(request, purpose)
    if user is None:
        request.response.status = 404
        return {"page_title": _("Link ungültig"),
                "message": _("Dieser Link ist abgelaufen, wurde schon benutzt oder ist "
                             "unvollständig. Fordern Sie bitte einen neuen an."),
                "form": None}
    form = forms.make_form(request, NewPasswordSchema(user=user))

    def save(data):
        user.consume_token(purpose, request.matchdict["token"])
        user.change_password(data["password"])
        user.record_login()
        headers = sessions.start(request, user)
        flash(request, _("Ihr Passwort ist gespeichert. Sie sind angemeldet."))
        return HTTPSeeOther(location=request.application_url + "/account", headers=headers)

    result = forms.handle(request, form, save)
    return forms.page(result, title, intro=user.login)


@view_config(route_name="reset", renderer="roundtable:templates/form.pt", permission=VIEW)
def reset(request):
    return _set_password_view(request, "reset", _("Neues Passwort festlegen"))


@view_config(route_name="invitation", renderer="roundtable:templates/form.pt", permission=VIEW)
def invitation(request):
    return _set_password_view(request, "invite", _("Einladung annehmen"))


@view_config(route_name="account", renderer="roundtable:templates/accounts/account.pt",
             permission=ACCOUNT)
def account(request):
    user = request.identity
    form = forms.make_form(request, ChangePasswordSchema(user=user),
                           buttons=(deform.Button("change", _("Passwort ändern")),))

    def save(data):
        user.change_password(data["password"])
        headers = sessions.start(request, user)  # this one goes on, every other one ends
        flash(request, _("Ihr Passwort wurde geändert. Andere Anmeldungen mit dem alten "
                         "Passwort sind beendet."))
        return HTTPSeeOther(location=request.route_url("account"), headers=headers)

    result = forms.handle(request, form, save, button="change")
    if isinstance(result, dict):
        person = request.root["people"].get(user.person_id) if user.person_id else None
        memberships = request.root["bodies"].memberships_of_person(user.person_id) if person else []
        result.update(page_title=_("Mein Zugang"), user=user, person=person,
                      memberships=memberships, roles=sorted(site_roles(request)),
                      role_titles=dict(ROLE_TITLES),
                      format_date=lambda d: format_date(d, request.locale_name))
    return result


# administration ---------------------------------------------------------------

@view_config(context=Users, renderer="roundtable:templates/accounts/users.pt", permission=MANAGE)
def users(context, request):
    people = request.root["people"]
    rows = sorted(context.values(), key=lambda u: u.login)
    return {"page_title": _("Zugänge"), "users": rows, "people": people,
            "role_titles": dict(ROLE_TITLES)}


@view_config(context=Users, name="invite", renderer="roundtable:templates/form.pt", permission=MANAGE)
def invite(context, request):
    form = forms.make_form(request, AccountSchema(), buttons=(deform.Button("save", _("Einladen")),))

    def save(data):
        user = User(data["login"], roles=data["roles"], person_id=data["person_id"] or None)
        context.add_user(user)
        events.added(request, user)
        _send_token_mail(request, user, "invite")
        flash(request, _("Einladung an ${login} verschickt.", mapping={"login": user.login}))
        return HTTPSeeOther(location=request.resource_url(context))

    appstruct = {}
    person = request.root["people"].get(request.params.get("person", ""))
    if person is not None:
        appstruct = {"login": person.email or "", "person_id": person.__name__}
    return forms.page(forms.handle(request, form, save, appstruct), _("Person einladen"),
                      intro=_("Die Person erhält eine E-Mail mit einem Link, über den sie ihr "
                              "Passwort festlegt."))


@view_config(context=User, renderer="roundtable:templates/form.pt", permission=MANAGE, name="edit")
def edit_user(context, request):
    form = forms.make_form(request, EditAccountSchema())
    users = context.__parent__

    def save(data):
        users.change_login(context, data["login"])
        users.link_person(context, data["person_id"] or None)
        context.roles = set(data["roles"])
        context.active = data["active"]
        events.modified(request, context)
        flash(request, _("Zugang gespeichert."))
        return HTTPSeeOther(location=request.resource_url(users))

    values = {"login": context.login, "person_id": context.person_id or "",
              "roles": context.roles, "active": context.active}
    return forms.page(forms.handle(request, form, save, values), _("Zugang bearbeiten"),
                      cancel_url=request.resource_url(users))


@view_config(context=User, name="reinvite", request_method="POST", permission=MANAGE)
def reinvite(context, request):
    _send_token_mail(request, context, "invite")
    flash(request, _("Einladung an ${login} erneut verschickt.", mapping={"login": context.login}))
    return HTTPSeeOther(location=request.resource_url(context.__parent__))


@view_config(context=User, permission=MANAGE)
def user_default(context, request):
    return HTTPSeeOther(location=request.resource_url(context, "edit"))
