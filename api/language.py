"""The language of an answer: Dutch or English, chosen the same way by every page, map and figure.

The rule, in order: a ``?lang=nl|en`` query parameter, then the ``lang`` cookie (the pages' toggle
remembers the choice there), then the best of ``nl`` and ``en`` in ``Accept-Language`` (by its
q-values, a region such as ``nl-BE`` counting as ``nl``), and English when none of these says.

>>> choose_language(None, None, "nl-BE,nl;q=0.9,en;q=0.8")
'nl'
>>> choose_language(None, "en", "nl-BE")
'en'
>>> choose_language("nl", "en", None)
'nl'
>>> choose_language(None, None, "fr-FR,fr;q=0.9,en;q=0.5")
'en'
>>> choose_language("de", None, None)
'en'
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Request

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT: Language = "en"
COOKIE = "lang"


def _known(value: str | None) -> Language | None:
    code = (value or "").strip().lower().split("-")[0]
    return "nl" if code == "nl" else "en" if code == "en" else None


def _from_accept(header: str | None) -> Language | None:
    best: tuple[float, Language] | None = None
    for part in (header or "").split(","):
        tag, _, params = part.partition(";")
        language = _known(tag)
        if language is None:
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if quality > 0 and (best is None or quality > best[0]):
            best = (quality, language)
    return best[1] if best else None


def choose_language(query: str | None, cookie: str | None, accept: str | None) -> Language:
    """The answer's language by the rule above."""
    return _known(query) or _known(cookie) or _from_accept(accept) or DEFAULT


def language_of(request: Request) -> Language:
    """The language of the answer to ``request`` by the rule above."""
    return choose_language(
        request.query_params.get("lang"),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


async def request_language(request: Request) -> Language:
    return language_of(request)


LanguageDep = Annotated[str, Depends(request_language)]
