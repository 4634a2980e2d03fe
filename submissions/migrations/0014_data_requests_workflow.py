from django.db import migrations

from accounts.migrations._frozen_roles import (
    apply_roles,
    assign_workflow_to_model,
    group_task,
    workflow_with_tasks,
)

EDITORS = "Editors"
POLICY_APPROVERS = "Policy approvers"
REVIEWERS = "Reviewers"
EXPERTS = "Experts"
# Wagtail's starter group that the portal's roles replace (deleted if nobody is in it).
RETIRED_GROUPS = ("Moderators",)

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

# ROLES of accounts/roles.py at commit 16e9429, which added this migration, frozen here:
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
            ("submissions", "subsidiary", "add_subsidiary", "Can add subsidiary"),
            ("submissions", "subsidiary", "change_subsidiary", "Can change subsidiary"),
            ("submissions", "subsidiary", "delete_subsidiary", "Can delete subsidiary"),
            ("submissions", "subsidiary", "view_subsidiary", "Can view subsidiary"),
        ],
        "page_permissions": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection_permissions": [
            ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
            ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
        ],
    },
    POLICY_APPROVERS: {"permissions": [ACCESS_ADMIN]},
    REVIEWERS: {
        "permissions": [
            ACCESS_ADMIN,
            ("submissions", "registrationrequest", "view_registrationrequest", "Can view registration"),
            ("submissions", "registrationrequest", "change_registrationrequest", "Can change registration"),
            ("submissions", "registrationrequest", "publish_registrationrequest", "Can publish registration"),
            ("submissions", "application", "view_application", "Can view application"),
            ("submissions", "application", "change_application", "Can change application"),
            ("submissions", "application", "publish_application", "Can publish application"),
            ("submissions", "datasubjectrequest", "view_datasubjectrequest", "Can view data-subject request"),
            ("submissions", "datasubjectrequest", "change_datasubjectrequest", "Can change data-subject request"),
            ("submissions", "datasubjectrequest", "publish_datasubjectrequest", "Can publish data-subject request"),
        ],
    },
    EXPERTS: {
        "permissions": [
            ACCESS_ADMIN,
            ("submissions", "application", "view_application", "Can view application"),
        ],
    },
}
# fmt: on


def create_workflow(apps, schema_editor):
    """The "Data requests" workflow: the reviewers answer each data-subject request."""
    task = group_task(
        apps, "submissions.DataRequestTask", "Answer by the reviewers", [REVIEWERS]
    )
    workflow = workflow_with_tasks(apps, "Data requests", [task])
    assign_workflow_to_model(apps, workflow, "submissions", "DataSubjectRequest")


def apply_frozen_roles(apps, schema_editor):
    apply_roles(apps, ROLES, retired_groups=RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0013_data_subject_requests")]

    operations = [
        migrations.RunPython(apply_frozen_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
