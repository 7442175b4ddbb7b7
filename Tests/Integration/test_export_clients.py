"""Real calendar clients read night-time `at` times as `tiptoe plan` plans them, on both change days.

A routine with times in and around every zone's spring-forward gap and fall-back fold is exported
and read back by:
- khal (PyPI, `khal import` then `khal list`, displayed in UTC),
- libical, through a small C reader compiled here (`clients/libical_instants.c`), which expands the
  file as Evolution and GNOME Calendar do,
- calcurse (`calcurse -i` then `calcurse -Q`, run in the routine's zone, as its user would; it keeps
  wall-clock times, so a time the fall-back day repeats may come back as either occurrence),
- python `recurring-ical-events`, over 400 days.
Every start instant must equal the plan's, to the second. khal, libical and python also give the
UID, which must be the slot's series (`x.3@tiptoe`) or the slot itself (`x.2027-10-31.3@tiptoe`).
"""
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from test_export_support import expanded_starts, export, plan, planned_starts, with_private_tzid

UTC = dt.timezone.utc
# Each zone with its 2027 change days: spring forward, fall back.
ZONES = {
    "Europe/Berlin": ["2027-03-28", "2027-10-31"],  # gap and fold 02:00-03:00
    "America/New_York": ["2027-03-14", "2027-11-07"],  # gap 02:00-03:00, fold 01:00-02:00
    "Australia/Sydney": ["2027-10-03", "2027-04-04"],  # gap 02:00-03:00, fold 02:00-03:00
    "Australia/Lord_Howe": ["2027-10-03", "2027-04-04"],  # gap 02:00-02:30, fold 01:30-02:00
}
TIMES = ["00:59:59", "01:00", "01:30", "01:45", "01:59:59", "02:00", "02:15", "02:30", "02:59", "03:00", "09:00"]
# calcurse keeps whole minutes, and an event that runs past the end of a repeated hour (02:59 for two
# minutes in Berlin ends at 02:01 on the wall clock) makes it write a file it then refuses to read.
CALCURSE_TIMES = ["00:59", "01:00", "01:30", "01:45", "02:00", "02:15", "02:30", "02:45", "03:00", "09:00"]
CASES = [(zone, day) for zone, days in ZONES.items() for day in days]


def routine_of(directory, times):
    routine = directory / "night.toml"
    listed = ", ".join(f'"{t}"' for t in times)
    routine.write_text(f'name = "Night"\n[[exercise]]\nid = "x"\ntitle = "X"\nat = [{listed}]\n')
    return routine


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    return routine_of(tmp_path_factory.mktemp("routine"), TIMES)


@pytest.fixture(scope="module")
def night_by_minutes(tmp_path_factory):
    return routine_of(tmp_path_factory.mktemp("routine"), CALCURSE_TIMES)


@pytest.fixture(scope="module")
def libical_reader(tmp_path_factory):
    """The C reader, compiled against the system's libical (Debian libical-dev)."""
    source = Path(__file__).resolve().parent / "clients" / "libical_instants.c"
    binary = tmp_path_factory.mktemp("libical") / "libical_instants"
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libical"], capture_output=True, text=True)
    assert flags.returncode == 0, f"libical-dev is missing (make test-deps installs it): {flags.stderr}"
    subprocess.run(["cc", "-O1", str(source), "-o", str(binary), *flags.stdout.split()], check=True)
    return binary


def window(zone, day):
    """The UTC instants from local midnight the day before `day` to local midnight two days after."""
    first = dt.date.fromisoformat(day) - dt.timedelta(days=1)
    start = dt.datetime.combine(first, dt.time(), ZoneInfo(zone)).astimezone(UTC)
    end = dt.datetime.combine(first + dt.timedelta(days=3), dt.time(), ZoneInfo(zone)).astimezone(UTC)
    return first, start, end


def series_of(uid_or_slot: str) -> str:
    """`x.3@tiptoe` and `x.2027-10-31.3@tiptoe` and `x/2027-10-31/3` all name time 3."""
    return re.split(r"[./]", uid_or_slot.split("@")[0])[-1]


def wanted(tiptoe, night, zone, day, times=TIMES):
    first, start, end = window(zone, day)
    slots = planned_starts(plan(tiptoe, "--routine", night, "--tz", zone, "--from", first, days=3))
    result = sorted((series_of(slot), instant) for _, slot, instant in slots)
    assert len(result) == 3 * len(times) and all(start <= t < end for _, t in result)
    return result


def exported(tiptoe, night, zone, tmp_path):
    path = tmp_path / "tiptoe.ics"
    path.write_bytes(export(tiptoe, "--routine", night, "--tz", zone).encode())
    return path


def khal_starts(path, tmp_path, start, end, key=series_of):
    """(key of the UID, UTC start) of every event khal lists from `start` to `end`, after `khal import`;
    the key is by default the time of day (`series_of`)."""
    khal = shutil.which("khal")
    assert khal, "khal is missing (make test-deps installs it from PyPI)"
    (tmp_path / "khal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[tiptoe]]\npath = {tmp_path / 'khal'}\ntype = calendar\n"
        "[locale]\nlocal_timezone = UTC\ndefault_timezone = UTC\ntimeformat = %H:%M:%S\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%dT%H:%M:%S\nlongdatetimeformat = %Y-%m-%dT%H:%M:%S\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n")
    subprocess.run([khal, "-c", config, "import", "--batch", "-a", "tiptoe", path], check=True, timeout=120)
    listed = subprocess.run(
        [khal, "-c", config, "list", "--day-format", "", "--format", "{start-long} {uid}",
         (start - dt.timedelta(days=1)).strftime("%Y-%m-%d"), "5d"],
        check=True, capture_output=True, text=True, timeout=120).stdout
    result = []
    for line in listed.splitlines():
        if line.strip():
            when, uid = line.split()
            instant = dt.datetime.fromisoformat(when).replace(tzinfo=UTC)
            if start <= instant < end:
                result.append((key(uid), instant))
    # An event that spans midnight is listed under both days.
    return sorted(set(result))


def libical_starts(reader, path, start, end):
    out = subprocess.run(
        [reader, path, str(int(start.timestamp())), str(int(end.timestamp()))],
        check=True, capture_output=True, text=True, timeout=60).stdout
    result = []
    for line in out.splitlines():
        uid, seconds = line.split()
        instant = dt.datetime.fromtimestamp(int(seconds), UTC)
        if start <= instant < end:  # libical also gives events that only overlap the range
            result.append((series_of(uid), instant))
    return sorted(result)


def calcurse_starts(path, tmp_path, zone, first, start, end):
    """UTC starts of the appointments calcurse shows, run in the routine's zone (calcurse keeps no UIDs)."""
    calcurse = shutil.which("calcurse")
    assert calcurse, "calcurse is missing (make test-deps installs it)"
    data = tmp_path / "calcurse"
    data.mkdir()
    env = {"TZ": zone, "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([calcurse, "-D", data, "-i", path], check=True, capture_output=True, env=env, timeout=60)
    out = subprocess.run(
        [calcurse, "-D", data, "--input-datefmt", "4", "-Q", "--from", (first - dt.timedelta(days=1)).isoformat(),
         "--days", "5", "--format-apt", "%s\\n", "--format-recur-apt", "%s\\n"],
        check=True, capture_output=True, text=True, env=env, timeout=60).stdout
    instants = [dt.datetime.fromtimestamp(int(line), UTC) for line in out.split() if line.isdigit()]
    return sorted(t for t in instants if start <= t < end)


@pytest.mark.parametrize("zone,day", CASES)
def test_khal_shows_the_plan_on_change_days(tiptoe, night, tmp_path, zone, day):
    want = wanted(tiptoe, night, zone, day)
    _, start, end = window(zone, day)
    assert khal_starts(exported(tiptoe, night, zone, tmp_path), tmp_path, start, end) == want


@pytest.mark.parametrize("zone,day", CASES)
def test_libical_shows_the_plan_on_change_days(tiptoe, night, tmp_path, libical_reader, zone, day):
    want = wanted(tiptoe, night, zone, day)
    _, start, end = window(zone, day)
    path = exported(tiptoe, night, zone, tmp_path)
    assert libical_starts(libical_reader, path, start, end) == want
    # The same with only the file's VTIMEZONE to go by (libical has no zone of that name).
    private = tmp_path / "private.ics"
    private.write_bytes(with_private_tzid(path.read_bytes().decode()).encode())
    assert libical_starts(libical_reader, private, start, end) == want


@pytest.mark.parametrize("zone,day", CASES)
def test_calcurse_shows_the_plan_on_change_days(tiptoe, night_by_minutes, tmp_path, zone, day):
    want = wanted(tiptoe, night_by_minutes, zone, day, CALCURSE_TIMES)
    first, start, end = window(zone, day)
    path = exported(tiptoe, night_by_minutes, zone, tmp_path)
    got = calcurse_starts(path, tmp_path, zone, first, start, end)
    want = [t for _, t in want]
    # calcurse keeps wall-clock times in its own zone: all of them are the plan's…
    local = ZoneInfo(zone)
    assert sorted(t.astimezone(local).replace(tzinfo=None) for t in got) == sorted(
        t.astimezone(local).replace(tzinfo=None) for t in want)

    # …and every instant is, but for a wall time the fall-back day repeats, which calcurse reads back
    # through mktime as either occurrence (the export's UTC instant cannot survive that).
    def once(t):
        wall = t.astimezone(local)
        return wall.replace(fold=0).utcoffset() == wall.replace(fold=1).utcoffset()

    assert sorted(filter(once, got)) == sorted(filter(once, want))


# A kind of frequency phrase each (an interval from 01:00, across the gaps and folds), on sample days:
# change days, and the first Monday of a month. Fewer than fixtures/export-phrases.toml (which
# test_export_expansion.py expands in full): khal takes minutes to import that one.
PHRASES = [
    "every 2 hours", "3x/week", "every weekday", "every 3 days", "fortnightly", "every other friday",
    "on the 1st and 15th", "first monday of the month", "morning and evening", "before bed on weekends",
]
PHRASE_DAYS = [("Europe/Berlin", "2027-03-28"), ("America/New_York", "2027-11-07"),
               ("Australia/Lord_Howe", "2027-10-03"), ("Europe/Berlin", "2027-03-01")]


def exercise_and_series(uid_or_slot: str) -> tuple:
    return uid_or_slot.split(".")[0].split("/")[0], series_of(uid_or_slot)


@pytest.mark.parametrize("zone,day", PHRASE_DAYS)
def test_khal_and_calcurse_show_every_phrase_as_planned(tiptoe, tmp_path, zone, day):
    routine = tmp_path / "phrases.toml"
    routine.write_text('[day]\nstart = "01:00"\nend = "23:30"\n' + "".join(
        f'[[exercise]]\nid = "p{n}"\ntitle = "{phrase}"\nevery = "{phrase}"\n' for n, phrase in enumerate(PHRASES)))
    first, start, end = window(zone, day)
    slots = planned_starts(plan(tiptoe, "--routine", routine, "--tz", zone, "--from", first, days=3))
    want = sorted(set((exercise_and_series(slot), t) for _, slot, t in slots))
    assert len(want) > 40
    path = exported(tiptoe, routine, zone, tmp_path)
    assert khal_starts(path, tmp_path, start, end, key=exercise_and_series) == want
    # calcurse keeps no UIDs: the instants, as wall times in the zone, and as instants where the wall
    # time occurs once (see test_calcurse_shows_the_plan_on_change_days).
    got = calcurse_starts(path, tmp_path, zone, first, start, end)
    local = ZoneInfo(zone)
    planned = [t for _, _, t in slots]
    assert sorted(t.astimezone(local).replace(tzinfo=None) for t in got) == sorted(
        t.astimezone(local).replace(tzinfo=None) for t in planned)

    def once(t):
        wall = t.astimezone(local)
        return wall.replace(fold=0).utcoffset() == wall.replace(fold=1).utcoffset()

    assert sorted(filter(once, got)) == sorted(filter(once, planned))


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("own_zone", [False, True], ids=["iana", "own-zone"])
def test_recurring_ical_events_shows_the_plan_for_400_days(tiptoe, night, zone, own_zone):
    first = dt.date(2026, 11, 23)
    want = planned_starts(plan(tiptoe, "--routine", night, "--tz", zone, "--from", first, days=400))
    assert len(want) == 400 * len(TIMES)
    text = export(tiptoe, "--routine", night, "--tz", zone, "--from", first)
    if own_zone:
        text = with_private_tzid(text)
    got = expanded_starts(text, first, 400)
    assert sorted((series_of(u), t) for _, u, t in got) == sorted((series_of(s), t) for _, s, t in want)


@pytest.mark.parametrize("zone", ZONES)
def test_libical_shows_the_plan_for_400_days(tiptoe, night, tmp_path, libical_reader, zone):
    first = dt.date(2026, 11, 23)
    want = planned_starts(plan(tiptoe, "--routine", night, "--tz", zone, "--from", first, days=400))
    start = dt.datetime.combine(first, dt.time(), ZoneInfo(zone)).astimezone(UTC)
    end = dt.datetime.combine(first + dt.timedelta(days=400), dt.time(), ZoneInfo(zone)).astimezone(UTC)
    path = exported(tiptoe, night, zone, tmp_path)
    assert libical_starts(libical_reader, path, start, end) == sorted((series_of(s), t) for _, s, t in want)


@pytest.mark.parametrize("zone,day", [("Europe/Berlin", "2027-10-31"), ("Australia/Lord_Howe", "2027-04-04")])
def test_why_fold_days_are_pinned(tiptoe, night, tmp_path, zone, day):
    """Documents the disagreement the EXDATE and the UTC event avoid: left to the RRULE, khal reads a
    wall time of the fall-back fold as its second occurrence, where RFC 5545 and tiptoe take the first."""
    calendar = icalendar.Calendar.from_ical(export(tiptoe, "--routine", night, "--tz", zone))
    for event in list(calendar.subcomponents):
        if event.name == "VEVENT" and "RRULE" not in event:
            calendar.subcomponents.remove(event)
        elif event.name == "VEVENT":
            event.pop("EXDATE", None)
    bare = tmp_path / "bare.ics"
    bare.write_bytes(calendar.to_ical())
    _, start, end = window(zone, day)
    got = khal_starts(bare, tmp_path, start, end)
    date = dt.date.fromisoformat(day)
    folded = 0
    for ordinal, clock in enumerate(TIMES, 1):
        local = dt.datetime.combine(date, dt.time.fromisoformat(clock), ZoneInfo(zone))
        first, second = (local.replace(fold=f).astimezone(UTC) for f in (0, 1))
        if first != second:
            folded += 1
            assert (str(ordinal), second) in got and (str(ordinal), first) not in got, (
                "khal now takes the first occurrence of a repeated time: the README's note can go")
    assert folded >= 2
