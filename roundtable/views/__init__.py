"""Site-wide views: home, member overview, legal pages, administration, errors."""


def includeme(config):
    config.add_section("home", "Start", "/", order=0)
    config.add_section("members", "Mitglieder", "/members", order=40)
    config.add_section("admin", "Verwaltung", "/admin", permission="manage", order=90)
    config.scan(__name__)
