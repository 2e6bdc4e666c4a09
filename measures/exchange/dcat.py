"""The catalogue described in DCAT-AP 3.0, for open-data portals that harvest it.

    GET /api/catalogue.ttl        Turtle
    GET /api/catalogue.jsonld     JSON-LD, the same graph
    GET /api/catalogue            the nodes' own address (/api/catalogue#catalogue…):
                                  the format the Accept header prefers, JSON-LD
                                  for a browser or anything else

One dcat:Catalog holds a dataset of all published measures and one per region
(its measures), each with its distributions: the CSV and JSON downloads, the
Atom feed and the JSON API (a dcat:DataService described by its OpenAPI
document). Every dataset names its publisher (the region's partner, else the
partnership's lead partner), the content's licence (settings.CONTENT_LICENSE),
the site's languages, its spatial coverage as NUTS codes and when it last
changed; the titles and descriptions are given in every language of the site.

The graph is built once as nodes (`Node`) and written by two small writers
below, so the two formats cannot say different things. rdflib, which would do
the writing, is kept out of the site's dependencies: the tests parse both
formats with it (tests/exchange/test_dcat.py) and check them against SHACL
shapes of DCAT-AP's mandatory classes and properties.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Min
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from measures.content_language import localized
from measures.exchange.api import api_view
from measures.models import Measure, Region
from measures.site_url import absolute_url, site_url
from partners.models import Partner

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
# The EU's language authority names languages by their ISO 639-2 codes.
EU_LANGUAGES = {"en": "ENG", "de": "DEU", "fi": "FIN", "pl": "POL", "es": "SPA"}
NUTS = "http://data.europa.eu/nuts/code/"
# The data theme of the EU vocabulary closest to a catalogue of regional policy measures.
DATA_THEME = EU_AUTHORITY + "data-theme/GOVE"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
OPENAPI_3_1 = "https://spec.openapis.org/oas/v3.1.0"


@dataclass(frozen=True)
class Literal:
    value: str
    language: str = ""
    datatype: str = ""


def date_time(moment):
    return Literal(moment.isoformat(), datatype="xsd:dateTime")


@dataclass
class Node:
    """One subject: its IRI, its classes, and its values per predicate (prefixed names)."""

    iri: str
    types: list
    values: dict = field(default_factory=dict)

    def add(self, predicate, *objects):
        self.values.setdefault(predicate, []).extend(o for o in objects if o not in (None, ""))
        return self


def in_every_language(message_of):
    """A text in each of the site's languages: `message_of()` is called under each."""
    literals = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            literals.append(Literal(str(message_of()), language=code))
    return literals


def localized_in_every_language(obj, name):
    literals = []
    for code, _language_name in settings.LANGUAGES:
        with translation.override(code):
            literals.append(Literal(str(localized(obj, name)), language=code))
    return literals


class CatalogueGraph:
    """The nodes of the catalogue's description, read with a few queries."""

    def __init__(self):
        self.base = absolute_url(reverse("api:dcat_turtle")).removesuffix(".ttl")
        self.license = settings.CONTENT_LICENSE["url"]
        self.languages = [EU_AUTHORITY + "language/" + EU_LANGUAGES[code] for code in self._codes()]
        self.nodes = []

    @staticmethod
    def _codes():
        return [code for code, name in settings.LANGUAGES if code in EU_LANGUAGES]

    def iri(self, name):
        return f"{self.base}#{name}"

    def build(self):
        regions = list(Region.objects.translated().select_related("partner").order_by("name"))
        stats = {
            row["region"]: row
            for row in Measure.objects.published()
            .values("region")
            .annotate(count=Count("pk"), modified=Max("updated_at"), issued=Min("published_at"))
            .order_by()
        }
        lead = Partner.objects.filter(role=Partner.Role.LEAD).order_by("pk").first()
        publisher = self.publisher(lead)
        service = self.iri("api")
        whole = self.dataset(
            "measures",
            in_every_language(lambda: _("Soft digitalisation measures of the Next2Met regions")),
            in_every_language(
                lambda: _(
                    "Published measures of the catalogue: what each region did to bring "
                    "digital services and skills to its people, with results, resources "
                    "and contacts."
                )
            ),
            publisher,
            [NUTS + region.nuts_code for region in regions],
            list(stats.values()),
            reverse("measures:list"),
            query="",
            service=service,
        )
        datasets = [whole]
        for region in regions:
            row = stats.get(region.pk)
            if row is None:
                continue
            name = localized(region, "name")
            datasets.append(
                self.dataset(
                    f"region-{region.slug}",
                    in_every_language(
                        lambda region=region: (
                            _("Soft digitalisation measures: %(region)s")
                            % {"region": localized(region, "name")}
                        )
                    ),
                    localized_in_every_language(region, "description")
                    if region.description
                    else in_every_language(
                        lambda name=name: (
                            _("Published measures of the region %(region)s.") % {"region": name}
                        )
                    ),
                    self.publisher(region.partner) if region.partner else publisher,
                    [NUTS + region.nuts_code],
                    [row],
                    region.get_absolute_url(),
                    query=f"region={region.slug}",
                    service=service,
                )
            )
        catalogue = Node(self.iri("catalogue"), ["dcat:Catalog"])
        catalogue.add("dct:title", *in_every_language(lambda: _("Next2Met catalogue")))
        catalogue.add(
            "dct:description",
            *in_every_language(
                lambda: _(
                    "A catalogue of soft digitalisation measures from regions next to a "
                    "metropolis, entered by the partners of the Next2Met partnership."
                )
            ),
        )
        catalogue.add("dct:publisher", publisher)
        catalogue.add("foaf:homepage", site_url() + "/")
        catalogue.add("dct:license", self.license)
        catalogue.add("dct:language", *self.languages)
        catalogue.add("dct:spatial", *(NUTS + region.nuts_code for region in regions))
        catalogue.add("dcat:themeTaxonomy", EU_AUTHORITY + "data-theme")
        catalogue.add("dcat:dataset", *datasets)
        catalogue.add("dcat:service", service)
        modified = [row["modified"] for row in stats.values() if row["modified"]]
        if modified:
            catalogue.add("dct:modified", date_time(max(modified)))
        self.nodes.insert(0, catalogue)
        self.data_service(service, datasets, publisher)
        self.nodes.append(
            Node(self.license, ["dct:LicenseDocument"]).add(
                "dct:title", Literal(settings.CONTENT_LICENSE["name"], language="en")
            )
        )
        for region in regions:
            self.nodes.append(Node(NUTS + region.nuts_code, ["dct:Location"]))
        return self.nodes

    def publisher(self, partner):
        """The agent that publishes: a partner's page is its identity."""
        if partner is None:
            iri = self.iri("partnership")
            if not any(node.iri == iri for node in self.nodes):
                self.nodes.append(
                    Node(iri, ["foaf:Agent"]).add("foaf:name", Literal("Next2Met partnership"))
                )
            return iri
        iri = absolute_url(partner.get_absolute_url())
        if not any(node.iri == iri for node in self.nodes):
            node = Node(iri, ["foaf:Agent"]).add("foaf:name", Literal(partner.name))
            node.add("foaf:homepage", partner.website or None)
            self.nodes.append(node)
        return iri

    def dataset(
        self, name, titles, descriptions, publisher, spatial, rows, page, *, query, service
    ):
        iri = self.iri(name)
        node = Node(iri, ["dcat:Dataset"])
        node.add("dct:title", *titles)
        node.add("dct:description", *descriptions)
        node.add("dct:identifier", Literal(iri))
        node.add("dct:publisher", publisher)
        node.add("dct:license", self.license)
        node.add("dct:language", *self.languages)
        node.add("dct:spatial", *spatial)
        node.add("dcat:theme", DATA_THEME)
        node.add("dcat:landingPage", absolute_url(page))
        issued = [row["issued"] for row in rows if row["issued"]]
        modified = [row["modified"] for row in rows if row["modified"]]
        if issued:
            node.add("dct:issued", date_time(min(issued)))
        if modified:
            node.add("dct:modified", date_time(max(modified)))
        self.nodes.append(node)
        suffix = f"?{query}" if query else ""
        for kind, path, media_type, file_type, title in [
            ("csv", reverse("measures:export_csv"), "text/csv", "CSV", _("Download as CSV")),
            (
                "json",
                reverse("measures:export_json"),
                "application/json",
                "JSON",
                _("Download as JSON"),
            ),
            ("atom", reverse("measures:feed"), "application/atom+xml", "ATOM", _("Atom feed")),
            ("api", reverse("api:measure_list"), "application/json", "JSON", _("JSON API")),
        ]:
            url = absolute_url(path + suffix)
            distribution = Node(self.iri(f"{name}-{kind}"), ["dcat:Distribution"])
            distribution.add("dct:title", Literal(str(title), language=translation.get_language()))
            distribution.add("dcat:accessURL", url)
            if kind in ("csv", "json"):
                distribution.add("dcat:downloadURL", url)
            if kind == "api":
                distribution.add("dcat:accessService", service)
            distribution.add("dcat:mediaType", MEDIA_TYPES + media_type)
            distribution.add("dct:format", EU_AUTHORITY + "file-type/" + file_type)
            distribution.add("dct:license", self.license)
            distribution.add("dct:language", *self.languages)
            if modified:
                distribution.add("dct:modified", date_time(max(modified)))
            node.add("dcat:distribution", distribution.iri)
            self.nodes.append(distribution)
        return iri

    def data_service(self, iri, datasets, publisher):
        node = Node(iri, ["dcat:DataService"])
        node.add("dct:title", *in_every_language(lambda: _("Next2Met catalogue API")))
        node.add("dcat:endpointURL", absolute_url(reverse("api:root")))
        node.add("dcat:endpointDescription", absolute_url(reverse("api:openapi")))
        node.add("dct:conformsTo", OPENAPI_3_1)
        node.add("dcat:servesDataset", *datasets)
        node.add("dct:publisher", publisher)
        node.add("dct:license", self.license)
        self.nodes.append(node)


# The writers


def turtle_string(text):
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def turtle_iri(iri):
    # Characters an IRI reference may not hold in Turtle; percent-encoded as in a URL.
    for char in '<>"{}|^`\\ ':
        iri = iri.replace(char, f"%{ord(char):02X}")
    return f"<{iri}>"


def turtle_term(value):
    if isinstance(value, Literal):
        text = turtle_string(value.value)
        if value.language:
            return f"{text}@{value.language}"
        if value.datatype:
            return f"{text}^^{value.datatype}"
        return text
    return turtle_iri(value)


def turtle(nodes):
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES.items()]
    for node in nodes:
        lines.append("")
        statements = [f"a {', '.join(node.types)}"]
        for predicate, objects in node.values.items():
            if objects:
                statements.append(f"{predicate} {', '.join(turtle_term(o) for o in objects)}")
        lines.append(turtle_iri(node.iri) + " " + " ;\n    ".join(statements) + " .")
    return "\n".join(lines) + "\n"


def json_ld_term(value):
    if isinstance(value, Literal):
        term = {"@value": value.value}
        if value.language:
            term["@language"] = value.language
        elif value.datatype:
            term["@type"] = value.datatype
        return term
    return {"@id": value}


def json_ld(nodes):
    graph = []
    for node in nodes:
        item = {"@id": node.iri, "@type": node.types}
        for predicate, objects in node.values.items():
            if objects:
                item[predicate] = [json_ld_term(o) for o in objects]
        graph.append(item)
    return {"@context": PREFIXES, "@graph": graph}


def catalogue_nodes():
    return CatalogueGraph().build()


@api_view
def catalogue_turtle(request):
    return HttpResponse(turtle(catalogue_nodes()), content_type="text/turtle; charset=utf-8")


@api_view
def catalogue_json_ld(request):
    text = json.dumps(json_ld(catalogue_nodes()), ensure_ascii=False, indent=1)
    return HttpResponse(text, content_type="application/ld+json; charset=utf-8")


# The formats a client may ask for by Accept at the nodes' own address, the first the
# answer to a browser or to */*: (media type, the address of that format, its writer).
FORMATS = {
    "application/ld+json": ("api:dcat_json_ld", catalogue_json_ld),
    "text/turtle": ("api:dcat_turtle", catalogue_turtle),
}


@api_view
def catalogue(request):
    """The address the graph's nodes are named by: the description in the format asked for.

    Marked private and no-store, so neither the shared page cache nor the content-version ETag
    (which know nothing of Accept) hand one format to a client that asked for the other.
    """
    media_type = request.get_preferred_type(list(FORMATS)) or next(iter(FORMATS))
    name, view = FORMATS[media_type]
    response = view.__wrapped__(request)
    response["Content-Location"] = reverse(name)
    patch_vary_headers(response, ["Accept"])
    patch_cache_control(response, private=True, no_store=True)
    return response
