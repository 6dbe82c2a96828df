"""Birth date and legal gender from a CPR number, for the import. Pure: no Django.

The import needs two facts that a payroll export only carries inside the CPR number: the birth
date (for age, pension and workforce projections) and the legal gender (for statistics). Both are
read here and the CPR number itself is then discarded by the caller: Charlie never stores, shows,
logs or repeats it, not even in an error message (databeskyttelsesloven § 11: a public authority
may use the CPR number to identify a person, not publish it; Charlie matches people on the
employee number instead, so it has no reason to keep it).

The rules come from CPR-kontoret, "Personnummeret i CPR-systemet" (Indenrigs- og
Sundhedsministeriet, CPR-kontoret):

* The first six digits are the birth date as DDMMÅÅ.
* The 7th digit together with the two-digit year gives the century:

  ============  ==============  ==============
  7th digit     year 00–36      year 37–99
  ============  ==============  ==============
  0, 1, 2, 3    19xx            19xx
  4, 9          20xx            19xx
  ============  ==============  ==============

  ============  ==============  ==============
  7th digit     year 00–57      year 58–99
  ============  ==============  ==============
  5, 6, 7, 8    20xx            18xx
  ============  ==============  ==============

* The last digit gives the legal gender: odd for a man, even for a woman.

There is deliberately no modulus-11 check: CPR-kontoret has issued numbers that fail it since
2007, so a correct number can fail the check.
"""

from __future__ import annotations

from datetime import date

__all__ = ["FEMALE", "MALE", "from_cpr"]

#: ``people.models.Gender`` values (kept as literals so this module stays free of Django).
FEMALE = "K"
MALE = "M"

_ONLY_DIGITS = "Skriv det som DDMMÅÅ-LLLL eller DDMMÅÅLLLL, fx med bindestreg efter fødselsdatoen."


def _century(seventh: int, year: int) -> int:
    """The century (1800, 1900 or 2000) from the 7th digit and the two-digit year."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    # 5, 6, 7 or 8
    return 2000 if year <= 57 else 1800


def from_cpr(text: str) -> tuple[date, str]:
    """Return (birth date, legal gender ``"K"`` or ``"M"``) for a CPR number.

    Accepts ``DDMMYY-SSSS`` and ``DDMMYYSSSS`` (surrounding white space is ignored). Raises
    ``ValueError`` with a Danish message that says how to fix it; the message never contains the
    number or any part of it.
    """
    value = text.strip()
    hyphenated = len(value) == 11 and value[6] == "-"
    digits = value[:6] + value[7:] if hyphenated else value
    if not (digits.isascii() and digits.isdigit()):
        if sum(ch in "0123456789" for ch in value) == 10:
            raise ValueError(
                "CPR-nummeret må kun indeholde cifre og højst én bindestreg efter de første "
                "seks cifre. " + _ONLY_DIGITS
            )
        raise ValueError("CPR-nummeret har ikke 10 cifre. " + _ONLY_DIGITS)
    if len(digits) != 10:
        raise ValueError("CPR-nummeret har ikke 10 cifre. " + _ONLY_DIGITS)

    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    century = _century(int(digits[6]), year)
    try:
        birth_date = date(century + year, month, day)
    except ValueError:
        raise ValueError(
            "CPR-nummeret indeholder en dato, der ikke findes. Tjek de første seks cifre "
            "(fødselsdatoen som DDMMÅÅ)."
        ) from None
    gender = MALE if int(digits[9]) % 2 == 1 else FEMALE
    return birth_date, gender
