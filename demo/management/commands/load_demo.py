"""``python manage.py load_demo [--password P]``: the demo OPI Center site and one user
per role.

Safe to run again. Everything is found by slug, translation key, title or e-mail and
brought back to the demo content: what is missing is created, what differs is updated
(pages get a new published revision), what already matches is left alone, so a second
run changes nothing. The demo users always get the given password, so the printed
logins work.
"""

import io
from collections import Counter
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone, translation
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from accounts.models import User
from demo import content as content
from demo import policy_text as demo_policy
from home.models import HomePage, IndexPage, InfoPage, PortalSettings
from policy.consent import record_policy_consents
from policy.models import PolicyPage
from privacy.pages import DataRequestFormPage
from submissions.applications.pages import ApplicationFormPage, RequiredCategory
from submissions.applications.review import (
    add_conclusion,
    assign_experts,
    declare,
    post_message,
    submit_application,
    withdraw_application,
)
from submissions.files import store_application_file
from submissions.models.applications import (
    Application,
    ApplicationStatus,
    Disclosure,
    FileCategory,
    Subsidiary,
)
from submissions.models.registrations import FILE_FIELDS, ApplicantProfile
from submissions.registrations.pages import ConsentFormPage, RegistrationFormPage
from submissions.registrations.represented_consent import give_consent
from submissions.registrations.verification import submit_for_verification
from submissions.technology_requests.pages import (
    TechnologyRequestIndexPage,
    TechnologyRequestPage,
)
from submissions.technology_requests.results import consent_to_publication

DEFAULT_PASSWORD = "opi-demo-2026"
POLICY_TRANSLATIONS = ("kk", "en")  # the policy's languages besides the original
REGISTRATION = {
    "ru": {
        "title": "Регистрация",
        "intro": "<p>Зарегистрируйтесь, чтобы подавать заявки на ОПИ и следить за ними.</p>",
        "help_text": "<p>Организации понадобятся БИН (нерезиденту — страна "
        "регистрации) и свидетельство о государственной регистрации, представителю — "
        "доверенность. Физическому лицу достаточно ФИО и адреса электронной почты. "
        "Телефон указывается по желанию.</p>",
        "thank_you_text": "<p>Спасибо! Регистрация принята.</p>",
    },
    "kk": {
        "title": "Тіркелу",
        "intro": "<p>ТӨС өтінімдерін беру үшін тіркеліңіз.</p>",
        "help_text": "<p>Ұйымға БСН (бейрезидентке — тіркелген елі) және мемлекеттік "
        "тіркеу куәлігі, өкілге сенімхат қажет. Жеке тұлғаға аты-жөні мен электрондық "
        "пошта мекенжайы жеткілікті. Телефон қалау бойынша көрсетіледі.</p>",
        "thank_you_text": "<p>Рақмет! Тіркелу қабылданды.</p>",
    },
    "en": {
        "title": "Registration",
        "intro": "<p>Register to file applications for pilot testing and follow them.</p>",
        "help_text": "<p>An organization needs its BIN (a non-resident: its country of "
        "registration) and its certificate of state registration; a representative, "
        "the power of attorney. An individual needs only a full name and an e-mail "
        "address. A phone number is optional.</p>",
        "thank_you_text": "<p>Thank you! Your registration is received.</p>",
    },
}
APPLY = {
    "ru": {
        "title": "Подать заявку на ОПИ",
        "intro": "<p>Заявка заполняется в шесть шагов; черновик сохраняется на каждом "
        "шаге, к нему можно вернуться в любой день.</p>",
        "step_1_help": "<p>Опишите предложение так, чтобы его понял инженер дочерней "
        "организации, не знакомый с вашей разработкой.</p>",
        "step_5_help": "<p>Обязательны техническая документация и презентация.</p>",
        "thank_you_text": "<p>Спасибо! Проверяющие рассмотрят заявку и напишут вам.</p>",
    },
    "kk": {
        "title": "ТӨС-ке өтінім беру",
        "intro": "<p>Өтінім алты қадаммен толтырылады; жоба әр қадамда сақталады, оған "
        "кез келген күні орала аласыз.</p>",
        "step_1_help": "<p>Ұсынысты Сіздің әзірлемеңізбен таныс емес еншілес ұйымның "
        "инженері түсінетіндей етіп сипаттаңыз.</p>",
        "step_5_help": "<p>Техникалық құжаттама мен презентация міндетті.</p>",
        "thank_you_text": "<p>Рақмет! Тексерушілер өтінімді қарап, Сізге жазады.</p>",
    },
    "en": {
        "title": "Apply for pilot testing",
        "intro": "<p>The application has six steps; a draft is saved at every step and "
        "you can come back to it any day.</p>",
        "step_1_help": "<p>Describe the proposal so that an engineer of a subsidiary "
        "who does not know your work understands it.</p>",
        "step_5_help": "<p>Technical documentation and a presentation are required.</p>",
        "thank_you_text": "<p>Thank you! The reviewers will consider the application "
        "and write to you.</p>",
    },
}
DATA_REQUESTS = {
    "ru": {
        "title": "Запросы о персональных данных",
        "intro": "<p>Вы можете отозвать согласие, попросить заблокировать, исправить или "
        "выгрузить ваши данные, удалить учётную запись. Мы ответим в срок, указанный "
        "после отправки.</p>",
        "withdrawal_text": "<p>После отзыва согласия на обработку данных рассмотрение "
        "ваших заявок прекращается, а учётная запись закрывается. Компания хранит только "
        "то, что требует закон: журнал согласий и сведения о решениях по заявкам.</p>",
        "delete_text": "<p>Учётная запись и ваши данные будут удалены или обезличены; "
        "журнал согласий сохранится без вашего имени.</p>",
    },
    "kk": {
        "title": "Дербес деректер туралы сұраулар",
        "intro": "<p>Келісімді кері қайтарып алуға, деректерді бұғаттауды, түзетуді "
        "немесе экспорттауды, есептік жазбаны жоюды сұрай аласыз.</p>",
        "withdrawal_text": "<p>Келісім кері қайтарылғаннан кейін өтінімдеріңізді қарау "
        "тоқтатылады, есептік жазба жабылады. Компания заң талап ететінді ғана сақтайды."
        "</p>",
        "delete_text": "<p>Есептік жазба мен деректеріңіз жойылады немесе "
        "иесіздендіріледі.</p>",
    },
    "en": {
        "title": "Requests about personal data",
        "intro": "<p>You can withdraw your consent, ask us to block, correct or export "
        "your data, or delete your account. We answer by the date shown once you send "
        "the request.</p>",
        "withdrawal_text": "<p>Once you withdraw your consent to the processing of your "
        "data, the review of your applications stops and your account is closed. The "
        "company keeps only what the law requires: the consent ledger and the decisions "
        "on applications.</p>",
        "delete_text": "<p>Your account and data are deleted or anonymised; the consent "
        "ledger keeps its rows without your name.</p>",
    },
}
DEMO_COMMENTS = {
    "changes": "Уточните ожидаемый экономический эффект: укажите расчёт и исходные "
    "данные.",
    "approved": "Рекомендовано к ОПИ на объекте АО «Западный нефтепромысел».",
    "rejected": "Решение уже применяется в группе; новизна для группы не подтверждена.",
    "request": "Пришлите, пожалуйста, протоколы предыдущих испытаний.",
}
DEMO_ASSESSMENT = {
    "novelty": 4,
    "group_fit": 5,
    "economic_effect": 4,
    "safety": 5,
    "readiness": 3,
    "novelty_comment": "Аналоги есть, но без автоматической калибровки датчиков.",
    "economic_effect_comment": "Эффект посчитан на одном месторождении; нужен пилот.",
    "readiness_comment": "Испытан на стенде и на одном участке трубопровода.",
    "recommendation": "recommend",
    "comment": "Решение зрелое; нужен пилот на одном объекте.",
}


def demo_answers(title):
    """Plausible answers of steps 1–4 for a demo application called ``title``."""
    return {
        "summary": f"{title}: краткое описание решения и его принципа работы.",
        "problem": "Снижение простоев и затрат на обслуживание оборудования.",
        "application_area": "Месторождения западного региона",
        "trl": 6,
        "applicability_criteria": "Объекты добычи с высокой обводнённостью.",
        "expected_value": "Сокращение затрат на обслуживание на 10–15 % в год.",
        "prior_tests": "Стендовые испытания 2025 года; протокол прилагается.",
        "reviews": "Отзыв отраслевого института.",
        "public_links": "https://example.kz/publication",
        "permits": "Сертификат соответствия ТР ТС.",
        "lab_report": "Протокол лабораторных испытаний № 12 от 2025 года.",
        "ip_protection": "Патент на полезную модель (заявка подана).",
    }


def demo_pdf(category):
    """A small generated PDF standing in for a document of ``category``."""
    upload = ContentFile(content.DEMO_PDF, name=f"{category}.pdf")
    upload.checked_extension, upload.checked_type = "pdf", "application/pdf"
    return upload


CONSENT_PAGE = {
    "ru": {
        "title": "Согласие представляемого лица",
        "intro": "<p>Заявитель зарегистрировался на портале от вашего имени. Прочитайте "
        "текст согласия и ответьте: без вашего согласия регистрацию не проверят.</p>",
        "given_text": "<p>Спасибо, ваше согласие записано.</p>",
        "refused_text": "<p>Вы отказали в согласии. Заявитель получит об этом письмо.</p>",
        "no_link_text": "<p>Эта страница открывается по ссылке из письма, которое мы "
        "отправили лицу, от имени которого подана регистрация.</p>",
    },
    "kk": {
        "title": "Өкілдік етілетін тұлғаның келісімі",
        "intro": "<p>Өтініш беруші порталда Сіздің атыңыздан тіркелді. Келісім мәтінін "
        "оқып, жауап беріңіз: Сіздің келісіміңізсіз тіркеу тексерілмейді.</p>",
        "given_text": "<p>Рақмет, Сіздің келісіміңіз жазылды.</p>",
        "refused_text": "<p>Сіз келісім беруден бас тарттыңыз. Өтініш беруші бұл "
        "туралы хат алады.</p>",
        "no_link_text": "<p>Бұл бет біз жіберген хаттағы сілтеме арқылы ашылады.</p>",
    },
    "en": {
        "title": "Consent of the person represented",
        "intro": "<p>An applicant has registered on the portal on your behalf. Read the "
        "consent statement and answer: the registration is not verified without your "
        "consent.</p>",
        "given_text": "<p>Thank you, your consent is recorded.</p>",
        "refused_text": "<p>You have refused consent. The applicant will be told by "
        "e-mail.</p>",
        "no_link_text": "<p>This page opens from the link in the e-mail we sent to the "
        "person on whose behalf the registration was filed.</p>",
    },
}
HERO_IMAGE_TITLE = "Центр ОПИ — обложка"

# The sections under the home page, in tree order: slug, page model, texts.
SECTIONS = [
    ("about", InfoPage, content.ABOUT),
    ("how-to-apply", InfoPage, content.HOW_TO_APPLY),
    ("faq", InfoPage, content.FAQ),
    ("news", IndexPage, content.NEWS_INDEX),
    ("requests", TechnologyRequestIndexPage, content.TECHNOLOGY_REQUESTS_INDEX),
    ("contacts", InfoPage, content.CONTACTS),
]


def without_ids(data):
    """StreamField data with the generated block ids removed, for comparison."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def stream_data(field, value):
    """The stored form of a StreamField value given as a StreamValue or raw list."""
    block = field.stream_block
    if not isinstance(value, StreamValue):
        value = block.to_python(value)
    return without_ids(block.get_prep_value(value))


def same_value(page, name, value):
    """Whether the field ``name`` of ``page`` already holds ``value``."""
    field = page._meta.get_field(name)
    if isinstance(field, StreamField):
        return stream_data(field, getattr(page, name)) == stream_data(field, value)
    if isinstance(field, models.ForeignKey):
        return getattr(page, field.attname) == (value.pk if value else None)
    return getattr(page, name) == value


def draw_hero_image():
    """An abstract picture of pipelines and tanks at dusk, drawn here (no downloads)."""
    width, height = 1280, 840
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(11 + 30 * shade), int(58 + 40 * shade), int(91 + 60 * shade)),
        )
    draw.ellipse([930, 90, 1110, 270], fill=(242, 169, 0))
    for x in range(120, width, 260):
        draw.rectangle([x, 250, x + 40, 620], fill=(7, 42, 66))
        draw.ellipse([x - 30, 210, x + 70, 270], fill=(7, 42, 66))
    for index, offset in enumerate(range(420, 840, 70)):
        colour = (242, 169, 0) if index % 2 == 0 else (230, 237, 243)
        draw.line([(0, offset), (width, offset - 260)], fill=colour, width=14)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer


class Command(BaseCommand):
    help = "Load the demo content and demo users of the OPI Center portal (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password of every demo user (default: {DEFAULT_PASSWORD}).",
        )

    def handle(self, *args, password, **options):
        self.verbosity = options["verbosity"]
        self.counts = Counter()
        # The demo writes to nobody: its e-mails (confirmations, consent requests) would
        # go to made-up addresses. Its tasks run here and now, into that dummy backend;
        # queued for the task worker (TASKS_BACKEND=database, `make serve DEMO=1`) they
        # would be sent later, for real, hundreds of them.
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
                TASKS={
                    "default": {
                        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
                    }
                },
            ),
            transaction.atomic(),
            translation.override(settings.LANGUAGE_CODE),
        ):
            self.locales = {
                code: self.ensure_locale(code) for code, _name in settings.LANGUAGES
            }
            site = self.configure_site()
            self.image = self.hero_image()
            home = site.root_page.specific
            pages = self.load_russian_tree(home)
            self.load_translations(home, pages)
            self.load_portal_settings(site, pages)
            self.load_users(password)
            self.load_policy(home)
            self.load_registration_page(home)
            self.load_consent_page(home)
            self.load_applicant_profiles()
            self.load_application_page(home)
            self.load_applications()
            self.load_declared_conflict()
            self.load_technology_requests(pages["requests"])
            self.load_data_request_page(home)
        self.report(password)

    def note(self, action, kind, label):
        """Count a change (``created`` or ``updated``) and list it with -v 2."""
        self.counts[action] += 1
        self.counts[f"{kind} {action}"] += 1
        if self.verbosity >= 2:
            self.stdout.write(f"  {action:<8} {kind:<8} {label}")

    # --- locales and site -------------------------------------------------------------

    def ensure_locale(self, code):
        locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            self.note("created", "locale", code)
        return locale

    def configure_site(self):
        """The default site answers at WAGTAILADMIN_BASE_URL and is named Центр ОПИ."""
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        wanted = {
            "hostname": address.hostname or "localhost",
            "port": address.port or (443 if address.scheme == "https" else 80),
            "site_name": content.HOME["ru"]["title"],
        }
        site = Site.objects.select_related("root_page").get(is_default_site=True)
        if any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            self.note("updated", "site", f"{site.hostname}:{site.port}")
        return site

    # --- pages ------------------------------------------------------------------------

    def publish(self, page, fields, action):
        """Give ``page`` the ``fields`` and publish them as a new revision, unless the
        live page already shows exactly that (a page just created is always published).
        """
        changed = {
            name: value
            for name, value in fields.items()
            if not same_value(page, name, value)
        }
        stale = not page.live or page.has_unpublished_changes
        if action == "created" or changed or stale:
            for name, value in changed.items():
                setattr(page, name, value)
            page.save_revision().publish()
            page.refresh_from_db()
            self.note(action, "page", f"{page.locale.language_code} {page.url_path}")
        return page

    def child(self, parent, model, slug, fields):
        """The Russian page ``slug`` under ``parent``, created or brought up to date."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            return self.publish(page, fields, "updated")
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        return self.publish(page, {}, "created")

    def translation_of(self, source, language, fields):
        """The ``language`` translation of ``source``, created or brought up to date."""
        locale = self.locales[language]
        page = source.get_translation_or_none(locale)
        if page is not None:
            return self.publish(page.specific, fields, "updated")
        page = source.copy_for_translation(locale).specific
        return self.publish(page, fields, "created")

    def hero_image(self):
        """The demo cover picture, drawn once and found again by its title."""
        image = Image.objects.filter(title=HERO_IMAGE_TITLE).first()
        if image is None:
            image = Image(title=HERO_IMAGE_TITLE)
            image.file = ImageFile(draw_hero_image(), name="opi-hero.png")
            image.save()
            self.note("created", "image", HERO_IMAGE_TITLE)
        return image

    def home_fields(self, language, pages):
        """The home page's fields in ``language``; the links point to Russian pages,
        which the template replaces by their translation."""
        texts = dict(content.HOME[language])
        texts["steps"] = [
            {"type": "step", "value": {"title": title, "text": content.step_text(text)}}
            for title, text in texts["steps"]
        ]
        return {
            **texts,
            "hero_image": self.image,
            "cta_page": pages["how-to-apply"],
            "secondary_cta_page": pages["about"],
            "news_index": pages["news"],
            "news_count": 3,
        }

    def section_fields(self, model, texts, language):
        """The fields of a section page in ``language``."""
        fields = dict(texts[language])
        if model is IndexPage:
            fields["ordering"] = IndexPage.ORDER_NEWEST
        return fields

    def load_russian_tree(self, home):
        """The Russian sections and news under the home page, then the home page."""
        pages = {
            slug: self.child(home, model, slug, self.section_fields(model, texts, "ru"))
            for slug, model, texts in SECTIONS
        }
        self.news = [
            self.child(
                pages["news"],
                InfoPage,
                item["slug"],
                {"date": item["date"], **item["ru"]},
            )
            for item in content.NEWS_ITEMS
        ]
        self.publish(home, self.home_fields("ru", pages), "updated")
        return pages

    def load_translations(self, home, pages):
        """Kazakh and English versions of the home page, the sections and the news
        (the home page first: a translation needs its parent translated)."""
        for language, _name in settings.LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            self.translation_of(home, language, self.home_fields(language, pages))
            for slug, model, texts in SECTIONS:
                fields = self.section_fields(model, texts, language)
                self.translation_of(pages[slug], language, fields)
            for item, source in zip(content.NEWS_ITEMS, self.news, strict=True):
                self.translation_of(
                    source,
                    language,
                    {"date": item["date"], **item[language]},
                )

    # --- settings and users -----------------------------------------------------------

    def load_portal_settings(self, site, pages):
        """Contacts, footer texts, social links and both menus of the default site."""
        portal_settings = PortalSettings.for_site(site)
        changed = False
        for name, value in content.PORTAL_SETTINGS.items():
            if getattr(portal_settings, name) != value:
                setattr(portal_settings, name, value)
                changed = True

        links = portal_settings.social_links
        if [(link.network, link.url) for link in links.all()] != content.SOCIAL_LINKS:
            links.set([links.model(network=n, url=u) for n, u in content.SOCIAL_LINKS])
            changed = True

        # The menus are replaced as a whole, so that their order is the demo's order.
        for relation, slugs in [
            ("main_menu_items", content.MAIN_MENU),
            ("footer_menu_items", content.FOOTER_MENU),
        ]:
            items = getattr(portal_settings, relation)
            wanted = [pages[slug] for slug in slugs]
            if [item.page_id for item in items.all()] != [page.pk for page in wanted]:
                items.set([items.model(page=page) for page in wanted])
                changed = True

        if changed:
            portal_settings.save()
            self.note("updated", "settings", site.site_name)

    def load_users(self, password):
        """One active user per role; each gets exactly its demo group and ``password``.

        A changed password is counted apart from the content: resetting it is what
        makes the printed logins work, not a change of the demo.
        """
        for email, full_name, group_name, superuser in content.DEMO_USERS:
            user = User.objects.filter(email__iexact=email).first()
            created = user is None
            if created:
                user = User(email=email)
            wanted = {
                "full_name": full_name,
                "is_active": True,
                "is_staff": superuser,
                "is_superuser": superuser,
            }
            changed = created or any(
                getattr(user, name) != value for name, value in wanted.items()
            )
            for name, value in wanted.items():
                setattr(user, name, value)
            new_password = created or not user.check_password(password)
            if new_password:
                user.set_password(password)
            if changed or new_password:
                user.save()
            if not created and new_password:
                self.counts["password reset"] += 1
            groups = [Group.objects.get(name=group_name)] if group_name else []
            if set(user.groups.all()) != set(groups):
                user.groups.set(groups)
                changed = True
            if changed:
                self.note("created" if created else "updated", "user", email)

    # --- the privacy policy -------------------------------------------------------------

    def policy_fields(self, texts, renewed):
        """The PolicyPage fields of one demo edition (a dict of ``demo_policy``)."""
        fields = {
            name: texts[name]
            for name in (
                "title",
                "approved_by",
                "approval_order_number",
                "approval_order_date",
                "effective_date",
                "introduction",
                "consent_statement",
                "change_summary",
            )
        }
        fields["document_code"] = demo_policy.DOCUMENT_CODE
        fields["requires_renewed_consent"] = renewed
        fields["body"] = [
            {"type": "section", "value": section} for section in texts["sections"]
        ]
        return fields

    def go_live(self, policy, fields):
        """Publish ``fields`` as the next edition of ``policy`` (which freezes it)."""
        for name, value in fields.items():
            setattr(policy, name, value)
        policy.save_revision().publish()
        policy.refresh_from_db()
        self.note(
            "created",
            "edition",
            f"{policy.locale.language_code} "
            f"{policy.editions.order_by('-number').first()}",
        )

    def load_policy(self, home):
        """The privacy policy in Russian, Kazakh and English with its two demo editions,
        each edition in the three languages; the demo applicant accepted edition 1 when
        registering, so edition 2 asks them to renew their consent. Editions are history
        that cannot be rewritten: once the policy exists, it is left as it is, but for a
        language it lacks (a demo loaded before the policy had Kazakh), which is added
        as the text of the edition in force."""
        policy = PolicyPage.objects.child_of(home).filter(slug="policy").first()
        if policy is not None:
            self.add_policy_languages(policy)
            return
        first = demo_policy.EDITION_1
        policy = PolicyPage(
            slug="policy",
            locale=home.locale,
            live=False,
            **self.policy_fields(first["ru"], renewed=False),
        )
        home.add_child(instance=policy)
        self.go_live(policy, {})
        pages = {"ru": policy}
        for language in POLICY_TRANSLATIONS:
            page = policy.copy_for_translation(self.locales[language]).specific
            self.go_live(page, self.policy_fields(first[language], renewed=False))
            pages[language] = page
        self.accept_first_edition(policy.editions.get(number=1))
        for language, page in pages.items():
            second = demo_policy.edition_2(language)
            self.go_live(page, self.policy_fields(second, renewed=True))

    def add_policy_languages(self, policy):
        """The translations ``policy`` lacks, with the text of its newest edition (which
        gives them that edition's number: ``policy.editions.next_edition_number``)."""
        newest = (
            policy.editions.order_by("-number").values_list("number", flat=True).first()
        )
        texts = {1: demo_policy.EDITION_1.get, 2: demo_policy.edition_2}
        if newest not in texts:
            return  # editions the demo has no text for: no longer the demo's policy
        for language in POLICY_TRANSLATIONS:
            if policy.get_translation_or_none(self.locales[language]) is None:
                page = policy.copy_for_translation(self.locales[language]).specific
                fields = self.policy_fields(texts[newest](language), renewed=newest > 1)
                self.go_live(page, fields)

    def load_registration_page(self, home):
        """/register/ in every language."""
        page = self.child(home, RegistrationFormPage, "register", REGISTRATION["ru"])
        for language in ("kk", "en"):
            self.translation_of(page, language, REGISTRATION[language])

    def load_consent_page(self, home):
        """/consent/ in every language (for the people applicants represent)."""
        page = self.child(home, ConsentFormPage, "consent", CONSENT_PAGE["ru"])
        for language in ("kk", "en"):
            self.translation_of(page, language, CONSENT_PAGE[language])

    # --- the demo applicants' registrations ---------------------------------------------

    def load_applicant_profiles(self):
        """A verified applicant and one awaiting verification (with the consent of the
        person represented), each with a registration in the verification workflow."""
        reviewer = User.objects.get(email="reviewer@example.kz")
        for email, spec in content.APPLICANT_PROFILES.items():
            user = User.objects.get(email=email)
            if ApplicantProfile.objects.filter(user=user).exists():
                continue
            user.email_verified_at = user.date_joined
            user.save(update_fields=["email_verified_at"])
            profile = ApplicantProfile(user=user, **spec["details"])
            for field in FILE_FIELDS:
                name = spec.get(f"{field.replace('registration_', '')}_name")
                if name:
                    getattr(profile, field).save(
                        "file.pdf", ContentFile(content.DEMO_PDF), save=False
                    )
                    setattr(profile, f"{field}_name", name)
            profile.save()
            if not user.consents.exists():  # registered under the edition in force
                self.record_registration_consents(email, self.latest_edition())
            registration = submit_for_verification(profile, user)
            if profile.via_representative:
                self.represented_person_consents(registration)
            if spec["verified"]:
                task_state = registration.current_workflow_task_state
                task_state.task.specific.on_action(task_state, reviewer, "approve")
            self.note("created", "registration", email)

    # --- applications -----------------------------------------------------------------

    def load_application_page(self, home):
        """/apply/ in every language, with two required attachment categories, and the
        list of subsidiaries."""
        page = ApplicationFormPage.objects.filter(locale=home.locale).first()
        if page is None:
            fields = {
                **APPLY["ru"],
                "required_categories": [
                    RequiredCategory(category=FileCategory.TECHNICAL),
                    RequiredCategory(category=FileCategory.PRESENTATION),
                ],
            }
            page = self.child(home, ApplicationFormPage, "apply", fields)
            for language in ("kk", "en"):
                self.translation_of(page, language, APPLY[language])
        for order, (ru, kk, en) in enumerate(content.SUBSIDIARIES):
            _subsidiary, created = Subsidiary.objects.get_or_create(
                name_ru=ru, defaults={"name_kk": kk, "name_en": en, "sort_order": order}
            )
            if created:
                self.note("created", "subsidiary", ru)

    def load_applications(self):
        """The verified demo applicant's applications, one in each status, driven
        through the review workflow by the demo reviewer and expert."""
        applicant = User.objects.get(email=content.RENEWING_APPLICANT)
        if Application.objects.filter(applicant=applicant).exists():
            return
        people = {
            "reviewer": User.objects.get(email="reviewer@example.kz"),
            "expert": User.objects.get(email="expert@example.kz"),
            "applicant": applicant,
        }
        subsidiary = Subsidiary.objects.order_by("sort_order").first()
        for status, title, kind in content.DEMO_APPLICATIONS:
            application = Application.objects.create(
                applicant=applicant,
                live=False,
                title=title,
                kind=kind,
                subsidiary=subsidiary,
                **demo_answers(title),
            )
            for category in (FileCategory.TECHNICAL, FileCategory.PRESENTATION):
                store_application_file(
                    application, demo_pdf(category), category, applicant
                )
            self.drive(application, status, people)
            self.note("created", "application", f"{status}: {title}")

    def drive(self, application, status, people):
        """Take a new application through the workflow to ``status``."""
        reviewer, expert = people["reviewer"], people["expert"]
        if status == ApplicationStatus.DRAFT:
            Application.objects.filter(pk=application.pk).update(step=3)
            return
        application.rights_confirmed = True
        submit_application(application, people["applicant"])
        steps = {
            ApplicationStatus.SCREENING: [],
            ApplicationStatus.CHANGES_REQUESTED: [
                ("reject", reviewer, DEMO_COMMENTS["changes"])
            ],
            ApplicationStatus.ASSESSMENT: [
                ("approve", reviewer, {"experts": [expert.pk]}),
                ("declare", expert, content.DEMO_NO_CONFLICT),
            ],
            ApplicationStatus.DECISION: [
                ("approve", reviewer, {"experts": [expert.pk]}),
                ("declare", expert, content.DEMO_NO_CONFLICT),
                ("assess", expert, DEMO_ASSESSMENT),
            ],
            ApplicationStatus.APPROVED: [
                ("approve", reviewer, {"experts": [expert.pk]}),
                ("declare", expert, content.DEMO_NO_CONFLICT),
                ("assess", expert, DEMO_ASSESSMENT),
                ("approve", reviewer, {"comment": DEMO_COMMENTS["approved"]}),
            ],
            ApplicationStatus.REJECTED: [
                ("decline", reviewer, {"comment": DEMO_COMMENTS["rejected"]})
            ],
            ApplicationStatus.WITHDRAWN: [],
        }[status]
        for action, user, data in steps:
            application = Application.objects.get(pk=application.pk)
            if action == "declare":  # the expert's declaration of independence
                declare(application, user, Disclosure.NO_CONFLICT, data)
                continue
            if isinstance(data, str):
                data = {"comment": data}
            state = application.current_workflow_task_state
            state.task.specific.on_action(state, user, action, **data)
        application = Application.objects.get(pk=application.pk)
        if status == ApplicationStatus.WITHDRAWN:
            withdraw_application(application, people["applicant"])
        if status == ApplicationStatus.APPROVED:
            add_conclusion(application, demo_pdf(FileCategory.CONCLUSION), reviewer)
        if status in (ApplicationStatus.SCREENING, ApplicationStatus.DECISION):
            post_message(
                application,
                reviewer,
                DEMO_COMMENTS["request"],
                requested_category=FileCategory.TEST_RESULTS,
            )

    def load_declared_conflict(self):
        """The demo's one declared conflict of interest (``content.DECLARED_CONFLICT``):
        the demo reviewer gives the second expert access to the application in expert
        assessment, and the expert declares a conflict with the reason, through the
        portal's own services: the expert loses access, the reviewer is told."""
        spec = content.DECLARED_CONFLICT
        expert = User.objects.get(email=spec["expert"])
        application = Application.objects.get(
            applicant__email=content.RENEWING_APPLICANT, title=spec["application"]
        )
        if application.disclosures.filter(expert=expert).exists():
            return
        reviewer = User.objects.get(email="reviewer@example.kz")
        assigned = list(application.experts.values_list("pk", flat=True))
        assign_experts(application, [*assigned, expert.pk], reviewer)
        declare(application, expert, Disclosure.CONFLICT, spec["statement"])
        self.note("created", "declaration", f"conflict: {application.title}")

    # --- technology requests ------------------------------------------------------------

    def request_questions(self, spec, language, source=None):
        """The request's questions in ``language``; a translation keeps the block ids of
        the Russian request (``source``), which the answers refer to."""
        ids = [block.id for block in source.questions] if source is not None else []
        blocks = []
        for number, (kind, extra, labels) in enumerate(spec["questions"]):
            value = {"label": labels[language], "help_text": "", "required": True}
            for name, extra_value in extra.items():
                value[name] = (
                    extra_value[language]
                    if isinstance(extra_value, dict)
                    else extra_value
                )
            block = {"type": kind, "value": value}
            if number < len(ids):
                block["id"] = ids[number]
            blocks.append(block)
        return blocks

    def request_fields(self, spec, language, source=None):
        today = timezone.localdate()
        subsidiary = Subsidiary.objects.order_by("sort_order", "pk")[spec["subsidiary"]]
        return {
            **spec[language],
            "subsidiary": subsidiary,
            "area": spec["area"],
            "open_from": today + timedelta(days=spec["opens"]),
            "closing_on": today + timedelta(days=spec["closes"]),
            "questions": self.request_questions(spec, language, source),
            "results": spec.get("results", {}).get(language, ""),
        }

    def load_technology_requests(self, index):
        """Two open requests and one closed with results, in every language, each with
        demo applications in several states (an approved one consents to be named)."""
        for spec in content.TECHNOLOGY_REQUESTS:
            page = self.child(
                index,
                TechnologyRequestPage,
                spec["slug"],
                self.request_fields(spec, "ru"),
            )
            for language in ("kk", "en"):
                self.translation_of(
                    page, language, self.request_fields(spec, language, source=page)
                )
            self.load_request_applications(page, spec)

    def load_request_applications(self, page, spec):
        applicant = User.objects.get(email=content.RENEWING_APPLICANT)
        if Application.objects.filter(technology_request=page).exists():
            return
        people = {
            "reviewer": User.objects.get(email="reviewer@example.kz"),
            "expert": User.objects.get(email="expert@example.kz"),
            "applicant": applicant,
        }
        answers = {
            block.id: {
                "question": block.value["label"],
                "kind": block.block_type,
                "answer": block.value["choices"][0]
                if block.block_type == "choice"
                else content.DEMO_REQUEST_ANSWERS[block.block_type],
            }
            for block in page.questions
            if block.block_type != "file"
        }
        for status, title in spec["applications"]:
            application = Application.objects.create(
                applicant=applicant,
                live=False,
                title=title,
                kind="technology",
                subsidiary=page.subsidiary,
                technology_request=page,
                request_answers=answers,
                **demo_answers(title),
            )
            categories = [FileCategory.TECHNICAL, FileCategory.PRESENTATION]
            categories += [block.value["category"] for block in page.file_questions()]
            for category in categories:
                store_application_file(
                    application, demo_pdf(category), category, applicant
                )
            self.drive(application, status, people)
            if status == ApplicationStatus.APPROVED:
                consent_to_publication(Application.objects.get(pk=application.pk), None)
            self.note("created", "application", f"{status}: {title}")

    def load_data_request_page(self, home):
        """/data-requests/ in every language: requests about one's personal data."""
        page = self.child(
            home, DataRequestFormPage, "data-requests", DATA_REQUESTS["ru"]
        )
        for language in ("kk", "en"):
            self.translation_of(page, language, DATA_REQUESTS[language])

    def latest_edition(self):
        policy = PolicyPage.objects.get(
            locale__language_code=settings.LANGUAGE_CODE, slug="policy"
        )
        return policy.editions.order_by("-number").first()

    def represented_person_consents(self, registration):
        give_consent(registration.represented_consent, self.latest_edition(), None)

    def accept_first_edition(self, edition):
        """The consents the first demo applicant gave when registering, to edition 1
        (so edition 2 asks them to renew it)."""
        self.record_registration_consents(content.RENEWING_APPLICANT, edition)

    def record_registration_consents(self, email, edition):
        user = User.objects.get(email=email)
        record_policy_consents(
            edition=edition, email=email, form_name="registration", user=user
        )
        self.note("created", "consent", email)

    # --- output -----------------------------------------------------------------------

    def report(self, password):
        kinds = {
            "locale": "languages",
            "site": "site",
            "image": "images",
            "page": "pages",
            "settings": "portal settings",
            "user": "users",
            "edition": "policy editions",
            "consent": "consents of demo applicants",
            "registration": "registrations of demo applicants",
            "subsidiary": "subsidiaries",
            "application": "applications",
        }
        parts = [
            f"{label} {self.counts[f'{kind} created']} created, "
            f"{self.counts[f'{kind} updated']} updated"
            for kind, label in kinds.items()
            if self.counts[f"{kind} created"] or self.counts[f"{kind} updated"]
        ]
        if parts:
            self.stdout.write("Demo content loaded: " + "; ".join(parts) + ".")
        else:
            self.stdout.write(
                "The demo content is already in place: nothing to create or update."
            )
        if self.counts["password reset"]:
            count = self.counts["password reset"]
            self.stdout.write(f"Demo users whose password was reset: {count}.")
        pages = Page.objects.type(HomePage, InfoPage, IndexPage).live()
        per_locale = ", ".join(
            f"{code} {pages.filter(locale=locale).count()}"
            for code, locale in self.locales.items()
        )
        self.stdout.write(f"Live pages per language: {per_locale}.")
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password: {password})"))
        for email, _full_name, group_name, superuser in content.DEMO_USERS:
            role = "administrator" if superuser else (group_name or "applicant")
            self.stdout.write(f"  {email:<24} {role}")
        self.stdout.write(f"Site: {settings.WAGTAILADMIN_BASE_URL}/  admin: /admin/")
