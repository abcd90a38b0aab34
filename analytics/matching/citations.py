"""Sources as people read them: a document's title and table, or a data set's project.

``source_of`` turns a relationship's ``source``/``source_ref`` into a ``Source`` (the Source
node's title; for CORDIS "CORDIS H2020 projects, project ACRONYM" with a link to the
project's CORDIS page), never a raw id or a hashed file name; the file, where there is one,
travels separately (``Reason.evidence()['file']``) for the pages to link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics.matching.match_model import MatchModel

_HASH = re.compile(r"_[0-9a-f]{16}")
CORDIS_PROJECT = "https://cordis.europa.eu/project/id/{}"


@dataclass
class Source:
    """Where a reason comes from: a document's title and table, or a data set's project."""

    title: str
    ref: str = ""
    url: str = ""  # a link to the record, where one exists
    file: str = ""  # the source file in the repository, where one exists

    def __str__(self) -> str:
        return self.title + (f", {self.ref}" if self.ref else "")


@dataclass
class Reason:
    text: str
    source: Source | None = None

    def sentence(self) -> str:
        """The reason with its source, as explanations show it."""
        return self.text + (f" Source: {self.source}." if self.source else "")

    def evidence(self) -> dict[str, str]:
        src = self.source or Source("")
        return {
            "reason": self.text,
            "source": str(src),
            "url": src.url,
            "file": src.file,
        }


def source_of(model: MatchModel, source: str, ref: str, project: int | None = None) -> Source:
    """A source as people read it: the Source node's title and the table or the project."""
    if source.startswith("cordis:"):
        if project is None:
            return Source("CORDIS H2020 projects")
        grant = model.project_grants[project] if model.project_grants else ""
        acronym = model.project_acronyms[project] if model.project_acronyms else ""
        label = acronym or _short(model.project_titles[project], 40)
        return Source(
            "CORDIS H2020 projects",
            f"project {label}" if label else "",
            CORDIS_PROJECT.format(grant) if grant else "",
        )
    node = model.sources.get(source) or {}
    title = str(node.get("title") or "")
    if not title:  # a source the graph has no node for: its id, without hashes
        title = "synthetic data" if source.startswith("synthetic") else _HASH.sub("", source)
    path = str(node.get("path") or "")
    return Source(title, ref, file=path if not path.startswith("/") else "")


def cite(model: MatchModel, source: str, ref: str, project: int | None = None) -> str:
    return str(source_of(model, source, ref, project)) if source else ""


def project_name(model: MatchModel, p: int) -> str:
    acronym = model.project_acronyms[p] if model.project_acronyms else ""
    title = model.project_titles[p]
    if acronym and title and not title.lower().startswith(acronym.lower()):
        return f'{acronym} "{_short(title)}"'
    return f'"{_short(title)}"' if title else (acronym or "an unnamed project")


def project_phrase(model: MatchModel, org: int, p: int) -> str:
    year = int(model.project_years[p])
    return project_name(model, p) + (f" ({year})" if year else "")


def project_source(model: MatchModel, org: int, p: int) -> Source | None:
    e = model.participation(org, p)
    if e < 0 or not model.edge_source[e]:
        return None
    return source_of(model, model.edge_source[e], model.edge_ref[e], p)


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
