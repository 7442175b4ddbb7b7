"""The VTIMEZONE tiptoe writes gives the same offsets as the zone the planner uses.

For zones with every kind of rule (last Sunday, nth Sunday, `Fri>=23`, 24:00 changes, 30- and
45-minute offsets, two-hour DST, negative DST, Ramadan breaks, DST abolished), a slot every 15
minutes for 400 days: each slot's instant, read through the zone icalendar builds from the file's
VTIMEZONE alone, must have the offset `tiptoe plan` printed for it (every slot near a change, one in
24 elsewhere, to keep it quick).
"""
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from test_export_support import export, plan, with_private_tzid

ZONES = [
    "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC", "Asia/Tokyo", "Asia/Kolkata",
    "Asia/Kathmandu", "Pacific/Chatham", "America/Sao_Paulo", "America/Santiago", "Africa/Casablanca",
    "Asia/Jerusalem", "Europe/Dublin", "America/St_Johns", "Asia/Tehran", "America/Havana", "America/Nuuk",
    "Antarctica/Troll", "Australia/Adelaide", "Pacific/Auckland", "Africa/Cairo", "Asia/Gaza",
    "America/Asuncion", "Europe/London", "America/Los_Angeles",
]
# Zones whose present rules the VTIMEZONE must state as open-ended yearly rules.
RULED = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Europe/London",
         "America/Los_Angeles", "Pacific/Auckland", "Australia/Adelaide"]


@pytest.fixture(scope="module")
def every_quarter_hour(tmp_path_factory):
    routine = tmp_path_factory.mktemp("routine") / "quarter-hours.toml"
    times = ", ".join(f'"{h:02}:{m:02}"' for h in range(24) for m in range(0, 60, 15))
    routine.write_text(f'name = "Q"\n[[exercise]]\nid = "q"\ntitle = "Q"\nat = [{times}]\n')
    return routine


def own_zone(text):
    """The tzinfo icalendar builds from the file's VTIMEZONE (its TZID renamed, so no lookup)."""
    calendar = icalendar.Calendar.from_ical(with_private_tzid(text))
    [vtimezone] = calendar.walk("VTIMEZONE")
    zone = vtimezone.to_tz(lookup_tzid=False)
    assert not isinstance(zone, ZoneInfo)
    return calendar, zone


def checked(slots):
    """Every slot within two days of a change of the planner's offset; elsewhere one in 24 (six hours)."""
    starts = [dt.datetime.fromisoformat(slot["start"]) for slot in slots]
    changes = [a for a, b in zip(starts, starts[1:]) if a.utcoffset() != b.utcoffset()]
    near = {(c + dt.timedelta(days=d)).date() for c in changes for d in (-2, -1, 0, 1, 2)}
    return [s for n, s in enumerate(starts) if n % 24 == 0 or s.date() in near], len(changes)


# Every zone from the fixture clock's date; some also from mid-year, when the other change comes first.
STARTS = [(zone, "2026-11-23") for zone in ZONES] + [
    (zone, "2027-06-15") for zone in ["Europe/Berlin", "Australia/Lord_Howe", "Africa/Casablanca", "Africa/Cairo",
                                      "America/Santiago", "Antarctica/Troll"]]


@pytest.mark.parametrize("zone,first", STARTS)
def test_vtimezone_gives_the_planners_offsets(tiptoe, every_quarter_hour, zone, first):
    args = ["--routine", every_quarter_hour, "--tz", zone, "--from", first]
    slots = plan(tiptoe, *args, days=400)["slots"]
    assert len(slots) >= 400 * 96 - 8
    starts, changes = checked(slots)
    assert len(starts) >= 1600 + 96 * 5 * changes * 0.5
    for text in [export(tiptoe, *args), export(tiptoe, *args, "--expand", "--days", "1")]:
        _, tz = own_zone(text)
        wrong = [(s.isoformat(), s.astimezone(tz).isoformat()) for s in starts
                 if s.astimezone(tz).utcoffset() != s.utcoffset()]
        assert not wrong, f"{len(wrong)} offsets differ, first: {wrong[:3]}"


@pytest.mark.parametrize("zone", RULED)
def test_rules_are_yearly_and_hold_for_years(tiptoe, zone):
    """Zones that follow a rule get it as RRULEs without UNTIL, right far beyond the export's years."""
    calendar, tz = own_zone(export(tiptoe, "--tz", zone))
    [vtimezone] = calendar.walk("VTIMEZONE")
    observances = vtimezone.subcomponents
    assert sorted(o.name for o in observances) == ["DAYLIGHT", "STANDARD"]
    for observance in observances:
        rule = observance["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and "UNTIL" not in rule and "RDATE" not in observance
    # Ten years on, every hour: the same offsets as the system's zoneinfo.
    reference = ZoneInfo(zone)
    instant = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    while instant.year < 2037:
        assert instant.astimezone(tz).utcoffset() == instant.astimezone(reference).utcoffset(), instant
        instant += dt.timedelta(hours=1)


def test_forms_of_rules(tiptoe):
    """Last Sunday, nth Sunday, and `Fri>=23` as a weekday in a seven-day window."""
    def rules(zone):
        text = export(tiptoe, "--tz", zone)
        vtimezone = text[text.index("BEGIN:VTIMEZONE"):text.index("END:VTIMEZONE")]
        return sorted(line[len("RRULE:"):] for line in vtimezone.split("\r\n") if line.startswith("RRULE:"))

    assert rules("Europe/Berlin") == ["FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"]
    assert rules("America/New_York") == ["FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"]
    assert rules("Australia/Lord_Howe") == ["FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"]
    jerusalem = rules("Asia/Jerusalem")
    assert "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR" in jerusalem


def test_zone_without_changes_is_one_standard_observance(tiptoe):
    for zone, offset in [("UTC", "+0000"), ("Asia/Kolkata", "+0530"), ("Asia/Kathmandu", "+0545")]:
        calendar, _ = own_zone(export(tiptoe, "--tz", zone))
        [observance] = calendar.walk("VTIMEZONE")[0].subcomponents
        assert observance.name == "STANDARD"
        assert observance["TZOFFSETFROM"].to_ical() == observance["TZOFFSETTO"].to_ical() == offset
        assert observance["DTSTART"].to_ical() == b"19700101T000000"
