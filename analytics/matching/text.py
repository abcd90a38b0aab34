"""Terms and programme codes of organisation profiles, and their TF-IDF vectors.

An organisation's profile is its name and description plus the titles (counted twice: the title
is the field that says what a project is about), themes and topics of its projects. Free text
becomes stemmed English words and adjacent-word phrases, Dutch translated on the way
(``analytics.matching.terms``); a programme code such as ``PHC-13-2014`` or ``H2020-EU.3.1.``
becomes the hierarchy of its prefixes without the year (``c:phc``, ``c:phc-13``;
``c:h2020-eu``, ``c:h2020-eu-3``, ``c:h2020-eu-3-1``), so that organisations working under the
same call family or programme line match across work programmes.

Project documents are counted once and organisation counts are the sum over their projects
(``P @ C_projects``), which keeps profile building linear in the number of participations.

>>> tokens("Battery recycling in Flanders")
['batteri', 'recycl', 'batteri_recycl', 'flander']
>>> code_tokens("PHC-13-2014")
['c:phc', 'c:phc-13']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from analytics.matching.terms import STOP_WORDS, surfaces, terms, with_codes

__all__ = ["STOP_WORDS", "Profiles", "code_tokens", "label_tokens", "query_tokens", "tokens"]
_YEAR = re.compile(r"^(19|20)\d\d$")
_CODE = re.compile(r"^[A-Za-z0-9]+([-._/][A-Za-z0-9]+)+[-._/]?$")
# words that say nothing about a topic on their own: never a query term
GENERIC = frozenset(
    terms(
        "based using use new novel towards development developing innovative advanced approach "
        "approaches high low integrated european europe research innovation project projects "
        "solution solutions system systems technology technologies synthetic working future "
        "set application applications improved improving efficient smart study studies "
        "network networks pilot demonstration action support model models industry "
        "industrial production product products use",
        phrases=False,
    )
)
MAX_QUERY_DF = 0.05  # a query term in more than 5 % of the projects is too common to match on


def tokens(text: str | None) -> list[str]:
    """Terms of a free text: stemmed words and phrases (``analytics.matching.terms``)."""
    return terms(text)


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


def query_tokens(texts: Iterable[str]) -> list[str]:
    """The terms of a call or theme: words, phrases, codes, and the programme codes that
    stand for some of its words; generic words left out."""
    return with_codes([t for t in label_tokens(texts) if t not in GENERIC])


def normalize_rows(M: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit L2 norm (empty rows stay empty), like sklearn's ``normalize``."""
    M = sp.csr_matrix(M, dtype=np.float64)
    norms = np.sqrt(np.asarray(M.multiply(M).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(scale) @ M)


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
        seen: dict[str, dict[str, int]] | None = None,
    ):
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

        counter = CountVectorizer(analyzer=_identity, min_df=1, dtype=np.float32)
        n_o = len(org_docs)
        docs = list(org_docs) + list(project_docs)
        if not any(docs):  # no words at all: empty profiles, zero similarities
            docs = [["__empty__"]] + docs[1:] if docs else [["__empty__"]]
        counts = counter.fit_transform(docs).tocsr()
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
        self.vocabulary = np.asarray(counter.get_feature_names_out())[keep]
        self._column = {t: i for i, t in enumerate(self.vocabulary)}
        self.display = surfaces((str(t) for t in self.vocabulary), seen or {})
        org_counts = org_counts[:, keep]
        tfidf = TfidfTransformer(sublinear_tf=True)
        self.X = tfidf.fit_transform(org_counts).tocsr().astype(np.float32)
        # the weights a query needs, without scikit-learn (nothing of it is kept or pickled)
        self.idf = np.asarray(tfidf.idf_, dtype=np.float64)
        self.XT = self.X.T.tocsr()
        # projects in the same space (same vocabulary and IDF), for topic-weighted activity
        project_counts = counts[n_o:][:, keep]
        self.Xp = (
            tfidf.transform(project_counts).tocsr().astype(np.float32)
            if project_counts.shape[0]
            else sp.csr_matrix(project_counts.shape, dtype=np.float32)
        )
        self.XpT = self.Xp.T.tocsr()
        n_p = max(1, self.Xp.shape[0])
        self.project_df = np.asarray((self.Xp > 0).sum(axis=0)).ravel() / n_p
        self.XT_bin = self.XT.copy()
        self.XT_bin.data[:] = 1.0
        self.XpT_bin = self.XpT.copy()
        self.XpT_bin.data[:] = 1.0

    def vector(self, toks: list[str], query: bool = False) -> sp.csr_matrix:
        """The normalised TF-IDF row of a token list (terms unknown to the profiles dropped).

        With ``query`` (a call or a theme), terms found in more than ``MAX_QUERY_DF`` of the
        projects are dropped too (once there are 200 projects to judge by): a word that
        common matches everything and means nothing on its own."""
        cols = [self._column[t] for t in toks if t in self._column]
        if query and self.Xp.shape[0] >= 200:
            cols = [c for c in cols if self.project_df[c] <= MAX_QUERY_DF]
        row = sp.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (np.zeros(len(cols), int), cols)),
            shape=(1, len(self.vocabulary)),
        )
        row.sum_duplicates()
        row.data = (1.0 + np.log(row.data)) * self.idf[row.indices]  # sublinear tf x idf
        return normalize_rows(row).astype(np.float32)

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

    def coverage(self, row: sp.csr_matrix, projects: bool = False) -> np.ndarray:
        """How many distinct terms of ``row`` each organisation's (or project's) text has."""
        from analytics.matching.proximity import combine_rows

        M = self.XpT_bin if projects else self.XT_bin
        if row.nnz == 0:
            return np.zeros(M.shape[1])
        return combine_rows(M, row.indices, np.ones(row.nnz))

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
