"""Benchmarks apart from the tests (see README.md); run one with ``python -m benchmarks.<name>``."""
