"""Background work of recruitment and onboarding (``charlie daily`` queues the daily jobs)."""
