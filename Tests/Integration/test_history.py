"""The history from the command line: done, snooze, skip, undo and log on a real SQLite file.

Each test has its own state directory (the `tiptoe` fixture), so each starts with no history.
Times: TZ=UTC and the built-in routine has no zone, so its slots are in UTC: toe presses at
10:10, 14:30 and 18:50; toe walking and ankle circles at 11:15 and 17:45; the weekly exercises
(Mon, Wed, Fri) at 14:30.
"""
import csv
import hashlib
import io
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import BIN

DAY = "2026-11-23"  # a Monday


def at(tiptoe, time, *args, check=True):
    """Runs tiptoe with the clock at `time` (HH:MM, UTC) on DAY."""
    return tiptoe.run(*args, check=check, env={"TIPTOE_NOW": f"{DAY}T{time}:00Z"})


def statuses(tiptoe, time):
    plan = tiptoe.json("plan", "--json", env={"TIPTOE_NOW": f"{DAY}T{time}:00Z"})
    return {slot["id"]: slot["status"] for slot in plan["slots"]}


def log(tiptoe):
    return tiptoe.json("log", "--json", env={"TIPTOE_NOW": f"{DAY}T23:00:00Z"})["events"]


def db(tiptoe) -> Path:
    return tiptoe.state_dir / "tiptoe.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- done, skip, snooze, undo ---------------------------------------------------------------


def test_done_marks_what_is_due_and_says_so_in_words(tiptoe):
    result = at(tiptoe, "10:15", "done")
    assert result.stdout == "Toe presses done (1 of 3 today)\n"
    assert statuses(tiptoe, "10:16")[f"toe-presses/{DAY}/1"] == "done"
    assert at(tiptoe, "14:35", "done", "toe-pr").stdout == "Toe presses done (2 of 3 today)\n"
    # The plan shows it, and the overview's "Next" skips what is settled.
    assert statuses(tiptoe, "14:36")[f"toe-presses/{DAY}/2"] == "done"


def test_the_history_file_is_private_and_in_wal_mode(tiptoe):
    at(tiptoe, "10:15", "done")
    assert db(tiptoe).stat().st_mode & 0o777 == 0o600
    assert tiptoe.state_dir.stat().st_mode & 0o777 == 0o700
    assert db(tiptoe).read_bytes()[18:20] == b"\x02\x02"  # WAL, recorded in the file


def test_bare_done_acts_on_everything_due_and_undo_takes_it_all_back(tiptoe):
    assert at(tiptoe, "11:20", "done").stdout == (
        "Toe presses done (1 of 3 today); Toe walking done (1 of 2 today); Ankle circles done (1 of 2 today)\n")
    undo = at(tiptoe, "11:21", "undo").stdout
    assert undo.startswith("Undid ") and undo.count("now due") == 3
    now = statuses(tiptoe, "11:22")
    assert {now[f"{e}/{DAY}/1"] for e in ["toe-presses", "toe-walking", "ankle-circles"]} == {"due"}
    # Undo again walks further back: nothing left.
    assert at(tiptoe, "11:23", "undo", check=False).returncode == 1


def test_done_ahead_of_time_settles_the_upcoming_slot(tiptoe):
    result = at(tiptoe, "09:00", "done", "toe-presses")
    assert result.stdout == "Toe presses done ahead of 10:10 (1 of 3 today)\n"
    assert statuses(tiptoe, "10:30")[f"toe-presses/{DAY}/1"] == "done"
    # A weekly exercise done before its first slot of the week settles that slot.
    monday = tiptoe.run("done", "resisted-flexion", env={"TIPTOE_NOW": "2026-11-23T09:00:00Z"}).stdout
    assert monday == "Resisted flexion done ahead of 14:30 (1 of 2–3 this week)\n"
    plan = tiptoe.json("plan", "--json", "--from", "2026-11-23", env={"TIPTOE_NOW": "2026-11-23T15:00:00Z"})
    assert {s["id"]: s["status"] for s in plan["slots"]}["resisted-flexion/2026-11-23/1"] == "done"


def test_a_weekly_session_on_any_day_settles_the_weeks_oldest_open_or_missed_slot(tiptoe):
    # Monday's and Wednesday's slots passed unanswered; on Sunday the session still counts for the week.
    sunday = {"TIPTOE_NOW": "2026-11-29T10:00:00Z"}
    assert tiptoe.run("done", "resisted-flexion", env=sunday).stdout == (
        "Resisted flexion done for Mon 23 Nov 2026 14:30 (1 of 2–3 this week)\n")
    assert tiptoe.run("done", "resisted-flexion", env=sunday).stdout == (
        "Resisted flexion done for Wed 25 Nov 2026 14:30 (2 of 2–3 this week)\n")
    plan = tiptoe.json("plan", "--json", "--from", "2026-11-23", "--days", "7", env=sunday)
    flexion = {s["id"]: s["status"] for s in plan["slots"] if s["exercise"] == "resisted-flexion"}
    # Two of 2–3 done: the week has its goal, so Friday's slot is optional, not missed.
    assert flexion == {"resisted-flexion/2026-11-23/1": "done", "resisted-flexion/2026-11-25/1": "done",
                       "resisted-flexion/2026-11-27/1": "goal-met"}


def test_undo_names_the_day_of_a_slot_on_another_day(tiptoe):
    monday = {"TIPTOE_NOW": "2026-11-23T09:00:00Z"}
    tiptoe.run("done", "resisted-flexion", env=monday)
    assert tiptoe.run("done", "resisted-flexion", env=monday).stdout == (
        "Resisted flexion done ahead of Wed 25 Nov 2026 14:30 (2 of 2–3 this week)\n")
    assert tiptoe.run("undo", env=monday).stdout == (
        "Undid Resisted flexion done at 09:00 (the Wed 25 Nov 2026 14:30 one is now pending)\n")


def test_done_at_records_a_slot_that_passed(tiptoe):
    # 14:40: the first toe presses slot (10:10) was missed when the second began at 14:30.
    assert statuses(tiptoe, "14:40")[f"toe-presses/{DAY}/1"] == "missed"
    result = at(tiptoe, "14:40", "done", "toe-presses", "--at", "11:00")
    assert result.stdout == "Toe presses done (1 of 3 today)\n"
    assert statuses(tiptoe, "14:41")[f"toe-presses/{DAY}/1"] == "done"
    assert log(tiptoe)[0]["at"] == f"{DAY}T11:00:00+00:00"
    # An ISO instant with an offset works too.
    at(tiptoe, "15:00", "done", "toe-presses", "--at", f"{DAY}T15:31:00+01:00")
    assert statuses(tiptoe, "15:01")[f"toe-presses/{DAY}/2"] == "done"


def test_snooze_puts_off_then_the_slot_is_due_again(tiptoe):
    assert at(tiptoe, "10:12", "snooze").stdout == "Toe presses snoozed until 10:22 (10 min)\n"
    assert statuses(tiptoe, "10:21")[f"toe-presses/{DAY}/1"] == "snoozed"
    assert statuses(tiptoe, "10:22")[f"toe-presses/{DAY}/1"] == "due"
    assert at(tiptoe, "10:30", "snooze", "1h30m").stdout == "Toe presses snoozed until 12:00 (1 h 30 min)\n"
    assert at(tiptoe, "10:31", "snooze", "toe-presses", "45s").stdout.startswith("Toe presses snoozed until 10:31:45")
    events = log(tiptoe)
    assert [e["until"] for e in events] == [f"{DAY}T10:22:00+00:00", f"{DAY}T12:00:00+00:00", f"{DAY}T10:31:45+00:00"]


def test_times_on_another_day_carry_their_date(tiptoe):
    assert at(tiptoe, "11:20", "snooze", "toe-walking", "25h").stdout == (
        "Toe walking snoozed until Tue 24 Nov 2026 12:20 (1 d 1 h); it counts as missed from 17:45, "
        "when the next one is due\n")
    assert at(tiptoe, "11:21", "pause", "48h").stdout.startswith(
        "Reminders paused until Wed 25 Nov 2026 11:21 (in 2 d)")
    text = at(tiptoe, "11:22", "log").stdout
    assert "until Tue 24 Nov 2026 12:20" in text and "until Wed 25 Nov 2026 11:21" in text
    assert at(tiptoe, "11:23", "undo").stdout == "Undid pause until Wed 25 Nov 2026 11:21 (at 11:21)\n"


def test_the_overview_names_what_comes_next_snoozes_included(tiptoe):
    at(tiptoe, "11:20", "snooze", "toe-walking", "15m")
    assert at(tiptoe, "11:21").stdout.endswith("\nNext: at 11:35 (in 14 min), a reminder of Toe walking 1 of 2 (11:15)\n")
    assert at(tiptoe, "11:40").stdout.endswith(
        "\nNext: at 11:55 (in 15 min), a second reminder of Toe presses 1 of 3 (10:10), Toe walking 1 of 2 (11:15) "
        "and Ankle circles 1 of 2 (11:15)\n")
    # Once all is answered, the next slots.
    at(tiptoe, "11:41", "done")
    assert at(tiptoe, "11:42").stdout.endswith(
        "\nNext: Resisted flexion, Toe pencil pickups and Toe presses 2 of 3 at 14:30 (in 2 h 48 min)\n")


def test_skip(tiptoe):
    assert at(tiptoe, "11:20", "skip", "ankle").stdout == "Ankle circles at 11:15 skipped (0 of 2 today)\n"
    assert statuses(tiptoe, "11:21")[f"ankle-circles/{DAY}/1"] == "skipped"
    assert statuses(tiptoe, "11:21")[f"toe-walking/{DAY}/1"] == "due"


# --- nothing to act on ----------------------------------------------------------------------


def test_nothing_due_says_what_is_next_exits_1_and_creates_nothing(tiptoe):
    for command in ["done", "skip", "snooze"]:
        result = at(tiptoe, "09:00", command, check=False)
        assert result.returncode == 1, command
        assert "nothing is due now" in result.stderr
        assert "Toe presses at 10:10 (in 1 h 10 min)" in result.stderr
    assert "tiptoe done toe-presses" in at(tiptoe, "09:00", "done", check=False).stderr
    assert at(tiptoe, "09:00", "undo", check=False).returncode == 1
    assert not tiptoe.state_dir.exists()


def test_reading_never_creates_the_history(tiptoe):
    at(tiptoe, "09:00")
    at(tiptoe, "09:00", "plan", "--json")
    assert at(tiptoe, "09:00", "log").stdout == "No history yet.\n"
    assert tiptoe.json("log", "--json")["events"] == []
    assert at(tiptoe, "09:00", "log", "--csv").stdout == (
        "id,batch,kind,exercise,title,slot,at,slotStart,until,undoes,undone,device\n")
    assert not tiptoe.state_dir.exists()


def test_snooze_of_an_exercise_that_is_not_due_is_refused(tiptoe):
    result = at(tiptoe, "10:15", "snooze", "toe-walking", check=False)
    assert result.returncode == 1
    assert "Toe walking is not due now" in result.stderr


def test_nothing_left_today_says_so_and_points_at_the_next_slot(tiptoe):
    for time in ["10:15", "14:35", "18:55"]:
        at(tiptoe, time, "done", "toe-presses")
    result = at(tiptoe, "19:00", "done", "toe-presses", check=False)
    assert result.returncode == 1
    assert result.stderr == ("tiptoe: error: Toe presses: every slot today is already done or skipped; "
                             "the next one is Tue 24 Nov 2026 10:10 (in 15 h 10 min)\n")


def test_done_at_settles_a_missed_slot_of_that_day(tiptoe):
    # 10:10 and 14:30 passed unanswered; 18:50 is done; a session at 19:30 counts for a missed one.
    at(tiptoe, "18:55", "done", "toe-presses")
    assert at(tiptoe, "20:00", "done", "toe-presses", "--at", "19:30").stdout == (
        "Toe presses done for 10:10 (2 of 3 today)\n")
    assert statuses(tiptoe, "20:01")[f"toe-presses/{DAY}/1"] == "done"
    assert statuses(tiptoe, "20:01")[f"toe-presses/{DAY}/2"] == "missed"


def test_a_bare_snooze_leaves_a_snoozed_reminder_alone_and_the_snooze_limit_holds(tiptoe):
    assert at(tiptoe, "10:12", "snooze", "30m").stdout == "Toe presses snoozed until 10:42 (30 min)\n"
    again = at(tiptoe, "10:15", "snooze", check=False)
    assert again.returncode == 1 and "nothing is due now" in again.stderr
    assert [e["until"] for e in log(tiptoe)] == [f"{DAY}T10:42:00+00:00"]
    at(tiptoe, "10:43", "snooze", "toe-presses")
    at(tiptoe, "10:54", "snooze", "toe-presses")
    fourth = at(tiptoe, "11:05", "snooze", "toe-presses", check=False)
    assert fourth.returncode == 1
    assert fourth.stderr == ("tiptoe: error: Toe presses was snoozed 3 times already, the limit; "
                             "do it or skip it: tiptoe done toe-presses, tiptoe skip toe-presses\n")
    assert len(log(tiptoe)) == 3


# --- bad input: exit 64, nothing written ----------------------------------------------------


@pytest.mark.parametrize("args,message", [
    (["done", "toe-presess"], "no exercise 'toe-presess'; did you mean 'toe-presses'?"),
    (["done", "tow-presses"], "did you mean 'toe-presses'?"),
    (["skip", "jumping-jacks"], "no exercise 'jumping-jacks'"),
    (["done", "toe"], "toe-presses, toe-walking, toe-pencil-pickups"),
    (["snooze", "toe-presses", "15x"], "'15x' is not a duration (examples: 10m"),
    (["snooze", "15x"], "'15x' is not a duration"),
    (["snooze", "-5m"], "'-5m' is not a duration"),
    (["snooze", "toe-presses", "-5m"], "'-5m' is not a duration"),
    (["snooze", "toe-presses", ""], "'' is not a duration"),
    (["snooze", "toe-presses", "0m"], "'0m' is not a duration"),
    (["snooze", "a", "b", "c"], "not 3 arguments"),
    (["done", "--at", "25:00"], "--at: '25:00' is not a time (examples: --at 14:40"),
    (["done", "--at", "yesterday"], "'yesterday' is not a time"),
    (["done", "--at", "23:00"], "later than now"),
    (["log", "--since", "last week"], "--since: 'last week' is not a date (example: --since 2026-11-16)"),
    (["log", "--json", "--csv"], "choose one"),
])
def test_bad_input_is_a_usage_error_that_writes_nothing(tiptoe, args, message):
    at(tiptoe, "11:20", "done", "toe-presses")  # a history to keep unchanged
    before = log(tiptoe)
    before_bytes = digest(db(tiptoe))
    result = at(tiptoe, "11:21", *args, check=False)
    assert result.returncode == 64, result.stderr
    assert message in result.stderr
    assert log(tiptoe) == before
    assert digest(db(tiptoe)) == before_bytes


def test_bad_input_with_no_history_creates_none(tiptoe):
    assert at(tiptoe, "11:20", "done", "nope", check=False).returncode == 64
    assert at(tiptoe, "11:20", "snooze", "15x", check=False).returncode == 64
    assert not tiptoe.state_dir.exists()


# --- damaged, newer and unreachable files: exit 74, untouched -------------------------------


def make_corrupt(tiptoe) -> Path:
    tiptoe.state_dir.mkdir(parents=True)
    db(tiptoe).write_bytes(bytes((i * 7919 + 13) % 256 for i in range(8192)))
    return db(tiptoe)


def make_damaged(tiptoe) -> Path:
    """A real history whose table pages are overwritten, header intact."""
    at(tiptoe, "11:20", "done", "toe-presses", "--at", "11:00")
    con = sqlite3.connect(db(tiptoe))
    con.executemany("INSERT INTO event (id, batch, kind, at) VALUES (?, ?, 'resumed', '2026-11-23T08:00:00Z')",
                    [(i, i) for i in range(100, 600)])
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db(tiptoe).read_bytes())
    data[4096:16384] = b"\xa5" * (16384 - 4096)
    db(tiptoe).write_bytes(bytes(data))
    return db(tiptoe)


def make_newer(tiptoe) -> Path:
    tiptoe.state_dir.mkdir(parents=True)
    con = sqlite3.connect(db(tiptoe))
    con.executescript("""
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1'), ('v2-sync'), ('v3');
        CREATE TABLE event (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, kind TEXT NOT NULL, slot TEXT,
          exercise TEXT, at TEXT NOT NULL, slotStart TEXT, until TEXT, undoes INTEGER, device TEXT, mood TEXT);
        PRAGMA user_version = 3;
        PRAGMA journal_mode = WAL;
    """)
    con.close()
    return db(tiptoe)


@pytest.mark.parametrize("make,message", [
    (make_corrupt, "is damaged or not a tiptoe database"),
    (make_damaged, "is damaged or not a tiptoe database"),
    (make_newer, "was written by a newer tiptoe (schema v3"),
])
@pytest.mark.parametrize("args", [["done"], ["done", "toe-presses"], ["log"], ["log", "--csv"], [],
                                  ["plan", "--json"], ["undo"], ["snooze"], ["skip", "ankle"]])
def test_a_damaged_or_newer_file_is_reported_and_left_untouched(tiptoe, make, message, args):
    path = make(tiptoe)
    before = digest(path)
    names = sorted(p.name for p in tiptoe.state_dir.iterdir())
    result = at(tiptoe, "11:20", *args, check=False)
    assert result.returncode == 74, (result.stdout, result.stderr)
    assert message in result.stderr and str(path) in result.stderr
    assert "nothing was changed" in result.stderr
    assert digest(path) == before
    assert sorted(p.name for p in tiptoe.state_dir.iterdir()) == names


def test_an_unwritable_state_directory_is_a_clear_io_error(tiptoe):
    # A file where the state directory should be: unwritable even for root.
    blocker = tiptoe.home / "state"
    blocker.write_text("not a directory")
    result = at(tiptoe, "11:20", "done", check=False)
    assert result.returncode == 74
    assert "the history" in result.stderr and "Not a directory" in result.stderr
    reading = at(tiptoe, "11:20", "log", check=False)
    assert reading.returncode == 74, "not an empty history"
    assert "Not a directory" in reading.stderr and reading.stdout == ""
    assert blocker.read_text() == "not a directory"


def test_a_read_only_history_file_is_a_clear_io_error(tiptoe):
    at(tiptoe, "10:15", "done")
    # Read-only for root too: a read-only bind is not available, so use chattr-free means: a directory
    # named like the -wal file makes SQLite unable to open its journal. The WAL a command keeps is
    # empty: everything is in the database file itself.
    wal = tiptoe.state_dir / "tiptoe.sqlite-wal"
    assert wal.stat().st_size == 0
    wal.unlink()
    wal.mkdir()
    before = digest(db(tiptoe))
    result = at(tiptoe, "11:20", "done", check=False)
    assert result.returncode == 74, result.stderr
    assert str(db(tiptoe)) in result.stderr
    assert digest(db(tiptoe)) == before


# --- many writers at once -------------------------------------------------------------------


def test_a_hundred_processes_write_at_once_and_none_is_lost(tiptoe):
    routine = tiptoe.home / "hundred.toml"
    routine.write_text('name = "Hundred"\n' + "".join(
        f'[[exercise]]\nid = "exercise-{i:03}"\ntitle = "Exercise {i}"\nevery = "once a day"\n'
        for i in range(100)))
    env = dict(tiptoe.env, TIPTOE_NOW=f"{DAY}T09:00:00Z", TIPTOE_ROUTINE=str(routine))
    processes = [
        subprocess.Popen([str(BIN), "done", f"exercise-{i:03}"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for i in range(100)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    failures = [(code, err) for code, _, err in results if code != 0]
    assert failures == []
    assert not any("locked" in err for _, _, err in results)
    assert all(out.endswith("(1 of 1 today)\n") for _, out, _ in results)
    events = tiptoe.json("log", "--json", env={"TIPTOE_ROUTINE": str(routine)})["events"]
    assert sorted(e["exercise"] for e in events) == [f"exercise-{i:03}" for i in range(100)]
    assert sorted(e["id"] for e in events) == list(range(1, 101))
    assert {e["kind"] for e in events} == {"done"}
    plan = tiptoe.json("plan", "--json", env={"TIPTOE_ROUTINE": str(routine), "TIPTOE_NOW": f"{DAY}T09:00:00Z"})
    assert {s["status"] for s in plan["slots"]} == {"done"}


# --- log formats ----------------------------------------------------------------------------


def some_history(tiptoe):
    at(tiptoe, "10:15", "done")
    at(tiptoe, "11:20", "snooze", "toe-walking", "15m")
    at(tiptoe, "11:21", "skip", "ankle-circles")
    at(tiptoe, "11:22", "undo")
    at(tiptoe, "11:40", "done", "toe-walking")


def test_log_json_is_stable_and_as_documented(tiptoe):
    some_history(tiptoe)
    first = tiptoe.run("log", "--json").stdout
    assert first == tiptoe.run("log", "--json").stdout
    data = json.loads(first)
    assert list(data) == ["timezone", "events"]
    keys = ["id", "batch", "kind", "exercise", "title", "slot", "at", "slotStart", "until", "undoes", "undone",
            "device"]
    assert all(list(e) == keys for e in data["events"])
    assert [(e["kind"], e["exercise"], e["undone"]) for e in data["events"]] == [
        ("done", "toe-presses", False),
        ("snoozed", "toe-walking", False),
        ("skipped", "ankle-circles", True),
        ("undone", "ankle-circles", False),
        ("done", "toe-walking", False),
    ]
    snoozed = data["events"][1]
    assert snoozed == {
        "id": 2, "batch": 2, "kind": "snoozed", "exercise": "toe-walking", "title": "Toe walking",
        "slot": f"toe-walking/{DAY}/1", "at": f"{DAY}T11:20:00+00:00", "slotStart": f"{DAY}T11:15:00+00:00",
        "until": f"{DAY}T11:35:00+00:00", "undoes": None, "undone": False, "device": None,
    }
    assert data["events"][3]["undoes"] == 3
    # --since filters by local date; times follow --tz.
    assert tiptoe.json("log", "--json", "--since", "2026-11-24")["events"] == []
    berlin = tiptoe.json("log", "--json", "--tz", "Europe/Berlin")
    assert berlin["timezone"] == "Europe/Berlin" and berlin["events"][0]["at"] == f"{DAY}T11:15:00+01:00"


def test_log_csv_parses_as_csv(tiptoe):
    some_history(tiptoe)
    at(tiptoe, "12:00", "done", "toe-presses")  # ahead of 14:30
    raw = subprocess.run([str(BIN), "log", "--csv"], env=tiptoe.env, capture_output=True, check=True).stdout
    assert raw.count(b"\r\n") == raw.count(b"\n") == 7  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(raw.decode(), newline="")))
    assert list(rows[0]) == ["id", "batch", "kind", "exercise", "title", "slot", "at", "slotStart", "until",
                             "undoes", "undone", "device"]
    assert len(rows) == 6
    assert rows[1]["until"] == f"{DAY} 11:35:00" and rows[1]["at"] == f"{DAY} 11:20:00"
    assert [r["undone"] for r in rows] == ["false", "false", "true", "false", "false", "false"]
    assert rows[5]["slotStart"] == f"{DAY} 14:30:00"


def test_log_csv_quotes_titles_with_commas_and_quotes(tiptoe):
    routine = tiptoe.home / "quoted.toml"
    routine.write_text('name = "Q"\n[[exercise]]\nid = "a"\ntitle = "Heels, toes \\"and\\" more"\nat = ["10:00"]\n')
    tiptoe.run("done", "a", env={"TIPTOE_ROUTINE": str(routine), "TIPTOE_NOW": f"{DAY}T10:05:00Z"})
    raw = subprocess.run([str(BIN), "log", "--csv"], env=dict(tiptoe.env, TIPTOE_ROUTINE=str(routine)),
                         capture_output=True, check=True).stdout
    rows = list(csv.reader(io.StringIO(raw.decode(), newline="")))
    assert rows[1][4] == 'Heels, toes "and" more'


def test_an_empty_stretch_of_log_is_not_an_empty_history(tiptoe):
    assert at(tiptoe, "09:00", "log").stdout == "No history yet.\n"
    at(tiptoe, "10:15", "done")
    assert at(tiptoe, "10:16", "log", "--since", "2026-11-24").stdout == "Nothing in the history since 2026-11-24.\n"


def test_the_history_stays_usable_while_the_routine_file_is_broken(tiptoe, tmp_path):
    at(tiptoe, "10:15", "done")
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "Mine"\n[[exercise]]\nid = "a"\n')
    for command in (["log"], ["status"], ["pause", "1h"], ["resume"], ["undo"]):
        result = at(tiptoe, "10:20", *command, "--routine", str(broken), check=False)
        assert result.returncode == 0, (command, result.stderr)
        assert "broken.toml:2:1: error: exercise 'a' needs 'title'" in result.stderr, command
    assert "toe-presses" in at(tiptoe, "10:21", "log", "--routine", str(broken)).stdout, "ids stand in for titles"
    assert at(tiptoe, "10:21", "plan", "--routine", str(broken), check=False).returncode == 65, "planning needs it"


def test_log_text(tiptoe):
    some_history(tiptoe)
    text = tiptoe.run("log", env={"NO_COLOR": "1"}).stdout
    lines = text.splitlines()
    assert lines[0] == "Mon 23 Nov 2026"
    assert "done" in lines[1] and "Toe presses" in lines[1] and "10:10" in lines[1]
    assert "until 11:35" in lines[2]
    assert lines[3].endswith("(undone)")
    assert "takes back the skipped at 11:21" in lines[4]
