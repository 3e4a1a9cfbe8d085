"""Running a student's code, or an exercise's solution code, in a separate process with a time limit.

A loop that never ends (`while True: pass`) or a runaway computation must not freeze the kernel,
`python -m helpers validate` or `make editions`: the code runs in a child process that is stopped
after a few seconds, and the student gets a message saying so.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> run_code("n = len(corpus.paragraphs)", corpus, "n")
    (36, None)
    >>> run_code("while True: pass", corpus, "n", limit=0.5)[1]
    'Your code ran for more than 0.5 seconds and was stopped: is there a loop that never ends?'
"""

from __future__ import annotations

import contextlib
import copy
import io
import multiprocessing
import pickle
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from helpers.corpus import Corpus

TIME_LIMIT = 5.0  # seconds
MEMORY_HEADROOM = 2 * 1024**3  # bytes the code may allocate beyond what the process already holds


def sandbox(corpus: Corpus) -> Corpus:
    """A copy of the corpus whose tables a student's code may change without harming the real one."""
    copied = copy.copy(corpus)
    for name, value in vars(corpus).items():
        if isinstance(value, pd.DataFrame):
            setattr(copied, name, value.copy())
    return copied


def limit_memory() -> None:
    """Cap the child's memory, so that `[0] * 10**10` ends in MemoryError rather than in a machine that swaps."""
    try:
        import resource

        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
        size = pages * resource.getpagesize() + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ImportError, OSError, ValueError):
        return


def execute(code: str, corpus: Corpus, variable: str) -> tuple[Any, str | None]:
    """Run code in a fresh namespace holding only `corpus` (a copy) and `pd`; the variable's value, or a message."""
    namespace: dict[str, Any] = {"corpus": sandbox(corpus), "pd": pd}
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(code, "<your code>", "exec"), namespace)
    except SyntaxError as problem:
        return None, f"Python cannot read line {problem.lineno} of your code: {problem.msg}."
    except MemoryError:
        return None, "Your code asked for more memory than this computer can give: is something growing without end?"
    except Exception as problem:  # the student's code may raise anything; say what, in words
        return None, f"Your code stopped with {type(problem).__name__}: {problem}"
    if variable not in namespace:
        return None, f"Your code must set a variable called `{variable}`."
    return namespace[variable], None


def _child(code: str, corpus: Corpus, variable: str, connection: Connection) -> None:
    limit_memory()
    value, problem = execute(code, corpus, variable)
    try:
        payload = pickle.dumps((value, problem))
    except Exception:  # a generator, an open file, a lambda: values that cannot be sent back
        payload = pickle.dumps((None, f"`{variable}` holds a {type(value).__name__}, which cannot be checked: make it a number, a list or a table."))
    connection.send_bytes(payload)
    connection.close()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_code(code: str, corpus: Corpus, variable: str, limit: float | None = None) -> tuple[Any, str | None]:
    """Run code in a child process for at most `limit` seconds (default TIME_LIMIT); the variable's value, or a message saying what went wrong."""
    limit = TIME_LIMIT if limit is None else limit
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(code, corpus, variable, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(limit):
            return None, f"Your code ran for more than {limit:g} seconds and was stopped: is there a loop that never ends?"
        return pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError):
        return None, "Your code stopped the Python process that ran it (it may have used too much memory); simplify it and try again."
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=2)
