"""What ``make bench`` measures, and the aims of issue 20 beside each figure.

Adding a page is one line in ``TARGETS`` (its path, or a function of the
dataset info that returns it); adding an in-process comparison is one line
in ``IN_PROCESS``. An aim is data (a figure's key, a comparison, a limit),
so the table can say "met" or "not met" for it; nothing is ever asserted.
"""
import inspect
import operator
from dataclasses import dataclass
from typing import Callable, Optional, Union

from . import icalcompare, newsletter

_OPS = {"<": operator.lt, "<=": operator.le, ">=": operator.ge, ">": operator.gt}


@dataclass(frozen=True)
class Aim:
    """``key`` names the figure (alternatives separated by ``|``, the first
    present counts; a summary dict counts by its median), ``op`` and ``limit``
    the wish, ``label`` how the table prints it."""

    key: str
    op: str
    limit: float
    label: str

    def value(self, figures):
        for key in self.key.split("|"):
            value = (figures or {}).get(key)
            if isinstance(value, dict):
                value = value.get("median")
            if isinstance(value, (int, float)):
                return value
        return None

    def met(self, figures):
        """True or False; None when the figure is missing."""
        value = self.value(figures)
        return None if value is None else _OPS[self.op](value, self.limit)


MET, NOT_MET, UNKNOWN = "met", "NOT met", "–"


def verdict(aims, figures):
    """"met" when every aim is met, "NOT met" when one is not, "–" when a
    figure is missing, "" when there is no aim."""
    if not aims:
        return ""
    found = [aim.met(figures) for aim in aims]
    if False in found:
        return NOT_MET
    return MET if all(found) else UNKNOWN


def labels(aims):
    return ", ".join(aim.label for aim in aims)


PAGE = (Aim("ratio", ">=", 0.45, "≥ 45 %"), Aim("p95_ms", "<", 20, "p95 < 20 ms"))
NOT_MODIFIED = (Aim("ratio", ">=", 0.50, "≥ 50 %"),)
FEED_POLL = (Aim("ratio", ">=", 0.45, "≥ 45 %"),)
SEARCH = (Aim("p95_ms", "<", 50, "p95 < 50 ms"),)
GROWTH = (Aim("p50_ms", "<=", 1.2, "p50 ≤ 1.2×"), Aim("p95_ms", "<=", 1.2, "p95 ≤ 1.2×"))
RSS = (Aim("peak_rss_mb", "<", 200, "< 200 MB"),)


def searches(info):
    """The search queries the dataset chose (one, in a dataset made before the list)."""
    return info["paths"].get("searches") or [info["paths"]["search"]]


@dataclass
class Target:
    """A URL loaded under wrk on every Roundtable server of the run, in rounds
    alternating with hello world.

    ``conditional``: each request sends ``If-None-Match`` with the ETag the
    page returned (what a browser or a calendar client polling does).
    ``rotate``: a function of the dataset info giving paths the requests
    rotate among (so no single cached answer stands for all); the base
    dataset's, at every scale.
    ``growth``: whether the aim on growth applies (a feed of every event
    grows with the data by nature; its latency is shown, not judged).
    ``unique``: each request's URL is one the server has not answered before
    (a counter appended), so the page cache never answers: the cost of the
    work itself, as for a query nobody asked yet.
    """

    name: str
    title: str
    path: Union[str, Callable[[dict], str]]
    aims: tuple = PAGE
    conditional: bool = False
    rotate: Optional[Callable[[dict], list]] = None
    growth: bool = True
    unique: bool = False

    def paths(self, info, base_info=None):
        """The paths on a server of the dataset ``info``: a page chosen from
        that dataset (the same kind of page at every scale), or the rotation
        of the base dataset (the same queries at every scale)."""
        if self.rotate is not None:
            return list(self.rotate(base_info or info))
        return [self.path(info) if callable(self.path) else self.path]


TARGETS = [
    Target("home", "public home page", "/"),
    Target("meeting", "meeting page", lambda info: info["paths"]["meeting"]),
    Target("motion", "motion page", lambda info: info["paths"]["motion"]),
    Target("home_304", "home page, 304 (If-None-Match)", "/", NOT_MODIFIED, conditional=True),
    Target("feed_poll", "site feed poll (304)", "/calendar.ics", FEED_POLL, conditional=True),
    Target("feed", "site iCal feed, full GET", "/calendar.ics", (), growth=False),
    Target("search", "search (rotating queries)", None, SEARCH, rotate=searches),
    Target("search_new", "search, each URL new", None, SEARCH, rotate=searches, unique=True),
]


@dataclass
class InProcess:
    """A comparison run inside the runner's process on the base dataset:
    ``function(app, base_url, info)`` (or ``(app, base_url)``) returns a dict
    with at least ``ratio``; the table prints all it returns."""

    name: str
    title: str
    function: Callable
    aims: tuple

    def run(self, app, base_url, info):
        if len(inspect.signature(self.function).parameters) >= 3:
            return self.function(app, base_url, info)
        return self.function(app, base_url)


IN_PROCESS = [
    InProcess("ical", "feed rebuild / raw icalendar", icalcompare.compare,
              (Aim("ratio", "<=", 1.2, "≤ 1.2×"),)),
    InProcess("newsletter", "newsletter delivery / raw smtplib", newsletter.compare,
              (Aim("ratio", ">=", 0.9, "≥ 0.9×"),
               Aim("send_request_s|send_s|queue_s", "<", 1.0, "send request < 1 s"))),
]
