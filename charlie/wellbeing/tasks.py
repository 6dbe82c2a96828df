"""Daily jobs of well-being and the working environment (``charlie daily`` enqueues them;
``charlie worker`` runs them). They only call the app's services. Each part adds its jobs below
(or in a ``tasks_<part>.py`` imported from ``apps.py``)."""

from __future__ import annotations
