"""Hostile input and hostile files, through the real binary: nothing crashes, nothing in the history
changes on an error, nothing tiptoe writes leaks into what reads it.

Times: TZ=UTC and the built-in routine (toe presses at 10:10, 14:30 and 18:50 UTC) on a Monday.
"""
import hashlib
import sqlite3
from pathlib import Path

import pytest

DAY = "2026-11-23"  # a Monday
NOW = {"TIPTOE_NOW": f"{DAY}T11:20:00Z"}


def db(tiptoe) -> Path:
    return tiptoe.state_dir / "tiptoe.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


# --- the history: damaged files, read-only commands, years ----------------------------------

# Every command that only reads the history (guide, init and the writers excepted).
READERS = [
    [], ["today"], ["week"], ["plan"], ["plan", "--json"], ["log"], ["log", "--json"], ["log", "--csv"],
    ["status"], ["stats"], ["stats", "--json"], ["stats", "--csv"], ["export"], ["routine"],
]


@pytest.mark.parametrize("args", READERS)
def test_a_zero_length_history_is_damaged_and_stays_zero_length(tiptoe, args):
    tiptoe.state_dir.mkdir(parents=True, mode=0o700)
    db(tiptoe).touch(mode=0o600)
    result = tiptoe.run(*args, check=False, env=NOW)
    if args in (["routine"], ["export"]):  # the routine alone: they never open the history
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 74, (args, result.stdout, result.stderr)
        assert f"the history {db(tiptoe)} is damaged or not a tiptoe database" in result.stderr
        assert "it is empty" in result.stderr and "nothing was changed" in result.stderr
    assert db(tiptoe).stat().st_size == 0
    assert sorted(p.name for p in tiptoe.state_dir.iterdir()) == ["tiptoe.sqlite"]


def test_a_zero_length_history_is_not_written_by_done_either(tiptoe):
    tiptoe.state_dir.mkdir(parents=True, mode=0o700)
    db(tiptoe).touch(mode=0o600)
    result = tiptoe.run("done", "toe-presses", check=False, env=NOW)
    assert result.returncode == 74 and "it is empty" in result.stderr
    assert db(tiptoe).stat().st_size == 0


@pytest.mark.parametrize("args", READERS)
def test_no_read_only_command_writes_to_the_history(tiptoe, args):
    tiptoe.run("done", "toe-presses", "--at", "10:12", env=NOW)
    tiptoe.run("snooze", env={"TIPTOE_NOW": f"{DAY}T11:16:00Z"})
    before_bytes, before_rows = digest(db(tiptoe)), dump(db(tiptoe))
    wal = tiptoe.state_dir / "tiptoe.sqlite-wal"
    assert wal.stat().st_size == 0, "everything is in the database file itself"
    tiptoe.run(*args, env=NOW)
    assert digest(db(tiptoe)) == before_bytes, args
    assert dump(db(tiptoe)) == before_rows
    assert wal.stat().st_size == 0, args


@pytest.mark.parametrize("args,env,what", [
    (["done", "--at", "0000-01-01T00:20:00Z"], NOW, "--at: 0000-01-01T00:20:00Z is outside the years 1900 to 9000"),
    (["done", "--at", "9999-12-31T23:00:00Z"], NOW, "outside the years 1900 to 9000"),
    (["done", "--at", "1899-12-31T23:59:59Z"], NOW, "outside the years 1900 to 9000"),
    (["log", "--since", "0001-01-01"], NOW, "--since: 0001-01-01 is outside the years 1900 to 9000"),
    (["plan", "--from", "9001-01-01"], NOW, "use a year from 1900 to 9000"),
    (["export", "--from", "0000-01-01"], NOW, "1900"),
    (["done"], {"TIPTOE_NOW": "0000-01-01T10:15:00Z"}, "TIPTOE_NOW: '0000-01-01T10:15:00Z' is not an ISO 8601"),
])
def test_a_date_outside_the_supported_years_is_a_usage_error_that_writes_nothing(tiptoe, args, env, what):
    tiptoe.run("done", "toe-presses", "--at", "10:12", env=NOW)
    before = digest(db(tiptoe))
    result = tiptoe.run(*args, check=False, env=env)
    assert result.returncode == 64, (result.stdout, result.stderr)
    assert what in result.stderr
    assert digest(db(tiptoe)) == before
    assert tiptoe.run("log", "--json", env=NOW).returncode == 0, "the history still reads back"


# --- the routine file: nesting, key depth, size ---------------------------------------------

DEEP = {
    "lists": ("a = " + "[" * 200_000 + "]" * 200_000 + "\n", "1:68"),
    "inline tables": ("a = " + "{b = " * 12_000 + "1" + "}" * 12_000 + "\n", "1:"),
    "dotted key": (".".join(["a"] * 12_000) + " = 1\n", "1:129"),
    "table header": ("[" + ".".join(["t"] * 12_000) + "]\n", "1:130"),
    "array-of-tables header": ('name = "x"\n[[' + ".".join(["t"] * 12_000) + "]]\n", "2:131"),
}


@pytest.mark.parametrize("kind", DEEP)
def test_a_deeply_nested_routine_is_refused_with_its_line_and_column(tiptoe, tmp_path, kind):
    text, place = DEEP[kind]
    path = tmp_path / "deep.toml"
    path.write_text(text)
    result = tiptoe.run("routine", "--check", path, check=False)
    assert result.returncode == 65, (kind, result.returncode, result.stderr[-300:])
    assert f"{path}:{place}" in result.stderr and "nested too deeply" in result.stderr
    # The same file in the usual place: every command reports it the same way.
    config = tiptoe.home / "config" / "tiptoe"
    config.mkdir(parents=True, exist_ok=True)
    (config / "routine.toml").write_text(text)
    for args in ([], ["plan"], ["done"]):
        result = tiptoe.run(*args, check=False, env=NOW)
        assert result.returncode == 65, (args, result.returncode)
        assert "nested too deeply" in result.stderr
    assert not tiptoe.state_dir.exists()


def long_routine(steps: int) -> str:
    listed = ", ".join(['"st"'] * steps)
    return f'name = "Long"\n[[exercise]]\nid = "x"\ntitle = "X"\nevery = "daily"\nsteps = [{listed}]\n'


def test_a_routine_of_200000_steps_checks(tiptoe, tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(long_routine(200_000))
    assert 1_150_000 < path.stat().st_size < 1_250_000
    result = tiptoe.run("routine", "--check", path, timeout=30)
    assert result.stdout == f"{path}: ok: 1 exercise, 7 slots a week\n"


def test_a_routine_past_the_size_limit_is_refused_unread(tiptoe, tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text(long_routine(4 * 1024 * 1024 // 6 + 10))
    size = path.stat().st_size
    result = tiptoe.run("routine", "--check", path, check=False)
    assert result.returncode == 65, result.stderr
    assert result.stderr == (f"tiptoe: {path}: error: a routine file may be at most 4 MiB (4194304 bytes); "
                             f"this one has {size} bytes\n")
    endless = tiptoe.run("plan", "--routine", "/dev/zero", check=False, timeout=30)
    assert endless.returncode == 65
    assert "/dev/zero: error: a routine file may be at most 4 MiB (4194304 bytes); this one has more than" \
        in endless.stderr
