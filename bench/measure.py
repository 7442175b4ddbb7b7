"""Timing and memory of whole processes: hyperfine in alternating rounds, /usr/bin/time -v.

`compare` runs a set of commands side by side: a probe run each (its output checked by the caller),
then rounds of `hyperfine -N` alternating the commands (the order reversed every other round), the
first round after a warm-up, and pools every timed run into median, min and max.
"""
from __future__ import annotations

import json
import math
import os
import re
import shlex
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field


@dataclass
class Command:
    """One side of a comparison: a label, the argv and what it needs around it."""

    label: str
    argv: list[str]
    env: dict[str, str] | None = None
    prepare: str | None = None  # run before every timed run (hyperfine --prepare), not timed
    check: object = None  # called with the probe run's stdout (bytes iterator of lines); returns a summary
    runs: int | None = None  # overrides the budget


@dataclass
class Result:
    label: str
    argv: list[str]
    times: list[float] = field(default_factory=list)  # seconds, every timed run
    user: list[float] = field(default_factory=list)  # mean user seconds per hyperfine call, weighted
    system: list[float] = field(default_factory=list)
    max_rss_kib: int | None = None
    voluntary_switches: int | None = None
    checked: object = None
    probe_seconds: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def as_dict(self) -> dict:
        return {
            "label": self.label, "command": shlex.join(self.argv), "runs": len(self.times),
            "median": self.median, "min": min(self.times), "max": max(self.times),
            "mean": statistics.fmean(self.times), "user": statistics.fmean(self.user) if self.user else None,
            "system": statistics.fmean(self.system) if self.system else None,
            "max_rss_kib": self.max_rss_kib, "voluntary_switches": self.voluntary_switches,
            "checked": self.checked, "probe_seconds": self.probe_seconds,
        }


@dataclass
class Budget:
    """How many timed runs a command gets: about `seconds` of its time, within [least, most]."""

    seconds: float = 8.0
    least: int = 3
    most: int = 20
    rounds: int = 4
    warmup: int = 3

    def runs(self, estimate: float) -> int:
        return max(self.least, min(self.most, math.floor(self.seconds / max(estimate, 1e-4))))


def environment(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    return env


def probe(command: Command) -> tuple[float, object]:
    """One untimed-by-hyperfine run whose output the command's `check` reads; returns (seconds, summary)."""
    if command.prepare:
        subprocess.run(command.prepare, shell=True, check=True, env=environment(command.env))
    process = subprocess.Popen(command.argv, stdout=subprocess.PIPE, env=environment(command.env))
    summary = command.check(process.stdout) if command.check else None
    for _ in process.stdout:  # drain what the check left
        pass
    # The estimate is the child's CPU time: the wall time here includes the check reading its output.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{shlex.join(command.argv)} exited {process.returncode}")
    return usage.ru_utime + usage.ru_stime, summary


def hyperfine(command: Command, runs: int, warmup: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        args = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", export.name, "-n", command.label]
        if command.prepare:
            args += ["--prepare", command.prepare]
        args.append(shlex.join(command.argv))
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=environment(command.env))
        if done.returncode != 0:
            raise RuntimeError(f"hyperfine failed on {command.label}: {done.stderr[-2000:]}")
        return json.load(open(export.name))["results"][0]


def time_v(command: Command) -> dict[str, int]:
    """Maximum resident set size (KiB) and context switches of one run, from GNU time's -v report."""
    if command.prepare:
        subprocess.run(command.prepare, shell=True, check=True, env=environment(command.env))
    done = subprocess.run(["/usr/bin/time", "-v", *command.argv], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=environment(command.env))
    report = {}
    for key, pattern in [("max_rss_kib", r"Maximum resident set size \(kbytes\): (\d+)"),
                         ("voluntary_switches", r"Voluntary context switches: (\d+)")]:
        match = re.search(pattern, done.stderr)
        report[key] = int(match.group(1)) if match else None
    return report


def compare(commands: list[Command], budget: Budget, log=print) -> list[Result]:
    """Probe, then alternate hyperfine rounds over `commands`; every result pooled per command."""
    results = {c.label: Result(c.label, c.argv) for c in commands}
    plans = {}
    for command in commands:
        seconds, summary = probe(command)
        result = results[command.label]
        result.probe_seconds, result.checked = seconds, summary
        total = command.runs or budget.runs(seconds)
        rounds = min(budget.rounds, total)
        plans[command.label] = [total // rounds + (1 if r < total % rounds else 0) for r in range(rounds)]
        warmup = budget.warmup if seconds < 2 else 1
        plans[command.label + "/warmup"] = warmup
        log(f"    {command.label}: probe {seconds * 1e3:.1f} ms, {total} runs in {rounds} rounds")
    most_rounds = max(len(plans[c.label]) for c in commands)
    for round_number in range(most_rounds):
        order = commands if round_number % 2 == 0 else list(reversed(commands))
        for command in order:
            per_round = plans[command.label]
            if round_number >= len(per_round):
                continue
            warmup = plans[command.label + "/warmup"] if round_number == 0 else 0
            data = hyperfine(command, per_round[round_number], warmup)
            result = results[command.label]
            result.times += data["times"]
            result.user += [data["user"]] * len(data["times"])
            result.system += [data["system"]] * len(data["times"])
    for command in commands:
        report = time_v(command)
        results[command.label].max_rss_kib = report["max_rss_kib"]
        results[command.label].voluntary_switches = report["voluntary_switches"]
    return [results[c.label] for c in commands]
