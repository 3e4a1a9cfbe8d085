"""The project's scripts (`make editions`, `make bench`, ...) and the JupyterLab harness that the browser tests share.

A package so that tests and tools alike import the harness as ``tools.lab_harness`` from the repository root
(pytest puts the root on the path: ``pythonpath`` in pyproject.toml; each script puts it there itself).
Nothing here imports ``tests``: tests depend on tools, never the other way round (tests/test_setup.py checks).
"""
