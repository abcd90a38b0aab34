"""Which source wins a field: the precedence the writer applies when two sources meet.

A node or relationship often gets facts from several sources: KU Leuven is a row of the curated
landscape, a participant in CORDIS and perhaps a member in a cluster manager's file. The writer
(``graph.load``, statements ``merge_nodes``/``merge_relationships``) keeps, for every field,
the source that set it, and lets another source change that field only when it ranks higher:

1. the curated landscape and its reference tables (``seeds/...``, ``iso-3166-2:BE``,
   ``innograph-assumption``): typed in by hand from the source documents;
2. the NACE tables (``nace:...``);
3. cluster managers' files (``clusterfiles:...``): the cluster's own register;
4. CORDIS (``cordis:...``): legal names in capitals, a participant's view;
5. synthetic data (``synthetic:...``), which never meets a real node anyway.

A source may always fill a field nobody has set, and always update a field it set itself (a
corrected file reloads). So the curated display name "KU Leuven" stays, and CORDIS's
"KATHOLIEKE UNIVERSITEIT LEUVEN" is kept as ``legal_name`` (a field only CORDIS sets); a
second load of the same sources changes nothing. The flags ``synthetic`` and ``example`` are
set only when a node or relationship is created (or by the source that created it): a demo row
that names a real node never makes it synthetic.

>>> rank("seeds/000_da5ac1ebd3a3b6da.txt") > rank("clusterfiles:acme/organisations.csv")
True
>>> rank("cordis:h2020/organization.csv") > rank("synthetic:seed=7"), rank("unknown")
(True, 0)
"""

from __future__ import annotations

PRECEDENCE: tuple[tuple[str, int], ...] = (
    ("seeds/", 50),
    ("iso-3166-2:", 50),
    ("innograph-assumption", 50),
    ("nace:", 40),
    ("clusterfiles:", 30),
    ("cordis:", 20),
    ("synthetic:", 10),
)
FLAGS = ("synthetic", "example")  # set on creation only (see the module docstring)


def rank(source: str) -> int:
    """The precedence of a source id (higher wins); 0 for a source of no known kind."""
    return next((r for prefix, r in PRECEDENCE if source.startswith(prefix)), 0)


def params() -> dict[str, object]:
    """The parameters the merge statements take besides ``rows`` and ``now``."""
    return {"ranks": [list(p) for p in PRECEDENCE], "flags": list(FLAGS)}
