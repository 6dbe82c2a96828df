"""Whether Charlie can serve: the check behind ``/healthz``."""

from __future__ import annotations

import logging

from django.db import connection

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    """True when the database answers ``SELECT 1``. Any failure — refused connection, a full
    pool, a locked or missing SQLite file — is logged here and answers False, so the health
    check itself never fails with a 500."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # every failure means "not healthy"
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False
    return True
