"""A small catalogue in two languages and a coordinator, for the accessibility tests."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from measures.models import Measure
from tests.factories import (
    CategoryFactory,
    IndicatorFactory,
    MeasureFactory,
    MeasureLinkFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)

PASSWORD = "a long and unusual passphrase 42"
# More than one page of the list (settings.MEASURES_PER_PAGE is 20), so pagination shows.
FILLER_MEASURES = 22


def build_catalogue():
    council = PartnerFactory(
        name="Regional Council of Päijät-Häme",
        short_name="PHL",
        slug="paijat-hame-council",
        description="The regional council plans the region's development.",
    )
    ecoplus = PartnerFactory(name="ecoplus", slug="ecoplus", country="AT", city="St. Pölten")
    lahti = RegionFactory(
        name="Päijät-Häme",
        slug="paijat-hame",
        nuts_code="FI1C3",
        partner=council,
        description="Päijät-Häme lies in southern Finland, about 100 km north of Helsinki.",
        latitude="60.98",
        longitude="25.66",
    )
    krems = RegionFactory(
        name="Lower Austria",
        name_local="Niederösterreich",
        slug="lower-austria",
        nuts_code="AT12",
        country="AT",
        partner=ecoplus,
        nearby_metropolises="Vienna, Bratislava",
        latitude="48.2",
        longitude="15.6",
    )
    care = CategoryFactory(
        name="E-health and home care",
        slug="e-health-care",
        description="Care and health services delivered at a distance.",
    )
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    older = TargetGroupFactory(name="Older people", slug="older-people")
    home_care = MeasureFactory(
        title="Remote home care unit",
        summary="Nurses visit older people at home by video as well as in person.",
        description="A team of nurses cares for older people at home by video.",
        problem="Long distances between the homes of older people.",
        evidence="More than 300 clients a year.",
        funding="ERDF",
        region=lahti,
        categories=[care],
        target_groups=[older],
    )
    MeasureLinkFactory(measure=home_care, title="Project page")
    # A result in figures with every column filled: its table must fit a phone too.
    IndicatorFactory(
        measure=home_care,
        name="Clients of the home care service whose visits are partly made by video",
        unit="clients",
        baseline=120,
        target=1500,
        achieved=1342,
    )
    seniors = MeasureFactory(
        title="Digital skills for seniors",
        summary="Volunteers teach older people to use tablets and online services.",
        region=krems,
        partner=ecoplus,
        categories=[skills],
        target_groups=[older],
    )
    for n in range(FILLER_MEASURES):
        MeasureFactory(title=f"Care measure {n:02d}", region=lahti, categories=[care])
    submitted = MeasureFactory(
        title="Village data hub",
        region=lahti,
        categories=[care],
        status=Measure.Status.SUBMITTED,
        published_at=None,
    )
    add_german_texts(home_care, lahti, care, older)
    add_uptake(home_care, seniors)
    call_command(
        "create_staff_user",
        "conrad",
        email="conrad@example.org",
        partner=council.slug,
        role="coordinator",
        no_input=True,
    )
    user = get_user_model().objects.get(username="conrad")
    user.set_password(PASSWORD)
    user.save()
    # Two saved versions of a published measure, so its history can be compared.
    home_care.summary = "Nurses visit older people at home by video and in person."
    home_care.save()
    old, new = home_care.history.order_by("history_date")[:2]
    return {
        "home_care": home_care,
        "seniors": seniors,
        "submitted": submitted,
        "admin_ids": {
            "submitted": submitted.pk,
            "published": home_care.pk,
            "old": old.history_id,
            "new": new.history_id,
        },
    }


def add_uptake(measure, adopting):
    """An approved exploration of `measure` from the region of `adopting`, which adapted
    it, so the statistics and the transfers page show their table of solutions taken up."""
    try:
        from measures.models import Exploration, Lineage
    except ImportError:  # before explorations existed (the recorded baseline)
        return
    Exploration.objects.create(
        measure=measure,
        organisation="Municipality of Krems",
        region=adopting.region,
        country=adopting.region.country,
        email="digital@krems.example",
        status=Exploration.Status.PUBLISHED,
    )
    Lineage.objects.create(measure=adopting, origin=measure, kind=Lineage.Kind.ADAPTED)


def add_german_texts(measure, region, theme, group):
    """German texts for one measure and its region, theme and target group; the rest fall back."""
    try:
        from measures.models import (
            CategoryTranslation,
            MeasureTranslation,
            RegionTranslation,
            TargetGroupTranslation,
        )
    except ImportError:  # before content translation existed (the recorded baseline)
        return
    MeasureTranslation.objects.create(
        measure=measure,
        language="de",
        title="Mobile Pflege per Video",
        summary="Pflegekräfte besuchen ältere Menschen zu Hause, per Video und persönlich.",
        description="Ein Pflegeteam betreut ältere Menschen zu Hause über Videoanrufe.",
    )
    RegionTranslation.objects.create(region=region, language="de", name="Päijät-Häme")
    CategoryTranslation.objects.create(
        category=theme,
        language="de",
        name="E-Health und häusliche Pflege",
        description="Pflege- und Gesundheitsdienste auf Distanz.",
    )
    TargetGroupTranslation.objects.create(target_group=group, language="de", name="Ältere Menschen")
    # The longest words of the seed's German names, which must wrap at 320 pixels.
    telecom = TargetGroupFactory(name="Telecom and service providers", slug="telecom")
    TargetGroupTranslation.objects.create(
        target_group=telecom,
        language="de",
        name="Telekommunikationsunternehmen und Dienstleister",
    )
    measure.target_groups.add(telecom)


def sign_in_to_admin(browser, live_server, username, password, language="en"):
    """A desktop page signed in to the admin, whose browser asks for `language`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    return page
