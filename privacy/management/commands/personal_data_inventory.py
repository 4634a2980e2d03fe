from django.core.management.base import BaseCommand
from django.utils import translation

from privacy.inventory import as_markdown


class Command(BaseCommand):
    help = "Print the personal-data inventory (privacy/inventory.py) as the README's tables."

    def handle(self, *args, **options):
        with translation.override("en"):
            self.stdout.write(as_markdown(), ending="")
