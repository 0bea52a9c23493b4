"""The runner's parts that do not need wrk: parsing a captured report, the
apps it serves, the in-process feed comparison and the printed table."""
from pathlib import Path

import pytest
from webtest import TestApp

from roundtable.bench import hello, icalcompare, run, wrk

HELLO_REPORT = (Path(__file__).parent / "wrk_hello.txt").read_text()

SLOW_REPORT = """Running 10s test @ http://127.0.0.1:40000/calendar.ics
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.70s   300.12ms   2.00s    80.00%
    Req/Sec     1.00      0.50     3.00     70.00%
  Latency Distribution
     50%    1.75s
     75%    1.90s
     90%    1.95s
     99%    2.00s
  60 requests in 10.01s, 27.21MB read
  Socket errors: connect 0, read 0, write 0, timeout 4
  Non-2xx or 3xx responses: 2
Requests/sec:      5.99
Transfer/sec:      2.72MB
"""


def test_parse_a_captured_report():
    figures = wrk.parse(HELLO_REPORT)
    assert figures["requests_per_s"] == pytest.approx(7664.45)
    assert figures["requests"] == 23000
    assert figures["p50_ms"] == pytest.approx(1.217)  # the Lua hook's finer figure wins
    assert figures["p95_ms"] == pytest.approx(2.453)
    assert figures["p75_ms"] == pytest.approx(1.58)
    assert figures["p99_ms"] == pytest.approx(4.451)
    assert figures["errors"] == 0


def test_parse_units_and_errors_without_the_hook():
    figures = wrk.parse(SLOW_REPORT)
    assert figures["p50_ms"] == pytest.approx(1750)
    assert figures["p90_ms"] == pytest.approx(1950)
    assert "p95_ms" not in figures
    assert figures["errors"] == 6


def test_parse_refuses_what_is_no_report():
    with pytest.raises(ValueError):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


def test_hello_world_app():
    assert TestApp(hello.make_app()).get("/").text == "Hello World!"


def test_pages_of_the_bench_app(browser_client, tiny):
    _directory, info = tiny
    for target in run.TARGETS:
        if target.app == "roundtable":
            browser_client.get(target.url("", info), status=200)


def test_site_feed_carries_every_meeting(browser_client, tiny):
    feed = browser_client.get("/calendar.ics").body
    assert feed.count(b"UID:meeting-") == tiny[1]["counts"]["meetings"]


def test_site_feed_reach_defaults_to_a_year():
    from datetime import timedelta

    from roundtable.calendar.views import site_past

    assert site_past({}) == timedelta(days=365)
    assert site_past({"roundtable.calendar_past_days": "30"}) == timedelta(days=30)


def test_feed_comparison(bench_app, tiny):
    found = icalcompare.compare(bench_app, "http://127.0.0.1:6543")
    assert found["events"] == found["raw_events"] == tiny[1]["counts"]["meetings"]
    assert found["ratio"] > 0


def test_table_shows_figures_and_aims(tiny):
    figures = wrk.parse(HELLO_REPORT)
    results = {
        "date": "2026-11-21", "seconds": 10, "dataset": tiny[1],
        "targets": {"hello": dict(figures, ratio=1.0),
                    "home": dict(figures, requests_per_s=3000.0, ratio=0.39),
                    "meeting": {"path": "/x/", "status": 500, "error": "HTTP 500"},
                    "feed": dict(wrk.parse(SLOW_REPORT), events=12, ratio=0.001)},
        "in_process": {"ical": {"events": 12, "view_ms": 13.0, "raw_ms": 10.0, "ratio": 1.3}},
        "peak_rss_mb": {"hello": 30.1, "roundtable": 120.4},
    }
    text = run.table(results)
    assert "7664.4" in text and "39.0 %" in text and "HTTP 500" in text
    assert "(12 events)" in text and "(6 errors)" in text and "     – " in text and "0.1 %" in text
    assert "1.30×" in text and "120.4 MB" in text and "aim < 300 MB" in text


def test_newsletter_comparison_delivers_every_message_both_ways(bench_app, tiny):
    from roundtable.bench import newsletter

    found = newsletter.compare(bench_app, "http://127.0.0.1:6543", tiny[1])
    subscribers = tiny[1]["counts"]["subscribers"]
    assert found["messages"] >= subscribers        # plus the demo's few on the weekly list
    assert found["delivered"] == found["raw_delivered"] == found["messages"]
    assert found["ratio"] > 0


def test_search_target_finds_the_generated_word(browser_client, tiny):
    page = browser_client.get(tiny[1]["paths"]["search"])
    assert page.html.select(".search-results h3 a")
