from django.core.management.base import BaseCommand

from privacy.retention import enforce


class Command(BaseCommand):
    help = (
        "Delete or anonymise personal data past its retention period (see "
        "settings.RETENTION); --dry-run only says what would be done."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        counts = enforce(dry_run=dry_run, out=self.stdout.write)
        summary = ", ".join(f"{category} {n}" for category, n in counts.items())
        verb = "Would process" if dry_run else "Processed"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}."))
