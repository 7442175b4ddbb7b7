"""One reading of the history: the overview, `status`, `plan` and the history commands agree,
under quiet spans, pauses and a routine that has an error."""
import json

import pytest

NOW = {"TIPTOE_NOW": "2026-11-23T11:00:00Z"}


def write(tiptoe, text: str):
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


QUIET = 'name = "Quiet"\n[day]\nquiet = ["12:00-13:30"]\n[[exercise]]\nid = "a"\ntitle = "A"\nat = ["12:30"]\n'


def next_line(text: str) -> str:
    return [line for line in text.splitlines() if line.startswith("Next:")][0]


def test_overview_and_status_name_the_same_next_reminder_under_a_quiet_span_and_a_pause(tiptoe):
    write(tiptoe, QUIET)
    overview, status = tiptoe.run(env=NOW).stdout, tiptoe.run("status", env=NOW).stdout
    assert next_line(overview) == next_line(status) == "Next: at 13:30 (in 2 h 30 min), a reminder of A (12:30)"
    tiptoe.run("pause", "3h", env=NOW)
    overview, status = tiptoe.run(env=NOW).stdout, tiptoe.run("status", env=NOW).stdout
    assert next_line(overview) == next_line(status) == "Next: at 14:00 (in 3 h), a reminder of A (12:30)"
    assert tiptoe.json("status", "--json", env=NOW)["next"]["at"] == "2026-11-23T14:00:00+00:00"


def test_a_broken_routine_keeps_its_zone_and_says_which_it_is(tiptoe):
    write(tiptoe, 'name = "Berlin"\n[day]\ntimezone = "Europe/Berlin"\n[[exercise]]\nid = "a"\nevry = "daily"\n')
    tiptoe.run("pause", "1h", env=NOW)
    result = tiptoe.run("log", env=NOW)
    assert "times are in Europe/Berlin (CET, +01:00)" in result.stderr
    events = tiptoe.json("log", "--json", env=NOW)
    assert events["timezone"] == "Europe/Berlin"
    assert events["events"][0]["at"] == "2026-11-23T12:00:00+01:00"
    assert "until 13:00" in tiptoe.run("status", env=NOW).stdout


def test_twelve_a_day_keep_their_count_column(tiptoe):
    write(tiptoe, 'name = "Water"\n[[exercise]]\nid = "water"\ntitle = "Water"\nevery = "12 times a day"\n')
    lines = [line for line in tiptoe.run("today", env=NOW).stdout.splitlines() if "Water" in line]
    assert len(lines) == 12
    assert lines[-1].split("Water")[1].split()[:3] == ["12", "of", "12"]
    assert lines[0].split("Water")[1].split()[:3] == ["1", "of", "12"]


@pytest.mark.parametrize("args", [
    ["done", "toe-presses", "--at", "0001-01-01T00:00:00Z"],
    ["done", "toe-presses", "--at", "1899-12-31T23:00:00Z"],
    ["log", "--since", "0001-01-01"],
    ["plan", "--from", "0001-01-01"],
])
def test_one_range_of_years_for_every_input(tiptoe, args):
    result = tiptoe.run(*args, check=False, env=NOW)
    assert result.returncode == 64, result.stderr
    assert "1900 to 9000" in result.stderr
    assert not (tiptoe.state_dir / "tiptoe.sqlite").exists()


def due_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.startswith("Due now:")), "")


def test_overview_and_status_say_the_same_is_due_now(tiptoe):
    """Slots of 11:15, older than the agent's catch-up window, are still due at 14:35 (until the
    exercise's next slot at 17:45): both commands name them, as `plan` and a bare `done` do."""
    at = {"TIPTOE_NOW": "2026-11-23T14:35:00+01:00", "TZ": "Europe/Berlin"}
    planned = {slot["id"] for slot in tiptoe.json("plan", "--json", env=at)["slots"] if slot["status"] == "due"}
    assert set(tiptoe.json("status", "--json", env=at)["dueNow"]) == planned
    assert len(planned) == 5
    overview, status = due_line(tiptoe.run(env=at).stdout), due_line(tiptoe.run("status", env=at).stdout)
    for title in ["Toe walking", "Ankle circles", "Toe presses", "Resisted flexion", "Toe pencil pickups"]:
        assert title in overview and title in status


NIGHT = ('name = "Night meds"\n[day]\nstart = "22:00"\nend = "06:00"\ntimezone = "Europe/Berlin"\n'
         '[[exercise]]\nid = "pill"\ntitle = "Pill"\nat = ["02:30", "23:00"]\n')


def test_an_evening_dose_still_due_after_midnight_is_the_one_done_settles(tiptoe):
    """A night window's 23:00 dose is due until the next one, at 02:30: at 01:00 the overview lists
    it (under Monday) and `done pill` settles it, not the next night's."""
    write(tiptoe, NIGHT)
    at = {"TIPTOE_NOW": "2026-11-24T01:00:00+01:00", "TZ": "Europe/Berlin"}
    overview = tiptoe.run(env=at).stdout
    assert any(line.split()[1:] == ["23:00", "Pill", "1", "of", "2", "due", "Mon"] for line in overview.splitlines())
    assert due_line(overview).startswith("Due now: Pill")
    assert tiptoe.json("status", "--json", env=at)["dueNow"] == ["pill/2026-11-23/1"]
    assert "Pill done (1 of 2 on Mon 23 Nov 2026)" in tiptoe.run("done", "pill", env=at).stdout
    events = tiptoe.json("log", "--since", "2026-11-23", "--json", env=at)["events"]
    assert [(event["kind"], event["slot"]) for event in events] == [("done", "pill/2026-11-23/1")]
