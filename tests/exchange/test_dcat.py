"""The catalogue in DCAT-AP 3.0: Turtle and JSON-LD that rdflib reads as one graph, holding
DCAT-AP's mandatory classes and properties (checked by pyshacl against shapes/).

The shapes are written here from the specification (see their file): the official
ones cannot be installed on these machines. A test breaks the graph on purpose, so
the shapes are seen to refuse what lacks a mandatory property.
"""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from measures.models import Measure
from tests.factories import MeasureFactory, PartnerFactory, RegionFactory

pytestmark = pytest.mark.django_db

SHAPES = Path(__file__).parent / "shapes" / "dcat_ap_3_mandatory.ttl"
NUTS = Namespace("http://data.europa.eu/nuts/code/")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
BASE = "http://testserver/api/catalogue"


@pytest.fixture
def catalogue(published_measure, region):
    """Two regions with published measures, one with only a draft, a lead partner."""
    PartnerFactory(name="Lead partner", slug="lead", role="lead")
    other = RegionFactory(name="Lower Austria", slug="lower-austria", nuts_code="AT12")
    MeasureFactory(region=other, title="Digital village offices")
    RegionFactory(name="Podlaskie", slug="podlaskie", nuts_code="PL84")
    MeasureFactory(
        region=other,
        title="Draft only",
        status=Measure.Status.DRAFT,
        published_at=None,
    )
    return published_measure


def graph_of(client, url, format):
    response = client.get(url)
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format=format), response


def test_turtle_and_json_ld_are_the_same_graph(client, catalogue):
    turtle, response = graph_of(client, "/api/catalogue.ttl", "turtle")
    json_ld, json_response = graph_of(client, "/api/catalogue.jsonld", "json-ld")

    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    assert json_response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert len(turtle) > 100
    assert isomorphic(turtle, json_ld)


@pytest.mark.parametrize(
    ("url", "format"), [("/api/catalogue.ttl", "turtle"), ("/api/catalogue.jsonld", "json-ld")]
)
def test_the_catalogue_conforms_to_the_mandatory_dcat_ap_shapes(client, catalogue, url, format):
    graph, _response = graph_of(client, url, format)

    conforms, _report, text = validate(graph, shacl_graph=str(SHAPES), inference="none")

    assert conforms, text


def test_the_shapes_refuse_a_catalogue_without_a_title(client, catalogue):
    graph, _response = graph_of(client, "/api/catalogue.ttl", "turtle")
    graph.remove((URIRef(f"{BASE}#catalogue"), DCTERMS.title, None))

    conforms, _report, text = validate(graph, shacl_graph=str(SHAPES), inference="none")

    assert not conforms
    assert "Result Path: dct:title" in text


def test_one_dataset_of_all_measures_and_one_per_region_with_published_measures(client, catalogue):
    graph, _response = graph_of(client, "/api/catalogue.ttl", "turtle")
    catalogue_node = URIRef(f"{BASE}#catalogue")

    datasets = set(graph.objects(catalogue_node, DCAT.dataset))

    assert datasets == {
        URIRef(f"{BASE}#measures"),
        URIRef(f"{BASE}#region-paijat-hame"),
        URIRef(f"{BASE}#region-lower-austria"),
    }
    assert set(graph.objects(URIRef(f"{BASE}#region-lower-austria"), DCTERMS.spatial)) == {
        NUTS.AT12
    }
    assert set(graph.objects(URIRef(f"{BASE}#measures"), DCTERMS.spatial)) == {
        NUTS.FI1C3,
        NUTS.AT12,
        NUTS.PL84,
    }


def test_each_dataset_has_csv_json_atom_and_api_distributions_filtered_to_it(client, catalogue):
    graph, _response = graph_of(client, "/api/catalogue.ttl", "turtle")
    dataset = URIRef(f"{BASE}#region-paijat-hame")

    access = sorted(
        (
            str(graph.value(distribution, DCAT.accessURL)),
            str(graph.value(distribution, DCTERMS.format)).rsplit("/", 1)[1],
        )
        for distribution in graph.objects(dataset, DCAT.distribution)
    )

    assert access == [
        ("http://testserver/api/measures/?region=paijat-hame", "JSON"),
        ("http://testserver/en/measures/export.csv?region=paijat-hame", "CSV"),
        ("http://testserver/en/measures/export.json?region=paijat-hame", "JSON"),
        ("http://testserver/en/measures/feed/?region=paijat-hame", "ATOM"),
    ]
    for url, _format in access:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_licence_languages_publisher_and_dates_are_stated(client, catalogue):
    graph, _response = graph_of(client, "/api/catalogue.ttl", "turtle")
    catalogue_node = URIRef(f"{BASE}#catalogue")
    dataset = URIRef(f"{BASE}#region-paijat-hame")

    assert graph.value(catalogue_node, DCTERMS.license) == CC_BY
    assert (CC_BY, RDF.type, DCTERMS.LicenseDocument) in graph
    languages = {
        str(language).rsplit("/", 1)[1]
        for language in graph.objects(catalogue_node, DCTERMS.language)
    }
    assert languages == {"ENG", "DEU", "FIN", "POL", "SPA"}
    publisher = graph.value(catalogue_node, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("Lead partner")
    # A region's dataset is published by the region's partner.
    assert graph.value(graph.value(dataset, DCTERMS.publisher), FOAF.name) == Literal(
        catalogue.region.partner.name
    )
    modified = graph.value(dataset, DCTERMS.modified).toPython()
    assert modified == catalogue.updated_at
    titles = {title.language for title in graph.objects(catalogue_node, DCTERMS.title)}
    assert titles == {"en", "de", "fi", "pl", "es"}


def test_the_api_is_a_data_service_described_by_its_openapi_document(client, catalogue):
    graph, _response = graph_of(client, "/api/catalogue.ttl", "turtle")
    service = URIRef(f"{BASE}#api")

    assert (service, RDF.type, DCAT.DataService) in graph
    assert graph.value(service, DCAT.endpointURL) == URIRef("http://testserver/api/")
    assert graph.value(service, DCAT.endpointDescription) == URIRef(
        "http://testserver/api/openapi.json"
    )
    assert URIRef(f"{BASE}#measures") in set(graph.objects(service, DCAT.servesDataset))


def test_texts_with_quotes_and_line_breaks_stay_literals(client, catalogue, region):
    region.description = 'A "quoted" word,\nanother line and a back\\slash > <'
    region.save()

    turtle, _response = graph_of(client, "/api/catalogue.ttl", "turtle")
    json_ld, _response = graph_of(client, "/api/catalogue.jsonld", "json-ld")

    descriptions = set(turtle.objects(URIRef(f"{BASE}#region-paijat-hame"), DCTERMS.description))
    assert Literal(region.description, lang="en") in descriptions
    assert isomorphic(turtle, json_ld)


def test_every_page_links_the_catalogue_and_the_api_from_its_footer(client, catalogue):
    html = client.get("/de/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert 'href="/api/catalogue.ttl" type="text/turtle"' in footer
    assert 'href="/api/catalogue.jsonld" type="application/ld+json"' in footer
    assert 'href="/api/"' in footer


def test_a_regions_dataset_names_the_region_after_a_colon(client, catalogue):
    # "in Woiwodschaft Podlachien" would lack the article German needs before many names.
    graph, _response = graph_of(client, "/api/catalogue.ttl", "turtle")

    titles = graph.objects(URIRef(f"{BASE}#region-lower-austria"), DCTERMS.title)

    english = next(title for title in titles if title.language == "en")
    assert str(english) == "Soft digitalisation measures: Lower Austria"


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/ld+json"),
        ("", "application/ld+json"),
    ],
)
def test_the_address_of_the_graphs_nodes_answers_in_the_format_asked_for(
    client, published_measure, accept, media_type
):
    response = client.get("/api/catalogue", headers={"accept": accept} if accept else {})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)
    file = {"text/turtle": "/api/catalogue.ttl", "application/ld+json": "/api/catalogue.jsonld"}
    assert response["Content-Location"] == file[media_type]
    assert response.content == client.get(file[media_type]).content
    assert "Accept" in response["Vary"]
    assert "private" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    graph = Graph().parse(
        data=response.content, format="turtle" if "turtle" in media_type else "json-ld"
    )
    assert (URIRef("http://testserver/api/catalogue#catalogue"), None, None) in graph
