"""Intelligence grading: College of Policing 3x5x2, and legacy 5x5x5 kept apart from it.

3x5x2 puts the number on the source (1-3) and the letter on the intelligence (A-E), then a
handling code P or C. 5x5x5 is the other way round (source A-E, intelligence 1-5, handling
1-5). The two are never inferred from each other: compact 5x5x5 text is read only when the
caller says ``scheme="5x5x5"`` (or the text says ``5x5x5:``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from graphintel.clean.result import as_text, raw_of

S3, S5 = "3x5x2", "5x5x5"
# Weights per scheme: the strength of a grading is source weight times intelligence weight.
_SOURCE = {
    S3: {"1": 1.0, "2": 0.7, "3": 0.4},
    S5: {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.5},  # 5x5x5 E: untested source
}
_INTEL = {
    S3: {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.35, "E": 0.0},  # E: suspected false
    S5: {"1": 1.0, "2": 0.8, "3": 0.6, "4": 0.35, "5": 0.0},  # 5: suspected false
}
_HANDLING = {S3: "PC", S5: "12345"}
_SHAREABLE = {S3: "P", S5: "2"}
_RANGES = {S3: ("1-3", "A-E", "P or C"), S5: ("A-E", "1-5", "1-5")}
_ORDER = {S3: ("number", "letter"), S5: ("letter", "number")}  # on the source, on the intel
_SEPARATORS = re.compile(r"[\s\-/,.]+")
_PREFIX = re.compile(r"(3X5X2|5X5X5):?")


@dataclass(frozen=True)
class Grading:
    """One validated grading. Build it with :func:`parse_grading`; direct construction
    with out-of-range parts raises ``ValueError`` (a programming error, not bad data).

    >>> g = parse_grading("2BP").grading
    >>> g.code, g.strength, g.partner_shareable, g.at_least("2B")
    ('2BP', 0.56, True, True)
    """

    scheme: str
    source: str
    intel: str
    handling: str
    conditions: str | None = None

    def __post_init__(self) -> None:
        problem = _check(self.scheme, self.source, self.intel, self.handling)
        if problem:
            raise ValueError(problem)

    @property
    def code(self) -> str:
        """Compact code: ``2BP`` for 3x5x2, ``5x5x5:B24`` for 5x5x5 (never mistaken)."""
        body = f"{self.source}{self.intel}{self.handling}"
        return body if self.scheme == S3 else f"{S5}:{body}"

    @property
    def strength(self) -> float:
        """Confidence 0..1 used to weight links: source weight times intelligence weight.

        E (3x5x2) and 5 (5x5x5), suspected false, give 0.0: they never strengthen a link.
        """
        return round(_SOURCE[self.scheme][self.source] * _INTEL[self.scheme][self.intel], 4)

    @property
    def partner_shareable(self) -> bool:
        """Whether this may go into an output for partner agencies.

        3x5x2: handling ``P`` only; ``C`` carries conditions a tool cannot check, so a
        person must. 5x5x5: handling ``2`` only (may go to UK non-prosecuting parties such
        as social care); 1 is law-enforcement only, 3, 4 and 5 are more restricted still.
        Conditions written with either ("police only, CHIS source") are read as ``C``: the
        grading and its conditions disagree, and only a person can say which is right.
        """
        return self.handling == _SHAREABLE[self.scheme] and not self.conditions

    def at_least(self, other_code: str) -> bool:
        """True when this grading is as good as ``other_code`` or better; never raises.

        3x5x2: source number <= and intelligence letter <= ("2B or better" means source 1
        or 2 and intelligence A or B); handling is ignored and may be left out. 5x5x5, or a
        code from the other scheme: compares :attr:`strength`. A bad code gives False.
        """
        inner, body = _compact(str(other_code))
        scheme = inner or self.scheme
        parts = (body[:1], body[1:2], _SHAREABLE[scheme])  # handling does not count here
        if len(body) not in (2, 3) or _check(scheme, *parts):
            return False
        other = Grading(scheme, *parts)
        if scheme == S3 == self.scheme:
            return self.source <= other.source and self.intel <= other.intel
        return self.strength >= other.strength


@dataclass(frozen=True)
class GradingResult:
    """What :func:`parse_grading` returns: a grading, or the reason there is none."""

    grading: Grading | None
    raw: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when a grading was read."""
        return self.grading is not None and self.error is None


def _check(scheme: str, source: str, intel: str, handling: str) -> str | None:
    """Why these parts are not a grading in ``scheme``, or None when they are."""
    if scheme not in _SOURCE:
        return f"unknown grading scheme {scheme!r} (expected {S3} or {S5})"
    other = S5 if scheme == S3 else S3
    if source not in _SOURCE[scheme] and source in _SOURCE[other] and intel in _INTEL[other]:
        first, second = _ORDER[scheme]
        why = f"{scheme} puts the {first} on the source and the {second} on the intelligence"
        return f"source {source!r} and intelligence {intel!r} are swapped: {why}"
    names = ("source evaluation", "intelligence assessment", "handling code")
    values = (source, intel, handling)
    allowed = (_SOURCE[scheme].keys(), _INTEL[scheme].keys(), set(_HANDLING[scheme]))
    for name, value, valid, words in zip(names, values, allowed, _RANGES[scheme], strict=True):
        if not value:
            return f"missing {name}"
        if value not in valid:
            return f"{name} {value!r} is not {words}"
    return None


def _part(value: object) -> str:
    return as_text(value).upper()


def _compact(text: str) -> tuple[str | None, str]:
    """Split compact text into (scheme named by a ``5x5x5:`` style prefix, code body)."""
    text = _SEPARATORS.sub("", text).upper()
    prefix = _PREFIX.match(text)
    return (prefix.group(1).lower(), text[prefix.end() :]) if prefix else (None, text)


def _fields(raw: object) -> tuple[str | None, tuple[str, str, str], str | None] | str:
    """(scheme the input names, (source, intel, handling), conditions), or an error."""
    if isinstance(raw, Grading):
        return raw.scheme, (raw.source, raw.intel, raw.handling), raw.conditions
    if isinstance(raw, Mapping):
        fields = {str(k).strip().lower(): v for k, v in raw.items()}
        if not any(_part(v) for v in fields.values()):
            return "missing grading"
        source, intel, handling = (_part(fields.get(k)) for k in ("source", "intel", "handling"))
        conditions = str(fields.get("conditions") or "").strip() or None
        return _part(fields.get("scheme")).lower() or None, (source, intel, handling), conditions
    if isinstance(raw, str):
        inner, body = _compact(raw)
        if not body:
            return "missing grading"
        if len(body) > 3:
            return f"{raw.strip()!r} is not a compact grading like '2BP'"
        return inner, (body[:1], body[1:2], body[2:3]), None
    if not as_text(raw):
        return "missing grading"
    return "grading must be a code like '2BP' or a mapping with source, intel and handling"


def parse_grading(raw: object, scheme: str | None = None) -> GradingResult:
    """Read a grading from a mapping or a compact code; never raises.

    Mappings: ``{"source", "intel", "handling", "conditions"}`` (values may be ints), with
    an optional ``"scheme": "5x5x5"``. Compact text in order source, intel, handling; case
    and separators (space, ``-``, ``/``, ``,``) ignored: ``"2BP"``, ``"1A C"``, ``"3-E-P"``.
    Compact 5x5x5 (``"B24"``) only with ``scheme="5x5x5"`` or a ``5x5x5:`` prefix (as
    :attr:`Grading.code` writes it). A scheme in the input that contradicts ``scheme`` is
    an error.

    >>> parse_grading("2 b p").grading.code
    '2BP'
    >>> parse_grading("B2P").error  # doctest: +ELLIPSIS
    "source 'B' and intelligence '2' are swapped: 3x5x2 puts the number on the source ..."
    >>> parse_grading("B24", scheme="5x5x5").grading.code
    '5x5x5:B24'
    """
    given = raw_of(raw)
    read = _fields(raw)
    if isinstance(read, str):
        return GradingResult(None, given, read)
    inner, (source, intel, handling), conditions = read
    declared = scheme.strip().lower() if scheme else None
    if declared and inner and inner != declared:
        return GradingResult(None, given, f"grading is {inner} but {declared} was declared")
    used = inner or declared or S3
    problem = _check(used, source, intel, handling)
    if problem:
        return GradingResult(None, given, problem)
    return GradingResult(Grading(used, source, intel, handling, conditions), given)
