"""Reads an iCalendar file back with python icalendar + recurring-ical-events, for scale.

Usage: ical_read.py FILE.ics FROM DAYS    prints how many occurrences fall in [FROM, FROM+DAYS).
"""
import sys
from datetime import date, timedelta

import icalendar
import recurring_ical_events

calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
first = date.fromisoformat(sys.argv[2])
print(len(recurring_ical_events.of(calendar).between(first, first + timedelta(days=int(sys.argv[3])))))
