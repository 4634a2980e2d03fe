from django.core.management.base import BaseCommand

from submissions.orphans import GRACE_MINUTES, sweep_orphan_files


class Command(BaseCommand):
    help = (
        "Delete applicants' files in private storage that no row names (left by a "
        "process killed between writing a file and committing its row) once they are "
        "older than --older-than minutes; --dry-run only lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=GRACE_MINUTES,
            metavar="MINUTES",
            help=(
                f"Only files older than this (default {GRACE_MINUTES}); 0 is safe only "
                "while nothing is being uploaded."
            ),
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, older_than, dry_run, **options):
        orphans = sweep_orphan_files(older_than_minutes=older_than, dry_run=dry_run)
        for name in orphans:
            self.stdout.write(f"{'would delete' if dry_run else 'deleted'}: {name}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} orphan file(s)."))
