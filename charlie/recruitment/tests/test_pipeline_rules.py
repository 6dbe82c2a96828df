"""The pipeline's pure rules: stage moves, what anonymous screening hides, letters, scores."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.recruitment import rules
from charlie.recruitment.models import LetterKind, Stage


def test_the_stages_are_the_models_in_order():
    assert list(rules.STAGES) == list(Stage.values)
    assert (
        set(Stage.values)
        - {
            "received",
            "rejected",
            "withdrawn",
        }
        == rules.SHORTLISTED_OR_BEYOND
    )


@pytest.mark.parametrize(
    ("current", "target", "problem"),
    [
        ("received", "shortlisted", None),
        ("received", "rejected", None),
        ("rejected", "shortlisted", None),  # a rejection made by mistake is taken back
        ("interview_1", "hired", None),  # stages may be skipped
        ("hired", "rejected", None),
        ("received", "received", "same"),
        ("received", "withdrawn", "withdrawn"),  # only the applicant withdraws
        ("withdrawn", "received", "withdrawn"),
        ("received", "nowhere", "unknown"),
    ],
)
def test_move_problem(current, target, problem):
    assert rules.move_problem(current, target) == problem


def test_reached_shortlist_counts_any_later_stage():
    assert rules.reached_shortlist(["received", "interview_1", "rejected"])
    assert rules.reached_shortlist(["received", "hired"])
    assert not rules.reached_shortlist(["received", "rejected"])
    assert not rules.reached_shortlist([])


def test_anonymous_screening_hides_who_the_applicant_is():
    hidden = rules.visible_fields("received", anonymised_screening=True)
    assert hidden == {"code", "motivation", "files"}
    for field in ("name", "email", "phone", "address", "birth_year", "gender", "file_names"):
        assert field not in hidden


@pytest.mark.parametrize("stage", [s for s in rules.STAGES if s != "received"])
def test_after_screening_everything_is_shown(stage):
    assert rules.visible_fields(stage, anonymised_screening=True) == rules.ALL_FIELDS
    assert not rules.is_anonymous(stage, anonymised_screening=True)


def test_an_ad_without_anonymous_screening_shows_everything_at_once():
    assert rules.visible_fields("received", anonymised_screening=False) == rules.ALL_FIELDS
    assert not rules.is_anonymous("received", anonymised_screening=False)


def test_fill_letter_fills_every_placeholder():
    letter = rules.fill_letter(
        "Samtale om stillingen som {stilling}",
        "Kære {navn}\nVi ses {dato} kl. {tid} på {sted}. Svar senest {frist}.\n{kommune}",
        {
            "navn": "Sara Holm",
            "stilling": "SOSU-assistent",
            "dato": "4. marts 2027",
            "tid": "10:00",
            "sted": "Plejecenter Nord",
            "frist": "1. marts 2027",
            "kommune": "Lemvig Kommune",
        },
    )
    assert letter.subject == "Samtale om stillingen som SOSU-assistent"
    assert letter.body == (
        "Kære Sara Holm\nVi ses 4. marts 2027 kl. 10:00 på Plejecenter Nord. Svar senest "
        "1. marts 2027.\nLemvig Kommune"
    )
    assert letter.missing == ()


def test_fill_letter_leaves_missing_values_and_unknown_braces():
    letter = rules.fill_letter("{stilling}", "Kære {navn}, {dato} {ukendt} {}", {"navn": "Ali"})
    assert letter.body == "Kære Ali, {dato} {ukendt} {}"
    assert letter.subject == "{stilling}"
    assert letter.missing == ("stilling", "dato")


def test_a_value_with_braces_is_not_filled_again():
    letter = rules.fill_letter("", "{navn} {stilling}", {"navn": "{stilling}", "stilling": "X"})
    assert letter.body == "{stilling} X"


def test_unknown_placeholders():
    assert rules.unknown_placeholders("Kære {navn} {nav} {dato} {nav}") == ["nav"]
    assert rules.unknown_placeholders("Ingen felter") == []


def test_letter_kinds_cover_invitation_rejection_offer():
    assert set(LetterKind.values) == {"interview", "rejection", "offer"}


def test_mean_and_when_it_is_shown():
    assert rules.mean([4, 5, 3]) == 4.0
    assert rules.mean([4, 5]) == 4.5
    assert rules.mean([]) is None
    assert not rules.committee_mean_visible(scorer=True, has_scored=False)
    assert rules.committee_mean_visible(scorer=True, has_scored=True)
    assert rules.committee_mean_visible(scorer=False, has_scored=False)


@given(st.integers(min_value=-10, max_value=10))
def test_valid_scores_are_one_to_five(value):
    assert rules.valid_score(value) == (1 <= value <= 5)


@given(st.text(max_size=60), st.dictionaries(st.sampled_from(rules.PLACEHOLDERS), st.text()))
def test_filling_never_touches_text_without_braces(text, values):
    plain = text.replace("{", "").replace("}", "")
    assert rules.fill_letter(plain, plain, values).body == plain
