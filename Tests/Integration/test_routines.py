"""Several routines at once: `routine.toml` with every `routines/*.toml` beside it, or `--routine`
given more than once. Each keeps its own name, window and quiet spans; ids are shared."""
import icalendar

from test_export_support import export

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


def test_two_zones_are_refused_unless_tz_settles_them(tiptoe, tmp_path):
    config = write(tiptoe, pills=PILLS.replace('[day]\n', '[day]\ntimezone = "America/New_York"\n'))
    result = tiptoe.run("plan", check=False, env=NOW)
    assert result.returncode == 65
    assert f"{config / 'routines' / 'pills.toml'}:2:1: error: the routine is in America/New_York" in result.stderr
    assert tiptoe.run("plan", "--tz", "Europe/Berlin", env=NOW).returncode == 0


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


def test_export_writes_both_in_one_calendar(tiptoe):
    write(tiptoe)
    text = export(tiptoe, "--from", "2026-11-27")
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["NAME"]) == "Physio + Pills"
    assert {str(e["UID"]) for e in calendar.walk("VEVENT")} == {
        "toes.1@tiptoe", "toes.2@tiptoe", "pill.1@tiptoe", "pill.2@tiptoe"}


def test_check_reads_them_together(tiptoe):
    config = write(tiptoe)
    result = tiptoe.run("routine", "--check", env=NOW)
    assert result.stdout.strip() == (
        f"{config / 'routine.toml'}, {config / 'routines' / 'pills.toml'}: ok: 2 exercises, 28 slots a week")
    (config / "routines" / "pills.toml").write_text(PILLS.replace('"pill"', '"toes"'))
    result = tiptoe.run("routine", "--check", check=False, env=NOW)
    assert result.returncode == 65 and "error: exercise id 'toes' is already used in" in result.stderr
