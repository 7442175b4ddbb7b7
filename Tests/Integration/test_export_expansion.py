"""The calendar shows what tiptoe plans, to the second: expand every export over 400 days
with recurring-ical-events and compare each start instant with `tiptoe plan --json --days 400`.

Three routines (the built-in one, a large one, every kind of frequency phrase), four zones, export dates on and around the DST changes (DTSTART itself
then falls on a changing day), and three ways of reading the file:
- `series`: the RRULEs, with the parser's own copy of the IANA zone (as Google, Apple and
  Outlook do for a known TZID);
- `series-own-zone`: the RRULEs with the TZID renamed, so only the file's VTIMEZONE defines
  the offsets (as a client without that zone does);
- `instances`: `--expand --days 400`, one event per slot.
"""
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from test_export_support import (
    FIXTURES, LARGE, PRIVATE_TZID, expanded_starts, export, plan, planned_starts, with_private_tzid)

DAYS = 400
# Each zone with the days of its 2027 changes: spring forward, fall back.
ZONES = {
    "Europe/Berlin": ["2027-03-28", "2027-10-31"],
    "America/New_York": ["2027-03-14", "2027-11-07"],
    "Australia/Lord_Howe": ["2027-10-03", "2027-04-04"],
    "UTC": [],
}
CASES = [(zone, first) for zone, days in ZONES.items() for first in ["2026-11-23", *days]]
# Every kind of frequency phrase, one exercise each (intervals across the DST gaps, monthly days).
PHRASES = FIXTURES / "export-phrases.toml"
ROUTINES = {"built-in": [], "large": ["--routine", LARGE], "phrases": ["--routine", PHRASES]}


def ordinal(slot_or_uid: str) -> str:
    return slot_or_uid.split("@")[0].replace(".", "/").rsplit("/", 1)[1]


# Instances carry their own wall times: from the first date only (400 days span both changes).
READINGS = [(reading, zone, first) for reading in ["series", "series-own-zone", "instances"]
            for zone, first in CASES if reading != "instances" or first == "2026-11-23"]


# The phrases' routine is there for its rules: read as series from one date in each zone (its 400 days
# span both changes). Its intervals plan dozens of slots a day, so the other readings, which the two
# other routines cover, would take minutes each.
EXPANSIONS = [(routine, reading, zone, first) for routine in ROUTINES for reading, zone, first in READINGS
              if routine != "phrases" or (reading != "instances" and first == "2026-11-23")]


@pytest.mark.parametrize("routine,reading,zone,first", EXPANSIONS)
def test_expanded_starts_equal_the_plan(tiptoe, routine, zone, first, reading):
    args = [*ROUTINES[routine], "--tz", zone, "--from", first]
    want = planned_starts(plan(tiptoe, *args, days=DAYS))
    assert len(want) > 3000
    if reading == "instances":
        text = export(tiptoe, *args, "--expand", "--days", DAYS)
    else:
        text = export(tiptoe, *args)
    if reading == "series-own-zone":
        text = with_private_tzid(text)
    got = expanded_starts(text, dt.date.fromisoformat(first), DAYS)

    if reading == "instances":
        # One event per slot, its UID made from the slot id.
        assert sorted((e, uid.split("@")[0].replace(".", "/"), t) for e, uid, t in got) == want
    else:
        # Series: one UID per exercise and time of day; the ordinal matches the slot's.
        assert sorted((e, ordinal(uid), t) for e, uid, t in got) == sorted((e, ordinal(i), t) for e, i, t in want)


def test_own_zone_reading_really_uses_the_files_vtimezone(tiptoe):
    """Guards the test above: with the renamed TZID the parser cannot fall back to its zoneinfo copy."""
    text = with_private_tzid(export(tiptoe, "--tz", "Europe/Berlin"))
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    zone = event["DTSTART"].dt.tzinfo
    assert not isinstance(zone, ZoneInfo)
    assert event["DTSTART"].params["TZID"].startswith(PRIVATE_TZID)
    summer = dt.datetime(2027, 7, 1, 12, tzinfo=zone)
    winter = dt.datetime(2027, 1, 1, 12, tzinfo=zone)
    assert (summer.utcoffset(), winter.utcoffset()) == (dt.timedelta(hours=2), dt.timedelta(hours=1))


GAPS = [
    # Spring forward: a wall time in the gap moves forward by the gap (RFC 5545 §3.3.5).
    ("Europe/Berlin", "2027-03-28T02:30:00", "2027-03-28T03:30:00+02:00"),
    ("America/New_York", "2027-03-14T02:30:00", "2027-03-14T03:30:00-04:00"),
    ("Australia/Lord_Howe", "2027-10-03T02:15:00", "2027-10-03T02:45:00+11:00"),
]
FOLDS = [
    # Fall back: a wall time that occurs twice means the first.
    ("Europe/Berlin", "2027-10-31T02:30:00", "2027-10-31T02:30:00+02:00"),
    ("America/New_York", "2027-11-07T01:30:00", "2027-11-07T01:30:00-04:00"),
    ("Australia/Lord_Howe", "2027-04-04T01:45:00", "2027-04-04T01:45:00+11:00"),
]


def one_exercise(tmp_path, clock):
    routine = tmp_path / "one.toml"
    routine.write_text(f'name = "One"\n[[exercise]]\nid = "x"\ntitle = "X"\nat = ["{clock}"]\n')
    return routine


@pytest.mark.parametrize("zone,time,expected", GAPS + FOLDS)
@pytest.mark.parametrize("own_zone", [False, True], ids=["iana", "own-zone"])
@pytest.mark.parametrize("days_before", [0, 1])
def test_gap_and_fold_times_agree_with_rfc_5545(tiptoe, tmp_path, zone, time, expected, own_zone, days_before):
    """The planner follows RFC 5545 for times in gaps and folds, and the calendar shows the same instant,
    whether the export starts on the day of the change or the day before."""
    day, clock = time.split("T")
    first = dt.date.fromisoformat(day) - dt.timedelta(days=days_before)
    args = ["--routine", one_exercise(tmp_path, clock), "--tz", zone, "--from", first]
    assert plan(tiptoe, *args, days=days_before + 1)["slots"][-1]["start"] == expected
    text = export(tiptoe, *args)
    if own_zone:
        text = with_private_tzid(text)
    starts = [start for _, _, start in expanded_starts(text, first, days_before + 1)]
    assert starts[-1] == dt.datetime.fromisoformat(expected)
    assert len(starts) == days_before + 1


@pytest.mark.parametrize("zone,time,expected", GAPS)
def test_a_series_never_repeats_a_wall_time_that_does_not_exist(tiptoe, tmp_path, zone, time, expected):
    """On a spring-forward day the series has an EXDATE, and the slot is its own event at the real time."""
    day, clock = time.split("T")
    wall = clock.replace(":", "")
    text = export(tiptoe, "--routine", one_exercise(tmp_path, clock), "--tz", zone, "--from", "2026-11-23")
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    series = events.pop("x.1@tiptoe")
    assert series["DTSTART"].to_ical().decode() == f"20261123T{wall}"
    exdates = [d.to_ical().decode() for p in series.get("EXDATE") for d in p.dts]
    assert f"{day.replace('-', '')}T{wall}" in exdates
    # One excluded day and one event per spring-forward day in the years the VTIMEZONE covers, and per
    # day after it (libical 3.0 still moves the time then); both days are excluded at the time libical
    # moves it to as well. Berlin's 02:30 also occurs twice on its fall-back days: pinned too.
    moved = (dt.datetime.fromisoformat(expected).replace(tzinfo=None) - dt.datetime.fromisoformat(time))
    later = (dt.datetime.fromisoformat(time) + moved).strftime("%Y%m%dT%H%M%S")
    assert later in exdates
    assert len({d[:8] for d in exdates}) == len(events) >= 10
    single = events[f"x.{day}.1@tiptoe"]
    assert "RRULE" not in single
    assert single["DTSTART"].dt == dt.datetime.fromisoformat(expected)
    # Its DTSTART is the wall time after the gap, which exists: no client needs a gap rule.
    assert single["DTSTART"].to_ical().decode() == expected[:19].replace("-", "").replace(":", "")


@pytest.mark.parametrize("zone,time,expected", GAPS)
def test_why_gap_days_are_pinned(tiptoe, tmp_path, zone, time, expected):
    """Documents the disagreement the EXDATE and the separate event avoid: left to the RRULE, the
    gap-day instance is 03:30 with zoneinfo (RFC 5545 §3.3.5) but an hour early (01:30, the offset
    after the gap) with the zone icalendar builds from a VTIMEZONE, as libical does too."""
    day, clock = time.split("T")
    before = dt.date.fromisoformat(day) - dt.timedelta(days=1)
    text = export(tiptoe, "--routine", one_exercise(tmp_path, clock), "--tz", zone, "--from", before)
    calendar = icalendar.Calendar.from_ical(text)
    for event in list(calendar.subcomponents):
        if event.name == "VEVENT" and "RRULE" not in event:
            calendar.subcomponents.remove(event)
        elif event.name == "VEVENT":
            del event["EXDATE"]
    bare = calendar.to_ical().decode()
    want = dt.datetime.fromisoformat(expected)
    [*_, (_, _, iana)] = expanded_starts(bare, before, 2)
    [*_, (_, _, own)] = expanded_starts(with_private_tzid(bare), before, 2)
    assert iana == want
    gap = want.utcoffset() - (want - dt.timedelta(days=1)).astimezone(ZoneInfo(zone)).utcoffset()
    assert gap > dt.timedelta(0)
    assert own == want - gap, "icalendar now resolves gap times like RFC 5545: README's note can go"
