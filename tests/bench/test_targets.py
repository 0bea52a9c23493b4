"""Aims as data (met, not met, unknown) and the targets' paths."""
from roundtable.bench import targets
from roundtable.bench.targets import Aim


def test_an_aim_reads_a_figure_or_the_median_of_a_summary():
    aim = Aim("ratio", ">=", 0.45, "≥ 45 %")
    assert aim.met({"ratio": {"median": 0.46, "min": 0.30}}) is True
    assert aim.met({"ratio": 0.44}) is False
    assert aim.met({"ratio": {}}) is None and aim.met({}) is None and aim.met(None) is None


def test_an_aim_may_name_alternative_figures():
    aim = Aim("send_s|queue_s", "<", 1.0, "send request < 1 s")
    assert aim.met({"queue_s": 26.5}) is False
    assert aim.met({"send_s": 0.2, "queue_s": 26.5}) is True   # the first present counts


def test_verdict():
    assert targets.verdict(targets.PAGE, {"ratio": {"median": 0.5}, "p95_ms": 12}) == "met"
    assert targets.verdict(targets.PAGE, {"ratio": {"median": 0.5}, "p95_ms": 25}) == "NOT met"
    assert targets.verdict(targets.PAGE, {"ratio": {"median": 0.5}}) == "–"
    assert targets.verdict(targets.PAGE, {"p95_ms": 25}) == "NOT met"   # one miss is enough
    assert targets.verdict((), {"p95_ms": 25}) == ""
    assert targets.labels(targets.PAGE) == "≥ 45 %, p95 < 20 ms"


def test_every_target_and_aim_of_the_issue_is_there():
    by_name = {t.name: t for t in targets.TARGETS}
    assert {"home", "meeting", "motion", "home_304", "feed_poll", "feed", "search"} <= set(by_name)
    assert by_name["home_304"].conditional and by_name["feed_poll"].conditional
    assert not by_name["feed"].growth
    assert {c.name for c in targets.IN_PROCESS} == {"ical", "newsletter"}


def test_paths_come_from_each_dataset_but_queries_from_the_base_one():
    base = {"paths": {"meeting": "/m1/", "search": "/search?q=a",
                      "searches": ["/search?q=a", "/search?q=b"]}}
    larger = {"paths": {"meeting": "/m5/", "search": "/search?q=z",
                        "searches": ["/search?q=z"]}}
    by_name = {t.name: t for t in targets.TARGETS}
    assert by_name["meeting"].paths(larger, base) == ["/m5/"]
    assert by_name["search"].paths(larger, base) == ["/search?q=a", "/search?q=b"]
    assert by_name["home"].paths(larger, base) == ["/"]
    # a dataset made before the list of queries has its one query
    assert targets.searches({"paths": {"search": "/search?q=x"}}) == ["/search?q=x"]


def test_an_in_process_comparison_gets_the_info_if_it_takes_it():
    def two(app, base_url):
        return {"ratio": 1.0, "args": 2}

    def three(app, base_url, info):
        return {"ratio": 1.0, "args": 3, "info": info}

    assert targets.InProcess("a", "a", two, ()).run(None, "u", {"x": 1})["args"] == 2
    assert targets.InProcess("b", "b", three, ()).run(None, "u", {"x": 1})["info"] == {"x": 1}
