"""The retention rules of learning (docs/retention.md), registered in ``apps.py``: quiz attempts
and completions are deleted N years after their date, once the data protection officer approves
a batch."""

from __future__ import annotations
