"""The English gender-coded word stems of Gender Decoder, as data.

Source: Gender Decoder by lovedaybrooke, ``app/wordlists/en.py``
(https://github.com/lovedaybrooke/gender-decoder), which takes the words from Gaucher, Friesen
and Kay (2011), "Evidence That Gendered Wording in Job Advertisements Exists and Sustains Gender
Inequality", *Journal of Personality and Social Psychology* 101(1), 109–128,
doi:10.1037/a0022530 (DOMAIN.md 7.1–7.2). Only the word lists are taken, written out here as data;
no code. Changes: the older list's typos ("implusive", "shar") are not carried over (the stems
are "impulsive" and "share"/"sharin"); duplicates that the prefix match makes redundant
("dominant" under "domina", the hyphen-less spellings) are kept, since a word is counted once
however many stems it starts with (``check.py``).

The MIT licence of the word lists:

    The MIT License (MIT)

    Copyright (c) 2016 lovedaybrooke

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
    SOFTWARE.
"""

from __future__ import annotations

SOURCE = "Gender Decoder (lovedaybrooke/gender-decoder, MIT), efter Gaucher, Friesen og Kay (2011)"

FEMININE: tuple[str, ...] = (
    "agree",
    "affectionate",
    "child",
    "cheer",
    "collab",
    "commit",
    "communal",
    "compassion",
    "connect",
    "considerate",
    "cooperat",
    "co-operat",
    "depend",
    "emotiona",
    "empath",
    "feel",
    "flatterable",
    "gentle",
    "honest",
    "interpersonal",
    "interdependen",
    "interpersona",
    "inter-personal",
    "inter-dependen",
    "inter-persona",
    "kind",
    "kinship",
    "loyal",
    "modesty",
    "nag",
    "nurtur",
    "pleasant",
    "polite",
    "quiet",
    "respon",
    "sensitiv",
    "submissive",
    "support",
    "sympath",
    "tender",
    "together",
    "trust",
    "understand",
    "warm",
    "whin",
    "enthusias",
    "inclusive",
    "yield",
    "share",
    "sharin",
)

MASCULINE: tuple[str, ...] = (
    "active",
    "adventurous",
    "aggress",
    "ambitio",
    "analy",
    "assert",
    "athlet",
    "autonom",
    "battle",
    "boast",
    "challeng",
    "champion",
    "compet",
    "confident",
    "courag",
    "decid",
    "decision",
    "decisive",
    "defend",
    "determin",
    "domina",
    "dominant",
    "driven",
    "fearless",
    "fight",
    "force",
    "greedy",
    "head-strong",
    "headstrong",
    "hierarch",
    "hostil",
    "impulsive",
    "independen",
    "individual",
    "intellect",
    "lead",
    "logic",
    "objective",
    "opinion",
    "outspoken",
    "persist",
    "principle",
    "reckless",
    "self-confiden",
    "self-relian",
    "self-sufficien",
    "selfconfiden",
    "selfrelian",
    "selfsufficien",
    "stubborn",
    "superior",
    "unreasonab",
)

#: Charlie's additions, not Gender Decoder's: words that start with a stem but mean something
#: else (a committee is not commitment, competence not competition, a collective agreement not
#: agreeableness, kindergarten not kindness). A word starting with one of these is not counted.
NOT_CODED_PREFIXES: tuple[str, ...] = (
    "agreement",
    "committee",
    "competen",
    "kindergarten",
    "kindl",
    "kinds",
    "shareholder",
    "trustee",
    "objectives",
)

#: Charlie's additions: a stem word followed by a word starting with one of these is not
#: counted ("kind of", "this will lead to").
NOT_BEFORE: dict[str, tuple[str, ...]] = {
    "kind": ("of",),
    "lead": ("to",),
    "leads": ("to",),
}

#: Charlie's additions: a stem word right after one of these is not counted.
NOT_AFTER: dict[str, tuple[str, ...]] = {}
