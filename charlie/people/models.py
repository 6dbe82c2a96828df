"""People core: organisation units, people, their employments and job families (DESIGN.md, Data).

No CPR number is ever stored: birth date and legal gender are derived at import, then the CPR is
discarded (databeskyttelsesloven § 11; DOMAIN.md 6.5). To recognise the same person in the next
payroll file, a keyed hash of it may be kept (``Person.person_key``; never a plain hash).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils.translation import gettext_lazy as _

from charlie.people import job_families


class OrgUnitKind(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    ADMINISTRATION = "forvaltning", _("Forvaltning")
    AREA = "omraade", _("Område")
    INSTITUTION = "institution", _("Institution")
    DEPARTMENT = "afdeling", _("Afdeling")


class OrgUnit(models.Model):
    """A unit in the organisation tree: kommune → forvaltning → område → institution/afdeling.

    ``path`` is a materialised path of primary keys (``/1/4/17/``) so a sub-tree is one indexed
    prefix query; it is maintained by ``people.services`` whenever a unit is created or moved.
    """

    name = models.CharField(_("navn"), max_length=200)
    #: The unit's key in the payroll/HR system the import reads (enhedskode, OPUS orgUnit);
    #: unique when not blank (units made by hand or by the demo have none).
    code = models.CharField(_("enhedskode"), max_length=50, blank=True, default="")
    short_name = models.CharField(_("kort navn"), max_length=50, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet enhed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    cost_center = models.CharField(_("omkostningssted"), max_length=50, blank=True)
    manager = models.ForeignKey(
        "people.Person",
        verbose_name=_("leder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_units",
    )
    valid_from = models.DateField(_("oprettet"))
    valid_to = models.DateField(_("nedlagt"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisationsenhed")
        verbose_name_plural = _("organisationsenheder")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_to_after_valid_from",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="orgunit_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class JobFamily(models.Model):
    """A stillingskategori as used in municipal statistics (KRL); seeded by a data migration."""

    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("stillingskategori")
        verbose_name_plural = _("stillingskategorier")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name on screen: a standard KRL family's in the reader's language, a local one as
        stored (``job_families.display_name``)."""
        return job_families.display_name(self.code, self.name)


class Gender(models.TextChoices):
    """Legal gender as derived from the CPR number's last digit (odd: man, even: woman)."""

    FEMALE = "K", _("Kvinde")
    MALE = "M", _("Mand")


class Person(models.Model):
    """A medarbejder. One person may hold several employments over time or at once."""

    employee_number = models.CharField(_("medarbejdernummer"), max_length=30, unique=True)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"))
    gender = models.CharField(_("juridisk køn"), max_length=1, choices=Gender.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    #: HMAC-SHA256 of the CPR number with a secret kept outside the database
    #: (``CHARLIE_PERSON_KEY_SECRET``), as ``<secret id>:<hex>`` (``imports.person_key``): finds
    #: the same person across payroll files and employments. Blank when no file gave a CPR
    #: number. Never shown.
    person_key = models.CharField(max_length=80, blank=True, default="", editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # The search keys (``people.services.search``): the names in lower case, and the part of a
    # name after its first space ("Skov Hansen" → "hansen", "Anne Marie" → "marie"), each with
    # an index, so a search is a few index range scans ("han%") instead of a scan of every
    # person. Computed by the database, so every writer — the import's bulk writes, the demo's
    # COPY, retention's set-based anonymisation — keeps them right without knowing of them.
    first_name_key = models.GeneratedField(
        expression=Lower("first_name"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    last_name_key = models.GeneratedField(
        expression=Lower("last_name"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    first_name_tail_key = models.GeneratedField(
        expression=Lower(Substr("first_name", StrIndex("first_name", Value(" ")) + 1)),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    last_name_tail_key = models.GeneratedField(
        expression=Lower(Substr("last_name", StrIndex("last_name", Value(" ")) + 1)),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            # varchar_pattern_ops: PostgreSQL uses the index for LIKE 'han%' whatever the
            # database's collation; SQLite ignores it (the search uses a range there).
            *(
                models.Index(
                    fields=[key], opclasses=["varchar_pattern_ops"], name=f"person_{key}_idx"
                )
                for key in (
                    "first_name_key",
                    "last_name_key",
                    "first_name_tail_key",
                    "last_name_tail_key",
                )
            ),
            # Finding a person by e-mail whatever its case (the xAPI endpoint, for every
            # statement): filter on ``Lower("email")`` to use it.
            models.Index(Lower("email"), name="person_email_lower_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person_key"], condition=~Q(person_key=""), name="person_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class EndReason(models.TextChoices):
    RETIREMENT = "retirement", _("Pension")
    RESIGNATION = "resignation", _("Egen opsigelse")
    DISMISSAL = "dismissal", _("Afskedigelse")
    CONTRACT_END = "contract_end", _("Tidsbegrænset ansættelse udløbet")
    TRANSFER = "transfer", _("Intern jobskifte")
    DEATH = "death", _("Dødsfald")
    OTHER = "other", _("Andet")


class Employment(models.Model):
    """An ansættelse: one person in one org unit, from a start date to an optional end date."""

    person = models.ForeignKey(
        Person, verbose_name=_("medarbejder"), on_delete=models.CASCADE, related_name="employments"
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("enhed"), on_delete=models.PROTECT, related_name="employments"
    )
    job_title = models.CharField(_("stillingsbetegnelse"), max_length=150)
    job_family = models.ForeignKey(
        JobFamily,
        verbose_name=_("stillingskategori"),
        on_delete=models.PROTECT,
        related_name="employments",
    )
    agreement = models.CharField(_("overenskomst"), max_length=150, blank=True)
    weekly_hours = models.DecimalField(
        _("ugentlige timer"),
        max_digits=4,
        decimal_places=2,
        help_text=_("37 timer er fuld tid."),
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    end_reason = models.CharField(
        _("fratrædelsesårsag"), max_length=20, choices=EndReason.choices, blank=True
    )
    #: The day notice was given (opsigelse), by either side. Sygedagpengeloven § 7 a needs it:
    #: no sickness interview is due when the employee is under notice and leaves within 8 weeks
    #: of the 1st sick day (DOMAIN.md 1.1).
    notice_date = models.DateField(
        _("opsagt den"),
        null=True,
        blank=True,
        help_text=_("Den dag, opsigelsen blev givet (af medarbejderen eller arbejdsgiveren)."),
    )
    #: The employment's own id in the payroll system (an OPUS ``<employee id>``); blank when it
    #: has none (Charlie's own import format), and the employment is known by person and start.
    source_id = models.CharField(_("id i lønsystemet"), max_length=30, blank=True, default="")

    class Meta:
        verbose_name = _("ansættelse")
        verbose_name_plural = _("ansættelser")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["org_unit", "end_date"]),
            models.Index(fields=["person", "start_date"]),
            models.Index(fields=["job_family", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__gt=0) & Q(weekly_hours__lte=80),
                name="employment_weekly_hours_range",
            ),
            # The keys the import knows an employment by (imports.services): its payroll id,
            # or else its person and start date.
            models.UniqueConstraint(
                fields=["source_id"], condition=~Q(source_id=""), name="employment_source_id_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "start_date"],
                condition=Q(source_id=""),
                name="employment_person_start_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.job_title} ({self.org_unit})"

    @property
    def is_full_time(self) -> bool:
        return self.weekly_hours >= FULL_TIME_HOURS


FULL_TIME_HOURS = 37
