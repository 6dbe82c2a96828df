"""Tables shared by every app: the user account and the log-in attempts used for lock-out."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role


class User(AbstractUser):
    """A person's log-in. The link to the employee record lives on ``people.Person.user``."""

    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    is_demo = models.BooleanField(
        _("demo-login"),
        default=False,
        help_text=_("Demo-logins virker kun, når CHARLIE_DEMO er slået til."),
    )

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class LoginAttempt(models.Model):
    """One log-in attempt, kept for the lock-out rule and pruned by ``charlie daily``."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField()
    attempted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("log-in-forsøg")
        verbose_name_plural = _("log-in-forsøg")
        indexes = [models.Index(fields=["username", "attempted_at"])]

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else "fejl"
        return f"{self.username} {self.attempted_at:%Y-%m-%d %H:%M} {outcome}"
