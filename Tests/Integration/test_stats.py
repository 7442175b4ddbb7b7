"""`tiptoe stats` through the real binary: a history written with done, skip and done --at under
TIPTOE_NOW, read back as JSON, CSV, text in a pipe, text on a terminal (tmux), and an SVG picture.

The built-in routine with TZ=UTC: toe presses at 10:10, 14:30 and 18:50; toe walking and ankle
circles at 11:15 and 17:45; the weekly exercises (2–3× a week, Mon, Wed, Fri) at 14:30.
"""
import csv
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta

import pytest

from conftest import BIN

TODAY = date(2026, 11, 29)  # a Sunday
NOW = {"TIPTOE_NOW": "2026-11-29T20:00:00Z"}
DAYS = [TODAY - timedelta(days=ago) for ago in range(19, -1, -1)]
SKIPPED = {TODAY - timedelta(days=ago) for ago in (5, 10, 11)}


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """20 days ending today: toe presses all done; toe walking done but skipped 5, 10 and 11 days
    ago; ankle circles never; resisted flexion done Monday and Wednesday of this week."""
    from conftest import Tiptoe
    tiptoe = Tiptoe(tmp_path_factory.mktemp("stats"))
    for day in DAYS:
        evening = {"TIPTOE_NOW": f"{day}T20:00:00Z"}
        for time in ("10:10", "14:30", "18:50"):
            tiptoe.run("done", "toe-presses", "--at", f"{day}T{time}:00Z", env=evening)
        for time in ("11:20", "17:50"):
            at = {"TIPTOE_NOW": f"{day}T{time}:00Z"}
            tiptoe.run("skip" if day in SKIPPED else "done", "toe-walking", env=at)
    for day in ("2026-11-23", "2026-11-25"):
        tiptoe.run("done", "resisted-flexion", env={"TIPTOE_NOW": f"{day}T14:35:00Z"})
    return tiptoe


def by_id(stats):
    return {exercise["id"]: exercise for exercise in stats["exercises"]}


def test_json_has_loops_score_streaks_the_week_and_each_day(history):
    stats = history.json("stats", "--json", env=NOW)
    assert (stats["timezone"], stats["from"], stats["to"]) == ("UTC", "2026-09-07", "2026-11-29")
    exercises = by_id(stats)
    assert list(exercises) == ["toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"]
    presses = exercises["toe-presses"]
    assert presses["strength"] == 0.6557  # Loop: 20 days in a row ending today → 0.655747
    assert presses["streak"] == {"current": 20, "best": 20}
    assert presses["week"] == {"done": 21, "goal": 21, "planned": 21}
    assert presses["adherence"] == 1.0
    assert len(presses["days"]) == 84
    assert presses["days"][-1] == {"date": "2026-11-29", "planned": 3, "done": 3, "skipped": 0, "status": "done"}
    assert [d["status"] for d in presses["days"][:64]] == ["untracked"] * 64
    walking = exercises["toe-walking"]
    assert walking["strength"] == 0.5960  # Loop: skips 5, 10 and 11 days ago → 0.596033
    assert walking["streak"] == {"current": 20, "best": 20}
    assert walking["adherence"] == 1.0  # skips left out of both sides
    skipped = [d for d in walking["days"] if d["status"] == "skipped"]
    assert [d["date"] for d in skipped] == sorted(str(d) for d in SKIPPED)
    assert all(d["skipped"] == 2 and d["done"] == 0 for d in skipped)
    circles = exercises["ankle-circles"]
    assert circles["strength"] == 0.0 and circles["streak"] == {"current": 0, "best": 0}
    # Today's second slot (17:45) is still due at 20:00: open, not missed.
    assert circles["days"][-1]["status"] == "open" and circles["adherence"] == 0.0
    flexion = exercises["resisted-flexion"]
    assert flexion["week"] == {"done": 2, "goal": 2, "planned": 3}
    friday = next(d for d in flexion["days"] if d["date"] == "2026-11-27")
    assert friday["status"] == "goal-met"
    # Friday 20 was missed, and the days off after it (Sat, Sun) start no streak: it starts with
    # Monday's done, then not planned, done, not planned, goal met, not planned, not planned (today).
    assert flexion["streak"]["current"] == 7
    for exercise in exercises.values():
        assert set(exercise) == {"id", "title", "strength", "streak", "week", "adherence", "days"}


def test_one_exercise_and_fewer_weeks(history):
    stats = history.json("stats", "toe-w", "--weeks", "2", "--json", env=NOW)
    assert [e["id"] for e in stats["exercises"]] == ["toe-walking"]
    assert stats["from"] == "2026-11-16" and len(stats["exercises"][0]["days"]) == 14


def test_csv_has_a_row_per_exercise_and_day(history):
    raw = subprocess.run([BIN, "stats", "--csv"], capture_output=True, env=dict(history.env, **NOW), check=True)
    text = raw.stdout.decode()
    assert text.startswith("exercise,title,date,planned,done,skipped,status,strength\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 5 * 84
    last = [r for r in rows if r["exercise"] == "toe-presses"][-1]
    assert last == {"exercise": "toe-presses", "title": "Toe presses", "date": "2026-11-29", "planned": "3",
                    "done": "3", "skipped": "0", "status": "done", "strength": "0.6557"}


def test_text_in_a_pipe_reads_without_colour_in_80_columns(history):
    text = history.run("stats", env=NOW).stdout
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert max(map(len, lines)) <= 80
    block = lines[lines.index("Toe presses  3× a day"):][:9]
    assert block[1].split() == ["Sep", "Oct", "Nov"]
    assert block[2].startswith("Mon ") and "strength   66 %" in block[2]
    assert "streak     20 days" in block[3] and "this week  21 of 21" in block[4] and "adherence  100 %" in block[5]
    assert block[8].startswith("Sun") and block[8].split()[1:4] == ["●", "●", "●"]
    walking = lines[lines.index("Toe walking  2× a day"):][:9]
    assert "–" in "".join(walking)  # the skipped days
    flexion = lines[lines.index("Resisted flexion  2–3× a week"):][:9]
    assert "this week  2 of 2–3, goal met" in "".join(flexion)
    assert flexion[6].startswith("Fri") and flexion[6].split()[3] == "="  # goal met, not missed
    assert lines[-1].startswith("● done  ◐ partly  – skipped  ✗ missed  = goal met")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is in the Makefile's TEST_PACKAGES")
def test_text_on_an_80_column_terminal_is_coloured_and_unwrapped(history, tmp_path):
    socket = str(tmp_path / "tmux")
    env = dict(history.env, **NOW, TERM="xterm-256color")
    # The pane stays open until the test has read the screen.
    command = f"{BIN} stats; tmux -S {socket} wait-for -S finished; tmux -S {socket} wait-for read"
    tmux = ["tmux", "-S", socket]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "80", command], env=env, check=True)
    try:
        subprocess.run([*tmux, "wait-for", "finished"], env=env, check=True, timeout=30)
        coloured = subprocess.run([*tmux, "capture-pane", "-p", "-e", "-S", "0", "-E", "79"], env=env,
                                  capture_output=True, text=True, check=True).stdout
        plain = subprocess.run([*tmux, "capture-pane", "-p", "-S", "0", "-E", "79"], env=env,
                               capture_output=True, text=True, check=True).stdout
    finally:
        subprocess.run([*tmux, "wait-for", "-S", "read"], env=env)
        subprocess.run([*tmux, "kill-server"], env=env, stderr=subprocess.DEVNULL)
    assert "\x1b[" in coloured
    piped = history.run("stats", env=NOW).stdout
    # Nothing wrapped: the screen holds the same lines as the pipe.
    assert [line.rstrip() for line in plain.splitlines() if line.strip()] == [
        line.rstrip() for line in piped.splitlines() if line.strip()]


def test_svg_is_a_picture_of_the_heatmap(history, tmp_path):
    picture = tmp_path / "progress.svg"
    result = history.run("stats", "--svg", picture, env=NOW)
    assert result.stdout == f"Heatmap written to {picture}\n"
    root = ElementTree.parse(picture).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Toe presses" in texts and "Resisted flexion" in texts
    assert len(root.findall(".//svg:rect[@fill='#2e9e4f']", ns)) >= 20 * 2
    png = tmp_path / "progress.png"
    subprocess.run(["rsvg-convert", "-o", png, picture], check=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_input_is_a_usage_error_naming_the_argument(history):
    weeks = history.run("stats", "--weeks", "0", check=False, env=NOW)
    assert weeks.returncode == 64
    assert "--weeks" in weeks.stderr and "example: tiptoe stats --weeks 12" in weeks.stderr
    unknown = history.run("stats", "toe-presess", check=False, env=NOW)
    assert unknown.returncode == 64 and "did you mean 'toe-presses'" in unknown.stderr
    both = history.run("stats", "--json", "--csv", check=False, env=NOW)
    assert both.returncode == 64


def test_no_history_yet_shows_zeros_and_creates_nothing(tiptoe):
    stats = tiptoe.json("stats", "--json", env=NOW)
    assert all(e["strength"] == 0.0 for e in stats["exercises"])
    assert not (tiptoe.state_dir / "tiptoe.sqlite").exists()


def test_the_overview_shows_each_streak_and_this_weeks_count(history):
    text = history.run(env=NOW).stdout
    progress = text[text.index("Progress\n"):].splitlines()[1:6]
    assert progress[0].split() == ["Toe", "presses", "20-day", "streak", "·", "21", "of", "21", "this", "week"]
    assert "20-day streak" in progress[1]
    assert progress[2].endswith("no streak · 0 of 14 this week")
    assert progress[3].endswith("7-day streak · 2 of 2–3 this week, goal met")
    # The goal met, Friday's flexion shows as such in the plan.
    friday = history.run("plan", "--from", "2026-11-27", env=NOW).stdout
    assert re.search(r"14:30  Resisted flexion\s+goal met", friday)
