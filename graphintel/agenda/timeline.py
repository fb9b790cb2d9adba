"""A network's timeline: its reports, its children's missing episodes and its sightings over
time, as one small PNG with three rows (matplotlib's Agg canvas, no pyplot). Only dates are
drawn, never a name."""

from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
from matplotlib.figure import Figure

from graphintel.agenda.model import Network, Timeline
from graphintel.agenda.picture import png_bytes
from graphintel.agenda.scope import Scope, shown_episodes
from graphintel.agenda.view import View
from graphintel.agenda.words import plural

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


#: Where the plot sits in the figure (left, bottom, width, height): room on the left for
#: the row names with their counts, below for the month labels; fixed, so that no text needs
#: measuring before drawing.
FRAME = (0.16, 0.16, 0.825, 0.8)
#: The fewest days a timeline spans: events closer together are shown in the middle of
#: this many days (a shorter axis leaves the date ticks with no interval to pick).
SHORTEST = 30
#: Timelines spanning at most this many days label their ticks by day, not by month.
SHORT = 90


def draw_timeline(t: Timeline, *, width: float = 10.0, height: float = 2.3,
                  dpi: int = 110) -> bytes:
    """PNG bytes of the timeline, with no metadata text chunks."""
    fig = Figure(figsize=(width, height), dpi=dpi)
    ax = fig.add_axes(FRAME)
    labels = []
    every: list[float] = []
    for y, (attr, name, colour, marker, size) in enumerate(reversed(ROWS)):
        days = [float(d) for d in mdates.date2num(
            [date.fromisoformat(d) for d in getattr(t, attr)])]
        labels.append(f"{name} ({len(days)})")
        every += days
        if days:
            ax.scatter(days, [y] * len(days), marker=marker, s=size, c=colour,
                       alpha=0.7, linewidths=1.2)
    ax.set_yticks(range(len(ROWS)), labels, fontsize=8, family="DejaVu Sans")
    ax.set_ylim(-0.6, len(ROWS) - 0.4)
    if every and max(every) - min(every) < SHORTEST:
        middle = (max(every) + min(every)) / 2
        ax.set_xlim(middle - SHORTEST / 2, middle + SHORTEST / 2)
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    span = max(every) - min(every) if every else 0.0
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y" if span > SHORT else "%d %b %Y"))
    ax.tick_params(axis="x", labelsize=8, labelfontfamily="DejaVu Sans")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return png_bytes(fig)
