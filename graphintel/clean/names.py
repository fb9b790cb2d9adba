"""Person names: a display form that keeps what was written, and a key for matching.

Names are never merged on the key alone (people share names); the key is what the
duplicate finder and name search compare, alongside date of birth and other keys.
"""

from __future__ import annotations

import re
import unicodedata

from graphintel.clean.result import Cleaned, as_text, raw_of

_NOT_WORD = re.compile(r"[\W_]+")
# Letters NFKD does not split into base letter + accent.
_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "\u0131": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def clean_name(raw: object) -> Cleaned:
    """Display form of a name: whitespace runs collapsed to one space, trimmed, case kept.

    >>> clean_name("  Jordan   SMITH ").value
    'Jordan SMITH'
    >>> clean_name("   ").error
    'empty'
    """
    display = " ".join(as_text(raw).split())
    if not display:
        return Cleaned(None, raw_of(raw), ("empty_name",), "empty")
    return Cleaned(display, raw_of(raw))


def name_rank(name: str) -> str:
    """A text that sorts a person's better-written name first: the name a person shows
    when reports write it several ways, whatever order they arrive in.

    Better is, in turn: more whole words (not initials: "Jordan SMITH" before "J.
    SMITH"); mixed case before all capitals before all lower case ("bilal akhtar" from a
    form typed in lower case comes last); accents kept ("Zoë" before "Zoe"); longer; and
    then the name's own text, so that two names never tie.

    >>> sorted(["J. SMITH", "jordan smith", "Jordan SMITH", "JORDAN SMITH"], key=name_rank)
    ['Jordan SMITH', 'JORDAN SMITH', 'jordan smith', 'J. SMITH']
    >>> name_rank("Zoë BROWN") < name_rank("Zoe BROWN")
    True
    """
    words = [w for w in _NOT_WORD.split(name) if len(w) > 1]
    letters = [c for c in name if c.isalpha()]
    case = 0 if any(c.isupper() for c in letters) and any(c.islower() for c in letters) \
        else 1 if any(c.isupper() for c in letters) else 2
    accents = 0 if not name.isascii() else 1
    return f"{99 - min(len(words), 99):02d}{case}{accents}{999 - min(len(name), 999):03d}{name}"


def name_key(raw: object) -> str:
    """Matching key that ignores case, spacing, punctuation and accents; tokens keep order.

    NFKD-decomposes, drops combining marks, casefolds, folds a few letters NFKD leaves
    alone (``ø``, ``ł``...), turns every run of non-alphanumerics into one space and strips.
    ``None`` or an all-punctuation name gives ``""``.

    >>> name_key("JORDAN SMITH."), name_key("Jordan-Smith"), name_key("Zoë O'Neil")
    ('jordan smith', 'jordan smith', 'zoe o neil')
    """
    text = as_text(raw)
    if text.isascii():  # decomposing, dropping accents and the folds leave it as it is
        return _NOT_WORD.sub(" ", text.lower()).strip()
    return _unicode_key(text)


def _unicode_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare.casefold().translate(_FOLD)
    return _NOT_WORD.sub(" ", folded).strip()
