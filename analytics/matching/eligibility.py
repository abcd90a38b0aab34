"""Who may be a funded partner of an instrument, and who is real: candidate masks.

* ``flanders`` (the Flemish instruments: ICON, COOCK, cSBO, O&O...): organisations active in
  Flanders, i.e. ``region == "BE-VLG"`` where the region is known and ``country == "BE"``
  where it is not (``graph/schema/MODEL.md``: #14 fills regions from postcodes, provinces
  and the curated landscape). An organisation whose place is unknown is not proposed.
* ``any`` (EU instruments, no instrument): every country; an EU consortium's own rule on
  countries (``min_countries``) is checked on the consortium.

Synthetic and example organisations (``MatchModel.hidden``) are never candidates unless the
request asks for them (``include_synthetic``).

>>> from analytics.matching import from_rows
>>> m = from_rows([{"id": "a", "country": "BE", "region": "BE-VLG"},
...                {"id": "b", "country": "BE", "region": "BE-WAL"},
...                {"id": "c", "country": "BE"}, {"id": "d", "country": "FR"},
...                {"id": "e", "country": "BE", "synthetic": True}],
...               [{"org": o, "project": "p"} for o in "abcde"])
>>> active_in_flanders(m).tolist()
[True, False, True, False, True]
>>> candidates_mask(m, "flanders", include_synthetic=False).tolist()
[True, False, True, False, False]
"""

from __future__ import annotations

import numpy as np

from analytics.matching.match_model import MatchModel
from analytics.matching.rules import InstrumentRules

FLANDERS = "BE-VLG"


def active_in_flanders(model: MatchModel) -> np.ndarray:
    """Region BE-VLG where the region is known, else country BE."""
    known = model.regions != ""
    return np.where(known, model.regions == FLANDERS, model.countries == "BE")


def eligible(model: MatchModel, eligibility: str) -> np.ndarray:
    """The organisations an instrument may fund (``flanders`` or ``any``)."""
    if eligibility == "flanders":
        return active_in_flanders(model)
    return np.ones(model.n_orgs, dtype=bool)


def candidates_mask(model: MatchModel, eligibility: str, include_synthetic: bool) -> np.ndarray:
    """Eligible, named (an organisation known by its id alone cannot be approached), and
    real unless synthetic and example organisations are asked for."""
    mask = eligible(model, eligibility) & model.named
    return mask if include_synthetic else mask & ~model.hidden


def rule_sentence(rules: InstrumentRules) -> str:
    """The eligibility rule applied, as the answer states it."""
    if rules.eligibility == "flanders":
        return (
            f"Eligibility ({rules.name}): funded partners are organisations active in Flanders "
            "(region Flemish Region where known, else country Belgium); foreign organisations "
            "are left out (source: " + (rules.eligibility_source or "our reading") + ")"
        )
    countries = (
        f"; at least {rules.min_countries} countries in the consortium"
        if rules.min_countries
        else ""
    )
    return (
        f"Eligibility ({rules.name}): organisations of any country{countries} (source: "
        + (rules.eligibility_source or rules.source or "no instrument rule")
        + ")"
    )
