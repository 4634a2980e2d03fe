"""The portal's staff roles (DESIGN.md) as Django groups, and what each may do in the admin.

``ROLES`` is the one description of the groups as they are today. The data migrations that
made them each carry the definitions of their own time (``accounts/migrations/
_frozen_roles.py`` applies them), so they never change when this module does; a change to
``ROLES`` comes with a migration that applies the new definitions, and a test checks that
the migrated database grants exactly what ``ROLES`` says.
"""

from django.contrib.auth import get_user_model

EDITORS = "Editors"
POLICY_APPROVERS = "Policy approvers"
REVIEWERS = "Reviewers"
EXPERTS = "Experts"

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
ACCESS_ADMIN_PERMISSION = "wagtailadmin.access_admin"


def is_staff(user):
    """Staff: anyone who may enter the Wagtail admin, superusers included. The one test
    of who is staff (``User.objects.staff()`` is the same rule as a query)."""
    return user.is_authenticated and user.has_perm(ACCESS_ADMIN_PERMISSION)


# (app_label, model, codename, name) of model-level permissions; page and collection
# permissions are given on the root page and the root collection.
ROLES = {
    EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            ("wagtailredirects", "redirect", "add_redirect", "Can add redirect"),
            ("wagtailredirects", "redirect", "change_redirect", "Can change redirect"),
            ("wagtailredirects", "redirect", "delete_redirect", "Can delete redirect"),
            (
                "home",
                "portalsettings",
                "change_portalsettings",
                "Can change portal settings",
            ),
            (
                "simple_translation",
                "simpletranslation",
                "submit_translation",
                "Can submit translations",
            ),
            # the list of subsidiaries and assets offered in the application form
            ("submissions", "subsidiary", "add_subsidiary", "Can add subsidiary"),
            ("submissions", "subsidiary", "change_subsidiary", "Can change subsidiary"),
            ("submissions", "subsidiary", "delete_subsidiary", "Can delete subsidiary"),
            ("submissions", "subsidiary", "view_subsidiary", "Can view subsidiary"),
        ],
        "page_permissions": [
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
        ],
        "collection_permissions": [
            (
                "wagtailimages",
                "image",
                ["add_image", "change_image", "delete_image", "choose_image"],
            ),
            (
                "wagtaildocs",
                "document",
                [
                    "add_document",
                    "change_document",
                    "delete_document",
                    "choose_document",
                ],
            ),
        ],
    },
    POLICY_APPROVERS: {"permissions": [ACCESS_ADMIN]},
    REVIEWERS: {
        "permissions": [
            ACCESS_ADMIN,
            (
                "submissions",
                "registrationrequest",
                "view_registrationrequest",
                "Can view registration",
            ),
            # "change" lets a reviewer open a registration and act in its workflow; its
            # panels are read-only, so nothing the applicant sent can be altered.
            (
                "submissions",
                "registrationrequest",
                "change_registrationrequest",
                "Can change registration",
            ),
            # approving a registration publishes the revision the reviewer saw
            (
                "submissions",
                "registrationrequest",
                "publish_registrationrequest",
                "Can publish registration",
            ),
            # applications: read-only panels, actions through the review workflow
            ("submissions", "application", "view_application", "Can view application"),
            (
                "submissions",
                "application",
                "change_application",
                "Can change application",
            ),
            (
                "submissions",
                "application",
                "publish_application",
                "Can publish application",
            ),
            # data-subject requests: answered through the "Data requests" workflow
            (
                "privacy",
                "datasubjectrequest",
                "view_datasubjectrequest",
                "Can view data-subject request",
            ),
            (
                "privacy",
                "datasubjectrequest",
                "change_datasubjectrequest",
                "Can change data-subject request",
            ),
            (
                "privacy",
                "datasubjectrequest",
                "publish_datasubjectrequest",
                "Can publish data-subject request",
            ),
        ]
    },
    # experts list and inspect the applications assigned to them (the queryset is limited
    # by submissions.permissions.visible_applications); they assess through the workflow
    EXPERTS: {
        "permissions": [
            ACCESS_ADMIN,
            ("submissions", "application", "view_application", "Can view application"),
        ]
    },
}


def members_of(group_name):
    """The active people in the role ``group_name``, by name."""

    return (
        get_user_model()
        .objects.filter(groups__name=group_name, is_active=True)
        .order_by("full_name", "email")
    )
