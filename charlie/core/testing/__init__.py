"""Test support shared by every app's tests: the registered URL cases and DKFDS table reading.

Each Charlie app declares its own cases in ``charlie/<app>/tests/cases.py`` (who may open each of
its URLs, and which of its URLs show personal data) and its own factories and fixtures in
``charlie/<app>/tests/factories.py``. The central tests (``tests/test_permissions.py``,
``charlie/privacy/tests/test_every_personal_data_url.py``) collect them from every installed
app through :mod:`charlie.core.testing.cases`, the way the menu collects its entries.
"""
