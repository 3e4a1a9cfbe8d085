"""The set-up files agree and the code has clean seams.

- pyproject.toml and the conda files carry the same exact pins: environment.yml what a learner needs,
  environment-dev.yml the test and lint tools; every pin beyond the four a notebook obviously needs says why;
- CI calls `make test`, and `make test` says what it installs before it uses sudo;
- notebooks stay clean by construction: a git filter (nbstripout) that leaves the committed notebooks as they are;
- tests depend on tools and helpers, never the other way round, and no test module imports another.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LEARNER_PACKAGES = ("jupyterlab", "ipywidgets", "pandas", "plotly")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(requirements: list[str]) -> dict[str, str]:
    return dict(r.split("==") for r in requirements)


def pins_of_environment(name: str) -> dict[str, str]:
    env = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return dict(r.split("==") for r in pip if "==" in r)


def test_every_dependency_is_pinned_exactly() -> None:
    requirements = project()["dependencies"] + [r for group in project()["optional-dependencies"].values() for r in group]
    for requirement in requirements:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", requirement), requirement


def test_the_learners_environment_has_the_runtime_pins_and_nothing_else() -> None:
    assert pins_of_environment("environment.yml") == pins(project()["dependencies"])
    for required in LEARNER_PACKAGES:
        assert required in pins_of_environment("environment.yml")


def test_the_dev_environment_has_the_test_and_lint_pins() -> None:
    dev = pins(project()["optional-dependencies"]["test"])
    assert pins_of_environment("environment-dev.yml") == dev
    assert {"pytest", "ruff", "nbstripout"} <= set(dev)
    assert not set(dev) & set(pins(project()["dependencies"])), "a package is in both groups"


def test_every_pin_beyond_the_obvious_says_why_it_is_there() -> None:
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        pin = re.match(r'\s*"([A-Za-z0-9_.-]+)==[^"]+",\s*(#.*)?$', line)
        if pin and pin.group(1) not in LEARNER_PACKAGES:
            assert pin.group(2) and len(pin.group(2)) > 10, f"pyproject.toml: say why {pin.group(1)} is pinned: {line.strip()}"


def test_ci_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", script, re.MULTILINE)
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab:", "test:", "editions:", "bench:"):
        assert re.search(rf"^{target}", makefile, re.MULTILINE), target
    assert re.search(r"^test: .*\bbrowser\b.*\blint\b", makefile, re.MULTILINE), "make test = lint + every test, the browser's too"
    assert "--ServerApp.ip=127.0.0.1" in makefile
    assert "token=''" not in makefile and "disable_check_xsrf" not in makefile


def test_make_says_what_it_installs_and_that_it_uses_sudo_before_it_does() -> None:
    recipe = re.search(r"^browser:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE).group(1)
    said = [m.start() for m in re.finditer(r"echo ", recipe)]
    assert said, "the browser recipe prints nothing"
    for command in ("apt-get update", "apt-get install", "playwright install"):
        where = recipe.index(command)
        assert any(at < where for at in said), f"{command} runs before anything is printed"
    assert re.search(r"echo [^;]*sudo", recipe), "the recipe must say that it uses sudo"


def test_notebooks_are_kept_clean_by_a_git_filter_that_leaves_them_as_committed() -> None:
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").split("\n")
    assert "*.ipynb filter=nbstripout diff=ipynb" in attributes
    makefile = (ROOT / "Makefile").read_text()
    assert "filter.nbstripout.clean" in makefile and "-m nbstripout --keep-id" in makefile
    notebooks = sorted(str(p) for p in ROOT.glob("notebooks/*.ipynb")) + sorted(str(p) for p in ROOT.glob("tests/**/*.ipynb"))
    check = subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", "--verify", *notebooks], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, f"the filter would change these notebooks (strip them: .venv/bin/python -m nbstripout --keep-id FILE):\n{check.stdout}{check.stderr}"


# --- seams: who imports whom ---------------------------------------------------------------------


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, as (line, name); a relative import is named with its leading dots."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def test_no_test_module_imports_another_and_tools_never_import_tests() -> None:
    test_files = sorted((ROOT / "tests").rglob("*.py"))
    tool_files = sorted((ROOT / "tools").rglob("*.py"))
    assert len(test_files) > 5 and len(tool_files) > 3
    # What a test file might import a test module by: the package `tests`, a relative import, or the bare name of
    # any module or package under tests/ (pytest's default import mode puts test folders on the path).
    names_in_tests = {"tests", "conftest"} | {p.stem for p in test_files} | {p.name for p in (ROOT / "tests").rglob("*") if p.is_dir()}
    names_in_tests -= {"__init__", "fixtures"}
    wrong = []
    for path in test_files:
        for line, name in imported_modules(path):
            if name.startswith(".") or name.split(".")[0] in names_in_tests:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name} (share code through fixtures in tests/conftest.py, or move it to tools/)")
    for path in tool_files:
        for line, name in imported_modules(path):
            if name.split(".")[0] == "tests":
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}: tools never import tests")
        if re.search(r"sys\.path\.\w+\(.*[\"']tests[\"']", path.read_text(encoding="utf-8")):
            wrong.append(f"{path.relative_to(ROOT)} puts tests/ on sys.path: tools never import tests")
    assert wrong == []


def test_the_seam_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The check above reads imports correctly: absolute, relative and `from tests...` forms are all seen."""
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom tests.test_validation import edit\nfrom .lab import run\nimport conftest\n", encoding="utf-8")
    assert imported_modules(sample) == [(1, "os"), (2, "tests.test_validation"), (3, ".lab"), (4, "conftest")]
