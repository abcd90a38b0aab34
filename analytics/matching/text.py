"""Words and programme codes of organisation profiles, and their TF-IDF vectors.

An organisation's profile is its name and description plus the titles, themes and topics of
its projects. Free text becomes lowercase ASCII words (English and Dutch stop words dropped);
a programme code such as ``PHC-13-2014`` or ``H2020-EU.3.1.`` becomes the hierarchy of its
prefixes without the year (``c:phc``, ``c:phc-13``; ``c:h2020-eu``, ``c:h2020-eu-3``,
``c:h2020-eu-3-1``), so that organisations working under the same call family or programme
line match across work programmes.

Project documents are counted once and organisation counts are the sum over their projects
(``P @ C_projects``), which keeps profile building linear in the number of participations.

>>> tokens("Battery recycling in Flanders")
['battery', 'recycling', 'flanders']
>>> code_tokens("PHC-13-2014")
['c:phc', 'c:phc-13']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from graph.keys import fold

DUTCH_STOP_WORDS = frozenset(
    "aan als bij dat de den der des deze die dit door een en het hun in is met na naar niet "
    "of om onder op over te ten ter tot uit van voor zijn zich wat wordt worden werd ook "
    "nv bv bvba vzw cvba sa srl asbl".split()
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | DUTCH_STOP_WORDS
_YEAR = re.compile(r"^(19|20)\d\d$")
_CODE = re.compile(r"^[A-Za-z0-9]+([-._/][A-Za-z0-9]+)+[-._/]?$")


def tokens(text: str | None) -> list[str]:
    """Lowercase ASCII words of at least 3 characters, no stop words, no pure numbers."""
    return [
        w
        for w in fold(text or "").split()
        if len(w) >= 3 and not w.isdigit() and w not in STOP_WORDS
    ]


def code_tokens(code: str) -> list[str]:
    """The prefixes of a programme/topic code without year parts (``c:`` tokens)."""
    parts = [p for p in re.split(r"[-._/\s]+", code.lower()) if p and not _YEAR.match(p)]
    return [f"c:{'-'.join(parts[:i])}" for i in range(1, len(parts) + 1)]


def label_tokens(labels: Iterable[str]) -> list[str]:
    """Themes and topics: codes become code tokens, names become words."""
    out: list[str] = []
    for label in labels:
        label = (label or "").strip()
        if not label:
            continue
        if " " not in label and _CODE.match(label) and any(ch.isdigit() for ch in label):
            out.extend(code_tokens(label))
        else:
            out.extend(tokens(label))
    return out


def _identity(doc: list[str]) -> list[str]:
    return doc


class Profiles:
    """TF-IDF profiles of organisations built from token lists.

    ``X`` is the L2-normalised organisations x terms matrix; ``vector(text)`` embeds a free
    text (a call, a theme) in the same space, so ``X @ vector(text).T`` are cosines.
    """

    def __init__(
        self,
        org_docs: Sequence[list[str]],
        project_docs: Sequence[list[str]],
        P: sp.csr_matrix,
        min_df: int = 2,
        max_df: float = 0.5,
    ):
        self.counter = CountVectorizer(analyzer=_identity, min_df=1, dtype=np.float32)
        n_o = len(org_docs)
        docs = list(org_docs) + list(project_docs)
        if not any(docs):  # no words at all: empty profiles, zero similarities
            docs = [["__empty__"]] + docs[1:] if docs else [["__empty__"]]
        counts = self.counter.fit_transform(docs).tocsr()
        if n_o == 0 and not project_docs:
            counts = counts[:0]
        org_counts = counts[:n_o] + (P.astype(np.float32) @ counts[n_o:])
        df = np.asarray((org_counts > 0).sum(axis=0)).ravel()
        # terms of at least min_df organisations and of at most half of them (words every
        # profile has weigh next to nothing and cost the most to match)
        keep = np.arange(len(df))
        if n_o > 50:
            keep = np.flatnonzero(df >= min_df)
        if n_o > 1000:
            keep = keep[df[keep] <= max_df * n_o]
        self.vocabulary = np.asarray(self.counter.get_feature_names_out())[keep]
        self._column = {t: i for i, t in enumerate(self.vocabulary)}
        org_counts = org_counts[:, keep]
        self.tfidf = TfidfTransformer(sublinear_tf=True)
        self.X = self.tfidf.fit_transform(org_counts).tocsr().astype(np.float32)
        self.XT = self.X.T.tocsr()
        # projects in the same space (same vocabulary and IDF), for topic-weighted activity
        self.Xp = self.tfidf.transform(counts[n_o:][:, keep]).tocsr().astype(np.float32)
        self.XpT = self.Xp.T.tocsr()

    def vector(self, toks: list[str]) -> sp.csr_matrix:
        """The normalised TF-IDF row of a token list (terms unknown to the profiles dropped)."""
        cols = [self._column[t] for t in toks if t in self._column]
        row = sp.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (np.zeros(len(cols), int), cols)),
            shape=(1, len(self.vocabulary)),
        )
        row.sum_duplicates()
        return normalize(self.tfidf.transform(row)).astype(np.float32)

    def similarity_to(self, row: sp.csr_matrix) -> np.ndarray:
        """Cosine of every organisation's profile with a normalised row vector."""
        from analytics.matching.proximity import combine_rows

        if row.nnz == 0:
            return np.zeros(self.X.shape[0])
        return combine_rows(self.XT, row.indices, row.data)

    def project_similarity_to(self, row: sp.csr_matrix) -> np.ndarray:
        """Cosine of every project's document with a normalised row vector."""
        from analytics.matching.proximity import combine_rows

        if row.nnz == 0:
            return np.zeros(self.Xp.shape[0])
        return combine_rows(self.XpT, row.indices, row.data)

    def similarity_of(self, i: int) -> np.ndarray:
        """Cosine of every organisation's profile with organisation ``i``'s."""
        return self.similarity_to(self.X[i])

    def top_terms(self, i: int, j: int, n: int = 3) -> list[str]:
        """The terms that contribute most to the cosine of organisations ``i`` and ``j``."""
        a, b = self.X[i], self.X[j]
        common = np.intersect1d(a.indices, b.indices)
        if common.size == 0:
            return []
        wa = dict(zip(a.indices, a.data, strict=True))
        wb = dict(zip(b.indices, b.data, strict=True))
        best = sorted(common, key=lambda t: -wa[t] * wb[t])[:n]
        return [str(self.vocabulary[t]) for t in best]
