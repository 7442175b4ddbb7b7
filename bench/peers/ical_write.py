"""Peer of `tiptoe export`: python icalendar writes the same events.

Usage: ical_write.py SPEC.json OUT.ics FROM [--expand DAYS]
Series: one VEVENT per exercise and time of day with an RRULE (DAILY, or WEEKLY;BYDAY=…), DTSTART on
FROM (weekly: the first listed day) with TZID, and the zone's VTIMEZONE. --expand DAYS: one VEVENT per
slot instead, the instants from dateutil's rrule. Every event carries what tiptoe writes: UID, DTSTART,
DTEND, DTSTAMP, SEQUENCE, SUMMARY, DESCRIPTION (the same text, from the spec), CATEGORIES, TRANSP and a
VALARM; the calendar NAME, X-WR-CALNAME, X-WR-TIMEZONE, REFRESH-INTERVAL and X-PUBLISHED-TTL.
"""
import json
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil import rrule
from icalendar import Alarm, Calendar, Event, vDuration

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def event(uid, exercise, start, stamp, rule=None):
    item = Event()
    item.add("uid", uid)
    item.add("dtstart", start)
    item.add("dtend", start + timedelta(minutes=exercise["minutes"]))
    if rule:
        item.add("rrule", rule)
    item.add("dtstamp", stamp)
    item.add("sequence", 0)
    item.add("summary", exercise["title"])
    item.add("description", exercise["description"])
    item.add("categories", ["Exercise", "tiptoe"])
    item.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", exercise["title"])
    item.add_component(alarm)
    return item


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    out = sys.argv[2]
    first = datetime.fromisoformat(sys.argv[3])
    expand = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--expand" else None
    zone = ZoneInfo(spec["timezone"])
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//tiptoe bench//python icalendar//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", spec["name"])
    calendar.add("x-wr-calname", spec["name"])
    calendar.add("x-wr-timezone", spec["timezone"])
    calendar.add("refresh-interval", vDuration(timedelta(days=1)), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(timedelta(days=1)))
    for exercise in spec["exercises"]:
        for number, (at, days) in enumerate(exercise["at"], start=1):
            hour, minute, second = map(int, at.split(":"))
            weekly = len(days) < 7
            start = first.replace(hour=hour, minute=minute, second=second, tzinfo=zone)
            while weekly and start.weekday() not in days:  # DTSTART on a listed day
                start += timedelta(days=1)
            if expand is None:
                rule = {"freq": "weekly", "byday": [DAYS[d] for d in days]} if weekly else {"freq": "daily"}
                calendar.add_component(event(f"{exercise['id']}.{number}@tiptoe", exercise, start, stamp, rule))
                continue
            until = first.replace(tzinfo=zone) + timedelta(days=expand)
            instants = rrule.rrule(rrule.WEEKLY if weekly else rrule.DAILY, byweekday=days if weekly else None,
                                   dtstart=start, until=until)
            for instant in instants:
                if instant < until:
                    uid = f"{exercise['id']}.{instant.date().isoformat()}.{number}@tiptoe"
                    calendar.add_component(event(uid, exercise, instant, stamp))
    calendar.add_missing_timezones()
    with open(out, "wb") as file:
        file.write(calendar.to_ical())


main()
