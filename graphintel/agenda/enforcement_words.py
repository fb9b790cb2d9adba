"""Words that make an action enforcement: arrest, seizure, orders, warnings, prosecution.

The agenda's own proposals say by their key and wording what they are; a chair's agreed
wording may say anything. A child or victim is never the subject of an enforcement step,
so wording the meeting records against one (``graphintel actions decide --text``), or an
earlier action about someone now safeguarded, is read for these words whatever the
proposal it replaced (a "Safeguarding ..." sentence that goes on to "arrest him" is
enforcement). The list follows the enforcement tactics of ``tactics.yaml``: criminal
investigation and arrest, device seizure, CAWN, SRO, SHPO, STRO, closure and tenancy
enforcement, markers and stops, communications data and financial investigation.
"""

from __future__ import annotations

import re

__all__ = ["ENFORCEMENT_WORDS", "enforcement_in"]

#: One alternative per enforcement step; whole words, any case.
ENFORCEMENT_WORDS = re.compile(
    r"\b(?:arrest\w*|seiz(?:e|ed|es|ing|ure)|CAWNs?|abduction warning|SROs?|sexual risk order"
    r"|SHPOs?|sexual harm prevention order|STROs?|trafficking risk order"
    r"|charg(?:e|ed|ing) (?:him|her|them|with)|prosecut\w*|warrants?|search warrant"
    r"|criminal investigation|investigation of (?:organising|facilitating|child sexual)"
    r"|interview(?:ed)? under caution|disruption plan|closure (?:notice|order)"
    r"|tenancy enforcement|evict\w*|(?:ANPR|PNC) marker|vehicle stop|stop and search"
    r"|communications data|financial investigation|asset recovery|remand\w*)\b",
    re.IGNORECASE)


def enforcement_in(text: str | None) -> list[str]:
    """The enforcement words in ``text``, as written, in order (none: ``[]``).

    >>> enforcement_in("Safeguarding partners informed; arrest Jay PRICE, serve a CAWN")
    ['arrest', 'CAWN']
    >>> enforcement_in("Safeguarding referral and NRM consideration for Amy HILL")
    []
    >>> enforcement_in("Agree a disruption plan for Dean FOX (rank 1)")
    ['disruption plan']
    """
    return [m.group(0) for m in ENFORCEMENT_WORDS.finditer(text or "")]
