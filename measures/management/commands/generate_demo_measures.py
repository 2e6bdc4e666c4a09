"""Create deterministic synthetic measures for load tests and benchmarks.

    manage.py generate_demo_measures --count 100000 --seed 1

The same count and seed always give the same measures. Demo measures are
flagged `is_demo`, carry "Demo" in their title and a `demo-` slug, and are
spread over the existing regions, themes, target groups, partners and years.
They are never part of the seed data: load the fixtures first.
"""

import random
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from measures.caching import content_version
from measures.models import (
    FUNDING_FIELDS,
    BudgetBand,
    Category,
    EvidenceLevel,
    Measure,
    Region,
    StaffEffort,
    TargetGroup,
)
from measures.search.index import refresh_search_index
from partners.models import Partner

KINDS = [
    "coworking hub",
    "digital skills course",
    "e-service",
    "open data portal",
    "innovation voucher",
    "remote care service",
    "village broadband cooperative",
    "start-up incubator",
    "digital museum guide",
    "citizen participation platform",
    "smart mobility pilot",
    "farm sensor network",
]
AUDIENCES = [
    "older residents",
    "small firms",
    "commuters",
    "young people",
    "municipal staff",
    "farmers",
    "visitors",
    "returnees",
]
PLACES = ["market towns", "rural villages", "the regional capital", "coastal communities"]
SENTENCES = [
    "It was set up because {audience} in {place} had few ways to use digital services nearby.",
    "A small team runs it with support from the municipalities of the region.",
    "Participants meet in person first and continue online once they feel confident.",
    "The service is free for users and is paid for from the regional budget.",
    "Local libraries and community centres act as contact points.",
    "Feedback from users is collected every six months and shapes the next round.",
    "Several neighbouring regions have asked how to adopt the approach.",
    "The first year showed that personal guidance matters more than the technology.",
]
FIRST_YEAR, LAST_YEAR = 2008, 2025
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)


class Command(BaseCommand):
    help = "Create COUNT synthetic, published demo measures, reproducibly for a given seed."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many measures.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every existing demo measure first.",
        )

    def handle(self, *args, count, seed, batch_size, replace, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        regions = list(Region.objects.order_by("slug"))
        themes = list(Category.objects.order_by("slug"))
        groups = list(TargetGroup.objects.order_by("slug"))
        partners = list(Partner.objects.order_by("slug"))
        if not (regions and themes and partners):
            raise CommandError(
                "Demo measures need regions, themes and partners: load the seed data first "
                "(make seed)."
            )
        prefix = f"demo-{seed}-"
        if replace:
            deleted, _ = Measure.objects.filter(is_demo=True).delete()
            self.stdout.write(f"Deleted {deleted} demo rows.")
        elif Measure.objects.filter(slug__startswith=prefix).exists():
            raise CommandError(
                f"Demo measures for seed {seed} exist already; use --replace to make them anew."
            )

        rng = random.Random(seed)
        with transaction.atomic():
            for start in range(0, count, batch_size):
                size = min(batch_size, count - start)
                batch = [
                    self._measure(rng, prefix, start + i, regions, partners) for i in range(size)
                ]
                Measure.objects.bulk_create(batch)
                self._link_themes(rng, batch, themes, groups)
                # bulk_create sends no signals: index the batch for search here.
                refresh_search_index(measure.pk for measure in batch)
                self._progress(start + size, count)
        # bulk_create and the join-table inserts send no signals: cached pages go stale here.
        content_version.bump()
        self.stdout.write(self.style.SUCCESS(f"Created {count} demo measures (seed {seed})."))

    def _measure(self, rng, prefix, number, regions, partners):
        region = rng.choice(regions)
        partner = region.partner if region.partner_id and rng.random() < 0.8 else None
        kind = rng.choice(KINDS)
        audience = rng.choice(AUDIENCES)
        place = rng.choice(PLACES)
        start_year = rng.randint(FIRST_YEAR, LAST_YEAR)
        ended = rng.random() < 0.3
        sentences = rng.sample(SENTENCES, k=rng.randint(3, 6))
        text = " ".join(s.format(audience=audience, place=place) for s in sentences)
        # Drawn after the fields above, so the same seed keeps giving the same texts.
        structured = self._structured(rng)
        return Measure(
            title=f"Demo {number + 1}: {kind} for {audience} in {place}",
            slug=f"{prefix}{number + 1:06d}",
            summary=f"A {kind} that helps {audience} in {place} use digital services (demo data).",
            description=text,
            problem=f"{audience.capitalize()} in {place} had little access to digital offers.",
            evidence=f"About {rng.randint(2, 400) * 10} people took part in the first year.",
            region=region,
            partner=partner or rng.choice(partners),
            start_year=start_year,
            end_year=min(start_year + rng.randint(0, 5), LAST_YEAR) if ended else None,
            implementation=Measure.Implementation.COMPLETED
            if ended
            else rng.choice([Measure.Implementation.RUNNING, Measure.Implementation.PLANNED]),
            status=Measure.Status.PUBLISHED,
            published_at=BASE_TIME + timedelta(minutes=number * 7),
            is_demo=True,
            **structured,
        )

    def _structured(self, rng):
        """Results and resources as partners fill them in: often, but not always."""

        def sometimes(choices):
            return rng.choice(choices) if rng.random() < 0.7 else ""

        fields = {
            "evidence_level": sometimes(EvidenceLevel.values),
            "budget_band": sometimes(BudgetBand.values),
            "staff_effort": sometimes(StaffEffort.values),
            "duration_months": rng.randint(3, 60) if rng.random() < 0.5 else None,
        }
        for field in FUNDING_FIELDS.values():
            fields[field] = rng.random() < 0.3
        return fields

    def _link_themes(self, rng, measures, themes, groups):
        # bulk_create sets primary keys on PostgreSQL and SQLite, so the join rows can
        # be inserted in bulk too.
        theme_rows = []
        group_rows = []
        ThemeLink = Measure.categories.through
        GroupLink = Measure.target_groups.through
        for measure in measures:
            for theme in rng.sample(themes, k=min(len(themes), rng.randint(1, 3))):
                theme_rows.append(ThemeLink(measure_id=measure.pk, category_id=theme.pk))
            if groups:
                for group in rng.sample(groups, k=min(len(groups), rng.randint(1, 2))):
                    group_rows.append(GroupLink(measure_id=measure.pk, targetgroup_id=group.pk))
        ThemeLink.objects.bulk_create(theme_rows)
        GroupLink.objects.bulk_create(group_rows)

    def _progress(self, done, total):
        filled = 30 * done // total
        line = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="\n" if done == total else "")
            self.stdout.flush()
        else:
            self.stdout.write(line)
