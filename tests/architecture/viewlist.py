"""The registered views as plain rows, from Pyramid's introspector.

Used to pin behaviour across reorganisations: ``views.json`` was recorded on
main before the module moves of issue 12, and every registered view must keep
its context, name, request method and permission. Run this module to record
the list again after a deliberate change::

    .venv/bin/python -m tests.architecture.viewlist > tests/architecture/views.json
"""
import json
import sys
import tempfile

from pyramid.interfaces import IRootFactory

import roundtable


def _label(value):
    if value is None:
        return None
    if isinstance(value, (tuple, list, set, frozenset)):
        return sorted(_label(v) for v in value)
    if isinstance(value, type):
        # the class's own name only: moving it to another module keeps the row
        return value.__name__
    return str(value)


def view_rows(app):
    rows = set()
    introspector = app.registry.introspector
    for intr in introspector.get_category("views") or ():
        view = intr["introspectable"]
        related = [r for r in introspector.related(view) if r.category_name == "routes"]
        rows.add(json.dumps({
            "context": _label(view.get("context")),
            "route": related[0]["name"] if related else None,
            "name": view.get("name") or "",
            "request_method": _label(view.get("request_methods")),
            "permission": _label(next((p["value"] for p in introspector.related(view)
                                       if p.category_name == "permissions"), None)),
            "xhr": view.get("xhr"),
            "accept": _label(view.get("accept")),
        }, sort_keys=True))
    return [json.loads(r) for r in sorted(rows)]


def make_app(var):
    from tests.conftest import make_settings
    import pathlib

    return roundtable.main({}, **make_settings(pathlib.Path(var), **{
        "roundtable.demo_data": "false"}))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as var:
        json.dump(view_rows(make_app(var)), sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")
