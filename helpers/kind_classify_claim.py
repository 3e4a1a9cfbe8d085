"""Classify-a-claim questions: label a claim of the annotation layer; the annotation is the answer.

The student chooses a label for each facet asked (claim type, pillar, actors, referents,
domains); the feedback compares it with the annotation layer and explains each disagreement
with the vocabulary's definitions. Nothing is hashed: the annotations are in both editions.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> entry = ClassifyClaim.model_validate({"exercise_id": "03-x", "notebook": "03_security_claims", "kind": "classify_claim",
    ...                                       "prompt": "Classify.", "claim_id": "stmt-body-4-c", "facets": ["type"]})
    >>> right = annotation_answer(entry, corpus)
    >>> entry.check(right, corpus).correct, entry.self_check(corpus)
    (True, None)
    >>> entry.check({"type": ""}, corpus).message
    'Choose claim type first.'
    >>> entry.is_real_attempt({"type": ""}), entry.is_real_attempt(right)
    (False, True)

A student who disagrees with the annotation may argue their reading in a few sentences (at least
ten words, `ARGUMENT_WORDS`): that is an argued disagreement, which the progress summary shows as
such and never as wrong.

    >>> other = {"type": next(t for t in ("threat", "consequence") if t != right["type"])}
    >>> entry.argued({**other, "argument": "No."}), entry.argued({**other, "argument": "The claim names a danger, so I read it as a threat to states."})
    (False, True)
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from helpers import schema
from helpers.exercise_models import STYLE, Entry, Found, Inputs, Result, register, words
from helpers.loading import duplicates

if TYPE_CHECKING:
    from helpers.corpus import Corpus

# The facets a student may classify are the claim fields that hold vocabulary ids, named as the claims layer
# names them; which vocabulary facet defines each one's categories, and which hold a list, says helpers.schema.
FACET_OF = schema.CLAIM_FACETS
LIST_FACETS = schema.CLAIM_LIST_FIELDS
FacetName = Literal[tuple(schema.CLAIM_FACETS)]  # type: ignore[valid-type]  # 'type', 'actors', 'referents', 'domains', 'pillar'
CHOOSE = "(choose)"
ARGUMENT = "argument"  # the key of the student's argument in the answer (a dict facet -> label(s), and this)
ARGUMENT_WORDS = 10  # an argued disagreement needs at least this many words


def annotation_answer(entry: ClassifyClaim, corpus: Corpus) -> dict[str, Any]:
    """The annotation layer's labels for the facets an exercise asks about, in the form check() takes."""
    claim = corpus.claim(entry.claim_id)
    return {f: list(claim[f]) if f in LIST_FACETS else claim[f] for f in entry.facets}


def defined(corpus: Corpus, facet: str, category: str) -> str:
    """'Label (“definition”)', both read from the vocabulary."""
    definitions = corpus.categories(facet).set_index("id")["definition"]
    definition = definitions.get(category)
    return f"{corpus.label(facet, category)} (“{definition}”)" if definition else repr(category)


def facet_title(name: str) -> str:
    """How a facet is named to students.

    >>> facet_title("referents")
    'Referents'
    """
    return {"type": "Claim type", "pillar": "Pillar", "actors": "Actors", "referents": "Referents", "domains": "Domains"}[name]


@register
class ClassifyClaim(Entry):
    """Label a claim; right when the labels agree with the annotation layer's."""

    kind: Literal["classify_claim"]

    attempt_advice: ClassVar[str] = "choose a label for every question"
    claim_id: str = schema.Text
    facets: list[FacetName] = Field(min_length=1)
    choices: dict[FacetName, list[str]] = Field(default_factory=dict)  # limit a facet's menu to these vocabulary ids

    def check(self, answer: Any, corpus: Corpus) -> Result:
        """Compare a student's labels with the annotation layer; explain each disagreement from the vocabulary's definitions."""
        claim = corpus.claim(self.claim_id)
        answer = answer or {}
        for name in self.facets:
            if not answer.get(name):
                return Result(False, f"Choose {facet_title(name).lower()} first.", answered=False)
        lines, agree = [], True
        for name in self.facets:
            facet, chosen, coded = FACET_OF[name], answer[name], claim[name]
            if name in LIST_FACETS:
                chosen, coded = set(chosen), set(coded)
                if chosen == coded:
                    lines.append(f"{facet_title(name)}: you agree with the annotation ({', '.join(corpus.label(facet, c) for c in sorted(coded))}).")
                    continue
                agree = False
                missing = [f"{defined(corpus, facet, c)}" for c in sorted(coded - chosen)]
                extra = [f"{defined(corpus, facet, c)}" for c in sorted(chosen - coded)]
                parts = []
                if missing:
                    parts.append("the annotation also names " + "; ".join(missing))
                if extra:
                    parts.append("the annotation does not name " + "; ".join(extra))
                lines.append(f"{facet_title(name)}: " + ", and ".join(parts) + ".")
                continue
            if chosen == coded:
                lines.append(f"{facet_title(name)}: you agree with the annotation ({corpus.label(facet, coded)}).")
                continue
            agree = False
            lines.append(f"{facet_title(name)}: you chose {defined(corpus, facet, chosen)}; the annotation says {defined(corpus, facet, coded)}.")
        reason = f" The annotators' reason: {claim['rationale']}"
        head = ("You agree with the annotation." if agree else
                "You disagree with the annotation on at least one label. That can be a fair reading: compare the definitions, "
                "then decide whether the words of the claim fit yours or the annotation's.")
        argued = "" if agree or not self.argued(answer) else (" Your argument is kept: this counts as an argued disagreement with the "
                                                               "annotation, not as a wrong answer.")
        return Result(agree, f"{head} " + " ".join(lines) + reason + argued)

    def is_real_attempt(self, answer: Any) -> bool:
        """A label chosen for every facet asked."""
        return isinstance(answer, dict) and all(answer.get(name) for name in self.facets)

    def argued(self, answer: Any) -> bool:
        """A real attempt with an argument of at least ARGUMENT_WORDS words."""
        return self.is_real_attempt(answer) and words(answer.get(ARGUMENT)) >= ARGUMENT_WORDS

    def giveaways(self, corpus: Corpus) -> list[str]:
        """The label a highlight of the claims layer prints for this claim: its id and its type."""
        return [f"claim {self.claim_id}: {corpus.label(FACET_OF['type'], corpus.claim(self.claim_id)['type'])}"]

    def self_check(self, corpus: Corpus) -> str | None:
        """The annotation's own labels pass the check."""
        result = self.check(annotation_answer(self, corpus), corpus)
        return None if result.correct else f"the annotation's own labels fail the check: {result.message}"

    def problems(self) -> Found:
        """No facet twice."""
        return [("facets", f"{value!r} is listed twice") for value in duplicates(list(self.facets))]

    def corpus_problems(self, corpus: Corpus) -> Found:
        """The claim exists and has the facets asked for; the choices offered are vocabulary ids and include the claim's own labels."""
        found: Found = []
        if self.claim_id not in set(corpus.claims["claim_id"]):
            found.append(("claim_id", f"no claim has the id {self.claim_id!r} in annotations/claims.yaml"))
        else:
            claim = corpus.claim(self.claim_id)
            no_pillar = not isinstance(claim["pillar"], str)
            if "pillar" in self.facets and no_pillar:
                found.append(("facets", f"asks for the pillar of {self.claim_id}, which has none (only claims about ICT have a pillar, "
                                        "CODEBOOK.md section 5): remove 'pillar' from the facets or choose a claim about ICT"))
            for facet_name, ids in self.choices.items():
                if facet_name == "pillar" and no_pillar:
                    continue
                coded = set(claim[facet_name]) if facet_name in LIST_FACETS else {claim[facet_name]}
                left_out = sorted(coded - set(ids))
                if left_out:
                    found.append((f"choices.{facet_name}", f"leaves out {left_out}, which the annotation of {self.claim_id} uses"))
        for facet_name, ids in self.choices.items():
            facet = FACET_OF[facet_name]
            known = set(corpus.categories(facet)["id"])
            found += [(f"choices.{facet_name}", f"{term!r} is not a {facet} in annotations/vocabulary.yaml") for term in ids if term not in known]
            if facet_name not in self.facets:
                found.append((f"choices.{facet_name}", f"lists choices for {facet_name!r}, which is not one of the facets"))
        return found

    def menu_options(self, name: str, corpus: Corpus) -> list[tuple[str, str]]:
        """(label, id) pairs offered for one facet: the exercise's choices, or the whole vocabulary facet."""
        categories = corpus.categories(FACET_OF[name])
        wanted = self.choices.get(name)
        if wanted:
            categories = categories[categories["id"].isin(wanted)]
        return [(r.label, r.id) for r in categories.itertuples()]

    def inputs(self, corpus: Corpus) -> Inputs:
        """The claim quoted, then a menu per single facet and a group of checkboxes (`.boxes`) per list facet."""
        import ipywidgets as w

        claim = corpus.claim(self.claim_id)
        quote = w.HTML(f"<blockquote style='border-left:3px solid #0072B2;padding-left:8px'>“{escape(claim['quote'])}”<br>"
                       f"<small>{escape(claim['citation'])} ({escape(claim['pid'])})</small></blockquote>")
        controls: dict[str, Any] = {}
        parts: list[Any] = [quote]
        for name in self.facets:
            if name in LIST_FACETS:
                boxes = {cid: w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="auto")) for label, cid in self.menu_options(name, corpus)}
                group = w.VBox([w.Label(f"{facet_title(name)} (tick every one that fits):"), *boxes.values()])
                controls[name] = group
                group.boxes = boxes
                parts.append(group)
            else:
                menu = w.Dropdown(options=[(CHOOSE, ""), *self.menu_options(name, corpus)], value="", description=f"{facet_title(name)}:", style=STYLE)
                menu.tooltip = f"Choose the {facet_title(name).lower()} you would give this claim"
                controls[name] = menu
                parts.append(menu)

        argument = w.Textarea(placeholder=f"If you disagree with the annotation, say why in your own words (at least {ARGUMENT_WORDS} words).",
                              description="Your argument:", style=STYLE, layout=w.Layout(width="95%", height="70px"))
        argument.tooltip = "Optional: argue your reading if it differs from the annotation's"
        parts.append(argument)

        def read() -> dict[str, Any]:
            labels = {k: ([cid for cid, b in c.boxes.items() if b.value] if k in LIST_FACETS else c.value) for k, c in controls.items()}
            return {**labels, ARGUMENT: argument.value} if argument.value.strip() else labels

        def write(answer: Any) -> None:
            if not isinstance(answer, dict):
                return
            for name, control in controls.items():
                value = answer.get(name)
                if name in LIST_FACETS and isinstance(value, list):
                    for cid, box in control.boxes.items():
                        box.value = cid in value
                elif isinstance(value, str) and value in {v for _, v in control.options}:
                    control.value = value
            argument.value = answer.get(ARGUMENT) if isinstance(answer.get(ARGUMENT), str) else ""

        return Inputs(parts, {**controls, ARGUMENT: argument}, read, write)

    def answer_in_words(self, answer: Any, corpus: Corpus) -> str:
        """The labels chosen, per facet, and the argument if there is one."""
        answer = answer if isinstance(answer, dict) else {}
        lines = []
        for name in self.facets:
            value = answer.get(name)
            values = value if isinstance(value, list) else [value] if value else []
            lines.append(f"{facet_title(name)}: {', '.join(corpus.label(FACET_OF[name], v) for v in values) or '(none)'}")
        if isinstance(answer.get(ARGUMENT), str) and answer[ARGUMENT].strip():
            lines.append(f"My argument: {answer[ARGUMENT].strip()}")
        return "\n".join(lines)

    def answer_notes(self, corpus: Corpus) -> tuple[str, str] | None:
        """The annotation's labels for the exercise's facets, and the annotators' reason."""
        claim = corpus.claim(self.claim_id)
        labels = []
        for name in self.facets:
            value = claim[name]
            values = value if name in LIST_FACETS else [value]
            labels.append(f"{facet_title(name)}: {', '.join(corpus.label(FACET_OF[name], v) for v in values) or '(none)'}")
        return "Annotation", f"The annotation says {'; '.join(labels)}. {claim['rationale']}"
