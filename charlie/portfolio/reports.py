"""The council/management report as an Excel workbook (``core.excel`` writes the file) and the
overview's chart: the same figures the PDF and the overview page show (docs/portfolio-reports.md).
One sheet each: beacons, initiatives, benefits, automations, and the overview by stage, beacon
and forvaltning. No names of people."""

from __future__ import annotations

from django.utils.translation import gettext as _

from charlie.core import charts
from charlie.core.excel import Column, Sheet, workbook_bytes
from charlie.core.formats import format_date, format_number, format_percent
from charlie.portfolio.models import Stage
from charlie.portfolio.services.reports import CouncilReport, Group, Overview


def stage_chart(overview: Overview) -> str:
    """Initiatives per stage as horizontal bars, every stage named (the table beside it has
    the figures)."""
    if not overview.total.count:
        return ""
    return charts.bar_chart(
        "portefoelje-faser",
        _("Initiativer pr. fase"),
        _(
            "Søjlediagram over antallet af initiativer i hver fase, fra idé til afsluttet. "
            "Tallene står i tabellen under diagrammet sammen med nutidsværdi og gevinster."
        ),
        [(g.label, float(g.count)) for g in overview.by_stage],
        digits=0,
    )


def notes(report: CouncilReport) -> list[str]:
    return [
        _("Digitaliseringsporteføljen pr. %(day)s.") % {"day": format_date(report.on)},
        _(
            "Nutidsværdi: business casens gevinster minus omkostninger, diskonteret med "
            "Finansministeriets samfundsøkonomiske diskonteringsrente (%(early)s år 0–35, "
            "%(late)s derefter, eller casens egen rente). Tom: initiativet har ingen business "
            "case."
        )
        % {"early": format_percent(3.5), "late": format_percent(2.5)},
        _(
            "Gevinster i kroner: sparede timer gange timesatsen (%(rate)s kr.), kroner som de "
            "er. Gevinster målt i en anden enhed tælles ikke med i kronerne. »Planlagt til nu« "
            "er planen for de perioder, der er slut, og for perioder med et indtastet tal."
        )
        % {"rate": format_number(report.overview.hourly_rate, 0)},
    ]


def _share(value: float | None) -> float | None:
    return value


def _group_rows(title: str, groups: list[Group]) -> list[list[str | int | float | None]]:
    return [
        [
            title,
            g.label,
            g.count,
            g.with_case,
            g.npv if g.with_case else None,
            float(g.benefits.planned_so_far),
            float(g.benefits.realised_so_far),
            _share(g.benefits.share),
        ]
        for g in groups
    ]


def workbook(report: CouncilReport) -> bytes:
    note_lines = notes(report)
    o = report.overview
    sheets = [
        Sheet(
            _("Pejlemærker"),
            [
                Column(_("Pejlemærke")),
                Column(_("Indikator")),
                Column(_("Enhed")),
                Column(_("Udgangspunkt"), "#,##0.0#"),
                Column(_("Mål"), "#,##0.0#"),
                Column(_("Frist")),
                Column(_("Seneste måling"), "#,##0.0#"),
                Column(_("Målt")),
                Column(_("Fremdrift mod målet"), "0%"),
                Column(_("Status")),
                Column(_("Initiativer")),
            ],
            [
                [
                    b.beacon.title,
                    b.beacon.indicator,
                    b.beacon.unit,
                    float(b.beacon.baseline),
                    float(b.beacon.target),
                    format_date(b.beacon.deadline),
                    float(b.latest.value) if b.latest else None,
                    format_date(b.latest.measured_on) if b.latest else None,
                    b.progress,
                    b.status_label,
                    ", ".join(str(n) for n in b.initiative_numbers),
                ]
                for b in report.beacons
            ],
            [
                *note_lines,
                _(
                    "Fremdrift: (seneste måling − udgangspunkt) / (mål − udgangspunkt). På rette "
                    "vej: fremdriften er mindst lige så stor som den del af tiden fra "
                    "udgangspunktet til fristen, der er gået."
                ),
            ],
            frozen_columns=1,
        ),
        Sheet(
            _("Initiativer"),
            [
                Column(_("Nr.")),
                Column(_("Initiativ")),
                Column(_("Fase")),
                Column(_("Forvaltning")),
                Column(_("Nutidsværdi (kr.)"), "#,##0"),
                Column(_("Tilbagebetalt (år)")),
                Column(_("Gevinst år 0 (kr.)"), "#,##0"),
                Column(_("Skal gennemføres")),
            ],
            [
                [
                    r.initiative.number,
                    r.initiative.title,
                    str(Stage(r.initiative.stage).label),
                    r.forvaltning,
                    r.npv,
                    r.payback_year,
                    r.early_gains,
                    _("Ja") if r.initiative.must_do else _("Nej"),
                ]
                for r in report.initiatives
            ],
            note_lines,
            frozen_columns=2,
        ),
        Sheet(
            _("Gevinster"),
            [
                Column(_("Nr.")),
                Column(_("Initiativ")),
                Column(_("Planlagt i alt (kr.)"), "#,##0"),
                Column(_("Planlagt til nu (kr.)"), "#,##0"),
                Column(_("Realiseret til nu (kr.)"), "#,##0"),
                Column(_("Andel realiseret"), "0%"),
                Column(_("Gevinster i anden enhed")),
            ],
            [
                [
                    r.initiative.number,
                    r.initiative.title,
                    float(r.benefits.planned_total),
                    float(r.benefits.planned_so_far),
                    float(r.benefits.realised_so_far),
                    _share(r.benefits.share),
                    r.benefits.other,
                ]
                for r in report.with_benefits
            ],
            note_lines,
            frozen_columns=2,
        ),
        Sheet(
            _("Automatiseringer"),
            [
                Column(_("Navn")),
                Column(_("Type")),
                Column(_("Status")),
                Column(_("Sparede timer pr. måned"), "#,##0.0"),
                Column(_("Personoplysninger")),
                Column(_("Gennemses af en person")),
                Column(_("Initiativ")),
            ],
            [
                [
                    a.name,
                    a.get_kind_display(),
                    a.get_status_display(),
                    float(a.hours_saved_per_month),
                    _("Ja") if a.personal_data else _("Nej"),
                    _("Ja") if a.human_review else _("Nej"),
                    str(a.initiative) if a.initiative else "",
                ]
                for a in report.automations
            ],
            [_("Planlagte, i drift og på pause; udfasede er udeladt.")],
            frozen_columns=1,
        ),
        Sheet(
            _("Overblik"),
            [
                Column(_("Opdelt efter")),
                Column(_("Gruppe")),
                Column(_("Initiativer"), "0"),
                Column(_("Med business case"), "0"),
                Column(_("Nutidsværdi i alt (kr.)"), "#,##0"),
                Column(_("Planlagt til nu (kr.)"), "#,##0"),
                Column(_("Realiseret til nu (kr.)"), "#,##0"),
                Column(_("Andel realiseret"), "0%"),
            ],
            [
                *_group_rows(_("Fase"), o.by_stage),
                *_group_rows(_("Pejlemærke"), o.by_beacon),
                *_group_rows(_("Forvaltning"), o.by_forvaltning),
                *_group_rows(_("I alt"), [o.total]),
            ],
            [
                *note_lines,
                _("Et initiativ, der tjener flere pejlemærker, tælles med under hvert af dem."),
            ],
            frozen_columns=2,
        ),
    ]
    return workbook_bytes(sheets)
