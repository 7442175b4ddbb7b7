"""Peer of `tiptoe export`: python icalendar writes the same events.

Usage: ical_write.py SPEC.json OUT.ics FROM [--expand DAYS]
Series: one VEVENT per exercise and time of day with an RRULE (DAILY, or WEEKLY;BYDAY=…), DTSTART with
TZID and a VTIMEZONE. --expand DAYS: one VEVENT per slot instead (instants from dateutil's rrule).
Each event has UID, DTSTAMP, DTSTART, DURATION, SUMMARY, DESCRIPTION, SEQUENCE and a VALARM, as
tiptoe writes them.
"""
import json
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil import rrule
from icalendar import Alarm, Calendar, Event

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def event(uid, exercise, start, stamp, rule=None):
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("duration", timedelta(minutes=exercise["minutes"]))
    if rule:
        item.add("rrule", rule)
    item.add("summary", exercise["title"])
    item.add("description", f"{exercise['title']}: {exercise['minutes']} min")
    item.add("sequence", 0)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", exercise["title"])
    alarm.add("trigger", timedelta(0))
    item.add_component(alarm)
    return item


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    out = sys.argv[2]
    first = datetime.fromisoformat(sys.argv[3])
    expand = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--expand" else None
    zone = ZoneInfo(spec["timezone"])
    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//tiptoe bench//python icalendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for exercise in spec["exercises"]:
        for at, days in exercise["at"]:
            hour, minute, second = map(int, at.split(":"))
            weekly = len(days) < 7
            start = first.replace(hour=hour, minute=minute, second=second, tzinfo=zone)
            if weekly:  # DTSTART on a listed day
                while start.weekday() not in days:
                    start += timedelta(days=1)
            if expand is None:
                rule = {"freq": "weekly", "byday": [DAYS[d] for d in days]} if weekly else {"freq": "daily"}
                calendar.add_component(event(f"{exercise['id']}-{at}@tiptoe", exercise, start, stamp, rule))
                continue
            until = first.replace(tzinfo=zone) + timedelta(days=expand)
            instants = rrule.rrule(rrule.WEEKLY if weekly else rrule.DAILY, byweekday=days if weekly else None,
                                   dtstart=start, until=until)
            for instant in instants:
                if instant < until:
                    uid = f"{exercise['id']}/{instant.date().isoformat()}/{at}@tiptoe"
                    calendar.add_component(event(uid, exercise, instant, stamp))
    calendar.add_missing_timezones()
    with open(out, "wb") as file:
        file.write(calendar.to_ical())


main()
