"""Privacy's use cases, by topic; this package's names are its public face to the other apps.

- ``audit``: ``record``, the only writer of the audit log, and the register check before it;
- ``audit_log``: the data protection officer's search, page and CSV export of the log;
- ``register``: the data-use register ("Sådan bruger vi HR-data") and the DPO's edits;
- ``own_data``: "Mine data" (GDPR art. 15 and 20) as a page, JSON and PDF;
- ``corrections``: requests for correction (GDPR art. 16), asked by the employee, handled by HR;
- ``retention``: retention rules, proposed batches and the DPO's decisions
  (``from charlie.privacy.services import retention``; its names are not repeated here).

Every service that acts for someone takes ``access: Access`` first (``charlie.privacy.access``;
named under ``TYPE_CHECKING`` only, because ``access`` writes the log through ``audit``).
Privacy imports no other app: people are resolved through ``charlie.privacy.registry``.
"""

from charlie.privacy.services.audit import (
    DETAIL_MAX_LENGTH,
    OWN_INSIGHT,
    AccountSubject,
    UnregisteredPurpose,
    check_registered,
    record,
)
from charlie.privacy.services.audit_log import (
    AUDIT_LOG_CATEGORY,
    AUDIT_PAGE_SIZE,
    CSV_HEADER,
    SUPERVISION,
    AuditFilter,
    AuditRow,
    audit_page,
    export_csv_chunks,
    require_audit_access,
    rows_for,
    search_audit,
)
from charlie.privacy.services.corrections import (
    CORRECTION_TEXT_MAX_LENGTH,
    CORRECTIONS_PAGE_SIZE,
    HR_ADMINISTRATION,
    CorrectionRow,
    correction_choices,
    get_correction,
    handle_correction,
    list_corrections,
    open_corrections_count,
    request_correction,
    require_corrections_access,
)
from charlie.privacy.services.own_data import (
    MY_DATA_AUDIT_LIMIT,
    MY_DATA_PDF_DETAIL,
    CategoryData,
    MyData,
    my_data,
    my_data_export,
    pdf_url_fetcher,
    render_pdf,
)
from charlie.privacy.services.register import (
    EDITABLE_FIELDS,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    VersionRow,
    category_labels,
    field_label,
    get_purpose,
    history,
    purposes,
    require_register_editor,
    update_purpose,
)

__all__ = [
    "AUDIT_LOG_CATEGORY",
    "AUDIT_PAGE_SIZE",
    "CORRECTIONS_PAGE_SIZE",
    "CORRECTION_TEXT_MAX_LENGTH",
    "CSV_HEADER",
    "DETAIL_MAX_LENGTH",
    "EDITABLE_FIELDS",
    "HR_ADMINISTRATION",
    "MY_DATA_AUDIT_LIMIT",
    "MY_DATA_PDF_DETAIL",
    "NAME_MAX_LENGTH",
    "NOTE_MAX_LENGTH",
    "OWN_INSIGHT",
    "SUPERVISION",
    "AccountSubject",
    "AuditFilter",
    "AuditRow",
    "CategoryData",
    "CorrectionRow",
    "MyData",
    "UnregisteredPurpose",
    "VersionRow",
    "audit_page",
    "category_labels",
    "check_registered",
    "correction_choices",
    "export_csv_chunks",
    "field_label",
    "get_correction",
    "get_purpose",
    "handle_correction",
    "history",
    "list_corrections",
    "my_data",
    "my_data_export",
    "open_corrections_count",
    "pdf_url_fetcher",
    "purposes",
    "record",
    "render_pdf",
    "request_correction",
    "require_audit_access",
    "require_corrections_access",
    "require_register_editor",
    "rows_for",
    "search_audit",
    "update_purpose",
]
