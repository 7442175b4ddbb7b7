"""Several routines at once: `routine.toml` with every `routines/*.toml` beside it, or `--routine`
given more than once. Each keeps its own name, window and quiet spans; ids are shared."""
import datetime as dt
import os
import resource
import signal
import subprocess
from zoneinfo import ZoneInfo

import icalendar

from test_export_support import expanded_starts, plan, planned_starts

NOW = {"TIPTOE_NOW": "2026-11-27T09:00:00+01:00"}
PHYSIO = ('name = "Physio"\n[day]\nstart = "08:00"\nend = "20:00"\ntimezone = "Europe/Berlin"\n'
          'quiet = ["12:30-13:30"]\n[[exercise]]\nid = "toes"\ntitle = "Toe presses"\nevery = "twice a day"\n')
PILLS = ('name = "Pills"\n[day]\nstart = "07:00"\nend = "22:00"\n[[exercise]]\nid = "pill"\ntitle = "Pill"\n'
         'every = "morning and evening"\n')


def write(tiptoe, physio=PHYSIO, pills=PILLS):
    config = tiptoe.home / "config" / "tiptoe"
    (config / "routines").mkdir(parents=True, exist_ok=True)
    (config / "routine.toml").write_text(physio)
    (config / "routines" / "pills.toml").write_text(pills)
    return config


def test_plan_has_both_each_in_its_own_window(tiptoe):
    write(tiptoe)
    slots = tiptoe.json("plan", "--json", env=NOW)["slots"]
    assert [(s["id"], s["start"]) for s in slots] == [
        ("pill/2026-11-27/1", "2026-11-27T07:30:00+01:00"),  # Pills' window: 07:00 + 30 min
        ("toes/2026-11-27/1", "2026-11-27T11:00:00+01:00"),  # Physio's window: 08:00-20:00
        ("toes/2026-11-27/2", "2026-11-27T17:00:00+01:00"),
        ("pill/2026-11-27/2", "2026-11-27T20:00:00+01:00"),  # 22:00 - 2 h
    ]


def test_routine_lists_each_with_its_file_and_window(tiptoe):
    config = write(tiptoe)
    text = tiptoe.run("routine", env=NOW).stdout
    assert text.index("Physio") < text.index(str(config / "routine.toml")) < text.index("Toe presses")
    assert text.index("Toe presses") < text.index("Pills") < text.index(str(config / "routines" / "pills.toml"))
    assert "Day 08:00–20:00, Europe/Berlin (CET, +01:00); quiet 12:30-13:30" in text
    assert "Day 07:00–22:00, Europe/Berlin (CET, +01:00)\n" in text


def test_routine_names_at_times_once(tiptoe):
    """`at` names the times: the listing does not repeat them after it."""
    write(tiptoe, pills=PILLS.replace('every = "morning and evening"', 'at = ["07:30", "20:00"]'))
    text = tiptoe.run("routine", env=NOW).stdout
    assert "  at 07:30, 20:00 · 2 min\n" in text
    assert "  2× a day · 11:00, 17:00 · 2 min\n" in text


def test_a_clashing_id_names_both_files_and_changes_nothing(tiptoe):
    config = write(tiptoe, pills=PILLS.replace('"pill"', '"toes"'))
    result = tiptoe.run("plan", check=False, env=NOW)
    assert result.returncode == 65
    assert result.stderr.strip() == (
        f"tiptoe: {config / 'routines' / 'pills.toml'}:6:6: error: exercise id 'toes' is already used in "
        f"{config / 'routine.toml'}:8:6 (ids are shared by all routines)")
    assert tiptoe.run("done", "toes", check=False, env=NOW).returncode == 65
    assert not (tiptoe.state_dir / "history.sqlite").exists()


def test_routine_given_twice_plans_both_and_once_picks_one(tiptoe, tmp_path):
    (tmp_path / "a.toml").write_text(PHYSIO)
    (tmp_path / "b.toml").write_text(PILLS)
    both = tiptoe.json("plan", "--json", "--routine", tmp_path / "a.toml", "--routine", tmp_path / "b.toml", env=NOW)
    assert {s["exercise"] for s in both["slots"]} == {"toes", "pill"}
    one = tiptoe.json("plan", "--json", "--routine", tmp_path / "b.toml", env=NOW)
    assert {s["exercise"] for s in one["slots"]} == {"pill"}


YORK = PILLS.replace('[day]\n', '[day]\ntimezone = "America/New_York"\n')


def test_each_routine_is_planned_in_its_own_zone_and_read_in_the_first_ones(tiptoe):
    write(tiptoe, pills=YORK)
    plan_json = tiptoe.json("plan", "--json", env=NOW)
    assert plan_json["timezone"] == "Europe/Berlin"
    # The pill at 07:30 and 20:00 in New York: 13:30, and 02:00 the next morning, in Berlin.
    assert [(s["id"], s["start"]) for s in plan_json["slots"]] == [
        ("toes/2026-11-27/1", "2026-11-27T11:00:00+01:00"), ("pill/2026-11-27/1", "2026-11-27T13:30:00+01:00"),
        ("toes/2026-11-27/2", "2026-11-27T17:00:00+01:00"), ("pill/2026-11-27/2", "2026-11-28T02:00:00+01:00")]
    text = tiptoe.run("plan", env=NOW).stdout.splitlines()
    assert text[-1].split() == ["02:00", "Pill", "2", "of", "2", "next", "morning"]
    shown = tiptoe.run("routine", env=NOW).stdout
    assert "Day 08:00–20:00, Europe/Berlin (CET, +01:00); quiet 12:30-13:30" in shown
    assert "Day 07:00–22:00, America/New_York (EST, -05:00)\n" in shown
    # At 01:59 in Berlin the evening pill is next; done at 02:01 settles it, on its New York date.
    late = {"TIPTOE_NOW": "2026-11-28T01:59:00+01:00"}
    assert tiptoe.run("status", env=late).stdout.splitlines()[-1] == "Next: Pill 2 of 2 at 02:00 (in 1 min)"
    assert "Pill done" in tiptoe.run("done", env={"TIPTOE_NOW": "2026-11-28T02:01:00+01:00"}).stdout
    overview = tiptoe.run(env={"TIPTOE_NOW": "2026-11-28T02:02:00+01:00"}).stdout
    assert any(line.split()[1:] == ["02:00", "Pill", "2", "of", "2", "done", "Fri", "night"]
               for line in overview.splitlines() if "02:00" in line)
    events = tiptoe.json("log", "--since", "2026-11-27", "--json", env=late)["events"]
    assert [(e["slot"], e["slotStart"]) for e in events] == [("pill/2026-11-27/2", "2026-11-28T02:00:00+01:00")]
    # --tz puts every routine in one zone.
    one = tiptoe.json("plan", "--json", "--tz", "Europe/Berlin", env=NOW)["slots"]
    assert [s["start"][11:16] for s in one if s["exercise"] == "pill"] == ["07:30", "20:00"]


def test_done_and_the_log_see_both(tiptoe):
    write(tiptoe)
    assert "Pill done" in tiptoe.run("done", "pill", env=NOW).stdout
    assert "Toe presses done" in tiptoe.run("done", "toes", env={"TIPTOE_NOW": "2026-11-27T11:01:00+01:00"}).stdout
    events = tiptoe.json("log", "--since", "2026-11-27", "--json", env=NOW)["events"]
    assert [e["slot"] for e in events] == ["pill/2026-11-27/1", "toes/2026-11-27/1"]


def test_each_routine_keeps_its_quiet_spans(tiptoe):
    # Physio is quiet 12:30-13:30; a pill at 13:00 is not held, toe presses at 13:00 are.
    write(tiptoe, physio=PHYSIO.replace('every = "twice a day"', 'at = ["13:00"]'),
          pills=PILLS.replace('every = "morning and evening"', 'at = ["13:00"]'))
    status = tiptoe.run("status", env={"TIPTOE_NOW": "2026-11-27T12:59:00+01:00"}).stdout
    assert status.splitlines()[-1] == "Next: Pill at 13:00 (in 1 min)"
    # Alone, Physio's toe presses wait for the end of its quiet span.
    status = tiptoe.run("status", "--routine", tiptoe.home / "config" / "tiptoe" / "routine.toml",
                        env={"TIPTOE_NOW": "2026-11-27T12:59:00+01:00"}).stdout
    assert status.splitlines()[-1] == "Next: at 13:30 (in 31 min), a reminder of Toe presses (13:00)"


def test_export_refuses_one_output_for_several_and_names_both_ways_out(tiptoe, tmp_path):
    config = write(tiptoe)
    out = tmp_path / "out"
    out.mkdir()
    for args in [[], ["-o", "-"], ["-o", out / "both.ics"]]:
        result = tiptoe.run("export", *args, check=False, env=NOW)
        assert (result.returncode, result.stdout) == (64, ""), result
        assert result.stderr == (
            f"tiptoe: error: 2 routines make 2 calendars: Physio ({config / 'routine.toml'}), Pills "
            f"({config / 'routines' / 'pills.toml'}); write one file each into a folder with -o DIR/ (example: "
            f"tiptoe export -o ~/calendars/), or export one with --routine FILE (example: tiptoe export "
            f"--routine {config / 'routines' / 'pills.toml'} -o pills.ics)\n")
    assert os.listdir(out) == []
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "routine.toml").write_text(PILLS)
    result = tiptoe.run("export", "--routine", config / "routine.toml", "--routine", tmp_path / "a" / "routine.toml",
                        "-o", f"{out}/calendars/", check=False, env=NOW)
    assert result.returncode == 64 and "would both be written to routine.ics" in result.stderr
    assert os.listdir(out) == []


def test_export_writes_one_calendar_per_routine_that_expands_to_the_plan(tiptoe, tmp_path):
    write(tiptoe)
    folder = tmp_path / "calendars"
    result = tiptoe.run("export", "--from", "2026-11-27", "-o", f"{folder}/", env=NOW)
    assert result.stdout.splitlines() == [
        f"Wrote {folder / 'routine.ics'}: Physio, 1 exercise as repeating events from Fri 27 Nov 2026, Europe/Berlin.",
        f"Wrote {folder / 'pills.ics'}: Pills, 1 exercise as repeating events from Fri 27 Nov 2026, Europe/Berlin."]
    assert sorted(os.listdir(folder)) == ["pills.ics", "routine.ics"]
    texts = {name: (folder / name).read_bytes().decode() for name in ["routine.ics", "pills.ics"]}
    calendars = {name: icalendar.Calendar.from_ical(text) for name, text in texts.items()}
    assert [(str(c["X-WR-CALNAME"]), str(c["X-WR-TIMEZONE"])) for c in calendars.values()] == [
        ("Physio", "Europe/Berlin"), ("Pills", "Europe/Berlin")]
    # The UIDs of the combined calendar before: importing these updates the events already imported.
    assert [sorted(str(e["UID"]) for e in c.walk("VEVENT")) for c in calendars.values()] == [
        ["toes.1@tiptoe", "toes.2@tiptoe"], ["pill.1@tiptoe", "pill.2@tiptoe"]]
    first, days = dt.date(2026, 11, 27), 400
    got = sorted(item for text in texts.values() for item in expanded_starts(text, first, days))
    end = dt.datetime(2026, 11, 27, tzinfo=ZoneInfo("Europe/Berlin")) + dt.timedelta(days=days)
    want = [s for s in planned_starts(plan(tiptoe, "--from", "2026-11-27", days=days + 1, now=NOW["TIPTOE_NOW"]))
            if s[2] < end]
    assert len(want) == 4 * days
    slot_key = lambda uid: uid.split("@")[0].split(".")[-1] if "/" not in uid else uid.split("/")[-1]
    assert sorted((e, slot_key(u), t) for e, u, t in got) == sorted((e, slot_key(i), t) for e, i, t in want)
    # Again into the existing folder, one event per slot and no alarms: each file on its own.
    tiptoe.run("export", "--expand", "--days", "7", "--no-alarms", "--from", "2026-11-27", "-o", folder, env=NOW)
    for name, exercise in [("routine.ics", "toes"), ("pills.ics", "pill")]:
        text = (folder / name).read_text()
        events = icalendar.Calendar.from_ical(text).walk("VEVENT")
        assert {str(e["UID"]).split(".")[0] for e in events} == {exercise} and len(events) == 14
        assert "VALARM" not in text
    assert sorted(os.listdir(folder)) == ["pills.ics", "routine.ics"]


def test_export_writes_each_routine_in_its_own_zone_and_together_they_are_the_plan(tiptoe, tmp_path):
    """Physio in Berlin, Pills in New York: each calendar in its own zone, and their expansions over 400 days,
    across both zones' clock changes, are the plan of both to the second."""
    write(tiptoe, pills=YORK)
    folder = tmp_path / "calendars"
    result = tiptoe.run("export", "--from", "2027-03-01", "-o", f"{folder}/", env=NOW)
    assert [line.rsplit(", ", 1)[1] for line in result.stdout.splitlines()] == ["Europe/Berlin.", "America/New_York."]
    first, days = dt.date(2027, 3, 1), 400
    got = []
    for name, zone in [("routine.ics", "Europe/Berlin"), ("pills.ics", "America/New_York")]:
        text = (folder / name).read_bytes().decode()
        calendar = icalendar.Calendar.from_ical(text)
        assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [zone]
        assert str(calendar["X-WR-TIMEZONE"]) == zone and f"DTSTART;TZID={zone}:20270301T" in text
        got += [(e, u.split("@")[0].split(".")[-1], t) for e, u, t in expanded_starts(text, first, days)]
    # Each calendar's own days: Berlin's from its midnight, New York's from its own.
    end = {"toes": dt.datetime.combine(first, dt.time(), ZoneInfo("Europe/Berlin")) + dt.timedelta(days=days),
           "pill": dt.datetime.combine(first, dt.time(), ZoneInfo("America/New_York")) + dt.timedelta(days=days)}
    both = plan(tiptoe, "--from", str(first), days=days + 1, now=NOW["TIPTOE_NOW"])
    want = [(e, i.split("/")[-1], t) for e, i, t in planned_starts(both) if t < end[e]]
    assert len(want) == 4 * days and sorted(got) == sorted(want)
    tiptoe.run("export", "--tz", "Asia/Tokyo", "-o", folder, env=NOW)
    for name in ["routine.ics", "pills.ics"]:
        assert "X-WR-TIMEZONE:Asia/Tokyo\r\n" in (folder / name).read_bytes().decode()


def test_export_that_fails_halfway_changes_no_calendar(tiptoe, tmp_path):
    """A full disk (a 16 KiB file-size limit) while the second calendar is written (Physio's, first, is 4 KB,
    Pills' 45 KB): neither old file is replaced, no temporary file stays, and a folder made for them is removed."""
    write(tiptoe, physio=PHYSIO.replace("twice a day", "once a week"))
    out = tmp_path / "out"
    folder = out / "calendars"
    folder.mkdir(parents=True)
    for name in ["routine.ics", "pills.ics"]:
        (folder / name).write_text("old")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    from conftest import BIN
    for target in [folder, out / "new"]:
        result = subprocess.run([str(BIN), "export", "--expand", "--days", "60", "-o", f"{target}/"],
                                capture_output=True, text=True, env=dict(tiptoe.env, **NOW), preexec_fn=limit)
        assert result.returncode == 74 and "File too large; nothing was written" in result.stderr, result
        assert result.stdout == ""
    assert os.listdir(out) == ["calendars"]
    assert sorted((p.name, p.read_text()) for p in folder.iterdir()) == [("pills.ics", "old"), ("routine.ics", "old")]


def test_check_reads_them_together(tiptoe):
    config = write(tiptoe)
    result = tiptoe.run("routine", "--check", env=NOW)
    assert result.stdout.strip() == (
        f"{config / 'routine.toml'}, {config / 'routines' / 'pills.toml'}: ok: 2 exercises, 28 slots a week")
    (config / "routines" / "pills.toml").write_text(PILLS.replace('"pill"', '"toes"'))
    result = tiptoe.run("routine", "--check", check=False, env=NOW)
    assert result.returncode == 65 and "error: exercise id 'toes' is already used in" in result.stderr


def test_print_shows_every_routine_headed_by_its_file(tiptoe):
    config = write(tiptoe)
    text = tiptoe.run("routine", "--print", env=NOW).stdout
    assert text == f"# {config / 'routine.toml'}\n\n{PHYSIO}\n# {config / 'routines' / 'pills.toml'}\n\n{PILLS}"
    one = tiptoe.run("routine", "--print", "--routine", config / "routine.toml", env=NOW).stdout
    assert one == PHYSIO


def test_a_routine_in_a_zone_ahead_lists_its_morning_as_the_evening_before(tiptoe):
    # Tokyo is 8 hours ahead: Friday's 07:30 pill there is Thursday 23:30 in Berlin, listed under Friday.
    write(tiptoe, pills=PILLS.replace('[day]\n', '[day]\ntimezone = "Asia/Tokyo"\n'))
    lines = tiptoe.run("plan", env=NOW).stdout.splitlines()
    assert lines[0] == "Fri 27 Nov 2026"
    assert lines[1].split() == ["•", "23:30", "Pill", "1", "of", "2", "due", "the", "evening", "before"]
    assert [line.split()[0] for line in lines[2:]] == ["11:00", "12:00", "17:00"]
    # On Thursday it is listed last, for Friday, and done then settles Friday's slot.
    thursday = {"TIPTOE_NOW": "2026-11-26T23:20:00+01:00"}
    overview = tiptoe.run(env=thursday).stdout.splitlines()
    assert [line.split() for line in overview if "for Fri" in line] == [
        ["23:30", "Pill", "1", "of", "2", "for", "Fri"]]
    done = tiptoe.run("done", "pill", env={"TIPTOE_NOW": "2026-11-26T23:31:00+01:00"}).stdout
    assert done == "Pill done (1 of 2 on Fri 27 Nov 2026)\n"
    assert [e["slot"] for e in tiptoe.json("log", "--json", env=thursday)["events"]] == ["pill/2026-11-27/1"]
