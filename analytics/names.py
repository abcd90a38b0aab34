"""One resolver for organisations as people type them: ``NameIndex``.

Every interface resolves an organisation through the same index (the CLI's ``--for`` and a
call file's ``partners:``, the API's ``org=``, the partner-search page), held by the match
model (``MatchModel.names_index``). It matches, in this order:

1. the id (``BE0403170701``, ``PIC:999991722``, ``ORG:ku leuven``), case ignored;
2. a Belgian enterprise number in any notation (``0403.170.701``, ``BE 0403 170 701``) and a
   PIC (``999991722``, ``PIC 999991722``);
3. the display name, then the aliases, acronyms, short and legal names, each through
   ``graph.keys.name_key`` (case, accents, punctuation and legal forms ignored), then the
   same keys without spaces (``KULeuven`` = ``KU Leuven``, ``Flux 50`` = ``Flux50``).

A name that several organisations carry resolves to the one real organisation among them
(synthetic and example ones give way); otherwise, and for a name that fits nobody,
``lookup`` raises ``graph.errors.UnknownName`` whose message and ``suggestions`` give the
closest few names ("did you mean ..."): the keys closest by the cosine of their character
2- and 3-grams (TF-IDF over n-grams, robust to typos such as ``KU Lueven``), re-ranked by
``difflib``'s ratio of the whole keys.

>>> idx = NameIndex(["ORG:ku leuven", "PIC:999991722"], ["KU Leuven", "imec"],
...                 aliases=[["Katholieke Universiteit Leuven"], ["IMEC"]])
>>> idx.lookup("k.u. leuven"), idx.lookup("KULeuven"), idx.lookup("999991722")
(0, 0, 1)
>>> [s["name"] for s in idx.suggest("KU Lueven")][:1]
['KU Leuven']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import scipy.sparse as sp

from graph.errors import UnknownName
from graph.keys import EnterpriseNumberError, name_key, normalise_enterprise_number

SUGGESTIONS = 5
_PIC = re.compile(r"^(?:pic[:\s]*)?(\d{9})$", re.IGNORECASE)
_BE_ID = re.compile(r"^BE(\d{10})$")


def _add(table: dict[str, list[int]], key: str, i: int) -> None:
    if key:
        hits = table.setdefault(key, [])
        if i not in hits:
            hits.append(i)


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.split("|") if t.strip()]
    return [str(t).strip() for t in value if t and str(t).strip()]


class NameIndex:
    """Ids, numbers and name keys of every organisation of a model, and n-grams for hints.

    ``hidden`` marks synthetic and example organisations: they give way to a real one of the
    same name and come last among the suggestions. ``kinds`` and ``countries`` only describe
    the suggestions.
    """

    def __init__(
        self,
        ids: Sequence[str],
        names: Sequence[str],
        aliases: Sequence[Any] | None = None,
        enterprise_numbers: Sequence[str | None] | None = None,
        pics: Sequence[str | None] | None = None,
        hidden: Sequence[bool] | np.ndarray | None = None,
        kinds: Sequence[str] | None = None,
        countries: Sequence[str] | None = None,
    ):
        n = len(ids)
        self.ids, self.names = list(ids), list(names)
        self.hidden = np.zeros(n, bool) if hidden is None else np.asarray(hidden, bool)
        self.kinds = list(kinds) if kinds is not None else [""] * n
        self.countries = list(countries) if countries is not None else [""] * n
        self._id = {o.casefold(): i for i, o in enumerate(self.ids)}
        self._numbers: dict[str, int] = {}
        self._pics: dict[str, int] = {}
        self._names: dict[str, list[int]] = {}
        self._aliases: dict[str, list[int]] = {}
        self._compact: dict[str, list[int]] = {}
        keys: list[str] = []
        owners: list[int] = []
        for i, oid in enumerate(self.ids):
            self._numbers_of(i, oid, enterprise_numbers, pics)
            primary = name_key(self.names[i])
            _add(self._names, primary, i)
            own = [primary]
            for alias in _texts(aliases[i] if aliases is not None else None):
                key = name_key(alias)
                _add(self._aliases, key, i)
                own.append(key)
            for key in dict.fromkeys(k for k in own if k):
                _add(self._compact, key.replace(" ", ""), i)
                keys.append(key)
                owners.append(i)
        self._keys = keys
        self._owner = np.asarray(owners, dtype=np.int64)
        self._grams: Any = None
        self._matrix: Any = None

    def _numbers_of(
        self,
        i: int,
        oid: str,
        enterprise_numbers: Sequence[str | None] | None,
        pics: Sequence[str | None] | None,
    ) -> None:
        m = _BE_ID.match(oid)
        if m:
            self._numbers.setdefault(m.group(1), i)
        if oid.startswith("PIC:"):
            self._pics.setdefault(oid[4:], i)
        if enterprise_numbers is not None and enterprise_numbers[i]:
            self._numbers.setdefault(str(enterprise_numbers[i]), i)
        if pics is not None and pics[i]:
            self._pics.setdefault(str(pics[i]), i)

    # -- exact resolution ----------------------------------------------------------------------
    def find(self, text: str) -> list[int]:
        """Every organisation the text names exactly (see the module docstring), best first."""
        text = (text or "").strip()
        if not text:
            return []
        if text.casefold() in self._id:
            return [self._id[text.casefold()]]
        number = self._number(text)
        if number is not None:
            return [number]
        key = name_key(text)
        for table, k in ((self._names, key), (self._aliases, key)):
            if k in table:
                return list(table[k])
        return list(self._compact.get(key.replace(" ", ""), []))

    def _number(self, text: str) -> int | None:
        m = _PIC.match(text.replace(" ", "") if text.upper().startswith("PIC") else text)
        if m and m.group(1) in self._pics:
            return self._pics[m.group(1)]
        if any(ch.isdigit() for ch in text):
            try:
                digits = normalise_enterprise_number(text)
            except EnterpriseNumberError:
                return None
            return self._numbers.get(digits)
        return None

    def lookup(self, text: str) -> int:
        """The position of the one organisation ``text`` names; ``UnknownName`` otherwise."""
        hits = self.find(text)
        if len(hits) > 1:
            real = [i for i in hits if not self.hidden[i]]
            hits = real if len(real) == 1 else hits
        if len(hits) == 1:
            return hits[0]
        if hits:
            rows = [self.describe(i) for i in hits[:SUGGESTIONS]]
            raise UnknownName(
                f"The name {text!r} fits {len(hits)} organisations: {_listed(rows, ids=True)}. "
                "Give the id or a fuller name.",
                rows,
            )
        rows = self.suggest(text)
        hint = f" Did you mean {_listed(rows, ' or ')}?" if rows else ""
        raise UnknownName(f"No organisation is called {text!r}.{hint}", rows)

    # -- suggestions ---------------------------------------------------------------------------
    def describe(self, i: int) -> dict[str, str | None]:
        return {
            "id": self.ids[i],
            "name": self.names[i],
            "kind": self.kinds[i] or None,
            "country": self.countries[i] or None,
        }

    def _vectors(self) -> tuple[Any, Any]:
        """``({gram: column}, idf)`` and the grams x keys matrix, built once (scikit-learn
        fits them; only plain arrays are kept, so a loaded index needs no scikit-learn)."""
        if self._grams is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            fitted = TfidfVectorizer(analyzer=grams, dtype=np.float32, sublinear_tf=True)
            self._matrix = fitted.fit_transform(self._keys or ["_"]).T.tocsr()
            self._grams = (dict(fitted.vocabulary_), np.asarray(fitted.idf_))
        return self._grams, self._matrix

    def _query(self, key: str) -> sp.csr_matrix:
        (vocab, idf), matrix = self._vectors()
        counts: dict[int, int] = {}
        for g in grams(key):
            if g in vocab:
                counts[vocab[g]] = counts.get(vocab[g], 0) + 1
        cols = np.asarray(sorted(counts), dtype=np.int64)
        data = np.asarray([(1 + np.log(counts[c])) * idf[c] for c in cols.tolist()])
        norm = float(np.sqrt((data**2).sum())) if data.size else 0.0
        return sp.csr_matrix(
            (data / (norm or 1.0), (np.zeros(len(cols), dtype=np.int64), cols)),
            shape=(1, matrix.shape[0]),
        )

    def warm(self) -> NameIndex:
        self._vectors()
        return self

    def suggest(self, text: str, n: int = SUGGESTIONS) -> list[dict[str, str | None]]:
        """The ``n`` names closest to ``text`` (real organisations before synthetic ones)."""
        key = name_key(text or "")
        if not key or not self._keys:
            return []
        matrix = self._vectors()[1]
        q = self._query(key)
        if q.nnz == 0:
            return []
        sims = np.asarray((q @ matrix).todense()).ravel()
        best: dict[int, float] = {}
        for k in np.argsort(-sims, kind="stable")[: n * 10]:
            if sims[k] <= 0.2:
                break
            owner = int(self._owner[k])
            # re-ranked by the edit similarity of the whole keys (Ratcliff/Obershelp), so a
            # short alias sharing a few n-grams ("KU") does not beat the name itself
            close = SequenceMatcher(None, key, self._keys[k]).ratio()
            score = (0.5 * float(sims[k]) + 0.5 * close) * (0.5 if self.hidden[owner] else 1.0)
            best[owner] = max(best.get(owner, 0.0), score)
        order = sorted(best, key=lambda i: (-best[i], self.names[i]))[:n]
        return [self.describe(i) for i in order]


def grams(text: str) -> list[str]:
    """Character 2- and 3-grams of each word padded with spaces (scikit-learn's ``char_wb``)."""
    out: list[str] = []
    for word in text.split():
        w = f" {word} "
        for n in (2, 3):
            out.extend(w[i : i + n] for i in range(len(w) - n + 1))
    return out


def _listed(rows: list[dict[str, str | None]], last: str = " and ", ids: bool = False) -> str:
    names = [str(r["name"]) for r in rows]
    twice = {x for x in names if names.count(x) > 1}
    shown = [
        f"{r['name']} ({r['id']})" if ids or r["name"] in twice else str(r["name"]) for r in rows
    ]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + last + shown[-1]
