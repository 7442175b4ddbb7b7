"""Drives the shells' completion of `tiptoe` headlessly, as a Tab press would."""
import os
import pty
import select
import signal
import subprocess
import time


def bash_complete(env, setup, line):
    """What bash-completion offers (COMPREPLY) for `line`, after the bash commands `setup` that
    make `_tiptoe` known (sourcing a script, or bash-completion's own loader)."""
    driver = f"""
source /usr/share/bash-completion/bash_completion
{setup}
COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}
read -ra COMP_WORDS <<<"$COMP_LINE"; [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
_tiptoe tiptoe "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def fish_complete(env, completions_dir, line):
    """What fish offers for `line` (`complete -C`), with tiptoe's completions from `completions_dir`.
    Non-interactive: enough for commands and fixed lists, not for exercise ids (the script asks
    `commandline` for the cursor, which only an interactive fish knows: see `fish_tab`)."""
    script = f"set -p fish_complete_path {completions_dir}; complete -C {line!r}"
    result = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    return [candidate.split("\t")[0] for candidate in result.stdout.splitlines()]


def fish_tab(env, completions_dir, typed, expected, timeout=15):
    """Types `typed` and Tab into an interactive fish on a pseudo-terminal; returns the screen's
    text once `expected` shows (or at the timeout)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe("fish", ["fish", "--no-config", "-i"], dict(env, TERM="dumb"))
    screen = ""

    def read_until(text, seconds):
        nonlocal screen
        end = time.monotonic() + seconds
        while time.monotonic() < end and text not in screen:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    screen += os.read(fd, 65536).decode(errors="replace")
                except OSError:
                    break

    try:
        os.write(fd, f"set -p fish_complete_path {completions_dir}; echo ready-$status\r".encode())
        read_until("ready-0", timeout)
        os.write(fd, typed.encode() + b"\t")
        read_until(expected, timeout)
        return screen
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
