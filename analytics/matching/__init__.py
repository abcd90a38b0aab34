"""Matchmaking: ranked, explained partners for an organisation or a call, and consortia.

A pure engine over an in-memory collaboration model (``MatchModel``), built from rows read
from Neo4j (``load_model(db)``, cached per graph version) or from CORDIS files
(``from_cordis``, for the back-test). See ``docs/matchmaking.md``.

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
from analytics.matching.consortia import Call, CallResult, Consortium, load_call, match_call
from analytics.matching.model import MatchModel, from_cordis, from_rows
from analytics.matching.rules import RULES, InstrumentRules, rules_for
from analytics.matching.saved import export_match, list_matches, load_match, save_match
from analytics.matching.scoring import Match, Weights, match_partners
from analytics.matching.store import load_model

__all__ = [
    "RULES",
    "Call",
    "CallResult",
    "Consortium",
    "InstrumentRules",
    "Match",
    "MatchModel",
    "Weights",
    "export_match",
    "from_cordis",
    "from_rows",
    "list_matches",
    "load_call",
    "load_match",
    "load_model",
    "make_split",
    "match_call",
    "match_partners",
    "rules_for",
    "run_backtest",
    "save_match",
]
