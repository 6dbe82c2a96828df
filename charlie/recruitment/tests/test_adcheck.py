"""The inclusive-language check (``charlie.recruitment.adcheck``), pure: hand-made Danish and
English ads, and the figures worked out by hand."""

from __future__ import annotations

import json

import pytest

from charlie.recruitment.adcheck import (
    AdFacts,
    GenderVerdict,
    band,
    check,
    lix,
    wordlists_da,
    wordlists_en,
)


def words(report, category):
    return [f.word for f in report.findings if f.category == category]


# --- Gender-coded words -------------------------------------------------------------------------


def test_danish_stems_match_with_æ_ø_å_and_inflections():
    report = check("Du er ambitiøs, empatisk og støttende, og du søger fællesskabet.")
    assert words(report, "masculine_coded") == ["ambitiøs"]
    assert words(report, "feminine_coded") == ["empatisk", "støttende", "fællesskabet"]
    ambitious = report.findings[0]
    assert (ambitious.start, ambitious.end) == (6, 14)
    assert (ambitious.line, ambitious.column) == (1, 7)
    assert ambitious.stem == "ambiti"


def test_capitals_æ_ø_å_are_lower_cased_not_stripped():
    report = check("STÆRK OG TÅLMODIG")
    assert words(report, "masculine_coded") == ["STÆRK"]
    assert words(report, "feminine_coded") == ["TÅLMODIG"]


def test_a_word_is_counted_once_however_many_stems_it_starts_with():
    # "dominant" starts with both "domina" and "dominant" in Gender Decoder's list.
    report = check("A dominant player.", lang="en")
    assert report.gender.masculine == 1
    assert report.findings[0].stem == "dominant"


def test_danish_false_hits_are_excepted():
    text = (
        "Vi leder efter en kollega. Din nærmeste leder er Pia. Kontakt tillidsrepræsentanten. "
        "Med hensyn til løn. Med venlig hilsen. Vi behandler følsomme personoplysninger. "
        "Vi holder kampagne, og der er varme i lokalerne."
    )
    report = check(text)
    assert report.gender.masculine == 0 and report.gender.feminine == 0, report.findings


def test_leder_counts_where_it_is_about_leading():
    report = check("Du er en født leder med lederskab.")
    assert words(report, "masculine_coded") == ["leder", "lederskab"]


def test_english_false_hits_are_excepted():
    text = (
        "All kinds of tasks; a kind of role. This will lead to change. The committee values "
        "competence under the collective agreement. Kindergarten teachers welcome."
    )
    report = check(text, lang="en")
    assert report.gender.masculine == 0 and report.gender.feminine == 0, report.findings


def test_english_stems_from_gender_decoder():
    report = check("We want a kind, supportive and competitive leader.", lang="en")
    assert words(report, "feminine_coded") == ["kind", "supportive"]
    assert words(report, "masculine_coded") == ["competitive", "leader"]


def test_hyphenated_stems_and_parts():
    report = check("Self-confident and co-operative; a team-player who is data-driven.", lang="en")
    assert words(report, "masculine_coded") == ["Self-confident", "driven"]
    assert words(report, "feminine_coded") == ["co-operative"]


def test_the_lists_are_data_with_attribution_and_the_typo_fixed():
    assert "impulsive" in wordlists_en.MASCULINE
    assert "implusive" not in wordlists_en.MASCULINE
    assert "MIT License" in (wordlists_en.__doc__ or "")
    assert "lovedaybrooke" in (wordlists_en.__doc__ or "")
    assert "ikke et valideret instrument" in wordlists_da.SOURCE
    assert len(wordlists_en.FEMININE) == 50 and len(wordlists_en.MASCULINE) == 52
    # No stem is on both sides, and every stem is lower-case.
    for module in (wordlists_da, wordlists_en):
        assert not set(module.MASCULINE) & set(module.FEMININE)
        assert all(s == s.lower() for s in (*module.MASCULINE, *module.FEMININE))


def test_the_danish_report_says_it_is_charlies_own_list():
    data = check("Du er stærk.").as_dict()
    assert data["word_list"] == {
        "source": "Charlies egen danske liste (ikke et valideret instrument)",
        "validated": False,
    }
    assert "Charlies egen danske liste" in data["findings"][0]["reason"]
    assert check("Strong.", lang="en").as_dict()["word_list"]["validated"] is True


# --- The verdict ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feminine", "masculine", "coding"),
    [
        (0, 0, "empty"),
        (2, 2, "neutral"),
        (1, 0, "feminine"),
        (3, 0, "feminine"),
        (4, 0, "strongly_feminine"),
        (5, 1, "strongly_feminine"),  # 5 - 1 = 4 > 3
        (4, 1, "feminine"),  # 3
        (0, 1, "masculine"),
        (1, 4, "masculine"),
        (0, 4, "strongly_masculine"),
    ],
)
def test_verdict_thresholds(feminine, masculine, coding):
    assert GenderVerdict(feminine=feminine, masculine=masculine).coding == coding


def test_verdict_from_a_text():
    # 5 masculine (stærk, ambitiøs, selvstændig, konkurrence, analytisk), 1 feminine (samarbejde).
    text = "Du er stærk, ambitiøs og selvstændig, elsker konkurrence, er analytisk og samarbejder."
    verdict = check(text).as_dict()["verdict"]
    assert verdict["masculine"] == 5 and verdict["feminine"] == 1
    assert verdict["score"] == -4
    assert verdict["coding"] == "strongly_masculine"
    assert verdict["label"] == "stærkt maskulint kodet"


# --- Titles --------------------------------------------------------------------------------------


def test_danish_titles():
    text = (
        "Formanden for udvalget, en talsmand, tillidsmanden og to fagmænd. "
        "En sygeplejerske og en tjenestemand. En MED-formand. Rengøringsdamer."
    )
    report = check(text)
    titles = {f.word: f.suggestion for f in report.findings if f.category == "gendered_title"}
    assert list(titles) == [
        "Formanden",
        "talsmand",
        "tillidsmanden",
        "fagmænd",
        "MED-formand",
        "Rengøringsdamer",
    ]
    assert "Forperson" in titles["Formanden"] and "bevares" in titles["Formanden"]
    assert titles["talsmand"] == "»Talsperson«."
    assert titles["tillidsmanden"] == "»Tillidsrepræsentant«."
    # A title is not also counted as a gender-coded word ("tillid").
    assert report.gender.feminine == 0


def test_a_mand_title_without_its_own_alternative_gets_the_general_advice():
    (finding,) = check("Vi søger en ny lagermand.").findings
    assert finding.category == "gendered_title"
    assert "kønsneutral" in finding.suggestion


def test_english_titles():
    report = check("Our chairman and two salesmen; no guys.", lang="en")
    titles = {f.word: f.suggestion for f in report.findings if f.category == "gendered_title"}
    assert set(titles) == {"chairman", "salesmen", "guys"}
    assert "Chair" in titles["chairman"]


# --- Age -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vi søger en yngre ingeniør.",
        "Du bliver en del af et ungt team.",
        "Vi er et ungt og dynamisk team.",
        "Vi søger en ikke-senior profil.",
        "Du er nyuddannet.",
        "Vi søger nyuddannede sygeplejersker.",
        "Du er max 35 år.",
        "Er du under 30, så søg.",
        "Du er mellem 25 og 35 år.",
        "Vi søger en 30-årig.",
        "Ansøgere i alderen 20-30.",
        "Du har højst 3 års erfaring.",
        "Du er digital native.",
        "Vi søger en ung medarbejder.",
        "Vi er en flok unge kolleger.",
    ],
)
def test_danish_age_wording_is_a_legal_risk(text):
    findings = [f for f in check(text).findings if f.category == "age"]
    assert findings, text
    assert findings[0].severity == "legal_risk"
    assert "forskelsbehandlingsloven §" in findings[0].reason
    assert findings[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Du skal arbejde med børn og unge.",
        "Undervisning af de yngre elever.",
        "Både nyuddannede og erfarne er velkomne.",
        "Nyuddannede er også velkomne til at søge.",
        "Du har mindst 3 års erfaring.",
        "Vi har eksisteret i over 20 år.",
        "Plejecentret har 30 beboere.",
        "Stillingen er på 32 timer.",
    ],
)
def test_danish_wording_that_is_not_about_the_applicants_age(text):
    assert [f for f in check(text).findings if f.category == "age"] == []


def test_the_age_finding_covers_the_whole_phrase():
    (finding,) = [f for f in check("Vi er et ungt og dynamisk team.").findings]
    assert finding.word == "ungt og dynamisk"
    assert (finding.start, finding.end) == (9, 25)


def test_junior_is_a_note_not_a_legal_risk():
    (finding,) = check("Stillingen som juniorkonsulent.").findings
    assert finding.category == "age" and finding.severity == "note"


@pytest.mark.parametrize(
    "text",
    [
        "We want a young engineer.",
        "Join our young and dynamic team!",
        "You are a recent graduate.",
        "Digital natives preferred.",
        "Candidates aged 25-35.",
        "You must be under 30 years old.",
        "Maximum 3 years of experience.",
    ],
)
def test_english_age_wording(text):
    findings = [f for f in check(text, lang="en").findings if f.category == "age"]
    assert findings and findings[0].severity == "legal_risk", text


@pytest.mark.parametrize(
    "text",
    ["You will work with young people.", "Recent graduates are also welcome to apply."],
)
def test_english_wording_that_is_not_about_the_applicants_age(text):
    assert [f for f in check(text, lang="en").findings if f.category == "age"] == []


# --- Readability ---------------------------------------------------------------------------------


def test_lix_worked_by_hand():
    # 11 words in 2 sentences; long words (more than 6 letters): sygeplejerske, kolleger,
    # spændende, opgaver = 4. LIX = 11/2 + 100 * 4/11 = 5.5 + 36.36 = 41.86 -> 41.9, "middel".
    r = check("Vi søger en sygeplejerske. Du får gode kolleger og spændende opgaver.").readability
    assert (r.words, r.sentences, r.long_words) == (11, 2, 4)
    assert r.lix == 41.9
    assert r.band == "middel"
    assert r.average_sentence_length == 5.5
    assert [s.words for s in r.longest] == [7, 4]
    assert r.longest[0].text == "Du får gode kolleger og spændende opgaver."


def test_lix_formula_and_bands():
    assert lix(12, 2, 3) == 31.0  # 6 + 25
    assert lix(0, 0, 0) is None
    assert [band(x) for x in (0, 24.9, 25, 34.9, 35, 44.9, 45, 54.9, 55, 80)] == [
        "meget let",
        "meget let",
        "let",
        "let",
        "middel",
        "middel",
        "svær",
        "svær",
        "meget svær",
        "meget svær",
    ]


def test_sentences_end_at_headings_and_list_items_not_at_abbreviations_or_dates():
    text = (
        "Om stillingen\n"
        "Du får bl.a. ansvar for fx. vagtplanen og starter 1. marts kl. 8.00.\n"
        "- tryghed\n"
        "- udvikling\n\n"
        "Løn: 1.500 kr. om ugen."
    )
    r = check(text).readability
    # "Om stillingen" | the long sentence | "tryghed" | "udvikling" | "Løn: ...".
    assert r.sentences == 5
    assert r.longest[0].text.startswith("Du får bl.a. ansvar")


def test_an_empty_text():
    report = check("")
    assert report.readability.lix is None
    assert report.gender.coding == "empty"
    assert report.findings == ()
    assert len(report.missing) == 7


# --- Missing facts -------------------------------------------------------------------------------


def test_missing_facts_from_the_text():
    text = (
        "Løn efter overenskomst mellem KL og FOA. Stillingen er på 32 timer om ugen. "
        "Arbejdssted: Plejecenter Nord, 7620 Lemvig. Ansøgningsfrist 15. januar. "
        "Kontakt Pia Leder på 12 34 56 78. Søg stillingen via linket."
    )
    assert check(text).missing == ()
    report = check("Vi søger en glad kollega.")
    assert [m.key for m in report.missing] == [
        "salary",
        "agreement",
        "hours",
        "place",
        "deadline",
        "contact",
        "how_to_apply",
    ]


def test_missing_facts_from_the_ads_fields():
    facts = AdFacts(
        salary="Løn efter overenskomst",
        weekly_hours="32",
        place="Plejecenter Nord",
        deadline="2027-01-15",
        contact="Pia Leder",
        how_to_apply="Ansøgningsformularen på karrieresiden",
    )
    # The agreement is named in the salary field.
    assert check("Vi søger en glad kollega.", facts=facts).missing == ()
    without_contact = AdFacts(**{**facts.__dict__, "contact": "", "salary": "30.000"})
    missing = check("Vi søger en glad kollega.", facts=without_contact).missing
    assert [m.key for m in missing] == ["agreement", "contact"]
    assert missing[1].label == "Kontaktperson"


# --- The report as data --------------------------------------------------------------------------


def test_the_report_as_json():
    data = check("Vi søger en yngre, stærk formand.").as_dict()
    json.dumps(data)  # JSON-ready
    assert set(data) == {
        "lang",
        "word_list",
        "counts",
        "findings",
        "verdict",
        "lix",
        "missing_facts",
    }
    assert [f["category"] for f in data["findings"]] == [
        "age",
        "masculine_coded",
        "gendered_title",
    ]
    assert data["findings"][0]["position"] == {"start": 12, "end": 17, "line": 1, "column": 13}
    assert data["counts"]["legal_risk"] == 1 and data["counts"]["advice"] == 2
    assert data["lix"]["band"] in {"meget let", "let", "middel", "svær", "meget svær"}


def test_the_check_never_changes_the_text():
    text = "Vi søger en yngre formand."
    check(text)
    assert text == "Vi søger en yngre formand."


def test_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        check("tekst", lang="sv")


def test_1500_words_in_under_50_ms():
    import time

    sentence = (
        "Vi søger en ambitiøs og empatisk social- og sundhedsassistent til et ungt team, "
        "hvor samarbejde og faglig udvikling går hånd i hånd. "
    )
    text = sentence * (1500 // len(sentence.split()) + 1)
    check(text)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        check(text)
        times.append(time.perf_counter() - start)
    # Generous for a shared test machine; benchmarks/bench_adcheck.py measures properly.
    assert min(times) < 0.05


# --- The age rules are tried only at trigger words: the same as scanning everything -------------

_CORPUS_DA = [
    "Vi søger en yngre ingeniør til vores unge og dynamiske team i MED-junior-gruppen.",
    "Er du under 30, og er du nyuddannet? Du er mellem 25 og 35 år, max. 40 år gammel.",
    "Ansøgere i alderen 20-30 og 30-årige. Du har højst 3 års erfaring og er ikke-senior.",
    "Vi er en flok unge kolleger, et ungt team af digitale natives og young professionals.",
    "Både nyuddannede og erfarne er velkomne. De yngre elever. Vi søger en yngre kollega.",
]
_CORPUS_EN = [
    "Join our young and dynamic team: recent graduates, digital natives and millennials.",
    "Candidates aged 25-35, no older than 40 years old; you must be under 30.",
    "Maximum 3 years of experience. A junior role. Work with young people.",
]


@pytest.mark.parametrize(
    ("lang", "text"), [("da", t) for t in _CORPUS_DA] + [("en", t) for t in _CORPUS_EN]
)
def test_age_rules_at_trigger_words_equal_a_full_scan(lang, text):
    import importlib

    module = importlib.import_module("charlie.recruitment.adcheck.check")
    lex = module._LEXICONS[lang]
    ends = module.sentence_ends(text)
    expected = []
    for match in lex.age_pattern.finditer(text):
        rule = lex.age_rules[int(match.lastgroup[1:])]
        if rule.unless_in_sentence and module._sentence_has(text, ends, match.start(), rule):
            continue
        expected.append((match.start(), match.end()))
    got = [(f.start, f.end) for f in check(text, lang=lang).findings if f.category == "age"]
    assert got == expected
    assert got  # every text has age wording
