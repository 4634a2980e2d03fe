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

# ROLES of accounts/roles.py at commit 35c3c29, which added this migration, frozen here:
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
        ],
    },
    EXPERTS: {"permissions": [ACCESS_ADMIN]},
}
# fmt: on

WORKFLOW = "Application review"
SCREENING = "Screening"
ASSESSMENT = "Expert assessment"
DECISION = "Decision"


def create_workflow(apps, schema_editor):
    """The "Application review" workflow: screening by the reviewers, assessment by the
    experts they assign, decision by the reviewers; assigned to every Application."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    ExpertAssessmentTask = apps.get_model("submissions", "ExpertAssessmentTask")
    screening = group_task(apps, "submissions.ScreeningTask", SCREENING, [REVIEWERS])
    assessment = ExpertAssessmentTask.objects.filter(name=ASSESSMENT).first()
    if assessment is None:
        assessment = ExpertAssessmentTask.objects.create(
            name=ASSESSMENT,
            content_type=ContentType.objects.get_or_create(
                app_label="submissions", model="expertassessmenttask"
            )[0],
        )
    assessment.reviewer_groups.add(Group.objects.get(name=REVIEWERS))
    decision = group_task(apps, "submissions.DecisionTask", DECISION, [REVIEWERS])
    workflow = workflow_with_tasks(apps, WORKFLOW, [screening, assessment, decision])
    assign_workflow_to_model(apps, workflow, "submissions", "Application")


def apply_frozen_roles(apps, schema_editor):
    apply_roles(apps, ROLES, retired_groups=RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0007_applications"),
        ("accounts", "0006_sent_emails"),
    ]

    operations = [
        migrations.RunPython(apply_frozen_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
