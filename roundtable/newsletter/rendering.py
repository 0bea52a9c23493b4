"""An issue as mail: HTML (table layout, inline styles, no images) and plain
text, both from the same content, in the subscriber's language.

The body is rendered once per language with placeholders (``@@GREETING@@``,
``@@PREFS_URL@@``, ``@@WEB_URL@@``) that ``personalize`` fills for each
recipient, so 5,000 personal mails cost one template run per language.
"""
import functools
import html
import os
from types import SimpleNamespace

from chameleon import PageTemplateFile
from pyramid.i18n import make_localizer
from pyramid.interfaces import ITranslationDirectories

from ..i18n import _
from ..layout import template_path
from ..text import paragraphs, paragraphs_html

LANGUAGES = ("de", "en")


@functools.lru_cache(maxsize=4)
def _template(path):
    return PageTemplateFile(path)


def mail_template(settings):
    return _template(os.path.join(template_path(settings), "newsletter", "mail.pt"))


def translator(registry, language):
    """A function translating TranslationStrings into ``language`` (no request needed)."""
    dirs = registry.queryUtility(ITranslationDirectories) or []
    localizer = make_localizer(language if language in LANGUAGES else "de", dirs)
    return lambda term: localizer.translate(term) if hasattr(term, "domain") else term


def _section_title(section, t):
    if section.get("title") == section.get("default_title"):
        return t(_(section["default_title"]))
    return section.get("title", "")


def absolute(url, base_url):
    """Assembled items link by site path (``/bodies/…``), so an issue stays right
    whatever address the portal is reached under; links typed in are absolute."""
    return base_url.rstrip("/") + url if url.startswith("/") else url


def content(issue, t, site_title, base_url="", left_out=False):
    """What both alternatives show, translated by ``t``, links made absolute.
    Entries the coordinator left out are dropped unless ``left_out`` (her draft
    page, where she can bring them back); each keeps its place as ``index``."""
    mailing_list = issue.mailing_list
    sections = []
    for section in issue.sections:
        items = [SimpleNamespace(title=i.get("title", ""), url=absolute(i.get("url", ""), base_url),
                                 index=index, left_out=bool(i.get("left_out")),
                                 date=i.get("date", ""),
                                 lines=[ln for ln in (i.get("text") or "").splitlines() if ln.strip()],
                                 links=[(t(_("Termin in den Kalender (iCal)")) if label == "event.ics"
                                         else label, absolute(url, base_url))
                                        for label, url in i.get("links", ())])
                 for index, i in enumerate(section.get("items", ()))
                 if left_out or not i.get("left_out")]
        sections.append(SimpleNamespace(title=_section_title(section, t),
                                        paragraphs=paragraphs_html(section.get("text")),
                                        text_paragraphs=paragraphs(section.get("text")), items=items))
    return SimpleNamespace(
        subject=issue.title, site=site_title, intro="", sections=sections,
        list_title=mailing_list.title,
        why=t(_("Sie erhalten den Newsletter „${list}“, weil Sie ihn abonniert haben.",
                mapping={"list": mailing_list.title})),
        web_label=t(_("Im Browser lesen")),
        prefs_label=t(_("Abbestellen oder Einstellungen ändern")),
    )


def render_text(c):
    lines = ["@@GREETING@@", ""]
    for s in c.sections:
        lines += [s.title, "=" * len(s.title), ""]
        for para in s.text_paragraphs:
            lines += para + [""]
        for i in s.items:
            head = f"* {i.date} – {i.title}" if i.date else f"* {i.title}"
            lines.append(head)
            lines += ["  " + ln for ln in i.lines]
            if i.url:
                lines.append("  " + i.url)
            lines += [f"  {label}: {url}" for label, url in i.links]
            lines.append("")
    lines += ["-- ", c.why, f"{c.web_label}: @@WEB_URL@@", f"{c.prefs_label}: @@PREFS_URL@@", ""]
    return "\n".join(lines)


def render(issue, settings, t, site_title, lang, base_url):
    """``(text, html)`` templates of the issue in one language."""
    c = content(issue, t, site_title, base_url)
    c.lang = lang
    return render_text(c), mail_template(settings)(c=c)


def greeting(subscriber_name, t):
    if subscriber_name:
        return t(_("Guten Tag ${name},", mapping={"name": subscriber_name}))
    return t(_("Guten Tag,"))


def personalize(text, html_body, greeting_text, prefs_url, web_url):
    """Fill one recipient's greeting and links into both alternatives (escaped for HTML)."""
    def fill(template, escape):
        return (template.replace("@@GREETING@@", escape(greeting_text))
                .replace("@@PREFS_URL@@", escape(prefs_url)).replace("@@WEB_URL@@", escape(web_url)))
    return fill(text, lambda v: v), fill(html_body, lambda v: html.escape(v, quote=True))
