"""Motions in the search: public from adoption on, drafts for the board only."""
from tests.search.test_minutes_search import found


def test_public_motion_is_found_by_everyone_with_umlaut_variants(clients):
    for role in ("anonymous", "member", "board"):
        hits = found(clients[role], "Stadtverwaltung Oeffnung", type_="motion")
        assert len(hits) == 1 and "/motions/" in hits[0], role


def test_drafts_are_found_by_the_board_only(clients):
    assert found(clients["anonymous"], "Schutzkonzept", type_="motion") == []
    assert found(clients["member"], "Schutzkonzept", type_="motion") == []
    assert len(found(clients["board"], "Schutzkonzept", type_="motion")) == 1
    # on the agenda: members see it (the ACL follows the state), the public does not
    assert found(clients["anonymous"], "Schwimmkurse", type_="motion") == []
    assert len(found(clients["member"], "Schwimmkurse", type_="motion")) == 1


def test_status_filter_names_motion_states(clients):
    page = clients["anonymous"].get("/search", {"q": "Antrag", "status": "in_consultation"})
    assert page.status_int == 200
    assert "in Beratung" in page.text
