"""Background tasks carry what they need in their arguments; where the inventory
declares an argument personal (``privacy.inventory.TASK_ARGUMENTS``), it is erased from
the stored result as soon as the task has finished, so that a sent e-mail leaves no
address in the task table."""

import inspect

from django.dispatch import receiver
from django.utils.module_loading import import_string
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from privacy.inventory import TASK_ARGUMENTS

ERASED = ""


def parameter_names(task_path):
    task = import_string(task_path)
    return list(inspect.signature(task.func).parameters)


def erased_arguments(task_path, args, kwargs):
    """(args, kwargs) with the declared personal arguments of ``task_path`` erased."""
    declared = TASK_ARGUMENTS.get(task_path, {})
    names = parameter_names(task_path)
    args = [
        ERASED if index < len(names) and names[index] in declared else value
        for index, value in enumerate(args)
    ]
    kwargs = {
        name: ERASED if name in declared else value for name, value in kwargs.items()
    }
    return args, kwargs


@receiver(task_finished)
def erase_personal_arguments(sender, task_result, **kwargs):
    path = task_result.task.module_path
    if path not in TASK_ARGUMENTS or not issubclass(sender, DatabaseBackend):
        return  # the immediate backend (development, tests) stores no arguments
    args, named = erased_arguments(path, task_result.args, task_result.kwargs)
    DBTaskResult.objects.filter(id=task_result.id).update(
        args_kwargs={"args": args, "kwargs": named}
    )
