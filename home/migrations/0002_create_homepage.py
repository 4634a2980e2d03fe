from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with the portal's home page, so that a new
    installation answers at / before any content is loaded."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    page_content_type = ContentType.objects.get_for_model(Page)
    Page.objects.filter(depth=2, slug="home", content_type=page_content_type).delete()

    homepage_content_type, _created = ContentType.objects.get_or_create(
        model="homepage", app_label="home"
    )
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Центр ОПИ",
        draft_title="Центр ОПИ",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        hero_title="Опытно-промышленные испытания инноваций",
        cta_label="Подать заявку",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": homepage, "site_name": "Центр ОПИ"},
    )
    Page.objects.filter(depth=1).update(numchild=1)


def remove_homepage(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
