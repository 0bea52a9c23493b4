"""Accounts: login, logout, password reset, invitations, account administration."""


from .sessions import session_factory


def includeme(config):
    config.set_session_factory(session_factory(config.registry.settings))
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("reset_request", "/password-reset")
    config.add_route("reset", "/password-reset/{userid}/{token}")
    config.add_route("invitation", "/invitation/{userid}/{token}")
    config.add_route("account", "/account")
    config.scan(".views")
