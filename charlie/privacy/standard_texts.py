"""The texts Charlie seeds the data-use register with (the migrations of privacy, absence,
accounts and workforce), marked for translation.

The register is the kommune's own text: the data protection officer edits it, and an edited
text is shown as written. Until then a purpose still reads as Charlie wrote it, and that text is
shown in the reader's language: ``PrivacyConfig.ready()`` registers these with
``core.language.register_standard_texts``, and the register's pages show each stored text
through the ``standard_text`` filter. The stored rows are not changed (the register's versions
are its history). A migration that adds or changes a standard text adds it here too.
"""

from __future__ import annotations

from charlie.core.language import gettext_noop as _

STANDARD_TEXTS: tuple[str, ...] = (
    _("HR-administration"),
    _(
        "HR bruger oplysningerne til at administrere din ansættelse: når du bliver ansat eller "
        "fratræder, og når din stilling, dit arbejdssted eller din arbejdstid ændres. "
        "Oplysningerne bruges også, når kommunen skal overholde love og overenskomster, fx når du "
        "skal have et ansættelsesbevis, eller når en myndighed skal have oplysninger."
    ),
    _(
        "GDPR art. 6, stk. 1, litra b (din ansættelseskontrakt), litra c (kommunens pligter som "
        "arbejdsgiver efter lov og overenskomst) og litra e (kommunens opgaver som offentlig "
        "myndighed), jf. art. 88 om behandling i ansættelsesforhold; databeskyttelsesloven § 12."
    ),
    _(
        "Medarbejdere i HR. De kan se oplysninger om alle ansatte i kommunen. Hver gang de ser "
        "eller ændrer oplysninger om dig, bliver det skrevet i loggen."
    ),
    _(
        "Oplysningerne gemmes, mens du er ansat. Når du er fratrådt, gemmes de, så længe der er et "
        "administrativt eller retligt behov for dem, fx til spørgsmål om løn, pension, "
        "arbejdsskader eller forældelsesfrister. Loven fastsætter ingen fast frist. Kommunen "
        "fastsætter fristerne i sin egen slettepolitik, og som offentlig myndighed må kommunen kun "
        "slette (kassere) oplysninger efter arkivlovgivningens regler. Nogle oplysninger skal "
        "afleveres til arkiv i stedet for at blive slettet."
    ),
    _("Personaleledelse"),
    _(
        "Din leder bruger oplysningerne til at lede enheden: hvem der er ansat, i hvilke "
        "stillinger og med hvilken arbejdstid, så arbejdet kan planlægges og fordeles. En leder "
        "kan kun se medarbejdere i de enheder, lederen er leder for."
    ),
    _(
        "Ledere med personaleansvar, og kun for medarbejdere i deres egne enheder. Hver gang en "
        "leder ser oplysninger om dig, bliver det skrevet i loggen."
    ),
    _("Egen indsigt"),
    _(
        "Du kan altid se de oplysninger, kommunen har om dig i Charlie, under »Mine oplysninger«. "
        "Så kan du selv kontrollere, at de er rigtige, og bede om at få rettet fejl."
    ),
    _("GDPR art. 15 (din ret til indsigt i dine egne oplysninger)."),
    _("Kun dig selv. Også når du ser dine egne oplysninger, bliver det logget."),
    _(
        "Når du ser dine egne oplysninger, gemmes der ikke noget nyt om dig, kun en linje i "
        "loggen. Selve oplysningerne opbevares som beskrevet under HR-administration."
    ),
    _("Brugeradministration"),
    _(
        "Administratorer bruger oplysningerne om din brugerkonto – brugernavn, navn, e-mail, "
        "rolle, om kontoen er aktiv, og hvornår du sidst loggede ind – til at give dig adgang til "
        "Charlie med den rolle, dit arbejde kræver, og til at lukke adgangen igen, når du ikke "
        "længere skal have den. Rollerne HR og databeskyttelsesrådgiver, som giver adgang til "
        "personoplysninger, gives først, når en anden med samme rolle har godkendt det."
    ),
    # accounts 0004 adds a sentence: the administrator links accounts to employees.
    _(
        "Administratorer bruger oplysningerne om din brugerkonto – brugernavn, navn, e-mail, "
        "rolle, om kontoen er aktiv, og hvornår du sidst loggede ind – til at give dig adgang til "
        "Charlie med den rolle, dit arbejde kræver, og til at lukke adgangen igen, når du ikke "
        "længere skal have den. Rollerne HR og databeskyttelsesrådgiver, som giver adgang til "
        "personoplysninger, gives først, når en anden med samme rolle har godkendt det. Når en "
        "administrator knytter en brugerkonto til den rigtige medarbejder, ser administratoren "
        "medarbejderens navn, medarbejdernummer og nuværende enheder – ikke andet."
    ),
    _(
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed) og art. 32 "
        "(sikkerhed ved behandling: kun de rette personer må få adgang til personoplysninger); "
        "databeskyttelsesloven § 12 om behandling i ansættelsesforhold."
    ),
    _(
        "Administratorer, der styrer brugere og roller. HR og databeskyttelsesrådgiveren ser de "
        "anmodninger om deres egen rolle, som de skal godkende eller afvise. Hver gang nogen ser "
        "eller ændrer din konto eller rolle, bliver det skrevet i loggen, som "
        "databeskyttelsesrådgiveren læser."
    ),
    _(
        "Oplysningerne gemmes, så længe du har en brugerkonto i Charlie. Hvem der har givet dig "
        "hvilken rolle og hvornår, gemmes i loggen sammen med resten af loggen."
    ),
    _("Tilsyn med databeskyttelsen"),
    _(
        "Kommunens databeskyttelsesrådgiver (DPO) fører tilsyn med, at HR-data kun bruges, som det "
        "er beskrevet her. Derfor kan rådgiveren se loggen over, hvem der har set eller ændret "
        "oplysninger om dig, hvornår og til hvilket formål, med dit navn og medarbejdernummer. Når "
        "rådgiveren ser eller udtrækker loggen om dig, bliver det selv skrevet i loggen, så du kan "
        "se det under »Mine data«."
    ),
    _(
        "GDPR art. 6, stk. 1, litra c (kommunens pligt til at kunne påvise, at reglerne "
        "overholdes, art. 5, stk. 2, og til at sikre behandlingen, art. 32) og art. 39, stk. 1, "
        "litra b (databeskyttelsesrådgiverens opgave at overvåge overholdelsen)."
    ),
    _(
        "Kun databeskyttelsesrådgiveren. Rådgiveren ser loggen, ikke selve oplysningerne om dig, "
        "og hvert opslag bliver skrevet i loggen."
    ),
    _(
        "Loggen kan ikke ændres eller slettes af systemet. Den opbevares, så længe kommunen har "
        "brug for at kunne dokumentere, hvem der har brugt oplysningerne, og kun slettes efter "
        "arkivlovgivningens regler."
    ),
    _("Arbejdsstyrkeplanlægning"),
    _(
        "Kommunen planlægger, hvor mange medarbejdere der skal rekrutteres i årene frem mod 2040. "
        "Planen bruger din fødselsdato, din jobfamilie, din arbejdsplads (forvaltning) og din "
        "arbejdstid. Den bruger også, hvornår tidligere ansatte er stoppet og hvorfor (pension "
        "eller andet). Ud fra reglerne om folkepensionsalder og kommunens egen erfaring beregner "
        "planen, hvor mange der forventes at gå på pension eller stoppe hvert år. Resultatet er "
        "kun tal for grupper: pr. jobfamilie og pr. forvaltning, og aldrig for grupper, der er så "
        "små, at man kan genkende enkeltpersoner. Planen viser ikke, hvornår du forventes at gå på "
        "pension, og din leder kan ikke se det. Planen bruges ikke til at træffe afgørelser om "
        "dig. HR kan se din folkepensionsalder og de datoer, der følger af reglerne, når det er "
        "nødvendigt for at planlægge, og det bliver skrevet i loggen."
    ),
    _(
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed og arbejdsgiver: "
        "at sikre den nødvendige arbejdskraft), jf. art. 88 om behandling i ansættelsesforhold; "
        "databeskyttelsesloven § 12. Statistik og planlægning på grupper: art. 89."
    ),
    _(
        "HR og analytikere ser planen for hele kommunen, ledere for deres egne enheder. Alle ser "
        "kun tal for grupper. Kun HR kan se én medarbejders pensionsdatoer, og hvert opslag bliver "
        "skrevet i loggen."
    ),
    _(
        "Planen gemmer ingen oplysninger om dig. Den beregnes ud fra de oplysninger, der allerede "
        "er gemt om din ansættelse, og de opbevares som beskrevet under HR-administration. "
        "Scenarierne indeholder kun antagelser om vækst, ikke personoplysninger."
    ),
    _("Oprettet med Charlies standardtekst."),
    _("Fravær tilføjet: fraværsperioder med datoer og type, aldrig årsag eller diagnose."),
    _("Opfølgning tilføjet: opgaver, notater, § 56-aftaler og fastholdelsesplaner om sygefravær."),
    _("Oprettet med Charlies standardtekst: brugere og roller."),
    _("Oprettet med Charlies standardtekst (DPO'ens tilsyn med loggen)."),
    _("Oprettet med Charlies standardtekst (arbejdsstyrkeplan)."),
    _("Kategorien stamdata tilføjet: administratoren knytter konti til medarbejdere (issue 12)."),
    _("Kompetenceudvikling"),
    _(
        "Din leder og HR bruger oplysningerne om dine kompetencer, dine MUS-samtaler og din "
        "udviklingsplan til at planlægge din faglige udvikling sammen med dig: hvad du kan, "
        "hvad din stilling kræver, og hvilke kurser og aktiviteter der kan hjælpe dig videre. "
        "Tal for grupper (aldrig for enkeltpersoner) bruges til at planlægge kommunens behov "
        "for kompetencer. Du bliver kun foreslået som kandidat til en anden stilling eller et "
        "projekt, hvis du selv har sagt ja til det, og du kan altid trække dit ja tilbage."
    ),
    _(
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed) og litra c "
        "(aftalen om kompetenceudvikling: en årlig MUS og en udviklingsplan), jf. art. 88 om "
        "behandling i ansættelsesforhold; databeskyttelsesloven § 12. At blive foreslået som "
        "kandidat bygger på dit samtykke, som du kan trække tilbage (art. 6, stk. 1, litra a)."
    ),
    _(
        "Din leder og HR. Din egen forberedelse til MUS ser kun du, indtil du deler den. "
        "Analytikere ser kun tal for grupper. Hver gang nogen ser eller ændrer oplysninger om "
        "dig, bliver det skrevet i loggen, og du kan se det under Mine data."
    ),
    _(
        "Dine gældende kompetencer gemmes, mens du er ansat. En vurdering, som en nyere har "
        "erstattet, slettes efter det antal år, kommunen har valgt (standard 5 år). "
        "Udviklingsplaner og MUS gemmes, mens du er ansat."
    ),
    _("Oprettet med Charlies standardtekst: kompetenceudvikling."),
    _("Kompetencer og udvikling tilføjet."),
    # --- skills, part "profiles": the retention text (skills migration 0004) ---
    _(
        "Dine gældende kompetencer og dit nyeste svar om at blive kontaktet gemmes, mens du er "
        "ansat. En vurdering, som en nyere har erstattet, slettes efter det antal år, kommunen har "
        "valgt (standard 5 år); et forslag, som din leder har afvist, efter 2 år; et tidligere "
        "svar om at blive kontaktet efter 3 år. Udviklingsplaner og MUS gemmes, mens du er ansat."
    ),
    _("Opbevaring: afviste forslag og tidligere svar om at blive kontaktet tilføjet."),
    _(
        "Kompetencer tilføjet: sletning af erstattede vurderinger, afviste forslag og tidligere "
        "svar efter opbevaringsreglerne."
    ),
    _("Kurser og uddannelse"),
    _(
        "Din leder og HR bruger oplysningerne om dine tilmeldinger, de kurser og den e-læring,"
        " du har gennemført, og dine kursusbeviser til at godkende dine tilmeldinger, til at "
        "sikre, at du har den uddannelse, dit job kræver (fx hygiejne, forflytning, "
        "førstehjælp og informationssikkerhed), og til at planlægge din udvikling sammen med "
        "dig. Et gennemført kursus opdaterer dine kompetencer. Tal for grupper (aldrig for "
        "enkeltpersoner) bruges til at følge kommunens timer og udgifter til læring."
    ),
    _(
        "GDPR art. 6, stk. 1, litra c (arbejdsgiverens pligt til oplæring og instruktion, "
        "arbejdsmiljøloven § 17, og krav om uddannelse i særlovgivning) og litra e (kommunens "
        "opgaver som offentlig myndighed, herunder aftalen om kompetenceudvikling), jf. art. "
        "88 om behandling i ansættelsesforhold; databeskyttelsesloven § 12."
    ),
    _(
        "Din leder og HR. Den, der arrangerer et kursus, ser deltagerlisten for sit kursus. "
        "Dine svar i e-læringens quiz ser kun du; HR og din leder ser, om du har bestået. "
        "Analytikere ser kun tal for grupper. Hver gang nogen ser eller ændrer oplysninger om "
        "dig, bliver det skrevet i loggen, og du kan se det under Mine data."
    ),
    _(
        "Dine gennemførte kurser, kursusbeviser og tilmeldinger gemmes, mens du er ansat. Et "
        "kursus, hvis gyldighed er udløbet, slettes det antal år efter udløbet, kommunen har "
        "valgt (standard 5 år). Dine svar i e-læringens quiz slettes efter 2 år; om du bestod,"
        " står fortsat i listen over gennemførte kurser."
    ),
    _("Oprettet med Charlies standardtekst: kurser og uddannelse."),
    _("Kurser og uddannelse tilføjet."),
    _(
        "Dine gennemførte kurser, kursusbeviser og tilmeldinger gemmes, mens du er ansat. Et "
        "kursus, hvis gyldighed er udløbet, slettes det antal år efter udløbet, kommunen har "
        "valgt (standard 5 år). Dine svar i e-læringens quiz slettes efter 2 år; om du bestod, "
        "står fortsat i listen over gennemførte kurser. Et udsagn, som et andet læringssystem har "
        "sendt om dig (xAPI), slettes efter 1 år; det kursus, det blev til, står fortsat i listen."
    ),
    _("Opbevaring: modtagne xAPI-udsagn tilføjet."),
    _("Rekruttering og introduktion"),
    _(
        "Når du søger et job i kommunen, bruger HR og stillingens ansættelsesudvalg din "
        "ansøgning, dit CV, udvalgets vurderinger og noter, samtaleaftaler og breve til at "
        "vurdere ansøgerne og vælge, hvem der skal ansættes. Den første screening kan være "
        "anonym: navn, alder, køn og adresse skjules, til du er udvalgt til samtale. Køn og "
        "fødselsår, som du frivilligt oplyser, bruges kun i tal for grupper, der viser, om "
        "rekrutteringen er ligeværdig (aldrig for enkeltpersoner). Med dit samtykke kommer du i"
        " talentbanken og får jobagent. Bliver du ansat, bruges oplysningerne til dit "
        "introduktionsforløb og til at give dig ansættelsesbevis til tiden."
    ),
    _(
        "GDPR art. 6, stk. 1, litra b (skridt før en ansættelseskontrakt, på din anmodning) og "
        "litra e (kommunens opgaver som offentlig myndighed), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12; ansættelsesbevisloven § 3. Talentbank "
        "og jobagent: dit samtykke (art. 6, stk. 1, litra a), som du kan trække tilbage."
    ),
    _(
        "HR og medlemmerne af ansættelsesudvalget for den stilling, du har søgt, og kun den. "
        "Under en anonym screening ser udvalget ikke dit navn, din alder, dit køn eller din "
        "adresse. Analytikere ser kun tal for grupper. Din nye leder og HR ser dit "
        "introduktionsforløb. Hver gang nogen ser eller ændrer oplysninger om dig, bliver det "
        "skrevet i loggen."
    ),
    _(
        "En ansøgning, der ikke fører til ansættelse, slettes det antal måneder efter, at "
        "ansættelsesforløbet er afsluttet, kommunen har valgt (standard 6 måneder; Datatilsynet"
        " accepterer op til 3 år, hvis det kan begrundes). Du kan selv slette din ansøgning når"
        " som helst fra dit link. Talentbanken gemmer din profil, så længe dit samtykke gælder "
        "(standard 6 måneder ad gangen). Introduktionsforløbet gemmes, mens du er ansat."
    ),
    _("Oprettet med Charlies standardtekst: rekruttering og introduktion."),
    _("Rekruttering og introduktion tilføjet."),
    _("Trivsel og arbejdsmiljø"),
    _(
        "Kommunen måler trivsel mindst hvert 3. år (trivselsaftalen) og laver "
        "arbejdspladsvurdering (APV) mindst hvert 3. år (arbejdsmiljøloven). Når du "
        "inviteres til en måling, bruger vi dit navn, din e-mail og din enhed til at "
        "sende dig et engangslink og til at minde dig om at svare. Dine svar gemmes uden "
        "dit navn: kun med din enhed og de baggrundsoplysninger (fx aldersgruppe), "
        "målingen spørger om, og som er valgt, før målingen sendes ud. Resultater vises "
        "kun for grupper, der er store nok (mindst 5 svar, 20 for spørgsmål om krænkende "
        "adfærd). Handlingsplaner viser, hvem der er ansvarlig for en handling. Tilmelder "
        "du dig et grønt initiativ eller et sundhedstilbud, vises det kun som antal for "
        "grupper."
    ),
    _(
        "GDPR art. 6, stk. 1, litra c (arbejdsmiljøloven: APV, jf. bekendtgørelse om "
        "arbejdets udførelse) og litra e (kommunens opgaver som arbejdsgiver, jf. "
        "trivselsaftalen i de kommunale overenskomster), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12."
    ),
    _(
        "Ingen ser dine svar: de er ikke knyttet til dig. HR ser, hvem der er inviteret, "
        "og mens målingen er åben, om du har svaret (til påmindelser og svarprocenter); "
        "det slettes, når målingen lukker. Ledere og analytikere ser kun resultater for "
        "grupper, der er store nok. Fritekstsvar læses først af HR, som fjerner "
        "oplysninger, der kan pege på nogen, før lederen ser dem. Alle ansatte i en enhed "
        "ser enhedens handlingsplan og APV."
    ),
    _(
        "Invitationer slettes, når målingens resultater ikke længere bruges (standard 5 "
        "år efter lukning, så to målinger kan sammenlignes). Svarene har intet navn og "
        "gemmes med målingen. APV og handlingsplaner gemmes, så længe de gælder, og "
        "mindst til den næste APV er lavet."
    ),
    _("Oprettet med Charlies standardtekst: trivsel og arbejdsmiljø."),
    _("Trivsel og arbejdsmiljø tilføjet."),
    _(
        "En ansøgning, der ikke fører til ansættelse, slettes det antal måneder efter, at "
        "ansættelsesforløbet er afsluttet, kommunen har valgt (standard 6 måneder; "
        "Datatilsynet accepterer op til 3 år, hvis det kan begrundes). Du kan selv slette din "
        "ansøgning når som helst fra dit link. Talentbanken gemmer din profil, så længe dit "
        "samtykke gælder (standard 6 måneder ad gangen, regnet fra den dag, du bekræfter din "
        "tilmelding fra e-mailen); en tilmelding, du ikke bekræfter, slettes efter 7 dage. Dit "
        "introduktionsforløb – opgaverne og dine svar på spørgsmålene efter 30 og 90 dage – "
        "slettes det antal måneder efter, at forløbet sluttede, kommunen har valgt (standard 12 "
        "måneder). Forløbet slutter 90 dage efter din første arbejdsdag, eller ved fristen for "
        "dets sidste opgave, hvis den er senere."
    ),
    _(
        "Opbevaring: talentbankens dobbelte bekræftelse og introduktionsforløbets "
        "opbevaringsregel (12 måneder) tilføjet."
    ),
    _("Digitalisering og porteføljestyring"),
    _(
        "Kommunen samler idéer og behov fra medarbejderne, beskriver "
        "digitaliseringsprojekter, regner business cases og følger gevinsterne. Når du "
        "indsender en idé, støtter eller kommenterer den, bruger vi dit navn og din enhed, så"
        " porteføljeejeren kan spørge dig og du kan se, hvad der skete med idéen. Er du ejer "
        "af et initiativ, en gevinst eller en softwarerobot, står dit navn på den. Foreslås "
        "du til et projekthold, sker det kun, hvis du selv har sagt ja til projektarbejde, og"
        " du kan se det under Mine data."
    ),
    _(
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed og "
        "arbejdsgiver: styring af kommunens digitalisering), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12. Forslag til projekthold: dit tilvalg"
        " af projektarbejde."
    ),
    _(
        "Alle ansatte ser idéerne og kommentarerne, men ikke hvem der har skrevet dem. "
        "Porteføljeejeren (HR og digitalisering) ser, hvem der har indsendt og kommenteret, og "
        "behandler alt i porteføljen. Ledere ser, hvem der ejer initiativer; analytikere ser "
        "kun porteføljens tal og rapporter uden navne. Hver gang nogen ser eller ændrer "
        "oplysninger om dig, bliver det skrevet i loggen."
    ),
    _(
        "Idéer, kommentarer og støtte gemmes, så længe idéen eller det initiativ, den blev "
        "til, er i porteføljen; en afvist idé slettes det antal måneder efter afgørelsen, "
        "kommunen har valgt. Ejerskaber står, så længe initiativet, gevinsten eller robotten "
        "findes."
    ),
    _("Oprettet med Charlies standardtekst: digitalisering og porteføljestyring."),
    _("Digitalisering og porteføljestyring tilføjet."),
)
