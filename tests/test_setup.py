"""The set-up files agree: the same pins in pyproject.toml and environment.yml, CI calls make test."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import ROOT


def pins_of_pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for group in project["optional-dependencies"].values() for r in group]
    return dict(r.split("==") for r in requirements)


def pins_of_environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return dict(r.split("==") for r in pip if "==" in r)


def test_every_dependency_is_pinned_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", requirement), requirement


def test_pyproject_and_environment_agree() -> None:
    assert pins_of_pyproject() == pins_of_environment()
    for required in ("jupyterlab", "ipywidgets", "pandas", "plotly"):
        assert required in pins_of_pyproject()


def test_ci_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", script, re.MULTILINE)
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab:", "test:", "editions:", "bench:"):
        assert re.search(rf"^{target}", makefile, re.MULTILINE), target
    assert "--ServerApp.ip=127.0.0.1" in makefile
    assert "token=''" not in makefile and "disable_check_xsrf" not in makefile
