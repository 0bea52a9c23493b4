"""Guarantees over the whole application rather than single views."""
from pyramid.interfaces import IDefaultCSRFOptions, IExceptionResponse


def test_every_view_declares_a_permission(app):
    introspector = app.registry.introspector
    missing = []
    for intr in introspector.get_category("views"):
        view = intr["introspectable"]
        if view["context"] is not None and isinstance(view["context"], type) and \
                issubclass(view["context"], BaseException):
            continue  # exception views (404, 403, 400) answer errors, they grant nothing
        if view["context"] is IExceptionResponse:
            continue  # Pyramid's own rendering of HTTP exceptions
        if view.get("route_name") == "__static/":
            continue
        related = introspector.related(view)
        permissions = [r for r in related if r.category_name == "permissions"]
        if not permissions:
            name = getattr(view["callable"], "__name__", repr(view["callable"]))
            if "static" in name.lower():
                continue
            missing.append(f"{name} (context={view['context']}, name={view['name']!r})")
    assert not missing, "views without permission:\n" + "\n".join(missing)


def test_csrf_is_required_by_default(app):
    options = app.registry.queryUtility(IDefaultCSRFOptions)
    assert options.require_csrf is True


def test_unsafe_methods_without_token_are_refused_everywhere(admin):
    for path in ("/logout", "/people/add", "/organisations/add", "/bodies/add", "/users/invite",
                 "/settings"):
        response = admin.post(path, {"save": "save"}, expect_errors=True)
        assert response.status_int == 400, path
