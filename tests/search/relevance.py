"""The relevance set: searches a visitor would type, and the measures a person expects on top.

Written from the seed content (fixtures/), leaning on what stays when the texts
are rewritten: titles, local titles, places, programmes and themes. Each entry
is (query, expected slugs, page language); a search scores the reciprocal rank of
the first expected measure among its results (0 when none is found) and a hit
when one of them is among the first three. `scores()` gives the mean of both.

The queries are typed as a policy officer from another country would: with
typos, without accents, in British or American spelling, with or without a
hyphen, several words at once, in German, or by the name of a place or a programme.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Search:
    query: str
    expected: tuple
    language: str = "en"
    kind: str = ""


def search(query, *expected, language="en", kind=""):
    return Search(query, tuple(expected), language, kind)


REMOTE_HUBS = ("connected-hubs-network", "coworx-edgeworthstown")

SEARCHES = [
    # Words of a title.
    search("broadband support", "paijat-hame-broadband-support", kind="title"),
    search("video appointments", "paijat-sote-video-appointments", kind="title"),
    search("carbon trading", "citicap-lahti", kind="title"),
    search("teleassistance", "diba-local-teleassistance", kind="title"),
    search("LoRaWAN", "terrassa-lorawan-iot", kind="title"),
    search("public wifi", "offaly-public-wifi", kind="title"),
    search("radio museum", "mastola-radio-tv-museum", kind="title"),
    search("virtual reality Lahti", "lahti-historical-vr", kind="title"),
    search("patient portal", "podlaskie-e-health-system", kind="title"),
    search("technology cluster", "infotech-cluster", kind="title"),
    search("digital agenda", "digital-agenda-mv", kind="title"),
    search("sports innovation", "calella-sport-city-lab", kind="title"),
    # Several words: near each other and in the title beat scattered through the text.
    search("remote work", *REMOTE_HUBS, kind="words"),
    search("remote working hub", *REMOTE_HUBS, kind="words"),
    search("remote working", *REMOTE_HUBS, kind="words"),
    search("remote workers", *REMOTE_HUBS, kind="words"),
    search("civil works", "noegig-open-fibre", kind="words"),
    search("home care", "severi-remote-home-care", kind="words"),
    search("digital skills training", "cyfrowe-podlaskie", kind="words"),
    search(
        "local digital strategy",
        "longford-digital-strategy",
        "broadband-officers-local-digital-strategies",
        kind="words",
    ),
    search("innovation centre Greifswald", "diz-greifswald-witeno", kind="words"),
    search(
        "IoT data platform",
        "lower-austria-municipal-iot-platform",
        "diba-smart-region-platform",
        kind="words",
    ),
    search(
        "online consultation",
        "podlaskie-e-services-consultation-criterion",
        "longford-digital-consultations",
        kind="words",
    ),
    search(
        "telecare older people",
        "diba-local-teleassistance",
        "severi-remote-home-care",
        kind="words",
    ),
    search("free wifi", "offaly-public-wifi", kind="words"),
    search("IT cluster", "infotech-cluster", kind="words"),
    search("coworking island", "project-bay-rural-coworking", kind="words"),
    search("smart city model project", "26-meer-zukunft-seen", kind="words"),
    search("museum radio television", "mastola-radio-tv-museum", kind="words"),
    search("augmented reality guide", "digikulttuurikyla-vaaksy", kind="words"),
    search("broadband officer", "broadband-officers-local-digital-strategies", kind="words"),
    search(
        "sensor platform municipalities",
        "diba-smart-region-platform",
        "lower-austria-municipal-iot-platform",
        kind="words",
    ),
    # Typos.
    search("digtal agenda", "digital-agenda-mv", kind="typo"),
    search(
        "broadbnd",
        "paijat-hame-broadband-support",
        "broadband-officers-local-digital-strategies",
        kind="typo",
    ),
    search("teleasistance", "diba-local-teleassistance", kind="typo"),
    search("musuem Lahti", "mastola-radio-tv-museum", "malva-museum-of-visual-arts", kind="typo"),
    search("inovation hub Vilanova", "neapolis-vilanova", kind="typo"),
    search("agriculure", "midlands-smart-agriculture-exchange", kind="typo"),
    search("carbon tradign", "citicap-lahti", kind="typo"),
    search("Edgeworthstwon", "coworx-edgeworthstown", kind="typo"),
    # Without accents.
    search("Paijat-Hame broadband", "paijat-hame-broadband-support", kind="accents"),
    search("Paijat-Sote", "paijat-sote-video-appointments", kind="accents"),
    search("Neapolis", "neapolis-vilanova", kind="accents"),
    search("Rugen", "project-bay-rural-coworking", kind="accents"),
    search("Vaaksy", "digikulttuurikyla-vaaksy", kind="accents"),
    search("noGIG fibre", "noegig-open-fibre", kind="accents"),
    search(
        "Digitalisierungsstrategie Niederosterreich",
        "lower-austria-digitalisation-strategy",
        kind="accents",
    ),
    # Spelling variants.
    search("fiber network", "noegig-open-fibre", kind="variant"),
    search("coworking Rügen", "project-bay-rural-coworking", kind="variant"),
    search("co-working Vilanova", "neapolis-vilanova", kind="variant"),
    search("ehealth Podlaskie", "podlaskie-e-health-system", kind="variant"),
    search(
        "digitalization strategy Lower Austria",
        "lower-austria-digitalisation-strategy",
        kind="variant",
    ),
    search("digitalization grants", "digi4kmu-digi4wirtschaft", kind="variant"),
    search("Wi-Fi Offaly", "offaly-public-wifi", kind="variant"),
    # Places and programmes.
    search("Edgeworthstown", "coworx-edgeworthstown", kind="name"),
    search("Terrassa", "terrassa-lorawan-iot", kind="name"),
    search("Tulln", "haus-der-digitalisierung", kind="name"),
    search("WiFi4EU", "offaly-public-wifi", kind="name"),
    search("Smarte.Land.Regionen", "smart-region-vorpommern-greifswald", kind="name"),
    search("ConnectedHubs", "connected-hubs-network", kind="name"),
    search("digi4KMU", "digi4kmu-digi4wirtschaft", kind="name"),
    search("Sentilo", "diba-smart-region-platform", kind="name"),
    search("Digibale", "midlands-smart-agriculture-exchange", kind="name"),
    search("Longford consultations", "longford-digital-consultations", kind="name"),
    # German, on the German pages.
    search("Haus der Digitalisierung", "haus-der-digitalisierung", language="de", kind="german"),
    search("Digitale Agenda", "digital-agenda-mv", language="de", kind="german"),
    search(
        "Digitales Innovationszentrum Greifswald",
        "diz-greifswald-witeno",
        language="de",
        kind="german",
    ),
    search(
        "Digitalisierungsstrategie",
        "lower-austria-digitalisation-strategy",
        "smart-region-vorpommern-greifswald",
        language="de",
        kind="german",
    ),
    search(
        "Digitale Landwirtschaft",
        "midlands-smart-agriculture-exchange",
        language="de",
        kind="german",
    ),
]


def reciprocal_rank(found, expected):
    """1 / the rank of the first expected slug in `found`, 0 when none is there."""
    for rank, slug in enumerate(found, start=1):
        if slug in expected:
            return 1 / rank
    return 0.0


def scores(results):
    """(mean reciprocal rank, top-3 hit rate) of {Search: [slugs, best first]}."""
    ranks = [reciprocal_rank(found, entry.expected) for entry, found in results.items()]
    hits = [any(slug in entry.expected for slug in found[:3]) for entry, found in results.items()]
    return sum(ranks) / len(ranks), sum(hits) / len(hits)
