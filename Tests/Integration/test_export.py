"""`tiptoe export`: the file's structure, what real clients insist on, UIDs, -o and its failures."""
import datetime as dt
import os
import re
import resource
import signal
import subprocess

import icalendar
import pytest

from conftest import BIN
from test_export_support import LARGE, NOW, export, export_bytes, physical_lines, unescape

ROUTINES = {"built-in": [], "large": ["--routine", LARGE]}
MODES = {"series": [], "instances": ["--expand", "--days", "30"]}


def unfolded(data: bytes) -> list:
    """Content lines, unfolded, as text."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("routine", ROUTINES)
@pytest.mark.parametrize("zone", ["Europe/Berlin", "Australia/Lord_Howe", "UTC"])
def test_structure_real_clients_insist_on(tiptoe, routine, mode, zone):
    data = export_bytes(tiptoe, *ROUTINES[routine], *MODES[mode], "--tz", zone)
    for line in physical_lines(data):
        assert len(line) <= 75, line
    lines = unfolded(data)
    text = "\n".join(lines)
    assert not re.search(r"BYHOUR|FREQ=HOURLY|FREQ=MINUTELY|FREQ=SECONDLY", text)
    assert not any(line.startswith("METHOD") for line in lines)

    calendar = icalendar.Calendar.from_ical(data)
    for name in ["VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "X-WR-TIMEZONE", "X-PUBLISHED-TTL"]:
        assert name in calendar, name
    assert str(calendar["VERSION"]) == "2.0"
    assert "REFRESH-INTERVAL;VALUE=DURATION:P1D" in lines
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    assert zones == {str(calendar["X-WR-TIMEZONE"])}
    # Every TZID anywhere has its VTIMEZONE.
    assert set(re.findall(r";TZID=([^:;]+)", text)) <= zones

    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        for name in ["UID", "DTSTAMP", "SEQUENCE", "DTSTART", "SUMMARY", "DESCRIPTION", "CATEGORIES"]:
            assert name in event, name
        assert ("DTEND" in event) != ("DURATION" in event)
        if "TZID" in event["DTSTART"].params:
            assert event["DTSTART"].params["TZID"] in zones
        else:  # a slot at a time the fall-back day repeats: its instant in UTC, no rule
            assert event["DTSTART"].to_ical().decode().endswith("Z") and "RRULE" not in event
        assert event["DTSTAMP"].to_ical().decode().endswith("Z")
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == dt.timedelta(0)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    # At most one RRULE per event, counted in the text (a parser might merge two); none in instances.
    counts, inside = [], False
    for line in lines:
        if line == "BEGIN:VEVENT":
            counts.append(0)
            inside = True
        elif line == "END:VEVENT":
            inside = False
        elif inside and line.startswith("RRULE"):
            counts[-1] += 1
    assert len(counts) == len(events)
    assert set(counts) == ({0} if mode == "instances" else {1}) or (routine == "large" and set(counts) == {0, 1})


def test_series_rules(tiptoe):
    """Daily times FREQ=DAILY; weekly BYDAY with DTSTART on a listed day; every other day INTERVAL=2 on even days."""
    calendar = icalendar.Calendar.from_ical(export(tiptoe, "--routine", LARGE, "--tz", "Europe/Berlin"))
    series = {str(e["UID"]): e for e in calendar.walk("VEVENT") if "RRULE" in e}
    rule = {uid: e["RRULE"].to_ical().decode() for uid, e in series.items()}
    start = {uid: e["DTSTART"].dt for uid, e in series.items()}
    assert rule["three-daily.1@tiptoe"] == "FREQ=DAILY"
    assert start["three-daily.1@tiptoe"].date() == dt.date(2026, 11, 23)
    assert [rule[f"night-owl.{n}@tiptoe"] for n in range(1, 12)] == ["FREQ=DAILY"] * 11
    assert rule["few-week.1@tiptoe"] == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert rule["range-days.1@tiptoe"] == "FREQ=WEEKLY;BYDAY=TU,SA,SU"
    assert rule["twice-mon-fri.2@tiptoe"] == "FREQ=WEEKLY;BYDAY=MO,FR"
    assert rule["sunday-gap.1@tiptoe"] == "FREQ=WEEKLY;BYDAY=SU"
    for uid in ["few-week.1@tiptoe", "range-days.1@tiptoe", "sunday-gap.2@tiptoe", "weekly-sunday.1@tiptoe"]:
        day = start[uid].strftime("%a")[:2].upper()
        assert day in rule[uid].split("BYDAY=")[1].split(","), uid
    for uid in ["every-other.1@tiptoe", "every-other-2.1@tiptoe"]:
        assert rule[uid] == "FREQ=DAILY;INTERVAL=2"
        assert (start[uid].date() - dt.date(1970, 1, 1)).days % 2 == 0
    assert not any("BYHOUR" in r or "COUNT" in r or "UNTIL" in r for r in rule.values())


def test_event_text(tiptoe):
    calendar = icalendar.Calendar.from_ical(export(tiptoe, "--routine", LARGE, "--tz", "UTC"))
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == "three-daily.1@tiptoe")
    assert str(event["SUMMARY"]) == "Three daily"
    assert str(event["DESCRIPTION"]) == (
        "1. Stand\n2. Grip; hold, release\n3. Back\\slash \\ and\nnewline\n\n"
        "Reps: 10\nHold: 3s\nSets: 2\nRest: 15s\n\nÜbung macht den Meister 🦶\n\n"
        "Planned by tiptoe: 3× a day.")
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Exercise", "tiptoe"]
    name = 'Export test routine: gaps, folds, weeks; and "quotes", commas'
    # icalendar leaves these values as written; their type is TEXT (RFC 7986, RFC 5545 §3.8.8.2 for X-).
    assert unescape(str(calendar["NAME"])) == name
    assert unescape(str(calendar["X-WR-CALNAME"])) == name
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(minutes=2)
    long = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == "long-session.1@tiptoe")
    assert long["DTEND"].dt - long["DTSTART"].dt == dt.timedelta(minutes=120)


def test_no_alarms(tiptoe):
    with_alarms = export(tiptoe, "--expand", "--days", "3")
    without = export(tiptoe, "--expand", "--days", "3", "--no-alarms")
    assert with_alarms.count("BEGIN:VALARM") == with_alarms.count("BEGIN:VEVENT") > 0
    assert "VALARM" not in without
    assert without.count("BEGIN:VEVENT") == with_alarms.count("BEGIN:VEVENT")


def uids(text):
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


@pytest.mark.parametrize("routine", ROUTINES)
def test_uids_are_stable_across_export_dates(tiptoe, routine):
    """Re-importing an export made on another day updates the same events instead of adding copies."""
    args = [*ROUTINES[routine], "--tz", "Europe/Berlin"]
    first = uids(export(tiptoe, *args, "--from", "2026-11-23"))
    later = uids(export(tiptoe, *args, "--from", "2027-06-02", now="2027-06-02T07:00:00+02:00"))
    series = {u for u in first if u.count(".") == 1}
    assert series == {u for u in later if u.count(".") == 1}
    assert len(series) >= 7
    # Expanded: the same slot has the same UID whatever the first day of the export.
    a = uids(export(tiptoe, *args, "--expand", "--days", "10", "--from", "2026-11-23"))
    b = uids(export(tiptoe, *args, "--expand", "--days", "10", "--from", "2026-11-28"))
    shared = a & b
    assert len(shared) >= 5 * 7 and all(re.search(r"\.2026-1[12]-\d\d\.\d+@tiptoe$", u) for u in shared)
    assert not any(re.search(r"\.2026-11-2[3-7]\.", u) for u in b)


def test_stamp_and_sequence_follow_the_clock(tiptoe):
    """DTSTAMP is the export time in UTC; SEQUENCE grows with it, so a newer export outranks an older one."""
    def stamp_and_sequence(now):
        event = icalendar.Calendar.from_ical(export(tiptoe, now=now)).walk("VEVENT")[0]
        return event["DTSTAMP"].dt, int(event["SEQUENCE"])

    early, early_sequence = stamp_and_sequence("2026-11-23T09:00:00+01:00")
    late, late_sequence = stamp_and_sequence("2026-11-23T09:05:30.750+01:00")
    assert early == dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.timezone.utc)
    assert late == dt.datetime(2026, 11, 23, 8, 5, 30, tzinfo=dt.timezone.utc)
    assert late_sequence == early_sequence + 5 > 0


def test_routine_zone_is_used_unless_tz_overrides(tiptoe, tmp_path):
    routine = tmp_path / "r.toml"
    routine.write_text('name = "R"\n[day]\ntimezone = "Asia/Tokyo"\n[[exercise]]\nid = "a"\ntitle = "A"\nat = ["09:00"]\n')
    text = export(tiptoe, "--routine", routine)
    assert "DTSTART;TZID=Asia/Tokyo:20261123T090000\r\n" in text
    # Tokyo has no DST: a single STANDARD observance.
    [zone] = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    assert [(o.name, o["TZOFFSETTO"].to_ical()) for o in zone.subcomponents] == [("STANDARD", "+0900")]
    assert "TZID=America/New_York" in export(tiptoe, "--routine", routine, "--tz", "America/New_York")


def test_output_file_is_the_same_as_stdout_and_replaces_atomically(tiptoe, tmp_path):
    target = tmp_path / "out" / "tiptoe.ics"
    target.parent.mkdir()
    target.write_text("old")
    os.chmod(target, 0o640)
    result = tiptoe.run("export", "-o", target, env={"TIPTOE_NOW": NOW})
    assert result.stdout == f"Wrote {target}: 5 exercises as repeating events from Mon 23 Nov 2026, UTC.\n"
    assert result.stderr == ""
    assert target.read_bytes() == export_bytes(tiptoe)
    assert oct(target.stat().st_mode & 0o777) == oct(0o640), "keeps the mode of the file it replaces"
    assert os.listdir(target.parent) == ["tiptoe.ics"]
    fresh = tmp_path / "out" / "new.ics"
    subprocess.run(["sh", "-c", f"umask 022 && exec '{BIN}' export -o '{fresh}'"], env=tiptoe.env, check=True)
    assert oct(fresh.stat().st_mode & 0o777) == oct(0o644)


def failing_export(tiptoe, target, **kwargs):
    result = subprocess.run(
        [str(BIN), "export", "--expand", "--days", "365", "-o", str(target)], capture_output=True, text=True,
        env=dict(tiptoe.env, TIPTOE_NOW=NOW), **kwargs)
    assert result.returncode == 74, result
    assert str(target) in result.stderr and "cannot write" in result.stderr
    assert result.stdout == ""
    return result


def test_unwritable_output_is_exit_74_and_leaves_nothing(tiptoe, tmp_path):
    failing_export(tiptoe, tmp_path / "missing" / "tiptoe.ics")
    assert os.listdir(tmp_path) == []
    regular = tmp_path / "file"
    regular.write_text("x")
    failing_export(tiptoe, regular / "tiptoe.ics")
    directory = tmp_path / "dir"
    directory.mkdir()
    (directory / "keep").write_text("keep")
    failing_export(tiptoe, directory)
    assert sorted(os.listdir(tmp_path)) == ["dir", "file"]
    assert os.listdir(directory) == ["keep"]


def test_a_write_failing_halfway_leaves_the_old_file(tiptoe, tmp_path):
    """A full disk half-way through (here a 16 KiB file-size limit) keeps the old file and no temporary one."""
    target = tmp_path / "tiptoe.ics"
    target.write_text("old calendar")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    result = failing_export(tiptoe, target, preexec_fn=limit)
    assert "File too large" in result.stderr
    assert target.read_text() == "old calendar"
    assert os.listdir(tmp_path) == ["tiptoe.ics"]


@pytest.mark.parametrize("args,message", [
    (["--days", "30"], "--days needs --expand"),
    (["--expand", "--days", "0"], "--days must be from 1 to 3660"),
    (["--from", "2026-13-01"], "2026-13-01"),
    (["--tz", "Mars/Olympus"], "Mars/Olympus"),
])
def test_bad_arguments_are_usage_errors(tiptoe, tmp_path, args, message):
    result = tiptoe.run("export", "-o", tmp_path / "x.ics", *args, check=False)
    assert result.returncode == 64, result
    assert message in result.stderr
    assert os.listdir(tmp_path) == []


def test_bad_routine_is_exit_65(tiptoe, tmp_path):
    routine = tmp_path / "bad.toml"
    routine.write_text('name = "R"\n[[exercise]]\nid = "a"\ntitle = "A"\nevery = "now and then"\n')
    result = tiptoe.run("export", "--routine", routine, "-o", tmp_path / "x.ics", check=False)
    assert result.returncode == 65
    assert "now and then" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["bad.toml"]


def test_expand_covers_exactly_the_days(tiptoe):
    calendar = icalendar.Calendar.from_ical(export(tiptoe, "--expand", "--days", "7", "--tz", "UTC"))
    days = {e["DTSTART"].dt.date() for e in calendar.walk("VEVENT")}
    assert days == {dt.date(2026, 11, 23) + dt.timedelta(days=n) for n in range(7)}
    assert len(calendar.walk("VEVENT")) == len(tiptoe.json("plan", "--json", "--days", "7", "--tz", "UTC",
                                                            env={"TIPTOE_NOW": NOW})["slots"])


def test_output_through_a_symbolic_link_replaces_the_file_it_points_to(tiptoe, tmp_path):
    real = tmp_path / "calendars" / "tiptoe.ics"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    tiptoe.run("export", "-o", link, env={"TIPTOE_NOW": NOW})
    assert link.is_symlink()
    assert real.read_bytes() == export_bytes(tiptoe)
    assert sorted(os.listdir(real.parent)) == ["tiptoe.ics"]


def test_standard_output_that_cannot_be_written_is_exit_74(tiptoe):
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(BIN), "export"], stdout=full, stderr=subprocess.PIPE, text=True, env=tiptoe.env)
    assert result.returncode == 74
    assert "standard output" in result.stderr
