"""`make bench`: how fast the library, the notebooks and the explorers are, against a floor.

Prints a table and writes build/bench.json. Every figure is a median over repeated runs,
measured side by side in one run (so that machine load affects both sides alike):

- `import helpers; helpers.load_corpus()` against `import pandas` alone, warm (from the cache) and cold (goal: warm ratio <= 1.2);
- each notebook run headless against a floor notebook that only imports pandas, plotly,
  ipywidgets and helpers and shows one figure and one widget (goal: ratio <= 1.5);
- each explorer's update in the kernel: median and 95th percentile (goal: median <= 50 ms);
- in the browser, from changing a control to the chart redrawn: median (goal: <= 200 ms);
- the size in bytes of each notebook on disk (stored clean) and of an executed copy saved as nbclient saves it,
  outputs and widget state included, in build/executed/ (goal: at most EXECUTED_GOAL_BYTES, 1 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUILD = ROOT / "build"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXECUTED_GOAL_BYTES = 1_000_000  # an executed notebook saved with its outputs and widgets; tests/test_notebooks.py checks it too
FLOOR_CELLS = [
    "import pandas as pd\nimport plotly.graph_objects as go\nimport ipywidgets as widgets\nimport helpers",
    "go.Figure(go.Bar(x=['a', 'b'], y=[1, 2])).show()",
    "widgets.Dropdown(options=['a', 'b'], description='Choose:')",
]


def median_p95(values: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile of a list of timings (at least two), both from the statistics module.

    The percentile interpolates between the measured values ("inclusive" method), so it never lies beyond the slowest run.
    """
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18]


def time_in_subprocess(statement: str, env: dict[str, str] | None = None) -> float:
    """Seconds a statement takes in a fresh interpreter (interpreter start-up excluded)."""
    code = f"import time\nt = time.perf_counter()\n{statement}\nprint(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                                env={**os.environ, **(env or {})}).stdout)


def bench_loading(repeat: int = 9) -> dict:
    """import pandas against import helpers + load_corpus, warm (from the user's cache, as students load it) and cold
    (every file checked, the cache switched off), in alternating runs."""
    pandas, warm, cold = [], [], []
    with tempfile.TemporaryDirectory() as home:
        private = {"XDG_CACHE_HOME": home}
        time_in_subprocess("import helpers\nhelpers.load_corpus()", private)  # fills the cache
        for _ in range(repeat):
            pandas.append(time_in_subprocess("import pandas"))
            warm.append(time_in_subprocess("import helpers\nhelpers.load_corpus()", private))
            cold.append(time_in_subprocess("import helpers\nhelpers.load_corpus()", {**private, "SCO_NOTEBOOKS_CACHE": "off"}))
    p, h, f = statistics.median(pandas), statistics.median(warm), statistics.median(cold)
    return {"import_pandas_s": p, "warm_load_s": h, "warm_ratio": h / p, "goal": 1.2, "met": h / p <= 1.2,
            "cold_load_s": f, "cold_ratio": f / p}


def run_headless(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, nbformat.NotebookNode]:
    """Seconds to run a notebook headless in a fresh kernel, and the executed notebook (the kernel's own log is silenced)."""
    saved = os.dup(2)
    with open(os.devnull, "w") as quiet:
        os.dup2(quiet.fileno(), 2)
        try:
            start = time.perf_counter()
            NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
            seconds = time.perf_counter() - start
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    return seconds, nb


def bench_notebooks(repeat: int = 3) -> dict:
    """Each notebook's headless run against the floor notebook, alternating runs."""
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in FLOOR_CELLS])
    floor_nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    results, floors = {}, []
    executed_dir = BUILD / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for path in NOTEBOOKS:
            times = []
            for _ in range(repeat):
                floors.append(run_headless(nbformat.from_dict(json.loads(json.dumps(floor_nb))), Path(scratch))[0])
                seconds, executed = run_headless(nbformat.read(path, as_version=4), path.parent)
                times.append(seconds)
            out = executed_dir / path.name
            nbformat.write(executed, out)
            executed_bytes = out.stat().st_size
            results[path.stem] = {"run_s": statistics.median(times), "bytes": path.stat().st_size, "executed_bytes": executed_bytes,
                                  "executed_goal_bytes": EXECUTED_GOAL_BYTES, "executed_met": executed_bytes <= EXECUTED_GOAL_BYTES}
    floor = statistics.median(floors)
    for row in results.values():
        row["floor_s"] = floor
        row["ratio"] = row["run_s"] / floor
        row["met"] = row["ratio"] <= 1.5
    return results


def bench_explorers(repeat: int = 30) -> dict:
    """Each explorer's update in this process (the kernel's work): median and 95th percentile."""
    import helpers
    from helpers import explorers

    corpus = helpers.load_corpus()
    cases = {
        "search_explorer": (explorers.search_explorer(corpus), "query", ["sovereignty", "security", "information", "terror"]),
        "paragraph_reader": (explorers.paragraph_reader(corpus), "claims", [True, False]),
        "principle_explorer": (explorers.principle_explorer(corpus), "principle", ["mutual-trust", "non-interference", "equality"]),
        "claims_explorer": (explorers.claims_explorer(corpus), "type", ["threat", "norm", "(any)", "commitment"]),
        "signatory_explorer": (explorers.signatory_explorer(corpus), "state", ["KAZ", "TJK", "IND", "RUS"]),
    }
    results = {}
    for name, (widget, control, values) in cases.items():
        times = []
        for i in range(repeat):
            start = time.perf_counter()
            widget.controls[control].value = values[i % len(values)]
            times.append(1000 * (time.perf_counter() - start))
        median, p95 = median_p95(times)
        results[name] = {"median_ms": median, "p95_ms": p95, "goal_ms": 50, "met": median <= 50}
    return results


def bench_browser(repeat: int = 10) -> dict:
    """In JupyterLab in Chromium (the browser tests' harness): from choosing a claim type to the chart's title redrawn."""
    from playwright.sync_api import sync_playwright

    import helpers
    from tools.lab_harness import LabServer, find_browser, launch_chromium, new_guarded_page, run_notebook

    path = find_browser()
    if path is None:
        raise SystemExit("No Chromium found: `make bench` installs one (`make browser`), or set CHROMIUM=/path/to/chromium.")
    with tempfile.TemporaryDirectory() as home:
        server = LabServer(Path(home))
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright, path)
                _context, page, guard = new_guarded_page(browser, server.base_url)
                state = run_notebook(page, server, "notebooks/03_security_claims.ipynb")
                if state != "done":
                    raise SystemExit(f"notebooks/03_security_claims.ipynb did not run to the end in JupyterLab ({state})")
                explorer = page.locator(".widget-vbox", has=page.locator("label:text-is('Type:')")).last
                explorer.scroll_into_view_if_needed()
                select = explorer.locator(".widget-dropdown", has=page.locator("label:text-is('Type:')")).locator("select")
                counts = helpers.load_corpus().claims["type"].value_counts()
                choices = [(label, f"{counts[kind]} matching") for label, kind in (("Threat", "threat"), ("Norm", "norm"), ("Commitment", "commitment"))]
                times = []
                for i in range(repeat):
                    label, expected = choices[i % 3]
                    start = time.perf_counter()
                    select.select_option(label=label)
                    explorer.locator(".gtitle", has_text=expected).wait_for(timeout=10_000)
                    times.append(1000 * (time.perf_counter() - start))
                browser.close()
        finally:
            server.stop()
    median, p95 = median_p95(times)
    return {"control_to_chart_median_ms": median, "p95_ms": p95, "goal_ms": 200, "met": median <= 200, "outside_requests": len(guard.blocked)}


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, print the table, write build/bench.json."""
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="Takes several minutes; `make bench` runs it.").parse_args(argv)
    BUILD.mkdir(exist_ok=True)
    report = {"loading": bench_loading(), "explorers": bench_explorers(), "notebooks": bench_notebooks(), "browser": bench_browser()}
    (BUILD / "bench.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    load = report["loading"]
    lines = ["| measure | value | goal | met |", "| --- | --- | --- | --- |",
             f"| import pandas | {load['import_pandas_s'] * 1000:.0f} ms | | |",
             f"| import helpers + load_corpus(), warm (from the cache) | {load['warm_load_s'] * 1000:.0f} ms (ratio {load['warm_ratio']:.2f}) | ≤ 1.2 times | {'yes' if load['met'] else 'no'} |",
             f"| the same, cold (every file checked) | {load['cold_load_s'] * 1000:.0f} ms (ratio {load['cold_ratio']:.2f}) | | |"]
    for name, row in report["notebooks"].items():
        lines.append(f"| notebook {name} headless | {row['run_s']:.1f} s vs floor {row['floor_s']:.1f} s (ratio {row['ratio']:.2f}) | ≤ 1.5 times | {'yes' if row['met'] else 'no'} |")
        lines.append(f"| notebook {name} executed and saved | {row['executed_bytes']:,} bytes ({row['bytes']:,} bytes stored clean) "
                     f"| ≤ {row['executed_goal_bytes']:,} bytes | {'yes' if row['executed_met'] else 'no'} |")
    for name, row in report["explorers"].items():
        lines.append(f"| {name} update in the kernel | median {row['median_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms | ≤ 50 ms median | {'yes' if row['met'] else 'no'} |")
    browser = report["browser"]
    lines.append(f"| browser: control changed → chart redrawn | median {browser['control_to_chart_median_ms']:.0f} ms, p95 {browser['p95_ms']:.0f} ms "
                 f"({browser['outside_requests']} outside requests) | ≤ 200 ms | {'yes' if browser['met'] else 'no'} |")
    print("\n".join(lines))
    print(f"\nWritten to {BUILD / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
