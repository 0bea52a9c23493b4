"""Every object the API serves validates against the OParl 1.1 JSON schemas
(tests/oparl/schema/, CC BY-SA 4.0, see SOURCE.md there).

The schemas mark embedded objects with a non-standard ``"schema": "X.json"``
and use a format "url"; so each object found anywhere in an answer, embedded
or not, is validated against its own type's schema, and "url", "date" and
"date-time" are checked here.
"""
import json
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from webtest import TestApp

from tests.oparl.crawl import BASE, objects_in

SCHEMAS = Path(__file__).parent / "schema"
checker = jsonschema.FormatChecker()


@checker.checks("url", raises=ValueError)
def is_url(value):
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(value)
    return True


@checker.checks("date", raises=ValueError)
def is_date(value):
    return bool(date.fromisoformat(value)) and len(value) == 10


@checker.checks("date-time", raises=ValueError)
def is_datetime(value):
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"no time zone: {value}")
    return True


def validator(type_name):
    schema = json.loads((SCHEMAS / f"{type_name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def test_every_object_validates(crawled):
    objects = [obj for answer in crawled.values() for obj in objects_in(answer)]
    types = {obj["type"].rsplit("/", 1)[1] for obj in objects}
    assert types >= {"System", "Body", "LegislativeTerm", "Organization", "Person", "Membership",
                     "Meeting", "AgendaItem", "Paper", "Consultation", "File", "Location"}
    validators = {t: validator(t) for t in types}
    problems = []
    for obj in objects:
        type_name = obj["type"].rsplit("/", 1)[1]
        for error in validators[type_name].iter_errors(obj):
            problems.append(f"{obj.get('id')}: {error.message}")
        if not obj.get("deleted"):
            assert obj.get("created") and obj.get("modified"), obj["id"]
    assert not problems, "\n".join(problems[:30])


def test_ids_are_their_urls(crawled):
    """An object's id is where it is served (stable, dereferenceable)."""
    for url, answer in crawled.items():
        if "data" not in answer:
            assert answer["id"] == url


def test_files_can_be_fetched(api_app, crawled):
    files = {obj["id"]: obj for answer in crawled.values() for obj in objects_in(answer)
             if obj["type"].endswith("/File") and not obj.get("deleted")}
    kinds = {fid.split("/file/")[1].split("/")[0] for fid in files}
    assert {"invitation", "minutes", "document"} <= kinds
    client = TestApp(api_app)
    for obj in files.values():
        for key in ("accessUrl", "downloadUrl"):
            if key in obj:
                response = client.get(obj[key].replace("http://localhost", ""))
                assert response.status_int == 200, obj[key]
                assert response.content_type == obj["mimeType"], obj[key]


def test_lists_paginate_and_keep_filters(api_app):
    client = TestApp(api_app)
    query = "limit=7&modified_since=2000-01-01T00:00:00%2B01:00"
    first = client.get("/oparl/v1/body/rt/meeting?" + query).json
    assert first["pagination"]["elementsPerPage"] == 7
    pages, url = [first], first["links"].get("next")
    while url:
        assert "modified_since=2000-01-01T00%3A00%3A00%2B01%3A00" in url and "limit=7" in url
        pages.append(client.get(url.replace("http://localhost", "")).json)
        url = pages[-1]["links"].get("next")
    ids = [o["id"] for p in pages for o in p["data"]]
    assert len(ids) == len(set(ids)) == first["pagination"]["totalElements"] > 7


@pytest.mark.parametrize("query", ["modified_since=gestern", "created_until=2026-13-01",
                                   "limit=0", "page=x", "limit=100000",
                                   "modified_since=2027-01-01&modified_until=2026-01-01"])
def test_bad_filters_are_a_400_error_object(api_app, query):
    response = TestApp(api_app).get("/oparl/v1/body/rt/paper?" + query, status=400)
    assert response.json["type"] == "https://schema.oparl.org/1.1/Error"
    assert response.json["message"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/oparl/v1/nothing", "/oparl/v1/paper/no-such-motion",
                                  "/oparl/v1/body/rt/nothing", "/oparl/v1/person/1",
                                  "/oparl/v1/person/abc", "/oparl/v1/meeting/a/b/c",
                                  "/oparl/v1/system", "/oparl/v1/body/other/meeting",
                                  "/oparl/v1/file/document/x/y/z/w"])
def test_unknown_urls_are_a_404_error_object(api_app, path):
    response = TestApp(api_app).get(path, status=404)
    assert response.content_type == "application/json"
    assert response.json["type"] == "https://schema.oparl.org/1.1/Error"


def test_etag_gives_304_and_json_is_utf8(api_app):
    client = TestApp(api_app)
    response = client.get("/oparl/v1/body/rt/organization")
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "ü".encode() in response.body  # not \\u-escaped
    etag = response.headers["ETag"]
    again = client.get("/oparl/v1/body/rt/organization", headers={"If-None-Match": etag},
                       status=304)
    assert again.body == b""


def test_writing_is_refused(api_app):
    response = TestApp(api_app).post("/oparl/v1/body/rt/paper", {"x": "1"}, status=405)
    assert response.json["type"].endswith("/Error")


def test_linked_from_the_site(api_app):
    client = TestApp(api_app)
    home = client.get("/")
    assert f'href="{BASE}"' in home.text and 'type="application/json"' in home.text
    page = client.get("/oparl")
    assert BASE in page.text
    assert client.get("/oparl/", status=301).location.endswith("/oparl")
    assert client.get("/oparl/v1", status=301).location == BASE


def test_cors_preflight_and_bad_encoding(api_app):
    client = TestApp(api_app)
    response = client.options("/oparl/v1/body/rt/paper", status=204)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]
    bad = client.get("/oparl/v1/body/rt/paper?modified_since=%ff", status=400)
    assert bad.json["type"].endswith("/Error")
