"""Rendering and processing deform forms the same way in every view.

Forms are rendered with our own widget templates (``templates/deform``) that
need no JavaScript and meet WCAG; every form carries the session's CSRF token.
"""
import re

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


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MULTILINE_WIDGETS = (deform.widget.TextAreaWidget, deform.widget.RichTextWidget)


def single_line(node, value):
    """Names, titles and places are one line: a CR/LF smuggled into a body's
    name would break every calendar feed and mail header that carries it."""
    if isinstance(value, str) and CONTROL.search(value):
        raise colander.Invalid(node, _("Bitte ohne Zeilenumbrüche und Steuerzeichen eingeben."))


def guard_single_line(schema):
    """Add the control-character check to every single-line text field of a
    (bound) schema: strings whose widget is not a text area."""
    for node in schema.children:
        guard_single_line(node)
    if isinstance(schema.typ, colander.String) and not isinstance(
            getattr(schema, "widget", None), MULTILINE_WIDGETS):
        old = schema.validator
        if old is not single_line and not (isinstance(old, colander.All) and single_line in old.validators):
            schema.validator = colander.All(single_line, old) if old else single_line
    return schema


def make_form(request, schema, buttons=None, formid="form", **kw):
    schema = guard_single_line(schema.bind(request=request, context=request.context))
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
