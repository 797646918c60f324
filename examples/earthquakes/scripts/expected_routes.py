#!/usr/bin/env python3
"""Count the records that pipeline.yaml sends to each stream, computed from the data alone.

This is an independent second implementation of the example's rules, kept apart from the Java
components on purpose: an end-to-end run of the application should report the same numbers.

Usage: python3 expected_routes.py [FILE.jsonl]   (default: ../data/earthquakes-usgs-week.jsonl)
"""

import json
import pathlib
import sys
from collections import Counter

DEFAULT_DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "earthquakes-usgs-week.jsonl"

SEVERITY_STREAMS = {
    "micro": "quakes.minor",
    "minor": "quakes.minor",
    "light": "quakes.moderate",
    "moderate": "quakes.moderate",
    "strong": "quakes.major",
    "major": "quakes.major",
}

# The attempts of the retry node around notify, the first included.
NOTIFY_ATTEMPTS = 3

OTHER_EVENT_STREAMS = {
    "explosion": "quakes.other-events",
    "quarry-blast": "quakes.other-events",
}


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def severity(magnitude):
    if magnitude < 2.5:
        return "micro"
    if magnitude < 4.0:
        return "minor"
    if magnitude < 5.0:
        return "light"
    if magnitude < 6.0:
        return "moderate"
    if magnitude < 7.0:
        return "strong"
    return "major"


def routes(feature):
    """Return the streams one feature is sent to, with "dead-letter" for a feature that fails."""
    properties = feature.get("properties") or {}
    coordinates = (feature.get("geometry") or {}).get("coordinates")
    magnitude = properties.get("mag")
    if not is_number(magnitude):
        return ["dead-letter"]
    if not isinstance(coordinates, list) or len(coordinates) < 3 or not all(is_number(c) for c in coordinates[:3]):
        return ["dead-letter"]

    event_type = properties.get("type")
    if event_type != "earthquake":
        key = "unknown" if event_type is None else str(event_type).replace(" ", "-")
        return [OTHER_EVENT_STREAMS.get(key, "quakes.unclassified")]

    streams = [SEVERITY_STREAMS[severity(magnitude)]]
    tsunami = is_number(properties.get("tsunami")) and properties.get("tsunami") == 1
    notable = magnitude >= 4.5 or tsunami or properties.get("alert") is not None
    if notable:
        streams.append("quakes.notable")
        if tsunami:
            streams.append("quakes.tsunami")
        # notify fails while the attempt number is at most fail_attempts, which the feed never sets.
        fail_attempts = properties.get("fail_attempts")
        fails = is_number(fail_attempts) and int(fail_attempts) >= NOTIFY_ATTEMPTS
        streams.append("dead-letter" if fails else "quakes.notified")
    return streams


def main():
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    counts = Counter()
    records = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            records += 1
            counts.update(routes(json.loads(line)))
    print(f"records: {records}")
    for stream in sorted(counts):
        print(f"{stream}: {counts[stream]}")


if __name__ == "__main__":
    main()
