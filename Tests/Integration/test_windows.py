"""Waking windows per weekday group (`[day.weekend]`) and windows that cross midnight (a night
shift): the plan, its text, and the export expanded by recurring-ical-events against the plan."""
import datetime as dt

import icalendar
import pytest

from test_export_support import FIXTURES, export, plan, expanded_starts

WINDOWS = FIXTURES / "windows.toml"
DAYS = 400
# Each zone with the days of its 2027 changes; the weekday night spans them all.
CASES = [("Europe/Berlin", d) for d in ["2026-11-23", "2027-03-27", "2027-10-30"]] + [
    ("America/New_York", d) for d in ["2026-11-23", "2027-03-13", "2027-11-06"]] + [
    ("Australia/Lord_Howe", d) for d in ["2026-11-23", "2027-10-02", "2027-04-03"]]


def starts(slots, zone):
    return [(s["id"], dt.datetime.fromisoformat(s["start"])) for s in slots]


def test_the_weekend_has_its_own_window_and_a_night_belongs_to_its_evening(tiptoe):
    slots = plan(tiptoe, "--routine", WINDOWS, "--tz", "Europe/Berlin", "--from", "2026-11-27", days=2)["slots"]
    water = [(s["id"], s["start"]) for s in slots if s["exercise"] == "water"]
    # Friday's night: 22:00, then every 90 minutes to 05:30 on Saturday morning, all Friday's slots.
    assert water[:6] == [
        ("water/2026-11-27/1", "2026-11-27T22:00:00+01:00"), ("water/2026-11-27/2", "2026-11-27T23:30:00+01:00"),
        ("water/2026-11-27/3", "2026-11-28T01:00:00+01:00"), ("water/2026-11-27/4", "2026-11-28T02:30:00+01:00"),
        ("water/2026-11-27/5", "2026-11-28T04:00:00+01:00"), ("water/2026-11-27/6", "2026-11-28T05:30:00+01:00")]
    # Saturday: the weekend window, 09:30 to 21:00.
    assert water[6] == ("water/2026-11-28/1", "2026-11-28T09:30:00+01:00")
    assert water[-1] == ("water/2026-11-28/8", "2026-11-28T20:00:00+01:00")
    pill = [s["start"][11:16] for s in slots if s["exercise"] == "pill"]
    assert pill == ["22:30", "04:00", "10:00", "19:00"]  # morning: start + 30 min; evening: end - 2 h
    snack = [(s["id"], s["start"]) for s in slots if s["exercise"] == "snack"]
    assert snack == [("snack/2026-11-27/1", "2026-11-28T01:30:00+01:00")]
    assert [s["start"] for s in slots] == sorted(s["start"] for s in slots)


def test_plan_marks_the_next_morning_and_today_shows_last_nights_slots(tiptoe):
    text = tiptoe.run("plan", "--routine", WINDOWS, "--tz", "Europe/Berlin", "--from", "2026-11-27",
                      "--days", "1", env={"TIPTOE_NOW": "2026-11-27T12:00:00+01:00"}).stdout
    lines = text.splitlines()
    assert lines[0] == "Fri 27 Nov 2026"
    assert any("01:30" in line and "Snack" in line and line.endswith("next morning") for line in lines)
    assert all("next morning" not in line for line in lines if "22:00" in line)
    overview = tiptoe.run("--routine", WINDOWS, "--tz", "Europe/Berlin",
                          env={"TIPTOE_NOW": "2026-11-28T01:40:00+01:00"}).stdout
    assert "Sat 28 Nov 2026" in overview
    assert any("01:30" in line and "Snack" in line and "Fri night" in line for line in overview.splitlines())
    done = tiptoe.run("done", "snack", "--routine", WINDOWS, "--tz", "Europe/Berlin",
                      env={"TIPTOE_NOW": "2026-11-28T01:40:00+01:00"})
    assert "Snack done" in done.stdout
    log = tiptoe.json("log", "--json", "--routine", WINDOWS, "--tz", "Europe/Berlin",
                      env={"TIPTOE_NOW": "2026-11-28T01:41:00+01:00"})
    assert "snack/2026-11-27/1" in str(log)


@pytest.mark.parametrize("zone,first", CASES)
def test_the_export_expands_to_the_plan(tiptoe, zone, first):
    args = ["--routine", WINDOWS, "--tz", zone, "--from", first]
    text = export(tiptoe, *args)
    rules = {str(e["UID"]): e["RRULE"].to_ical().decode()
             for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if "RRULE" in e}
    assert rules["water.1.MO-TU-WE-TH-FR@tiptoe"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert rules["water.1.SA-SU@tiptoe"] == "FREQ=WEEKLY;BYDAY=SA,SU"
    # After midnight: the night of Monday to Friday is Tuesday to Saturday on the calendar.
    assert rules["water.3.MO-TU-WE-TH-FR@tiptoe"] == "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA"
    assert rules["snack.1.MO-TU-WE-TH-FR@tiptoe"] == "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA"
    assert "HOURLY" not in text and "BYHOUR" not in text
    # The plan from `first`, cut where the expansion's calendar days end.
    got = expanded_starts(text, dt.date.fromisoformat(first), DAYS)
    zoneinfo = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["DTSTART"].dt.tzinfo
    end = dt.datetime.combine(dt.date.fromisoformat(first) + dt.timedelta(days=DAYS), dt.time(), zoneinfo)
    want = sorted(
        (s["exercise"], s["id"], dt.datetime.fromisoformat(s["start"]).astimezone(dt.timezone.utc))
        for s in plan(tiptoe, *args, days=DAYS + 1)["slots"] if dt.datetime.fromisoformat(s["start"]) < end)
    assert len(want) > 5000
    ordinal = lambda key: key.split("@")[0].replace("/", ".").split(".")[-1 if "/" in key else 1]
    assert sorted((e, ordinal(uid), t) for e, uid, t in got) == sorted((e, ordinal(i), t) for e, i, t in want)


@pytest.mark.parametrize("text,message", [
    ('[day]\nstart = "22:00"\nend = "22:00"\n', ":3:7: error: the day starts and ends at 22:00"),
    ('[day]\nstart = "22:00"\nend = "06:00"\n[day.weekend]\nstart = "05:00"\n',
     ":1:1: error: the saturday window starts at 05:00, before the friday night ends (06:00)"),
    ('[day.weekend]\nbegin = "09:00"\n', ":2:1: error: unknown key 'begin' in [day.weekend]"),
    ('[day.weekday]\nstart = "9:00"\n', ":2:9: error: '9:00' is not a valid 'start' time"),
    ('[day]\nstart = "22:00"\nend = "06:00"\n[day.weekend]\nstart = "09:00"\nend = "21:00"\n[[exercise]]\nid = "s"\ntitle = "S"\n'
     'at = ["01:30"]\n', ":10:6: error: 's' at 01:30 on saturday comes before the night before ends (06:00)"),
])
def test_a_bad_window_names_the_place(tiptoe, tmp_path, text, message):
    routine = tmp_path / "r.toml"
    routine.write_text(text + '[[exercise]]\nid = "x"\ntitle = "X"\nevery = "daily"\n')
    result = tiptoe.run("routine", "--check", routine, check=False)
    assert result.returncode == 65
    assert message in result.stderr


def test_a_monthly_day_after_midnight_is_refused(tiptoe, tmp_path):
    routine = tmp_path / "r.toml"
    routine.write_text('[day]\nstart = "22:00"\nend = "06:00"\n[[exercise]]\nid = "x"\ntitle = "X"\n'
                       'every = "once a month"\n')
    result = tiptoe.run("routine", "--check", routine, check=False)
    assert result.returncode == 65
    assert "r.toml:7:9: error: \"once a month\" plans 02:00, after midnight in the window 22:00-06:00" in result.stderr


QUIET = ('name = "Walks"\n[day]\nstart = "07:00"\nend = "22:00"\ntimezone = "Europe/Berlin"\n'
         'quiet = ["12:30-13:30"]\n[day.weekend]\nstart = "09:00"\nquiet = ["13:00-15:00"]\n'
         '[[exercise]]\nid = "walk"\ntitle = "Walk"\nat = ["13:00"]\n')


def test_the_weekend_has_its_own_quiet_spans_and_check_warns_per_group(tiptoe, tmp_path):
    routine = tmp_path / "walks.toml"
    routine.write_text(QUIET)
    status = lambda now: tiptoe.run("status", "--routine", routine, env={"TIPTOE_NOW": now}).stdout.splitlines()[-1]
    assert status("2026-11-27T12:59:00+01:00") == "Next: at 13:30 (in 31 min), a reminder of Walk (13:00)"  # Friday
    assert status("2026-11-28T12:59:00+01:00") == "Next: at 15:00 (in 2 h 1 min), a reminder of Walk (13:00)"
    shown = tiptoe.run("routine", "--routine", routine, env={"TIPTOE_NOW": "2026-11-27T12:00:00+01:00"}).stdout
    assert "; quiet mon–fri 12:30-13:30; quiet sat, sun 13:00-15:00\n" in shown
    check = tiptoe.run("routine", "--check", routine)
    assert check.stderr.splitlines() == [
        f"{routine}:13:6: warning: 'walk' has slots inside the quiet span 12:30-13:30 on mon–fri (13:00); "
        "they wait for its end",
        f"{routine}:13:6: warning: 'walk' has slots inside the quiet span 13:00-15:00 on sat, sun (13:00); "
        "they wait for its end"]
    bad = tmp_path / "bad.toml"
    bad.write_text(QUIET.replace('"13:00-15:00"', '"13:00"'))
    result = tiptoe.run("routine", "--check", bad, check=False)
    assert (result.returncode, result.stderr) == (
        65, f"tiptoe: {bad}:9:10: error: '13:00' is not a valid quiet span (example: \"12:30-13:30\")\n")
