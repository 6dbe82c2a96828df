"""Demo e-learning modules (issue 14, point 2), written for Charlie in plain Danish: GDPR and
information security in daily work, and the first principles of moving and handling citizens
("forflytning"), and a short one on a good working environment at the computer. Created
published, each with its catalogue course (``learning.services.modules.sync_course``).

The lead's demo calls :func:`create_demo_modules`; running it twice changes nothing."""

from __future__ import annotations

from django.db import transaction

from charlie.learning.models import Choice, Lesson, Module, Question
from charlie.learning.services.modules import sync_course

#: (text, explanation, [(choice, right), ...])
QuizItem = tuple[str, str, list[tuple[str, bool]]]

GDPR_LESSONS = [
    (
        "Hvad er personoplysninger?",
        """Personoplysninger er alt, der kan knyttes til en bestemt person: navn, adresse,
telefonnummer, et billede, en sag om en borger — også når navnet ikke står der, hvis man kan
regne ud, hvem det er.

Nogle oplysninger er **særligt beskyttede** (følsomme), fx om helbred, fagforening, religion og
seksualitet. Oplysninger om strafbare forhold og **cpr-numre** skal også behandles med særlig
omhu.

## Tommelfingerregler

- Brug kun de oplysninger, du har brug for til opgaven.
- Slå ikke borgere eller kolleger op af nysgerrighed — hvert opslag logges.
- Gem oplysninger i fagsystemet, ikke i din egen mappe, i mailen eller på et stykke papir.

> Spørg dig selv: *Ville borgeren synes, det var i orden, at jeg så det her?*
""",
    ),
    (
        "Send oplysninger sikkert",
        """Almindelig mail er som et postkort: andre kan læse med på vejen. Derfor:

1. Send **aldrig** følsomme oplysninger eller cpr-numre i almindelig mail.
2. Brug **sikker mail** eller Digital Post, når du skriver til borgere og andre myndigheder.
3. Tjek modtageren, før du trykker send — autoudfyld vælger let den forkerte.

## Phishing

Svindlere skriver mails, der ligner dem fra IT, banken eller en leder. Vær mistænksom, når en
mail

- haster eller truer ("din konto lukkes i dag"),
- beder dig logge ind via et link eller åbne en vedhæftet fil, du ikke ventede,
- kommer fra en afsender, der ligner en kendt, men ikke helt.

Klik ikke. Meld mailen til IT med knappen i dit mailprogram, og slet den bagefter.
""",
    ),
    (
        "Ryddeligt bord og låst skærm",
        """Mange brud sker helt analogt: en udskrift på printeren, en notesbog i toget, en skærm,
som andre kan se.

- **Lås skærmen**, hver gang du går fra den: tryk Windows-tasten + L.
- Hent dine udskrifter med det samme, og læg papir med personoplysninger i den låste
  makuleringsboks.
- Tal ikke om borgere, hvor andre kan høre det — heller ikke i frokoststuen.
- Ryd skrivebordet, når du går hjem.
""",
    ),
    (
        "Hvis uheldet er ude",
        """Et **brud på persondatasikkerheden** er fx en mail til den forkerte, en mistet
telefon, et opslag, der ikke skulle have været lavet, eller en computer med virus.

Det vigtigste er at sige det **med det samme**:

1. Kontakt din leder og kommunens databeskyttelsesrådgiver (DPO) inden for få timer.
2. Fortæl, hvad der er sket, hvornår, og hvilke oplysninger det drejer sig om.
3. Slet ikke spor og prøv ikke selv at "rydde op" — men bed gerne en forkert modtager om at
   slette mailen.

Kommunen skal anmelde bruddet til **Datatilsynet senest 72 timer** efter, at den har opdaget
det (databeskyttelsesforordningen, artikel 33). Derfor tæller hver time. Ingen bliver skældt ud
for at melde et brud; det er at tie, der er problemet.
""",
    ),
]

GDPR_QUIZ: list[QuizItem] = [
    (
        "Hvilke af disse er personoplysninger?",
        "Alt, der kan knyttes til en bestemt person, er personoplysninger — også et billede og et "
        "sagsnummer, hvis man kan finde ud af, hvem det handler om.",
        [
            ("En borgers navn og adresse", True),
            ("Et billede, hvor man kan genkende en kollega", True),
            ("Kommunens åbningstider", False),
            ("Et sagsnummer, der kan føres tilbage til en borger", True),
        ],
    ),
    (
        "Du skal sende en borgers helbredsoplysninger til en anden myndighed. Hvordan?",
        "Følsomme oplysninger sendes kun med sikker mail eller Digital Post.",
        [
            ("Med sikker mail eller Digital Post", True),
            ("Med almindelig mail, hvis du skriver »fortroligt« i emnefeltet", False),
            ("Som SMS", False),
        ],
    ),
    (
        "En mail fra »IT-support« beder dig logge ind via et link i dag, ellers lukkes din "
        "konto. Hvad gør du?",
        "Hast og trusler er kendetegn for phishing. Klik ikke; meld mailen til IT.",
        [
            ("Logger ind med det samme, så kontoen ikke lukkes", False),
            ("Klikker ikke, og melder mailen til IT", True),
            ("Videresender den til kollegerne, så de også er advaret", False),
        ],
    ),
    (
        "Du går fra din computer for at hente kaffe. Hvad gør du?",
        "Lås altid skærmen, også for et kort øjeblik: Windows-tasten + L.",
        [
            ("Låser skærmen", True),
            ("Intet, jeg er kun væk et par minutter", False),
            ("Slukker for skærmen med knappen", False),
        ],
    ),
    (
        "Du har sendt en mail med personoplysninger til en forkert modtager. Hvad gør du først?",
        "Sig det med det samme til din leder og databeskyttelsesrådgiveren, så kommunen kan nå at "
        "anmelde bruddet inden for 72 timer.",
        [
            ("Venter og ser, om modtageren reagerer", False),
            ("Kontakter straks min leder og databeskyttelsesrådgiveren", True),
            ("Sletter mailen i min sendt-mappe, så ingen kan se det", False),
        ],
    ),
    (
        "Hvor lang tid har kommunen til at anmelde et brud på persondatasikkerheden til "
        "Datatilsynet?",
        "Databeskyttelsesforordningens artikel 33: senest 72 timer efter, at bruddet er opdaget.",
        [
            ("24 timer", False),
            ("72 timer", True),
            ("30 dage", False),
        ],
    ),
]

LIFT_LESSONS = [
    (
        "Planlæg forflytningen",
        """En god forflytning begynder, før du rører borgeren.

- **Se på situationen**: Hvad kan borgeren selv i dag? Er der sket noget nyt?
- **Læs forflytningsbeskrivelsen** i borgerens plan, og følg den.
- **Gør plads**: flyt møbler, lås hjul på seng og kørestol, stil sengen i den rigtige højde.
- **Aftal med kollegaen**, hvem der siger til, og hvordan I bevæger jer.

Tag dig tid. De fleste skader sker, når det går for hurtigt.
""",
    ),
    (
        "Brug hjælpemidlerne",
        """Hjælpemidlerne er der for at beskytte både borgeren og dig.

- Glidestykker, lift, drejeskiver og sengens elevation gør tunge løft til lette skub.
- Tjek hjælpemidlet, før du bruger det: sejl, batteri, bremser.
- Brug det hjælpemiddel, der står i forflytningsbeskrivelsen — også når det tager lidt
  længere tid.

Mangler et hjælpemiddel, eller virker det ikke, så sig det til din leder med det samme.
""",
    ),
    (
        "Lad borgeren hjælpe til",
        """Borgeren skal bruge sine egne kræfter så meget som muligt. Det holder borgeren i gang,
og det skåner din krop.

- Forklar, hvad der skal ske, og giv borgeren tid til at reagere.
- Brug korte, tydelige beskeder: »Nu ruller vi om på siden.«
- Følg borgerens tempo, og stop, hvis borgeren får ondt eller bliver utryg.
""",
    ),
    (
        "Pas på din egen krop",
        """Din ryg og dine skuldre skal holde et helt arbejdsliv.

- Stå tæt på, med fødderne let spredt og bøjede knæ.
- **Undgå at løfte og vride** på samme tid: flyt fødderne i stedet.
- Skub og træk frem for at løfte.
- Sig fra, hvis en forflytning ikke kan gøres forsvarligt — det er en del af jobbet.

*Dette modul er en introduktion. Det erstatter ikke den praktiske oplæring i forflytning, som
din arbejdsplads giver.*
""",
    ),
]

LIFT_QUIZ: list[QuizItem] = [
    (
        "Hvad gør du, før du begynder en forflytning?",
        "Planlægning forebygger skader: læs beskrivelsen, gør plads og aftal med kollegaen.",
        [
            ("Læser borgerens forflytningsbeskrivelse", True),
            ("Låser hjulene på seng og kørestol", True),
            ("Går i gang, så det hurtigt er overstået", False),
            ("Aftaler med kollegaen, hvem der siger til", True),
        ],
    ),
    (
        "Liften virker ikke. Hvad gør du?",
        "Forflyt ikke uden det hjælpemiddel, beskrivelsen kræver; sig det til din leder.",
        [
            ("Løfter borgeren selv, det går nok", False),
            ("Siger det til min leder og finder en forsvarlig løsning", True),
            ("Beder borgeren om at vente til i morgen uden at sige det til nogen", False),
        ],
    ),
    (
        "Hvorfor skal borgeren hjælpe til, så meget borgeren kan?",
        "Borgerens egne kræfter holder borgeren i gang og skåner din krop.",
        [
            ("Det holder borgeren i gang og skåner min krop", True),
            ("Det går hurtigere", False),
            ("Det er kun vigtigt for yngre borgere", False),
        ],
    ),
    (
        "Hvad skal du undgå, når du forflytter?",
        "At løfte og vride på samme tid belaster ryggen mest; flyt fødderne i stedet.",
        [
            ("At løfte og vride på samme tid", True),
            ("At bøje i knæene", False),
            ("At skubbe frem for at løfte", False),
        ],
    ),
    (
        "Borgeren siger, at det gør ondt under forflytningen. Hvad gør du?",
        "Stop, og find ud af hvorfor, før I fortsætter.",
        [
            ("Stopper og finder ud af, hvad der er galt", True),
            ("Gør det hurtigt færdigt", False),
        ],
    ),
    (
        "Erstatter dette modul den praktiske oplæring i forflytning?",
        "Nej. Modulet er en introduktion; den praktiske oplæring på arbejdspladsen er nødvendig.",
        [
            ("Ja", False),
            ("Nej", True),
        ],
    ),
]

DESK_LESSONS = [
    (
        "Indstil din arbejdsplads",
        """Et par minutter med stol og skærm sparer dig for ondt i nakke og skuldre.

- Sæt stolen, så fødderne står fladt på gulvet og lårene er vandrette.
- Skærmens øverste kant skal være i øjenhøjde eller lidt under, en armslængde væk.
- Hav tastatur og mus tæt på, så albuerne hænger afslappet ned.
""",
    ),
    (
        "Skift stilling og hold pauser",
        """Den bedste arbejdsstilling er den næste.

- Skift mellem at sidde og stå, hvis du har et hæve-sænkebord.
- Rejs dig mindst én gang i timen — hent vand, tag telefonen stående.
- Se væk fra skærmen en gang imellem, gerne ud ad vinduet.
""",
    ),
]

DESK_QUIZ: list[QuizItem] = [
    (
        "Hvor skal skærmens øverste kant være?",
        "I øjenhøjde eller lidt under, så du ikke bøjer nakken bagover.",
        [("I øjenhøjde eller lidt under", True), ("Et godt stykke over øjenhøjde", False)],
    ),
    (
        "Hvad er den bedste arbejdsstilling?",
        "Variation: den næste stilling.",
        [
            ("Den næste — skift stilling ofte", True),
            ("At sidde helt stille med ret ryg hele dagen", False),
        ],
    ),
    (
        "Hvor ofte bør du rejse dig?",
        "Mindst én gang i timen.",
        [
            ("Mindst én gang i timen", True),
            ("I frokostpausen", False),
            ("Når dagen er slut", False),
        ],
    ),
    (
        "Hvor skal fødderne være, når du sidder?",
        "Fladt på gulvet (eller på en fodstøtte), med lårene vandrette.",
        [("Fladt på gulvet", True), ("Krydsede under stolen", False)],
    ),
    (
        "Hvad gør du for øjnene?",
        "Se væk fra skærmen en gang imellem, gerne langt væk.",
        [("Ser væk fra skærmen en gang imellem", True), ("Skruer helt op for lysstyrken", False)],
    ),
]

DEMO = [
    (
        "Informationssikkerhed og GDPR i hverdagen",
        "Hvad personoplysninger er, hvordan du sender dem sikkert, genkender phishing, holder "
        "skærm og skrivebord rent, og hvad du gør, hvis uheldet er ude. Ca. 20 minutter.",
        24,
        GDPR_LESSONS,
        GDPR_QUIZ,
    ),
    (
        "Forflytning: de første principper",
        "Planlæg forflytningen, brug hjælpemidlerne, lad borgeren hjælpe til, og pas på din egen "
        "krop. En introduktion før den praktiske oplæring. Ca. 15 minutter.",
        12,
        LIFT_LESSONS,
        LIFT_QUIZ,
    ),
    (
        "God arbejdsstilling ved computeren",
        "Indstil stol og skærm, og skift stilling i løbet af dagen. Ca. 5 minutter.",
        None,
        DESK_LESSONS,
        DESK_QUIZ,
    ),
]


def _create(
    title: str,
    summary: str,
    valid_months: int | None,
    lessons: list[tuple[str, str]],
    items: list[QuizItem],
) -> Module:
    module = Module.objects.create(
        title=title, summary=summary, pass_mark=80, valid_months=valid_months, published=True
    )
    Lesson.objects.bulk_create(
        Lesson(module=module, position=n, title=t, body=body.strip() + "\n")
        for n, (t, body) in enumerate(lessons, start=1)
    )
    for n, (text, explanation, choices) in enumerate(items, start=1):
        question = Question.objects.create(
            module=module,
            position=n,
            text=text,
            explanation=explanation,
            multiple=sum(1 for _c, right in choices if right) > 1,
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=i, text=c, correct=right)
            for i, (c, right) in enumerate(choices, start=1)
        )
    sync_course(module)
    return module


def create_demo_modules() -> list[Module]:
    """The demo's modules, published with their catalogue courses; a module whose title exists
    already is left as it is."""
    out = []
    with transaction.atomic():
        for title, summary, months, lessons, items in DEMO:
            found = Module.objects.filter(title=title).first()
            out.append(found or _create(title, summary, months, lessons, items))
    return out
