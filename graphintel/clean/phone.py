"""Phone numbers to E.164 (``+447700900123``), the key a Phone node is merged on.

Parsing is done by ``phonenumbers`` (Google's libphonenumber metadata). Its notion of
*valid* lags behind Ofcom: the drama ranges (07700 900xxx) and newly opened ranges are only
*possible*. Those still normalise, with the flag ``not_valid_number`` and no error, because
a synthetic or brand-new number must still join up across reports.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberFormat, ValidationResult

from graphintel.clean.result import Cleaned, as_text, raw_of

_NOT_DIAL = re.compile(r"[^0-9+]")
_GLUED = re.compile(r"[A-Za-z0-9/]")

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


def clean_phone(raw: object, region: str = "GB") -> Cleaned:
    """Normalise a phone number to E.164; numbers without ``+`` are read as ``region``.

    Flags: ``not_valid_number`` (possible but not in the library's allocated ranges; value
    still E.164, no error), ``extension_dropped`` (an extension was given; E.164 has none),
    ``impossible_number`` (parsed but cannot be a full number, including local-only numbers;
    value is the digits and ``+`` as written), ``unparseable_phone`` (no number at all;
    value is the stripped text, or None when empty).

    >>> clean_phone("+44 (0)7700 900123").value
    '+447700900123'
    >>> clean_phone("07700 900123").flags
    ('not_valid_number',)
    >>> clean_phone("call me").error
    'not a phone number: no phone number in the text'
    """
    text, given = as_text(raw), raw_of(raw)
    if not text:
        return Cleaned(None, given, ("unparseable_phone",), "empty")
    try:
        number = phonenumbers.parse(text, (region or "").upper())
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
    if not phonenumbers.is_valid_number(number):
        flags.append("not_valid_number")
    if number.extension:
        flags.append("extension_dropped")
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
