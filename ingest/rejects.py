"""What a builder returns in skip mode: the records of the valid rows and the rejected rows.

``BuildResult`` is ``graph.records.Records`` plus the rows left out (with every reason);
``write_report`` writes them as a CSV file the user can read.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import Problem
from graph.records import Records


@dataclass
class Rejected:
    """A row left out in skip mode, with every reason."""

    file: str
    line: int
    values: dict[str, str]
    problems: list[Problem]


@dataclass
class BuildResult(Records):
    """``Records`` of the valid rows, plus the rejected rows (empty unless in skip mode)."""

    rejected: list[Rejected] = field(default_factory=list)
    # CORDIS only: the Belgian organisations of the extract, {organisation id: legal name}
    # after resolution (what ``ingest.cordis.landscape_report`` matches to the landscape)
    belgian: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every rejected row, sorted by file, line and column."""
        return sorted(p for r in self.rejected for p in r.problems)


def write_report(rejected: list[Rejected], path: Path) -> Path:
    """Write the rejected rows as CSV: ``file, line, column, reason, row``; one line a problem.

    Rows keep the builder's order: the files in load order (clusters, organisations, projects,
    memberships, participations), so root causes come before the rows that depend on them.
    """
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "line", "column", "reason", "row"])
        for r in rejected:
            row = "; ".join(f"{k}={v}" for k, v in r.values.items() if v)
            for p in r.problems:
                w.writerow([p.file, p.line, p.column, p.reason, row])
    return Path(path)
