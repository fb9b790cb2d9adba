"""Words beside a name that show a child without giving an age: "Ruby NASH, a juvenile".

A narrative may say a person is a child without a number: "(a minor)", "(U16)", "YP Mia
HART", "Lee DUNN, a looked after child (LAC)". A person of no recorded age is otherwise not
a child by age, and could be ranked as a target; flagged at load (:data:`CALLED_CHILD`,
:data:`LOOKED_AFTER`, by :func:`graphintel.ingest.narrative_ages.read_narrative_ages`),
they are safeguarded as a possible child until an age is recorded
(:mod:`graphintel.analysis.child_signs`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graphintel.ingest.narrative_names import name_spans, written_as

__all__ = ["CALLED_CHILD", "CALLED_VICTIM", "LOOKED_AFTER", "VICTIM_WORDS", "called_child",
           "called_victim", "looked_after", "named_signs"]

#: The flag of a person the narrative calls a looked-after child ("Lee DUNN, a looked after
#: child (LAC)"): a sign of a child when no age is recorded
#: (:mod:`graphintel.analysis.child_signs`).
LOOKED_AFTER = "looked_after_child"
#: The flag of a person the narrative calls a child without an age ("a juvenile", "(U16)",
#: "YP Mia HART"): a sign of a child when no age is recorded.
CALLED_CHILD = "called_a_child"


#: A placement of a looked-after child: a children's home, a residential unit, foster care
#: ("a care home" is left out: it may be an older adult's).
_PLACEMENT = (r"(?:(?:an?|the|his|her|their)\s+)?(?:children'?s\s+(?:home|unit)|residential\s+"
              r"(?:unit|home|placement)|foster\s+(?:home|placement|carers?)|placement"
              r"|semi[\s-]*independent\s+(?:accommodation|placement|unit))(?![a-z])")
#: A named house a child was reported missing from ("MFH from Oak House"): a placement.
_NAMED_HOME = (r"(?-i:(?:The\s+)?(?:[A-Z][\w']*\s+){1,2}"
               r"(?:House|Lodge|Home|Unit|Hall|Grange|Cottage))(?![\w'])")
#: "a looked after child", "a child looked after", "(LAC)", "a child in care", "a CLA", "who
#: is in care", "subject to a (an interim) care order", "missing from care", "MFH from Oak
#: House", "who lives in a children's home" after a name.
_LOOKED_AFTER = re.compile(
    r"\s*(?:[,(\-\u2013]\s*|\s)(?:(?:who\s+is|is)\s+)?(?:an?\s+)?"
    r"(?:looked[\s-]+after\s+(?:child|young\s+person)|child\s+looked[\s-]+after"
    r"|(?:(?:subject\s+(?:to|of)|on)\s+(?:an?\s+)?)?(?:interim\s+)?care\s+order"
    r"|child\s+in\s+care|in\s+(?:local\s+"
    r"authority\s+)?care(?![\s-]+home)|(?-i:LAC|CLA|CiC)(?![a-z])"
    r"|(?:mfh|missing(?:\s+from\s+home)?)\s+from\s+(?:(?:local\s+authority\s+)?care"
    rf"(?![\s-]+home)|{_PLACEMENT}|{_NAMED_HOME})"
    rf"|(?:who\s+)?(?:lives|living|resides|is\s+placed|placed)\s+(?:in|at|with)\s+{_PLACEMENT})",
    re.IGNORECASE)


#: A word that calls the person a child, after the name ("Ruby NASH, a juvenile, was",
#: "(a minor)", "(under 16)", "(U16)", "(juv)") where the clause ends after it: "a child
#: sex offender", "a youth worker" and "a minor dealer" do not. So do "(CYP)" (a child or
#: young person), "a teenager" and a child protection plan ("(CP plan)", "subject to a
#: child protection plan"), which only a child has.
_CALLED_CHILD = re.compile(
    r"\s*(?:[,(\[\-\u2013]\s*|\s)(?:(?:who\s+is|is|was)\s+)?(?:(?:an?|only|still)\s+)?"
    r"(?:minor|juvenile|juv\.?|u\s?-?1[0-8]|under[\s-]*(?:1[0-8]|age|eighteen|sixteen)"
    r"|young\s+person|yp|cyp|school\s*(?:girl|boy|child|pupil|kid)|pupil|child|youth"
    r"|teen(?:ager)?|(?:of\s+)?school\s+age"
    r"|(?:(?:subject\s+(?:to|of)|on)\s+(?:an?\s+)?)?(?:child\s+protection|cp)\s+plan)(?![a-z])"
    r"(?!\s+(?:at\s+the\s+time|in\s+(?:19|20)\d\d|then|back\s+then)(?![a-z]))"
    r"(?=\s*[,.;:)\]]|\s*$|\s+(?:who|and|was|is|has|had|seen|at|in|with|from|went|left|but)"
    r"(?![a-z]))", re.IGNORECASE)
#: The same word right before the name: "Schoolgirl Ellie MARSH", "YP Mia HART".
_CALLED_CHILD_BEFORE = re.compile(
    r"(?<![a-z])(?:school\s*(?:girl|boy)|juvenile|minor|yp|young\s+person|child)\s+$",
    re.IGNORECASE)


def called_child(narrative: str | None, name: str | None) -> bool:
    """Whether the narrative calls ``name`` a child (a minor, a juvenile, under 16, a young
    person, a schoolgirl) right beside the name: a sign of a child when no age is recorded
    (:mod:`graphintel.analysis.child_signs`).

    >>> [called_child(t, "Ruby NASH") for t in ("Ruby NASH, a juvenile, was seen",
    ...     "Ruby NASH (U16)", "YP Ruby NASH", "Ruby NASH (under 16) ran")]
    [True, True, True, True]
    >>> [called_child(t, "Ruby NASH") for t in ("Ruby NASH (CYP) ran", "Ruby NASH, a teenager,",
    ...     "Ruby NASH (CP plan)", "Ruby NASH, subject to a child protection plan, was")]
    [True, True, True, True]
    >>> [called_child(t, "Ruby NASH") for t in ("Ruby NASH, a child sex offender,",
    ...     "Ruby NASH, a youth worker", "Ruby NASH is a minor dealer", "Ruby NASH ran")]
    [False, False, False, False]
    >>> [called_child(t, "Ruby NASH") for t in ("Ruby NASH, a teenager at the time, met her",
    ...     "Ruby NASH, a child in 1990, was")]
    [False, False]
    """
    text, spans = name_spans(narrative, name)
    return any(_CALLED_CHILD.match(text, end)
               or _CALLED_CHILD_BEFORE.search(text, max(0, start - 30), start)
               for start, end in spans)


def looked_after(narrative: str | None, name: str | None) -> bool:
    """Whether the narrative calls ``name`` a looked-after child, right after the name.

    >>> looked_after("Lee DUNN, a looked after child (LAC), was seen", "Lee DUNN")
    True
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN (LAC) seen", "Lee DUNN is in care")]
    [True, True]
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN, MFH from Oak House,",
    ...     "Lee DUNN, missing from care,", "Lee DUNN, who lives in a children's home,")]
    [True, True, True]
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN took care of it", "Lee DUNN, lac",
    ...     "Lee DUNN, who works in a children's home", "Lee DUNN, MFH from Leeds,",
    ...     "Lee DUNN, missing from a care home,", "Lee DUNN, a former looked after child")]
    [False, False, False, False, False, False]
    """
    text, spans = name_spans(narrative, name)
    return any(_LOOKED_AFTER.match(text, end) for _, end in spans)


#: The flag of a person the narrative calls a victim ("Amy HILL (CSE victim)"), made a
#: victim in that report (the role added to the report's roles of them).
CALLED_VICTIM = "victim_from_narrative"
#: Exploitation, sexual or criminal, by name: "CSE", "CCE", "county lines (exploitation)",
#: "trafficking", "modern slavery".
_EXPLOITATION = (r"(?:cse|cce|cse\s*/\s*cce|cce\s*/\s*cse|(?:child\s+)?(?:sexual|criminal)\s+"
                 r"exploitation|(?:labour|labor)\s+exploitation|county\s+lines(?:\s+exploitation)?"
                 r"|exploitation|(?:human\s+|child\s+)?trafficking|modern[\s-]+(?:day\s+)?slavery"
                 r"|grooming)")
#: A referral to the National Referral Mechanism (a potential victim of trafficking or
#: modern slavery), or its positive reasonable or conclusive grounds decision: "(NRM
#: referral made)", "(NRM referred)", "who has been referred to the NRM", "(positive RG)".
#: Not one declined, refused or not made, nor a negative decision.
_NRM = (r"(?:(?:subject\s+(?:of|to)\s+)?(?:an?\s+)?nrm\s+(?:referral|referred)(?:\s+(?:made|"
        r"submitted|completed|done|sent|raised|in\s+progress|pending))?"
        r"|referred\s+(?:in)?to\s+(?:the\s+)?nrm"
        r"|(?:an?\s+|the\s+)?(?:nrm\s+)?positive\s+(?:(?:reasonable|conclusive)\s+grounds|rg|cg)"
        r"(?:\s+decision)?)")
#: "believed to be", "assessed as" before the victim wording.
_ASSESSED = r"(?:(?:believed|thought|assessed|considered|identified|known)\s+(?:to\s+be|as)\s+)?"
_WHICH = r"(?:(?:suspected|possible|potential|likely|known|identified)\s+)?"
#: A victim of exploitation right after the name, the clause ending there or going on
#: with "and", "but", "who", "by", "since": "Amy HILL (CSE victim)", "Amy HILL, herself a
#: victim of CSE,", "Amy HILL, a victim of county lines exploitation", "Rob KING is a victim
#: of CCE and is made to run drugs", "(NRM referral made)". After the name with no comma
#: or bracket ("Rob KING is ..."), "... victim" needs its article ("is a CCE victim"):
#: "Dean FOX was grooming victim at ..." is not read. Not a victim alone ("(victim)",
#: "Victim: Amy HILL" after a suspect's name: a form's label), of another crime ("a victim
#: of assault"), "(CSE victim's uncle)" or "a victim support worker".
_CALLED_VICTIM = re.compile(
    r"(?:\s*[,(\[\-\u2013]\s*(?:(?:who\s+is|who\s+has\s+been|who\s+was|is|was)\s+)?"
    rf"{_ASSESSED}(?:(?:herself|himself|themselves|themself)\s+)?(?:(?:an?|the)\s+)?{_WHICH}"
    rf"(?:{_EXPLOITATION}\s+victim|victim\s+of\s+{_EXPLOITATION}|{_NRM})"
    r"|\s+(?:who\s+is|who\s+was|who\s+has\s+been|is|was|has\s+been|had\s+been)\s+"
    rf"{_ASSESSED}(?:(?:an?|the)\s+{_WHICH}{_EXPLOITATION}\s+victim"
    rf"|(?:(?:an?|the)\s+)?{_WHICH}victim\s+of\s+{_EXPLOITATION}|{_NRM}))"
    r"(?=\s*[,.;:)\]]|\s*$|\s+(?:and|but|who|by|since)(?![a-z]))", re.IGNORECASE)


def called_victim(narrative: str | None, name: str | None) -> bool:
    """Whether the narrative calls ``name`` a victim of exploitation right after the name:
    the report's own assessment of them, as a victim role would be.

    >>> [called_victim(t, "Amy HILL") for t in ("Amy HILL (CSE victim) was seen",
    ...     "Amy HILL, herself a victim of CSE, recruits", "Amy HILL, a victim of trafficking.")]
    [True, True, True]
    >>> [called_victim(t, "Amy HILL") for t in ("Amy HILL (CSE victim's uncle)",
    ...     "Amy HILL, a victim support worker,", "Amy HILL victimised Kai",
    ...     "Suspect: Amy HILL, Victim: Kai BELL.", "Amy HILL (victim) seen",
    ...     "Amy HILL, a victim of assault,")]
    [False, False, False, False, False, False]
    """
    text, spans = name_spans(narrative, name)
    return any(_CALLED_VICTIM.match(text, end) for _, end in spans)


#: Words one of which every victim wording :func:`called_victim` reads contains (as the
#: full-text index splits a narrative): a search for them narrows the narratives read for
#: a victim wording (:mod:`graphintel.ingest.earlier_narratives`).
VICTIM_WORDS = ("victim", "nrm", "grounds", "rg", "cg")


def named_signs(narrative: str | None, named: Mapping[str, str]) -> list[dict[str, Any]]:
    """For people already in the graph whom a narrative names without making them one of
    its entities (``named``: uid -> the name key it gives them by), what it says of them
    beside their name as written (:func:`~graphintel.ingest.narrative_names.written_as`),
    by the same readers, word for word, as a report's own people are read by: ``{uid,
    flags, victim}`` for each it calls a child (:data:`CALLED_CHILD`) or a looked-after
    child (:data:`LOOKED_AFTER`), or a victim of exploitation (``victim``). "Ella PAGE
    disclosed that Tom REED (a juvenile, looked after child) and Dan COX (CSE victim) took
    her" says Tom is a child and Dan a victim though the report's entity is Ella. The load
    gives the signs of a child only to someone of no recorded date of birth, as an age
    (``cypher/ingest/narrative_child_signs.cypher``); a victim wording to whoever has the
    name: the first rule is that no one assessed a victim is a target.

    >>> named_signs("Ella said Tom REED (a juvenile, looked after child) and Dan COX (CSE "
    ...             "victim) and Lee DUNN (victim) took her.",
    ...             {"P:t": "tom reed", "P:d": "dan cox", "P:l": "lee dunn"})
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'uid': 'P:d', 'flags': [], 'victim': True},
     {'uid': 'P:t', 'flags': ['called_a_child'], 'victim': False}]
    >>> named_signs("O'NEILL, Kyle (LAC) was seen.", {"P:k": "kyle o neill"})
    [{'uid': 'P:k', 'flags': ['looked_after_child'], 'victim': False}]
    """
    if not narrative or not named:
        return []
    out = []
    for uid in sorted(named):
        forms = written_as(narrative, named[uid])
        flags = [flag for flag, reads in ((LOOKED_AFTER, looked_after),
                                          (CALLED_CHILD, called_child))
                 if any(reads(narrative, f) for f in forms)]
        victim = any(called_victim(narrative, f) for f in forms)
        if flags or victim:
            out.append({"uid": uid, "flags": flags, "victim": victim})
    return out
