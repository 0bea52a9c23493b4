"""Running wrk and reading its report: parsing captured reports, the command
line, and (where wrk is installed) a real short run rotating among paths."""
from pathlib import Path

import pytest

from roundtable.bench import wrk

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


def test_command_line_with_a_header_and_a_rotation():
    args = wrk.command("http://h:1/search?q=a", 3, "bench.lua", ["If-None-Match: \"x\""],
                       ["/search?q=a", "/search?q=b"])
    assert args[:4] == ["wrk", "-t2", "-c10", "-d3s"]
    assert args[args.index("-s") + 1] == "bench.lua"
    assert args[args.index("-H") + 1] == 'If-None-Match: "x"'
    # the URL, then the paths for the Lua script's init(args)
    assert args[-4:] == ["http://h:1/search?q=a", "--", "/search?q=a", "/search?q=b"]
    assert "--" not in wrk.command("http://h:1/", 3, "p.lua")


needs_wrk = pytest.mark.skipif(not wrk.available(), reason="wrk is not installed")


@needs_wrk
def test_a_real_run_rotates_among_the_paths_and_sends_the_header(recorder):
    base, seen = recorder
    paths = ["/a", "/b?q=%C3%BC", "/c"]
    figures = wrk.run(base + paths[0], 1, ["If-None-Match: \"v1\""], paths,
                      connections=2, threads=1)
    assert figures["requests"] > 0 and figures["errors"] == 0
    assert {path for path, _match in seen} == set(paths)
    assert {match for _path, match in seen} == {'"v1"'}


@needs_wrk
def test_a_real_run_counts_a_missing_page_as_errors(recorder):
    base, _seen = recorder
    figures = wrk.run(base + "/missing", 1, connections=2, threads=1)
    assert figures["errors"] == figures["requests"] > 0


@needs_wrk
def test_a_unique_run_never_repeats_a_url_and_keeps_the_rotation(recorder):
    """For the search measured without the page cache: every request a URL the
    server has not seen, over two threads, still rotating among the queries."""
    base, seen = recorder
    paths = ["/search?q=a", "/search?q=b", "/plain"]
    figures = wrk.run(base + paths[0], 1, (), paths, connections=4, threads=2, unique=True)
    assert figures["requests"] > 10 and figures["errors"] == 0
    asked = [path for path, _match in seen]
    # (wrk leaves out of its count the requests still open when it stops)
    assert len(asked) == len(set(asked)) >= figures["requests"]
    assert {p.split("seen=")[0].rstrip("?&") for p in asked} == set(paths)
    assert all("&seen=" in p for p in asked if p.startswith("/search"))
    assert all(p.startswith("/plain?seen=") for p in asked if not p.startswith("/search"))


def test_command_line_of_a_unique_rotation():
    args = wrk.command("http://h:1/s?q=a", 3, "bench.lua", (), ["/s?q=a", "/s?q=b"], unique=True)
    assert args[-4:] == ["--", "--unique", "/s?q=a", "/s?q=b"]
