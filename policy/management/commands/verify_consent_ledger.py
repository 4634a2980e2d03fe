from django.core.management.base import BaseCommand, CommandError

from policy.ledger import verify_ledger
from policy.models import ConsentLedgerHead


class Command(BaseCommand):
    help = (
        "Walk the consent ledger's hash chain and report every row changed, removed or "
        "inserted behind its back, and a missing database guard. Exit status 1 if "
        "anything is wrong."
    )

    def handle(self, *args, **options):
        walked, findings = verify_ledger()
        for finding in findings:
            self.stderr.write(self.style.ERROR(str(finding)))
        if findings:
            rows = sorted({row for finding in findings for row in finding.rows})
            listed = ", ".join(str(row) for row in rows) or "none in particular"
            raise CommandError(
                f"The consent ledger does not verify: {len(findings)} problem(s); "
                f"rows {listed}.",
                returncode=1,
            )
        head = ConsentLedgerHead.objects.filter(pk=ConsentLedgerHead.PK).first()
        last = head.last_hash if head else "-"
        self.stdout.write(
            self.style.SUCCESS(
                f"The consent ledger verifies: {walked} rows, each as it was recorded "
                f"and in its place; the chain ends at {last}."
            )
        )
