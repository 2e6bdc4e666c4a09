"""Create (or update) a partner editor, a coordinator or an expert.

    manage.py create_staff_user anna --email anna@example.org --partner witeno --role editor
    manage.py create_staff_user maria --email maria@example.org --role expert

The person can sign in to the admin and works on the partner's measures
(editors), reviews every partner's measures (coordinators), or writes opinions
on published measures (experts, who belong to no partner). Run it again to
give an existing person another partner or role. An expert's opinion is
independent: a partner's member is not made an expert, nor an expert a
partner's member; such a person needs a second account.
"""

from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from measures.review.groups import COORDINATORS, EDITORS, EXPERTS, ensure_groups
from partners.models import Membership, Partner

EXPERT = "expert"
GROUP_OF_ROLE = {
    Membership.Role.EDITOR: EDITORS,
    Membership.Role.COORDINATOR: COORDINATORS,
    EXPERT: EXPERTS,
}


class Command(BaseCommand):
    help = "Create or update a partner editor, coordinator or expert who can sign in to the admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--partner", help="The partner's slug, e.g. witeno (editors and coordinators)."
        )
        parser.add_argument("--role", choices=list(GROUP_OF_ROLE), default="editor")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help="Do not ask for a password; the person sets one with `changepassword`.",
        )

    def handle(self, *args, username, email, partner, role, no_input, **options):
        partner_obj = None
        if role == EXPERT and partner:
            raise CommandError("An expert belongs to no partner: leave out --partner.")
        if role != EXPERT:
            if not partner:
                raise CommandError(f"A{'n' if role == 'editor' else ''} {role} needs --partner.")
            try:
                partner_obj = Partner.objects.get(slug=partner)
            except Partner.DoesNotExist:
                slugs = ", ".join(Partner.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"No partner with slug {partner!r}. Known: {slugs}.") from None

        ensure_groups()
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": email, "is_staff": True}
            )
            if not created:
                self._refuse_mixed_roles(user, role)
                user.email = email
                user.is_staff = True
            if created and no_input:
                user.set_unusable_password()
            elif created:
                user.set_password(self._ask_password(user))
            user.save()
            user.groups.add(Group.objects.get(name=GROUP_OF_ROLE[role]))
            if partner_obj is not None:
                Membership.objects.update_or_create(
                    user=user, partner=partner_obj, defaults={"role": role}
                )
        verb = "Created" if created else "Updated"
        of_whom = f" of {partner_obj.name}" if partner_obj else ""
        self.stdout.write(self.style.SUCCESS(f"{verb} {role} {username}{of_whom}."))
        if created and no_input:
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")

    def _refuse_mixed_roles(self, user, role):
        """An expert belongs to no partner: refuse to make a member an expert, or the reverse."""
        if role == EXPERT:
            partners = sorted(
                membership.partner.short_name or membership.partner.name
                for membership in user.memberships.select_related("partner")
            )
            if partners:
                raise CommandError(
                    f"{user.username} is a member of {', '.join(partners)}: an expert belongs "
                    "to no partner, so that their opinions are independent. Create the expert "
                    "with another username."
                )
        elif user.groups.filter(name=EXPERTS).exists():
            raise CommandError(
                f"{user.username} is an expert, who belongs to no partner, so that their "
                f"opinions are independent. Create the {role} with another username."
            )

    def _ask_password(self, user):
        for _ in range(3):
            password = getpass("Password: ")
            if password != getpass("Password (again): "):
                self.stderr.write("The passwords do not match.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No valid password given.")
