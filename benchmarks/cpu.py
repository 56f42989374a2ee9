"""CPU time from Linux's /proc, for the benchmarks that share this 2-core machine with
their own load generators, an emulator, PostgreSQL and other people's work: who used
the CPU during a run, and how busy the whole machine was (NaN where /proc is missing)."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _fields(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int, children: bool = False) -> float:
    """User + system CPU time of a process so far; with `children`, that of its exited
    (and waited for) children too."""
    try:
        fields = _fields(pid)
    except OSError:
        return float("nan")
    used = int(fields[11]) + int(fields[12])
    if children:
        used += int(fields[13]) + int(fields[14])
    return used / TICK


def postgres_seconds(datadir: Path) -> float:
    """CPU time of a PostgreSQL cluster: the postmaster, its exited backends and workers,
    and those still running (a backend's time reaches the postmaster only when it ends)."""
    try:
        postmaster = int((datadir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")
    total = cpu_seconds(postmaster, children=True)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = _fields(int(entry.name))
            except OSError:
                continue  # ended meanwhile
            if int(fields[1]) == postmaster:
                total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def machine() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, every core and process."""
    try:
        values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return float("nan"), float("nan")
    idle = values[3] + values[4]  # idle, iowait
    total = sum(values[:8])  # guest time is already counted in user
    return (total - idle) / TICK, total / TICK
