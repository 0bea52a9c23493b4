"""Bodies (Gremien) and memberships."""


def includeme(config):
    config.add_section("bodies", "Gremien", "/bodies/", order=20)
    config.scan(".views")
