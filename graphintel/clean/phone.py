"""Phone numbers to E.164 (``+447700900123``), the key a Phone node is merged on.

Parsing is done by ``phonenumbers`` (Google's libphonenumber metadata). Its notion of
*valid* lags behind Ofcom: the drama ranges (07700 900xxx) and newly opened ranges are only
*possible*. Those still normalise, with the flag ``not_valid_number`` and no error, because
a synthetic or brand-new number must still join up across reports.

A number written without a country code is read in the default region when its written
digit grouping is one that region uses, or when it is a valid number of the region written
in a layout that is not another region's (``07911 12 34 56`` stays a UK mobile). The grouping
test is the grouping, slash and national-prefix checks of libphonenumber's
``Leniency.STRICT_GROUPING`` (as ``PhoneNumberMatcher`` applies them), without its validity
requirement so drama ranges still pass. ``(711)302-8090`` is grouped the North American way,
so with region ``GB`` it is not turned into the UK mobile ``+447113028090``: it keeps its
digits and is flagged ``region_unknown``. Numbers with no grouping at all (``07113028090``,
or a spreadsheet's ``7700900123``) and numbers with an explicit country code are read as
before.

Records systems write a note beside a number: ``07700 900123 (mob)``, ``... - home``,
``... work``. A trailing (or leading) note in brackets, or one of the usual words
(:data:`NOTE_WORDS`), is not part of the number and is dropped before it is read;
libphonenumber would otherwise read its letters as keypad digits (``mob`` as ``662``).
Any other letter among the digits makes the number unreadable, never a number without
it: ``07700 900 12x`` is not ``0770090012``. The one exception is the letter O written
between two digits (``07700 9OO321``), which is read as a zero and flagged
``letter_o_read_as_zero``; an O anywhere else (``O7700 900123``) is not guessed at.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import (
    CountryCodeSource,
    Leniency,
    NumberParseException,
    PhoneNumberFormat,
    PhoneNumberMatcher,
    ValidationResult,
)
from phonenumbers.phonenumbermatcher import (
    _all_number_groups_remain_grouped,
    _contains_more_than_one_slash_in_national_number,
    _is_national_prefix_present_if_required,
)

from graphintel.clean.result import Cleaned, as_text, raw_of

_NOT_DIAL = re.compile(r"[^0-9+]")
#: A number a spreadsheet wrote as a decimal (``7700900123.0``): its ``.0`` is no digit.
_DECIMAL = re.compile(r"^(\+?\d{6,15})\.0+$")
#: Words written beside a number to say what it is; dropped with the punctuation around them.
NOTE_WORDS = frozenset({
    "mob", "mobile", "mobil", "cell", "cellphone", "home", "hm", "work", "wk", "office",
    "business", "tel", "telephone", "phone", "ph", "landline", "land", "personal", "private",
    "burner", "main", "old", "new", "other", "alt", "alternative", "current", "previous",
    "whatsapp", "daytime", "evening", "evenings", "day", "night", "fax", "contact",
})
_NOTE = r"(?:\([^()\d]*[A-Za-z][^()\d]*\)|\[[^\[\]\d]*[A-Za-z][^\[\]\d]*\]|(?P<word>[A-Za-z]+)\.?)"
_TRAILING_NOTE = re.compile(rf"[\s,;:/\-\u2013\u2014]*{_NOTE}[\s.,;:]*$")
_LEADING_NOTE = re.compile(rf"^\s*{_NOTE}[\s,;:/\-\u2013\u2014]*")
#: Where the number starts: a digit, ``+`` or ``(``, or a run of letters O right before a
#: digit that does not end a word (``O7700``, not the ``o`` of ``mob``).
_NUMBER_START = re.compile(r"[\d+(]|(?<![A-Za-z])[Oo]+(?=\d)")
_EXTENSION = re.compile(r"[\s,;]*(?:ext(?:ension)?\.?|x|#)\s*\d+\s*$", re.IGNORECASE)
_O_AS_ZERO = re.compile(r"(?<=\d)[Oo]+(?=\d)")
_LETTER = re.compile(r"[^\W\d_]")
_GLUED = re.compile(r"[A-Za-z0-9/]")
_DIGIT_RUNS = re.compile(r"\d+")
# Holds no state: only its grouping check (region formats plus libphonenumber's alternate
# formats) is used.
_GROUPING = PhoneNumberMatcher("", "ZZ")

_PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "no valid country code",
    NumberParseException.NOT_A_NUMBER: "no phone number in the text",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the international prefix",
    NumberParseException.TOO_SHORT_NSN: "too short",
    NumberParseException.TOO_LONG: "too long",
}

_IMPOSSIBLE = {
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "too short for a full number (local only)",
    ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
    ValidationResult.TOO_SHORT: "too short",
    ValidationResult.INVALID_LENGTH: "wrong length",
    ValidationResult.TOO_LONG: "too long",
}


def _full_number(number: phonenumbers.PhoneNumber) -> str | None:
    """Why ``number`` cannot be a full diallable number, or None when it can."""
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.IS_POSSIBLE:
        return None
    return _IMPOSSIBLE.get(reason, "not a possible number")


def _fits_region(number: phonenumbers.PhoneNumber, text: str) -> bool:
    """Whether ``text``, read without a country code, is written the way its region writes it.

    The writing checks of libphonenumber's STRICT_GROUPING, without its validity requirement
    (drama ranges must pass): no digit group of the region's formats, or of libphonenumber's
    alternate formats, is split by the writing; at most one ``/``; and the national prefix is
    written where the region writes one. A single run of digits passes: there is no grouping
    to judge, and a spreadsheet that dropped the leading zero (``7700900123``) must still join
    up.
    """
    if number.country_code_source != CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return True
    runs = _DIGIT_RUNS.findall(text)
    if number.extension and runs and runs[-1] == number.extension:
        runs.pop()  # an extension is written as one run after the number
    if len(runs) <= 1:
        return True
    try:
        return (
            not _contains_more_than_one_slash_in_national_number(number, text)
            and _is_national_prefix_present_if_required(number)
            and _GROUPING._check_number_grouping_is_valid(
                number, text, _all_number_groups_remain_grouped
            )
        )
    except Exception:  # third-party code on odd text: unconfirmed, so do not guess a country
        return False


_NANP_SHAPE = re.compile(
    r"^(?:[01][-. ]+)?(?:\(\d{3}\)[-. ]?\d{3}[-. ]?\d{4}|\d{3}[-.]\d{3}[-.]\d{4})"
    r"(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)


def _foreign_shape(number: phonenumbers.PhoneNumber, text: str) -> bool:
    """Whether ``text`` is written the North American way (``(711) 302-8090``,
    ``711-302-8090``) while read in a region outside North America."""
    return number.country_code != 1 and bool(_NANP_SHAPE.match(text.strip()))


def _without_notes(text: str) -> str:
    """``text`` without notes before or after the number (``(mob)``, ``- home``, ``Tel:``).

    >>> _without_notes("07700 900123 (mob)"), _without_notes("Mobile: 07700 900123 - work")
    ('07700 900123', '07700 900123')
    """
    for _ in range(3):  # "07700 900123 mob (old)"
        note = _TRAILING_NOTE.search(text)
        if note is None or note.start() == 0 or (
                note.group("word") and note.group("word").lower() not in NOTE_WORDS):
            break
        text = text[: note.start()].rstrip()
    for _ in range(3):
        note = _LEADING_NOTE.match(text)
        if note is None or note.end() == len(text) or (
                note.group("word") and note.group("word").lower() not in NOTE_WORDS):
            break
        text = text[note.end():].lstrip()
    return text


def _letters_read(text: str) -> tuple[str, str | None]:
    """``text`` with each letter O between two digits read as a zero, and the first other
    letter in the number (from where it starts to its end, an extension left out), or None.

    >>> _letters_read("07700 9OO321"), _letters_read("07700 900 12x")
    (('07700 900321', None), ('07700 900 12x', 'x'))
    >>> _letters_read("O7700 900123"), _letters_read("Tel 07700 900123 ext 12")
    (('O7700 900123', 'O'), ('Tel 07700 900123 ext 12', None))
    """
    start = _NUMBER_START.search(text)
    if start is None:
        return text, None
    body = _EXTENSION.sub("", text[start.start():])
    read = _O_AS_ZERO.sub(lambda m: "0" * len(m.group(0)), body)
    letter = _LETTER.search(read)
    if letter is not None:
        return text, letter.group(0)
    if read == body:
        return text, None
    return text[: start.start()] + _O_AS_ZERO.sub(lambda m: "0" * len(m.group(0)),
                                                  text[start.start():]), None


def _digits_as_written(text: str, extension: str | None) -> str:
    """The ``+`` and digits of ``text``, without a trailing extension."""
    kept = _NOT_DIAL.sub("", text)
    if extension and kept.endswith(extension):
        kept = kept[: -len(extension)]
    return kept or text


def clean_phone(raw: object, region: str = "GB") -> Cleaned:
    """Normalise a phone number to E.164; numbers without a country code are read as ``region``.

    Flags: ``not_valid_number`` (possible but not in the library's allocated ranges; value
    still E.164, no error), ``extension_dropped`` (an extension was given; E.164 has none),
    ``region_unknown`` (no country code, and written with a digit grouping ``region`` does not
    use, such as ``(711)302-8090`` for GB: no country is guessed; value is the digits and
    ``+`` as written, no error), ``impossible_number`` (parsed but cannot be a full number,
    including local-only numbers; value is the digits and ``+`` as written),
    ``unparseable_phone`` (no number at all; value is the stripped text, or None when empty),
    ``written_as_decimal`` (a spreadsheet's ``7700900123.0``: read without its ``.0``),
    ``letter_o_read_as_zero`` (``07700 9OO321``: an O between digits read as 0). A note
    beside the number (``(mob)``, ``- home``) is dropped; any other letter among its digits
    is ``unparseable_phone`` with the text kept as written.

    >>> clean_phone("+44 (0)7700 900123").value
    '+447700900123'
    >>> clean_phone("07700 900123").flags
    ('not_valid_number',)
    >>> clean_phone("0-(711)302-8090")
    Cleaned(value='07113028090', raw='0-(711)302-8090', flags=('region_unknown',), error=None)
    >>> clean_phone("(711)302-8090", region="US").value
    '+17113028090'
    >>> clean_phone("7700900123.0").value  # a spreadsheet's decimal, leading 0 lost too
    '+447700900123'
    >>> clean_phone("07700 900123 (mob)").value
    '+447700900123'
    >>> clean_phone("07700 900 12x").error
    "not a phone number: a letter among its digits ('x')"
    >>> clean_phone("call me").error
    'not a phone number: no phone number in the text'
    """
    text, given = as_text(raw), raw_of(raw)
    if not text:
        return Cleaned(None, given, ("unparseable_phone",), "empty")
    written = " ".join(text.split())
    text, letter = _letters_read(_without_notes(text))
    if letter is not None:
        return Cleaned(written, given, ("unparseable_phone",),
                       f"not a phone number: a letter among its digits ({letter!r})")
    if text != _without_notes(as_text(raw)):
        found = clean_phone(text, region)
        return Cleaned(found.value, given, (*found.flags, "letter_o_read_as_zero"), found.error)
    decimal = _DECIMAL.match(text)
    if decimal:
        found = clean_phone(decimal.group(1), region)
        return Cleaned(found.value, given, (*found.flags, "written_as_decimal"), found.error)
    try:
        number = phonenumbers.parse(text, (region or "").upper(), keep_raw_input=True)
    except NumberParseException as exc:
        why = _PARSE_ERRORS.get(exc.error_type, "not readable")
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE and not text.startswith("+"):
            why = f"no country code and region {region!r} is not a known region"
        return Cleaned(text, given, ("unparseable_phone",), f"not a phone number: {why}")
    impossible = _full_number(number)
    if impossible is not None:
        kept = _NOT_DIAL.sub("", text) or text
        return Cleaned(
            kept, given, ("impossible_number",), f"not a possible phone number: {impossible}"
        )
    flags: list[str] = []
    fits = _fits_region(number, text) or (
        phonenumbers.is_valid_number(number) and not _foreign_shape(number, text))
    if not fits:
        flags.append("region_unknown")
    elif not phonenumbers.is_valid_number(number):
        flags.append("not_valid_number")
    if number.extension:
        flags.append("extension_dropped")
    if not fits:
        return Cleaned(_digits_as_written(text, number.extension), given, tuple(flags))
    return Cleaned(phonenumbers.format_number(number, PhoneNumberFormat.E164), given, tuple(flags))


def find_phones(text: str, region: str = "GB") -> list[str]:
    """E.164 numbers found in free text, deduplicated, in order of first appearance.

    Uses ``PhoneNumberMatcher`` with ``Leniency.POSSIBLE``, so drama-range numbers are
    found. To keep report references and dates out, a match glued to a letter, digit or
    ``/`` (``IR/2025/000123``) is skipped, and so are local-only numbers.

    >>> find_phones("ring 07700 900123, or +44 7700 900123, ref IR/2025/000123")
    ['+447700900123']
    """
    body = as_text(text)
    found: list[str] = []
    try:
        matches = list(
            phonenumbers.PhoneNumberMatcher(
                body, (region or "").upper(), leniency=Leniency.POSSIBLE
            )
        )
    except Exception:  # the matcher is third-party code; a finder must never raise
        return found
    for match in matches:
        before = body[match.start - 1] if match.start > 0 else " "
        after = body[match.end] if match.end < len(body) else " "
        if _GLUED.match(before) or _GLUED.match(after) or _full_number(match.number) is not None:
            continue
        e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        if e164 not in found:
            found.append(e164)
    return found
