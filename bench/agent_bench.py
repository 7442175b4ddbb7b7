"""The agent's benchmarks, run inside the throwaway desktop of Tests/Integration/with-desktop.

Usage (from the repository root):
  Tests/Integration/with-desktop python3 bench/agent_bench.py TIPTOE WORK OUT.json idle SECONDS ROUTINE...
  Tests/Integration/with-desktop python3 bench/agent_bench.py TIPTOE WORK OUT.json memory ROUTINE...
  Tests/Integration/with-desktop python3 bench/agent_bench.py TIPTOE WORK OUT.json latency COUNT

ROUTINE is `builtin` or a routine file. Every agent gets its own HOME, config and state directories,
and a zone in which its local time is about 03:00, so no slot is due for hours (the built-in routine
and routine files alike through --tz).

idle     runs the agents side by side for SECONDS after a settle time and counts their voluntary
         context switches (all threads, /proc/PID/task/*/status): each one is a wake-up.
memory   starts each agent, waits until it settles and reads VmRSS and VmHWM.
latency  COUNT times: a routine with one slot a few seconds ahead, a fresh agent, and the time from
         the slot's instant to the Notify call that dbus-monitor records.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "Integration"))
from desktop import Desktop  # noqa: E402  (the integration tests' dbus-monitor reader)

SETTLE = float(os.environ.get("BENCH_AGENT_SETTLE", "3"))  # at least this long, then until its CPU time stops


def quiet_zone(local_hour: int = 3) -> str:
    """An Etc/GMT zone in which it is now about `local_hour` o'clock."""
    utc_hour = datetime.now(timezone.utc).hour
    offset = (local_hour - utc_hour + 36) % 24 - 12  # in -12 … +11
    return "Etc/GMT" + ("" if offset == 0 else f"{-offset:+d}")  # Etc/GMT-3 is UTC+3


class Agent:
    """`tiptoe agent` with a home of its own."""

    def __init__(self, tiptoe: str, home: Path, routine: str, zone: str | None, name: str):
        self.name = name
        # A home of its own from scratch: a history left by an earlier run on the same date holds the
        # same slot ids, and the agent rightly shows a reminder still waiting there at once.
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("TIPTOE_")}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
                   TZ="UTC", NO_COLOR="1")
        args = [tiptoe, "agent"]
        if routine != "builtin":
            args += ["--routine", routine]
        if zone:
            args += ["--tz", zone]
        self.log = open(home / "agent.log", "wb")
        self.started = time.time()
        self.process = subprocess.Popen(args, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def switches(self) -> dict:
        """Voluntary and involuntary context switches summed over the agent's threads."""
        total = {"voluntary": 0, "nonvoluntary": 0, "threads": 0}
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                text = (task / "status").read_text()
            except FileNotFoundError:
                continue
            total["threads"] += 1
            total["voluntary"] += int(re.search(r"^voluntary_ctxt_switches:\s+(\d+)", text, re.M).group(1))
            total["nonvoluntary"] += int(re.search(r"^nonvoluntary_ctxt_switches:\s+(\d+)", text, re.M).group(1))
        return total

    def faults(self) -> tuple[int, int]:
        """Minor and major page faults so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[7]), int(fields[9])

    def cpu_ticks(self) -> int:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def memory(self) -> dict:
        status = Path(f"/proc/{self.pid}/status").read_text()
        value = lambda key: int(re.search(rf"^{key}:\s+(\d+) kB", status, re.M).group(1))  # noqa: E731
        rollup = Path(f"/proc/{self.pid}/smaps_rollup").read_text()
        pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
        return {"rss_kib": value("VmRSS"), "hwm_kib": value("VmHWM"), "anon_kib": value("RssAnon"),
                "file_kib": value("RssFile"), "pss_kib": pss}

    def stop(self) -> str:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return Path(self.log.name).read_text(errors="replace")[-2000:]


def label(routine: str) -> str:
    return "builtin" if routine == "builtin" else Path(routine).stem


def start_all(tiptoe: str, work: Path, routines: list[str]) -> tuple[list[Agent], str]:
    zone = quiet_zone()
    agents = []
    for routine in routines:
        name = label(routine)
        agents.append(Agent(tiptoe, work / f"home-{name}", routine, zone, name))
    # Settled: alive, SETTLE seconds old, and no CPU time used for a whole second (a large routine takes a while).
    started = time.time()
    last, quiet_since = None, time.time()
    while True:
        for agent in agents:
            if not agent.alive():
                raise SystemExit(f"agent {agent.name} exited {agent.process.returncode}:\n{agent.stop()}")
        ticks = sum(a.cpu_ticks() for a in agents)
        if ticks != last:
            last, quiet_since = ticks, time.time()
        if time.time() - started >= SETTLE and time.time() - quiet_since >= 1.0:
            break
        if time.time() - started > 300:
            raise SystemExit(f"agents still busy after 300 s: {[a.name for a in agents]}")
        time.sleep(0.1)
    for agent in agents:
        agent.settled_after = time.time() - agent.started
    return agents, zone


def idle(tiptoe: str, work: Path, seconds: float, routines: list[str]) -> dict:
    agents, zone = start_all(tiptoe, work, routines)
    before = {a.name: a.switches() for a in agents}
    memory_before = {a.name: a.memory() for a in agents}
    started = time.time()
    time.sleep(seconds)
    elapsed = time.time() - started
    out = {"seconds": elapsed, "zone": zone, "agents": {}}
    for agent in agents:
        after = agent.switches()
        out["agents"][agent.name] = {
            "wakeups": after["voluntary"] - before[agent.name]["voluntary"],
            "involuntary": after["nonvoluntary"] - before[agent.name]["nonvoluntary"],
            "threads": after["threads"], "memory_start": memory_before[agent.name], "memory_end": agent.memory(),
        }
    for agent in agents:
        log = agent.stop()
        # A clock set by anyone wakes the agent on purpose (it plans again); it logs each one.
        out["agents"][agent.name].update(log=log, clock_sets=log.count("the clock was set"))
    return out


def memory(tiptoe: str, work: Path, routines: list[str]) -> dict:
    out = {}
    for routine in routines:
        agents, _ = start_all(tiptoe, work, [routine])
        out[agents[0].name] = dict(agents[0].memory(), settled_after=round(agents[0].settled_after, 2))
        agents[0].stop()
    return out


def latency(tiptoe: str, work: Path, count: int, lead: float) -> dict:
    desktop = Desktop()
    samples, faults = [], []
    try:
        for number in range(1, count + 1):
            now = datetime.now(timezone.utc)
            slot = (now + timedelta(seconds=lead)).replace(microsecond=0) + timedelta(seconds=1)
            routine = work / f"latency-{number}.toml"
            routine.write_text(
                'name = "Fire latency"\n\n[day]\nstart = "00:00"\nend = "23:59"\ntimezone = "UTC"\n\n'
                f'[[exercise]]\nid = "slot-{number:02d}"\ntitle = "Latency probe {number}"\n'
                f'at = ["{slot:%H:%M:%S}"]\nminutes = 1\n')
            agent = Agent(tiptoe, work / f"home-latency-{number}", str(routine), None, f"latency-{number}")
            try:
                # The page faults the agent takes to fire: counted from a little before the slot.
                time.sleep(max(0.0, slot.timestamp() - 0.3 - time.time()))
                before = agent.faults()
                message = desktop.await_notify(lambda m, n=number: f"Latency probe {n}" in m.summary + m.body,
                                               timeout=lead + 15)
                after = agent.faults()
            finally:
                log = agent.stop()
            seconds = message.time - slot.timestamp()
            samples.append(seconds)
            faults.append([after[0] - before[0], after[1] - before[1]])
            if seconds < 0 or seconds > 5:
                raise SystemExit(f"slot {number}: Notify {seconds:.3f} s from the slot; agent log:\n{log}")
    finally:
        desktop.close()
    return {"samples": samples, "count": len(samples), "faults": faults}


def main() -> None:
    tiptoe, work, out, mode, *rest = sys.argv[1:]
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    if mode == "idle":
        result = idle(tiptoe, work, float(rest[0]), rest[1:])
    elif mode == "memory":
        result = memory(tiptoe, work, rest)
    elif mode == "latency":
        result = latency(tiptoe, work, int(rest[0]), float(os.environ.get("BENCH_LATENCY_LEAD", "2")))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    Path(out).write_text(json.dumps(result, indent=1))


main()
