"""Database upgrade steps, applied in order, each exactly once.

The steps belong to the site layer (they may use every feature). The names
of applied steps are kept in a BTree in the database root. A new
database is created in the current shape and marks every step as applied;
an older one gets the missing steps at start-up or via ``roundtable-evolve``.
"""
import logging

from BTrees.OOBTree import OOBTree

from .. import freshness
from ..db import ROOT_KEY
from . import (s0001_meetings_folders, s0002_motions_committees, s0003_newsletter, s0004_catalog,
               s0025_search_stems, s0035_measures, s0036_frozen_reports,
               s0040_consent_records, s0041_privacy, s0050_search_titles,
               s0055_subscriber_reach)

log = logging.getLogger(__name__)

APPLIED_KEY = "roundtable.evolve"


def steps():
    """The ordered (name, function) list."""
    return [
        ("0001-meetings-folders", s0001_meetings_folders.evolve),
        ("0002-motions-committees", s0002_motions_committees.evolve),
        ("0003-newsletter", s0003_newsletter.evolve),
        ("0004-catalog", s0004_catalog.evolve),
        ("0025-search-stems", s0025_search_stems.evolve),
        ("0035-measures", s0035_measures.evolve),
        ("0036-frozen-reports", s0036_frozen_reports.evolve),
        ("0040-consent-records", s0040_consent_records.evolve),
        ("0041-privacy", s0041_privacy.evolve),
        ("0050-search-titles", s0050_search_titles.evolve),
        ("0055-subscriber-reach", s0055_subscriber_reach.evolve),
    ]


def applied(root):
    if APPLIED_KEY not in root:
        root[APPLIED_KEY] = OOBTree()
    return root[APPLIED_KEY]


def mark_all_applied(root):
    done = applied(root)
    for name, _step in steps():
        done[name] = True


def pending(root):
    done = root.get(APPLIED_KEY) or {}
    return [(name, step) for name, step in steps() if name not in done]


def evolve(root):
    """Apply the missing steps; returns their names. The caller commits."""
    names = []
    for name, step in pending(root):
        log.info("applying database upgrade step %s", name)
        step(root[ROOT_KEY])
        applied(root)[name] = True
        names.append(name)
    if names:
        # the steps change stored objects without events: renew every cached page and feed
        freshness.bump_everything(root._p_jar)
    return names
