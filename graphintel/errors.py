"""The one error hierarchy of graphintel.

Every failure graphintel expects (bad configuration, an unreachable Neo4j, a bad mapping,
a query that tries to write) is a :class:`GraphintelError`. The CLI catches only these and
prints ``Error: <what, where, fix>``; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class GraphintelError(Exception):
    """Base class: something graphintel can explain to the user.

    ``what`` says what went wrong, ``where`` names the file, line, field or setting, and
    ``fix`` says what to do about it.
    """

    def __init__(self, what: str, where: str | None = None, fix: str | None = None) -> None:
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self.message())

    def message(self) -> str:
        parts = [self.what]
        if self.where:
            parts.append(f"at {self.where}")
        if self.fix:
            parts.append(self.fix)
        return "; ".join(parts)


class ConfigError(GraphintelError):
    """A setting is missing or malformed."""


class Neo4jUnavailable(GraphintelError):
    """Neo4j cannot be reached, refused the credentials, or failed to start."""


class LocalNeo4jError(GraphintelError):
    """The local Neo4j could not be built, started or stopped."""


class SchemaError(GraphintelError):
    """The schema file is malformed or could not be applied."""


class CypherFileError(GraphintelError):
    """A ``.cypher`` file has a bad header, or a query was called with wrong parameters."""


class ReadOnlyViolation(GraphintelError):
    """A query run through the read-only query commands tried to write."""


class MappingError(GraphintelError):
    """A loader mapping (``loaders/*.yaml``) is invalid for the file it is applied to."""


class InputError(GraphintelError):
    """An input file cannot be read at all (missing, unknown format, undecodable)."""


class NotFound(GraphintelError):
    """A named subject, run, network or query does not exist."""


class Ambiguous(GraphintelError):
    """A name matches several subjects; ``candidates`` lists them."""

    def __init__(self, what: str, candidates: list[str], fix: str | None = None) -> None:
        self.candidates = candidates
        super().__init__(what, None, fix)


class OutputError(GraphintelError):
    """An output file or folder cannot be written (bad path, read-only, disk full)."""


class IncompleteWrite(GraphintelError):
    """A multi-step write (an analysis run) did not complete; what was written is not used."""


class QueryTimeout(GraphintelError):
    """Neo4j stopped a read that ran longer than ``GRAPHINTEL_QUERY_TIMEOUT`` allows."""
