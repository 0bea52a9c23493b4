"""Subscribing and unsubscribing: public sign-up with double opt-in, the
confirmation link, the preference page, one-click unsubscribe (RFC 8058)
and the newsletter part of a member's account.

Links carry a signed subscriber id (``tokens``); a changed character gives a
clear "invalid link" page with status 404, never an error. The one-click
unsubscribe POST is the ONE view exempt from CSRF: mail clients send it
without a session; it is safe because the signature authorises it, it can
only take the signed address off the signed list, and repeating it changes
nothing.
"""
import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import forms, mail
from ..i18n import _, flash
from ..security import ACCOUNT, VIEW
from ..mail.deliverylog import DeliveryLog, log_dir
from .rendering import translator
from .resources import Newsletter
from .schemas import PreferencesSchema, SignupSchema
from .tokens import sign, verify

FORM = "roundtable:templates/form.pt"
PAGE = "roundtable:templates/newsletter/message.pt"


def _secret(request):
    return request.registry.settings["roundtable.secret"]


def _invalid(request):
    request.response.status = 404
    return {"page_title": _("Link ungültig"),
            "message": _("Dieser Link ist ungültig: Er ist unvollständig oder wurde verändert. "
                         "Bitte verwenden Sie den Link aus der E-Mail unverändert.")}


def _signed_subscriber(request, purpose, extra=""):
    sid, signature = request.matchdict["sid"], request.matchdict["sig"]
    if not verify(_secret(request), purpose, sid, signature, extra):
        return None
    return request.root["newsletter"].subscribers.get(sid)


def stop_queued(request, subscriber, list_names):
    """Mails of these lists still in the queue (a scheduled issue, or one going
    out right now) are not delivered to someone who has just unsubscribed."""
    if list_names:
        DeliveryLog(log_dir(request.registry.settings)).suppress(subscriber.id, list_names)


def send_confirmation(request, subscriber):
    t = translator(request.registry, subscriber.language)
    newsletter = request.root["newsletter"]
    titles = ", ".join(newsletter[n].title for n in sorted(subscriber.pending) if n in newsletter)
    link = request.route_url("newsletter_confirm", sid=subscriber.id,
                             sig=sign(_secret(request), "confirm", subscriber.id))
    subject = t(_("Bitte bestätigen Sie Ihre Anmeldung zum Newsletter"))
    body = t(_("Guten Tag,\n\njemand – hoffentlich Sie – hat diese Adresse für den Newsletter "
               "„${lists}“ angemeldet. Bitte bestätigen Sie die Anmeldung innerhalb von 7 Tagen "
               "über diesen Link:\n\n${link}\n\nWenn Sie sich nicht angemeldet haben, ignorieren "
               "Sie diese Nachricht; die Adresse wird dann nach 7 Tagen gelöscht.\n",
               mapping={"lists": titles, "link": link}))
    mail.send(request, subscriber.email, subject, body)


@view_config(context=Newsletter, name="signup", renderer=FORM, permission=VIEW)
def signup(context, request):
    form = forms.make_form(request, SignupSchema(), buttons=(deform.Button("subscribe", _("Anmelden")),))
    if not context.public_lists():
        return {"page_title": _("Newsletter abonnieren"),
                "message": _("Zurzeit kann man sich für keine Liste selbst anmelden.")}

    def save(data):
        context.subscribers.purge_expired()
        subscriber = context.subscribers.request(data["email"], data["lists"], data["name"],
                                                 data["language"])
        if subscriber is not None:
            send_confirmation(request, subscriber)
        # The same answer whether or not the address is known (no enumeration).
        return HTTPSeeOther(location=request.resource_url(context, "signup", query={"sent": "1"}))

    if request.GET.get("sent") == "1":
        return {"page_title": _("Fast geschafft"),
                "message": _("Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. "
                             "Erst nach dem Klick darauf erhalten Sie den Newsletter. Der Link ist "
                             "7 Tage gültig.")}
    preset = {"language": request.locale_name if request.locale_name in ("de", "en") else "de"}
    if request.GET.get("list") in context:
        preset["lists"] = {request.GET["list"]}
    return forms.page(forms.handle(request, form, save, appstruct=preset, button="subscribe"),
                      _("Newsletter abonnieren"),
                      intro=_("Melden Sie sich mit Ihrer E-Mail-Adresse an. Sie erhalten eine "
                              "E-Mail mit einem Bestätigungslink (doppeltes Opt-in). Abmelden "
                              "können Sie sich jederzeit über den Link in jeder Ausgabe."))


@view_config(route_name="newsletter_confirm", renderer=FORM, permission=VIEW)
def confirm(request):
    """GET shows a button, POST confirms: link scanners in mail systems fetch
    links, and must not confirm a sign-up on the owner's behalf."""
    subscriber = _signed_subscriber(request, "confirm")
    if subscriber is None:
        if verify(_secret(request), "confirm", request.matchdict["sid"], request.matchdict["sig"]):
            return _expired(request)  # a genuine link whose sign-up was purged
        return _invalid(request)
    subscribers = request.root["newsletter"].subscribers
    if not subscriber.pending:
        if subscriber.confirmed:
            return {"page_title": _("Schon bestätigt"),
                    "message": _("Diese Anmeldung ist schon bestätigt; der zweite Klick hat "
                                 "nichts verändert. Sie erhalten den Newsletter.")}
        return _expired(request)
    if subscriber.expired():
        return _expired(request)
    form = forms.make_form(request, colander.Schema(),
                           buttons=(deform.Button("confirm", _("Anmeldung bestätigen")),))

    def save(_data):
        result = subscribers.confirm(subscriber)
        if result == "expired":
            return _expired(request)
        flash(request, _("Danke! Ihre Anmeldung ist bestätigt."))
        return HTTPSeeOther(location=request.route_url(
            "newsletter_preferences", sid=subscriber.id,
            sig=sign(_secret(request), "preferences", subscriber.id)))

    return forms.page(forms.handle(request, form, save, button="confirm"), _("Anmeldung bestätigen"),
                      intro=_("Bitte bestätigen Sie die Anmeldung von ${email}.",
                              mapping={"email": subscriber.email}))


def _expired(request):
    request.response.status = 410
    return {"page_title": _("Link abgelaufen"),
            "message": _("Diese Anmeldung ist abgelaufen (nach 7 Tagen) oder wurde schon gelöscht. "
                         "Bitte melden Sie sich noch einmal an.")}


def _list_choices(newsletter, subscriber):
    return [(lst.__name__, lst.title) for lst in newsletter.lists()
            if lst.public_signup or lst.__name__ in subscriber.lists]


@view_config(route_name="newsletter_preferences", renderer="roundtable:templates/newsletter/preferences.pt",
             permission=VIEW)
def preferences(request):
    subscriber = _signed_subscriber(request, "preferences")
    if subscriber is None:
        request.response.status = 404
        return dict(_invalid(request), form=None, subscriber=None)
    newsletter = request.root["newsletter"]
    schema = PreferencesSchema()
    choices = _list_choices(newsletter, subscriber)
    schema["lists"].widget = deform.widget.CheckboxChoiceWidget(values=choices)
    schema["lists"].validator = colander.ContainsOnly([name for name, _t in choices])
    form = forms.make_form(request, schema, buttons=(
        deform.Button("save", _("Speichern")), deform.Button("unsubscribe_all", _("Von allen Listen abmelden"))))

    def save(data):
        subscriber.language = data["language"]
        kept = subscriber.lists - {name for name, _t in choices}
        lists = kept | set(data["lists"])
        stop_queued(request, subscriber, subscriber.lists - lists)
        subscriber.set_lists(lists, "preferences")
        flash(request, _("Ihre Einstellungen sind gespeichert."))
        return HTTPSeeOther(location=request.url)

    if "unsubscribe_all" in request.POST:  # a POST: Pyramid has checked the CSRF token
        stop_queued(request, subscriber, subscriber.lists)
        subscriber.set_lists(set(), "unsubscribed all (preferences)")
        flash(request, _("Sie sind von allen Listen abgemeldet."))
        return HTTPSeeOther(location=request.url)
    result = forms.handle(request, form, save, appstruct={
        "language": subscriber.language, "lists": set(subscriber.lists)})
    return forms.page(result, _("Newsletter-Einstellungen"), subscriber=subscriber)


def _unsubscribe_target(request):
    list_name = request.matchdict["list"]
    subscriber = _signed_subscriber(request, "unsubscribe", list_name)
    mailing_list = request.root["newsletter"].get(list_name)
    return subscriber, mailing_list, list_name


@view_config(route_name="newsletter_unsubscribe", request_method="GET", renderer=PAGE, permission=VIEW)
def unsubscribe_page(request):
    """A person following the link sees a button; GET never unsubscribes (RFC 8058)."""
    subscriber, mailing_list, _name = _unsubscribe_target(request)
    if subscriber is None or mailing_list is None:
        return _invalid(request)
    return {"page_title": _("Newsletter abbestellen"),
            "message": _("${email} von der Liste „${list}“ abmelden?",
                         mapping={"email": subscriber.email, "list": mailing_list.title}),
            "button": _("Abmelden"), "action": request.url,
            "prefs_url": request.route_url("newsletter_preferences", sid=subscriber.id,
                                           sig=sign(_secret(request), "preferences", subscriber.id))}


@view_config(route_name="newsletter_unsubscribe", request_method="POST", renderer=PAGE,
             permission=VIEW, require_csrf=False)
def unsubscribe(request):
    """One-click unsubscribe (mail clients POST ``List-Unsubscribe=One-Click``)
    and the button of the page above. Idempotent; see the module docstring."""
    subscriber, mailing_list, list_name = _unsubscribe_target(request)
    if subscriber is None:
        return _invalid(request)
    if list_name in subscriber.lists:
        subscriber.set_lists(subscriber.lists - {list_name}, "unsubscribed (one-click)")
        stop_queued(request, subscriber, [list_name])
    title = mailing_list.title if mailing_list is not None else list_name
    return {"page_title": _("Abgemeldet"),
            "message": _("${email} ist von der Liste „${list}“ abgemeldet. Sie erhalten von "
                         "dieser Liste keine E-Mails mehr.",
                         mapping={"email": subscriber.email, "list": title})}


@view_config(route_name="account_newsletter", renderer=FORM, permission=ACCOUNT)
def account_newsletter(request):
    """A member subscribes with the account's (verified) address, no opt-in mail needed."""
    user = request.identity
    newsletter = request.root["newsletter"]
    subscriber = newsletter.subscribers.find(user.login)
    current = set(subscriber.lists) if subscriber is not None and subscriber.confirmed else set()
    choices = [(lst.__name__, lst.title) for lst in newsletter.lists()
               if lst.public_signup or lst.__name__ in current]
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(colander.SchemaNode(colander.Set(), name="lists", title=_("Listen"), missing=set(),
                                   validator=colander.ContainsOnly([n for n, _t in choices]),
                                   widget=deform.widget.CheckboxChoiceWidget(values=choices)))
    form = forms.make_form(request, schema)

    def save(data):
        person = request.root["people"].get(user.person_id) if user.person_id else None
        name = person.title if person is not None else ""
        chosen = set(data["lists"])
        if chosen:
            sub = newsletter.subscribers.subscribe_confirmed(user.login, chosen, name=name,
                                                             source="account")
            sub.set_lists((sub.lists - {n for n, _t in choices}) | chosen, "account")
        elif subscriber is not None:
            subscriber.set_lists(subscriber.lists - {n for n, _t in choices}, "account")
        flash(request, _("Ihre Newsletter-Auswahl ist gespeichert."))
        return HTTPSeeOther(location=request.route_url("account_newsletter"))

    return forms.page(forms.handle(request, form, save, appstruct={"lists": current}),
                      _("Meine Newsletter"),
                      intro=_("Newsletter an ${email}:", mapping={"email": user.login}),
                      cancel_url=request.route_url("account"))
