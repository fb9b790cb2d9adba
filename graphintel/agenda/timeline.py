"""A network's timeline: its reports, its children's missing episodes and its sightings over
time, as one small PNG with three rows. Only dates are drawn, never a name."""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from graphintel.agenda.model import Network, Timeline  # noqa: E402
from graphintel.agenda.scope import Scope, shown_episodes  # noqa: E402
from graphintel.agenda.view import View  # noqa: E402
from graphintel.agenda.words import plural  # noqa: E402

ROWS = (("reports", "Reports", "#455a64", "|", 120),
        ("episodes", "Missing episodes", "#1e88e5", "o", 40),
        ("sightings", "Sightings", "#2e7d32", "^", 40))


def _day(value: object) -> str | None:
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def timeline_spec(view: View, scope: Scope, net: Network, file_name: str) -> Timeline | None:
    """The dated events of the network's people as this profile may show them."""
    reports: dict[str, str] = {}
    episodes: dict[str, str] = {}
    sightings: list[str] = []
    for uid in scope.members:
        person = view.person(uid)
        shown = set(view.refs([r["ref"] for r in person.get("reports") or []]))
        for r in person.get("reports") or []:
            day = _day(r.get("date"))
            if r["ref"] in shown and day:
                reports[r["ref"]] = day
        if view.is_child(uid):
            for e in shown_episodes(view, uid):
                day = _day(e.get("start"))
                if day:
                    episodes[e["event"]] = day
        for tie in view.facts.ties.get(uid, []):
            if tie["type"] == "SEEN_AT" and view.shown(
                    tie["refs"], "ties", f"{uid}|{tie['type']}|{tie['entity']}"):
                day = _day(tie.get("last_seen") or tie.get("first_seen"))
                if day:
                    sightings.append(day)
    for vehicle in scope.assets:
        for r in view.facts.reads.get(vehicle, []):
            day = _day(r.get("last_seen"))
            if day and view.shown(r["refs"], "vehicle sightings", f"{vehicle}|{r['location']}"):
                sightings.append(day)
    out = Timeline(file_name=file_name, alt="", reports=sorted(reports.values()),
                   episodes=sorted(episodes.values()), sightings=sorted(sightings))
    if len(out.reports) + len(out.episodes) + len(out.sightings) < 2:
        return None
    out.alt = (f"Timeline of network {net.id}: {plural(len(out.reports), 'report')}, "
               f"{plural(len(out.episodes), 'missing episode')}, "
               f"{plural(len(out.sightings), 'sighting')}")
    return out


def draw_timeline(t: Timeline, *, width: float = 10.0, height: float = 2.3,
                  dpi: int = 110) -> bytes:
    """PNG bytes of the timeline, with no metadata text chunks."""
    with plt.rc_context({"font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
        try:
            labels = []
            for y, (attr, name, colour, marker, size) in enumerate(reversed(ROWS)):
                days = [mdates.date2num(date.fromisoformat(d)) for d in getattr(t, attr)]
                labels.append(f"{name} ({len(days)})")
                if days:
                    ax.scatter(days, [y] * len(days), marker=marker, s=size, c=colour,
                               alpha=0.7, linewidths=1.2)
            ax.set_yticks(range(len(ROWS)), labels, fontsize=8)
            ax.set_ylim(-0.6, len(ROWS) - 0.4)
            ax.xaxis_date()
            ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
            ax.tick_params(axis="x", labelsize=8)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
            fig.tight_layout()
            buf = io.BytesIO()
            fig.savefig(buf, format="png", metadata={"Software": None})
        finally:
            plt.close(fig)
    return buf.getvalue()
