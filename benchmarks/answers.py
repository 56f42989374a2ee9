"""Answer speed and memory: p50/p99 latency, answers/s in batch mode, RSS, cold start.

Targets (issue 4): p99 <= 10 ms, >= 500 answers/s, `mentor ask` cold start <= 1 s.
Run: .venv/bin/python benchmarks/answers.py
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTION_FILES = [ROOT / "tests/eval/questions.yaml", ROOT.parent / "shared/dev-questions.yaml"]


def questions() -> list[str]:
    out: list[str] = []
    for path in QUESTION_FILES:
        if path.exists():
            out += [q["q"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return out


def in_process(qs: list[str]) -> None:
    from bot.answers.knowledge import load_knowledge
    from bot.answers.service import Answerer

    start = time.perf_counter()
    # As the long-running bot builds it (bot/app.py): what the first messages would build
    # is built with the load, and counted in its time.
    answerer = Answerer(load_knowledge(ROOT / "knowledge")).warm()
    load_ms = (time.perf_counter() - start) * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    latencies = []
    for _ in range(5):
        for q in qs:
            t = time.perf_counter()
            answerer.answer(q)
            latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(f"knowledge load + index: {load_ms:.0f} ms, max RSS after load and run: {rss_mb:.0f} MB")
    print(
        f"in-process: {len(latencies)} answers, p50 {statistics.median(latencies):.2f} ms, "
        f"p99 {p99:.2f} ms, {1000 * len(latencies) / sum(latencies):.0f} answers/s"
    )


def batch_mode(qs: list[str]) -> None:
    cmd = [str(ROOT / ".venv/bin/mentor"), "ask", "--json"]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write("bonjour\n")
    proc.stdin.flush()
    proc.stdout.readline()
    latencies = []
    start = time.perf_counter()
    for q in qs:
        t = time.perf_counter()
        proc.stdin.write(" ".join(q.split()) + "\n")
        proc.stdin.flush()
        json.loads(proc.stdout.readline())
        latencies.append((time.perf_counter() - t) * 1000)
    wall = time.perf_counter() - start
    proc.stdin.close()
    proc.wait()
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(
        f"batch mode (mentor ask --json, lockstep): {len(qs)} answers, "
        f"p50 {statistics.median(latencies):.2f} ms, p99 {p99:.2f} ms, "
        f"{len(qs) / wall:.0f} answers/s"
    )


def cold_start(runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv/bin/mentor"), "ask", "--json", "c'est quoi le CCP1 ?"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - t)
    print(f'cold start `mentor ask "…"`: median {statistics.median(times):.2f} s over {runs} runs')


def main() -> int:
    qs = questions()
    if not qs:
        print("no question files found", file=sys.stderr)
        return 1
    in_process(qs)
    batch_mode(qs)
    cold_start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
