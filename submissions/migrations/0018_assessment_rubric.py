"""The experts' rubric (issue 17): each criterion with what it assesses and what 1, 3
and 5 mean, in Russian, Kazakh and English, written by editors
(``AssessmentCriterion``, filled here with the portal's first wording); a comment on each
criterion of an expert's assessment; editors may change the rubric's words."""

from django.db import migrations, models

import home.models
from accounts.migrations._frozen_roles import apply_roles

# The rubric's first wording, frozen here (editors change it in the admin afterwards).
# fmt: off
RUBRIC = [
    {
        "key": "novelty",
        "name_ru": "Техническая новизна",
        "name_kk": "Техникалық жаңалығы",
        "name_en": "Technical novelty",
        "description_ru": "Насколько решение ново для группы и для рынка: чем оно отличается от того, что уже применяется на объектах группы и предлагают поставщики.",
        "description_kk": "Шешім топ пен нарық үшін қаншалықты жаңа: топ объектілерінде қолданылып жүрген және жеткізушілер ұсынатын шешімдерден немен ерекшеленеді.",
        "description_en": "How new the solution is to the group and to the market: what sets it apart from what the group's sites already use and suppliers already offer.",
        "score_1_ru": "Уже широко применяется в группе или на рынке; от известных решений ничем не отличается.",
        "score_1_kk": "Топта немесе нарықта кеңінен қолданылады; белгілі шешімдерден еш айырмашылығы жоқ.",
        "score_1_en": "Already in wide use in the group or on the market; nothing sets it apart from known solutions.",
        "score_3_ru": "Известное решение с заметным улучшением, или новое для группы, но уже применяемое другими компаниями.",
        "score_3_kk": "Айтарлықтай жетілдірілген белгілі шешім немесе топ үшін жаңа, бірақ басқа компаниялар қолданып жүрген шешім.",
        "score_3_en": "A known solution with a clear improvement, or new to the group but already used by other companies.",
        "score_5_ru": "Принципиально новое решение: аналогов нет ни в группе, ни на рынке, и новизна подтверждена (патент, публикации, сравнение с аналогами).",
        "score_5_kk": "Түбегейлі жаңа шешім: топта да, нарықта да баламасы жоқ, жаңалығы расталған (патент, жарияланымдар, баламалармен салыстыру).",
        "score_5_en": "Fundamentally new: nothing like it in the group or on the market, and the novelty is shown (a patent, publications, a comparison with alternatives).",
    },
    {
        "key": "group_fit",
        "name_ru": "Соответствие потребностям группы",
        "name_kk": "Топ қажеттіліктеріне сәйкестігі",
        "name_en": "Fit for the group",
        "description_ru": "Решает ли предложение реальную производственную задачу дочерних организаций и подходит ли к их оборудованию, условиям и процессам.",
        "description_kk": "Ұсыныс еншілес ұйымдардың нақты өндірістік міндетін шеше ме және олардың жабдығына, жағдайларына және процестеріне сай келе ме.",
        "description_en": "Whether the proposal solves a real production problem of the subsidiaries and suits their equipment, conditions and processes.",
        "score_1_ru": "Почти не относится к активам и задачам группы; где его применить, неясно.",
        "score_1_kk": "Топтың активтері мен міндеттеріне дерлік қатысы жоқ; қайда қолдануға болатыны түсініксіз.",
        "score_1_en": "Hardly relates to the group's assets and tasks; it is unclear where it would be used.",
        "score_3_ru": "Применимо на отдельных объектах; нужна доработка под условия группы (климат, среда, стандарты).",
        "score_3_kk": "Жекелеген объектілерде қолдануға болады; топтың жағдайларына (климат, орта, стандарттар) бейімдеу қажет.",
        "score_3_en": "Applies at some sites; needs adapting to the group's conditions (climate, medium, standards).",
        "score_5_ru": "Решает острую задачу дочерних организаций и применимо на их объектах как есть; понятен объект для испытания.",
        "score_5_kk": "Еншілес ұйымдардың өзекті міндетін шешеді және олардың объектілерінде сол күйінде қолданылады; сынақ объектісі айқын.",
        "score_5_en": "Solves a pressing problem of the subsidiaries and applies at their sites as it is; a site for the test is clear.",
    },
    {
        "key": "economic_effect",
        "name_ru": "Экономический эффект",
        "name_kk": "Экономикалық әсері",
        "name_en": "Economic effect",
        "description_ru": "Какую выгоду даст внедрение (снижение затрат, потерь и простоев, рост добычи) и насколько она обоснована расчётом.",
        "description_kk": "Енгізу қандай пайда береді (шығындардың, ысыраптың және тоқтап тұрудың азаюы, өндірудің өсуі) және ол есеппен қаншалықты негізделген.",
        "description_en": "What the group would gain (lower costs, losses and downtime, more output) and how well a calculation supports it.",
        "score_1_ru": "Выгоду показать нельзя, или затраты больше экономии.",
        "score_1_kk": "Пайданы көрсету мүмкін емес немесе шығын үнемдегеннен көп.",
        "score_1_en": "No benefit can be shown, or it costs more than it saves.",
        "score_3_ru": "Выгода вероятна, но оценена приблизительно; окупаемость требует проверки на испытании.",
        "score_3_kk": "Пайда болуы ықтимал, бірақ шамамен бағаланған; өтелімділігін сынақта тексеру қажет.",
        "score_3_en": "A benefit is likely but only roughly estimated; the payback needs checking in the test.",
        "score_5_ru": "Значительная выгода, подтверждённая расчётом с исходными данными; окупаемость понятна.",
        "score_5_kk": "Бастапқы деректері бар есеппен расталған елеулі пайда; өтелімділігі түсінікті.",
        "score_5_en": "A large benefit, backed by a calculation and its source data; the payback is clear.",
    },
    {
        "key": "safety",
        "name_ru": "Безопасность и экология",
        "name_kk": "Қауіпсіздік және қоршаған орта",
        "name_en": "Safety and environment",
        "description_ru": "Как решение влияет на безопасность людей, надёжность оборудования и окружающую среду, и есть ли у него нужные разрешения.",
        "description_kk": "Шешім адамдардың қауіпсіздігіне, жабдықтың сенімділігіне және қоршаған ортаға қалай әсер етеді және оның қажетті рұқсаттары бар ма.",
        "description_en": "How the solution affects people's safety, the reliability of equipment and the environment, and whether it has the permits it needs.",
        "score_1_ru": "Добавляет риски для людей, оборудования или природы, которыми никто не управляет; разрешений нет.",
        "score_1_kk": "Адамдарға, жабдыққа немесе табиғатқа ешкім басқармайтын тәуекелдер қосады; рұқсаттар жоқ.",
        "score_1_en": "Adds risks to people, equipment or nature that nobody controls; no permits.",
        "score_3_ru": "Риски известны и управляемы обычными мерами; разрешения получены или понятно, как их получить.",
        "score_3_kk": "Тәуекелдер белгілі және әдеттегі шаралармен басқарылады; рұқсаттар алынған немесе оларды қалай алу керегі түсінікті.",
        "score_3_en": "The risks are known and handled by the usual measures; the permits are obtained, or how to obtain them is clear.",
        "score_5_ru": "Снижает риски для людей, оборудования и природы; все разрешения и протоколы испытаний есть.",
        "score_5_kk": "Адамдарға, жабдыққа және табиғатқа төнетін тәуекелдерді азайтады; барлық рұқсаттар мен сынақ хаттамалары бар.",
        "score_5_en": "Lowers the risks to people, equipment and nature; every permit and test protocol is in place.",
    },
    {
        "key": "readiness",
        "name_ru": "Готовность",
        "name_kk": "Дайындығы",
        "name_en": "Readiness",
        "description_ru": "Насколько решение готово к опытно-промышленному испытанию: уровень готовности технологии, прежние испытания, их результаты.",
        "description_kk": "Шешім тәжірибелік-өнеркәсіптік сынаққа қаншалықты дайын: технологияның дайындық деңгейі, бұрынғы сынақтар және олардың нәтижелері.",
        "description_en": "How ready the solution is for a pilot industrial test: its technology readiness level, earlier tests and their results.",
        "score_1_ru": "Идея или лабораторный образец; испытаний в реальных условиях не было.",
        "score_1_kk": "Идея немесе зертханалық үлгі; нақты жағдайда сынақ өткізілмеген.",
        "score_1_en": "An idea or a laboratory model; never tested in real conditions.",
        "score_3_ru": "Опытный образец, испытанный на стенде или на одном объекте; требуется доработка.",
        "score_3_kk": "Стендте немесе бір объектіде сыналған тәжірибелік үлгі; пысықтау қажет.",
        "score_3_en": "A prototype tested on a rig or at one site; it needs further work.",
        "score_5_ru": "Готовый продукт, проверенный в реальной эксплуатации; результаты испытаний подтверждены документами.",
        "score_5_kk": "Нақты пайдалануда тексерілген дайын өнім; сынақ нәтижелері құжаттармен расталған.",
        "score_5_en": "A finished product, proven in real operation; the test results are documented.",
    },
]
# fmt: on


def fill_rubric(apps, schema_editor):
    AssessmentCriterion = apps.get_model("submissions", "AssessmentCriterion")
    for order, criterion in enumerate(RUBRIC, start=1):
        AssessmentCriterion.objects.update_or_create(
            key=criterion["key"],
            defaults={**criterion, "sort_order": order},
        )


EDITORS = "Editors"
POLICY_APPROVERS = "Policy approvers"
REVIEWERS = "Reviewers"
EXPERTS = "Experts"
RETIRED_GROUPS = ("Moderators",)

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

# ROLES of accounts/roles.py when this migration was added (editors may now change the
# rubric's words), frozen here: what this migration applies never changes. The format
# is described in accounts/migrations/_frozen_roles.py.
# fmt: off
ROLES = {
    EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            ("wagtailredirects", "redirect", "add_redirect", "Can add redirect"),
            ("wagtailredirects", "redirect", "change_redirect", "Can change redirect"),
            ("wagtailredirects", "redirect", "delete_redirect", "Can delete redirect"),
            ("home", "portalsettings", "change_portalsettings", "Can change portal settings"),
            ("simple_translation", "simpletranslation", "submit_translation", "Can submit translations"),
            ("submissions", "subsidiary", "add_subsidiary", "Can add subsidiary"),
            ("submissions", "subsidiary", "change_subsidiary", "Can change subsidiary"),
            ("submissions", "subsidiary", "delete_subsidiary", "Can delete subsidiary"),
            ("submissions", "subsidiary", "view_subsidiary", "Can view subsidiary"),
            ("submissions", "assessmentcriterion", "change_assessmentcriterion", "Can change assessment criterion"),
            ("submissions", "assessmentcriterion", "view_assessmentcriterion", "Can view assessment criterion"),
        ],
        "page_permissions": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection_permissions": [
            ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
            ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
        ],
    },
    POLICY_APPROVERS: {"permissions": [ACCESS_ADMIN]},
    REVIEWERS: {
        "permissions": [
            ACCESS_ADMIN,
            ("submissions", "registrationrequest", "view_registrationrequest", "Can view registration"),
            ("submissions", "registrationrequest", "change_registrationrequest", "Can change registration"),
            ("submissions", "registrationrequest", "publish_registrationrequest", "Can publish registration"),
            ("submissions", "application", "view_application", "Can view application"),
            ("submissions", "application", "change_application", "Can change application"),
            ("submissions", "application", "publish_application", "Can publish application"),
            ("privacy", "datasubjectrequest", "view_datasubjectrequest", "Can view data-subject request"),
            ("privacy", "datasubjectrequest", "change_datasubjectrequest", "Can change data-subject request"),
            ("privacy", "datasubjectrequest", "publish_datasubjectrequest", "Can publish data-subject request"),
        ],
    },
    EXPERTS: {
        "permissions": [
            ACCESS_ADMIN,
            ("submissions", "application", "view_application", "Can view application"),
        ],
    },
}
# fmt: on


def apply_frozen_roles(apps, schema_editor):
    apply_roles(apps, ROLES, retired_groups=RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0017_collect_only_what_the_policy_lists"),
    ]

    operations = [
        migrations.CreateModel(
            name="AssessmentCriterion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        choices=[
                            ("novelty", "novelty"),
                            ("group_fit", "group_fit"),
                            ("economic_effect", "economic_effect"),
                            ("safety", "safety"),
                            ("readiness", "readiness"),
                        ],
                        editable=False,
                        max_length=30,
                        unique=True,
                        verbose_name="criterion",
                    ),
                ),
                (
                    "sort_order",
                    models.PositiveSmallIntegerField(default=0, verbose_name="order"),
                ),
                (
                    "name_ru",
                    models.CharField(max_length=255, verbose_name="name (Russian)"),
                ),
                (
                    "name_kk",
                    models.CharField(
                        blank=True, max_length=255, verbose_name="name (Kazakh)"
                    ),
                ),
                (
                    "name_en",
                    models.CharField(
                        blank=True, max_length=255, verbose_name="name (English)"
                    ),
                ),
                (
                    "description_ru",
                    models.TextField(
                        blank=True, verbose_name="what it assesses (Russian)"
                    ),
                ),
                (
                    "description_kk",
                    models.TextField(
                        blank=True, verbose_name="what it assesses (Kazakh)"
                    ),
                ),
                (
                    "description_en",
                    models.TextField(
                        blank=True, verbose_name="what it assesses (English)"
                    ),
                ),
                (
                    "score_1_ru",
                    models.TextField(blank=True, verbose_name="1 means (Russian)"),
                ),
                (
                    "score_1_kk",
                    models.TextField(blank=True, verbose_name="1 means (Kazakh)"),
                ),
                (
                    "score_1_en",
                    models.TextField(blank=True, verbose_name="1 means (English)"),
                ),
                (
                    "score_3_ru",
                    models.TextField(blank=True, verbose_name="3 means (Russian)"),
                ),
                (
                    "score_3_kk",
                    models.TextField(blank=True, verbose_name="3 means (Kazakh)"),
                ),
                (
                    "score_3_en",
                    models.TextField(blank=True, verbose_name="3 means (English)"),
                ),
                (
                    "score_5_ru",
                    models.TextField(blank=True, verbose_name="5 means (Russian)"),
                ),
                (
                    "score_5_kk",
                    models.TextField(blank=True, verbose_name="5 means (Kazakh)"),
                ),
                (
                    "score_5_en",
                    models.TextField(blank=True, verbose_name="5 means (English)"),
                ),
            ],
            options={
                "verbose_name": "assessment criterion",
                "verbose_name_plural": "assessment criteria",
                "ordering": ["sort_order", "pk"],
            },
            bases=(home.models.LocalizedTextMixin, models.Model),
        ),
        migrations.AddField(
            model_name="expertassessment",
            name="economic_effect_comment",
            field=models.TextField(
                blank=True, verbose_name="comment on the economic effect"
            ),
        ),
        migrations.AddField(
            model_name="expertassessment",
            name="group_fit_comment",
            field=models.TextField(
                blank=True, verbose_name="comment on the fit for the group"
            ),
        ),
        migrations.AddField(
            model_name="expertassessment",
            name="novelty_comment",
            field=models.TextField(
                blank=True, verbose_name="comment on technical novelty"
            ),
        ),
        migrations.AddField(
            model_name="expertassessment",
            name="readiness_comment",
            field=models.TextField(blank=True, verbose_name="comment on readiness"),
        ),
        migrations.AddField(
            model_name="expertassessment",
            name="safety_comment",
            field=models.TextField(
                blank=True, verbose_name="comment on safety and environment"
            ),
        ),
        migrations.RunPython(fill_rubric, migrations.RunPython.noop),
        migrations.RunPython(apply_frozen_roles, migrations.RunPython.noop),
    ]
