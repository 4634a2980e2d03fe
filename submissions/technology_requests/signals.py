"""A technology request published with results for the first time: its applicants are
told (``results.announce_results``)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from submissions.technology_requests.pages import TechnologyRequestPage
from submissions.technology_requests.results import announce_results


@receiver(page_published, sender=TechnologyRequestPage)
def results_published(sender, instance, **kwargs):
    announce_results(instance)
