"""Reads an iCalendar feed with an independent parser and prints its events.

Used by crates/web/tests/feeds.rs: `icalendar` parses the feed (and rejects
malformed content), `recurring-ical-events` expands it into concrete events
between two UTC instants the way calendar clients do, resolving TZID against
the feed's VTIMEZONE. Output: one JSON list of events with UTC times, sorted.

usage: ical_check.py FEED.ics FROM_UTC TO_UTC   (ISO 8601, e.g. 2026-01-01T00:00:00)
"""

import json
import sys
from datetime import datetime, timezone

import icalendar
import recurring_ical_events


def utc(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise SystemExit(f"floating time {value} in feed: every time must carry a zone")
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    raise SystemExit(f"all-day value {value} in feed: meetings have times")


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    start = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)
    end = datetime.fromisoformat(end).replace(tzinfo=timezone.utc)
    out = []
    for ev in recurring_ical_events.of(cal).between(start, end):
        out.append(
            {
                "uid": str(ev["UID"]),
                "start": utc(ev["DTSTART"].dt),
                "end": utc(ev["DTEND"].dt),
                "status": str(ev.get("STATUS", "")),
                "sequence": int(ev.get("SEQUENCE", 0)),
                "summary": str(ev["SUMMARY"]),
            }
        )
    out.sort(key=lambda e: (e["start"], e["uid"]))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
