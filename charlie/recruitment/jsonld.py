"""schema.org ``JobPosting`` as JSON-LD for a job page (issue 15, point 3). Pure: no Django.

Search engines read the job from a ``<script type="application/ld+json">`` block:
https://schema.org/JobPosting and Google's guide to job postings
(https://developers.google.com/search/docs/appearance/structured-data/job-posting). The keys
given are the required ``title``, ``description`` (HTML), ``datePosted``, ``hiringOrganization``
and ``jobLocation`` (a ``Place`` with a ``PostalAddress``), and ``validThrough`` (the end of
the deadline day in Copenhagen: the ad is open through that whole day), ``employmentType`` and,
when the ad gives a salary in kroner a month, ``baseSalary`` as a ``MonetaryAmount`` in DKK per
``MONTH``.

``script_text`` writes it for a script element: ``<``, ``>`` and ``&`` (and the JavaScript
line separators) are escaped as ``\\uXXXX``, so no text in an ad can close the script element or
start markup, and the result still parses as the same JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["JobFacts", "job_posting", "script_text", "valid_through"]

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: The escapes Django's ``json_script`` uses, and the two line separators JavaScript once
#: treated as line ends.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass(frozen=True)
class JobFacts:
    """What a job page knows about the job (all public)."""

    url: str
    title: str
    description_html: str
    date_posted: date
    deadline: date
    employment_type: str
    organisation: str
    organisation_url: str
    place: str
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    identifier: str = ""


def valid_through(deadline: date) -> str:
    """The last second of the deadline day in Copenhagen, ISO 8601 with its UTC offset
    (``2027-01-15T23:59:59+01:00`` in winter, ``+02:00`` in summer)."""
    return datetime.combine(deadline, time(23, 59, 59), tzinfo=COPENHAGEN).isoformat()


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _salary(low: Decimal | None, high: Decimal | None) -> dict[str, Any] | None:
    if low is None and high is None:
        return None
    amount: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "MONTH"}
    if low is not None and high is not None and low != high:
        amount["minValue"] = _number(min(low, high))
        amount["maxValue"] = _number(max(low, high))
    else:
        amount["value"] = _number(low if low is not None else high)  # type: ignore[arg-type]
    return {"@type": "MonetaryAmount", "currency": "DKK", "value": amount}


def job_posting(job: JobFacts) -> dict[str, Any]:
    """The ``JobPosting`` object for ``job`` (keys with no value are left out)."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "DK"}
    if job.street_address:
        address["streetAddress"] = job.street_address
    if job.postal_code:
        address["postalCode"] = job.postal_code
    address["addressLocality"] = job.city or job.place
    organisation: dict[str, Any] = {"@type": "Organization", "name": job.organisation}
    if job.organisation_url:
        organisation["sameAs"] = job.organisation_url
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description_html,
        "datePosted": job.date_posted.isoformat(),
        "validThrough": valid_through(job.deadline),
        "employmentType": job.employment_type,
        "hiringOrganization": organisation,
        "jobLocation": {"@type": "Place", "name": job.place, "address": address},
        "url": job.url,
    }
    if job.identifier:
        data["identifier"] = {
            "@type": "PropertyValue",
            "name": job.organisation,
            "value": job.identifier,
        }
    salary = _salary(job.salary_min, job.salary_max)
    if salary is not None:
        data["baseSalary"] = salary
    return data


def script_text(data: dict[str, Any]) -> str:
    """``data`` as JSON safe to put between ``<script type="application/ld+json">`` and
    ``</script>`` as it is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
