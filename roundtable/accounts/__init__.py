"""Accounts: login, logout, password reset, invitations, account administration."""
from ..db import get_portal_from_request
from .sessions import session_factory


def find_user(request, userid):
    """The account of a logged-in id, for the security policy."""
    return get_portal_from_request(request)["users"].get(userid)


def includeme(config):
    config.set_session_factory(session_factory(config.registry.settings))
    config.set_user_lookup(find_user)
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("reset_request", "/password-reset")
    config.add_route("reset", "/password-reset/{userid}/{token}")
    config.add_route("invitation", "/invitation/{userid}/{token}")
    config.add_route("account", "/account")
    config.scan(".views")
