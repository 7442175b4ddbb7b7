"""`tiptoe agent` hands over to the `tiptoe-agent` executable: beside `tiptoe` (the build directory)
or in `../libexec/tiptoe/` (`make install`); without it, a clear error and nothing created."""
import os
import shutil
import subprocess

from conftest import BIN
from desktop import AgentProcess


def install(prefix, agent=True):
    """The layout `make install PREFIX=prefix` makes, from the binaries under test."""
    (prefix / "bin").mkdir(parents=True)
    shutil.copy2(BIN, prefix / "bin" / "tiptoe")
    if agent:
        (prefix / "libexec" / "tiptoe").mkdir(parents=True)
        shutil.copy2(BIN.parent / "tiptoe-agent", prefix / "libexec" / "tiptoe" / "tiptoe-agent")
    return prefix / "bin" / "tiptoe"


def test_the_installed_tiptoe_starts_the_agent_from_libexec(tiptoe, tmp_path):
    binary = install(tmp_path / "prefix")
    # No session bus: the agent runs and says where reminders go instead.
    env = {k: v for k, v in tiptoe.env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    agent = AgentProcess(env, binary=binary)
    agent.await_line(r"started \(pid \d+\): Foot routine for back pain", timeout=10)
    executable = (tmp_path / "prefix" / "libexec" / "tiptoe" / "tiptoe-agent").resolve()
    assert os.readlink(f"/proc/{agent.proc.pid}/exe") == str(executable), "the same process, now tiptoe-agent"
    assert agent.stop() == 0
    assert (tiptoe.state_dir / "tiptoe.sqlite").exists()


def test_without_tiptoe_agent_the_agent_command_says_what_is_missing(tiptoe, tmp_path):
    binary = install(tmp_path / "prefix", agent=False)
    result = subprocess.run([str(binary), "agent"], env=tiptoe.env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1, result.stderr
    assert "cannot find tiptoe-agent" in result.stderr and "make install" in result.stderr
    assert str(tmp_path / "prefix" / "bin" / "tiptoe-agent") in result.stderr
    assert not tiptoe.state_dir.exists(), "nothing is created when the agent cannot start"
