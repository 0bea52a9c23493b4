"""Permission names (core): every view names one of these.

They are plain strings, kept apart from the security policy (``security.py``)
so that core modules such as ``i18n`` can name a permission without importing
the policy; ``security`` re-exports them, the usual place to import them from.
"""
VIEW = "view"                    # read a public or otherwise visible object
VIEW_INTERNAL = "view_internal"  # member-only lists and pages
VIEW_CONTACT = "view_contact"    # e-mail and phone of persons
EDIT = "edit"                    # change an existing object
ADD = "add"                      # create objects in a container
MANAGE = "manage"                # the coordinator's administration (accounts, import)
ACCOUNT = "account"              # one's own account page
