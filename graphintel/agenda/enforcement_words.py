"""Words that make an action enforcement: arrest, seizure, orders, warnings, prosecution.

The agenda's own proposals say by their key and wording what they are; a chair's agreed
wording may say anything. A child or victim is never the subject of an enforcement step,
so wording the meeting records against one (``graphintel actions decide --text``), or an
earlier action about someone now safeguarded, is read for these words whatever the
proposal it replaced (a "Safeguarding ..." sentence that goes on to "arrest him" is
enforcement). The list follows the enforcement tactics of ``tactics.yaml`` (criminal
investigation and arrest, device seizure, CAWN, SRO, SHPO, STRO, closure and tenancy
enforcement, stops, financial investigation) and the criminal justice steps a chair may
write (detention, charge, caution, bail, summons, custody, CBO, injunction). Markers and
communications data are not in it: they also find a missing child.
"""

from __future__ import annotations

import re

__all__ = ["ENFORCEMENT_WORDS", "ENFORCE_VERB", "NOT_OBJECT", "PASSIVE", "TACTIC_NOUN",
           "enforcement_in"]

#: One alternative per enforcement step; whole words, any case.
ENFORCEMENT_WORDS = re.compile(
    r"\b(?:arrest\w*|detain\w*|seiz(?:e|ed|es|ing|ure)|confiscat\w*|CAWNs?|abduction warning"
    r"|SROs?|sexual risk order|SHPOs?|sexual harm prevention order|STROs?|trafficking risk order"
    r"|CBOs?|criminal behaviour order|(?:gang )?injunction|charg(?:e|ed|ing)|prosecut\w*"
    r"|summons\w*|remand\w*|bail(?:ed)?|(?:youth |conditional )?caution(?:ed)?|custody"
    r"|warrants?|criminal investigation|investigation of (?:organising|facilitating|child sexual)"
    r"|interview(?:ed)? under caution|disruption plan|closure (?:notice|order)"
    r"|tenancy enforcement|evict\w*|vehicle stop|stop and search|financial investigation"
    r"|asset recovery)\b",
    re.IGNORECASE)
#: An enforcement step whose object follows it ("Arrest X", "Charge X with", "Issue X a
#: CBO"), and the words that end that object before another person is named ("Arrest Dean
#: FOX near Amy's school", "Serve a CAWN on Dean FOX in respect of Amy").
ENFORCE_VERB = (r"(?:arrest|detain|charge|caution|prosecute|summons|remand|bail|interview"
                r"|search|seize|confiscate|evict|issue|serve|restrain|convict)")
NOT_OBJECT = (r"(?:near|at|in|of|respect|re|regarding|about|to|for|from|with|by|on|after"
              r"|before|outside|into|towards?|because|whose|who|which|that|protect\w*"
              r"|safeguard\w*|locate|recover|find)")
#: Orders and steps named before whom they are against ("Youth caution for X", "Gang
#: injunction against X"); not markers or data requests, which also find missing children.
TACTIC_NOUN = (r"(?:cawn|sro|shpo|stro|cbo|criminal behaviour order|(?:gang )?injunction"
               r"|(?:youth |conditional )?caution|bail(?: conditions)?|summons|charge|"
               r"prosecution|arrest(?: warrant)?|custody|eviction|closure order)")
#: Passive steps after the person ("X to be charged", "X to be taken into custody").
PASSIVE = (r"(?:arrested|charged|detained|cautioned|interviewed|prosecuted|summonsed|remanded"
           r"|searched|bailed|evicted|taken\s+into\s+custody|served)")


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
