"""Small wording helpers shared by the agenda's build steps (no redaction here)."""

from __future__ import annotations

from typing import Any

#: Link kinds of the analysis projection, as a meeting reads them.
KIND_WORDS = {
    "EXPLOITS": "exploitation", "ASSOCIATE_OF": "association", "FAMILY_OF": "family",
    "shared_phone": "shared phone", "shared_vehicle": "shared vehicle",
    "shared_address": "shared address", "shared_place": "same frequented place",
    "shared_account": "shared online account", "shared_event": "together on a missing episode",
    "phone_contact": "phone contact", "account_contact": "online contact",
    "co_sighting": "seen at the same place and time",
}

#: Graph link types as verbs.
VERBS = {
    "ASSOCIATE_OF": "associate of", "FAMILY_OF": "family of", "EXPLOITS": "exploits",
    "USES": "uses", "OWNS": "owns", "DRIVES": "drives", "PASSENGER_IN": "passenger in",
    "LIVES_AT": "lives at", "FREQUENTS": "frequents", "SEEN_AT": "seen at",
    "HAS_ACCOUNT": "has account", "INVOLVED_IN": "found with",
    "FOUND_AT": "found here after going missing",
}


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 child``, ``2 children``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def when(value: Any) -> str:
    """An ISO date or time as ``2025-03-10 19:00`` (date only when there is no time)."""
    if not value:
        return "unknown"
    text = str(value).replace("T", " ").rstrip("Z")
    return text[:16] if len(text) > 10 else text


def place_text(loc: dict[str, Any]) -> str:
    """``Kebab House, BA1 1AA``: address and postcode (when not already in the address)."""
    address = str(loc.get("address") or "").strip()
    postcode = str(loc.get("postcode") or "").strip()
    if address and postcode and postcode.replace(" ", "").upper() not in \
            address.replace(" ", "").upper():
        return f"{address}, {postcode}"
    return address or postcode or str(loc.get("key") or "unknown place")


def short(text: str, limit: int = 22) -> str:
    """First part of an address, cut to ``limit`` characters, for picture labels."""
    first = text.split(",")[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def kinds_text(kinds: list[str]) -> str:
    return ", ".join(KIND_WORDS.get(k, k.replace("_", " ")) for k in kinds)


def vehicle_text(tie: dict[str, Any]) -> str:
    """``silver Ford Fiesta`` (whatever of colour, make and model is known)."""
    return " ".join(str(tie[k]) for k in ("colour", "make", "model") if tie.get(k))
