"""The record of an incident's notice to the authorised body for personal-data
protection: when it was sent, how, its outgoing number, a note, and who recorded it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0002_queued_task_paths'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='breachincident',
            name='authority_notice_channel',
            field=models.CharField(blank=True, choices=[('e_portal', "through the authority's e-portal"), ('letter', 'by letter'), ('email', 'by e-mail'), ('other', 'otherwise (see the note)')], max_length=10, verbose_name='how it was sent'),
        ),
        migrations.AddField(
            model_name='breachincident',
            name='authority_notice_note',
            field=models.TextField(blank=True, verbose_name='note'),
        ),
        migrations.AddField(
            model_name='breachincident',
            name='authority_notice_recorded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='notice to the authority recorded by'),
        ),
        migrations.AddField(
            model_name='breachincident',
            name='authority_notice_reference',
            field=models.CharField(blank=True, max_length=100, verbose_name='reference (outgoing number)'),
        ),
        migrations.AddField(
            model_name='breachincident',
            name='authority_notified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='notice to the authority sent at'),
        ),
    ]
