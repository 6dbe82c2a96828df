"""A unit's results as an Excel workbook (``core.excel`` writes the file): the same figures the
results page shows, hidden ones as empty cells, with notes on the thresholds and how to read
the scores. One sheet each: dimensions, questions (with the distribution of answers), the
sub-units, the background splits and the response rate."""

from __future__ import annotations

from django.utils.translation import gettext as _

from charlie.core.excel import Column, Sheet, workbook_bytes
from charlie.core.formats import format_date
from charlie.wellbeing.services.results import FigureRow, UnitPage


def _share(value: float | None) -> float | None:
    """A share as stored (the column's format shows it as per cent)."""
    return value


def _score(value: float | None) -> float | None:
    """A score as computed (the column's format shows one decimal)."""
    return value


def notes(page: UnitPage) -> list[str]:
    survey = page.survey
    where = page.unit_name or _("Hele målingen")
    return [
        _("%(survey)s, %(start)s–%(end)s. %(where)s med underenheder.")
        % {
            "survey": survey.name,
            "start": format_date(survey.opens_on),
            "end": format_date(survey.closes_on),
            "where": where,
        },
        _(
            "Score fra 0 til 100: svaret vendt, så det gunstigste er højest (1 = 0, 2 = 25, "
            "3 = 50, 4 = 75, 5 = 100). Andel gunstige: svar i de to gunstigste kategorier."
        ),
        _(
            "Tomme felter er skjulte: færre end %(n)s svar (%(s)s ved spørgsmål om krænkende "
            "adfærd), eller tal, som andre tal ellers kunne regnes ud fra."
        )
        % {"n": survey.min_group, "s": survey.min_sensitive},
    ]


def _figure_columns() -> list[Column]:
    return [
        Column(_("Svar"), "0"),
        Column(_("Score (0–100)"), "0.0"),
        Column(_("Andel gunstige"), "0%"),
        Column(_("Hele målingen"), "0.0"),
        Column(_("Forskel til hele målingen"), "+0.0;-0.0;0.0"),
        Column(_("Sidste måling"), "0.0"),
        Column(_("Forskel til sidste måling"), "+0.0;-0.0;0.0"),
    ]


def _figure_cells(row: FigureRow) -> list[str | int | float | None]:
    return [
        row.answers,
        _score(row.headline),
        _share(row.favourable),
        _score(row.municipality),
        _score(row.versus_municipality),
        _score(row.previous),
        _score(row.versus_previous),
    ]


def workbook(page: UnitPage) -> bytes:
    sheets = []
    note_lines = notes(page)
    sheets.append(
        Sheet(
            _("Dimensioner"),
            [Column(_("Dimension")), *_figure_columns()],
            [[r.label, *_figure_cells(r)] for r in page.dimensions],
            note_lines,
            frozen_columns=1,
        )
    )
    max_options = max(
        (len(q.distribution) for d in page.dimensions for q in d.questions), default=0
    )
    max_options = max(max_options, *(len(q.distribution) for q in page.questions), 0)
    question_rows = []
    for dim_label, questions in [(d.label, d.questions) for d in page.dimensions] + [
        ("", page.questions)
    ]:
        for q in questions:
            shares = [(s.label, _share(s.share)) for s in q.distribution]
            cells: list[str | int | float | None] = [dim_label, q.label, *_figure_cells(q)]
            cells.append(_share(q.exposed))
            for label, share in shares:
                cells += [label, share]
            question_rows.append(cells)
    option_columns = []
    for i in range(max_options):
        option_columns += [
            Column(_("Svarmulighed %(n)s") % {"n": i + 1}),
            Column(_("Andel %(n)s") % {"n": i + 1}, "0%"),
        ]
    sheets.append(
        Sheet(
            _("Spørgsmål"),
            [
                Column(_("Dimension")),
                Column(_("Spørgsmål")),
                *_figure_columns(),
                Column(_("Andel udsat"), "0%"),
                *option_columns,
            ],
            question_rows,
            [
                *note_lines,
                _(
                    "Score er for spørgsmål på en skala; ved spørgsmål om krænkende adfærd står "
                    "andelen, der har svaret andet end »Nej«, i kolonnen Score (i procent) og "
                    "i Andel udsat."
                ),
            ],
            frozen_columns=2,
        )
    )
    if page.children:
        sheets.append(
            Sheet(
                _("Underenheder"),
                [Column(_("Enhed")), Column(_("Svar"), "0"), Column(_("Score (0–100)"), "0.0")],
                [
                    [page.labels.get(c.unit.id, c.unit.name), c.responses, _score(c.score)]
                    for c in page.children
                ],
                note_lines,
                frozen_columns=1,
            )
        )
    for split in page.bands:
        sheets.append(
            Sheet(
                _("Efter %(band)s") % {"band": split.label.lower()},
                [Column(_("Dimension")), *(Column(v, "0.0") for v in split.values)],
                [
                    [_("Svar"), *split.responses],
                    *([label, *(_score(v) for v in values)] for label, values in split.dimensions),
                ],
                note_lines,
                frozen_columns=1,
            )
        )
    if page.rate is not None:
        sheets.append(
            Sheet(
                _("Svarprocent"),
                [
                    Column(_("Inviterede"), "0"),
                    Column(_("Besvarede"), "0"),
                    Column(_("Svarprocent"), "0%"),
                ],
                [[page.rate.invited, page.rate.answered, _share(page.rate.rate)]],
                note_lines,
            )
        )
    return workbook_bytes(sheets)
