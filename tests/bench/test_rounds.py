"""Preparing a target (ETag, 304, failures) and the alternating rounds,
against a local recording server."""
from types import SimpleNamespace

import pytest

from roundtable.bench import rounds, wrk
from roundtable.bench.targets import Target

INFO = {"paths": {}}


def test_a_plain_target_is_ready_for_wrk(recorder):
    base, _seen = recorder
    row = rounds.prepare(Target("t", "t", "/page"), base, INFO)
    assert row == {"path": "/page", "url": base + "/page", "paths": [], "headers": [],
                   "status": 200}


def test_a_conditional_target_sends_the_etag_the_page_gave(recorder):
    base, seen = recorder
    row = rounds.prepare(Target("t", "t", "/etag", conditional=True), base, INFO)
    assert "error" not in row and row["status"] == 304
    assert row["headers"] == ['If-None-Match: "v1"']
    assert seen == [("/etag", None), ("/etag", '"v1"')]


@pytest.mark.parametrize("path, error", [
    ("/plain", "no ETag yet"),            # the page gives no ETag (yet): the row says so
    ("/stale", "no 304 (HTTP 200)"),       # an ETag that a match does not turn into a 304
    ("/missing", "HTTP 404"),
])
def test_a_target_that_cannot_be_measured_says_why(recorder, path, error):
    base, _seen = recorder
    assert rounds.prepare(Target("t", "t", path, conditional=True), base, INFO)["error"] == error


def test_a_rotation_checks_every_path(recorder):
    base, seen = recorder
    target = Target("s", "s", None, rotate=lambda info: info["paths"]["searches"])
    info = {"paths": {"searches": ["/a", "/b"]}}
    row = rounds.prepare(target, base, {"paths": {}}, info)
    assert row["paths"] == ["/a", "/b"] and row["url"] == base + "/a"
    assert [path for path, _ in seen] == ["/a", "/b"]
    info["paths"]["searches"].append("/missing")
    assert rounds.prepare(target, base, info)["error"] == "HTTP 404"


def test_rounds_alternate_hello_and_each_scale_and_pair_them(recorder, monkeypatch):
    base, seen = recorder
    servers = {"hello": SimpleNamespace(url=base + "/hello"),
               "1": SimpleNamespace(url=base + "/one"),
               "5": SimpleNamespace(url=base + "/five")}
    # canned wrk figures: the machine is twice as busy in the second round
    busy = {"hello": [1000.0, 500.0], "one": [400.0, 200.0], "five": [380.0, 190.0]}
    latency = {"hello": 1.0, "one": 10.0, "five": 11.0}
    loads = []

    def load(row, seconds):
        side = row["url"].split("/")[3]
        loads.append((side, tuple(row["headers"]), seconds))
        measured = sum(1 for s, _h, length in loads if s == side and length == 3)
        rps = busy[side][max(0, measured - 1)]
        return {"requests_per_s": rps, "p50_ms": latency[side], "p95_ms": 2 * latency[side]}

    monkeypatch.setattr(rounds, "load", load)
    calls = []
    found = rounds.measure_target(Target("t", "t", "/etag", conditional=True), servers,
                                  {"1": INFO, "5": INFO}, rounds=2, seconds=3, warmup=1,
                                  progress=lambda target, n, total: calls.append((n, total)))
    assert calls == [(1, 2), (2, 2)]
    etag = ('If-None-Match: "v1"',)
    assert loads == [("one", etag, 1), ("five", etag, 1),                   # warm-up
                     ("hello", (), 3), ("one", etag, 3), ("five", etag, 3),  # round 1
                     ("five", etag, 3), ("one", etag, 3), ("hello", (), 3)]  # round 2 reversed
    # the ETag is asked for again before the second round (it may move with the hour)
    assert sum(1 for path, match in seen if path == "/one/etag" and match is None) == 2
    assert found["hello"]["rounds"] == [1000.0, 500.0]
    one, five = found["scales"]["1"], found["scales"]["5"]
    assert one["ratio"]["median"] == pytest.approx(0.4) and one["ratio"]["min"] == 0.4
    assert five["ratio"]["median"] == pytest.approx(0.38)
    assert one["requests_per_s"] == 300 and one["p95_ms"] == 20 and one["status"] == 304
    assert "headers" not in one and "url" not in one
    assert found["growth"]["5"]["p50_ms"]["median"] == pytest.approx(1.1)


def test_a_failing_target_is_not_loaded_and_keeps_its_reason(recorder):
    base, seen = recorder
    servers = {"hello": SimpleNamespace(url=base), "1": SimpleNamespace(url=base)}
    found = rounds.measure_target(Target("t", "t", "/missing"), servers, {"1": INFO},
                                  rounds=3, seconds=1, warmup=1)
    assert found["scales"]["1"] == {"path": "/missing", "status": 404, "error": "HTTP 404"}
    assert found["hello"]["rounds"] == [] and "growth" not in found
    assert seen == [("/missing", None)]      # no wrk run at all, not even hello world


def test_a_round_without_answers_has_no_latencies(monkeypatch):
    monkeypatch.setattr(wrk, "run", lambda *args, **kwargs: {
        "requests_per_s": 0.0, "requests": 0, "errors": 0, "p50_ms": 0.0, "p95_ms": 0.0,
        "p99_ms": 0.0, "p75_ms": 0.0})
    found = rounds.load({"url": "http://x/", "headers": [], "paths": []}, 3)
    assert found == {"requests_per_s": 0.0, "requests": 0, "errors": 0, "p50_ms": None,
                     "p95_ms": None, "p99_ms": None}
