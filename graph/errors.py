"""The few errors innograph raises on purpose.

::

    InnographError      one clear sentence for the user; the CLI exits 1, the API answers 4xx/5xx
    ├── ConfigError     the machine or the settings are not right (Java, Maven, a port, a path)
    ├── ServerError     the Neo4j server does not come up or does not answer
    │   └── Unavailable the driver lost the server mid-work (down, restarting, bad credentials)
    ├── GraphError      Neo4j refused a statement (a constraint, a syntax error); carries its code
    ├── DataError       invalid input; carries every problem as file:line:column: reason
    ├── NotFound        an id that is not in the graph
    │   └── UnknownName a name that fits no organisation, or several: carries the closest ones
    ├── InvalidInput    a value a caller sent is not valid (an enterprise number, a parameter)
    └── QueryRefused    a Cypher query that would write or change the schema
"""

from __future__ import annotations

from dataclasses import dataclass


class InnographError(Exception):
    """Base class: the message is a full sentence meant for the user."""

    exit_code = 1


class ConfigError(InnographError):
    """The machine or the configuration is not right."""


class ServerError(InnographError):
    """The Neo4j server does not come up or does not answer."""

    exit_code = 3


class Unavailable(ServerError):
    """Neo4j stopped answering while innograph worked (``graph.db`` translates the driver's
    ``ServiceUnavailable``, ``SessionExpired`` and ``AuthError`` into this)."""


class GraphError(InnographError):
    """Neo4j refused a statement; ``code`` is Neo4j's status code
    (``Neo.ClientError.Schema.ConstraintValidationFailed``...)."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class NotFound(InnographError):
    """A requested id does not exist in the graph."""


class UnknownName(NotFound):
    """A name that fits no organisation (or several). ``suggestions`` are the closest ones,
    best first, as ``{"id", "name", "kind", "country"}`` rows; the message names them."""

    def __init__(self, message: str, suggestions: list[dict[str, str | None]] | None = None):
        super().__init__(message)
        self.suggestions = list(suggestions or [])


class InvalidInput(InnographError):
    """A value the caller sent is not valid (the API answers 422)."""


class QueryRefused(InnographError):
    """A query was refused by the read-only guard."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file, located as precisely as we can."""

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.reason}"


class DataError(InnographError):
    """Input is invalid. ``problems`` lists every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem], message: str | None = None):
        self.problems = sorted(problems)
        n = len(self.problems)
        head = message or f"{n} problem{'s' if n != 1 else ''} in the input; nothing was written"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in self.problems))
