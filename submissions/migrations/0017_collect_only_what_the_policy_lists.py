"""Collect only what the privacy policy lists (3.3–3.4), and keep only the network of an
address in the access log (issue 15, items 6 and 5).

- ``position`` goes, with its data: the policy asks for the name of the individual or of
  the legal entity's head, not a job title.
- An individual's IIN, and a non-resident individual's country, go: the policy lists
  neither (an individual is identified by name and e-mail; of residency it asks only
  whether the person is resident). ``bin_iin`` now holds only a resident legal entity's
  BIN, ``country`` only a non-resident legal entity's country of registration.
- ``phone`` becomes optional (its purpose is said beside it on the form).
- The same goes from every stored revision of a registration, so that Wagtail's history
  of a registration no longer holds what the registration no longer holds.
- ``AccessLog.ip_address`` becomes ``network`` (``core.network.network_of``: a /24 for
  IPv4, a /48 for IPv6); existing rows keep their network only.

Nothing of what goes can come back: migrating backwards restores the columns, empty.
"""

from django.db import migrations, models

from core.network import network_of

INDIVIDUAL = "individual"
REMOVED = ("position",)


def networks_only(apps, schema_editor):
    AccessLog = apps.get_model("submissions", "AccessLog")
    addresses = (
        AccessLog.objects.exclude(ip_address__isnull=True)
        .values_list("ip_address", flat=True)
        .distinct()
    )
    for address in list(addresses):
        AccessLog.objects.filter(ip_address=address).update(
            network=network_of(address) or ""
        )


def minimal_content(content):
    """A registration's stored revision content without what goes."""
    content = {key: value for key, value in content.items() if key not in REMOVED}
    if content.get("person_type") == INDIVIDUAL:
        content["bin_iin"] = ""
        content["country"] = ""
    return content


def only_what_the_policy_lists(apps, schema_editor):
    for name in ("ApplicantProfile", "RegistrationRequest"):
        model = apps.get_model("submissions", name)
        model.objects.filter(person_type=INDIVIDUAL).update(bin_iin="", country="")

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(
        app_label="submissions", model="registrationrequest"
    ).first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(base_content_type=content_type)
    for revision in revisions.iterator():
        content = minimal_content(revision.content)
        if content != revision.content:
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0016_data_requests_move_to_privacy"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        # the access log: the network instead of the address
        migrations.AddField(
            model_name="accesslog",
            name="network",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The network the request came from (e.g. 203.0.113.0/24), never "
                    "the full address."
                ),
                max_length=64,
                verbose_name="IP network",
            ),
        ),
        migrations.RunPython(networks_only, migrations.RunPython.noop),
        migrations.RemoveField(model_name="accesslog", name="ip_address"),
        # the registration details: only what the policy lists
        migrations.RunPython(only_what_the_policy_lists, migrations.RunPython.noop),
        # blank first, so that migrating backwards can add the column back, empty
        migrations.AlterField(
            model_name="applicantprofile",
            name="position",
            field=models.CharField(blank=True, max_length=255, verbose_name="position"),
        ),
        migrations.AlterField(
            model_name="registrationrequest",
            name="position",
            field=models.CharField(blank=True, max_length=255, verbose_name="position"),
        ),
        migrations.RemoveField(model_name="applicantprofile", name="position"),
        migrations.RemoveField(model_name="registrationrequest", name="position"),
        migrations.AlterField(
            model_name="applicantprofile",
            name="bin_iin",
            field=models.CharField(
                blank=True,
                help_text="Of a legal entity that is a resident of Kazakhstan.",
                max_length=12,
                verbose_name="BIN",
            ),
        ),
        migrations.AlterField(
            model_name="applicantprofile",
            name="country",
            field=models.CharField(
                blank=True,
                help_text="Of a legal entity that is not a resident of Kazakhstan.",
                max_length=100,
                verbose_name="country of registration",
            ),
        ),
        migrations.AlterField(
            model_name="applicantprofile",
            name="phone",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Optional: only to reach the applicant about their registration or "
                    "application if e-mail fails."
                ),
                max_length=32,
                verbose_name="contact phone",
            ),
        ),
        migrations.AlterField(
            model_name="registrationrequest",
            name="bin_iin",
            field=models.CharField(
                blank=True,
                help_text="Of a legal entity that is a resident of Kazakhstan.",
                max_length=12,
                verbose_name="BIN",
            ),
        ),
        migrations.AlterField(
            model_name="registrationrequest",
            name="country",
            field=models.CharField(
                blank=True,
                help_text="Of a legal entity that is not a resident of Kazakhstan.",
                max_length=100,
                verbose_name="country of registration",
            ),
        ),
        migrations.AlterField(
            model_name="registrationrequest",
            name="phone",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Optional: only to reach the applicant about their registration or "
                    "application if e-mail fails."
                ),
                max_length=32,
                verbose_name="contact phone",
            ),
        ),
    ]
