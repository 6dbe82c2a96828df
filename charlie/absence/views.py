"""Absence pages: thin HTTP over ``absence.services`` (and ``absence.followup``)."""

from __future__ import annotations
