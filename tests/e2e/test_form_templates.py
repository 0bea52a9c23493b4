"""The shared form templates (templates/deform) judged on every widget kind in use.

The forms are rendered with the project's deform renderer outside any view, in a
minimal page with the site's stylesheet inlined, blank and with errors; then
the Nu HTML Checker (one run) and axe-core in chromium judge them.
"""
import colander
import deform
import pytest

from roundtable import forms
from tests import judges

CHOICES = (("de", "Deutsch"), ("en", "Englisch"), ("ar", "Arabisch"))


class MemoryTmpStore(dict):
    def preview_url(self, name):
        return None


class EverySchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title="Name")
    note = colander.SchemaNode(colander.String(), title="Notiz", missing="",
                               description="Höchstens 200 Zeichen.",
                               widget=deform.widget.TextAreaWidget(rows=3))
    email = colander.SchemaNode(colander.String(), title="E-Mail", validator=colander.Email(),
                                widget=deform.widget.TextInputWidget(input_type="email",
                                                                     autocomplete="email"))
    password = colander.SchemaNode(colander.String(), title="Passwort",
                                   widget=deform.widget.PasswordWidget())
    consent = colander.SchemaNode(colander.Boolean(), title="Einverstanden", missing=False,
                                  widget=deform.widget.CheckboxWidget())
    languages = colander.SchemaNode(colander.Set(), title="Sprachen",
                                    widget=deform.widget.CheckboxChoiceWidget(values=CHOICES))
    preferred = colander.SchemaNode(colander.String(), title="Bevorzugte Sprache",
                                    widget=deform.widget.RadioChoiceWidget(values=CHOICES))
    kind = colander.SchemaNode(colander.String(), title="Art",
                               widget=deform.widget.SelectWidget(values=(("", "– bitte wählen –"),)
                                                                 + CHOICES))
    several = colander.SchemaNode(colander.Set(), title="Mehrere", missing=set(),
                                  widget=deform.widget.SelectWidget(values=CHOICES, multiple=True))
    since = colander.SchemaNode(colander.Date(), title="Seit",
                                widget=deform.widget.DateInputWidget())
    upload = colander.SchemaNode(deform.FileData(), title="Datei", missing=colander.null,
                                 widget=deform.widget.FileUploadWidget(MemoryTmpStore()))
    came_from = colander.SchemaNode(colander.String(), missing="/",
                                    widget=deform.widget.HiddenWidget())


def page(form_html):
    css = (judges.ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    return ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Formular</title>'
            f'<style>{css}</style></head><body><main><h1>Formular</h1>{form_html}</main></body></html>')


@pytest.fixture(scope="module")
def documents():
    forms.setup_renderer({"roundtable.templates": str(judges.ROOT / "templates")})
    form = deform.Form(EverySchema(), buttons=(deform.Button("save", "Speichern"),), formid="form")
    blank = form.render(csrf_token="token")
    with pytest.raises(deform.ValidationFailure) as failure:
        form.validate([("_charset_", "UTF-8"), ("__formid__", "form"), ("name", ""),
                       ("email", "kein-at"), ("password", ""), ("since", "gestern")])
    with_errors = failure.value.render(csrf_token="token")
    assert 'aria-invalid="true"' in with_errors
    return {"blank form": page(blank), "form with errors": page(with_errors)}


def test_form_templates_are_valid_html(documents):
    errors = judges.check_html(documents)
    assert not errors, judges.format_html_errors(errors)


def test_form_templates_pass_axe(browser, documents):
    context = browser.new_context(axe=True)
    try:
        tab = context.new_page()
        results = {}
        for name, html in documents.items():
            tab.set_content(html)
            results[name] = browser.axe(tab)
    finally:
        context.close()
    assert not any(results.values()), judges.format_axe_violations(results)
