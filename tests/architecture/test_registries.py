"""The registries through which a later feature extends an earlier one, used
the way a new feature (measures, privacy, ...) would use them."""
import pytest

from roundtable import freshness
from roundtable.search import labels
from roundtable.security import LOCAL_ROLE_HOLDERS, ROLE_PROVIDERS, USER_LOOKUP
from roundtable.views.site import HOME_PANELS


def test_the_home_page_shows_what_features_register(app, anonymous):
    page = anonymous.get("/")
    assert "Gremien" in page.text and "AG Wohnen" in page.text   # the bodies' panel
    app.registry[HOME_PANELS]["zz-test"] = (
        99, "roundtable:templates/bodies/home_panel.pt", lambda request: {"bodies": []})
    app.registry[HOME_PANELS]["hidden"] = (
        98, "roundtable:templates/bodies/home_panel.pt", lambda request: None)
    # panels registered at run time (not at start-up, as features do) change no counter
    freshness.page_cache(app.registry).clear()
    try:
        page = anonymous.get("/")
    finally:
        del app.registry[HOME_PANELS]["zz-test"], app.registry[HOME_PANELS]["hidden"]
    assert page.text.count("<h2>Gremien</h2>") == 2
    assert "Noch keine Gremien angelegt." in page.text


def test_security_learns_users_and_roles_from_the_features(app, board):
    assert callable(app.registry[USER_LOOKUP])
    assert len(app.registry[ROLE_PROVIDERS]) == 1 and len(app.registry[LOCAL_ROLE_HOLDERS]) == 1
    # the board user has no role on the account: "board" comes from the membership
    assert board.get("/admin", status=403) is not None
    page = board.get("/account")
    assert "board" in page.text or "Vorstand" in page.text


def test_a_later_feature_names_its_search_type_and_states(anonymous):
    with pytest.raises(KeyError, match="example"):
        dict(labels.TYPES)["example"]
    labels.register_type("example", "Beispiel", [("running", "läuft")])
    try:
        assert labels.type_title("example") == "Beispiel"
        assert labels.status_title("running") == "läuft"
        page = anonymous.get("/search", params={"q": "Wohnen"})
        assert 'value="example"' in page.text
    finally:
        labels.TYPES.remove(("example", "Beispiel"))
        labels.STATES.pop("example")
