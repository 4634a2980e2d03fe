"""Put back in the queue the tasks a killed task worker left half-done.

``manage.py db_worker`` (django-tasks-db) marks a task RUNNING when it takes it and finished
when it is done. A worker killed in between (SIGKILL, out of memory, a machine lost) leaves
the task RUNNING for ever. Run this before starting a worker under the same ``--worker-id``:
that worker is not running, so whatever it still holds was interrupted and is made READY
again. Tasks that send e-mail are safe to run again (``accounts.mail`` does not resend what the
same task run already sent). ``--older-than`` also frees tasks of any worker that have been
running longer than that many minutes, for a pool whose workers' ids change.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Requeue the tasks a stopped task worker left running."

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id", help="The id the stopped worker ran under (db_worker)."
        )
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="MINUTES",
            help="Also requeue tasks of any worker running for longer than this.",
        )

    def handle(self, *args, worker_id=None, older_than=None, **options):
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        interrupted = []
        for result in running.only("id", "worker_ids", "started_at"):
            held_by_worker = worker_id and result.worker_ids[-1:] == [worker_id]
            too_long = older_than is not None and result.started_at < (
                timezone.now() - datetime.timedelta(minutes=older_than)
            )
            if held_by_worker or too_long:
                interrupted.append(result.pk)
        requeued = DBTaskResult.objects.filter(
            pk__in=interrupted, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        self.stdout.write(f"Requeued {requeued} interrupted task(s).")
