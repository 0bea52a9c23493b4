"""The machine's usual hello-world figure and the flags of a run that is off."""
import json

from roundtable.bench import history

SETUP = {"cpus": 2, "connections": 10, "wrk_threads": 2, "waitress_threads": 4, "seconds": 3}


def kinds(found):
    return [flag["kind"] for flag in found]


def test_a_steady_run_near_the_usual_is_not_flagged():
    assert history.flags([4400, 4500, 4450, 4300, 4600], 4467, 6) == []


def test_a_run_far_below_the_usual_is_flagged():
    found = history.flags([2000, 2100, 2050, 1990, 2080], 4467, 6)
    assert kinds(found) == ["hello_below_usual"]
    assert "46%" in found[0]["text"] and "4,467" in found[0]["text"]
    assert "6 earlier runs" in found[0]["text"]
    # just above the line is not
    assert history.flags([3200] * 5, 4467, 6) == []


def test_without_history_only_the_scatter_can_flag():
    assert history.flags([618] * 5, None, 0) == []
    found = history.flags([600, 1500, 3000, 4400, 4500], None, 0)
    assert kinds(found) == ["hello_scatter"]


def test_a_target_whose_hello_rounds_scatter_is_named():
    found = history.flags([4000] * 10, 4000, 2, {
        "public home page": [4000, 4000, 4000, 4000, 4000],
        "search": [4000, 1000, 4000, 1000, 2500],
    })
    assert kinds(found) == ["target_scatter"]
    assert found[0]["targets"] == ["search"] and "search" in found[0]["text"]


def test_history_is_recorded_kept_short_and_matched_by_setup(tmp_path):
    assert history.load(tmp_path) == []
    for n in range(history.KEEP + 5):
        history.record(tmp_path, {"date": str(n), "setup": SETUP, "hello_per_s": 4000 + n})
    entries = history.load(tmp_path)
    assert len(entries) == history.KEEP and entries[-1]["date"] == str(history.KEEP + 4)
    usual, count = history.usual(entries, SETUP)
    assert count == history.KEEP and usual == 4000 + 5 + (history.KEEP - 1) / 2
    # a run on another set-up (other cores, other round length) is no yardstick
    assert history.usual(entries, dict(SETUP, cpus=8)) == (None, 0)
    assert history.usual(entries, dict(SETUP, seconds=10)) == (None, 0)


def test_a_broken_history_file_is_ignored(tmp_path):
    (tmp_path / history.HISTORY_FILE).write_text("{not json")
    assert history.load(tmp_path) == []
    (tmp_path / history.HISTORY_FILE).write_text(json.dumps({"a": 1}))
    assert history.load(tmp_path) == []
