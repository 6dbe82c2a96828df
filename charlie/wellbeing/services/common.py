"""What every part of the wellbeing services shares: the data category and purpose, and the
caller's access for well-being and the working environment."""

from __future__ import annotations

from dataclasses import replace

from charlie.people.services import today
from charlie.privacy.access import Access

__all__ = ["CATEGORY", "PURPOSE", "for_wellbeing", "today"]

#: The data category of the app's personal data (registered in apps.py): invitations (who was
#: invited, and while a survey is open whether they have answered), action plans' owners,
#: participation in initiatives. Answers are not personal data of anyone: they hold no person.
CATEGORY = "trivsel"

#: The purpose in the data-use register (migration 0002): well-being and the working environment.
PURPOSE = "trivsel"


def for_wellbeing(access: Access) -> Access:
    """The caller acting for well-being and the working environment: others' data is read and
    written under the purpose ``trivsel`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access
