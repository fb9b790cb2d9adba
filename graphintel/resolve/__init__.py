"""Entity resolution: propose likely duplicates, and apply an analyst's decisions.

Exact keys merge at ingest; everything else is proposed here with a score and the
evidence (:func:`find_candidates`) and changes the graph only when an analyst decides:
:func:`merge` (one transaction, fully undoable), :func:`reject` (never proposed again),
:func:`undo`, :func:`settle_dob` (which of a person's recorded dates of birth is theirs).
Every decision is a ``MergeDecision`` node with who, when and why.
"""

from graphintel.resolve.candidates import Candidate, Search, find_candidates
from graphintel.resolve.dates import settle_dob
from graphintel.resolve.decisions import Decision, list_decisions, reject, undo
from graphintel.resolve.merge import MergeResult, merge

__all__ = [
    "Candidate",
    "Decision",
    "MergeResult",
    "Search",
    "find_candidates",
    "list_decisions",
    "merge",
    "reject",
    "settle_dob",
    "undo",
]
