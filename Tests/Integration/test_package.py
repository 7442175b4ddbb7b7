"""`make install`, `make uninstall` and `make deb` as a user runs them, on the release build.

The first `make` here builds in release (several minutes on a fresh clone) and the manual pages;
the others find both built and take seconds. TIPTOE_SKIP_PACKAGE_TESTS=1 skips this file, for a
quick run of the rest.
"""
import os
import re
import shutil
import subprocess
import time

import pytest

from conftest import ROOT, Tiptoe
from desktop import AgentProcess
from shell import bash_complete, fish_complete, fish_tab

pytestmark = pytest.mark.skipif(os.environ.get("TIPTOE_SKIP_PACKAGE_TESTS") == "1",
                                reason="TIPTOE_SKIP_PACKAGE_TESTS=1")

VERSION = re.search(r'version: "(.*)"', (ROOT / "Sources/TiptoeCommands/Tiptoe.swift").read_text())[1]
COMMANDS = ["overview", "plan", "today", "week", "routine", "done", "snooze", "skip", "undo", "log", "export", "sync",
            "agent", "status", "pause", "resume", "guide", "init", "stats", "help"]
EXAMPLES = ["foot-routine.toml", "seed-004-stretches.toml", "desk-break.toml", "medication.toml"]
FOOT_IDS = ["toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"]


def make(*args):
    started = time.monotonic()
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=3600)
    assert result.returncode == 0, f"make {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    print(f"make {' '.join(args)}: {time.monotonic() - started:.0f} s")
    return result


def expected_files(zsh="share/zsh/site-functions", man_suffix=""):
    pages = [f"share/man/man1/tiptoe{'' if c is None else '.' + c}.1{man_suffix}" for c in [None, *COMMANDS]]
    return {
        "bin/tiptoe", "libexec/tiptoe/tiptoe-agent",
        "share/bash-completion/completions/tiptoe", f"{zsh}/_tiptoe", "share/fish/vendor_completions.d/tiptoe.fish",
        "lib/systemd/user/tiptoe.service", "share/applications/tiptoe.desktop",
        f"share/man/man5/tiptoe-routine.5{man_suffix}", *pages,
        *(f"share/doc/tiptoe/examples/{name}" for name in EXAMPLES),
    }


def files_under(root):
    return {str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir()}


def is_stripped(binary):
    sections = subprocess.run(["readelf", "-S", "-W", str(binary)], capture_output=True, text=True).stdout
    return ".symtab" not in sections


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    out = make("install", f"PREFIX={prefix}").stdout
    assert f"installed tiptoe under {prefix}:" in out
    return prefix


class InstalledTiptoe(Tiptoe):
    """Runs the installed `tiptoe`, with the installed tiptoe first on PATH (for the completions)."""

    def __init__(self, home, binary):
        super().__init__(home)
        self.binary = binary
        self.env["PATH"] = f"{binary.parent}:/usr/bin:/bin"

    def run(self, *args, check=True, env=None, timeout=60):
        result = subprocess.run([str(self.binary), *map(str, args)], capture_output=True, text=True,
                                env=dict(self.env, **(env or {})), timeout=timeout)
        assert not check or result.returncode == 0, f"tiptoe {args} exited {result.returncode}: {result.stderr}"
        return result


@pytest.fixture
def user(tmp_path, prefix):
    return InstalledTiptoe(tmp_path, prefix / "bin" / "tiptoe")


def test_make_install_puts_every_file_where_it_belongs(prefix):
    assert files_under(prefix) == expected_files() | {"share/tiptoe/created-directories"}
    assert is_stripped(prefix / "bin/tiptoe") and is_stripped(prefix / "libexec/tiptoe/tiptoe-agent")
    unit = (prefix / "lib/systemd/user/tiptoe.service").read_text()
    assert f"\nExecStart={prefix}/bin/tiptoe agent\n" in unit
    entry = (prefix / "share/applications/tiptoe.desktop").read_text()
    assert f"\nExec={prefix}/bin/tiptoe agent\n" in entry
    for name in EXAMPLES[1:]:
        assert (prefix / "share/doc/tiptoe/examples" / name).read_text() == (ROOT / "Config/examples" / name).read_text()


def test_the_installed_binaries_run_stripped(user, prefix):
    assert user.run("--version").stdout.strip() == VERSION
    assert "Toe presses" in user.run("plan", "--from", "2026-11-23").stdout
    assert "--install" in user.run("agent", "--help").stdout
    # No session bus: the agent runs and says where reminders go instead.
    env = {k: v for k, v in user.env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    agent = AgentProcess(env, binary=prefix / "bin/tiptoe")
    agent.await_line(r"started \(pid \d+\): Foot routine for back pain", timeout=10)
    assert os.readlink(f"/proc/{agent.proc.pid}/exe") == str(prefix / "libexec/tiptoe/tiptoe-agent")
    assert agent.stop() == 0


def test_every_manual_page_renders_and_mandoc_finds_nothing_to_warn_about(prefix):
    pages = sorted((prefix / "share/man").glob("man*/*"))
    assert len(pages) == len(COMMANDS) + 2
    for page in pages:
        rendered = subprocess.run(["man", "-l", str(page)], capture_output=True, text=True,
                                  env=dict(os.environ, MANPAGER="cat", MANWIDTH="80"))
        assert rendered.returncode == 0 and "NAME" in rendered.stdout and "tiptoe" in rendered.stdout, rendered.stderr
    lint = subprocess.run(["mandoc", "-Tlint", "-Wwarning", *map(str, pages)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    routine = subprocess.run(["man", "-l", str(prefix / "share/man/man5/tiptoe-routine.5")], capture_output=True,
                             text=True, env=dict(os.environ, MANPAGER="cat")).stdout
    assert "Frequency phrases" in routine and "twice or three times a week" in routine


def test_bash_finds_the_installed_completion_and_completes_commands_and_exercise_ids(user, prefix):
    # bash-completion's own loader, looking where it looks (XDG_DATA_DIRS), as a Tab press does.
    env = dict(user.env, XDG_DATA_DIRS=f"{prefix}/share:/usr/share")
    setup = "_completion_loader tiptoe && complete -p tiptoe >&2"
    assert set(COMMANDS) - {"overview"} <= set(bash_complete(env, setup, "tiptoe "))
    assert bash_complete(env, setup, "tiptoe done ") == FOOT_IDS
    assert bash_complete(env, setup, "tiptoe snooze ank") == ["ankle-circles"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_commands_and_exercise_ids_from_the_installed_script(user, prefix):
    completions = prefix / "share/fish/vendor_completions.d"
    assert {"plan", "done", "init"} <= set(fish_complete(user.env, completions, "tiptoe "))
    assert fish_complete(user.env, completions, "tiptoe init --example ") == [
        "seed-004-stretches", "desk-break", "medication"]
    # A Tab in an interactive fish completes a unique prefix of an exercise id.
    screen = fish_tab(user.env, completions, "tiptoe done ank", "tiptoe done ankle-circles")
    assert "tiptoe done ankle-circles" in screen, screen


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_loads_the_installed_completion_function(user, prefix):
    script = (f"fpath=({prefix}/share/zsh/site-functions $fpath); autoload -U compinit; compinit -u -d {user.home}/zc;"
              " autoload +X _tiptoe && whence -w _tiptoe")
    result = subprocess.run(["zsh", "-f", "-c", script], capture_output=True, text=True, env=user.env, timeout=30)
    assert result.stdout.strip() == "_tiptoe: function", result.stderr


def test_agent_install_enables_the_unit_installed_with_tiptoe(user, prefix, tmp_path):
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "systemctl").write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 0\n')
    (bin_dir / "systemctl").chmod(0o755)
    out = user.run("agent", "--install", env={"PATH": f"{prefix}/bin:{bin_dir}:/usr/bin:/bin"}).stdout
    unit = prefix / "lib/systemd/user/tiptoe.service"
    assert f"enable --now {unit}" in out
    assert calls.read_text().splitlines()[-1] == f"--user enable --now {unit}"
    assert not (user.home / "config/systemd/user/tiptoe.service").exists(), "no copy of the unit is written"


def test_make_uninstall_leaves_the_prefix_empty(prefix, tmp_path):
    out = make("uninstall", f"PREFIX={prefix}").stdout
    assert f"removed {prefix}/bin/tiptoe" in out
    assert list(prefix.iterdir()) == []
    # An existing prefix keeps its own files and directories.
    (tmp_path / "p" / "bin").mkdir(parents=True)
    (tmp_path / "p" / "bin" / "other").write_text("")
    make("install", f"PREFIX={tmp_path / 'p'}")
    make("uninstall", f"PREFIX={tmp_path / 'p'}")
    assert files_under(tmp_path / "p") == {"bin/other"}


def test_make_deb_builds_a_package_that_lintian_accepts_and_that_runs_unpacked(tmp_path):
    # gzip instead of xz: the same package, built in seconds instead of minutes.
    out = make("deb", "DEB_COMPRESSION=gzip").stdout
    deb = ROOT / f"tiptoe_{VERSION}_{subprocess.check_output(['dpkg', '--print-architecture'], text=True).strip()}.deb"
    assert deb.exists(), out
    assert "lintian" in out and not re.search(r"^E: ", out, re.M), out
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True).stdout
    listed = {line.split()[-1].removeprefix("./").removeprefix("usr/") for line in contents.splitlines()
              if not line.startswith("d")}
    expected = expected_files(zsh="share/zsh/vendor-completions", man_suffix=".gz")
    assert listed == expected | {"share/doc/tiptoe/copyright", "share/doc/tiptoe/changelog.gz",
                                 "share/lintian/overrides/tiptoe"}
    depends = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True).stdout
    assert "libnotify4" in depends and "libsqlite3-0" in depends and "libc6" in depends, depends

    root = tmp_path / "unpacked"
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    user = InstalledTiptoe(tmp_path / "home", root / "usr/bin/tiptoe")
    assert user.run("--version").stdout.strip() == VERSION
    assert "Toe presses" in user.run("plan").stdout
    assert "--install" in user.run("agent", "--help").stdout
    assert "toe-presses" in bash_complete(user.env, f"source {root}/usr/share/bash-completion/completions/tiptoe",
                                          "tiptoe done ")
