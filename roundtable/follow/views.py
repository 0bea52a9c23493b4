"""Following by e-mail: the follow form, the confirmation, the page of what
one follows, one-click unsubscribe, and the way in from a member's account.

The links are the newsletter's kind (``newsletter.tokens``): a signed
follower id, nothing stored per link, so an unsubscribe link never expires.
The one-click unsubscribe POST is exempt from CSRF for the newsletter's
reason: mail clients send it without a session, the signature authorises
it, and it can only stop mail to the signed address.
"""
import colander
import deform
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from .. import forms, mail
from ..i18n import _, flash
from ..newsletter.rendering import translator
from ..newsletter.tokens import sign, verify
from ..search.params import BadSearch, parse
from ..security import ACCOUNT, VIEW
from .alerts import manage_url, note_current, search_paths, target
from .resources import follows_of, key_for, split_key
from .schemas import FollowSchema, manage_schema

FORM = "roundtable:templates/form.pt"
PAGE = "roundtable:templates/follow/message.pt"


def _secret(request):
    return request.registry.settings["roundtable.secret"]


def _what(request):
    """``(key, title, search form)`` of what the follow form was asked for;
    HTTPNotFound for what does not exist or is not public."""
    what = request.params.get("what", "")
    if what == "search":
        try:
            params = parse(request.GET, request.root)
        except BadSearch:
            raise HTTPNotFound()
        form = {k: v for k, v in params.form.items() if v}
        if params.empty:
            raise HTTPNotFound()
        title = request.localizer.translate(_("Suche „${q}“", mapping={"q": params.text})) \
            if params.text else request.localizer.translate(_("Suche mit Filtern"))
        return None, title, form
    found = target(request.root, what) if split_key(what)[0] in ("motion", "body") else None
    if found is None:
        raise HTTPNotFound()
    return what, found[0], None


def _confirmation(request, follower, titles):
    t = translator(request.registry, follower.language)
    link = request.route_url("follow_confirm", sid=follower.id,
                             sig=sign(_secret(request), "follow-confirm", follower.id))
    body = t(_("Guten Tag,\n\njemand – hoffentlich Sie – möchte mit dieser Adresse „${what}“ "
               "folgen und eine kurze E-Mail erhalten, wenn es dort Neues gibt. Bitte bestätigen "
               "Sie das innerhalb von 7 Tagen über diesen Link:\n\n${link}\n\nWenn Sie das nicht "
               "waren, ignorieren Sie diese Nachricht; die Adresse wird dann nach 7 Tagen gelöscht.\n",
               mapping={"what": titles, "link": link}))
    mail.send(request, follower.email, t(_("Bitte bestätigen Sie: Folgen per E-Mail")), body)


@view_config(route_name="follow", renderer=FORM, permission=VIEW)
def follow(request):
    if request.GET.get("sent") == "1":
        return {"page_title": _("Fast geschafft"),
                "message": _("Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. "
                             "Erst nach dem Klick darauf erhalten Sie Nachrichten.")}
    if not request.params.get("what"):
        return {"page_title": _("Folgen per E-Mail"), "message": _(
            "Sie können einem Antrag, einem Gremium oder einer Suche per E-Mail folgen, ohne "
            "Konto. Auf der Seite eines Antrags oder eines Gremiums und unter den "
            "Suchergebnissen finden Sie „Folgen“.")}
    key, title, search_form = _what(request)
    user = request.identity
    form = forms.make_form(request, FollowSchema(),
                           buttons=(deform.Button("follow", _("Folgen")),))

    def save(data):
        follows = follows_of(request.root, create=True)
        follow_key = key
        if search_form is not None:
            sid = follows.add_search(search_form, title)
            saved = follows.searches[sid]
            if saved.seen is None:
                saved.seen = tuple(sorted(i["path"] for i in search_paths(request.root, search_form) or ()))
            follow_key = key_for("search", sid)
        followers = follows.followers
        if user is not None and data["email"].casefold() == user.login.casefold():
            # the account's own, verified address: no opt-in mail needed
            follower = followers.subscribe_confirmed(user.login, [follow_key], language=data["language"],
                                                     source="account")
            follows.sync(follower)
            note_current(request.root, follows, [follow_key])
            flash(request, _("Sie folgen jetzt „${what}“.", mapping={"what": title}))
            return HTTPSeeOther(location=manage_url(request, follower))
        followers.purge_expired()
        follower = followers.request(data["email"], [follow_key], language=data["language"])
        if follower is not None:
            _confirmation(request, follower, title)
        # the same answer whether or not the address is known (no enumeration)
        return HTTPSeeOther(location=request.route_url("follow", _query={"sent": "1"}))

    preset = {"language": request.locale_name if request.locale_name in ("de", "en") else "de"}
    if user is not None:
        preset["email"] = user.login
    return forms.page(forms.handle(request, form, save, appstruct=preset, button="follow"),
                      _("Folgen: ${what}", mapping={"what": title}),
                      intro=_("Sie erhalten eine kurze E-Mail, wenn es Neues gibt – höchstens eine "
                              "am Tag. Ein Konto ist nicht nötig: Sie bestätigen Ihre Adresse "
                              "einmal über einen Link, und jede E-Mail enthält einen Link zum "
                              "Abbestellen."))


def _signed(request, purpose, extra=""):
    sid, signature = request.matchdict["sid"], request.matchdict["sig"]
    if not verify(_secret(request), purpose, sid, signature, extra):
        return None, None
    follows = follows_of(request.root)
    follower = follows.followers.get(sid) if follows is not None else None
    return follows, follower


def _invalid(request):
    request.response.status = 404
    return {"page_title": _("Link ungültig"),
            "message": _("Dieser Link ist ungültig: Er ist unvollständig, veraltet oder wurde "
                         "verändert. Bitte verwenden Sie den Link aus der E-Mail unverändert.")}


@view_config(route_name="follow_confirm", renderer=FORM, permission=VIEW)
def confirm(request):
    """GET shows a button, POST confirms (link scanners must not confirm)."""
    follows, follower = _signed(request, "follow-confirm")
    if follower is None:
        return _invalid(request)
    if not follower.pending:
        if follower.confirmed:
            return HTTPSeeOther(location=manage_url(request, follower))
        return _invalid(request)
    form = forms.make_form(request, colander.Schema(),
                           buttons=(deform.Button("confirm", _("Bestätigen")),))

    def save(_data):
        keys = set(follower.pending)
        if follows.followers.confirm(follower) != "confirmed":
            return _invalid(request)
        follows.sync(follower)
        note_current(request.root, follows, keys)
        flash(request, _("Danke! Sie folgen jetzt per E-Mail."))
        return HTTPSeeOther(location=manage_url(request, follower))

    return forms.page(forms.handle(request, form, save, button="confirm"), _("Folgen bestätigen"),
                      intro=_("Bitte bestätigen Sie für ${email}.", mapping={"email": follower.email}))


def _choices(request, follower):
    found = [(key, target(request.root, key)) for key in sorted(follower.lists)]
    return [(key, t[0] if t else key) for key, t in found]


@view_config(route_name="follow_manage", renderer=FORM, permission=VIEW)
def manage(request):
    follows, follower = _signed(request, "follow-manage")
    if follower is None:
        return _invalid(request)
    choices = _choices(request, follower)
    form = forms.make_form(request, manage_schema(choices), buttons=(
        deform.Button("save", _("Speichern")), deform.Button("stop_all", _("Nichts mehr folgen"))))

    def save(data):
        follower.language = data["language"]
        follows.set_keys(follower, data["keys"], "follow: changed")
        flash(request, _("Ihre Einstellungen sind gespeichert."))
        return HTTPSeeOther(location=request.url)

    if "stop_all" in request.POST:   # a POST: Pyramid has checked the CSRF token
        follows.set_keys(follower, (), "follow: stopped all")
        flash(request, _("Sie folgen nichts mehr und erhalten keine E-Mails mehr."))
        return HTTPSeeOther(location=request.url)
    return forms.page(forms.handle(request, form, save, appstruct={
        "keys": set(follower.lists), "language": follower.language}), _("Was ich verfolge"),
        intro=_("E-Mails an ${email}. Entfernen Sie den Haken, um etwas nicht mehr zu verfolgen.",
                mapping={"email": follower.email}))


def _unsubscribe_target(request):
    key = request.matchdict["key"]
    follows, follower = _signed(request, "follow-unsubscribe", key)
    return follows, follower, key


@view_config(route_name="follow_unsubscribe", request_method="GET", renderer=PAGE, permission=VIEW)
def unsubscribe_page(request):
    """GET never unsubscribes (RFC 8058); it shows the button."""
    _follows, follower, key = _unsubscribe_target(request)
    if follower is None:
        return _invalid(request)
    return {"page_title": _("Abbestellen"), "action": request.url, "button": _("Abbestellen"),
            "message": _("Keine E-Mails mehr an ${email} zu dem, was Sie verfolgen?",
                         mapping={"email": follower.email}),
            "manage_url": manage_url(request, follower)}


@view_config(route_name="follow_unsubscribe", request_method="POST", renderer=PAGE,
             permission=VIEW, require_csrf=False)
def unsubscribe(request):
    """One-click unsubscribe and the button above; idempotent."""
    follows, follower, key = _unsubscribe_target(request)
    if follower is None:
        return _invalid(request)
    keys = set() if key == "*" else set(follower.lists) - {key}
    follows.set_keys(follower, keys, "follow: unsubscribed (one-click)")
    return {"page_title": _("Abbestellt"),
            "message": _("${email} erhält dazu keine E-Mails mehr.", mapping={"email": follower.email})}


@view_config(route_name="account_follow", renderer=FORM, permission=ACCOUNT)
def account_follow(request):
    """A member's follows: the same page as from the mails, reached from the account."""
    follows = follows_of(request.root)
    follower = follows.followers.find(request.identity.login) if follows is not None else None
    if follower is not None and follower.confirmed:
        return HTTPSeeOther(location=manage_url(request, follower))
    return {"page_title": _("Was ich verfolge"),
            "message": _("Sie folgen noch nichts. Auf der Seite eines Antrags oder eines Gremiums "
                         "und unter den Suchergebnissen finden Sie „Folgen“.")}
