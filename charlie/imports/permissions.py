"""What the import lets each role do (``charlie.privacy.access``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Upload files from the payroll system (OPUS) or in Charlie's own format, follow the runs, and
#: confirm a run that would end many employments. The ``charlie import`` command runs as the
#: server's operator with HR's permissions (``people.services.operator_access``).
IMPORT_DATA = Permission(
    "imports.import_data",
    _("Importere medarbejdere, ansættelser og fravær fra filer"),
    frozenset({Role.HR}),
)
