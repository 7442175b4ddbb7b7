"""Hostile input and hostile files, through the real binary: nothing crashes, nothing in the history
changes on an error, nothing tiptoe writes leaks into what reads it.

Times: TZ=UTC and the built-in routine (toe presses at 10:10, 14:30 and 18:50 UTC) on a Monday.
"""
import csv
import hashlib
import io
import os
import re
import socket
import sqlite3
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import BIN

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


# --- files and the state directory ----------------------------------------------------------

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes and chown need root")


def read_all(fd: int, into: list) -> None:
    while chunk := os.read(fd, 65536):
        into.append(chunk)


def test_export_to_a_fifo_writes_into_it_and_leaves_it_a_fifo(tiptoe, tmp_path):
    fifo = tmp_path / "calendar.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader():
        fd = os.open(fifo, os.O_RDONLY)
        read_all(fd, received)
        os.close(fd)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = tiptoe.run("export", "-o", fifo, env=NOW, timeout=30)
    thread.join(timeout=30)
    text = b"".join(received).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert result.stdout == "", "nothing else goes into the stream"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no temporary file left"


def test_export_to_dev_stdout_and_to_dash_is_standard_output(tiptoe, tmp_path):
    # /dev/stdout is a link to /proc/self/fd/1; the test makes its own, so that a tiptoe that replaced
    # what -o names would replace the test's link, not the machine's /dev/stdout.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    for target in (stdout, "-"):
        result = subprocess.run([str(BIN), "export", "-o", target], env={**tiptoe.env, **NOW}, capture_output=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(b"BEGIN:VCALENDAR\r\n") and result.stdout.endswith(b"END:VCALENDAR\r\n")
    assert stdout.is_symlink()


def test_export_to_a_terminal_writes_into_it(tiptoe):
    leader, follower = os.openpty()
    received: list[bytes] = []
    thread = threading.Thread(target=lambda: read_pty(leader, received), daemon=True)
    thread.start()
    terminal = os.ttyname(follower)
    result = tiptoe.run("export", "-o", terminal, env=NOW)
    assert stat.S_ISCHR(os.stat(terminal).st_mode)
    os.close(follower)
    thread.join(timeout=30)
    os.close(leader)
    text = b"".join(received).decode().replace("\r\r\n", "\r\n")
    assert "BEGIN:VCALENDAR" in text and "END:VCALENDAR" in text
    assert result.stdout == ""


def read_pty(fd: int, into: list) -> None:
    try:
        read_all(fd, into)
    except OSError:  # EIO once the last follower closes
        pass


@needs_root
def test_export_to_a_character_device_writes_in_place_and_a_full_one_is_an_io_error(tiptoe, tmp_path):
    null = tmp_path / "null"
    full = tmp_path / "full"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    tiptoe.run("export", "-o", null, env=NOW)
    result = tiptoe.run("export", "-o", full, check=False, env=NOW)
    assert result.returncode == 74
    assert f"cannot write {full}: No space left on device" in result.stderr
    for device in (null, full):
        assert stat.S_ISCHR(device.lstat().st_mode), f"{device} is still the device node"


def test_export_to_a_directory_or_socket_is_refused(tiptoe, tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    for target in (tmp_path, tmp_path / "sock"):
        result = tiptoe.run("export", "-o", target, check=False, env=NOW)
        assert result.returncode == 74, result.stderr
        assert f"cannot write {target}: not a regular file, a FIFO or a terminal" in result.stderr
    assert stat.S_ISSOCK((tmp_path / "sock").lstat().st_mode)
    sock.close()


def test_a_dangling_history_symlink_is_refused_and_nothing_is_made_where_it_points(tiptoe, tmp_path):
    tiptoe.state_dir.mkdir(parents=True, mode=0o700)
    target = tmp_path / "elsewhere.sqlite"
    db(tiptoe).symlink_to(target)
    for args in (["done", "toe-presses"], ["log"]):
        result = tiptoe.run(*args, check=False, env=NOW)
        assert result.returncode == 74, result.stderr
        assert f"refusing to use {db(tiptoe)}: it is a symbolic link" in result.stderr
    assert not target.exists()
    # A link to a real history is refused too: the file itself belongs here.
    real = tmp_path / "real"
    tiptoe.run("done", "toe-presses", env=dict(NOW, XDG_STATE_HOME=str(real)))
    db(tiptoe).unlink()
    db(tiptoe).symlink_to(real / "tiptoe" / "tiptoe.sqlite")
    assert tiptoe.run("log", check=False, env=NOW).returncode == 74


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o1777])
def test_a_state_directory_others_can_write_to_is_refused(tiptoe, mode):
    tiptoe.run("done", "toe-presses", env=NOW)
    before = digest(db(tiptoe))
    tiptoe.state_dir.chmod(mode)
    for args in (["done"], ["log"], ["status"], []):
        result = tiptoe.run(*args, check=False, env=NOW)
        assert result.returncode == 74, (args, result.stderr)
        assert f"refusing to use {tiptoe.state_dir}: others can write to the directory (mode {mode & 0o777:o})" \
            in result.stderr
        assert f"chmod 700 '{tiptoe.state_dir}'" in result.stderr
    assert digest(db(tiptoe)) == before


@needs_root
def test_a_state_directory_owned_by_someone_else_is_refused(tiptoe):
    tiptoe.run("done", "toe-presses", env=NOW)
    os.chown(tiptoe.state_dir, 65534, 65534)
    result = tiptoe.run("done", check=False, env=NOW)
    assert result.returncode == 74
    assert f"refusing to use {tiptoe.state_dir}: the directory belongs to user 65534, not to you (user 0)" \
        in result.stderr
    fresh = tiptoe.home / "state2" / "tiptoe"
    fresh.mkdir(parents=True, mode=0o700)
    os.chown(fresh, 65534, 65534)
    result = tiptoe.run("done", check=False, env=dict(NOW, XDG_STATE_HOME=str(fresh.parent)))
    assert result.returncode == 74 and not (fresh / "tiptoe.sqlite").exists()


def test_the_history_and_its_journal_are_private_whatever_the_umask(tiptoe):
    result = subprocess.run(["sh", "-c", 'umask 000; exec "$0" "$@"', str(BIN), "done", "toe-presses"],
                            env={**tiptoe.env, **NOW}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(tiptoe.state_dir.stat().st_mode) == 0o700
    for name in ("tiptoe.sqlite", "tiptoe.sqlite-wal", "tiptoe.sqlite-shm"):
        assert stat.S_IMODE((tiptoe.state_dir / name).stat().st_mode) == 0o600, name


# --- text that reaches other programs ---------------------------------------------------------

HOSTILE_TITLE = r"Toe\u001B]0;owned\u0007 presses\u001B[2J\u0000 \u202Egnp.exe\u009B"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def write_hostile_routine(tiptoe) -> None:
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'name = "Forged\\ntiptoe: missed: everything\\u001B[31m"\n'
        '[day]\nstart = "08:00"\nend = "21:00"\n'
        f'[[exercise]]\nid = "toe-presses"\ntitle = "{HOSTILE_TITLE}"\nat = ["10:10", "14:30"]\n'
        'steps = ["Stand\\u001B[8m hidden", "Grip\\r\\nforged line"]\nnote = "Two\\nlines\\u0007"\n'
    )


@pytest.mark.parametrize("args", [[], ["today"], ["plan"], ["week"], ["routine"], ["log"], ["status"],
                                  ["stats"], ["done", "toe-presses"], ["undo"], ["skip", "toe"]])
def test_control_characters_in_a_routine_never_reach_the_terminal(tiptoe, args):
    write_hostile_routine(tiptoe)
    tiptoe.run("done", "toe-presses", "--at", "10:12", env=NOW)
    result = tiptoe.run(*args, check=False, env={"TIPTOE_NOW": f"{DAY}T14:32:00Z"})
    assert result.returncode in (0, 1), (args, result.stderr)
    for stream in (result.stdout, result.stderr):
        assert not UNSAFE.search(stream), (args, repr(stream))
    assert "Forged\ntiptoe" not in result.stdout + result.stderr, "a name cannot forge a line"
    if args in ([], ["plan"], ["routine"]):
        assert "Toe\ufffd]0;owned\ufffd presses" in result.stdout


def test_control_characters_in_arguments_and_paths_never_reach_the_terminal(tiptoe, tmp_path):
    for args in (["done", "\x1b]0;owned\x07"], ["plan", "--routine", str(tmp_path / "r\x1b[2J.toml")],
                 ["snooze", "\x1b[31m5m"]):
        result = tiptoe.run(*args, check=False, env=NOW)
        assert result.returncode == 64, result.stderr
        assert not UNSAFE.search(result.stderr), repr(result.stderr)


def test_csv_neutralises_formulas_and_doubles_every_quote(tiptoe):
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    titles = {"formula": '=HYPERLINK("http://x.example","open")', "plus": "+1 toe", "minus": "-2 toes",
              "at": "@SUM(A1)", "quote": 'Say "\u0301hi" twice'}
    text = ""
    for ident, title in titles.items():
        escaped = title.replace("\\", "\\\\").replace('"', '\\"')
        text += f'[[exercise]]\nid = "{ident}"\ntitle = "{escaped}"\nat = ["10:10"]\n'
    path.write_text(text)
    for ident in titles:
        tiptoe.run("done", ident, "--at", "10:12", env=NOW)
    for args in (["log", "--csv"], ["stats", "--csv"]):
        rows = list(csv.DictReader(io.StringIO(tiptoe.run(*args, env=NOW).stdout, newline="")))
        seen = {row["exercise"]: row["title"] for row in rows if row["title"]}
        assert seen["formula"] == "'" + titles["formula"], args
        assert seen["plus"] == "'+1 toe" and seen["minus"] == "'-2 toes" and seen["at"] == "'@SUM(A1)"
        assert seen["quote"] == titles["quote"], "a quote before a combining mark is doubled"
    raw = tiptoe.run("log", "--csv", env=NOW).stdout
    assert '"\'=HYPERLINK(""http://x.example"",""open"")"' in raw
    assert '"Say ""\u0301hi"" twice"' in raw


def test_install_refuses_a_routine_path_with_a_control_character(tiptoe):
    for path in ("/tmp/r\nExecStartPre=/bin/sh -c 'touch /tmp/owned'\n.toml", "/tmp/r\x1b[2J.toml"):
        result = tiptoe.run("agent", "--install", "--routine", path, check=False)
        assert result.returncode == 64, result.stderr
        assert "holds a control character" in result.stderr
        assert not UNSAFE.search(result.stderr)
    assert not (tiptoe.home / "config" / "systemd").exists()
    assert not (tiptoe.home / "config" / "autostart").exists()
