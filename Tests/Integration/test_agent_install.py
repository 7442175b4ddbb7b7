"""`tiptoe agent --install / --uninstall`: the systemd user unit, with a stand-in systemctl."""
import subprocess

from conftest import BIN, ROOT


def test_install_without_systemd_writes_the_autostart_entry_and_uninstall_removes_it(tiptoe):
    no_systemd = {"PATH": "/nonexistent"}
    result = tiptoe.run("agent", "--install", env=no_systemd)
    entry = tiptoe.home / "config" / "autostart" / "tiptoe.desktop"
    binary = subprocess.run(["readlink", "-f", str(BIN)], capture_output=True, text=True).stdout.strip()
    assert f"wrote {entry}" in result.stdout and "no systemd user manager" in result.stdout
    contrib = (ROOT / "contrib" / "tiptoe.desktop").read_text()
    assert entry.read_text() == contrib.replace("Exec=tiptoe ", f"Exec={binary} ")
    assert not (tiptoe.home / "config" / "systemd").exists()

    result = tiptoe.run("agent", "--uninstall", env=no_systemd)
    assert f"removed {entry}" in result.stdout and not entry.exists()
    result = tiptoe.run("agent", "--uninstall", check=False, env=no_systemd)
    assert result.returncode == 1
    assert "systemctl --user is not available" in result.stderr and "no autostart entry" in result.stderr


def test_install_writes_the_unit_and_enables_it_and_uninstall_reverses_it(tiptoe, tmp_path):
    # A stand-in systemctl that records its arguments: the real one needs a user manager.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "systemctl").write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 0\n')
    (bin_dir / "systemctl").chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    out = tiptoe.run("agent", "--install", env=env).stdout
    unit = tiptoe.home / "config" / "systemd" / "user" / "tiptoe.service"
    text = unit.read_text()
    binary = subprocess.run(["readlink", "-f", str(BIN)], capture_output=True, text=True).stdout.strip()
    assert f"ExecStart={binary} agent\n" in text
    assert "PartOf=graphical-session.target" in text and "Restart=on-failure" in text
    assert f"wrote {unit}" in out and "enable --now tiptoe.service" in out
    assert calls.read_text().splitlines() == [
        "--user show --property=Version", "--user daemon-reload", "--user enable --now tiptoe.service",
    ]
    contrib = (ROOT / "contrib" / "systemd" / "tiptoe.service").read_text()
    assert text == contrib.replace("/usr/local/bin/tiptoe", binary), "contrib/systemd/tiptoe.service is what --install writes"

    calls.write_text("")
    out = tiptoe.run("agent", "--uninstall", env=env).stdout
    assert not unit.exists()
    assert f"removed {unit}" in out
    assert calls.read_text().splitlines() == [
        "--user show --property=Version", "--user disable --now tiptoe.service", "--user daemon-reload",
    ]
