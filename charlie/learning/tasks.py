"""Daily jobs of learning (``charlie daily`` enqueues them; ``charlie worker`` runs them). They
act for nobody and only call the app's services. Each part adds its jobs below."""

from __future__ import annotations
