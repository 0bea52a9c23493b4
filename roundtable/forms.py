"""Rendering and processing deform forms the same way in every view.

Forms are rendered with our own widget templates (``templates/deform``) that
need no JavaScript and meet WCAG; every form carries the session's CSRF token.
"""
import colander
import deform
from pyramid.csrf import get_csrf_token

from .i18n import _, translate


def setup_renderer(settings):
    search_path = (
        settings["roundtable.templates"] + "/deform",
        deform.template.default_dir,
    )
    renderer = deform.ZPTRendererFactory(search_path, translator=lambda term: translate(term))
    deform.Form.set_default_renderer(renderer)


def make_form(request, schema, buttons=None, formid="form", **kw):
    schema = schema.bind(request=request, context=request.context)
    buttons = buttons or (deform.Button("save", _("Speichern")),)
    return deform.Form(schema, buttons=buttons, formid=formid, **kw)


def render(request, form, appstruct=colander.null):
    return form.render(appstruct, csrf_token=get_csrf_token(request))


def process(request, form, button="save"):
    """Validate a submitted form.

    Returns ``(appstruct, None)`` on success or ``(None, html)`` with the form
    re-rendered with its error messages; nothing is stored in the second case.
    """
    if button not in request.POST:
        return None, None
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        return None, failure.render(csrf_token=get_csrf_token(request))
    return appstruct, None


def handle(request, form, on_success, appstruct=colander.null, button="save"):
    """The usual form cycle: show, validate, call ``on_success`` or show errors."""
    data, html = process(request, form, button)
    if data is not None:
        return on_success(data)
    if html is None:
        html = render(request, form, appstruct)
    return {"form": html}


def page(result, title, **extra):
    """Add the page title (and extras) to a ``handle`` result that is a page,
    leaving redirects untouched."""
    if isinstance(result, dict):
        result.update(page_title=title, **extra)
    return result
