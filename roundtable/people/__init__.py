"""The register of persons and organisations."""


def includeme(config):
    config.scan(".views")
