"""Titles and names hold one line; mail subjects are made one line; cells stay text."""

import pytest
from django.core.exceptions import ValidationError

from measures.models import (
    CategoryTranslation,
    Measure,
    MeasureTranslation,
    RegionTranslation,
    TargetGroupTranslation,
)
from partners.text import one_line, spreadsheet_cell, validate_single_line
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)

MESSAGE = "Write this on one line: without line breaks, tabs or other invisible control characters."
CONTROL_CHARACTERS = ["\r", "\n", "\r\n", "\t", "\x00", "\x1b", "\x1f", "\x7f", "\x85", "\u2028"]
CONTROL_CHARACTERS += ["\u2029"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_name_with_a_control_character_is_refused_with_the_reason(character):
    with pytest.raises(ValidationError) as error:
        validate_single_line(f"Village{character}Bcc: evil@example.org")

    assert error.value.messages == [MESSAGE]


@pytest.mark.parametrize(
    "name", ["Päijät-Häme", "Diputació de Barcelona", "Сельские услуги", "A – B (C) “D”", ""]
)
def test_names_in_any_script_with_punctuation_are_accepted(name):
    validate_single_line(name)


def test_one_line_turns_every_run_of_breaks_and_spaces_into_one_space():
    text = " For review:\tVillage\r\n\r\nBcc: evil@example.org\u2028x\x85y\x00z  "

    assert one_line(text) == "For review: Village Bcc: evil@example.org x y z"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(start):
    assert spreadsheet_cell(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_cell("Coding club") == "Coding club"
    assert spreadsheet_cell(2021) == 2021


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: MeasureFactory.build(region=RegionFactory()), "title"),
        (lambda: MeasureFactory.build(region=RegionFactory()), "title_local"),
        (lambda: RegionFactory.build(partner=None), "name"),
        (lambda: RegionFactory.build(partner=None), "name_local"),
        (CategoryFactory.build, "name"),
        (TargetGroupFactory.build, "name"),
        (PartnerFactory.build, "name"),
        (PartnerFactory.build, "name_local"),
        (PartnerFactory.build, "short_name"),
    ],
)
def test_titles_and_names_of_the_catalogue_refuse_line_breaks(make, field):
    row = make()
    setattr(row, field, "Village\r\nBcc: evil@example.org")

    with pytest.raises(ValidationError) as error:
        row.full_clean(validate_unique=False, validate_constraints=False)

    assert error.value.message_dict[field] == [MESSAGE]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "parent", "field"),
    [
        (MeasureTranslation, "measure", "title"),
        (RegionTranslation, "region", "name"),
        (CategoryTranslation, "category", "name"),
        (TargetGroupTranslation, "target_group", "name"),
    ],
)
def test_translated_titles_and_names_refuse_line_breaks(model, parent, field):
    parents = {
        "measure": lambda: MeasureFactory(status=Measure.Status.DRAFT),
        "region": RegionFactory,
        "category": CategoryFactory,
        "target_group": TargetGroupFactory,
    }
    row = model(language="de", **{parent: parents[parent](), field: "Dorf\nBcc: x@example.org"})

    with pytest.raises(ValidationError) as error:
        row.full_clean()

    assert error.value.message_dict[field] == [MESSAGE]
