"""Role changes: who asked for which role for whom, and who approved, rejected or withdrew it.

The user's role itself lives on ``core.User.role``; it is changed only by
``charlie.accounts.services``. Every change of a role is a ``RoleChange``: applied at once
(status ``done``) for the roles that do not see personal data, or ``pending`` until a second,
qualified person decides it for HR and data protection officer (decision 0014). The audit log
(``privacy.AuditEntry``) records each step as well; this table is the history shown on the
user's page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.models import user_link


class RoleChangeStatus(models.TextChoices):
    PENDING = "pending", _("Afventer godkendelse")
    DONE = "done", _("Gennemført")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


class RoleChangeSource(models.TextChoices):
    CHARLIE = "charlie", _("Brugere og roller")
    IDP = "idp", _("Kommunens log-in (gruppe)")


class RoleChange(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="role_changes",
    )
    from_role = models.CharField(_("fra rolle"), max_length=20, choices=Role.choices)
    to_role = models.CharField(_("til rolle"), max_length=20, choices=Role.choices)
    reason = models.CharField(_("begrundelse"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=RoleChangeStatus.choices, db_index=True
    )
    requested_by = user_link(_("anmodet af"))
    requested_by_username = models.CharField(_("anmodet af (brugernavn)"), max_length=150)
    requested_at = models.DateTimeField(_("anmodet"), auto_now_add=True)
    decided_by = user_link(_("afgjort af"))
    decided_by_username = models.CharField(_("afgjort af (brugernavn)"), max_length=150, blank=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decision_note = models.CharField(_("note til afgørelsen"), max_length=500, blank=True)
    #: Where the change came from: a person in Charlie (or ``charlie bootstrap-role``), or the
    #: municipality's identity provider, whose group gave the role at a log-in (decision 0020).
    source = models.CharField(
        _("kilde"),
        max_length=10,
        choices=RoleChangeSource.choices,
        default=RoleChangeSource.CHARLIE,
    )

    class Meta:
        verbose_name = _("rolleændring")
        verbose_name_plural = _("rolleændringer")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request per user at a time: a second would race the first.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="accounts_one_pending_role_change",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == RoleChangeStatus.PENDING


class IdentityLink(models.Model):
    """An account's identity at the municipality's identity provider (OpenID Connect).

    ``issuer`` + ``subject`` (the id_token's ``iss`` and ``sub``) are the IdP's stable name for
    the user; after the first log-in the account is found by them, whatever the e-mail becomes.
    ``role_from_groups`` is true while a group → role mapping is configured: the account's role
    then follows its IdP groups at every log-in (decision 0020), and is not changed in Charlie.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="identity_link",
    )
    issuer = models.CharField(_("udsteder"), max_length=255)
    subject = models.CharField(_("id hos udstederen"), max_length=255)
    role_from_groups = models.BooleanField(_("rollen følger grupperne"), default=False)
    #: The mapped group that gave the current role, as of the last log-in ("" when none did).
    role_group = models.CharField(_("gruppe, der gav rollen"), max_length=255, blank=True)
    first_login_at = models.DateTimeField(_("første log-in"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("seneste log-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("log-in hos kommunen")
        verbose_name_plural = _("log-ins hos kommunen")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_one_identity")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
