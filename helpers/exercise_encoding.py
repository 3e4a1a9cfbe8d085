"""How the student edition hides answers and feedback: salted hashes and base64.

Closed answers are stored as salted SHA-256 hashes of the normalised answer (what a kind's
`canonical` gives); feedback texts are base64-encoded, so that a student opening the YAML file
reads neither at a glance. Which texts are encoded is each kind's `encoded_texts` and
`encoded_lists` (helpers.exercise_models.Entry); what is hashed is each kind's `student_form`.

    >>> encode("Right: 6 days.")
    'UmlnaHQ6IDYgZGF5cy4='
    >>> decode(encode("Right: 6 days."))
    'Right: 6 days.'
    >>> answer_hash("00-distribution-gap", "6")[:12]
    '1f3d0413b8ac'
    >>> data = {"kind": "numeric", "explanation": "10 minus 4.", "common_wrong": [{"answer_hash": "ab", "feedback": "Both days?"}]}
    >>> encode_entry(data)["common_wrong"][0]["feedback"]
    'Qm90aCBkYXlzPw=='
    >>> decode_entry(encode_entry(data)) == {**data, "encoded": True}
    True
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from helpers.exercise_models import Entry, kind_class

SALT = "sco-2006-notebooks"


def answer_hash(exercise_id: str, answer: str) -> str:
    """The hash under which the student edition stores an answer: sha256 of salt, exercise id and answer."""
    return hashlib.sha256(f"{SALT}:{exercise_id}:{answer}".encode()).hexdigest()


def encode(text: str) -> str:
    """Hide a text from a glance (base64), as the student edition stores feedback."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode(text: str) -> str:
    """The text hidden by encode()."""
    return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")


def encoded_fields(data: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(texts, lists) that the entry's kind stores encoded; an unknown kind is treated as the built-in kinds are."""
    cls = kind_class(data.get("kind")) or Entry
    return cls.encoded_texts, cls.encoded_lists


def encode_entry(data: dict[str, Any]) -> dict[str, Any]:
    """The student edition's form of an entry's feedback: every feedback text encoded."""
    texts, lists = encoded_fields(data)
    out = {**data, "encoded": True}
    for key in texts:
        if isinstance(out.get(key), str):
            out[key] = encode(out[key])
    for key in lists:
        out[key] = [{**o, "feedback": encode(o["feedback"])} for o in out.get(key, [])] or None
    return {k: v for k, v in out.items() if v is not None}


def decode_entry(data: Any) -> Any:
    """Undo encode_entry when an entry says it is encoded; anything else is returned unchanged."""
    if not isinstance(data, dict) or data.get("encoded") is not True:
        return data
    texts, lists = encoded_fields(data)
    try:
        out = dict(data)
        for key in texts:
            if isinstance(out.get(key), str):
                out[key] = decode(out[key])
        for key in lists:
            if isinstance(out.get(key), list):
                out[key] = [{**o, "feedback": decode(o["feedback"])} if isinstance(o, dict) and isinstance(o.get("feedback"), str) else o for o in out[key]]
    except (ValueError, UnicodeDecodeError):
        return {**data, "encoded": "unreadable"}
    return out
