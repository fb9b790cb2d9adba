"""The result every cleaner returns: a value, the raw input, and what was wrong with it.

Cleaners never raise on bad input. They hand back a :class:`Cleaned` so the caller decides
whether a flagged value is loaded, loaded with a warning, or quarantined with ``error`` as
the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Cleaned:
    """One cleaned value.

    ``value`` is the normalised value. When the format check fails but the text is still
    usable, ``value`` is the text kept as written (stripped; each cleaner says what else
    it does) and ``error`` says why it is not trusted. ``value`` is ``None`` only when
    nothing usable was given. ``flags`` are data-quality flags such as
    ``"not_valid_number"``; a flagged value with ``error`` None is still usable as a key.

    >>> Cleaned("BA1 1AA", "ba11aa").ok
    True
    >>> Cleaned(None, "", ("unrecognised_postcode",), "empty").ok
    False
    """

    value: str | None
    raw: str
    flags: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when there is a value and nothing makes it untrustworthy."""
        return self.value is not None and self.error is None


def raw_of(raw: object) -> str:
    """The input as given, as text: ``str(raw)``, except that ``None`` gives ``""``.

    >>> raw_of(None), raw_of(7700900123), raw_of(" x ")
    ('', '7700900123', ' x ')
    """
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else str(raw)


def as_text(raw: object) -> str:
    """The text a cleaner works on: stripped, with spreadsheet artefacts undone.

    ``None``, NaN and pandas' ``NaT``/``NA`` (empty spreadsheet cells) give ``""``; a float
    holding a whole number (Excel turns ``07700900123`` into ``7700900123.0``) loses its
    ``.0``. Everything else is ``str(raw).strip()``.

    >>> as_text(None), as_text(float("nan")), as_text(7700900123.0), as_text("  ab ")
    ('', '', '7700900123', 'ab')
    """
    if raw is None or type(raw).__name__ in ("NaTType", "NAType"):
        return ""
    if isinstance(raw, float):
        if math.isnan(raw):
            return ""
        if raw.is_integer():
            return str(int(raw))
    return (raw if isinstance(raw, str) else str(raw)).strip()
