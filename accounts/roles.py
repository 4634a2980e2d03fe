"""The portal's staff roles (DESIGN.md) as Django groups, and what each may do in the admin.

``ROLES`` is the one description of the groups as they are today. The data migrations that
made them each carry the definitions of their own time (``accounts/migrations/
_frozen_roles.py`` applies them), so they never change when this module does; a change to
``ROLES`` comes with a migration that applies the new definitions, and a test checks that
the migrated database grants exactly what ``ROLES`` says.
"""

from fnmatch import fnmatchcase

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
            # the experts' rubric: its words, never its criteria (scores are stored by key)
            (
                "submissions",
                "assessmentcriterion",
                "change_assessmentcriterion",
                "Can change assessment criterion",
            ),
            (
                "submissions",
                "assessmentcriterion",
                "view_assessmentcriterion",
                "Can view assessment criterion",
            ),
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


# --- the admin views each role may open -----------------------------------------------------
# URL names (``namespace:name``, shell-style wildcards) of the admin views each role may
# open; every other admin view answers 403 to it (``accounts.middleware.AdminViewsByRole``).
# Superusers (the administrators) open everything. Which records a view then shows is the
# access policy's to say (``submissions.permissions``).

EVERY_STAFF_MEMBER = [
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset*",
    "wagtailadmin_javascript_catalog",
    "wagtail_modeladmin:javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_dismissibles",
    "opi_2fa_manage",
    "opi_2fa_recovery_codes",
    "opi_2fa_regenerate",
    "opi_2fa_setup",
    "opi_2fa_verify",
]

# pages and what they are made of; the page reports (they name staff, never applicants)
WORKING_ON_PAGES = [
    "wagtailadmin_pages:*",
    "wagtailadmin_explore*",
    "wagtailadmin_choose_page*",
    "wagtailadmin_api:pages:*",
    "wagtailadmin_block_preview",
    "wagtailadmin_editing_sessions:*",
    "wagtailadmin_reports:aging_pages*",
    "wagtailadmin_reports:locked_pages*",
    "wagtailadmin_reports:page_types_usage*",
    "policy_policyedition_modeladmin_index",
    "policy_policyedition_modeladmin_inspect",
]

# the moderated records a reviewer works through: the list, the dossier and its history,
# the workflow's actions (never the chooser, a copy, a delete or a revert)
REVIEWED_RECORDS = [
    "list",
    "list_results",
    "edit",
    "history",
    "history_results",
    "workflow_action",
    "collect_workflow_action_data",
    "workflow_history",
    "workflow_history_detail",
    "revisions_compare",
    "lock",
    "unlock",
]

ADMIN_VIEWS = {
    EDITORS: [
        *WORKING_ON_PAGES,
        "wagtailadmin_tag_autocomplete",
        "wagtailadmin_tag_model_autocomplete",
        "wagtailimages:*",
        "wagtailimages_chooser:*",
        "wagtailadmin_api:images:*",
        "wagtaildocs:*",
        "wagtaildocs_chooser:*",
        "wagtailadmin_api:documents:*",
        "wagtailembeds:*",
        "wagtailredirects:*",
        "wagtailsettings:*",
        "simple_translation:submit_page_translation",
        "wagtailsnippets:index",
        "wagtailsnippets_submissions_subsidiary:*",
        "wagtailsnippetchoosers_submissions_subsidiary:*",
        "wagtailsnippets_submissions_assessmentcriterion:*",
    ],
    POLICY_APPROVERS: WORKING_ON_PAGES,
    REVIEWERS: [
        "wagtailsnippets:index",
        *(
            f"wagtailsnippets_{model}:{view}"
            for model in (
                "submissions_application",
                "submissions_registrationrequest",
                "privacy_datasubjectrequest",
            )
            for view in REVIEWED_RECORDS
        ),
        "wagtailsnippets_submissions_application:inspect",  # the printable dossier
        # the edit view's "who else is here" ping (it asks the access policy itself)
        "wagtailadmin_editing_sessions:*",
        "wagtail_bulk_action",
        "application_admin_*",
        "pipeline_report",
        "applicant_access_report",
        "consent_certificate_admin",  # whose: the access policy (policy.certificate)
    ],
    # experts: their assigned applications and the screen they assess them on
    EXPERTS: [
        "wagtailsnippets_submissions_application:list",
        "wagtailsnippets_submissions_application:list_results",
        "wagtail_bulk_action",
        "application_declaration",
        "application_assessment",
    ],
}


def admin_views_of(user):
    """The URL-name patterns of the admin views ``user`` may open; None for everything
    (an administrator)."""
    if user.is_superuser:
        return None
    names = set(user.groups.values_list("name", flat=True))
    allowed = list(EVERY_STAFF_MEMBER)
    for role, views in ADMIN_VIEWS.items():
        if role in names:
            allowed.extend(views)
    return allowed


def may_open_admin_view(user, url_name):
    """Whether the member of staff ``user`` may open the admin view named ``url_name``
    (``namespace:name``; None for a view without a name)."""
    allowed = admin_views_of(user)
    if allowed is None:
        return True
    return url_name is not None and any(
        fnmatchcase(url_name, pattern) for pattern in allowed
    )
