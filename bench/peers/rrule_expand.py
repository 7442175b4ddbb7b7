"""Peer of `tiptoe plan --json`: python-dateutil's rrule expands the same recurrences, every slot printed.

Usage: rrule_expand.py SPEC.json FROM DAYS
One rrule per exercise and time of day (FREQ=DAILY, or WEEKLY;BYDAY=… for weekly exercises), in the
spec's zone; the rules are merged into one stream sorted by start, as tiptoe prints them, and each
instant is printed as "ISO-8601-with-offset exercise-id title".
"""
import heapq
import json
import sys
from datetime import datetime, timedelta

from dateutil import rrule, tz


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    first = datetime.fromisoformat(sys.argv[2])
    days = int(sys.argv[3])
    zone = tz.gettz(spec["timezone"])
    start = first.replace(tzinfo=zone)
    until = start + timedelta(days=days)

    def stream(exercise, at, weekdays):
        hour, minute, second = map(int, at.split(":"))
        byweekday = None if len(weekdays) == 7 else weekdays
        rule = rrule.rrule(
            rrule.DAILY if byweekday is None else rrule.WEEKLY, byweekday=byweekday,
            dtstart=start.replace(hour=hour, minute=minute, second=second), until=until)
        label = f"{exercise['id']} {exercise['title']}"
        for instant in rule:
            yield instant, label

    rules = [stream(e, at, days) for e in spec["exercises"] for at, days in e["at"]]
    write = sys.stdout.write
    for instant, label in heapq.merge(*rules, key=lambda pair: pair[0]):
        if instant < until:
            write(f"{instant.isoformat()} {label}\n")


main()
