from django.db import migrations

from accounts.migrations._frozen_roles import apply_roles

EDITORS = "Editors"
POLICY_APPROVERS = "Policy approvers"
REVIEWERS = "Reviewers"
EXPERTS = "Experts"
# Wagtail's starter group that the portal's roles replace (deleted if nobody is in it).
RETIRED_GROUPS = ("Moderators",)

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

# ROLES of accounts/roles.py at commit 72326cb, which added this migration, frozen here:
# what this migration applies never changes (a change to the roles is a new migration).
# The format is described in accounts/migrations/_frozen_roles.py.
# fmt: off
ROLES = {
    EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            ("wagtailredirects", "redirect", "add_redirect", "Can add redirect"),
            ("wagtailredirects", "redirect", "change_redirect", "Can change redirect"),
            ("wagtailredirects", "redirect", "delete_redirect", "Can delete redirect"),
            ("home", "portalsettings", "change_portalsettings", "Can change portal settings"),
            ("simple_translation", "simpletranslation", "submit_translation", "Can submit translations"),
        ],
        "page_permissions": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection_permissions": [
            ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
            ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
        ],
    },
    POLICY_APPROVERS: {"permissions": [ACCESS_ADMIN]},
    REVIEWERS: {"permissions": [ACCESS_ADMIN]},
    EXPERTS: {"permissions": [ACCESS_ADMIN]},
}
# fmt: on


def apply_frozen_roles(apps, schema_editor):
    apply_roles(apps, ROLES, retired_groups=RETIRED_GROUPS)


class Migration(migrations.Migration):
    """Creates the staff groups of DESIGN.md with the Wagtail permissions each needs."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(apply_frozen_roles, migrations.RunPython.noop)]
