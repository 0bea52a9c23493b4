"""The runner: the apps it serves and their pages, the in-process
comparisons, where it writes, and one short real run at a tiny scale."""
import json
from types import SimpleNamespace

import pytest
from webtest import TestApp

from roundtable.bench import hello, history, icalcompare, run, targets, wrk

def test_hello_world_app():
    assert TestApp(hello.make_app()).get("/").text == "Hello World!"


def test_pages_of_the_bench_app(browser_client, tiny):
    _directory, info = tiny
    for target in targets.TARGETS:
        for path in target.paths(info):
            browser_client.get(path, status=200)


def test_the_home_page_and_the_feed_answer_a_poll_with_304(browser_client):
    """What the 304 targets measure works on the bench app (pages and feeds
    without an ETag yet are reported by the runner as such)."""
    for path in ("/", "/calendar.ics"):
        tag = browser_client.get(path).headers.get("ETag")
        if tag:
            browser_client.get(path, headers={"If-None-Match": tag}, status=304)


def test_the_dataset_offers_several_search_queries(browser_client, tiny):
    queries = targets.searches(tiny[1])
    assert len(queries) > 3 and queries[0] == tiny[1]["paths"]["search"]
    assert len(set(queries)) == len(queries)
    for path in queries:
        browser_client.get(path, status=200)


def test_site_feed_carries_every_meeting(browser_client, tiny):
    feed = browser_client.get("/calendar.ics").body
    assert feed.count(b"UID:meeting-") == tiny[1]["counts"]["meetings"]


def test_site_feed_reach_defaults_to_a_year():
    from datetime import timedelta

    from roundtable.calendar.views import site_past

    assert site_past({}) == timedelta(days=365)
    assert site_past({"roundtable.calendar_past_days": "30"}) == timedelta(days=30)


def test_feed_comparison(bench_app, tiny):
    found = targets.InProcess("ical", "", icalcompare.compare, ()).run(
        bench_app, "http://127.0.0.1:6543", tiny[1])
    assert found["events"] == found["raw_events"] == tiny[1]["counts"]["meetings"]
    assert found["ratio"] > 0


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


def test_scales_of_a_run():
    def args(scale, base=1.0):
        return SimpleNamespace(scale=scale, base_scale=base)

    assert run.scales_of(args(1)) == [1]
    assert run.scales_of(args(5)) == [1, 5]
    assert run.scales_of(args(0.05)) == [0.05]     # below the base: that scale alone
    assert run.scales_of(args(0.1, 0.05)) == [0.05, 0.1]
    assert run.data_dir("var/bench", 5.0).name == "scale-5"
    assert run.data_dir("var/bench", 0.05).name == "scale-0.05"


def test_a_second_run_of_the_day_keeps_the_first_file(tmp_path):
    first = run.write({"date": "2026-11-30", "started": "2026-11-30T18:05:09+00:00"}, tmp_path)
    second = run.write({"date": "2026-11-30", "started": "2026-11-30T19:00:00+00:00"}, tmp_path)
    assert first == second and json.loads(second.read_text())["started"].startswith("2026-11-30T19")
    kept = tmp_path / "2026-11-30-180509.json"
    assert json.loads(kept.read_text())["started"].startswith("2026-11-30T18")


@pytest.mark.skipif(not wrk.available(), reason="wrk is not installed")
def test_a_short_real_run_at_two_tiny_scales(tmp_path, monkeypatch, capsys):
    """The whole runner once, end to end, as short as it goes: two tiny
    datasets, three servers, one round of a second for a 304 target and the
    rotating search (cached and each URL new), no in-process part; then the table, the JSON, the history."""
    chosen = [t for t in targets.TARGETS if t.name in ("home_304", "search", "search_new")]
    monkeypatch.setattr(targets, "TARGETS", chosen)
    argv = ["--scale", "0.02", "--base-scale", "0.01", "--rounds", "1", "--seconds", "1",
            "--warmup", "0", "--skip-in-process",
            "--data-dir", str(tmp_path / "data"), "--out-dir", str(tmp_path / "out")]
    assert run.main(argv) == 0
    printed = capsys.readouterr().out
    assert "growth, latency 0.02× / 0.01×" in printed and "hello world (reference)" in printed
    assert (tmp_path / "data" / "scale-0.01" / "Data.fs").exists()
    assert (tmp_path / "data" / "scale-0.02" / "Data.fs").exists()
    [written] = (tmp_path / "out").glob("20*.json")
    results = json.loads(written.read_text())
    assert results["scales"] == ["0.01", "0.02"]
    search = results["targets"]["search"]
    assert len(search["hello"]["rounds"]) == 1
    for key in results["scales"]:
        row = search["scales"][key]
        assert row["status"] == 200 and len(row["path"]) == len(targets.searches(
            results["datasets"]["0.01"])) and row["requests_per_s"] > 0
    for key in results["scales"]:   # the same queries, each URL new: measured too
        row = results["targets"]["search_new"]["scales"][key]
        assert row["status"] == 200 and row["requests_per_s"] > 0 and "unique" not in row
    home = results["targets"]["home_304"]["scales"]["0.01"]
    assert home.get("status") == 304 or home.get("error")   # measured, or says why not
    assert results["hello"]["n"] == 3 and set(results["peak_rss_mb"]) == {"hello", "0.01", "0.02"}
    assert isinstance(results["flags"], list)
    [entry] = history.load(tmp_path / "out")
    assert entry["hello_per_s"] == results["hello"]["median"]


def test_a_run_below_the_machines_usual_is_flagged_and_recorded(tmp_path):
    setup = {"cpus": 2, "connections": 10, "wrk_threads": 2, "waitress_threads": 4, "seconds": 3}
    for usual in (4400, 4467, 4600):
        history.record(tmp_path, {"date": "earlier", "setup": setup, "hello_per_s": usual})
    results = {"started": "2026-11-30T19:00:00+00:00", "targets": {
        "home": {"title": "public home page", "hello": {"rounds": [620, 618, 615, 630, 610]}},
        "search": {"title": "search", "hello": {"rounds": [600, 640, 618, 625, 612]}}}}
    run.judge_hello(results, tmp_path, setup)
    assert results["hello"]["median"] == 618.0 and results["hello"]["n"] == 10
    assert results["hello"]["usual"] == 4467 and results["hello"]["earlier_runs"] == 3
    assert [flag["kind"] for flag in results["flags"]] == ["hello_below_usual"]
    last = history.load(tmp_path)[-1]
    assert last["hello_per_s"] == 618.0 and last["flagged"] is True
