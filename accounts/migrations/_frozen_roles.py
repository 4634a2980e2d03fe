"""Frozen helpers for the data migrations that set up the staff roles and their workflows.

FROZEN: these functions are what the migrations that import them ran when they were
written. Never change their behaviour (only their formatting): a database migrated before
the change and one migrated after it would end up different. If a later migration needs
other behaviour, put it in a new module (``_frozen_roles_2.py``, say) used by the new
migrations only; the migrations that import this one keep it as it is.

They work on the historical models given by ``apps`` only and import nothing from the
project's apps; each migration passes the role and group definitions it applies as literals
of its own. Django's migration loader skips this module (its name starts with ``_``).

The algorithms are copies of ``sync_roles``, ``group_task``, ``workflow_with_tasks`` and
``assign_workflow_to_model`` of ``accounts/roles.py`` as of commit 16e9429 (the same
since 72326cb and dd0ecb4 respectively), with ``sync_roles`` taking the roles to apply as
an argument instead of reading the current ``ROLES``.

A ``roles`` dict maps a group name to a spec with optional keys: ``"permissions"``, a list
of ``(app_label, model, codename, name)`` model-level permissions; ``"page_permissions"``,
codenames of page permissions given on the root page; ``"collection_permissions"``, a list
of ``(app_label, model, [codename, ...])`` given on the root collection.
"""


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


def apply_roles(apps, roles, retired_groups=()):
    """Delete the groups ``retired_groups`` that have no members, then create the groups
    of ``roles`` and give each the permissions listed there (adding what is missing;
    permissions an administrator added by hand are kept)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    for retired in retired_groups:
        Group.objects.filter(name=retired, user__isnull=True).delete()

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, spec in roles.items():
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
