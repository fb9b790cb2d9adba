"""Ages in partner text: bands, never an exact age or the date a report stated it.

The analysis says in words why it safeguards someone whose records disagree on their age
(:func:`graphintel.analysis.safeguarding.age_conflict`): "the date of birth 1998-02-02
makes them 27 on 2025-12-01, a report of 2025-02-20 states age 16 (16 on 2025-12-01)".
A partner output gives a possible child's age as a band (:data:`graphintel.redact.AGE_BANDS`)
and no report date about them, so :func:`partner_age_words` rewrites those clauses, in
whatever text carries them, before the final scrub (:meth:`graphintel.redact.Redactor.scrub`).
A clause it cannot read is replaced by one that gives no age at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_DAY = r"\d{4}-\d{2}-\d{2}"
#: The sentence of :func:`~graphintel.analysis.safeguarding.age_conflict`, and how it opens.
_OPENING = "the records disagree on their age: "
_CONFLICT = re.compile(rf"{re.escape(_OPENING)}(?P<body>.*?); safeguarded as a "
                       r"child until an analyst resolves it")
_DOBS = re.compile(rf"the dates of birth (?:[^;]*?) make them (?P<ages>\d+(?:, \d+)*) on {_DAY}")
_STATED = re.compile(rf"the date of birth (?:[^;]*?) makes them (?P<by_dob>\d+) on {_DAY}, "
                     rf"(?:a report of {_DAY}|an undated report) states age (?:[^;]*?) "
                     rf"\((?P<by_stated>\d+) on {_DAY}\)")
UNREAD = "their recorded dates of birth and stated ages disagree"
_BAND = r"(?:under \d+|\d+-\d+|\d+ or over|unknown)"
#: Clauses already told in bands (text scrubbed twice stays as it is).
_TOLD = re.compile(rf"the recorded dates of birth make them {_BAND}(?: and {_BAND})*"
                   rf"|the date of birth makes them {_BAND}, a report states an age that "
                   rf"makes them {_BAND}|{re.escape(UNREAD)}")


def partner_age_words(text: str, band: Callable[[int | None], str]) -> str:
    """``text`` with every age-conflict sentence told in age bands (``band``), without
    dates of birth, stated ages or report dates.

    >>> from graphintel.redact import age_band
    >>> partner_age_words("the records disagree on their age: the date of birth 1998-02-02 "
    ...     "makes them 27 on 2025-12-01, a report of 2025-02-20 states age 16 (16 on "
    ...     "2025-12-01); safeguarded as a child until an analyst resolves it", age_band)
    ... # doctest: +NORMALIZE_WHITESPACE
    'the records disagree on their age: the date of birth makes them 25 or over, a report
     states an age that makes them 16-17; safeguarded as a child until an analyst resolves it'
    >>> partner_age_words("x; the records disagree on their age: the dates of birth "
    ...     "2008-03-01, 2007-03-01 make them 17, 18 on 2025-06-30; safeguarded as a child "
    ...     "until an analyst resolves it", age_band)  # doctest: +NORMALIZE_WHITESPACE
    'x; the records disagree on their age: the recorded dates of birth make them 16-17 and
     18-24; safeguarded as a child until an analyst resolves it'
    >>> told = partner_age_words("the records disagree on their age: the date of birth "
    ...     "2000-01-01 makes them 25 on 2025-06-30; safeguarded as a child until an analyst "
    ...     "resolves it", age_band)
    >>> told, partner_age_words(told, age_band) == told
    ('the records disagree on their age: their recorded dates of birth and stated ages \
disagree; safeguarded as a child until an analyst resolves it', True)
    """
    if _OPENING not in text:
        return text  # no such sentence (most texts): nothing to tell in bands

    def clause(part: str) -> str:
        if _TOLD.fullmatch(part):
            return part
        if found := _DOBS.fullmatch(part):
            bands = list(dict.fromkeys(band(int(a)) for a in found.group("ages").split(", ")))
            return f"the recorded dates of birth make them {' and '.join(bands)}"
        if found := _STATED.fullmatch(part):
            return (f"the date of birth makes them {band(int(found.group('by_dob')))}, a "
                    f"report states an age that makes them "
                    f"{band(int(found.group('by_stated')))}")
        return UNREAD

    def sentence(found: re.Match[str]) -> str:
        parts = [clause(p) for p in found.group("body").split("; ")]
        return (f"the records disagree on their age: {'; '.join(dict.fromkeys(parts))}; "
                "safeguarded as a child until an analyst resolves it")

    return _CONFLICT.sub(sentence, text)


__all__ = ["UNREAD", "partner_age_words"]
