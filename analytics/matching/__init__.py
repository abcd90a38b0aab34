"""Matchmaking: ranked, explained partners for an organisation or a call, and consortia.

A pure engine over an in-memory collaboration model (``MatchModel``), built from plain rows
(``from_rows``: ``analytics.adapter`` reads them from Neo4j and caches the model per graph
version) or from a ``History`` of participations (``from_history``: the back-test on CORDIS,
whose folders the interface reads). Nothing here reads the database. See
``docs/matchmaking.md``.

>>> from analytics.matching import from_rows, match_partners
>>> orgs = [{"id": i, "name": i.upper(), "kind": "firm"} for i in "abcd"]
>>> parts = [{"org": "a", "project": "p1", "title": "battery recycling"},
...          {"org": "b", "project": "p1", "title": "battery recycling"},
...          {"org": "b", "project": "p2", "title": "battery recycling plant"},
...          {"org": "c", "project": "p2", "title": "battery recycling plant"},
...          {"org": "d", "project": "p3", "title": "cheese"}]
>>> [m.id for m in match_partners(from_rows(orgs, parts), "a", k=2)]
['c', 'd']
"""

from analytics.matching.backtest import make_split
from analytics.matching.backtest import run as run_backtest
from analytics.matching.calls import Call, load_call
from analytics.matching.consortia import CallResult, Consortium, match_call
from analytics.matching.history import History, from_history
from analytics.matching.match_model import MatchModel
from analytics.matching.model_build import from_rows
from analytics.matching.rules import RULES, InstrumentRules, rules_for
from analytics.matching.saved import export_match, list_matches, load_match, save_match
from analytics.matching.scoring import Match, Weights, match_partners

__all__ = [
    "RULES",
    "Call",
    "CallResult",
    "Consortium",
    "History",
    "InstrumentRules",
    "Match",
    "MatchModel",
    "Weights",
    "export_match",
    "from_history",
    "from_rows",
    "list_matches",
    "load_call",
    "load_match",
    "make_split",
    "match_call",
    "match_partners",
    "rules_for",
    "run_backtest",
    "save_match",
]
