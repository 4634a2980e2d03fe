"""The task worker killed in the middle of sending an e-mail: after
``requeue_interrupted_tasks`` and a restart under the same worker id, the e-mail is
delivered exactly once and recorded once."""

import pytest

from .conftest import wait_until
from .flows import legal_entity, register

pytestmark = pytest.mark.load

WORKER_ID = "load-tasks-1"
TASK = "accounts.verification.send_verification_email"


def task_of(portal, email):
    """(id, status, worker ids) of the confirmation e-mail task of ``email``."""
    rows = portal.sql(
        """
        SELECT task.id, task.status, task.worker_ids
        FROM django_tasks_database_dbtaskresult task, accounts_user person
        WHERE task.task_path = %s AND person.email = %s
          AND task.args_kwargs -> 'args' ->> 0 = person.id::text
        """,
        [TASK, email],
    )
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def recorded(portal, email):
    return portal.sql(
        "SELECT kind, task_run FROM accounts_sentemail WHERE recipient = %s", [email]
    )


def test_a_worker_killed_while_sending_sends_the_email_once_after_restart(portal, sink):
    [(waiting,)] = portal.sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
    )
    # load_demo runs its own tasks at once (into a dummy e-mail backend): queued, the
    # worker would send hundreds of demo e-mails for real (`make serve DEMO=1`)
    assert waiting == 0, "the demo content left tasks in the queue"
    portal.start_worker(WORKER_ID)
    email = "interrupted@example.kz"
    sink.hold_next(email, seconds=60)  # no answer to the end of its DATA for now

    answers, files = legal_entity(1, email)
    response = register(portal, answers, files)
    assert response.status_code == 302

    wait_until(sink.holding.is_set, 30, "the e-mail never reached the SMTP sink")
    task_id, status, workers = task_of(portal, email)
    assert (status, workers) == ("RUNNING", [WORKER_ID])
    portal.kill_worker()  # SIGKILL while the sink holds the message
    assert sink.sent_to(email) == []
    assert recorded(portal, email) == []
    assert task_of(portal, email)[1] == "RUNNING"  # nobody will finish it by itself

    requeued = portal.manage("requeue_interrupted_tasks", f"--worker-id={WORKER_ID}")
    assert "Requeued 1 interrupted task(s)." in requeued
    portal.start_worker(WORKER_ID)
    wait_until(
        lambda: task_of(portal, email)[1] == "SUCCESSFUL",
        30,
        "the requeued task did not run again",
    )

    assert task_of(portal, email) == (task_id, "SUCCESSFUL", [WORKER_ID, WORKER_ID])
    [(sender, recipients, data)] = sink.sent_to(email)
    assert recipients == [email]
    assert b"/accounts/verify/" in data  # the confirmation link
    assert recorded(portal, email) == [("verify", str(task_id))]
