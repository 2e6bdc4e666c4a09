"""The permission groups of the back office, kept in step after every `migrate`.

Membership decides *which* measures a person works on (see `permissions`);
these groups give editors and coordinators the Django model permissions the
admin needs to show them anything at all. Editors change their measures' texts in
other languages as they change the links (`measures.admin.inlines` keeps them out
of a published measure's); coordinators change every text in another language,
of measures, regions, themes and target groups. Experts write opinions on
published measures; the measures' editors read and reply to them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
COORDINATORS = "Coordinators"
EXPERTS = "Experts"

ALL = ["view", "add", "change", "delete"]

GROUP_PERMISSIONS = {
    EDITORS: {
        "measures.measure": ALL,
        "measures.measuretranslation": ALL,
        "measures.measurelink": ALL,
        "measures.indicator": ALL,
        "measures.lineage": ALL,
        "measures.prerequisite": ALL,
        "measures.exploration": ["view"],
        "measures.expertopinion": ["view", "change"],
        "measures.measuretransition": ["view"],
        "measures.measurerevision": ["view"],
        "measures.region": ["view"],
        "measures.category": ["view"],
        "measures.targetgroup": ["view"],
        "partners.partner": ["view"],
    },
    COORDINATORS: {
        "measures.measure": ALL,
        "measures.measuretranslation": ALL,
        "measures.measurelink": ALL,
        "measures.indicator": ALL,
        "measures.lineage": ALL,
        "measures.prerequisite": ALL,
        "measures.exploration": ["view", "change", "delete"],
        "measures.expertopinion": ["view", "change", "delete"],
        "measures.measuretransition": ["view"],
        "measures.measurerevision": ["view", "change"],
        "measures.region": ALL,
        "measures.regiontranslation": ALL,
        "measures.category": ALL,
        "measures.categorytranslation": ALL,
        "measures.targetgroup": ALL,
        "measures.targetgrouptranslation": ALL,
        "partners.partner": ["view", "change"],
        "partners.membership": ["view"],
    },
    EXPERTS: {
        "measures.expertopinion": ALL,
    },
}


def ensure_groups(apps=global_apps, verbosity=0):
    """Create the groups and give them exactly their permissions; safe to run again."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for label in ("measures", "partners"):
        create_permissions(apps.get_app_config(label), verbosity=verbosity, apps=apps)
    for name, grants in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for model_label, actions in grants.items():
            app_label, model = model_label.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            permissions += Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        group.permissions.set(permissions)


def sync_groups_after_migrate(sender, app_config=None, verbosity=1, **kwargs):
    if app_config is not None and app_config.label == "partners":
        # partners is the last of our apps to migrate; both apps' tables exist now.
        ensure_groups(verbosity=verbosity)
