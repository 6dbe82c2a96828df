"""The retention rules of well-being and the working environment (docs/retention.md), registered
in ``apps.py``. The DPO approves each batch; nothing is deleted before. Each part of the app adds
its rules below."""

from __future__ import annotations
