"""The normalised form every source is turned into before it is written.

A :class:`Unit` is one input row: the report it belongs to, the entities it names (keys
already normalised) and the links between them. A :class:`Problem` is a row that cannot
be loaded, with where and why; it goes to the quarantine file.

A row is checked whole: every independent :class:`Fault` of it (each field that fails its
check, each entity, each link) is found, not only the first, and the row is one
:class:`Problem` listing them all. Loaders collect them with :class:`Faults`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from graphintel.clean.dates import DateWindow

if TYPE_CHECKING:
    from graphintel.config import Settings


@dataclass
class EntityIn:
    """One entity named by a row, with its normalised identity key.

    For a person, ``keys`` holds every identity key the mention gives (``ref:``, ``nd:``,
    or ``n:`` alone); ``key`` is the first of them, the one a new person's uid is made of.
    """

    local_id: str
    label: str
    key: str
    props: dict[str, Any]
    roles: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    variant: str | None = None
    extracted: bool = False
    keys: list[str] = field(default_factory=list)
    #: The row's own source ID for this entity (``<source>/<space>/<id>``), recorded in
    #: the index of source IDs when written.
    source_key: str | None = None
    #: Set for an entity the row names only by a source ID (a link file): the key to look
    #: up, then ``resolved_uid`` once found (a row whose ID resolves to nothing is
    #: quarantined before it is written).
    ref_key: str | None = None
    ref_field: str | None = None
    resolved_uid: str | None = None
    #: Identifiers kept as written though they failed their check (a phone number that
    #: cannot be one, a VRM or postcode of no GB format): the field (as the row names it)
    #: and why, one warning line each (:func:`graphintel.ingest.normalise.doubt`).
    doubts: list[Fault] = field(default_factory=list)

    @property
    def uid(self) -> str:
        if self.resolved_uid:
            return self.resolved_uid
        return f"{self.label}:{self.key}"


@dataclass
class LinkIn:
    """A relationship between two entities of the same row."""

    from_id: str
    to_id: str
    type: str
    at: str | None = None
    count: int | None = None
    note: str | None = None
    kind: str | None = None
    role: str | None = None


@dataclass
class ReportIn:
    """The report (intelligence report, or a records-system extract) a row belongs to."""

    ref: str
    props: dict[str, Any]


@dataclass
class Unit:
    """One loadable input row."""

    source: str
    line: int
    report: ReportIn
    entities: list[EntityIn]
    links: list[LinkIn]
    content_hash: str
    per_row_report: bool = True
    suggested: list[str] = field(default_factory=list)
    #: Of ``suggested``, those the narrative gives an age under 18 beside their name:
    #: ``{uid, age, age_on}`` each (:func:`graphintel.ingest.narrative_ages.child_ages`).
    suggested_ages: list[dict[str, Any]] = field(default_factory=list)
    #: Where the row is, for a row of a file-wide report: ``<report ref>#L<line>``, then
    #: the row's own reference in brackets when the mapping names one (``row_ref``).
    row_ref: str | None = None
    #: The versions of this report the row replaces, as (content hash, one-line summary):
    #: the report's reference is already loaded (or given earlier in the file) with other
    #: content (:mod:`graphintel.ingest.versions`).
    supersedes: list[tuple[str, str]] = field(default_factory=list)
    #: What the write found worth telling the analyst (a nominal reference that belongs to
    #: someone else): one line each, for the load's warnings.
    notes: list[str] = field(default_factory=list)
    #: What reading the row changed and the analyst should know (a link written the wrong
    #: way round, :mod:`graphintel.ingest.link_direction`; an identifier kept as written,
    #: :mod:`graphintel.ingest.doubts`): one line each, without the
    #: file and line, for the load's warnings.
    advice: list[str] = field(default_factory=list)
    #: The row as the file holds it (clipped), for a row of a table whose report may have
    #: other rows: quarantined with them when they disagree (:mod:`graphintel.ingest.report_rows`).
    raw: str | None = None


class Fault(NamedTuple):
    """One thing wrong with a row: the field (or column) and why."""

    field: str
    reason: str


@dataclass(frozen=True)
class Problem:
    """One input row that cannot be loaded: where, which field, why, and the row itself.

    A row is quarantined once however many faults it has: ``field`` and ``reason`` are
    its first, ``more`` the others, in the order of the row's fields (:attr:`faults`
    lists them all); each is a line of its own (:meth:`line_texts`).
    """

    source: str
    line: int
    field: str
    reason: str
    raw: str
    more: tuple[Fault, ...] = ()
    #: The report reference the row gives, when it can be read (a table whose rows are
    #: reports): the report's other rows are then held back too
    #: (:func:`graphintel.ingest.report_rows.report_batches`).
    ref: str | None = None

    @property
    def faults(self) -> list[Fault]:
        """Every fault of the row, the first one first."""
        return [Fault(self.field, self.reason), *self.more]

    def line_text(self) -> str:
        """The one-line message of the first fault: what, where (file, line, field), why."""
        return f"{self.source}:{self.line}: field '{self.field}': {self.reason}"

    def line_texts(self) -> list[str]:
        """One line per fault, as :meth:`line_text`.

        >>> p = Problem("log.csv", 4, "Date", "unparseable date", "...",
        ...             (Fault("Subject DOB (subject.dob)", "implausible date"),))
        >>> p.line_texts()[1]
        "log.csv:4: field 'Subject DOB (subject.dob)': implausible date"
        """
        return [f"{self.source}:{self.line}: field '{f.field}': {f.reason}" for f in self.faults]


class RowRejected(Exception):
    """Raised inside a loader to turn the current row into a :class:`Problem`.

    It carries every fault found (``faults``, at least one); ``field`` and ``reason`` are
    the first's. ``RowRejected(field, reason)`` is one fault; :meth:`of` makes one of
    several (what :meth:`Faults.check` raises).
    """

    def __init__(self, field_name: str, reason: str, more: Iterable[Fault] = ()) -> None:
        self.faults = [Fault(field_name, reason), *more]
        super().__init__("; ".join(f"{f.field}: {f.reason}" for f in self.faults))
        self.field = field_name
        self.reason = reason

    @classmethod
    def of(cls, faults: Sequence[Fault]) -> RowRejected:
        """One exception carrying ``faults`` (not empty), in their order."""
        first, *rest = faults
        return cls(first.field, first.reason, rest)

    def problem(self, source: str, line: int, raw: str) -> Problem:
        """The row's :class:`Problem`: where it is, every fault, the row as read."""
        return Problem(source, line, self.field, self.reason, raw, tuple(self.faults[1:]))


class Faults:
    """The faults of one row, collected check by check so that one bad field does not
    hide the next.

    Each independent check runs in a ``with faults:`` block of its own: a
    :class:`RowRejected` raised inside is recorded (all its faults) and the block is left;
    the code after the block runs on, so a value the block was to set keeps the default
    it was given before the block. A check that depends on another (a date of birth after
    the report's date needs both dates to be read) goes in the same block after it, or
    reads the default: it is neither run nor reported when the check it depends on fails.
    :meth:`check` then raises one :class:`RowRejected` with every fault, in the order
    they were found.

    >>> faults = Faults()
    >>> with faults:
    ...     raise RowRejected("date", "unparseable date")
    >>> with faults:
    ...     pass
    >>> faults.add("grading", "missing grading")
    >>> try:
    ...     faults.check()
    ... except RowRejected as rej:
    ...     [f.field for f in rej.faults]
    ['date', 'grading']
    """

    def __init__(self) -> None:
        self.found: list[Fault] = []

    def __enter__(self) -> Faults:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if isinstance(exc, RowRejected):
            self.found.extend(exc.faults)
            return True
        return False

    def __len__(self) -> int:
        return len(self.found)

    def add(self, field_name: str, reason: str) -> None:
        """Record one fault."""
        self.found.append(Fault(field_name, reason))

    def check(self) -> None:
        """Raise :class:`RowRejected` with every fault found, if any."""
        if self.found:
            raise RowRejected.of(self.found)


@dataclass(frozen=True)
class Limits:
    """Input limits, the plausible-date window and the phone region of one ingest run (from
    the settings)."""

    max_cell_bytes: int = 128 * 1024
    max_line_bytes: int = 4 * 1024 * 1024
    max_xlsx_bytes: int = 200 * 1024 * 1024
    window: DateWindow | None = None
    #: The region phone numbers without a country code are read in (a mapping may say
    #: otherwise for its files).
    phone_region: str = "GB"

    @classmethod
    def from_settings(cls, settings: Settings, today: date | None = None) -> Limits:
        return cls(settings.max_cell_bytes, settings.max_line_bytes, settings.max_xlsx_bytes,
                   DateWindow.ending_after(settings.earliest_date, today or date.today(),
                                           settings.future_days), settings.phone_region)


@dataclass(frozen=True)
class Notice:
    """Yielded by a reader before its rows: something about the whole file the load should
    say (a column the mapping does not read). Not a record: not counted as read."""

    text: str


@dataclass(frozen=True)
class SourceEnd:
    """Yielded last by a reader: how many physical records the file holds.

    The engine checks that it read exactly that many (see ``FileSummary.balanced``).
    """

    records: int


RAW_KEEP = 4000


def clip(raw: str, keep: int = RAW_KEEP) -> str:
    """``raw`` itself, or its first ``keep`` characters and how long it was."""
    if len(raw) <= keep:
        return raw
    return f"{raw[:keep]}... [cut: {len(raw)} characters in all]"
