"""Mail the e-mail alerts that are due, and delete the subscriptions never confirmed.

    manage.py send_alerts

Meant for a cron job that runs every hour (docs/operators/mail-and-jobs.md). However
often it runs, a subscription gets at most one digest a day or a week, as it
chose, and never the same measure twice.
"""

from django.core.management.base import BaseCommand

from measures.visitors.alerts import digests, subscriptions


class Command(BaseCommand):
    help = (
        "Mail each confirmed alert subscription that is due the measures newly published "
        "for its search, and delete subscriptions whose confirmation link expired. "
        "Safe to run as often as you like; run it hourly."
    )

    def handle(self, *args, **options):
        deleted = subscriptions.delete_unconfirmed()
        run = digests.send_digests()
        self.stdout.write(
            f"{run.digests} digests sent with {run.measures} measures; "
            f"{deleted} unconfirmed subscriptions deleted."
        )
        if run.broken_searches:
            self.stdout.write(
                self.style.WARNING(
                    f"{run.broken_searches} subscriptions skipped: their search names a "
                    "region, theme, target group or partner that no longer exists."
                )
            )
        if run.failed:
            self.stderr.write(
                self.style.ERROR(f"{run.failed} digests could not be sent; the next run retries.")
            )
