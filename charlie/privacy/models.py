"""The audit log: one row per person whose data was read or written. Append-only.

The app cannot change or delete an entry: ``save()`` only inserts, ``delete()`` refuses, and so
does every bulk change of the queryset (``AppendOnlyQuerySet``). In the database, triggers refuse
UPDATE on SQLite and PostgreSQL and DELETE on PostgreSQL (migration 0009; decision 0017). Entries
hold no names: the subject is a person id, resolved to a name through the resolver ``people``
registers (``privacy.registry``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def user_link(verbose_name: Any, *, db_index: bool = True) -> models.ForeignKey[Any, Any]:
    """The user who did something: kept as a link while the account exists, NULL afterwards
    (the row keeps the user name in a field of its own where it must outlive the account)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=db_index,
    )


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class Action(models.TextChoices):
    READ = "read", _("Læst")
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    DELETE = "delete", _("Slettet")


class Channel(models.TextChoices):
    UI = "ui", _("Brugerflade")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    TASK = "task", _("Baggrundsjob")
    CLI = "cli", _("Kommandolinje")


def _clears_user_links_only(model: type[models.Model], changes: dict[str, Any]) -> bool:
    """Whether ``changes`` only set links to a user account to NULL: what deleting the account
    does (``on_delete=SET_NULL``), and the one change the database triggers let through."""
    if not changes:
        return False
    for name, value in changes.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if value is not None or not (
            isinstance(field, models.ForeignKey)
            and field.related_model is not None
            and field.related_model._meta.label == settings.AUTH_USER_MODEL
            and field.null
        ):
            return False
    return True


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Refuses every way the ORM changes or deletes rows: ``update()``, ``delete()``,
    ``bulk_update()``, an upserting ``bulk_create()``, and the internal ``_update()`` (what
    ``save()`` of a row with an id runs: refused when it would change a stored row) and
    ``_raw_delete()``. It is the models' base manager too, so Django's own machinery cannot go
    round it.

    One change is let through, as in the database triggers: setting a link to a deleted user
    account to NULL and nothing else (``update(actor=None)``, run by the account's deletion).
    """

    def update(self, **kwargs: Any) -> int:
        if _clears_user_links_only(self.model, kwargs):
            return super().update(**kwargs)
        raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")

    def _update(self, values: Any, returning_fields: Any = None) -> Any:
        # What ``save()`` runs for an object whose id is set. Django tries an UPDATE first and
        # inserts when it matched nothing — loading fixtures or serialized test data does that,
        # also over rows that already hold exactly those values. Neither changes a stored
        # value, so both stay possible, without running the UPDATE; any change is refused.
        new = tuple(value for _field, _model, value in values)
        stored = list(self.values_list(*[field.attname for field, _model, _value in values]))
        if returning_fields or any(row != new for row in stored):
            raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")
        return len(stored) if returning_fields is None else [()] * len(stored)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if kwargs.get("update_conflicts") or kwargs.get("update_fields"):
            raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")
        return super().bulk_create(objs, *args, **kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be deleted.")

    def _raw_delete(self, using: Any) -> int:
        raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be deleted.")

    update.queryset_only = True  # type: ignore[attr-defined]
    bulk_update.queryset_only = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class AppendOnlyModel(models.Model):
    """A row that can be written once and never changed or deleted by the app.

    ``save()`` only ever inserts (an instance given the id of a stored row is refused, where
    Django would otherwise UPDATE that row), and the queryset refuses every bulk change. In the
    database, triggers refuse UPDATE on SQLite and PostgreSQL, and DELETE on PostgreSQL
    (migration 0009). A subclass's ``Meta`` must extend ``AppendOnlyModel.Meta``.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        base_manager_name = "objects"

    def save(self, *args: Any, **kwargs: Any) -> None:
        changing = kwargs.get("force_update") or kwargs.get("update_fields") is not None
        if changing or not self._state.adding:
            raise AuditLogIsAppendOnly(f"A {type(self).__name__} cannot be changed.")
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise AuditLogIsAppendOnly(f"A {type(self).__name__} cannot be changed.")
        kwargs["force_insert"] = True  # never an UPDATE, whatever the id says
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly(f"A {type(self).__name__} cannot be deleted.")


class AuditEntry(AppendOnlyModel):
    """One read or write of one subject's data.

    Every page view that shows personal data inserts here, and every index makes that insert
    dearer (benchmarks/bench_audit.py), so the table has only the indexes the DPO's search uses
    (``privacy.services.search_audit``): newest first (``at``), by person (``subject_person_id``,
    ``at``), and by user name, case-insensitive as the search matches it (``UPPER(...)``, ``at``)
    for the actor and for an account the entry is about. A search by category or period scans
    the ``at`` index newest first. The link to the actor's account has no index: it is only
    followed when an account is deleted (set to NULL), which is rare and may take a scan.
    """

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = user_link(_("bruger"), db_index=False)
    actor_username = models.CharField(_("brugernavn"), max_length=150)
    actor_role = models.CharField(_("rolle"), max_length=20)
    subject_person_id = models.BigIntegerField(_("medarbejder (id)"), null=True, blank=True)
    # The user account an entry is about, for reads and changes of accounts and roles
    # (charlie.accounts): kept as the user name, like ``actor_username``, so it outlives the
    # account. Such an entry also names the account's person when it has one; an account
    # without a person (an external consultant, an administrator) has only this.
    subject_username = models.CharField(_("brugerkonto"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    category = models.CharField(_("datakategori"), max_length=40)
    purpose = models.CharField(_("formål"), max_length=40)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    detail = models.CharField(_("detalje"), max_length=200, blank=True)

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("logpost")
        verbose_name_plural = _("logposter")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["subject_person_id", "at"]),
            models.Index(Upper("actor_username"), "at", name="privacy_audit_actor_idx"),
            # Partial: only the few entries about accounts, so page views pay nothing for it.
            models.Index(
                Upper("subject_username"),
                "at",
                name="privacy_audit_account_idx",
                condition=~models.Q(subject_username=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject_person_id__isnull=False)
                | ~models.Q(subject_username=""),
                name="privacy_audit_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.category}"


# --- The data-use register (DESIGN.md, principle 2: openness about HR data) ---


class Purpose(models.Model):
    """One purpose of processing: what HR data is used for, on which legal basis, by whom.

    ``code`` is the code stored in the audit log (``hr_administration``, …). ``categories`` lists
    the data category codes the purpose may read; ``services.record`` refuses any other pair.
    The DPO edits the text through ``services.update_purpose``, which writes a
    ``PurposeVersion`` for every change.
    """

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    description = models.TextField(_("beskrivelse"))
    legal_basis = models.TextField(_("retsgrundlag"))
    categories = models.JSONField(_("datakategorier"), default=list)
    who_may_see = models.TextField(_("hvem kan se oplysningerne"))
    retention = models.TextField(_("opbevaring og sletning"))
    active = models.BooleanField(_("aktiv"), default=True)
    changed_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("formål")
        verbose_name_plural = _("formål")
        ordering = ["name", "code"]

    def __str__(self) -> str:
        return self.name

    #: The fields a version snapshots (and the DPO may change, except ``code``).
    SNAPSHOT_FIELDS = (
        "code",
        "name",
        "description",
        "legal_basis",
        "categories",
        "who_may_see",
        "retention",
        "active",
    )

    def snapshot(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.SNAPSHOT_FIELDS}


class PurposeVersion(AppendOnlyModel):
    """An append-only snapshot of a purpose after a change: who, when, what, and why."""

    purpose = models.ForeignKey(
        Purpose, verbose_name=_("formål"), on_delete=models.PROTECT, related_name="versions"
    )
    data = models.JSONField(_("indhold"))
    changed_by = user_link(_("ændret af"))
    changed_by_username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    note = models.CharField(_("ændringsnote"), max_length=200)

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("version af formål")
        verbose_name_plural = _("versioner af formål")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.data.get('code', '')} {self.changed_at:%Y-%m-%d %H:%M}"


# --- Requests for correction (GDPR art. 16), raised from "Mine data" ---


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Rettet")
    REJECTED = "rejected", _("Afvist")


class CorrectionRequest(models.Model):
    """An employee's request that HR correct data held about them: a task in HR's inbox.

    Like the audit log it names the subject by person id only (privacy imports no app). The
    message is the employee's own words; the form asks them not to write health information.
    """

    subject_person_id = models.BigIntegerField(_("medarbejder (id)"), db_index=True)
    requested_by = user_link(_("anmodet af"))
    category = models.CharField(_("datakategori"), max_length=40)
    message = models.TextField(_("hvad er forkert, og hvad er det rigtige"), max_length=2000)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.OPEN,
        db_index=True,
    )
    handled_by = user_link(_("behandlet af"))
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    response = models.TextField(_("svar til medarbejderen"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("anmodning om rettelse")
        verbose_name_plural = _("anmodninger om rettelse")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.category} {self.created_at:%Y-%m-%d} {self.status}"


# --- Retention: rules' periods, batches the DPO approves, and the deletion log (docs/retention.md)
#
# A period is stored as ``years`` (the number, in ``unit``: the column's name predates months)
# and ``unit``. Rows written before rules could count months have ``unit = "years"``.


class PeriodUnit(models.TextChoices):
    YEARS = "years", _("år")
    MONTHS = "months", _("måneder")


def period_label(period: int, unit: str) -> str:
    """A period for people: "5 år", "1 måned", "6 måneder"."""
    if unit == PeriodUnit.MONTHS:
        return ngettext("%(months)s måned", "%(months)s måneder", period) % {"months": period}
    return ngettext("%(years)s år", "%(years)s år", period) % {"years": period}


def unit_field() -> models.CharField[Any, Any]:
    return models.CharField(
        _("enhed"), max_length=6, choices=PeriodUnit.choices, default=PeriodUnit.YEARS
    )


class RetentionPolicy(models.Model):
    """The kommune's period for one retention rule, set by the DPO. Without a row the rule's
    default applies (``privacy.registry.RetentionRule.default_period``)."""

    rule_code = models.CharField(_("regel"), max_length=60, unique=True)
    years = models.PositiveSmallIntegerField(_("periode"))
    unit = unit_field()
    changed_by = user_link(_("ændret af"))
    changed_by_username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("opbevaringsperiode")
        verbose_name_plural = _("opbevaringsperioder")
        ordering = ["rule_code"]

    def __str__(self) -> str:
        return f"{self.rule_code}: {self.years} {self.unit}"

    @property
    def period_label(self) -> str:
        return period_label(self.years, self.unit)


class BatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Til godkendelse")
    APPROVED = "approved", _("Godkendt")
    EXECUTED = "executed", _("Gennemført")
    REJECTED = "rejected", _("Afvist")
    SUPERSEDED = "superseded", _("Erstattet af en nyere")


class RetentionAction(models.TextChoices):
    DELETE = "delete", _("Slettes")
    ANONYMISE = "anonymise", _("Anonymiseres")


class RetentionBatch(models.Model):
    """What one rule found on one day, waiting for the DPO's decision.

    ``item_ids`` are ids in the owning app's table (absence periods, people), never names; they
    are emptied when the batch is decided or superseded, so only the counts stay.
    """

    rule_code = models.CharField(_("regel"), max_length=60, db_index=True)
    category = models.CharField(_("datakategori"), max_length=40)
    action = models.CharField(_("handling"), max_length=10, choices=RetentionAction.choices)
    years = models.PositiveSmallIntegerField(_("periode"))
    unit = unit_field()
    as_of = models.DateField(_("opgjort pr."))
    found_at = models.DateTimeField(_("fundet"), auto_now_add=True)
    item_ids = models.JSONField(_("elementer (id)"), default=list)
    count = models.PositiveIntegerField(_("antal"))
    by_year = models.JSONField(_("antal pr. år"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BatchStatus.choices,
        default=BatchStatus.PROPOSED,
        db_index=True,
    )
    approved_by = user_link(_("godkendt af"))
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)
    executed_at = models.DateTimeField(_("gennemført"), null=True, blank=True)
    executed_count = models.PositiveIntegerField(_("antal gennemført"), null=True, blank=True)
    rejected_by = user_link(_("afvist af"))
    rejected_at = models.DateTimeField(_("afvist"), null=True, blank=True)
    note = models.CharField(_("begrundelse"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sletteforslag")
        verbose_name_plural = _("sletteforslag")
        ordering = ["-found_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.as_of} ({self.count}, {self.status})"

    @property
    def period_label(self) -> str:
        return period_label(self.years, self.unit)


class DeletionLog(AppendOnlyModel):
    """One executed batch: which rule, which category, what was done to how many, under which
    period, and who approved. Never ids or names of people."""

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    rule_code = models.CharField(_("regel"), max_length=60)
    category = models.CharField(_("datakategori"), max_length=40)
    action = models.CharField(_("handling"), max_length=10, choices=RetentionAction.choices)
    count = models.PositiveIntegerField(_("antal"))
    years = models.PositiveSmallIntegerField(_("periode"))
    unit = unit_field()
    as_of = models.DateField(_("opgjort pr."))
    approver_username = models.CharField(_("godkendt af"), max_length=150)
    approver_role = models.CharField(_("rolle"), max_length=20)
    batch = models.ForeignKey(
        RetentionBatch,
        verbose_name=_("sletteforslag"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("post i sletteloggen")
        verbose_name_plural = _("sletteloggen")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.rule_code} {self.action} {self.count}"

    @property
    def period_label(self) -> str:
        return period_label(self.years, self.unit)
