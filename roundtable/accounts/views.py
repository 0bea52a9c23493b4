"""Login, logout, password reset, invitations and the coordinator's account admin."""
import time
from collections import defaultdict, deque

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import forget, remember
from pyramid.view import view_config

from .. import events, forms, mail
from ..i18n import _, flash, safe_return_path, translate
from ..security import ACCOUNT, MANAGE, VIEW, site_roles
from ..timeutil import format_date
from .resources import User, Users
from .schemas import (ROLE_TITLES, AccountSchema, ChangePasswordSchema, EditAccountSchema, LoginSchema,
                      NewPasswordSchema, ResetRequestSchema)

# Failed logins for unknown addresses are throttled per client address in
# memory; failures for real accounts are counted on the account itself.
_ANON_FAILURES = defaultdict(deque)
ANON_LIMIT = 20
ANON_WINDOW = 15 * 60


def _client_throttled(request):
    now = time.monotonic()
    q = _ANON_FAILURES.get(request.client_addr)
    if q is None:
        return False
    while q and now - q[0] > ANON_WINDOW:
        q.popleft()
    if not q:  # forget quiet clients, so the table does not grow for ever
        del _ANON_FAILURES[request.client_addr]
        return False
    return len(q) >= ANON_LIMIT


def _note_client_failure(request):
    _ANON_FAILURES[request.client_addr].append(time.monotonic())


@view_config(route_name="login", renderer="roundtable:templates/form.pt", permission=VIEW)
def login(request):
    came_from = safe_return_path(request.params.get("came_from"), "/")
    form = forms.make_form(request, LoginSchema(), buttons=(deform.Button("submit", _("Anmelden")),))
    data, html = forms.process(request, form, "submit")
    if data is not None:
        users = request.root["users"]
        user = users.find_by_login(data["login"])
        status = 429  # Too Many Requests, unless the credentials were simply wrong
        if _client_throttled(request):
            message = _("Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie 15 Minuten.")
        elif user is not None and user.locked_until():
            message = _("Zu viele fehlgeschlagene Anmeldungen für diesen Zugang. "
                        "Bitte warten Sie 15 Minuten oder setzen Sie Ihr Passwort zurück.")
        elif user is not None and user.active and user.check_password(data["password"]):
            user.record_login()
            request.session.invalidate()
            headers = remember(request, user.__name__)
            return HTTPSeeOther(location=request.application_url + safe_return_path(data["came_from"]),
                                headers=headers)
        else:
            if user is not None:
                user.record_failure()
            _note_client_failure(request)
            message = _("E-Mail-Adresse oder Passwort ist falsch.")
            status = 400
        request.response.status = status
        html = forms.render(request, form, {"login": data["login"], "came_from": data["came_from"]})
        return {"page_title": _("Anmelden"), "form": html, "error": message,
                "reset_url": request.route_url("reset_request")}
    if html is None:
        html = forms.render(request, form, {"came_from": came_from})
    return {"page_title": _("Anmelden"), "form": html,
            "reset_url": request.route_url("reset_request")}


@view_config(route_name="logout", request_method="POST", permission=VIEW)
def logout(request):
    headers = forget(request)
    request.session.invalidate()
    return HTTPSeeOther(location=request.application_url + "/", headers=headers)


def _send_token_mail(request, user, purpose):
    token = user.issue_token(purpose)
    route = "reset" if purpose == "reset" else "invitation"
    link = request.route_url(route, userid=user.__name__, token=token)
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
        if user is not None and user.active:
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
    form = forms.make_form(request, NewPasswordSchema())

    def save(data):
        user.consume_token(purpose, request.matchdict["token"])
        user.set_password(data["password"])
        user.active = True
        user.record_login()
        request.session.invalidate()
        flash(request, _("Ihr Passwort ist gespeichert. Sie sind angemeldet."))
        headers = remember(request, user.__name__)
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
    form = forms.make_form(request, ChangePasswordSchema(),
                           buttons=(deform.Button("change", _("Passwort ändern")),))

    def save(data):
        user.set_password(data["password"])
        flash(request, _("Ihr Passwort wurde geändert."))
        return HTTPSeeOther(location=request.route_url("account"))

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
