"""What an import tells its user: the problems and notes, as messages. Pure: no Django.

An import runs in the background worker and its result is read later, by whoever opens the
run's page, in their language. So a problem or a note is a message (``core.messages``: a code
and its parameters), stored in ``ImportRun.problems`` and ``summary["notes"]`` as its short
code, and written in the reader's language when the page is drawn (the ``message`` filter).
Runs stored before messages keep their Danish text and show it as it is. A message never
repeats a value from the file (a cell may hold anything, a CPR number too): parameters are
column names, row numbers, counts and Charlie's own codes.
"""

from __future__ import annotations

from charlie.core.cpr import CPR_MESSAGE
from charlie.core.language import gettext_noop as _
from charlie.core.messages import Message, text

# --- values (``imports.values``) ---------------------------------------------------------------
DATE_MISSING = text(
    "imports.date.missing",
    _("Datoen mangler. Skriv datoen som dd-mm-åååå, fx 31-12-2024 (eller åååå-mm-dd)."),
)
DATE_UNREADABLE = text(
    "imports.date.unreadable",
    _(
        "Feltet kan ikke læses som en dato. Skriv datoen som dd-mm-åååå, fx 31-12-2024 (eller "
        "åååå-mm-dd)."
    ),
)
DATE_IMPOSSIBLE = text(
    "imports.date.impossible",
    _(
        "Datoen findes ikke (tjek dag og måned). Skriv datoen som dd-mm-åååå, fx 31-12-2024 "
        "(eller åååå-mm-dd)."
    ),
)
DATE_RANGE = text(
    "imports.date.range",
    _(
        "Datoen ligger uden for det tilladte tidsrum 01-01-1900 til 31-12-2100. Ret datoen. "
        "(I en slutdato betyder 31-12-9999 »ingen slutdato«.)"
    ),
)
NUMBER_MISSING = text(
    "imports.number.missing", _("Tallet mangler. Skriv et tal, fx 37 eller 37,5.")
)
NOT_A_NUMBER = text(
    "imports.number.invalid", _("Feltet er ikke et tal. Skriv et tal, fx 37 eller 37,5.")
)
NOT_YES_OR_NO = text(
    "imports.bool.invalid", _("Feltet er hverken ja eller nej. Skriv ja eller nej.")
)
NOT_A_CHOICE = text(
    "imports.choice.invalid", _("Feltet er ikke en kendt %(what)s. Brug en af: %(allowed)s.")
)

# --- text cells (``imports.plan``) ---------------------------------------------------------
TOO_LONG = text(
    "imports.text.too_long", _("Feltet er for langt: højst %(n)s tegn. Forkort teksten.")
)
CPR = text("imports.text.cpr", CPR_MESSAGE)  # the msgid of core.cpr, translated there
CONTROL = text(
    "imports.text.control",
    _(
        "Feltet indeholder et styretegn (fx et NUL-tegn, en tabulator eller et linjeskift). "
        "Fjern det, og gem filen igen."
    ),
)

# --- the table readers (``imports.own_format``) --------------------------------------------
REQUIRED = text("imports.column.required", _("Kolonnen »%(column)s« skal udfyldes."))
FILE_EMPTY = text("imports.file.empty", _("Filen er tom. Den skal have en overskriftsrække."))
KIND_UNKNOWN = text(
    "imports.file.kind_unknown",
    _(
        "Det kan ikke ses, hvad filen indeholder. Første række skal være kolonnernes navne: "
        "enheder har »enhedskode« og »navn«, medarbejdere har »medarbejdernummer« og "
        "»fornavn«, fravær har »medarbejdernummer« og »fravaerstype« (se "
        "docs/import-format.md)."
    ),
)
COLUMN_UNNAMED = text("imports.column.unnamed", _("En kolonne mangler sit navn i første række."))
COLUMN_UNKNOWN = text(
    "imports.column.unknown",
    _(
        "Kolonne nr. %(position)s har et navn, som Charlie ikke kender i %(kind)s. Tilladte "
        "kolonner: %(allowed)s. Ret navnet, eller slet kolonnen."
    ),
)
COLUMN_TWICE = text("imports.column.twice", _("Kolonnen »%(column)s« findes to gange."))
CPR_OR_BIRTH = text(
    "imports.column.cpr_or_birth",
    _("Brug enten kolonnen »cpr« eller kolonnerne »foedselsdato« og »koen«, ikke begge."),
)
COLUMN_MISSING = text(
    "imports.column.missing", _("Kolonnen »%(column)s« mangler. Tilføj den i første række.")
)
ROW_TOO_WIDE = text(
    "imports.row.too_wide",
    _(
        "Rækken har %(cells)s felter, men overskriften har %(width)s. Tjek skilletegnene (; "
        "eller ,) og anførselstegn i rækken."
    ),
)
XLSX_UNREADABLE = text(
    "imports.file.xlsx_unreadable",
    _(
        "Filen kan ikke læses som et Excel-regneark (.xlsx). Gem den som »Excel-projektmappe« "
        "og prøv igen."
    ),
)
UNIT_CLOSED_BEFORE_OPENED = text(
    "imports.unit.closed_first",
    _("Enheden er nedlagt før den er oprettet. Ret datoen i »nedlagt«."),
)
UNIT_OWN_PARENT = text("imports.unit.own_parent", _("En enhed kan ikke ligge under sig selv."))
CPR_REQUIRED = text("imports.cpr.required", _("CPR-nummeret i kolonne »cpr« skal udfyldes."))
GENDER = text("imports.gender", _("Kønnet skal være K (kvinde) eller M (mand)."))
EMAIL = text("imports.email", _("Feltet er ikke en e-mailadresse. Skriv fx navn@kommune.dk."))
END_BEFORE_START = text(
    "imports.employment.end_before_start", _("Slutdatoen ligger før startdatoen. Ret en af dem.")
)
ABSENCE_END_BEFORE_START = text(
    "imports.absence.end_before_start",
    _("Sidste fraværsdag ligger før første fraværsdag. Ret en af dem."),
)
WEEKLY_HOURS = text(
    "imports.employment.weekly_hours",
    _("Timerne om ugen skal være et tal over 0 og højst 80 (37 er fuld tid)."),
)
REASON_WITHOUT_END = text(
    "imports.employment.reason_without_end",
    _("Der er en fratrædelsesårsag, men ingen slutdato. Skriv slutdatoen, eller fjern årsagen."),
)
NOTICE_BEFORE_START = text(
    "imports.employment.notice_before_start",
    _("Opsigelsen ligger før startdatoen. Ret en af dem."),
)
NOTICE_AFTER_END = text(
    "imports.employment.notice_after_end",
    _(
        "Opsigelsen ligger efter slutdatoen. Opsagt den er dagen, opsigelsen blev givet, "
        "ikke sidste arbejdsdag."
    ),
)
WHAT_UNIT_KIND = text("imports.what.unit_kind", _("enhedstype"))
WHAT_END_REASON = text("imports.what.end_reason", _("fratrædelsesårsag"))
WHAT_ABSENCE_TYPE = text("imports.what.absence_type", _("fraværstype"))
HOURS_PER_DAY = text(
    "imports.absence.hours_per_day", _("Timer pr. dag skal være et tal over 0 og højst 24.")
)

# --- OPUS files (``imports.opus``) ------------------------------------------------------------
OPUS_EMPTY_CHILD = text(
    "imports.opus.empty_child",
    _(
        "<%(name)s> (%(what)s) er tomt i <%(parent)s>, der starter på linje %(line)s. Udfyld "
        "%(what)s i OPUS, og dan filen igen."
    ),
)
OPUS_MISSING_CHILD = text(
    "imports.opus.missing_child",
    _(
        "<%(name)s> (%(what)s) mangler i <%(parent)s>, der starter på linje %(line)s. Udfyld "
        "%(what)s i OPUS, og dan filen igen."
    ),
)
OPUS_DATE = text(
    "imports.opus.date",
    _(
        "<%(name)s> er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD (fx 2024-01-31), "
        "DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ."
    ),
)
OPUS_UNIT_ID = text(
    "imports.opus.unit_id",
    _(
        '<orgUnit> mangler sit id (attributten id="…"). Dan filen igen fra OPUS; hver enhed '
        "skal have et id."
    ),
)
OPUS_UNIT_END = text(
    "imports.opus.unit_end", _("<endDate> ligger før <startDate>. Ret enhedens datoer i OPUS.")
)
OPUS_EMPLOYEE_ID = text(
    "imports.opus.employee_id",
    _(
        '<employee> mangler medarbejdernummeret (attributten id="…"). Dan filen igen fra '
        "OPUS; hver medarbejder skal have et id."
    ),
)
OPUS_LEAVE_BEFORE_ENTRY = text(
    "imports.opus.leave_before_entry",
    _(
        "<leaveDate> (fratrædelsesdato) ligger før <entryDate> (ansættelsesdato). Ret datoerne "
        "i OPUS."
    ),
)
OPUS_CPR_EMPTY = text(
    "imports.opus.cpr_empty",
    _(
        "<cpr> er tomt i <employee>, der starter på linje %(line)s. Charlie bruger CPR-nummeret "
        "til fødselsdato og juridisk køn og gemmer det ikke. Dan filen igen fra OPUS med "
        "CPR-numre."
    ),
)
OPUS_CPR_MISSING = text(
    "imports.opus.cpr_missing",
    _(
        "<cpr> mangler i <employee>, der starter på linje %(line)s. Charlie bruger "
        "CPR-nummeret til fødselsdato og juridisk køn og gemmer det ikke. Dan filen igen fra "
        "OPUS med CPR-numre."
    ),
)
OPUS_FIX_IN_OPUS = text("imports.opus.fix_in_opus", _("%(error)s Ret det i OPUS."))
OPUS_DENOMINATOR_ZERO = text(
    "imports.opus.denominator_zero",
    _(
        "<denominator> må ikke være 0. Arbejdstiden er 37 × numerator / denominator timer om "
        "ugen; fuld tid er 1/1."
    ),
)
OPUS_HOURS_RANGE = text(
    "imports.opus.hours_range",
    _(
        "Arbejdstiden bliver 0 eller over 80 timer om ugen (37 × numerator / denominator); den "
        "skal være over 0 og højst 80. Ret numerator og denominator i OPUS."
    ),
)
OPUS_NOT_A_NUMBER = text(
    "imports.opus.not_a_number",
    _(
        "<%(name)s> er ikke et tal. Arbejdstiden er 37 × numerator / denominator timer om ugen; "
        "skriv tal, fx 1 og 1 for fuld tid eller 30 og 37 for 30 timer."
    ),
)
OPUS_NUMBER_MISSING = text(
    "imports.opus.number_missing",
    _(
        "<%(name)s> mangler. Arbejdstiden er 37 × numerator / denominator timer om ugen; skriv "
        "tal, fx 1 og 1 for fuld tid eller 30 og 37 for 30 timer."
    ),
)
OPUS_IS_MANAGER = text("imports.opus.is_manager", _("<isManager> skal være true eller false."))
OPUS_NOT_OPUS = text(
    "imports.opus.not_opus",
    _(
        "Filen er ikke en OPUS-fil: rodelementet hedder <%(tag)s>, men skal være <kmd>. Vælg "
        "den XML-fil, OPUS Løn har dannet (ZLPE…_delta.xml)."
    ),
)
OPUS_CANNOT_OPEN = text(
    "imports.opus.cannot_open",
    _("Filen kan ikke åbnes. Tjek, at den findes, og at Charlie har lov til at læse den."),
)
OPUS_DOCTYPE = text(
    "imports.opus.doctype",
    _(
        "Filen indeholder en DOCTYPE-erklæring, og det tillader Charlie ikke af "
        "sikkerhedshensyn. Slet linjen med <!DOCTYPE …>, eller dan filen igen fra OPUS."
    ),
)
OPUS_NO_EMPLOYEES = text(
    "imports.opus.no_employees",
    _(
        "Filen indeholder ingen medarbejdere (<employee>). En OPUS-fil er hele billedet, så en "
        "tom fil ville afslutte alle ansættelser. Tjek, at det er den rigtige fil."
    ),
)
OPUS_NO_PERSON_KEY = text(
    "imports.opus.no_person_key",
    _(
        "Charlie kan ikke genkende personer i OPUS-filer, fordi CHARLIE_PERSON_KEY_SECRET ikke "
        "er sat. OPUS har én post pr. ansættelse, og uden nøglen ville en person med to "
        "ansættelser blive til to personer. Bed driften sætte CHARLIE_PERSON_KEY_SECRET (se "
        "docs/operations.md), og importér filen igen."
    ),
)
#: What a missing OPUS field is, in the problems above.
OPUS_WHAT = {
    "entryDate": text("imports.opus.what.entry_date", _("ansættelsesdato")),
    "leaveDate": text("imports.opus.what.leave_date", _("fratrædelsesdato")),
    "longName": text("imports.opus.what.unit_name", _("enhedens navn")),
    "firstName": text("imports.opus.what.first_name", _("fornavn")),
    "lastName": text("imports.opus.what.last_name", _("efternavn")),
    "orgUnit": text("imports.opus.what.unit_id", _("enhedens id")),
    "position": text("imports.opus.what.position", _("stillingsbetegnelse")),
}

# --- checks over the whole import (``imports.plan``) ---------------------------------------
AT_ROW = text("imports.at_row", _("række %(row)s i %(file)s"))
UNIT_TWICE = text(
    "imports.unit.twice",
    _("Enhedskoden i denne række står også i %(at)s. Hver enhed må kun stå én gang."),
)
PERSON_DIFFERS = text(
    "imports.person.differs",
    _(
        "Medarbejderen i denne række har andre navne, fødselsdato, køn eller "
        "kontaktoplysninger end i %(at)s. Personens oplysninger skal være ens på alle rækker."
    ),
)
EMPLOYMENT_TWICE_ID = text(
    "imports.employment.twice_id",
    _("Ansættelsen står også i %(at)s. Hver ansættelse (id) må kun stå én gang."),
)
EMPLOYMENT_TWICE = text(
    "imports.employment.twice",
    _(
        "Ansættelsen står også i %(at)s. En ansættelse kendes på medarbejdernummer og "
        "startdato; ret startdatoen, eller slet den ene række."
    ),
)
EMPLOYMENT_BEFORE_BIRTH = text(
    "imports.employment.before_birth",
    _("Ansættelsen starter før medarbejderens fødselsdato. Ret startdatoen eller fødselsdatoen."),
)
UNKNOWN_PERSON = text(
    "imports.person.unknown",
    _(
        "Medarbejdernummeret i denne række findes hverken i filerne eller i Charlie. Tilføj "
        "medarbejderen (filen med medarbejdere), eller ret nummeret."
    ),
)
UNKNOWN_FAMILY = text(
    "imports.job_family.unknown",
    _(
        "Stillingskategorien i denne række findes ikke. Brug en af: %(allowed)s — eller lad "
        "feltet stå tomt."
    ),
)
UNKNOWN_UNIT = text(
    "imports.unit.unknown",
    _(
        "Enhedskoden i denne række findes hverken i filerne eller i Charlie. Tilføj enheden "
        "(filen med enheder), eller ret koden."
    ),
)
UNIT_RING = text(
    "imports.unit.ring",
    _("Enhederne ligger under hinanden i ring: %(ring)s. Ret »overordnet_enhedskode«."),
)
ABSENCE_TWICE = text(
    "imports.absence.twice",
    _(
        "Samme fraværsperiode (medarbejder, fraværstype og startdato) står også i %(at)s. "
        "Slet den ene række."
    ),
)

SNAPSHOT_WITHOUT_EMPLOYMENTS = text(
    "imports.snapshot.no_employments",
    _(
        "Filerne indeholder ingen ansættelser, så de kan ikke bruges som et komplet "
        "øjebliksbillede: alle åbne ansættelser ville blive afsluttet. Fjern valget »komplet "
        "øjebliksbillede«, eller vælg filen med medarbejdere."
    ),
)
FILE_UNREADABLE = text(
    "imports.file.unreadable",
    _(
        "Filen kunne ikke læses til ende (efter den viste række). Tjek at den er en gyldig CSV-, "
        "XLSX- eller OPUS-fil, og gem den igen fra det program, der lavede den."
    ),
)

# --- notes on the result -------------------------------------------------------------------
TODAY = text("imports.today", _("i dag"))
IN_FILE = text("imports.note.in_file", "%(file)s: %(note)s")  # not translated: a file name first
ENTRY_DATE_FROM_FILE = text(
    "imports.note.entry_date_from_file",
    _(
        "%(n)s ansættelse(r) havde ingen startdato (<entryDate/>). Charlie har brugt filens "
        "dato, %(date)s (fra filens navn), som startdato for nye ansættelser; ansættelser, "
        "Charlie har i forvejen, beholder deres startdato."
    ),
)
ENTRY_DATE_TODAY = text(
    "imports.note.entry_date_today",
    _(
        "%(n)s ansættelse(r) havde ingen startdato (<entryDate/>). Charlie har brugt filens "
        "dato, %(date)s (dagens dato, da filens navn ikke har en dato), som startdato for nye "
        "ansættelser; ansættelser, Charlie har i forvejen, beholder deres startdato."
    ),
)
CANCELLED = text(
    "imports.note.cancelled",
    _(
        "%(n)s kontrakt(er) med workContractText »Annulleret« er ikke importeret som "
        "ansættelser (kontrakten er annulleret); en sådan ansættelse, som Charlie har i "
        "forvejen, afsluttes."
    ),
)
JOINED = text(
    "imports.note.joined",
    _(
        "%(n)s ansættelse(r) hører til en person, der har en anden ansættelse i filen (samme "
        "CPR-nummer): de er lagt sammen til én person."
    ),
)
REKEYED = text(
    "imports.note.rekeyed",
    _(
        "%(n)s medarbejder(e) har fået deres nøgle (den krypterede udgave af CPR-nummeret) "
        "lavet med den nye hemmelighed (CHARLIE_PERSON_KEY_SECRET)."
    ),
)
JOINED_IN_CHARLIE = text(
    "imports.note.joined_in_charlie",
    _(
        "%(n)s ansættelse(r) lå hos en anden person i Charlie med samme CPR-nummer og er "
        "flyttet til den person, filen viser."
    ),
)

# --- how a run ended (``imports.services.runs``) -------------------------------------------
INTERRUPTED = text(
    "imports.run.interrupted",
    _(
        "Importen blev afbrudt, fordi baggrundsprocessen (charlie worker) stoppede undervejs. "
        "Intet er gemt, og de uploadede filer er slettet. Start importen igen."
    ),
)
NOT_CONFIRMED = text(
    "imports.run.not_confirmed",
    _(
        "Importen blev ikke bekræftet inden for 24 timer. Intet er gemt, og de uploadede filer "
        "er slettet. Start importen igen, hvis ansættelserne skal afsluttes."
    ),
)
DECLINED = text(
    "imports.run.declined",
    _("Importen blev afvist. Intet er gemt, og de uploadede filer er slettet."),
)
UPLOADER_MAY_NOT = text(
    "imports.run.uploader_may_not",
    _(
        "Den bruger, der sendte filerne, må ikke længere importere (rollen er ændret eller "
        "kontoen lukket). Intet er gemt."
    ),
)
CHARLIE_FAILED = text(
    "imports.run.charlie_failed",
    _(
        "Importen stoppede på grund af en fejl i Charlie. Intet er gemt. Prøv igen, og kontakt "
        "driften, hvis det sker igen."
    ),
)


def at(row: int | None, file: str) -> Message | str:
    """Where a row is: "række 12 i fil.csv" (the file alone for a file-level place)."""
    return AT_ROW(row=str(row), file=file) if row is not None else file
