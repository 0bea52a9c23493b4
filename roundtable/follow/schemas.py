"""The follow forms: the newsletter's address and language fields, reused."""
import colander
import deform

from ..i18n import _
from ..newsletter.schemas import LANGUAGE_CHOICES, email_node
from ..newsletter.subscribers import LANGUAGES


def language_node():
    return colander.SchemaNode(colander.String(), title=_("Sprache der E-Mails"), default="de",
                               validator=colander.OneOf(LANGUAGES),
                               widget=deform.widget.RadioChoiceWidget(values=LANGUAGE_CHOICES))


class FollowSchema(colander.Schema):
    email = email_node(_("E-Mail-Adresse"))
    language = language_node()


def manage_schema(choices):
    """What a follower follows (``choices``: key, title), to keep or drop, and the language."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(colander.SchemaNode(
        colander.Set(), name="keys", title=_("Ich folge"), missing=set(),
        validator=colander.ContainsOnly([key for key, _title in choices]),
        widget=deform.widget.CheckboxChoiceWidget(values=choices)))
    node = language_node()
    node.name = "language"
    schema.add(node)
    return schema
