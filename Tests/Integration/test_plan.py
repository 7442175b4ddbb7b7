"""`tiptoe plan`, `today`, `week`, `routine` and their errors, as a user runs them."""
import os
import re
import pty
import subprocess
import unicodedata
from collections import Counter
from datetime import datetime, time

import pytest

from conftest import ROOT, BIN

BERLIN_WEEK = ("plan", "--from", "2026-11-23", "--days", "7", "--tz", "Europe/Berlin", "--json")


def test_a_week_of_the_built_in_routine_in_berlin(tiptoe):
    plan = tiptoe.json(*BERLIN_WEEK)
    assert plan["timezone"] == "Europe/Berlin"
    slots = plan["slots"]
    counts = Counter(slot["exercise"] for slot in slots)
    assert counts["toe-presses"] == 21
    assert counts["toe-walking"] == 14
    assert counts["ankle-circles"] == 14
    assert 2 <= counts["resisted-flexion"] <= 3
    assert 2 <= counts["toe-pencil-pickups"] <= 3
    starts = [datetime.fromisoformat(slot["start"]) for slot in slots]
    assert starts == sorted(starts)
    assert len({slot["id"] for slot in slots}) == len(slots)
    for slot in slots:
        assert slot["start"].endswith("+01:00")
        assert time(8, 0) <= datetime.fromisoformat(slot["start"]).time() <= time(21, 0)
        exercise, day, ordinal = slot["id"].split("/")
        assert exercise == slot["exercise"] and day == slot["start"][:10] and int(ordinal) >= 1
        assert set(slot) == {"id", "exercise", "title", "start", "minutes", "status"}


def test_ids_and_times_are_stable_between_runs_and_start_dates(tiptoe):
    first = tiptoe.json(*BERLIN_WEEK)["slots"]
    again = tiptoe.json(*BERLIN_WEEK)["slots"]
    later = tiptoe.json("plan", "--from", "2026-11-26", "--days", "4", "--tz", "Europe/Berlin", "--json")["slots"]
    assert first == again
    assert [(s["id"], s["start"]) for s in first if s["start"] >= "2026-11-26"] == [(s["id"], s["start"]) for s in later]


def test_routine_lookup_order(tiptoe, tmp_path):
    def routine(title):
        path = tmp_path / f"{title}.toml"
        path.write_text(f'[[exercise]]\nid = "x"\ntitle = "{title}"\nat = ["09:00"]\n')
        return path

    config = tiptoe.home / "config" / "tiptoe"
    config.mkdir(parents=True)
    (config / "routine.toml").write_text(routine("config").read_text())
    titles = lambda *args, **kw: {s["title"] for s in tiptoe.json("plan", "--json", *args, **kw)["slots"]}
    assert titles() == {"config"}
    assert titles(env={"TIPTOE_ROUTINE": str(routine("env"))}) == {"env"}
    assert titles("--routine", routine("flag"), env={"TIPTOE_ROUTINE": str(routine("env"))}) == {"flag"}
    (config / "routine.toml").unlink()
    assert "Toe presses" in titles()


def test_broken_toml_names_file_line_and_column(tiptoe, tmp_path):
    path = tmp_path / "routine.toml"
    path.write_text('name = "x"\n[[exercise]]\nid = "a"\ntitle = "A"\nevery = "twice a day\n')
    result = tiptoe.run("plan", "--routine", path, check=False)
    assert result.returncode == 65
    assert f"{path}:5:9: error: unterminated string: close it with \" on the same line" in result.stderr
    assert result.stdout == ""


def test_unknown_key_suggests_the_right_one(tiptoe, tmp_path):
    path = tmp_path / "routine.toml"
    path.write_text('[[exercise]]\nid = "a"\ntitle = "A"\nevry = "twice a day"\n')
    result = tiptoe.run("routine", "--check", path, check=False)
    assert result.returncode == 65
    assert result.stderr.strip() == f"tiptoe: {path}:4:1: error: unknown key 'evry' in [[exercise]]; did you mean 'every'?"


@pytest.mark.parametrize("body, words", [
    ('[[exercise]]\nid = "a"\ntitle = "A"\nevery = "daily"\n[[exercise]]\nid = "a"\ntitle = "B"\nevery = "daily"\n',
     ":6:6: error: exercise id 'a' is already used on line 2"),
    ('[day]\nstart = "21:00"\nend = "21:00"\n', ":3:7: error: the day starts and ends at 21:00"),
    ('[day]\ntimezone = "Mars/Olympus"\n', ":2:12: error: unknown time zone 'Mars/Olympus'"),
    ('[[exercise]]\nid = "a"\ntitle = "A"\nat = ["9:30"]\n', ":4:7: error: '9:30' is not a valid 'at' time"),
    ('[[exercise]]\nid = "a"\ntitle = "A"\nevery = "now and then"\n', ':4:9: error: unknown frequency "now and then"; did you mean'),
    ('name = "Nothing yet"\n', ":1:1: error: the routine has no exercises"),
    ('[[exercise]]\nid = "a"\ntitle = "A"\nevery = "every other day"\ndays = ["mon"]\n',
     ":5:8: error: 'days' does not go with \"every other day\""),
])
def test_bad_routines_are_clear_errors(tiptoe, tmp_path, body, words):
    path = tmp_path / "r.toml"
    path.write_text(body)
    result = tiptoe.run("plan", "--routine", path, check=False)
    assert result.returncode == 65, result.stderr
    assert words in result.stderr
    assert "Fatal error" not in result.stderr


@pytest.mark.parametrize("args, words", [
    (("plan", "--from", "2026-13-45"), "--from"),
    (("plan", "--days", "0"), "--days"),
    (("plan", "--tz", "Nowhere/City"), "--tz"),
    (("routine", "--check", "/nonexistent.toml"), "--check"),
    (("plan", "--days", "-1"), "--days must be from 1 to 3660"),
    (("plan", "--from", "2026-02-30"), "'2026-02-30' is invalid for '--from <date>': not a date"),
    (("export", "--expand", "--from", "9999-12-30", "--days", "3"), "use a year from 1900 to 9000"),
    (("pause", "-1h"), "'-1h' is not a duration"),
    (("pause", "0m"), "pause: '0m' is not a duration from 1s to 366 days"),
    (("pause", "99999999h"), "pause: '99999999h' is not a duration from 1s to 366 days"),
    (("pause", "1h", "2h"), "pause takes one duration"),
])
def test_bad_arguments_are_usage_errors(tiptoe, args, words):
    result = tiptoe.run(*args, check=False)
    assert result.returncode == 64, result.stderr
    assert words in result.stderr
    assert "e.g." in result.stderr or "example" in result.stderr


def test_check_accepts_the_shipped_routines(tiptoe):
    root = BIN.parents[2] if BIN.parent.name == "debug" else BIN.parents[1]
    for path in [*(root / "Config").glob("*.toml"), *(root / "Config" / "examples").glob("*.toml")]:
        result = tiptoe.run("routine", "--check", path)
        assert ": ok: " in result.stdout


def test_today_week_and_bare_tiptoe(tiptoe):
    env = {"TIPTOE_NOW": "2026-11-23T12:00:00+01:00"}
    today = tiptoe.json("today", "--json", "--tz", "Europe/Berlin", env=env)["slots"]
    assert {s["start"][:10] for s in today} == {"2026-11-23"} and len(today) == 9
    statuses = {s["start"][11:16]: s["status"] for s in today}
    assert statuses["10:10"] != "pending" and statuses["14:30"] == "pending"
    week = tiptoe.json("week", "--json", "--tz", "Europe/Berlin", env=env)["slots"]
    assert len({s["start"][:10] for s in week}) == 7
    bare = tiptoe.run("--tz", "Europe/Berlin", env=env).stdout
    assert "Foot routine for back pain" in bare and "Mon 23 Nov 2026" in bare
    assert "Next: at 12:15 (in 15 min), a second reminder of Toe presses 1 of 3 (10:10)," in bare


def test_bare_tiptoe_is_the_overview_with_its_errors_too(tiptoe, tmp_path):
    """Bare `tiptoe` skips the argument parser (it has nothing to parse); it must behave exactly as
    `tiptoe overview`, with a history, a routine from the environment, and a broken routine."""
    env = {"TIPTOE_NOW": "2026-11-23T12:00:00+01:00", "TZ": "Europe/Berlin"}
    tiptoe.run("done", "toe-presses", env=env)
    for extra in ({}, {"TIPTOE_ROUTINE": str(ROOT / "Config" / "examples" / "seed-004-stretches.toml")}):
        bare, overview = tiptoe.run(env={**env, **extra}), tiptoe.run("overview", env={**env, **extra})
        assert bare.stdout == overview.stdout and bare.stderr == overview.stderr == ""
        assert "Next:" in bare.stdout
    assert "done" in tiptoe.run(env=env).stdout
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x\n')
    bare = tiptoe.run(check=False, env={**env, "TIPTOE_ROUTINE": str(broken)})
    overview = tiptoe.run("overview", check=False, env={**env, "TIPTOE_ROUTINE": str(broken)})
    assert (bare.returncode, bare.stderr) == (overview.returncode, overview.stderr)
    assert bare.returncode == 65 and f"{broken}:1:" in bare.stderr


def run_in_terminal(args, env):
    """Runs tiptoe with a pseudo-terminal as stdout; returns what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([str(BIN), *args], stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(leader)
    return output.decode()


def test_colour_only_on_a_terminal_and_never_with_no_color(tiptoe):
    env = dict(tiptoe.env, TERM="xterm")
    assert "\x1b[" in run_in_terminal(["plan"], env)
    assert "\x1b[" not in run_in_terminal(["plan"], dict(env, NO_COLOR="1"))
    assert "\x1b[" not in tiptoe.run("plan").stdout


def display_width(text: str) -> int:
    """Terminal columns, as a terminal draws them: wide East Asian characters and emoji take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_columns_line_up_with_wide_and_long_titles(tiptoe, tmp_path):
    titles = ["足の体操", "A very long exercise title that goes on and on and on", "Café crème 🦶", "Toe presses"]
    routine = tmp_path / "wide.toml"
    routine.write_text('name = "Wide"\n' + "".join(
        f'[[exercise]]\nid = "e{n}"\ntitle = "{title}"\nevery = "twice a day"\n' for n, title in enumerate(titles)))
    lines = [line for line in tiptoe.run("plan", "--routine", routine).stdout.splitlines() if " of 2" in line]
    assert len(lines) == 8
    # "1 of 2" starts in the same column on every line, whatever the title's script or length.
    assert len({display_width(line[:line.index(" of 2") - 1]) for line in lines}) == 1, "\n".join(lines)
    assert any("A very long exercise title that" in line and "…" in line for line in lines)
    assert any("足の体操" in line for line in lines) and any("Café crème 🦶" in line for line in lines)


def test_the_zone_is_named_as_given(tiptoe):
    # Foundation calls UTC "GMT"; the user wrote UTC (TZ=UTC here, or --tz).
    assert tiptoe.json("plan", "--json")["timezone"] == "UTC"
    assert tiptoe.json("plan", "--json", "--tz", "Etc/UTC")["timezone"] == "Etc/UTC"
    assert " · UTC (+00:00)" in tiptoe.run().stdout.splitlines()[0]
    assert tiptoe.json("log", "--json", "--tz", "UTC")["timezone"] == "UTC"


def test_times_with_seconds_keep_them_in_the_plan(tiptoe, tmp_path):
    routine = tmp_path / "seconds.toml"
    routine.write_text('name = "S"\n[[exercise]]\nid = "a"\ntitle = "A"\nat = ["02:30", "02:30:30"]\n')
    lines = tiptoe.run("plan", "--routine", routine).stdout.splitlines()[1:]
    assert [re.search(r"\d\d:\d\d(:\d\d)?", line)[0] for line in lines] == ["02:30", "02:30:30"]
    assert len({line.index("A ") for line in lines}) == 1, "the titles stay aligned"


def test_a_mistyped_command_is_named_with_the_closest_one(tiptoe):
    result = tiptoe.run("dnoe", check=False)
    assert result.returncode == 64
    assert result.stderr.startswith("tiptoe: error: unknown command 'dnoe'; did you mean 'done'? (commands: overview,")
    assert tiptoe.state_dir.exists() is False


def test_every_error_opens_the_same_way(tiptoe):
    # ArgumentParser's own errors, the routine's, the history's: one form, then any usage lines.
    for args in [("plan", "--days", "0"), ("plan", "--bogus"), ("done", "toe-presss"), ("routine", "--check", "/nope")]:
        result = tiptoe.run(*args, check=False)
        assert result.returncode == 64, args
        assert result.stderr.startswith("tiptoe: error: "), result.stderr
