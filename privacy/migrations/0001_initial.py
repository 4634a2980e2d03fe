"""The privacy app takes over the data-protection models of the policy and submissions
apps. Their tables keep their names (each model's ``db_table``), so only Django's state
moves; the content types are renamed in place, so revisions, workflow states, audit-log
entries, permissions and workflow assignments follow the models."""

import django.db.models.deletion
import django.utils.timezone
import submissions.storage
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models



# Frozen here: which models came from which app (do not import this from anywhere).
MOVED = {
    "policy": [
        "visitkey",
        "pagevisits",
        "dailyvisitor",
        "dataexport",
        "breachincident",
        "breachnotice",
    ],
    "submissions": ["datasubjectrequest", "datarequesttask", "datarequestformpage"],
}


def rename_content_types(apps, schema_editor, forward=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_label, models_ in MOVED.items():
        source, target = (old_label, "privacy") if forward else ("privacy", old_label)
        for model in models_:
            if ContentType.objects.filter(app_label=target, model=model).exists():
                continue
            ContentType.objects.filter(app_label=source, model=model).update(
                app_label=target
            )


def rename_back(apps, schema_editor):
    rename_content_types(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("policy", "0008_breach_incidents"),
        ("submissions", "0015_blocking"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DataRequestFormPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                        ('withdrawal_text', wagtail.fields.RichTextField(blank=True, help_text='Plainly: applications under review stop, the account is closed, and what the law still lets the company keep.', verbose_name='what follows a withdrawal of consent')),
                        ('delete_text', wagtail.fields.RichTextField(blank=True, verbose_name='what follows a deletion')),
                        ('thank_you_text', wagtail.fields.RichTextField(blank=True, verbose_name='thank-you text')),
                    ],
                    options={
                        'verbose_name': 'data request form page',
                        'db_table': 'submissions_datarequestformpage',
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='VisitKey',
                    fields=[
                        ('day', models.DateField(primary_key=True, serialize=False, verbose_name='day')),
                        ('secret', models.CharField(max_length=64, verbose_name='secret')),
                    ],
                    options={
                        'verbose_name': 'visitor key of the day',
                        'db_table': 'policy_visitkey',
                    },
                ),
                migrations.CreateModel(
                    name='BreachIncident',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('what', models.TextField(verbose_name='what happened')),
                        ('detected_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='detected at')),
                        ('data_affected', models.TextField(verbose_name='which data')),
                        ('measures', models.TextField(verbose_name='measures taken')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                        ('applicants', models.ManyToManyField(blank=True, related_name='breach_incidents', to=settings.AUTH_USER_MODEL, verbose_name='affected applicants')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'incident of loss or disclosure',
                        'verbose_name_plural': 'incidents of loss or disclosure',
                        'db_table': 'policy_breachincident',
                        'ordering': ['-detected_at'],
                    },
                ),
                migrations.CreateModel(
                    name='DailyVisitor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='day')),
                        ('path', models.CharField(max_length=255, verbose_name='page')),
                        ('visitor', models.CharField(max_length=32, verbose_name='visitor (keyed hash)')),
                    ],
                    options={
                        'verbose_name': 'visitor of the day',
                        'verbose_name_plural': 'visitors of the day',
                        'db_table': 'policy_dailyvisitor',
                        'constraints': [models.UniqueConstraint(fields=('day', 'path', 'visitor'), name='one_row_per_visitor_page_day')],
                    },
                ),
                migrations.CreateModel(
                    name='DataExport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('building', 'being prepared'), ('ready', 'ready'), ('failed', 'failed')], default='building', max_length=10, verbose_name='status')),
                        ('file', models.FileField(blank=True, storage=submissions.storage.private_storage, upload_to='exports/', verbose_name='file')),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested at')),
                        ('ready_at', models.DateTimeField(blank=True, null=True, verbose_name='ready at')),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='link valid until')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='data_exports', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'export of personal data',
                        'verbose_name_plural': 'exports of personal data',
                        'db_table': 'policy_dataexport',
                        'ordering': ['-requested_at'],
                    },
                ),
                migrations.CreateModel(
                    name='DataRequestTask',
                    fields=[
                        ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                        ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
                    ],
                    options={
                        'verbose_name': 'data request task',
                        'verbose_name_plural': 'data request tasks',
                        'db_table': 'submissions_datarequesttask',
                    },
                    bases=('wagtailcore.task',),
                ),
                migrations.CreateModel(
                    name='DataSubjectRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('locked', models.BooleanField(default=False, editable=False, verbose_name='locked')),
                        ('locked_at', models.DateTimeField(editable=False, null=True, verbose_name='locked at')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail of the requester')),
                        ('kind', models.CharField(choices=[('withdraw_consent', 'withdraw consent'), ('block', 'block my data during a check'), ('correct', 'correct my data'), ('export', 'export my data'), ('delete', 'delete my account')], max_length=20, verbose_name='request')),
                        ('purpose', models.CharField(blank=True, help_text='For a withdrawal: which consent.', max_length=32, verbose_name='consent withdrawn')),
                        ('details', models.TextField(blank=True, verbose_name='details')),
                        ('status', models.CharField(choices=[('received', 'received'), ('done', 'done'), ('refused', 'refused with reasons')], db_index=True, default='received', max_length=10, verbose_name='status')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='received at')),
                        ('due_date', models.DateField(verbose_name='due by')),
                        ('answer', models.TextField(blank=True, verbose_name='answer to the requester')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locked_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by')),
                        ('requester', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='data_requests', to=settings.AUTH_USER_MODEL, verbose_name='requester')),
                    ],
                    options={
                        'verbose_name': 'data-subject request',
                        'verbose_name_plural': 'data-subject requests',
                        'db_table': 'submissions_datasubjectrequest',
                        'ordering': ['due_date', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PageVisits',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='day')),
                        ('path', models.CharField(max_length=255, verbose_name='page')),
                        ('views', models.PositiveIntegerField(default=0, verbose_name='views')),
                    ],
                    options={
                        'verbose_name': 'page visits',
                        'verbose_name_plural': 'page visits',
                        'db_table': 'policy_pagevisits',
                        'constraints': [models.UniqueConstraint(fields=('day', 'path'), name='one_row_per_page_day')],
                    },
                ),
                migrations.CreateModel(
                    name='BreachNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('status', models.CharField(choices=[('queued', 'queued'), ('sent', 'sent'), ('failed', 'failed')], default='queued', max_length=10, verbose_name='status')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('incident', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notices', to='privacy.breachincident', verbose_name='incident')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='applicant')),
                    ],
                    options={
                        'verbose_name': 'notice of an incident',
                        'verbose_name_plural': 'notices of incidents',
                        'db_table': 'policy_breachnotice',
                        'constraints': [models.UniqueConstraint(fields=('incident', 'user'), name='one_notice_per_person')],
                    },
                ),
    
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, rename_back),
    ]
