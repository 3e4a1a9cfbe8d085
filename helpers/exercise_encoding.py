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
    >>> decode_entry(encode_entry(data)) == {**data, "encoded": False}
    True

The bank is loaded with these texts still encoded (`Entry.reveal` decodes one when it is shown);
`decode_entry` decodes a whole entry at once, for tools and tests that compare editions. A teacher
block that an edition keeps (the self-study edition keeps the model answer and the rubric) is
encoded like the feedback.

    >>> encode_entry({"kind": "open_reflection", "teacher": {"rubric": "Two points."}})["teacher"]
    {'rubric': 'VHdvIHBvaW50cy4='}
    >>> unreadable({"kind": "numeric", "encoded": True, "explanation": "not base64!"})
    ['explanation']
"""

from __future__ import annotations

import base64
import binascii
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


def transform(data: dict[str, Any], change: Any) -> dict[str, Any]:
    """The entry with `change` applied to every text its kind stores encoded, and to every text of its teacher block."""
    texts, lists = encoded_fields(data)
    out = dict(data)
    for key in texts:
        if isinstance(out.get(key), str):
            out[key] = change(out[key])
    for key in lists:
        if isinstance(out.get(key), list):
            out[key] = [{**o, "feedback": change(o["feedback"])} if isinstance(o, dict) and isinstance(o.get("feedback"), str) else o for o in out[key]]
    if isinstance(out.get("teacher"), dict):
        out["teacher"] = {k: change(v) if isinstance(v, str) else v for k, v in out["teacher"].items()}
    return out


def encode_entry(data: dict[str, Any]) -> dict[str, Any]:
    """The student edition's form of an entry's feedback: every feedback text (and any teacher text it keeps) encoded."""
    _, lists = encoded_fields(data)
    out = transform({**data, "encoded": True}, encode)
    return {k: v for k, v in out.items() if v is not None and not (k in lists and v == [])}


def decode_entry(data: Any) -> Any:
    """Every encoded text of an entry decoded at once, marked `encoded: false`; anything else is returned unchanged.

    Raises ValueError on a text that is not encoded as it should be (see `unreadable`).
    """
    if not isinstance(data, dict) or data.get("encoded") is not True:
        return data
    try:
        return {**transform(data, decode), "encoded": False}
    except (ValueError, UnicodeDecodeError) as problem:
        raise ValueError(f"an encoded text of {data.get('exercise_id', 'an exercise')} cannot be decoded: {problem}") from None


def unreadable(data: Any) -> list[str]:
    """The fields of an encoded entry whose texts are not base64 (checked without decoding them), as the bank reports them."""
    if not isinstance(data, dict) or data.get("encoded") is not True:
        return []
    found: list[str] = []

    def note(text: str, where: str) -> str:
        try:
            base64.b64decode(text.encode("ascii"), validate=True)
        except (ValueError, binascii.Error, UnicodeEncodeError):
            found.append(where)
        return text

    texts, lists = encoded_fields(data)
    for key in texts:
        if isinstance(data.get(key), str):
            note(data[key], key)
    for key in lists:
        for position, item in enumerate(data.get(key) or []):
            if isinstance(item, dict) and isinstance(item.get("feedback"), str):
                note(item["feedback"], f"{key}.{position}.feedback")
    teacher = data.get("teacher") if isinstance(data.get("teacher"), dict) else {}
    for key, value in teacher.items():
        if isinstance(value, str):
            note(value, f"teacher.{key}")
    return found
