"""Tables shared by every app: the user account and the log-in attempts used for lock-out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.core.tokens import token_status


class CharlieUserManager(UserManager["User"]):
    """Django's user manager without superusers: Charlie's access follows the role alone."""

    def create_superuser(self, *args: Any, **kwargs: Any) -> User:
        raise ValueError(
            "Charlie has no superusers. Create the first administrator, HR user or data "
            "protection officer with `charlie bootstrap-role` (docs/operations.md)."
        )


class User(AbstractUser):
    """A person's log-in. The link to the employee record lives on ``people.Person.user``.

    The role is changed only through ``charlie.accounts.services`` (audited; HR and DPO need a
    second person's approval). ``is_superuser`` is always false (a constraint): Django's
    superuser flag would grant every model permission outside the role. ``is_staff`` is not used.
    """

    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    is_demo = models.BooleanField(
        _("demo-login"),
        default=False,
        help_text=_("Demo-logins virker kun, når CHARLIE_DEMO er slået til."),
    )
    password_from_administrator = models.BooleanField(
        _("adgangskode sat af en administrator"),
        default=False,
        help_text=_(
            "Sand, indtil brugeren selv har valgt en ny adgangskode. Så længe kan brugeren ikke "
            "få rollen HR eller databeskyttelsesrådgiver."
        ),
    )

    password_set_by_administrator_at = models.DateTimeField(
        _("adgangskode sidst sat af en administrator"),
        null=True,
        blank=True,
        help_text=_(
            "Vises for den, der skal godkende en rolle med adgang til personoplysninger: en "
            "nylig ny adgangskode fra en administrator er grund til at spørge brugeren selv."
        ),
    )

    objects = CharlieUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_superuser=False), name="core_user_never_superuser"
            )
        ]

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


class ApiToken(models.Model):
    """A personal API token (``Authorization: Bearer charlie_…``); see ``charlie.core.tokens``.

    The token itself is shown once when it is made and never stored. ``key_hash`` is its SHA-256:
    the token is 256 random bits, so unlike a password it cannot be guessed and a slow hash would
    add nothing but cost on every request. ``prefix`` (the first characters of the random part) is
    kept in clear only so the owner can tell their tokens apart.
    """

    user = models.ForeignKey(
        User, verbose_name=_("bruger"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("navn"), max_length=100)
    prefix = models.CharField(_("begyndelse"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("udløber"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (charlie_{self.prefix}…)"

    @property
    def status(self) -> str:
        return token_status(
            revoked_at=self.revoked_at, expires_at=self.expires_at, now=timezone.now()
        ).value


class DataVersion(models.Model):
    """A counter per data area, bumped on every change, so cached results are keyed by the
    version of the data they were computed from (DESIGN.md, Data) and go stale by themselves."""

    name = models.CharField(max_length=50, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dataversion")
        verbose_name_plural = _("dataversioner")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
