"""E-mail each partner's editors about their measures not verified for a year.

    manage.py remind_unverified [--dry-run]

Meant for a daily cron job (docs/operators/mail-and-jobs.md). A partner is
reminded at most once a day, however often the command runs; --dry-run prints
what would be sent and sends nothing.
"""

from django.core.management.base import BaseCommand

from measures.review.freshness import Reminder, remind_unverified


class Command(BaseCommand):
    help = (
        "E-mail each partner's editors one list of their published measures not verified "
        "for twelve months. Run it daily; a partner gets at most one reminder a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would be reminded of what; send nothing and remember nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        reminders = remind_unverified(dry_run=dry_run)
        if not reminders:
            self.stdout.write("No published measure is overdue for verification.")
            return
        for reminder in reminders:
            partner = reminder.partner
            self.stdout.write(
                f"{partner.name}: {len(reminder.measures)} overdue, {reminder.outcome}"
                + (f" to {', '.join(reminder.recipients)}" if reminder.recipients else "")
            )
            for measure in reminder.measures:
                self.stdout.write(f"  - {measure.title} (last verified {measure.verified_on})")
        sent = sum(reminder.outcome == Reminder.SENT for reminder in reminders)
        summary = f"{sent} of {len(reminders)} partners reminded."
        if dry_run:
            summary = "Dry run: nothing was sent."
        trouble = {Reminder.NO_EDITOR, Reminder.FAILED}
        if any(reminder.outcome in trouble for reminder in reminders):
            self.stdout.write(self.style.WARNING(summary))
        else:
            self.stdout.write(self.style.SUCCESS(summary))
