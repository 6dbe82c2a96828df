"""Demo Kommune's competence data (issue 13, point 10): a municipal skill taxonomy written for
the demo, role profiles for the job families (and the road-map target "Social- og
sundhedsassistent i det nære sundhedsvæsen"), hand-entered learning activities, confirmed skill
levels for every current employee, some proposals waiting for their manager, yearly MUS dates
(some overdue), signed development plans and a few people who said yes to hearing about new
opportunities and to project work.

Everything is drawn from a seeded generator, so the same seed gives the same municipality. The
rows are written in bulk (45,000 employees: about 300,000 rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from charlie.people.models import Employment, JobFamily
from charlie.skills.models import (
    ActivityKind,
    ActivityStatus,
    DevelopmentPlan,
    LearningActivity,
    MusMeeting,
    MusStatus,
    OptIn,
    OptInKind,
    PlanActivity,
    Requirement,
    RoleProfile,
    RoleRequirement,
    Skill,
    SkillAssessment,
    SkillGroup,
    SkillSource,
)

#: The demo's local taxonomy: group → (slug, name, description).
GROUPS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Sundhed og pleje": (
        ("forflytning", "Forflytning", "Sikker forflytning af borgere med og uden hjælpemidler."),
        (
            "medicinhaandtering",
            "Medicinhåndtering",
            "Dosering, udlevering og observation efter delegation.",
        ),
        ("demens", "Demens", "Pleje og kommunikation med borgere med demens."),
        (
            "sygeplejefaglig-dokumentation",
            "Sygeplejefaglig dokumentation",
            "Dokumentation i omsorgsjournalen efter de faglige standarder.",
        ),
        (
            "tidlig-opsporing",
            "Tidlig opsporing",
            "Opdage tegn på forværring hos borgeren og handle på dem.",
        ),
        ("saarpleje", "Sårpleje", "Vurdering og behandling af sår efter instruks."),
        ("palliation", "Palliativ indsats", "Lindrende pleje og omsorg for borgere og pårørende."),
        (
            "akut-funktion",
            "Akutte funktioner",
            "Observation og indsats ved akut opstået sygdom i eget hjem.",
        ),
        (
            "rehabilitering",
            "Rehabilitering",
            "Hverdagsrehabilitering og træning efter serviceloven § 83 a.",
        ),
    ),
    "Pædagogik og læring": (
        ("sprogarbejde", "Sprogarbejde", "Sprogstimulering og sprogvurdering af børn."),
        ("inklusion", "Inklusion", "Pædagogisk arbejde med børnefællesskaber for alle."),
        (
            "foraeldresamarbejde",
            "Forældresamarbejde",
            "Samarbejde med forældre om barnets trivsel og læring.",
        ),
        (
            "undervisningsdifferentiering",
            "Undervisningsdifferentiering",
            "Tilrettelægge undervisning efter elevernes forskellige forudsætninger.",
        ),
        ("konfliktnedtrapning", "Konfliktnedtrapning", "Forebygge og nedtrappe konflikter."),
    ),
    "Digitalisering og velfærdsteknologi": (
        (
            "velfaerdsteknologi",
            "Velfærdsteknologi",
            "Brug og vejledning i skærmbesøg, spiserobotter, sensorer og lignende.",
        ),
        (
            "digital-sagsbehandling",
            "Digital sagsbehandling",
            "Sagsbehandling i fagsystemerne med korrekt journalisering.",
        ),
        (
            "data-og-analyse",
            "Data og analyse",
            "At finde, vurdere og formidle data om egen opgave.",
        ),
        (
            "informationssikkerhed",
            "Informationssikkerhed",
            "Sikker håndtering af personoplysninger og systemer.",
        ),
        (
            "ai-i-opgaveloesning",
            "Kunstig intelligens i opgaveløsningen",
            "Kritisk og ansvarlig brug af AI-værktøjer i arbejdet.",
        ),
    ),
    "Samarbejde og kommunikation": (
        (
            "borgerkommunikation",
            "Borgerkommunikation",
            "Klar skriftlig og mundtlig kommunikation med borgere.",
        ),
        (
            "tvaerfagligt-samarbejde",
            "Tværfagligt samarbejde",
            "Samarbejde på tværs af faggrupper og sektorer.",
        ),
        (
            "vejledning-af-elever",
            "Vejledning af elever",
            "Praktikvejledning af elever og nye kolleger.",
        ),
        (
            "projektledelse",
            "Projektledelse",
            "Planlægge og styre projekter med mål, tid og ressourcer.",
        ),
    ),
    "Administration og jura": (
        (
            "forvaltningsret",
            "Forvaltningsret",
            "Partshøring, begrundelse og aktindsigt efter forvaltningsloven.",
        ),
        ("personalejura", "Personalejura", "Ansættelsesret, overenskomster og sygefraværsregler."),
        ("oekonomistyring", "Økonomistyring", "Budget, opfølgning og regnskab for en enhed."),
    ),
    "Arbejdsmiljø og sikkerhed": (
        (
            "foerstehjaelp",
            "Førstehjælp",
            "Førstehjælp efter gældende retningslinjer (certifikatet udløber efter 2 år).",
        ),
        ("arbejdsmiljoe", "Arbejdsmiljø", "Arbejdsmiljøorganisationens opgaver og APV."),
        (
            "hygiejne",
            "Hygiejne og infektionsforebyggelse",
            "Generelle og supplerende forholdsregler mod smitte.",
        ),
    ),
    "Teknik og drift": (
        ("bygningsdrift", "Bygningsdrift", "Drift og vedligehold af kommunale bygninger."),
        ("groen-drift", "Grøn drift", "Pleje af parker og grønne arealer, også klimatilpasning."),
        (
            "koekkendrift",
            "Køkkendrift",
            "Produktion af mad efter fødevarereglerne og kostpolitikken.",
        ),
    ),
}

#: Role profiles: code → (name, job family code, ((skill slug, min level, essential), …)).
PROFILES: dict[str, tuple[str, str, tuple[tuple[str, int, bool], ...]]] = {
    "sosu-assistent": (
        "Social- og sundhedsassistent",
        "sosu",
        (
            ("forflytning", 3, True),
            ("medicinhaandtering", 2, True),
            ("demens", 2, True),
            ("sygeplejefaglig-dokumentation", 2, True),
            ("tidlig-opsporing", 2, True),
            ("hygiejne", 2, True),
            ("velfaerdsteknologi", 1, False),
            ("foerstehjaelp", 2, False),
        ),
    ),
    "sosu-naere-sundhedsvaesen": (
        "Social- og sundhedsassistent i det nære sundhedsvæsen",
        "sosu",
        (
            ("medicinhaandtering", 3, True),
            ("sygeplejefaglig-dokumentation", 3, True),
            ("tidlig-opsporing", 3, True),
            ("akut-funktion", 2, True),
            ("saarpleje", 2, True),
            ("velfaerdsteknologi", 2, True),
            ("tvaerfagligt-samarbejde", 3, True),
            ("forflytning", 3, False),
            ("palliation", 2, False),
            ("rehabilitering", 2, False),
        ),
    ),
    "sygeplejerske": (
        "Sygeplejerske i hjemmeplejen",
        "sygeplejerske",
        (
            ("medicinhaandtering", 4, True),
            ("sygeplejefaglig-dokumentation", 4, True),
            ("akut-funktion", 3, True),
            ("saarpleje", 3, True),
            ("palliation", 3, True),
            ("tvaerfagligt-samarbejde", 3, True),
            ("vejledning-af-elever", 2, False),
        ),
    ),
    "paedagog": (
        "Pædagog i dagtilbud",
        "paedagog",
        (
            ("sprogarbejde", 3, True),
            ("inklusion", 3, True),
            ("foraeldresamarbejde", 3, True),
            ("konfliktnedtrapning", 2, False),
            ("foerstehjaelp", 2, True),
        ),
    ),
    "paedagogmedhjaelper": (
        "Pædagogmedhjælper",
        "paedagogmedhjaelper",
        (("sprogarbejde", 2, True), ("inklusion", 2, True), ("foerstehjaelp", 2, True)),
    ),
    "laerer": (
        "Lærer i folkeskolen",
        "laerer",
        (
            ("undervisningsdifferentiering", 3, True),
            ("inklusion", 3, True),
            ("foraeldresamarbejde", 2, True),
            ("konfliktnedtrapning", 2, False),
            ("data-og-analyse", 1, False),
        ),
    ),
    "socialraadgiver": (
        "Socialrådgiver",
        "socialraadgiver",
        (
            ("forvaltningsret", 3, True),
            ("digital-sagsbehandling", 3, True),
            ("borgerkommunikation", 3, True),
            ("tvaerfagligt-samarbejde", 2, True),
        ),
    ),
    "administration": (
        "Administrativ medarbejder",
        "administration",
        (
            ("digital-sagsbehandling", 3, True),
            ("forvaltningsret", 2, True),
            ("informationssikkerhed", 2, True),
            ("borgerkommunikation", 2, False),
            ("ai-i-opgaveloesning", 1, False),
        ),
    ),
    "akademiker": (
        "Akademisk medarbejder",
        "akademiker",
        (
            ("data-og-analyse", 3, True),
            ("projektledelse", 2, True),
            ("forvaltningsret", 2, False),
            ("ai-i-opgaveloesning", 2, False),
        ),
    ),
    "leder": (
        "Leder",
        "leder",
        (
            ("personalejura", 3, True),
            ("oekonomistyring", 3, True),
            ("arbejdsmiljoe", 2, True),
            ("projektledelse", 2, False),
        ),
    ),
    "teknisk-service": (
        "Teknisk servicemedarbejder",
        "teknisk_service",
        (("bygningsdrift", 3, True), ("arbejdsmiljoe", 2, True), ("foerstehjaelp", 2, False)),
    ),
    "koekken": (
        "Køkken- og rengøringsmedarbejder",
        "rengoering",
        (("koekkendrift", 2, True), ("hygiejne", 3, True)),
    ),
    "terapeut": (
        "Fysio- eller ergoterapeut",
        "terapeut",
        (
            ("rehabilitering", 4, True),
            ("forflytning", 3, True),
            ("velfaerdsteknologi", 2, True),
            ("tvaerfagligt-samarbejde", 3, False),
        ),
    ),
}

#: Activities by which a level is reached: (kind, title, hours, raises_to, weeks). The same
#: ladder for every local skill, each title naming the skill.
#: A level is about a week's learning to reach 2, a two-week course plus practice to reach 3 and
#: half a year as a key person to reach 4 — so moving into another profession takes years, as it
#: does (the re-skilling counts depend on it).
LADDER: tuple[tuple[str, str, int, int, int], ...] = (
    (ActivityKind.ON_THE_JOB, "Sidemandsoplæring i {}", 30, 2, 4),
    (ActivityKind.COURSE, "Kursus: {} for øvede", 90, 3, 10),
    (ActivityKind.MENTORING, "Mentorforløb: {} som nøgleperson", 160, 4, 26),
)

#: The road-map target of the demo employee (issue 13, "Done when").
ROAD_MAP_TARGET = "sosu-naere-sundhedsvaesen"


@dataclass(frozen=True)
class SkillsDemo:
    skills: int
    profiles: int
    assessments: int
    mus: int
    plans: int
    opt_ins: int


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _taxonomy() -> dict[str, Skill]:
    """The groups, skills and learning activities (kept across demo runs: upserted by uri)."""
    by_slug: dict[str, Skill] = {}
    for order, (group_name, skills) in enumerate(GROUPS.items()):
        group, _ = SkillGroup.objects.update_or_create(
            name=group_name, defaults={"sort_order": (order + 1) * 10}
        )
        for slug, name, description in skills:
            skill, _ = Skill.objects.update_or_create(
                uri=f"local:{slug}",
                defaults={
                    "source": SkillSource.LOCAL,
                    "name": name,
                    "description": description,
                    "group": group,
                },
            )
            by_slug[slug] = skill
    LearningActivity.objects.filter(skill__in=by_slug.values()).delete()
    LearningActivity.objects.bulk_create(
        LearningActivity(
            skill=skill,
            kind=kind,
            title=title.format(skill.name.lower()),
            hours=Decimal(hours),
            raises_to=level,
            weeks=weeks,
        )
        for skill in by_slug.values()
        for kind, title, hours, level, weeks in LADDER
    )
    return by_slug


def _profiles(by_slug: dict[str, Skill]) -> dict[str, tuple[RoleProfile, list[RoleRequirement]]]:
    families = {f.code: f for f in JobFamily.objects.all()}
    result = {}
    for code, (name, family_code, needs) in PROFILES.items():
        RoleProfile.objects.filter(code=code).delete()
        profile = RoleProfile.objects.create(
            code=code,
            name=name,
            job_family=families.get(family_code),
            note="Demo Kommunes profil.",
        )
        requirements = RoleRequirement.objects.bulk_create(
            RoleRequirement(
                profile=profile,
                skill=by_slug[slug],
                min_level=level,
                requirement=Requirement.ESSENTIAL if essential else Requirement.OPTIONAL,
            )
            for slug, level, essential in needs
        )
        result[code] = (profile, requirements)
    return result


def create_demo_skills(
    reference_date: date, *, seed: int, employee_person_id: int | None = None
) -> SkillsDemo:
    """Write Demo Kommune's competence data for the current employees on ``reference_date``,
    after ``create_demo`` has wiped the people (and with them every row about a person here).
    ``employee_person_id``: the demo employee, who gets an upcoming MUS, a plan and says yes to
    hearing about new opportunities (the road map's story)."""
    rng = np.random.default_rng(seed + 13)
    ref = reference_date
    with transaction.atomic():
        by_slug = _taxonomy()
        profiles = _profiles(by_slug)
        by_family = {
            profile.job_family.code: requirements
            for code, (profile, requirements) in profiles.items()
            if profile.job_family is not None and code != ROAD_MAP_TARGET
        }
        current = (
            Employment.objects.filter(start_date__lte=ref)
            .exclude(end_date__lt=ref)
            .order_by("person_id", "-weekly_hours", "pk")
            .values_list("person_id", "job_family__code")
        )
        family_of: dict[int, str] = {}
        for person_id, family in current:
            family_of.setdefault(person_id, family or "")
        people = sorted(family_of)
        counts = np.zeros(4, dtype=np.int64)
        out = Rows(WRITTEN)
        for first in range(0, len(people), CHUNK):
            chunk = people[first : first + CHUNK]
            counts += _write_chunk(chunk, family_of, by_family, ref, rng, out)
        out.reset_sequences()

        if employee_person_id is not None:
            _employee_story(employee_person_id, ref)

    assessments, mus, plans, opt_ins = (int(n) for n in counts)
    return SkillsDemo(
        skills=len(by_slug),
        profiles=len(profiles),
        assessments=assessments,
        mus=mus,
        plans=plans,
        opt_ins=opt_ins,
    )


#: People written at a time (bounded memory at 500,000 employees).
CHUNK = 5000


class Rows:
    """Rows written with one ``executemany`` per table and explicit ids (the ORM's
    ``bulk_create`` builds a model object per row: 30 s of the demo at 45,000 employees).
    ``written``: the tables it writes (their sequences are reset by ``reset_sequences``)."""

    def __init__(self, written: tuple[type[models.Model], ...]) -> None:
        self.written = written
        self.next_id = {
            model: (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
            for model in written
        }
        self.now = timezone.now().isoformat()

    def reset_sequences(self) -> None:
        """After rows with explicit ids, the next ORM insert must not reuse one (PostgreSQL)."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.written)):
                cursor.execute(sql)

    def ids(self, model: type[models.Model], count: int) -> range:
        first = self.next_id[model]
        self.next_id[model] = first + count
        return range(first, first + count)

    @staticmethod
    def insert(
        model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        qn = connection.ops.quote_name
        # Table and column names from the models, quoted; the values are parameters.
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            qn(model._meta.db_table),
            ", ".join(qn(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        with connection.cursor() as cursor:
            for first in range(0, len(rows), 5000):
                cursor.executemany(sql, rows[first : first + 5000])


#: The tables the demo writes rows of, in bulk.
WRITTEN: tuple[type[models.Model], ...] = (
    SkillAssessment,
    MusMeeting,
    DevelopmentPlan,
    PlanActivity,
    OptIn,
)


def _write_chunk(
    people: list[int],
    family_of: dict[int, str],
    by_family: dict[str, list[RoleRequirement]],
    ref: date,
    rng: np.random.Generator,
    out: Rows,
) -> tuple[int, int, int, int]:
    """One chunk of people's assessments, MUS, plans and opt-ins; returns their counts."""
    # Skill levels: one confirmed assessment per requirement of the person's own profile,
    # around the required level; one in 12 a proposal of one level more for the manager.
    assessments: list[tuple[Any, ...]] = []
    days = rng.integers(30, 900, size=len(people) * 10)
    draws = rng.integers(-2, 2, size=len(people) * 10)  # −2 … +1 around the requirement
    k = 0
    for person_id in people:
        for req in by_family.get(family_of[person_id], ()):
            level = int(np.clip(req.min_level + draws[k], 1, 4))
            on = ref - timedelta(days=int(days[k]))
            expires = (
                (on + timedelta(days=730)).isoformat()
                if req.skill.uri == "local:foerstehjaelp"
                else None
            )
            assessments.append(
                (
                    person_id,
                    req.skill_id,
                    level,
                    on.isoformat(),
                    "manager",
                    "confirmed",
                    "",
                    expires,
                )
            )
            if k % 12 == 0 and level < 4:
                proposed_on = ref - timedelta(days=int(days[k]) % 20)
                assessments.append(
                    (
                        person_id,
                        req.skill_id,
                        level + 1,
                        proposed_on.isoformat(),
                        "self",
                        "proposed",
                        "Har gennemført kursus og brugt det i praksis.",
                        None,
                    )
                )
            k = (k + 1) % len(days)
    out.insert(
        SkillAssessment,
        (
            "id",
            "person_id",
            "skill_id",
            "level",
            "assessed_on",
            "source",
            "status",
            "evidence",
            "expires_on",
            "created_at",
        ),
        [
            (pk, *row, out.now)
            for pk, row in zip(out.ids(SkillAssessment, len(assessments)), assessments, strict=True)
        ],
    )

    # MUS: the last one held 2–16 months ago (so about one in four is now overdue: due a year
    # after), the next one scheduled for a year after it.
    held_ago = rng.integers(60, 480, size=len(people)).tolist()
    held_ids = out.ids(MusMeeting, len(people))
    next_ids = out.ids(MusMeeting, len(people))
    held_on = [ref - timedelta(days=ago) for ago in held_ago]
    summary = "Vi talte om opgaverne, trivsel og næste års udvikling."
    mus_columns = (
        "id",
        "person_id",
        "due_on",
        "held_on",
        "status",
        "employee_preparation",
        "manager_preparation",
        "summary",
        "created_at",
    )
    out.insert(
        MusMeeting,
        mus_columns,
        [
            (pk, person_id, day.isoformat(), day.isoformat(), "held", "", "", summary, out.now)
            for pk, person_id, day in zip(held_ids, people, held_on, strict=True)
        ]
        + [
            (
                pk,
                person_id,
                (day + timedelta(days=365)).isoformat(),
                None,
                "scheduled",
                "",
                "",
                "",
                out.now,
            )
            for pk, person_id, day in zip(next_ids, people, held_on, strict=True)
        ],
    )

    # Development plans: signed after four in five of the MUS held, with one activity from the
    # ladder of one of the profile's skills.
    chosen = np.flatnonzero(rng.random(len(people)) < 0.8).tolist()
    plan_ids = out.ids(DevelopmentPlan, len(chosen))
    goals = "Styrke min faglighed i de opgaver, der fylder mest i hverdagen."
    out.insert(
        DevelopmentPlan,
        (
            "id",
            "person_id",
            "mus_id",
            "valid_from",
            "valid_to",
            "goals",
            "status",
            "employee_signed_at",
            "manager_signed_at",
            "created_at",
        ),
        [
            (
                pk,
                people[i],
                held_ids[i],
                held_on[i].isoformat(),
                (held_on[i] + timedelta(days=364)).isoformat(),
                goals,
                "signed",
                _aware(held_on[i] + timedelta(days=3)).isoformat(),
                _aware(held_on[i] + timedelta(days=4)).isoformat(),
                out.now,
            )
            for pk, i in zip(plan_ids, chosen, strict=True)
        ],
    )
    activities = []
    for n, (plan_id, i) in enumerate(zip(plan_ids, chosen, strict=True)):
        needs = by_family.get(family_of.get(people[i], ""), [])
        if not needs:
            continue
        req = needs[n % len(needs)]
        kind, title, hours, level, weeks = LADDER[min(req.min_level, 3) - 1]
        start = held_on[i] + timedelta(days=30)
        end = start + timedelta(weeks=weeks)
        status = ActivityStatus.DONE if end < ref else ActivityStatus.STARTED
        activities.append(
            (
                plan_id,
                str(kind),
                title.format(req.skill.name.lower()),
                req.skill_id,
                level,
                hours,
                start.isoformat(),
                end.isoformat(),
                str(status),
                0,
            )
        )
    out.insert(
        PlanActivity,
        (
            "id",
            "plan_id",
            "kind",
            "title",
            "skill_id",
            "target_level",
            "hours",
            "starts_on",
            "ends_on",
            "status",
            "position",
        ),
        [
            (pk, *row)
            for pk, row in zip(out.ids(PlanActivity, len(activities)), activities, strict=True)
        ],
    )

    # Opt-ins: about one in seven to new opportunities, one in ten to projects.
    said = rng.random((len(people), 2)).tolist()
    opt_ins = [
        (person_id, str(kind), True, out.now)
        for person_id, (a, b) in zip(people, said, strict=True)
        for kind, yes in ((OptInKind.NEW_OPPORTUNITIES, a < 0.14), (OptInKind.PROJECTS, b < 0.1))
        if yes
    ]
    out.insert(
        OptIn,
        ("id", "person_id", "kind", "opted_in", "at"),
        [(pk, *row) for pk, row in zip(out.ids(OptIn, len(opt_ins)), opt_ins, strict=True)],
    )
    return len(assessments), 2 * len(people), len(chosen), len(opt_ins)


def _employee_story(person_id: int, ref: date) -> None:
    """The demo employee: their MUS is in three weeks and not prepared yet; they said yes to
    hearing about new opportunities."""
    MusMeeting.objects.filter(person_id=person_id, status=MusStatus.SCHEDULED).update(
        due_on=ref + timedelta(days=21), scheduled_at=_aware(ref + timedelta(days=21), 13)
    )
    OptIn.objects.get_or_create(
        person_id=person_id, kind=OptInKind.NEW_OPPORTUNITIES, defaults={"opted_in": True}
    )
