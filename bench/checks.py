"""What each program printed, reduced to a count and an order-free digest of (local minute, title).

Two outputs with the same count and digest list the same instants for the same exercises, so the
peers are known to do the same work as tiptoe, not less.
"""
from __future__ import annotations

import json
import re

MASK = (1 << 64) - 1
PLAN_SLOT = re.compile(rb'"title": ("(?:[^"\\]|\\.)*"), "start": "([^"]{16})')


def _summary(count: int, digest: int) -> dict:
    return {"count": count, "digest": f"{digest & MASK:016x}"}


def tiptoe_plan(lines) -> dict:
    """`tiptoe plan --json`: one slot per line."""
    count = digest = 0
    for line in lines:
        match = PLAN_SLOT.search(line)
        if match:
            count += 1
            digest += hash((match.group(2).decode(), json.loads(match.group(1))))
    return _summary(count, digest)


def remind_simple(lines) -> dict:
    """`remind -s`: `2026/01/01 * * 2 610 10:10-10:12am Exercise 1`."""
    count = digest = 0
    for line in lines:
        day, _, _, _, minutes, _, title = line.decode().rstrip("\n").split(" ", 6)
        minute = int(minutes)
        count += 1
        digest += hash((f"{day.replace('/', '-')}T{minute // 60:02d}:{minute % 60:02d}", title))
    return _summary(count, digest)


def rrule_lines(lines) -> dict:
    """bench/peers/rrule_expand.py: `2026-01-01T10:10:00+01:00 exercise-00001 Exercise 1`."""
    count = digest = 0
    for line in lines:
        start, _, title = line.decode().rstrip("\n").split(" ", 2)
        count += 1
        digest += hash((start[:16], title))
    return _summary(count, digest)


def lines_printed(lines) -> dict:
    return {"count": sum(1 for _ in lines)}


def first_line(lines) -> dict:
    for line in lines:
        return {"output": line.decode().strip()}
    return {"output": ""}


def events_in(path) -> int:
    """How many VEVENTs an .ics file holds."""
    with open(path, "rb") as file:
        return sum(1 for line in file if line.startswith(b"BEGIN:VEVENT"))
