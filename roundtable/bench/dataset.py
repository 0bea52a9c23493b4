"""The benchmark's dataset on disk: generated once into a FileStorage, reused.

The generators (``generators.py``) run one commit per kind, not per object,
with a seeded random generator, so the same scale gives the same data; the
counts and sample paths go to ``dataset.json`` beside ``Data.fs``.
"""
import json
import random
from datetime import date
from pathlib import Path

import transaction
from pyramid.traversal import resource_path

from ..db import ROOT_KEY
from ..tree import make_portal
from ..evolve import mark_all_applied, steps
from ..timeutil import now
from .generators import GENERATORS, Context

# bumped when the shape of the data changes, so an old dataset is regenerated
VERSION = 4  # 4: a list of search queries in the paths
YEARS = 10
INFO_FILE = "dataset.json"
DATA_FILE = "Data.fs"


def sample_paths(portal, ctx):
    """URLs (paths) of the pages the runner measures, chosen from the data:
    the last plenary session with minutes (any session at a tiny scale)."""
    plenary = [m for m in ctx.meetings if m.body.kind == "plenary"] or ctx.meetings
    with_minutes = [m for m in plenary if m.minutes is not None] or plenary
    return {"meeting": resource_path(with_minutes[-1]) + "/"}


def generate(directory, scale=1.0, today=None, seed=2016, out=None):
    """Create ``directory``/Data.fs and dataset.json; returns the info dict.

    ``scale`` shrinks every count (tests use a tiny one). The ten years end
    one year after ``today``, so there are upcoming sessions too.
    """
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob(DATA_FILE + "*"):
        stale.unlink()
    (directory / INFO_FILE).unlink(missing_ok=True)
    today = today or date.today()
    ctx = Context(rng=random.Random(seed), today=today,
                  first=today.replace(year=today.year - YEARS + 1, day=1),
                  last=today.replace(year=today.year + 1, day=1))
    counts = {}
    db = DB(FileStorage(str(directory / DATA_FILE)), cache_size=200000)
    try:
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        with tm:
            root = conn.root()
            portal = root[ROOT_KEY] = make_portal("Runder Tisch für Integration", "Flensburg")
            mark_all_applied(root)
        for kind, generator, count in GENERATORS:
            with tm:
                scaled = None if count is None else max(1, round(count * scale))
                counts[kind] = generator(portal, ctx, scaled)
            if out is not None:
                print(f"  {kind}: {counts[kind]}", file=out, flush=True)
        paths = dict(sample_paths(portal, ctx), **ctx.paths)
        conn.close()
    finally:
        db.close()
    info = {"version": VERSION, "steps": step_names(), "scale": scale, "seed": seed, "today": today.isoformat(),
            "first": ctx.first.isoformat(), "last": ctx.last.isoformat(), "counts": counts,
            "paths": paths, "created": now().isoformat()}
    (directory / INFO_FILE).write_text(json.dumps(info, indent=2, ensure_ascii=False))
    return info


def step_names():
    """The database upgrade steps the code knows: a dataset made before a new
    one would be upgraded at the server's start (and measured in an upgraded
    shape, not the one a fresh database has), so it is made anew instead."""
    return [name for name, _step in steps()]


def load_or_generate(directory, scale=1.0, out=None):
    """The dataset in ``directory`` if it is complete and of this version,
    scale and upgrade steps, else a fresh one (generating takes a while;
    reuse saves it)."""
    path = Path(directory) / INFO_FILE
    if path.exists() and (Path(directory) / DATA_FILE).exists():
        info = json.loads(path.read_text())
        if (info.get("version") == VERSION and info.get("scale") == scale
                and info.get("steps") == step_names()):
            return info
    if out is not None:
        print(f"Generating the benchmark dataset in {directory} ...", file=out, flush=True)
    return generate(directory, scale, out=out)
