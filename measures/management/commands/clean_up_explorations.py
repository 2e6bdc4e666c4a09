"""Delete the exploration entries never confirmed, and forget the addresses of declined ones.

    manage.py clean_up_explorations

Meant for a cron job every night (docs/operators/mail-and-jobs.md), beside
clearsessions; safe to run as often as you like. What it keeps and for how long
is in measures.review.exploration_retention, and the privacy notice says the same.
"""

from django.core.management.base import BaseCommand

from measures.review import exploration_retention


class Command(BaseCommand):
    help = (
        "Delete entries of regions exploring a measure whose confirmation link expired "
        "unconfirmed, and forget the e-mail address of entries declined more than "
        f"{exploration_retention.DECLINED_KEEP_DAYS} days ago. Run it every night."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(exploration_retention.clean_up()))
