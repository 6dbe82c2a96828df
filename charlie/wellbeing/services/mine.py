"""What "Mine data" shows of well-being (GDPR art. 15): the surveys a person was invited to —
never their answers, which are not linked to them — the initiatives they joined and the
actions they own."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from charlie.core.formats import format_date
from charlie.wellbeing.models import Action, Invitation, Participation


def my_data(person_id: int) -> list[dict[str, Any]]:
    """One person's well-being data for "Mine data", with Danish labels."""
    rows: list[dict[str, Any]] = []
    invitations = Invitation.objects.filter(person_id=person_id).select_related("survey")
    for invitation in invitations.order_by("survey__opens_on", "pk"):
        survey = invitation.survey
        rows.append(
            {
                _("Oplysning"): _("Inviteret til måling"),
                _("Måling"): survey.name,
                _("Periode"): f"{format_date(survey.opens_on)}–{format_date(survey.closes_on)}",
                _("Bemærkning"): _(
                    "Dine svar er ikke knyttet til dig: de gemmes kun med din enhed og de "
                    "baggrundsoplysninger, målingen spørger om."
                ),
            }
        )
    joined = Participation.objects.filter(person_id=person_id).select_related("initiative")
    for participation in joined.order_by("joined_on", "pk"):
        rows.append(
            {
                _("Oplysning"): _("Tilmeldt initiativ"),
                _("Initiativ"): participation.initiative.title,
                _("Tilmeldt"): format_date(participation.joined_on),
            }
        )
    owned = Action.objects.filter(owner__person__pk=person_id).select_related("unit")
    for action in owned.order_by("deadline", "pk"):
        rows.append(
            {
                _("Oplysning"): _("Ansvarlig for handling"),
                _("Handling"): action.action,
                _("Enhed"): action.unit.name,
                _("Frist"): format_date(action.deadline),
                _("Status"): action.get_status_display(),
            }
        )
    return rows
