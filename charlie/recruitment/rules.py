"""The pipeline's rules, pure (no Django): the order of the stages and which moves are allowed,
what the committee may see of an applicant at each stage (anonymised first screening), the
letters' placeholders, and the committee's scores.

**Anonymised first screening** (DOMAIN.md 6.7; issue 15, point 5). Anonymous applications are
rare in Denmark — Københavns Kommune tried them and stopped, Aarhus Kommune is working on a
proposal, KVINFO used the method 9 times — and no law requires them: it is the municipality's
choice per ad (``JobAd.anonymised_screening``). Where it is chosen, the committee screens
applicants in the stage "Modtaget" by their code (A-7), their motivation and the kinds of files
they sent; name, age and birth year, gender, address, telephone, e-mail and file names (a file
is often named after its sender) stay hidden until the applicant is shortlisted. Once moved on,
everything is shown. The stage decides, not the person asking: HR and the committee see the
same (:func:`visible_fields`).

Equal treatment when hiring: ligebehandlingsloven § 2 (gender) and forskelsbehandlingsloven
§ 2 (age and other grounds) forbid discrimination when hiring; the anonymous screening and the
fairness figures (``fairness.py``) help a municipality see that it keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# --- Stages ---------------------------------------------------------------------------------------

RECEIVED = "received"
SHORTLISTED = "shortlisted"
INTERVIEW_1 = "interview_1"
INTERVIEW_2 = "interview_2"
TEST = "test"
REFERENCE = "reference"
OFFER = "offer"
HIRED = "hired"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

#: The pipeline in order (``models.Stage`` holds the same values with their Danish names).
STAGES: tuple[str, ...] = (
    RECEIVED,
    SHORTLISTED,
    INTERVIEW_1,
    INTERVIEW_2,
    TEST,
    REFERENCE,
    OFFER,
    HIRED,
    REJECTED,
    WITHDRAWN,
)

#: Having reached any of these, an applicant was shortlisted (chosen for interview) in the
#: fairness figures, whether or not they were moved through "Udvalgt til samtale" itself.
SHORTLISTED_OR_BEYOND: frozenset[str] = frozenset(
    {SHORTLISTED, INTERVIEW_1, INTERVIEW_2, TEST, REFERENCE, OFFER, HIRED}
)

#: Stages that end the applicant's way through the round.
DECIDED: frozenset[str] = frozenset({HIRED, REJECTED, WITHDRAWN})


def move_problem(current: str, target: str) -> str | None:
    """Why the committee may not move an applicant from ``current`` to ``target`` (a short
    English key), or ``None`` when the move is allowed.

    Any stage may follow any other (a committee may skip the second interview or take back a
    rejection made by mistake), except: "Trukket tilbage" is the applicant's own choice, made on
    their page, so the committee never moves anyone into it nor out of it; and a move must change
    the stage.

    >>> move_problem("received", "shortlisted") is None
    True
    >>> move_problem("withdrawn", "shortlisted")
    'withdrawn'
    """
    if target not in STAGES or current not in STAGES:
        return "unknown"
    if target == current:
        return "same"
    if WITHDRAWN in (current, target):
        return "withdrawn"
    return None


def reached_shortlist(stages: Iterable[str]) -> bool:
    """Whether any of the stages an applicant has been in counts as shortlisted."""
    return any(s in SHORTLISTED_OR_BEYOND for s in stages)


# --- Anonymised screening -------------------------------------------------------------------------

#: Everything the page can show of an application.
ALL_FIELDS: frozenset[str] = frozenset(
    {
        "code",
        "name",
        "email",
        "phone",
        "address",
        "birth_year",
        "gender",
        "motivation",
        "files",
        "file_names",
    }
)
#: What identifies the person, or their age, gender or origin: hidden while anonymous.
IDENTIFYING: frozenset[str] = frozenset(
    {"name", "email", "phone", "address", "birth_year", "gender", "file_names"}
)


def is_anonymous(stage: str, *, anonymised_screening: bool) -> bool:
    """Whether the applicant is screened anonymously now: the ad chose anonymous first
    screening and the applicant is still in "Modtaget" (DOMAIN.md 6.7)."""
    return anonymised_screening and stage == RECEIVED


def visible_fields(stage: str, *, anonymised_screening: bool) -> frozenset[str]:
    """The fields of an application that may be shown at ``stage``: only the code, the
    motivation and which kinds of files were sent while the screening is anonymous; everything
    once the applicant is shortlisted (or the ad does not screen anonymously).

    >>> sorted(visible_fields("received", anonymised_screening=True))
    ['code', 'files', 'motivation']
    >>> "name" in visible_fields("shortlisted", anonymised_screening=True)
    True
    """
    if is_anonymous(stage, anonymised_screening=anonymised_screening):
        return ALL_FIELDS - IDENTIFYING
    return ALL_FIELDS


# --- Letters --------------------------------------------------------------------------------------

#: The placeholders a letter template may use, and what each is filled with.
PLACEHOLDERS: tuple[str, ...] = ("navn", "stilling", "dato", "tid", "sted", "frist", "kommune")

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,30})\}")


def placeholders_in(text: str) -> list[str]:
    """The placeholders ``{…}`` a text uses, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def unknown_placeholders(text: str) -> list[str]:
    """The ``{…}`` in ``text`` that are not placeholders Charlie fills (a typo such as
    ``{nav}``), in order of first use."""
    return [p for p in placeholders_in(text) if p not in PLACEHOLDERS]


@dataclass(frozen=True)
class FilledLetter:
    """A letter with its placeholders filled; ``missing`` names those that had no value (left
    as written, so the person sees what to fill in by hand)."""

    subject: str
    body: str
    missing: tuple[str, ...]


def fill_letter(subject: str, body: str, values: Mapping[str, str]) -> FilledLetter:
    """Fill ``{navn}``, ``{stilling}``, ``{dato}`` … in a letter's subject and body from
    ``values``. A placeholder without a value (or an empty one) is left as it is and named in
    ``missing``; unknown ``{…}`` and other braces are left alone.

    >>> fill_letter("Samtale", "Kære {navn}, velkommen {dato}.", {"navn": "Sara"}).body
    'Kære Sara, velkommen {dato}.'
    """
    missing: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(key, "")
        if not value:
            missing[key] = None
            return match.group(0)
        return value

    filled_subject = _PLACEHOLDER.sub(replace, subject)
    filled_body = _PLACEHOLDER.sub(replace, body)
    return FilledLetter(filled_subject, filled_body, tuple(missing))


# --- Scores ---------------------------------------------------------------------------------------

SCORE_MIN = 1
SCORE_MAX = 5


def valid_score(value: int) -> bool:
    return SCORE_MIN <= value <= SCORE_MAX


def mean(values: Iterable[int]) -> float | None:
    """The mean of the scores, to one decimal; ``None`` for none."""
    items = list(values)
    if not items:
        return None
    return round(sum(items) / len(items), 1)


def committee_mean_visible(*, scorer: bool, has_scored: bool) -> bool:
    """Whether a caller sees the committee's mean on a criterion. A committee member sees it
    only after giving their own score, so the others' scores cannot anchor theirs; someone who
    does not score (HR outside the committee) sees it at once."""
    return has_scored or not scorer
