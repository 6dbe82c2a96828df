"""Danish names for the demo municipality: people, places and institutions (pure data).

The lists are common Danish first and last names (facts about naming, not anyone's data), with a
few names of other origins, since many municipal employees have them. Weights are rough
frequency ranks, not official counts. First names are split by generation (born before or from
1975), since Danish first-name fashions changed markedly; surnames are not.
"""

from __future__ import annotations

# (name, weight). Weights only need to be roughly right relative to each other.
WOMEN_OLDER: tuple[tuple[str, float], ...] = (
    ("Anne", 9), ("Kirsten", 9), ("Hanne", 9), ("Mette", 8), ("Susanne", 8), ("Lene", 8),
    ("Helle", 7), ("Marianne", 7), ("Pia", 6), ("Lone", 6), ("Birgitte", 6), ("Karen", 5),
    ("Bente", 5), ("Jette", 5), ("Tina", 5), ("Dorthe", 5), ("Charlotte", 5), ("Inge", 4),
    ("Gitte", 4), ("Annette", 4), ("Lisbeth", 4), ("Vibeke", 4), ("Merete", 4), ("Pernille", 4),
    ("Malene", 4), ("Heidi", 4), ("Rikke", 4), ("Henriette", 3), ("Louise", 3), ("Maria", 3),
    ("Jytte", 3), ("Winnie", 3), ("Tove", 3), ("Ulla", 3), ("Trine", 3), ("Anja", 3),
    ("Connie", 2), ("Bettina", 2), ("Karina", 3), ("Kristina", 2), ("Britt", 2), ("Grethe", 2),
    ("Birthe", 3), ("Lotte", 3), ("Tanja", 2), ("Jeanette", 2), ("Randi", 1), ("Berit", 2),
    ("Lis", 2), ("Elsebeth", 1), ("Ingrid", 1), ("Janne", 2), ("Mona", 1), ("Fatma", 1),
    ("Halima", 1), ("Elżbieta", 0.5),
)  # fmt: skip

WOMEN_YOUNGER: tuple[tuple[str, float], ...] = (
    ("Camilla", 8), ("Sara", 7), ("Julie", 7), ("Line", 7), ("Maria", 7), ("Stine", 6),
    ("Louise", 7), ("Katrine", 6), ("Marie", 6), ("Christina", 5), ("Laura", 5), ("Cecilie", 5),
    ("Anna", 5), ("Emma", 4), ("Ida", 5), ("Sofie", 5), ("Mathilde", 4), ("Freja", 3),
    ("Nanna", 4), ("Signe", 4), ("Emilie", 4), ("Caroline", 4), ("Josefine", 3), ("Maja", 3),
    ("Amalie", 3), ("Sarah", 3), ("Maiken", 3), ("Mette", 4), ("Anne", 4), ("Sandra", 3),
    ("Natasja", 2), ("Jannie", 2), ("Rikke", 4), ("Trine", 4), ("Mia", 3), ("Lærke", 2),
    ("Clara", 2), ("Astrid", 2), ("Alberte", 1), ("Frederikke", 2), ("Pernille", 4),
    ("Louise", 2), ("Kristine", 3), ("Tanja", 2), ("Fatima", 2), ("Maryam", 1), ("Aisha", 1),
    ("Zeynep", 1), ("Agnieszka", 1), ("Nadia", 2), ("Sabrina", 2), ("Jasmin", 2),
)  # fmt: skip

MEN_OLDER: tuple[tuple[str, float], ...] = (
    ("Jens", 9), ("Peter", 9), ("Lars", 9), ("Michael", 8), ("Henrik", 8), ("Søren", 8),
    ("Thomas", 7), ("Niels", 7), ("Jan", 7), ("Hans", 6), ("Jørgen", 6), ("Per", 6), ("Ole", 6),
    ("Martin", 5), ("Anders", 5), ("Morten", 5), ("Erik", 5), ("Kim", 5), ("Torben", 4),
    ("Poul", 4), ("Bent", 4), ("Steen", 4), ("Carsten", 4), ("Claus", 4), ("Frank", 3),
    ("Allan", 3), ("John", 3), ("Flemming", 3), ("Kurt", 2), ("Brian", 3), ("Bjarne", 2),
    ("Kenneth", 2), ("René", 2), ("Jesper", 4), ("Finn", 2), ("Leif", 2), ("Preben", 2),
    ("Svend", 2), ("Mogens", 2), ("Kaj", 1), ("Gert", 1), ("Johnny", 1), ("Mohammad", 1),
    ("Hassan", 1), ("Tomasz", 0.5),
)  # fmt: skip

MEN_YOUNGER: tuple[tuple[str, float], ...] = (
    ("Christian", 7), ("Rasmus", 7), ("Mads", 6), ("Jonas", 6), ("Mikkel", 6), ("Frederik", 5),
    ("Nicolai", 5), ("Kasper", 5), ("Simon", 5), ("Andreas", 5), ("Alexander", 4),
    ("Mathias", 4), ("Emil", 4), ("Oliver", 3), ("Lucas", 3), ("Magnus", 3), ("Jacob", 4),
    ("Daniel", 4), ("Sebastian", 3), ("Tobias", 3), ("Nikolaj", 3), ("Kristian", 3),
    ("Jeppe", 2), ("Anders", 3), ("Thomas", 4), ("Martin", 4), ("Morten", 3), ("Jesper", 3),
    ("Mohammed", 2), ("Ali", 2), ("Ahmad", 1), ("Omar", 1), ("Oscar", 2), ("Victor", 2),
    ("William", 2), ("Malthe", 1), ("Jakob", 3), ("Patrick", 2), ("Dennis", 2), ("Stefan", 2),
    ("Michael", 3), ("Peter", 3),
)  # fmt: skip

LAST_NAMES: tuple[tuple[str, float], ...] = (
    ("Nielsen", 45), ("Jensen", 45), ("Hansen", 37), ("Andersen", 31), ("Pedersen", 30),
    ("Christensen", 24), ("Larsen", 22), ("Sørensen", 21), ("Rasmussen", 17), ("Jørgensen", 16),
    ("Petersen", 15), ("Madsen", 12), ("Kristensen", 12), ("Olsen", 11), ("Thomsen", 10),
    ("Christiansen", 9), ("Poulsen", 8), ("Johansen", 8), ("Møller", 8), ("Mortensen", 8),
    ("Knudsen", 6), ("Jakobsen", 6), ("Jacobsen", 5), ("Mikkelsen", 5), ("Olesen", 5),
    ("Frederiksen", 5), ("Laursen", 5), ("Henriksen", 5), ("Lund", 5), ("Schmidt", 4),
    ("Eriksen", 4), ("Holm", 4), ("Kristiansen", 4), ("Clausen", 4), ("Simonsen", 4),
    ("Svendsen", 4), ("Andreasen", 4), ("Iversen", 3), ("Jeppesen", 3), ("Mogensen", 3),
    ("Jespersen", 3), ("Nissen", 3), ("Lauridsen", 3), ("Frandsen", 3), ("Østergaard", 3),
    ("Jepsen", 3), ("Kjær", 3), ("Carlsen", 3), ("Vestergaard", 3), ("Jessen", 3),
    ("Nørgaard", 3), ("Dahl", 3), ("Christoffersen", 2), ("Skov", 2), ("Søndergaard", 2),
    ("Bertelsen", 2), ("Bruun", 2), ("Lassen", 2), ("Bach", 2), ("Gregersen", 2), ("Friis", 2),
    ("Johnsen", 2), ("Steffensen", 2), ("Kjeldsen", 2), ("Bech", 2), ("Krogh", 2),
    ("Lauritsen", 2), ("Danielsen", 2), ("Mathiesen", 2), ("Andresen", 2), ("Brandt", 2),
    ("Winther", 2), ("Toft", 2), ("Ravn", 2), ("Mathiasen", 2), ("Dam", 2), ("Holst", 2),
    ("Nilsson", 1), ("Lind", 2), ("Berg", 2), ("Schou", 2), ("Overgaard", 2), ("Schultz", 1),
    ("Klausen", 1), ("Karlsen", 1), ("Paulsen", 1), ("Hermansen", 1), ("Thorsen", 1),
    ("Koch", 1), ("Thygesen", 1), ("Bak", 1), ("Kruse", 1), ("Bang", 1), ("Juhl", 1),
    ("Davidsen", 1), ("Berthelsen", 1), ("Nygaard", 1), ("Lorentzen", 1), ("Villadsen", 1),
    ("Damgaard", 1), ("Bjerre", 1), ("Ahmed", 1), ("Ali", 1), ("Hussein", 1), ("Yilmaz", 1),
    ("Nguyen", 1), ("Khan", 1), ("Kowalski", 0.5), ("Mohamed", 1), ("Holm-Jensen", 0.5),
)  # fmt: skip

#: Name stems for care homes, residential homes and culture houses ("Plejecenter Solhøj").
PLACE_STEMS: tuple[str, ...] = (
    "Solhøj", "Lindegården", "Egebakken", "Møllehuset", "Rosenhaven", "Fjordbo", "Engly",
    "Kastanjehaven", "Skovly", "Birkelunden", "Bøgebakken", "Åbrinken", "Strandparken",
    "Søhuset", "Ahorngården", "Hybenhaven", "Kildebo", "Mosegården", "Højvang", "Lærkebo",
    "Bakkegården", "Granly", "Elmelund", "Tjørnely", "Hasselhøj", "Klostergården", "Enghaven",
    "Vestervang", "Østerbo", "Nørrelund", "Sønderhaven", "Fyrrebakken", "Lindevang", "Havbo",
    "Pilegården", "Kærsholm", "Rønnebo", "Toftegården", "Ellebo", "Bellevue",
)  # fmt: skip

#: Name stems for day-care institutions and youth clubs ("Børnehuset Regnbuen").
CHILD_STEMS: tuple[str, ...] = (
    "Regnbuen", "Mælkebøtten", "Troldehøjen", "Spiren", "Solstrålen", "Myretuen", "Humlebien",
    "Skovtrolden", "Lærkereden", "Bikuben", "Kastanjen", "Pilehuset", "Mariehønen",
    "Trylleskoven", "Valmuen", "Kløverhuset", "Sommerfuglen", "Anemonen", "Nøddebo",
    "Krudtuglen", "Bøgebo", "Stjernen", "Egernet", "Abildgården", "Fuglereden", "Pusling",
    "Tumlingen", "Søstjernen", "Hasselnødden", "Skattekisten", "Græshoppen", "Fyrtårnet",
    "Bakketoppen", "Rosenknoppen", "Ællingen", "Mejsen", "Paradisæblet", "Ugleredet",
    "Lindebo", "Rollingen",
)  # fmt: skip

#: First parts of school names ("Skovvangskolen").
SCHOOL_STEMS: tuple[str, ...] = (
    "Nørre", "Sønder", "Vester", "Øster", "Kirkebakke", "Skovvang", "Bakke", "Linde", "Ege",
    "Holme", "Strand", "Fjord", "Mølle", "Kilde", "Rosenvænge", "Solhøj", "Vange", "Eng",
    "Højvang", "Bøge", "Hvidbjerg", "Toftevang", "Lunde", "Ådals", "Havrebjerg", "Nordstrand",
    "Søndervang", "Rønne", "Bjerg", "Ellebæk", "Fælled", "Kløver", "Hyldebær", "Bakkegårds",
    "Marie", "Sankt Jørgens", "Præstemarks", "Engvangs", "Abild", "Ringvej",
)  # fmt: skip

#: Towns and districts of the fictional Demo Kommune.
TOWNS: tuple[str, ...] = (
    "Nørreby", "Søby", "Kirkeby", "Strandby", "Holmsted", "Vesterby", "Østerlund", "Skovby",
    "Bakkebølle", "Engelsted", "Højby", "Lundby", "Møllerup", "Ravnsholt", "Egebjerg",
    "Fjordvig", "Kildedal", "Tornby", "Hasselager", "Brændstrup", "Vejlby", "Agerbæk",
    "Ørsted", "Risskov", "Sandvig", "Hvidsten", "Dalby", "Bregninge", "Tåsinge", "Mørkøv",
    "Ulstrup", "Gammelby", "Nyby", "Havdrup", "Skærbæk", "Rønnede", "Tølløse", "Viby",
    "Fårup", "Ebberup",
)  # fmt: skip

#: District suffixes used before town names when a unit type has several units.
DISTRICTS: tuple[str, ...] = ("Nord", "Syd", "Øst", "Vest", "Midt")

_ASCII = str.maketrans(
    {
        "æ": "ae", "ø": "oe", "å": "aa", "é": "e", "è": "e", "ü": "u", "ö": "oe", "ä": "ae",
        "ż": "z", "ł": "l", "ą": "a", "ę": "e", "ó": "o", "ś": "s", "ć": "c", "ń": "n", "ź": "z",
    }
)  # fmt: skip


def email_part(name: str) -> str:
    """A name as the local part of an e-mail address: lower case ASCII, æ→ae, ø→oe, å→aa."""
    text = name.lower().translate(_ASCII)
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in text).strip("-")
