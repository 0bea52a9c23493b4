"""OParl 1.1: the round table as a read-only source for council information
systems and their apps (Meine Stadt Transparent, ALLRIS/SessionNet readers).

Entry URL ``/oparl/v1/`` (the System). Objects live at
``/oparl/v1/<type>/<key>``, the body's lists at ``/oparl/v1/body/rt/<type>``.
Route dispatch, not traversal: these are views of the object tree, not objects
in it. What is published, and what never is: see ``api.py`` and the kinds
(``system``, ``organizations``, ``sessions``, ``files``, ``papers``).
"""


def includeme(config):
    config.add_route("oparl_developers", "/oparl")
    config.add_route("oparl_developers_slash", "/oparl/")
    config.add_route("oparl_system", "/oparl/v1/")
    config.add_route("oparl_list", "/oparl/v1/body/{body}/{list}")
    config.add_route("oparl_bodies", "/oparl/v1/body")
    config.add_route("oparl_object", "/oparl/v1/{type}/*key")
    config.add_route("oparl_unknown", "/oparl/v1*rest")
    config.scan(".views")
