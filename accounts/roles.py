"""The portal's staff roles (DESIGN.md) as Django groups, and what each may do in the admin.

``ROLES`` is the one description of the groups; data migrations call ``sync_roles`` with the
historical models so a fresh database and an upgraded one end up with the same permissions.
Later issues extend ``ROLES`` and add a migration that calls ``sync_roles`` again.
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

# Wagtail's starter group that the portal's roles replace.
RETIRED_GROUPS = ["Moderators"]


def _permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": name or codename.replace("_", " ").capitalize()},
    )
    return permission


def sync_roles(apps, schema_editor=None):
    """Create the groups of ``ROLES`` and give each exactly the permissions listed there
    (adding what is missing; permissions an administrator added by hand are kept)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    for retired in RETIRED_GROUPS:
        Group.objects.filter(name=retired, user__isnull=True).delete()

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, spec in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, codename, label in spec.get("permissions", []):
            group.permissions.add(_permission(apps, app_label, model, codename, label))
        if root_page is not None:
            for codename in spec.get("page_permissions", []):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for app_label, model, codenames in spec.get("collection_permissions", []):
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )


def members_of(group_name):
    """The active people in the role ``group_name``, by name."""

    return (
        get_user_model()
        .objects.filter(groups__name=group_name, is_active=True)
        .order_by("full_name", "email")
    )


# --- workflows whose tasks belong to a role (for data migrations) ------------------------


def group_task(apps, task_model, name, group_names):
    """The active task called ``name`` of ``task_model`` ("app_label.ModelName", a
    group approval task or a subclass), approved by the groups ``group_names``."""
    app_label, model_name = task_model.split(".")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    TaskModel = apps.get_model(app_label, model_name)
    task_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    task = TaskModel.objects.filter(name=name, active=True).first()
    if task is None:
        task = TaskModel.objects.create(name=name, content_type=task_type)
    for group_name in group_names:
        task.groups.add(Group.objects.get(name=group_name))
    return task


def workflow_with_tasks(apps, name, tasks):
    """The workflow ``name`` with exactly ``tasks``, in that order. A task it had before
    and no longer has is deactivated (Wagtail keeps its history)."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("wagtailcore", "Task")
    workflow, _created = Workflow.objects.get_or_create(name=name)
    keep = [task.task_ptr_id for task in tasks]
    dropped = WorkflowTask.objects.filter(workflow=workflow).exclude(task_id__in=keep)
    Task.objects.filter(pk__in=dropped.values("task_id")).update(active=False)
    dropped.delete()
    for order, task_id in enumerate(keep):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task_id=task_id, defaults={"sort_order": order}
        )
    return workflow


def assign_workflow_to_model(apps, workflow, app_label, model):
    """Make ``workflow`` the one for every object of ``app_label.model`` (a snippet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model.lower()
    )
    WorkflowContentType.objects.update_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )
