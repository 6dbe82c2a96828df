"""The inclusive-language check of job ads (issue 15, point 2): gender-coded words (Gender
Decoder's English list; Charlie's own Danish list, not a validated instrument), gendered titles,
age wording that forskelsbehandlingsloven § 5 forbids or risks, readability (LIX) and the facts a
municipal ad must carry. Pure: no Django. docs/recruitment-adcheck.md describes it."""

from charlie.recruitment.adcheck.check import (
    LANGUAGES,
    Finding,
    GenderVerdict,
    MissingFact,
    Report,
    check,
)
from charlie.recruitment.adcheck.facts import AdFacts
from charlie.recruitment.adcheck.readability import Readability, band, lix

__all__ = [
    "LANGUAGES",
    "AdFacts",
    "Finding",
    "GenderVerdict",
    "MissingFact",
    "Readability",
    "Report",
    "band",
    "check",
    "lix",
]
