"""The rubric's first wording read again (Russian and Kazakh): each text is changed only
where it still reads as ``0018`` wrote it, so nothing an editor has written is undone."""

from django.db import migrations

# (criterion, field, the first wording, the wording now); frozen here
# fmt: off
REWORDED = [
    ("novelty", "description_ru",
     "Насколько решение ново для группы и для рынка: чем оно отличается от того, что уже применяется на объектах группы и предлагают поставщики.",
     "Насколько решение ново для группы и для рынка: чем оно отличается от того, что уже применяется на объектах группы и что предлагают поставщики."),
    ("novelty", "score_3_ru",
     "Известное решение с заметным улучшением, или новое для группы, но уже применяемое другими компаниями.",
     "Известное решение с заметным улучшением или новое для группы, но уже применяемое другими компаниями."),
    ("group_fit", "score_5_kk",
     "Еншілес ұйымдардың өзекті міндетін шешеді және олардың объектілерінде сол күйінде қолданылады; сынақ объектісі айқын.",
     "Еншілес ұйымдардың өзекті міндетін шешеді және олардың объектілерінде сол күйінде қолдануға болады; сынақ объектісі айқын."),
    ("economic_effect", "score_1_ru",
     "Выгоду показать нельзя, или затраты больше экономии.",
     "Выгоду показать нельзя или затраты превышают экономию."),
    ("economic_effect", "score_1_kk",
     "Пайданы көрсету мүмкін емес немесе шығын үнемдегеннен көп.",
     "Пайданы көрсету мүмкін емес немесе шығындар үнемдеуден асып түседі."),
    ("economic_effect", "score_3_kk",
     "Пайда болуы ықтимал, бірақ шамамен бағаланған; өтелімділігін сынақта тексеру қажет.",
     "Пайда ықтимал, бірақ шамамен бағаланған; өтелімділігін сынақ кезінде тексеру қажет."),
    ("safety", "score_1_ru",
     "Добавляет риски для людей, оборудования или природы, которыми никто не управляет; разрешений нет.",
     "Создаёт неуправляемые риски для людей, оборудования или природы; разрешений нет."),
    ("safety", "score_1_kk",
     "Адамдарға, жабдыққа немесе табиғатқа ешкім басқармайтын тәуекелдер қосады; рұқсаттар жоқ.",
     "Адамдарға, жабдыққа немесе табиғатқа басқарылмайтын тәуекелдер туғызады; рұқсаттар жоқ."),
]
# fmt: on


def reword(apps, schema_editor):
    AssessmentCriterion = apps.get_model("submissions", "AssessmentCriterion")
    for key, field, first, now in REWORDED:
        AssessmentCriterion.objects.filter(key=key, **{field: first}).update(
            **{field: now}
        )


def reword_back(apps, schema_editor):
    AssessmentCriterion = apps.get_model("submissions", "AssessmentCriterion")
    for key, field, first, now in REWORDED:
        AssessmentCriterion.objects.filter(key=key, **{field: now}).update(
            **{field: first}
        )


class Migration(migrations.Migration):
    dependencies = [("submissions", "0022_expert_declarations")]

    operations = [migrations.RunPython(reword, reword_back)]
