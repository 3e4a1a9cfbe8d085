"""How long each explorer takes to update when a control changes: median and 95th percentile.

    .venv/bin/python tools/bench_explorers.py               # in a fresh Jupyter kernel, as in class
    .venv/bin/python tools/bench_explorers.py --in-process  # in this process (no kernel messages)
    .venv/bin/python tools/bench_explorers.py --repeat 50

Each case sets one control's value `repeat` times (cycling through a few values, so that every
set is a real change) and times the whole update: the plain functions, the HTML and the
chart's new figure, built and turned into plotly's JSON (explorers.LiveChart). In a kernel this
includes serialising the widget messages to the (absent) browser. The goal is a median of at most 50 ms on the project's 2-core machine.
Writes build/bench_explorers.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench_explorers.json"
GOAL_MS = 50.0

# explorer -> cases: (what the case is, control name, values to cycle through). The first case is the explorer's headline number.
CASES: dict[str, list[tuple[str, str, list]]] = {
    "search_explorer": [
        ("type a search word", "query", ["sovereignty", "security", "information", "terror", "cooperation"]),
        ("type letter by letter", "query", ["s", "se", "sec", "secu", "secur", "securi", "securit", "security"]),
        ("toggle whole words", "whole_words", [True, False]),
    ],
    "paragraph_reader": [
        ("switch a layer on and off", "claims", [True, False]),
        ("change document", "document", ["letter", "declaration", "statement"]),
    ],
    "principle_explorer": [
        ("choose a principle", "principle", None),  # None: every principle in the vocabulary
    ],
    "claims_explorer": [
        ("choose a claim type", "type", None),
        ("chart by type or pillar", "chart_by", ["pillar", "claim_type"]),
    ],
    "signatory_explorer": [
        ("choose a state", "state", None),
    ],
}


def p95(values: list[float]) -> float:
    """The 95th percentile of at least two timings, from the statistics module (interpolated, never beyond the slowest)."""
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def measure(repeat: int = 30) -> dict:
    """Build every explorer on the bundled corpus and time each case; milliseconds."""
    import helpers
    from helpers import explorers

    corpus = helpers.load_corpus()
    results = {}
    for name, cases in CASES.items():
        widget = getattr(explorers, name)(corpus)
        results[name] = {}
        for label, control_name, values in cases:
            control = widget.controls[control_name]
            if values is None:  # every option of a dropdown
                values = [value for _, value in control.options]
            times = []
            for i in range(repeat):
                value = values[i % len(values)]
                if control.value == value:  # make every set a real change
                    value = values[(i + 1) % len(values)]
                start = time.perf_counter()
                control.value = value
                times.append(1000 * (time.perf_counter() - start))
            results[name][label] = {"control": control_name, "n": repeat, "median_ms": round(statistics.median(times), 2),
                                    "p95_ms": round(p95(times), 2), "max_ms": round(max(times), 2)}
    return results


def measure_in_kernel(repeat: int) -> dict:
    """Run measure() in a fresh Jupyter kernel (ipykernel), where widget changes become real messages."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    printed: list[str] = []

    def collect(message: dict) -> None:
        kind, content = message["header"]["msg_type"], message["content"]
        if kind == "stream":
            printed.append(content["text"])
        elif kind == "error":
            raise RuntimeError("\n".join(content["traceback"]))

    code = (f"import sys, json; sys.path.insert(0, {str(ROOT / 'tools')!r}); import bench_explorers; "
            f"print('RESULT' + json.dumps(bench_explorers.measure({repeat})))")
    try:
        reply = client.execute_interactive(code, output_hook=collect, timeout=600)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the benchmark failed in the kernel: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    text = "".join(printed)
    return json.loads(text[text.index("RESULT") + len("RESULT"):].strip())


def main(argv: list[str] | None = None) -> int:
    """Measure, print a table and write build/bench_explorers.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="times each control is set (default 30)")
    parser.add_argument("--in-process", action="store_true", help="measure in this process instead of a Jupyter kernel")
    args = parser.parse_args(argv)
    results = measure(args.repeat) if args.in_process else measure_in_kernel(args.repeat)
    where = "this process" if args.in_process else "a Jupyter kernel"
    print(f"Explorer updates in {where}, {args.repeat} repetitions each (goal: median ≤ {GOAL_MS:.0f} ms)\n")
    print(f"{'explorer':<20} {'case':<28} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}  goal met")
    for name, cases in results.items():
        for label, row in cases.items():
            row["goal_ms"], row["met"] = GOAL_MS, row["median_ms"] <= GOAL_MS
            print(f"{name:<20} {label:<28} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} {row['max_ms']:>8.1f}  {'yes' if row['met'] else 'NO'}")
    report = {"where": where, "repeat": args.repeat, "goal_ms": GOAL_MS,
              "explorers": {name: {"headline": next(iter(cases)), **next(iter(cases.values())), "cases": cases} for name, cases in results.items()}}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nWritten to {OUT.relative_to(ROOT)}")
    return 0 if all(row["met"] for cases in results.values() for row in cases.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
