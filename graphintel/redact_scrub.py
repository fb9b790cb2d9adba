"""The last line of the partner allow-list: a scrub of every string an output will hold.

:class:`~graphintel.redact.Redactor` registers here every identifying value of every child
or victim it meets (names and aliases, dates of birth, stated ages, nominal references, phone
numbers, home addresses and postcodes, online handles), each with what replaces it (the child's
pseudonym, or a "withheld" phrase). :meth:`Scrubber.scrub` then finds those values in any
text (any case, any spacing, any common phone, postcode or date format) and replaces them,
so a title, caption, tooltip, file name, attribute or metadata field built from something
that escaped the structured rules still names no child.

Matching is by candidates, not one huge pattern: dates, phone numbers and postcodes are
found by shape and looked up normalised; words (names, addresses, handles, references) are
looked up by their first word, and only those candidates are tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[a-z0-9]+")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d \-()]{7,16}\d(?!\w)")
_POSTCODE = re.compile(r"(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}(?![a-z0-9])", re.I)
_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<!\d)(\d{1,2})[/.](\d{1,2})[/.]"
                   r"(\d{4})(?!\d)")
#: ``age 12``, ``aged 12`` (not an age band such as ``age 10-12``), ``12 years old``,
#: ``12-year-old``, ``12 yrs old``.
_AGE = re.compile(r"(?<![a-z0-9])(?:aged?\s+(\d{1,3})(?!\d|\s*[-\u2013]\s*\d)"
                  r"|(\d{1,3})[\s-]*(?:years?|yrs?)[\s-]*old)(?![a-z0-9])", re.I)
MIN_WORDS_LENGTH = 3


def phone_key(text: str) -> str | None:
    """The national significant number of a UK-style number: ``7700900123``.

    >>> phone_key("+44 7700 900123"), phone_key("07700-900123"), phone_key("12")
    ('7700900123', '7700900123', None)
    """
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44") and text.lstrip().startswith(("+", "44")):
        digits = digits[2:]
    digits = digits.lstrip("0")
    return digits if 9 <= len(digits) <= 11 else None


def postcode_key(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def _words_pattern(value: str) -> re.Pattern[str]:
    """Whole words of ``value`` with any run of spaces, commas, dots, underscores or hyphens
    between them (a handle writes a name ``amy.jones`` or ``amy_jones``)."""
    parts = [re.escape(p) for p in value.split()]
    return re.compile(r"(?<![a-z0-9])" + r"[\s,._\-]+".join(parts) + r"(?![a-z0-9])", re.I)


@dataclass
class Scrubber:
    """Values to replace (registered) and values never to replace (an adult's name)."""

    _words: dict[str, str] = field(default_factory=dict)     # lower-case text -> replacement
    _keep: set[str] = field(default_factory=set)
    _phones: dict[str, str] = field(default_factory=dict)
    _postcodes: dict[str, str] = field(default_factory=dict)
    _dates: dict[str, str] = field(default_factory=dict)      # ISO date -> replacement
    _ages: dict[int, str] = field(default_factory=dict)       # years -> replacement
    #: first word -> (minus length, text, its words, replacement), longest first
    _index: dict[str, list[tuple[int, str, frozenset[str], str]]] | None = None
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: text -> scrubbed text, since the last value was registered (an output repeats
    #: many strings: places, reasons, counts)
    _memo: dict[str, str] = field(default_factory=dict)

    def add_words(self, value: str | None, replacement: str) -> None:
        """A name, alias, address, handle or reference, matched as whole words."""
        text = " ".join(str(value or "").lower().split())
        if len(text) >= MIN_WORDS_LENGTH and text not in self._words:
            self._words[text] = replacement
            self._index = None
            self._memo.clear()

    def keep(self, value: str | None) -> None:
        """An adult's own name when a child has the same one: a string that is exactly that
        name (the adult's label) is left as it is; in any other text the name is replaced,
        since it may be the child's (a partner output never holds a child's name)."""
        text = " ".join(str(value or "").lower().split())
        if text and text not in self._keep:
            self._keep.add(text)
            self._index = None
            self._memo.clear()

    def add_phone(self, value: str | None, replacement: str) -> None:
        key = phone_key(str(value or ""))
        if key and self._phones.get(key) != replacement:
            self._phones[key] = replacement
            self._memo.clear()

    def add_postcode(self, value: str | None, replacement: str) -> None:
        if value and _POSTCODE.fullmatch(str(value).strip()):
            key = postcode_key(str(value))
            if self._postcodes.get(key) != replacement:
                self._postcodes[key] = replacement
                self._memo.clear()

    def add_date(self, value: str | None, replacement: str) -> None:
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)[:10]) \
                and self._dates.get(str(value)[:10]) != replacement:
            self._dates[str(value)[:10]] = replacement
            self._memo.clear()

    def add_age(self, years: int, replacement: str) -> None:
        """An age in words (a child's stated age): ``age 12``, ``aged 12``, ``12 years old``.

        >>> sc = Scrubber()
        >>> sc.add_age(12, "age withheld")
        >>> sc.scrub("a child (age 12); aged 12; a 12-year-old; age 10-12; age 13; 12 people")
        'a child (age withheld); age withheld; a age withheld; age 10-12; age 13; 12 people'
        """
        if self._ages.get(int(years)) != replacement:
            self._ages[int(years)] = replacement
            self._memo.clear()

    def __bool__(self) -> bool:
        return bool(self._words or self._phones or self._postcodes or self._dates
                    or self._ages)

    def _age(self, m: re.Match[str]) -> str:
        return self._ages.get(int(m.group(1) or m.group(2)), m.group(0))

    def _candidates(self) -> dict[str, list[tuple[int, str, frozenset[str], str]]]:
        if self._index is None:
            index: dict[str, list[tuple[int, str, frozenset[str], str]]] = {}
            for text, replacement in self._words.items():
                words = _WORD.findall(text)
                if not words:
                    continue
                index.setdefault(words[0], []).append(
                    (-len(text), text, frozenset(words), replacement))
            for rows in index.values():
                rows.sort(key=lambda r: r[0])  # longest first
            self._index = index
        return self._index

    def _pattern(self, text: str) -> re.Pattern[str]:
        found = self._patterns.get(text)
        if found is None:
            found = self._patterns[text] = _words_pattern(text)
        return found

    def _date(self, m: re.Match[str]) -> str:
        if m.group(1):
            iso = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        else:
            iso = f"{m.group(6)}-{int(m.group(5)):02d}-{int(m.group(4)):02d}"
        return self._dates.get(iso, m.group(0))

    def _phone(self, m: re.Match[str]) -> str:
        """The longest run of space-separated parts of the match that is a known number
        (a number may run into other digits: ``+447700900123 2025``)."""
        parts = re.split(r"(\s+)", m.group(0))
        words = list(range(0, len(parts), 2))
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                a, b = words[first], words[first + size - 1]
                found = self._phones.get(phone_key("".join(parts[a:b + 1])) or "")
                if found:
                    return "".join(parts[:a]) + found + "".join(parts[b + 1:])
        return m.group(0)

    def scrub(self, text: str) -> str:
        """``text`` with every registered value replaced."""
        if not text or not self:
            return text
        done = self._memo.get(text)
        if done is None:
            done = self._memo[text] = self._scrub(text)
        return done

    def _scrub(self, text: str) -> str:
        if self._dates:
            text = _DATE.sub(self._date, text)
        if self._phones:
            text = _PHONE.sub(self._phone, text)
        if self._postcodes:
            text = _POSTCODE.sub(lambda m: self._postcodes.get(postcode_key(m.group(0)),
                                                               m.group(0)), text)
        if self._ages:
            text = _AGE.sub(self._age, text)
        index = self._candidates()
        if index and " ".join(text.lower().split()) not in self._keep:
            first = list(dict.fromkeys(_WORD.findall(text.lower())))
            present = set(first)
            for word in first:
                for _, value, words, replacement in index.get(word, []):
                    # a value matches only where all its words are in the text: most
                    # candidates sharing a first name are ruled out without a regex
                    if not words <= present:
                        continue
                    changed = self._pattern(value).sub(
                        replacement.replace("\\", "\\\\"), text)
                    if changed != text:
                        text = changed
                        present = set(_WORD.findall(text.lower()))
        return text
