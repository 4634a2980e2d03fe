"""The demo site's texts: a believable OPI Center in Russian, with Kazakh and English
translations of the home page, of every page in the main menu and of the news items.

Each page is a dict of field values per language (``ru``, ``kk``, ``en``); ``body``
values are StreamField data (lists of ``{"type": …, "value": …}``) built from the blocks
of ``home/blocks.py``. Contact details are deliberately fictitious (``example.kz``,
``00-00-00``, house number 00).
"""

import datetime


def p(*paragraphs):
    """A rich-text block of one or more paragraphs."""
    return {
        "type": "paragraph",
        "value": "".join(f"<p>{text}</p>" for text in paragraphs),
    }


def bullets(*items, intro=""):
    """A rich-text block holding a bulleted list, optionally led by a paragraph."""
    head = f"<p>{intro}</p>" if intro else ""
    return {
        "type": "paragraph",
        "value": head + "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


def heading(text, level="h2"):
    """A section heading block."""
    return {"type": "heading", "value": {"text": text, "level": level}}


def callout(title, text, tone="info"):
    """A boxed note: ``tone`` is info, important or warning."""
    return {
        "type": "callout",
        "value": {"tone": tone, "title": title, "text": f"<p>{text}</p>"},
    }


def step_text(text):
    """A step's description as rich text (it may hold links)."""
    return text if text.startswith("<") else f"<p>{text}</p>"


def steps(title, *items):
    """Numbered steps from ``(title, description)`` pairs; descriptions may hold links."""
    return {
        "type": "steps",
        "value": {
            "title": title,
            "steps": [{"title": t, "text": step_text(d)} for t, d in items],
        },
    }


def next_step():
    """The "Your next step" button, worked out for each reader."""
    return {"type": "next_step", "value": None}


def link(href, text):
    return f'<a href="{href}">{text}</a>'


def table(caption, rows):
    """A table whose first row holds the column headings."""
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "table": {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        },
    }


def faq(title, *pairs):
    """An accordion of ``(question, answer)`` pairs; answers are single paragraphs."""
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    }


PHONE = "+7 (7172) 00-00-00"
EMAIL = "opi@example.kz"
EMAIL_LINK = f'<a href="mailto:{EMAIL}">{EMAIL}</a>'

# --- Home page --------------------------------------------------------------------------

HOME = {
    "ru": {
        "title": "Центр ОПИ",
        "hero_title": "Испытайте вашу технологию на реальных объектах группы",
        "hero_lead": (
            "Центр опытно-промышленных испытаний — единое окно для компаний и "
            "разработчиков, готовых доказать пользу своего решения на производстве: "
            "на месторождениях, в трубопроводном транспорте, нефтепереработке и "
            "сервисе."
        ),
        "cta_label": "Подать заявку",
        "secondary_cta_label": "Что такое ОПИ",
        "steps_title": "Как это работает",
        "steps": [
            (
                "Регистрация",
                "Создайте учётную запись организации или физического лица; "
                "сотрудники центра проверят указанные сведения.",
            ),
            (
                "Заявка",
                "Опишите предложение, ожидаемый эффект и приложите документы "
                "по разделам.",
            ),
            (
                "Экспертиза",
                "Специалисты группы оценивают применимость и ценность решения.",
            ),
            (
                "Испытания",
                "Одобренное предложение проверяется на объекте дочерней организации.",
            ),
            (
                "Заключение",
                "По итогам испытаний вы получаете официальное заключение.",
            ),
        ],
        "news_title": "Новости и объявления",
    },
    "kk": {
        "title": "ТӨС орталығы",
        "hero_title": "Технологияңызды топтың нақты нысандарында сынап көріңіз",
        "hero_lead": (
            "Тәжірибелік-өнеркәсіптік сынақтар орталығы — өз шешімінің пайдасын "
            "өндірісте: кен орындарында, құбыр көлігінде, мұнай өңдеуде және "
            "сервисте дәлелдеуге дайын компаниялар мен әзірлеушілерге арналған "
            "бірыңғай терезе."
        ),
        "cta_label": "Өтінім беру",
        "secondary_cta_label": "ТӨС деген не",
        "steps_title": "Бұл қалай жұмыс істейді",
        "steps": [
            (
                "Тіркелу",
                "Ұйымның немесе жеке тұлғаның есептік жазбасын ашыңыз; орталық "
                "қызметкерлері көрсетілген мәліметтерді тексереді.",
            ),
            (
                "Өтінім",
                "Ұсынысты және күтілетін нәтижені сипаттап, құжаттарды бөлімдер "
                "бойынша тіркеңіз.",
            ),
            (
                "Сараптама",
                "Топ мамандары шешімнің қолданылу мүмкіндігі мен құндылығын бағалайды.",
            ),
            (
                "Сынақтар",
                "Мақұлданған ұсыныс еншілес ұйымның нысанында тексеріледі.",
            ),
            (
                "Қорытынды",
                "Сынақтардың нәтижесі бойынша ресми қорытынды аласыз.",
            ),
        ],
        "news_title": "Жаңалықтар мен хабарландырулар",
    },
    "en": {
        "title": "OPI Center",
        "hero_title": "Test your technology at the group's operating sites",
        "hero_lead": (
            "The Pilot Industrial Testing Center is a single window for companies and "
            "developers ready to prove the value of their solution in production: in "
            "oil fields, pipeline transport, refining and oilfield services."
        ),
        "cta_label": "Apply",
        "secondary_cta_label": "What pilot testing is",
        "steps_title": "How it works",
        "steps": [
            (
                "Register",
                "Open an account for your organization or for yourself; the center's "
                "staff will verify the details you give.",
            ),
            (
                "Apply",
                "Describe the proposal and its expected benefit, and attach the "
                "documents section by section.",
            ),
            (
                "Assessment",
                "The group's specialists assess how applicable and valuable the "
                "solution is.",
            ),
            (
                "Testing",
                "An approved proposal is tested at a site of one of the subsidiaries.",
            ),
            (
                "Conclusion",
                "When testing is over, you receive an official conclusion.",
            ),
        ],
        "news_title": "News and announcements",
    },
}

# --- About ------------------------------------------------------------------------------

ABOUT = {
    "ru": {
        "title": "Об ОПИ",
        "intro": (
            "Опытно-промышленные испытания — проверка нового решения в реальных "
            "условиях производства до того, как группа примет решение о его внедрении."
        ),
        "body": [
            heading("Зачем группе испытания"),
            p(
                "Технология, которая уверенно работает в лаборатории, на действующем "
                "объекте может повести себя иначе. Испытания на площадке дочерней "
                "организации показывают, как решение справляется с настоящими "
                "нагрузками, климатом, составом сырья и режимами эксплуатации.",
                "Для группы это способ снизить риск внедрения и быстрее находить "
                "решения, которые повышают безопасность, сокращают затраты и "
                "уменьшают воздействие на окружающую среду. Для заявителя — "
                "возможность получить независимое подтверждение эффективности своей "
                "разработки.",
                "Центр ОПИ работает по принципу единого окна: принимает заявки, "
                "организует экспертизу, подбирает площадку и сопровождает испытания "
                "до выдачи заключения.",
            ),
            heading("Кто может подать заявку"),
            bullets(
                "юридические лица — резиденты и нерезиденты Республики Казахстан;",
                "физические лица, в том числе авторы изобретений и разработчики;",
                "представители заявителя, действующие на основании доверенности.",
            ),
            callout(
                "Резидентам и нерезидентам",
                "Организация — резидент Казахстана при регистрации указывает свой БИН, "
                "организация-нерезидент — страну регистрации; обе прикладывают "
                "свидетельство о регистрации. Физическому лицу достаточно ФИО и адреса "
                "электронной почты: ИИН портал не спрашивает.",
                tone="important",
            ),
            heading("Что можно предложить"),
            table(
                "Виды предложений",
                [
                    ["Вид", "Примеры"],
                    [
                        "Технология",
                        "Методы интенсификации добычи, очистки попутных вод",
                    ],
                    ["Оборудование", "Насосы, датчики, установки подготовки нефти"],
                    ["Материал", "Ингибиторы коррозии, покрытия, реагенты"],
                    ["Программное обеспечение", "Мониторинг, предиктивная аналитика"],
                    ["Услуга", "Диагностика, инжиниринговые и сервисные работы"],
                ],
            ),
            heading("Уровень технологической готовности"),
            p(
                "Испытания имеют смысл для решений, которые уже прошли стендовую или "
                "пилотную проверку. Уровень готовности (TRL) заявитель указывает в "
                "заявке, а эксперты его подтверждают."
            ),
            table(
                "Уровни технологической готовности и ОПИ",
                [
                    ["Уровень", "Что достигнуто", "Готовность к ОПИ"],
                    ["TRL 1–3", "Исследования и проверка идеи", "Слишком рано"],
                    [
                        "TRL 4–5",
                        "Лабораторный или стендовый образец",
                        "Возможна консультация центра",
                    ],
                    [
                        "TRL 6–7",
                        "Опытный образец в условиях, близких к реальным",
                        "Основной уровень для ОПИ",
                    ],
                    [
                        "TRL 8–9",
                        "Серийное решение, применяемое в отрасли",
                        "ОПИ для адаптации к условиям группы",
                    ],
                ],
            ),
        ],
    },
    "kk": {
        "title": "ТӨС туралы",
        "intro": (
            "Тәжірибелік-өнеркәсіптік сынақтар (ТӨС) — топ енгізу туралы шешім "
            "қабылдағанға дейін жаңа шешімді нақты өндіріс жағдайында тексеру."
        ),
        "body": [
            heading("Сынақтар топқа не үшін қажет"),
            p(
                "Зертханада сенімді жұмыс істейтін технология жұмыс істеп тұрған "
                "нысанда басқаша көрінуі мүмкін. Еншілес ұйымның алаңындағы сынақ "
                "шешімнің нақты жүктемеге, климатқа, шикізат құрамына және пайдалану "
                "режимдеріне қалай төтеп беретінін көрсетеді.",
                "Топ үшін бұл — енгізу тәуекелін азайтудың және қауіпсіздікті "
                "арттыратын, шығынды қысқартатын, қоршаған ортаға әсерді төмендететін "
                "шешімдерді жылдам табудың жолы. Өтініш беруші үшін — әзірлемесінің "
                "тиімділігін тәуелсіз растау мүмкіндігі.",
                "ТӨС орталығы бірыңғай терезе қағидаты бойынша жұмыс істейді: "
                "өтінімдерді қабылдайды, сараптама ұйымдастырады, алаң таңдайды және "
                "қорытынды берілгенге дейін сынақтарды сүйемелдейді.",
            ),
            heading("Өтінімді кім бере алады"),
            bullets(
                "Қазақстан Республикасының резиденттері мен бейрезиденттері болып "
                "табылатын заңды тұлғалар;",
                "жеке тұлғалар, соның ішінде өнертабыстардың авторлары мен "
                "әзірлеушілер;",
                "сенімхат негізінде әрекет ететін өтініш берушінің өкілдері.",
            ),
            callout(
                "Резиденттер мен бейрезиденттерге",
                "Қазақстан резиденті ұйым тіркелу кезінде өзінің БСН-ін, бейрезидент "
                "ұйым тіркелген елін көрсетеді; екеуі де тіркеу куәлігін тіркейді. "
                "Жеке тұлғаға аты-жөні мен электрондық пошта мекенжайы жеткілікті: "
                "портал ЖСН сұрамайды.",
                tone="important",
            ),
            heading("Нені ұсынуға болады"),
            table(
                "Ұсыныстардың түрлері",
                [
                    ["Түрі", "Мысалдар"],
                    [
                        "Технология",
                        "Өндіруді қарқындату, ілеспе суларды тазарту әдістері",
                    ],
                    [
                        "Жабдық",
                        "Сорғылар, датчиктер, мұнай дайындау қондырғылары",
                    ],
                    ["Материал", "Коррозия ингибиторлары, жабындар, реагенттер"],
                    [
                        "Бағдарламалық қамтамасыз ету",
                        "Мониторинг, болжамды талдау",
                    ],
                    ["Қызмет", "Диагностика, инжинирингтік және сервистік жұмыстар"],
                ],
            ),
            heading("Технологиялық дайындық деңгейі"),
            p(
                "Сынақтар стендтік немесе пилоттық тексеруден өткен шешімдер үшін "
                "мағыналы. Дайындық деңгейін (TRL) өтініш беруші өтінімде көрсетеді, "
                "ал сарапшылар оны растайды."
            ),
            table(
                "Технологиялық дайындық деңгейлері және ТӨС",
                [
                    ["Деңгей", "Не қол жеткізілді", "ТӨС-ке дайындық"],
                    ["TRL 1–3", "Зерттеулер және идеяны тексеру", "Әлі ерте"],
                    [
                        "TRL 4–5",
                        "Зертханалық немесе стендтік үлгі",
                        "Орталықтың кеңесі алуға болады",
                    ],
                    [
                        "TRL 6–7",
                        "Нақтыға жақын жағдайдағы тәжірибелік үлгі",
                        "ТӨС үшін негізгі деңгей",
                    ],
                    [
                        "TRL 8–9",
                        "Салада қолданылатын сериялық шешім",
                        "Топтың жағдайына бейімдеуге арналған ТӨС",
                    ],
                ],
            ),
        ],
    },
    "en": {
        "title": "About pilot testing",
        "intro": (
            "Pilot industrial testing checks a new solution under real production "
            "conditions before the group decides whether to adopt it."
        ),
        "body": [
            heading("Why the group runs pilot tests"),
            p(
                "A technology that performs reliably in the laboratory may behave "
                "differently at an operating site. A test at a subsidiary shows how "
                "the solution copes with real loads, climate, feedstock and operating "
                "modes.",
                "For the group, pilot testing lowers the risk of adoption and speeds "
                "up the search for solutions that improve safety, cut costs and "
                "reduce environmental impact. For the applicant, it is a chance to "
                "have the performance of their solution independently confirmed.",
                "The OPI Center works as a single window: it takes applications, "
                "organises the expert assessment, finds a test site and follows the "
                "test through to the conclusion.",
            ),
            heading("Who may apply"),
            bullets(
                "legal entities, both residents and non-residents of Kazakhstan;",
                "individuals, including inventors and developers;",
                "representatives of an applicant acting under a power of attorney.",
            ),
            callout(
                "Residents and non-residents",
                "A company resident in Kazakhstan gives its BIN when it registers, a "
                "non-resident company its country of registration; both attach the "
                "certificate of registration. An individual needs only their full name "
                "and e-mail address: the portal does not ask for an IIN.",
                tone="important",
            ),
            heading("What you can propose"),
            table(
                "Kinds of proposals",
                [
                    ["Kind", "Examples"],
                    [
                        "Technology",
                        "Production enhancement methods, produced-water treatment",
                    ],
                    ["Equipment", "Pumps, sensors, oil treatment units"],
                    ["Material", "Corrosion inhibitors, coatings, chemicals"],
                    ["Software", "Monitoring, predictive analytics"],
                    ["Service", "Diagnostics, engineering and field services"],
                ],
            ),
            heading("Technology readiness level"),
            p(
                "Pilot tests make sense for solutions that have already passed bench "
                "or pilot-scale trials. Applicants state the technology readiness "
                "level (TRL) in the application, and the experts confirm it."
            ),
            table(
                "Technology readiness levels and pilot testing",
                [
                    ["Level", "What has been achieved", "Ready for a pilot test?"],
                    ["TRL 1–3", "Research and proof of concept", "Too early"],
                    [
                        "TRL 4–5",
                        "Laboratory or bench prototype",
                        "The center can advise",
                    ],
                    [
                        "TRL 6–7",
                        "Prototype in a near-operational environment",
                        "The usual level for a pilot test",
                    ],
                    [
                        "TRL 8–9",
                        "Commercial solution in use in the industry",
                        "A pilot test adapts it to the group's conditions",
                    ],
                ],
            ),
        ],
    },
}

# --- How to apply -----------------------------------------------------------------------

HOW_TO_APPLY = {
    "ru": {
        "title": "Как подать заявку",
        "intro": "Пять шагов от регистрации до рассмотрения заявки.",
        "body": [
            steps(
                "Порядок подачи",
                (
                    "Зарегистрируйтесь на портале",
                    f"Заполните {link('/register/', 'форму регистрации')}: кого вы "
                    "регистрируете (организацию или физическое лицо), ФИО — своё или "
                    "руководителя организации — и адрес электронной почты; для "
                    "организации — наименование, БИН (нерезиденту — страну регистрации) "
                    "и свидетельство о государственной регистрации. Прочитайте "
                    f"{link('/policy/', 'Политику конфиденциальности')} и дайте "
                    "согласие на обработку персональных данных.",
                ),
                (
                    "Подтвердите адрес электронной почты",
                    "Мы пришлём письмо со ссылкой, она действует три дня. После "
                    f"подтверждения {link('/accounts/login/', 'войдите')} по адресу "
                    "электронной почты и паролю. Если вы регистрируетесь как "
                    "представитель, письмо с просьбой о согласии получит и тот, кого "
                    "вы представляете.",
                ),
                (
                    "Дождитесь проверки регистрации",
                    "Сотрудники центра сверят сведения с документами. Ход проверки и "
                    "комментарий проверяющего видны в "
                    f"{link('/account/', 'личном кабинете')}; если попросят что-то "
                    "исправить, это делается там же.",
                ),
                (
                    "Заполните заявку",
                    f"{link('/apply/', 'Форма заявки')} состоит из шести шагов: "
                    "предложение, применимость и ценность, прежние испытания, "
                    "разрешения и охрана, материалы, проверка и отправка. Черновик "
                    "можно начать сразу и сохранить на любом шаге, а отправить — когда "
                    "регистрация проверена.",
                ),
                (
                    "Следите за рассмотрением",
                    "Заявку рассматривают сотрудники центра и эксперты группы. В "
                    f"{link('/account/', 'личном кабинете')} видно, на каком она "
                    "этапе; туда же приходят вопросы проверяющих и запросы документов.",
                ),
            ),
            next_step(),
            heading("Какие материалы понадобятся"),
            bullets(
                "техническая документация на решение;",
                "результаты ранее проведённых опытных и промышленных испытаний;",
                "отзывы заказчиков, статьи и другие открытые материалы;",
                "разрешительные документы на проведение испытаний в Казахстане;",
                "отчёт лаборатории или протокол испытаний;",
                "копии охранных документов на объекты интеллектуальной собственности;",
                "краткая презентация предложения;",
                "доверенность, если заявку подаёт представитель.",
                intro="Подготовьте файлы заранее — так заявка пройдёт проверку "
                "быстрее:",
            ),
            callout(
                "Конфиденциальность",
                "Загруженные материалы видят только сотрудники центра и эксперты, "
                "которым поручена оценка вашей заявки. Каждый просмотр файлов "
                "фиксируется в журнале.",
            ),
            heading("Что происходит после подачи"),
            table(
                "Этапы рассмотрения",
                [
                    ["Этап", "Кто выполняет", "Результат"],
                    [
                        "Первичная проверка",
                        "Центр ОПИ",
                        "Заявка принята или возвращена на доработку",
                    ],
                    ["Экспертиза", "Эксперты группы", "Оценки и рекомендации"],
                    ["Решение", "Комиссия", "Допуск к испытаниям или отказ"],
                    ["Испытания", "Дочерняя организация", "Протокол испытаний"],
                    ["Заключение", "Центр ОПИ", "Официальное заключение"],
                ],
            ),
            callout(
                "Если нужны изменения",
                "Когда эксперты просят уточнить сведения или добавить документы, "
                "заявка возвращается к вам с комментарием. После исправления "
                "отправьте её повторно — рассмотрение продолжится с того же этапа.",
                tone="important",
            ),
        ],
    },
    "kk": {
        "title": "Өтінімді қалай беруге болады",
        "intro": "Тіркелуден өтінімнің қаралуына дейінгі бес қадам.",
        "body": [
            steps(
                "Беру тәртібі",
                (
                    "Порталда тіркеліңіз",
                    f"{link('/kk/register/', 'Тіркеу нысанын')} толтырыңыз: кімді "
                    "тіркейтініңізді (ұйымды немесе жеке тұлғаны), аты-жөніңізді — "
                    "өзіңіздің немесе ұйым басшысының — және электрондық пошта "
                    "мекенжайын көрсетіңіз; ұйым үшін — атауын, БСН-ін (бейрезидентке — "
                    "тіркелген елін) және мемлекеттік тіркеу куәлігін. "
                    f"{link('/kk/policy/', 'Құпиялылық саясатын')} оқып, дербес "
                    "деректерді өңдеуге келісім беріңіз.",
                ),
                (
                    "Электрондық поштаңызды растаңыз",
                    "Біз сілтемесі бар хат жібереміз, сілтеме үш күн жарамды. "
                    "Растағаннан кейін электрондық пошта мекенжайы мен құпиясөз арқылы "
                    f"{link('/kk/accounts/login/', 'кіріңіз')}. Өкіл ретінде "
                    "тіркелсеңіз, Сіз өкілдік ететін тұлға да келісім сұралған хат "
                    "алады.",
                ),
                (
                    "Тіркеудің тексерілуін күтіңіз",
                    "Орталық қызметкерлері мәліметтерді құжаттармен салыстырады. "
                    "Тексерудің барысы мен тексерушінің түсініктемесі "
                    f"{link('/kk/account/', 'жеке кабинетте')} көрінеді; бірдеңені "
                    "түзету сұралса, оны да сонда жасайсыз.",
                ),
                (
                    "Өтінімді толтырыңыз",
                    f"{link('/kk/apply/', 'Өтінім нысаны')} алты қадамнан тұрады: "
                    "ұсыныс, қолданылуы мен құндылығы, бұрынғы сынақтар, рұқсаттар мен "
                    "қорғау, материалдар, тексеру және жіберу. Жобаны бірден бастап, "
                    "кез келген қадамда сақтауға болады, ал жіберу — тіркеу "
                    "тексерілгеннен кейін.",
                ),
                (
                    "Қаралуын қадағалаңыз",
                    "Өтінімді орталықтың қызметкерлері мен топ сарапшылары қарайды. Оның "
                    f"қай кезеңде екені {link('/kk/account/', 'жеке кабинетте')} "
                    "көрінеді; тексерушілердің сұрақтары мен құжат сұраулары да сонда "
                    "келеді.",
                ),
            ),
            next_step(),
            heading("Қандай материалдар қажет"),
            bullets(
                "шешімге арналған техникалық құжаттама;",
                "бұрын өткізілген тәжірибелік және өнеркәсіптік сынақтардың "
                "нәтижелері;",
                "тапсырыс берушілердің пікірлері, мақалалар және басқа ашық "
                "материалдар;",
                "Қазақстанда сынақ өткізуге арналған рұқсат беру құжаттары;",
                "зертхананың есебі немесе сынақ хаттамасы;",
                "зияткерлік меншік объектілеріне қорғау құжаттарының көшірмелері;",
                "ұсыныстың қысқаша таныстырылымы;",
                "өтінімді өкіл берсе — сенімхат.",
                intro="Файлдарды алдын ала дайындаңыз — сонда өтінім тексеруден "
                "тезірек өтеді:",
            ),
            callout(
                "Құпиялылық",
                "Жүктелген материалдарды орталықтың қызметкерлері мен өтініміңізді "
                "бағалау тапсырылған сарапшылар ғана көреді. Файлдардың әр қаралуы "
                "журналға жазылады.",
            ),
            heading("Өтінім берілгеннен кейін не болады"),
            table(
                "Қарау кезеңдері",
                [
                    ["Кезең", "Кім орындайды", "Нәтиже"],
                    [
                        "Алғашқы тексеру",
                        "ТӨС орталығы",
                        "Өтінім қабылданады немесе пысықтауға қайтарылады",
                    ],
                    ["Сараптама", "Топтың сарапшылары", "Бағалар мен ұсынымдар"],
                    ["Шешім", "Комиссия", "Сынаққа жіберу немесе бас тарту"],
                    ["Сынақтар", "Еншілес ұйым", "Сынақ хаттамасы"],
                    ["Қорытынды", "ТӨС орталығы", "Ресми қорытынды"],
                ],
            ),
            callout(
                "Өзгерістер қажет болса",
                "Сарапшылар мәліметтерді нақтылауды немесе құжат қосуды сұраса, "
                "өтінім түсініктемемен бірге Сізге қайтарылады. Түзеткеннен кейін "
                "оны қайта жіберіңіз — қарау сол кезеңнен жалғасады.",
                tone="important",
            ),
        ],
    },
    "en": {
        "title": "How to apply",
        "intro": "Five steps from registration to the review of your application.",
        "body": [
            steps(
                "The procedure",
                (
                    "Register on the portal",
                    f"Fill in the {link('/en/register/', 'registration form')}: whom "
                    "you register (an organization or yourself), the full name — yours "
                    "or your organization's head's — and an e-mail address; for an "
                    "organization its name, its BIN (a non-resident: its country of "
                    "registration) and its certificate of state registration. Read the "
                    f"{link('/en/policy/', 'privacy policy')} and consent to the "
                    "processing of your personal data.",
                ),
                (
                    "Confirm your e-mail address",
                    "We send you an e-mail with a link, valid for three days. Once "
                    f"you have confirmed, {link('/en/accounts/login/', 'log in')} with "
                    "your e-mail address and password. If you register on someone's "
                    "behalf, the person you represent gets an e-mail asking for their "
                    "consent too.",
                ),
                (
                    "Wait for the registration check",
                    "The center's staff check your details against the documents. "
                    f"Your {link('/en/account/', 'account')} shows how the check is "
                    "going and the reviewer's comment; if you are asked to correct "
                    "something, you do it there.",
                ),
                (
                    "Fill in the application",
                    f"The {link('/en/apply/', 'application form')} has six steps: the "
                    "proposal, applicability and value, prior tests, permits and "
                    "protection, the materials, review and submit. You can start a "
                    "draft at once and save it at any step, and submit it once your "
                    "registration is verified.",
                ),
                (
                    "Follow the review",
                    "The center's staff and the group's experts review your "
                    f"application. Your {link('/en/account/', 'account')} shows the "
                    "stage it has reached; the reviewers' questions and requests for "
                    "documents arrive there too.",
                ),
            ),
            next_step(),
            heading("What you will need"),
            bullets(
                "technical documentation for the solution;",
                "results of earlier pilot and industrial tests;",
                "customer references, articles and other public materials;",
                "permits required to run the test in Kazakhstan;",
                "a laboratory report or test protocol;",
                "copies of intellectual property protection documents;",
                "a short presentation of the proposal;",
                "a power of attorney if a representative applies on your behalf.",
                intro="Prepare the files in advance and your application will pass "
                "the check sooner:",
            ),
            callout(
                "Confidentiality",
                "Only the center's staff and the experts assigned to your application "
                "see the materials you upload. Every view of a file is logged.",
            ),
            heading("What happens after you apply"),
            table(
                "Stages of the review",
                [
                    ["Stage", "Who", "Outcome"],
                    [
                        "Screening",
                        "OPI Center",
                        "Application accepted or returned for revision",
                    ],
                    [
                        "Expert assessment",
                        "The group's experts",
                        "Scores and recommendations",
                    ],
                    ["Decision", "Committee", "Approved for testing or declined"],
                    ["Testing", "Subsidiary", "Test protocol"],
                    ["Conclusion", "OPI Center", "Official conclusion"],
                ],
            ),
            callout(
                "When changes are needed",
                "If the experts ask for more detail or further documents, the "
                "application comes back to you with a comment. Once you have made the "
                "changes, resubmit it and the review continues from the same stage.",
                tone="important",
            ),
        ],
    },
}

# --- Questions and answers --------------------------------------------------------------

FAQ = {
    "ru": {
        "title": "Вопросы и ответы",
        "intro": "Ответы на вопросы, которые заявители задают чаще всего.",
        "body": [
            faq(
                "Частые вопросы",
                (
                    "Как зарегистрироваться на портале?",
                    "Выберите, кого вы регистрируете — организацию или физическое "
                    "лицо, заполните форму и подтвердите адрес электронной почты. "
                    "Логином служит этот адрес, пароль вы задаёте сами. Подать "
                    "заявку можно после того, как сотрудник центра проверит "
                    "регистрацию.",
                ),
                (
                    "Зачем организации указывать БИН?",
                    "БИН — часть сведений о регистрации юридического лица: по нему "
                    "центр сверяет заявителя с регистрационными документами. Портал "
                    "проверяет номер по контрольной цифре, чтобы опечатка не "
                    "задержала проверку. Физические лица номер не указывают.",
                ),
                (
                    "Обязательно ли указывать телефон?",
                    "Нет. Телефон указывается по желанию, и центр звонит по нему, "
                    "только чтобы связаться с вами по регистрации или заявке, если "
                    "письмо по электронной почте не дошло.",
                ),
                (
                    "Мы зарегистрированы за рубежом. Можно ли участвовать?",
                    "Да. Нерезиденты подают заявки на общих условиях: вместо БИН "
                    "указывается страна регистрации, а к анкете прикладываются "
                    "документы о регистрации компании.",
                ),
                (
                    "Можно ли подать заявку через представителя?",
                    "Да. Представитель регистрируется сам и прикладывает доверенность, "
                    "подтверждающую его полномочия действовать от имени заявителя.",
                ),
                (
                    "Кто увидит наши технические материалы?",
                    "Только сотрудники центра и эксперты, которым поручена оценка "
                    "конкретной заявки. Каждый просмотр и скачивание файлов "
                    "записывается в журнал.",
                ),
                (
                    "Сколько длится рассмотрение?",
                    "Первичная проверка обычно занимает до 10 рабочих дней, "
                    "экспертиза — до 30 рабочих дней в зависимости от сложности "
                    "предложения. Текущий этап всегда виден в личном кабинете.",
                ),
                (
                    "Как отозвать согласие или удалить свои данные?",
                    "В личном кабинете есть раздел запросов по персональным данным: "
                    "там можно отозвать согласие, исправить сведения, выгрузить их "
                    "или запросить удаление. Обращение можно направить и по "
                    f"адресу {EMAIL_LINK}.",
                ),
                (
                    "На каком языке подавать документы?",
                    "На казахском, русском или английском. Документы на других "
                    "языках прикладываются вместе с переводом.",
                ),
            )
        ],
    },
    "kk": {
        "title": "Сұрақтар мен жауаптар",
        "intro": "Өтініш берушілер жиі қоятын сұрақтарға жауаптар.",
        "body": [
            faq(
                "Жиі қойылатын сұрақтар",
                (
                    "Порталда қалай тіркелуге болады?",
                    "Кімді тіркейтініңізді — ұйымды немесе жеке тұлғаны таңдап, "
                    "нысанды толтырыңыз да, электрондық пошта мекенжайыңызды "
                    "растаңыз. Логин — осы мекенжай, құпиясөзді өзіңіз белгілейсіз. "
                    "Орталық қызметкері тіркеуді тексергеннен кейін өтінім бере "
                    "аласыз.",
                ),
                (
                    "Ұйым БСН-ді не үшін көрсетеді?",
                    "БСН — заңды тұлғаның тіркелуі туралы мәліметтің бөлігі: ол "
                    "бойынша орталық өтініш берушіні тіркеу құжаттарымен салыстырады. "
                    "Қате тексеруді кешіктірмеуі үшін портал нөмірді бақылау цифры "
                    "бойынша тексереді. Жеке тұлғалар нөмір көрсетпейді.",
                ),
                (
                    "Телефонды көрсету міндетті ме?",
                    "Жоқ. Телефон қалау бойынша көрсетіледі, орталық оған тек "
                    "электрондық хат жетпесе, тіркеу немесе өтінім бойынша Сізбен "
                    "байланысу үшін қоңырау шалады.",
                ),
                (
                    "Біз шетелде тіркелгенбіз. Қатысуға бола ма?",
                    "Иә. Бейрезиденттер өтінімді жалпы шарттармен береді: БСН "
                    "орнына тіркелген елі көрсетіліп, компанияның тіркелгені туралы "
                    "құжаттар тіркеледі.",
                ),
                (
                    "Өтінімді өкіл арқылы беруге бола ма?",
                    "Иә. Өкіл өзі тіркеліп, өтініш берушінің атынан әрекет ету "
                    "өкілеттігін растайтын сенімхатты тіркейді.",
                ),
                (
                    "Техникалық материалдарымызды кім көреді?",
                    "Тек орталықтың қызметкерлері мен нақты өтінімді бағалау тапсырылған "
                    "сарапшылар. Файлдардың әр қаралуы мен жүктелуі журналға "
                    "жазылады.",
                ),
                (
                    "Қарау қанша уақытқа созылады?",
                    "Алғашқы тексеру әдетте 10 жұмыс күніне дейін, сараптама "
                    "ұсыныстың күрделілігіне қарай 30 жұмыс күніне дейін созылады. "
                    "Ағымдағы кезең жеке кабинетте әрдайым көрінеді.",
                ),
                (
                    "Келісімді қалай кері қайтарып алуға немесе деректерді жоюға "
                    "болады?",
                    "Жеке кабинетте дербес деректер бойынша сұраулар бөлімі бар: онда "
                    "келісімді кері қайтарып алуға, мәліметтерді түзетуге, оларды "
                    "жүктеп алуға немесе жоюды сұрауға болады. Өтінішті "
                    f"{EMAIL_LINK} мекенжайына да жіберуге болады.",
                ),
                (
                    "Құжаттарды қай тілде беру керек?",
                    "Қазақ, орыс немесе ағылшын тілінде. Басқа тілдердегі құжаттар "
                    "аудармасымен бірге тіркеледі.",
                ),
            )
        ],
    },
    "en": {
        "title": "Questions and answers",
        "intro": "Answers to the questions applicants ask most often.",
        "body": [
            faq(
                "Frequently asked questions",
                (
                    "How do I register on the portal?",
                    "Choose whether you are registering an organization or an "
                    "individual, fill in the form and confirm your e-mail address. "
                    "That address is your login, and you choose the password. You can "
                    "apply once a member of the center's staff has verified the "
                    "registration.",
                ),
                (
                    "Why does an organization give its BIN?",
                    "The BIN is part of a legal entity's registration details: the "
                    "center uses it to check the applicant against the registration "
                    "documents. The portal validates the check digit so that a typo "
                    "does not hold up the verification. Individuals give no number.",
                ),
                (
                    "Do I have to give a phone number?",
                    "No. A phone number is optional, and the center calls it only to "
                    "reach you about your registration or application when an e-mail "
                    "does not get through.",
                ),
                (
                    "We are registered outside Kazakhstan. Can we take part?",
                    "Yes. Non-residents apply on the same terms: instead of a BIN they "
                    "give their country of registration and attach the company's "
                    "registration documents.",
                ),
                (
                    "Can a representative apply on our behalf?",
                    "Yes. The representative registers in their own name and attaches "
                    "a power of attorney confirming their authority to act for the "
                    "applicant.",
                ),
                (
                    "Who will see our technical materials?",
                    "Only the center's staff and the experts assigned to assess that "
                    "application. Every view and download of a file is logged.",
                ),
                (
                    "How long does the review take?",
                    "Screening usually takes up to 10 working days and the expert "
                    "assessment up to 30 working days, depending on how complex the "
                    "proposal is. Your account always shows the current stage.",
                ),
                (
                    "How do I withdraw my consent or have my data deleted?",
                    "Your account has a section for personal data requests, where you "
                    "can withdraw consent, correct your details, export them or ask "
                    f"for them to be erased. You can also write to {EMAIL_LINK}.",
                ),
                (
                    "In which language should documents be submitted?",
                    "Kazakh, Russian or English. Documents in any other language must "
                    "come with a translation.",
                ),
            )
        ],
    },
}

# --- Contacts ---------------------------------------------------------------------------

CONTACTS = {
    "ru": {
        "title": "Контакты",
        "intro": "Как связаться с Центром опытно-промышленных испытаний.",
        "body": [
            heading("Центр ОПИ"),
            bullets(
                "Адрес: 010000, г. Астана, пр. Кабанбай батыра, 00",
                f"Телефон: {PHONE}",
                f"Электронная почта: {EMAIL_LINK}",
                "Часы работы: понедельник — пятница, 9:00–18:00 (время Астаны)",
            ),
            p(
                "По вопросам регистрации, подготовки заявки и хода её рассмотрения "
                "пишите на электронную почту центра: укажите номер заявки, если он "
                "уже есть. Мы отвечаем в течение двух рабочих дней."
            ),
            callout(
                "Вопросы о персональных данных",
                "Запросы об отзыве согласия, исправлении или удалении данных удобнее "
                "всего подавать из личного кабинета: так их рассмотрение можно "
                "отследить.",
            ),
        ],
    },
    "kk": {
        "title": "Байланыс",
        "intro": "Тәжірибелік-өнеркәсіптік сынақтар орталығымен байланысу жолдары.",
        "body": [
            heading("ТӨС орталығы"),
            bullets(
                "Мекенжай: 010000, Астана қ., Қабанбай батыр даңғылы, 00",
                f"Телефон: {PHONE}",
                f"Электрондық пошта: {EMAIL_LINK}",
                "Жұмыс уақыты: дүйсенбі — жұма, 9:00–18:00 (Астана уақыты)",
            ),
            p(
                "Тіркелу, өтінім дайындау және оның қаралу барысы туралы сұрақтарды "
                "орталықтың электрондық поштасына жазыңыз: өтінім нөмірі болса, оны "
                "көрсетіңіз. Біз екі жұмыс күні ішінде жауап береміз."
            ),
            callout(
                "Дербес деректер туралы сұрақтар",
                "Келісімді кері қайтарып алу, деректерді түзету немесе жою туралы "
                "сұрауларды жеке кабинеттен жіберген ыңғайлы: солай олардың қаралуын "
                "қадағалауға болады.",
            ),
        ],
    },
    "en": {
        "title": "Contacts",
        "intro": "How to reach the Pilot Industrial Testing Center.",
        "body": [
            heading("OPI Center"),
            bullets(
                "Address: 00 Kabanbay Batyr Avenue, Astana 010000, Kazakhstan",
                f"Phone: {PHONE}",
                f"E-mail: {EMAIL_LINK}",
                "Office hours: Monday to Friday, 9:00–18:00 (Astana time)",
            ),
            p(
                "For questions about registration, preparing an application or its "
                "progress, e-mail the center and quote your application number if you "
                "have one. We reply within two working days."
            ),
            callout(
                "Questions about personal data",
                "Requests to withdraw consent, correct or erase your data are best "
                "made from your account, where you can follow how they are handled.",
            ),
        ],
    },
}

# --- News -------------------------------------------------------------------------------

NEWS_INDEX = {
    "ru": {
        "title": "Новости",
        "intro": "События центра, объявления о приёме заявок и итоги испытаний.",
    },
    "kk": {
        "title": "Жаңалықтар",
        "intro": (
            "Орталық оқиғалары, өтінім қабылдау туралы хабарландырулар және "
            "сынақтардың нәтижелері."
        ),
    },
    "en": {
        "title": "News",
        "intro": "News of the center, calls for proposals and test results.",
    },
}

# Oldest first: they are created in this order.
NEWS_ITEMS = [
    {
        "slug": "portal-launch",
        "date": datetime.date(2026, 9, 1),
        "ru": {
            "title": "Открыт портал Центра ОПИ",
            "intro": (
                "Заявки на опытно-промышленные испытания теперь принимаются онлайн."
            ),
            "body": [
                p(
                    "Центр опытно-промышленных испытаний запустил портал «одного "
                    "окна». Заявителю больше не нужно направлять документы по "
                    "электронной почте: регистрация, заявка и переписка с экспертами "
                    "ведутся в личном кабинете.",
                    "На портале можно сохранить черновик заявки, приложить материалы "
                    "по категориям и в любой момент увидеть, на каком этапе "
                    "рассмотрение. Портал работает на казахском, русском и английском "
                    "языках.",
                )
            ],
        },
        "kk": {
            "title": "ТӨС орталығының порталы іске қосылды",
            "intro": (
                "Тәжірибелік-өнеркәсіптік сынақтарға өтінімдер енді онлайн қабылданады."
            ),
            "body": [
                p(
                    "Тәжірибелік-өнеркәсіптік сынақтар орталығы «бір терезе» "
                    "порталын іске қосты. Өтініш берушіге құжаттарды электрондық "
                    "пошта арқылы жіберудің қажеті жоқ: тіркелу, өтінім және "
                    "сарапшылармен хат алмасу жеке кабинетте жүргізіледі.",
                    "Порталда өтінімнің жобасын сақтауға, материалдарды санаттар "
                    "бойынша тіркеуге және қарау қай кезеңде екенін кез келген сәтте "
                    "көруге болады. Портал қазақ, орыс және ағылшын тілдерінде "
                    "жұмыс істейді.",
                )
            ],
        },
        "en": {
            "title": "The OPI Center portal is open",
            "intro": "Applications for pilot industrial testing are now accepted online.",
            "body": [
                p(
                    "The Pilot Industrial Testing Center has launched its "
                    "single-window portal. Applicants no longer need to send "
                    "documents by e-mail: registration, the application and "
                    "correspondence with the experts all happen in their account.",
                    "On the portal you can save a draft application, attach "
                    "materials by category and see at any time which stage the "
                    "review has reached. The portal is available in Kazakh, Russian "
                    "and English.",
                )
            ],
        },
    },
    {
        "slug": "call-produced-water",
        "date": datetime.date(2026, 10, 6),
        "ru": {
            "title": "Приём предложений: очистка попутно добываемых вод",
            "intro": (
                "Группа ищет решения для подготовки попутных вод к закачке в пласт."
            ),
            "body": [
                p(
                    "Дочерние организации группы ищут технологии, снижающие "
                    "содержание нефтепродуктов и механических примесей в попутно "
                    "добываемой воде перед её закачкой в пласт.",
                    "Приоритет получат решения с уровнем готовности не ниже TRL 6 и "
                    "подтверждённым опытом применения на промысловых водах с высокой "
                    "минерализацией. Заявки принимаются до 30 декабря 2026 года.",
                ),
                callout(
                    "Площадки испытаний",
                    "Испытания пройдут на двух месторождениях Западного Казахстана.",
                    tone="important",
                ),
            ],
        },
        "kk": {
            "title": "Ұсыныстар қабылдау: ілеспе өндірілетін суларды тазарту",
            "intro": (
                "Топ ілеспе суларды қабатқа айдауға дайындайтын шешімдерді іздейді."
            ),
            "body": [
                p(
                    "Топтың еншілес ұйымдары ілеспе өндірілетін суды қабатқа айдар "
                    "алдында ондағы мұнай өнімдері мен механикалық қоспалардың "
                    "мөлшерін азайтатын технологияларды іздейді.",
                    "Дайындық деңгейі TRL 6-дан төмен емес және минералдануы жоғары "
                    "кәсіпшілік суларда қолданылу тәжірибесі расталған шешімдерге "
                    "басымдық беріледі. Өтінімдер 2026 жылғы 30 желтоқсанға дейін "
                    "қабылданады.",
                ),
                callout(
                    "Сынақ алаңдары",
                    "Сынақтар Батыс Қазақстандағы екі кен орнында өтеді.",
                    tone="important",
                ),
            ],
        },
        "en": {
            "title": "Call for proposals: produced-water treatment",
            "intro": (
                "The group is looking for ways to prepare produced water for "
                "reinjection."
            ),
            "body": [
                p(
                    "The group's subsidiaries are looking for technologies that "
                    "reduce oil and suspended solids in produced water before it is "
                    "injected back into the reservoir.",
                    "Priority will go to solutions at TRL 6 or higher with a proven "
                    "track record on highly mineralised field water. Applications "
                    "are accepted until 30 December 2026.",
                ),
                callout(
                    "Test sites",
                    "The tests will take place at two fields in Western Kazakhstan.",
                    tone="important",
                ),
            ],
        },
    },
    {
        "slug": "corrosion-monitoring-results",
        "date": datetime.date(2026, 11, 10),
        "ru": {
            "title": "Итоги испытаний системы мониторинга коррозии",
            "intro": (
                "Беспроводные датчики отработали шесть месяцев на промысловом "
                "трубопроводе."
            ),
            "body": [
                p(
                    "Завершены испытания беспроводной системы мониторинга коррозии "
                    "на участке промыслового трубопровода. Датчики передавали данные "
                    "каждые 15 минут, а точность измерений подтвердили контрольные "
                    "замеры толщины стенки.",
                    "За время испытаний система дважды предупредила о росте скорости "
                    "коррозии, что позволило скорректировать дозировку ингибитора. "
                    "Комиссия рекомендовала систему к применению на других объектах "
                    "группы.",
                )
            ],
        },
        "kk": {
            "title": "Коррозия мониторингі жүйесін сынау қорытындысы",
            "intro": ("Сымсыз датчиктер кәсіпшілік құбырда алты ай бойы жұмыс істеді."),
            "body": [
                p(
                    "Кәсіпшілік құбырдың учаскесінде коррозия мониторингінің сымсыз "
                    "жүйесін сынау аяқталды. Датчиктер деректерді әр 15 минут сайын "
                    "беріп отырды, ал өлшеу дәлдігін қабырға қалыңдығының бақылау "
                    "өлшемдері растады.",
                    "Сынақ барысында жүйе коррозия жылдамдығының артқаны туралы екі "
                    "рет ескертті, соның арқасында ингибитор мөлшері түзетілді. "
                    "Комиссия жүйені топтың басқа нысандарында қолдануға ұсынды.",
                )
            ],
        },
        "en": {
            "title": "Corrosion monitoring system: test results",
            "intro": (
                "Wireless sensors completed six months of service on a field pipeline."
            ),
            "body": [
                p(
                    "Testing of a wireless corrosion monitoring system on a section "
                    "of a field pipeline is complete. The sensors reported every 15 "
                    "minutes, and their accuracy was confirmed by reference "
                    "wall-thickness measurements.",
                    "During the test the system twice warned of a rising corrosion "
                    "rate, which allowed the inhibitor dosage to be adjusted. The "
                    "committee recommended the system for use at other sites of the "
                    "group.",
                )
            ],
        },
    },
]

# --- Portal settings --------------------------------------------------------------------

PORTAL_SETTINGS = {
    # made-up company and person; the BIN has a valid check digit
    "operator_legal_name_ru": "АО «Центр опытно-промышленных испытаний»",
    "operator_legal_name_kk": "«Тәжірибелік-өнеркәсіптік сынақтар орталығы» АҚ",
    "operator_legal_name_en": "Pilot Industrial Testing Center JSC",
    "operator_bin": "210140008884",
    "protection_officer_name": "Нурланова Асель Маратовна",
    "protection_officer_email": "dpo@example.kz",
    "protection_officer_phone": "+7 (7172) 00-00-01",
    "phone": PHONE,
    "email": EMAIL,
    "organization_ru": "Центр опытно-промышленных испытаний",
    "organization_kk": "Тәжірибелік-өнеркәсіптік сынақтар орталығы",
    "organization_en": "Pilot Industrial Testing Center",
    "address_ru": "010000, г. Астана, пр. Кабанбай батыра, 00",
    "address_kk": "010000, Астана қ., Қабанбай батыр даңғылы, 00",
    "address_en": "00 Kabanbay Batyr Avenue, Astana 010000, Kazakhstan",
    "hours_ru": "Пн–Пт, 9:00–18:00",
    "hours_kk": "Дс–Жм, 9:00–18:00",
    "hours_en": "Mon–Fri, 9:00–18:00",
    "footer_text_ru": (
        "Демонстрационный портал. Персональные данные обрабатываются в соответствии "
        "с политикой конфиденциальности."
    ),
    "footer_text_kk": (
        "Демонстрациялық портал. Дербес деректер құпиялылық саясатына сәйкес өңделеді."
    ),
    "footer_text_en": (
        "Demonstration portal. Personal data is processed in line with the privacy "
        "policy."
    ),
}

SOCIAL_LINKS = [
    ("linkedin", "https://www.linkedin.com/company/example"),
    ("telegram", "https://t.me/example"),
]

# Slugs of the Russian pages in each menu, in menu order.
MAIN_MENU = ["about", "how-to-apply", "requests", "faq", "news", "contacts"]
FOOTER_MENU = ["how-to-apply", "faq", "contacts"]

DEMO_USERS = [
    # (e-mail, full name, group or None, superuser)
    ("admin@example.kz", "Администратор портала", None, True),
    ("editor@example.kz", "Ахметова Дана Ерлановна", "Editors", False),
    ("approver@example.kz", "Сергеев Павел Андреевич", "Policy approvers", False),
    ("reviewer@example.kz", "Жумабаев Ерлан Серикович", "Reviewers", False),
    ("expert@example.kz", "Ким Виктория Олеговна", "Experts", False),
    ("expert2@example.kz", "Оспанов Арман Бекович", "Experts", False),
    ("applicant@example.kz", "Исаев Тимур Маратович", None, False),
    ("newcomer@example.kz", "Омарова Айгерим Кайратовна", None, False),
]

# The demo applicant who registered under edition 1 of the policy and is asked to renew
# their consent to edition 2; the other registered under edition 2.
RENEWING_APPLICANT = "applicant@example.kz"

# The demo applicants' registrations: one verified, one awaiting the reviewers (filed
# through a representative; the person represented has consented). BINs are made up,
# with valid check digits. Only what the form asks (policy 3.3–3.4): no job title, and
# the phone is optional (one gave it, one did not).
APPLICANT_PROFILES = {
    "applicant@example.kz": {
        "verified": True,
        "details": {
            "person_type": "legal_entity",
            "full_name": "Исаев Тимур Маратович",
            "organization": "ТОО «Степь Инжиниринг»",
            "is_resident": True,
            "bin_iin": "210340007774",
            "phone": "+7 701 555 01 23",
        },
        "certificate_name": "svidetelstvo-step-engineering.pdf",
    },
    "newcomer@example.kz": {
        "verified": False,
        "details": {
            "person_type": "legal_entity",
            "full_name": "Серикбаев Нурлан Асанович",
            "organization": "ТОО «Каспий Сенсор»",
            "is_resident": True,
            "bin_iin": "210640005550",
            "via_representative": True,
            "representative_name": "Омарова Айгерим Кайратовна",
            "represented_email": "director@caspian-sensor.example.kz",
        },
        "certificate_name": "svidetelstvo-caspian-sensor.pdf",
        "power_of_attorney_name": "doverennost.pdf",
    },
}

# The smallest well-formed PDF: the demo's stand-in for a scanned document.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# The subsidiaries and assets offered in the application form (made-up names).
SUBSIDIARIES = [
    (
        "АО «Западный нефтепромысел»",
        "«Батыс мұнай кәсіпшілігі» АҚ",
        "Western Oilfield JSC",
    ),
    (
        "ТОО «Каспийский газоперерабатывающий завод»",
        "«Каспий газ өңдеу зауыты» ЖШС",
        "Caspian Gas Processing Plant LLP",
    ),
    (
        "АО «Магистральные нефтепроводы»",
        "«Магистральдық мұнай құбырлары» АҚ",
        "Trunk Oil Pipelines JSC",
    ),
]

# The demo applications of applicant@example.kz, one in each status of the review.
DEMO_APPLICATIONS = [
    ("draft", "Датчики коррозии для резервуарного парка", "equipment"),
    ("screening", "Цифровой двойник установки подготовки нефти", "software"),
    ("changes_requested", "Ингибитор парафиноотложений нового поколения", "material"),
    ("assessment", "Беспилотный мониторинг утечек на трубопроводе", "technology"),
    ("decision", "Энергоэффективные частотные приводы насосов", "equipment"),
    ("approved", "Сервис предиктивного обслуживания компрессоров", "service"),
    ("rejected", "Покрытие для защиты опор ЛЭП", "material"),
    ("withdrawn", "Система учёта попутного газа", "software"),
]

# What the demo expert declares each time they are given access to a demo application,
# before assessing it.
DEMO_NO_CONFLICT = (
    "Не работаю в организации заявителя и не связана с ней ни трудом, ни владением, "
    "ни родством; в подготовке предложения не участвовала."
)
# The demo's one declared conflict of interest: the second demo expert, given access to
# the application in expert assessment beside the first, declares a conflict with the
# applicant and loses access; the reviewer is told, the first expert goes on.
DECLARED_CONFLICT = {
    "expert": "expert2@example.kz",
    "application": "Беспилотный мониторинг утечек на трубопроводе",
    "statement": (
        "До прошлого года работал в ТОО «Степь Инжиниринг» инженером-проектировщиком "
        "и участвовал в разработке этой системы мониторинга."
    ),
}

# --- Technology requests ----------------------------------------------------------------

TECHNOLOGY_REQUESTS_INDEX = {
    "ru": {
        "title": "Технологические запросы",
        "intro": (
            "<p>Задачи, для которых дочерние организации группы ищут решения. Заявка на "
            "запрос подаётся до даты его закрытия; предложение вне запросов можно "
            "подать в любое время.</p>"
        ),
    },
    "kk": {
        "title": "Технологиялық сұраныстар",
        "intro": (
            "<p>Топтың еншілес ұйымдары шешім іздеп отырған міндеттер. Сұранысқа өтінім "
            "оның жабылу күніне дейін беріледі; сұраныстан тыс ұсынысты кез келген "
            "уақытта беруге болады.</p>"
        ),
    },
    "en": {
        "title": "Technology requests",
        "intro": (
            "<p>Problems the group's companies want solved. An application to a request "
            "is accepted until its closing date; a proposal outside any request can be "
            "sent at any time.</p>"
        ),
    },
}

# Each request: the subsidiary (its place in SUBSIDIARIES), the area, its dates as days
# from the day the demo is loaded, its own questions (type, extra values, the question
# in each language), its texts, and the demo applications made to it (status, title).
TECHNOLOGY_REQUESTS = [
    {
        "slug": "produced-water-treatment",
        "subsidiary": 0,
        "area": "ecology",
        "opens": -20,
        "closes": 40,
        "questions": [
            (
                "number",
                {"unit": "м³/сут"},
                {
                    "ru": "Производительность установки",
                    "kk": "Қондырғының өнімділігі",
                    "en": "Capacity of the unit",
                },
            ),
            (
                "yes_no",
                {},
                {
                    "ru": "Работало ли решение на водах с минерализацией выше 100 г/л?",
                    "kk": "Шешім минералдануы 100 г/л-ден жоғары суда жұмыс істеді ме?",
                    "en": "Has the solution worked on water with salinity above 100 g/l?",
                },
            ),
            (
                "choice",
                {
                    "choices": {
                        "ru": ["Мембранная", "Реагентная", "Комбинированная"],
                        "kk": ["Мембраналық", "Реагенттік", "Аралас"],
                        "en": ["Membrane", "Chemical", "Combined"],
                    }
                },
                {
                    "ru": "Технология очистки",
                    "kk": "Тазарту технологиясы",
                    "en": "Treatment technology",
                },
            ),
            (
                "file",
                {"category": "lab_report"},
                {
                    "ru": "Протокол анализа очищенной воды",
                    "kk": "Тазартылған суды талдау хаттамасы",
                    "en": "Analysis report of the treated water",
                },
            ),
        ],
        "applications": [
            ("screening", "Мобильная мембранная установка для попутных вод"),
            ("draft", "Реагентная очистка с возвратом воды в пласт"),
        ],
        "ru": {
            "title": "Очистка попутно добываемых вод",
            "summary": (
                "Нужна технология очистки попутно добываемой воды до требований "
                "закачки в пласт на месторождениях с высокой минерализацией."
            ),
            "asset": "Месторождения западного региона",
            "problem": (
                "<p>С ростом обводнённости объём попутной воды превышает возможности "
                "действующих очистных сооружений; содержание нефтепродуктов и "
                "взвешенных частиц после очистки выше допустимого для закачки.</p>"
            ),
            "conditions": (
                "<p>Работа при температуре воздуха от −35 до +45 °C, без постоянного "
                "персонала на площадке; подключение к существующей системе "
                "поддержания пластового давления.</p>"
            ),
            "solution_requirements": (
                "<p>Содержание нефтепродуктов не более 20 мг/л и взвешенных частиц не "
                "более 30 мг/л на выходе; подтверждение испытаниями на пробах "
                "реальной воды.</p>"
            ),
        },
        "kk": {
            "title": "Ілеспе өндірілетін суды тазарту",
            "summary": (
                "Минералдануы жоғары кен орындарында ілеспе суды қабатқа айдау "
                "талаптарына дейін тазарту технологиясы қажет."
            ),
            "asset": "Батыс өңірдің кен орындары",
            "problem": (
                "<p>Сулану өскен сайын ілеспе су көлемі қолданыстағы тазарту "
                "құрылыстарының мүмкіндігінен асады; тазартудан кейінгі мұнай өнімдері "
                "мен қалқымалы бөлшектердің мөлшері айдауға рұқсат етілгеннен жоғары.</p>"
            ),
            "conditions": (
                "<p>Ауа температурасы −35-тен +45 °C-қа дейін, алаңда тұрақты "
                "персоналсыз жұмыс; қабат қысымын ұстап тұрудың қолданыстағы жүйесіне "
                "қосылу.</p>"
            ),
            "solution_requirements": (
                "<p>Шығыста мұнай өнімдері 20 мг/л-ден, қалқымалы бөлшектер 30 мг/л-ден "
                "аспауы тиіс; нақты су сынамаларындағы сынақтармен расталуы керек.</p>"
            ),
        },
        "en": {
            "title": "Treatment of produced water",
            "summary": (
                "A technology is sought to treat produced water to the standard for "
                "reinjection at fields with high salinity."
            ),
            "asset": "Fields of the western region",
            "problem": (
                "<p>As water cut grows, the volume of produced water exceeds what the "
                "existing treatment plants can handle; oil and suspended solids after "
                "treatment are above what reinjection allows.</p>"
            ),
            "conditions": (
                "<p>Air temperature from −35 to +45 °C, no permanent staff on site; "
                "connection to the existing pressure maintenance system.</p>"
            ),
            "solution_requirements": (
                "<p>At most 20 mg/l of oil and 30 mg/l of suspended solids at the "
                "outlet, shown by tests on samples of real water.</p>"
            ),
        },
    },
    {
        "slug": "pipeline-corrosion-monitoring",
        "subsidiary": 2,
        "area": "transport",
        "opens": -10,
        "closes": 60,
        "questions": [
            (
                "long_text",
                {},
                {
                    "ru": "Как решение передаёт данные с участков без связи?",
                    "kk": "Шешім байланыс жоқ учаскелерден деректерді қалай береді?",
                    "en": "How does the solution send data from sections with no network?",
                },
            ),
            (
                "short_text",
                {},
                {
                    "ru": "Срок службы датчика без обслуживания",
                    "kk": "Датчиктің қызмет көрсетусіз қызмет мерзімі",
                    "en": "Service life of a sensor without maintenance",
                },
            ),
        ],
        "applications": [
            ("assessment", "Беспроводные зонды коррозии с питанием от батарей"),
            ("changes_requested", "Ультразвуковой контроль толщины стенки с дрона"),
        ],
        "ru": {
            "title": "Мониторинг коррозии магистральных трубопроводов",
            "summary": (
                "Непрерывный контроль скорости внутренней коррозии на удалённых "
                "участках трубопровода без постоянного электропитания."
            ),
            "asset": "Магистральный нефтепровод, линейная часть",
            "problem": (
                "<p>Скорость коррозии сейчас измеряется по купонам раз в квартал; "
                "рост скорости замечают поздно, что ведёт к внеплановым ремонтам.</p>"
            ),
            "conditions": (
                "<p>Нет электросети и сотовой связи на части трассы; установка без "
                "остановки перекачки.</p>"
            ),
            "solution_requirements": (
                "<p>Измерение не реже раза в сутки, передача данных в диспетчерскую, "
                "работа без обслуживания не менее двух лет.</p>"
            ),
        },
        "kk": {
            "title": "Магистральдық құбырлардың коррозиясын бақылау",
            "summary": (
                "Тұрақты электр қуаты жоқ құбырдың алыс учаскелерінде ішкі коррозия "
                "жылдамдығын үздіксіз бақылау."
            ),
            "asset": "Магистральдық мұнай құбыры, желілік бөлігі",
            "problem": (
                "<p>Қазір коррозия жылдамдығы тоқсанына бір рет купондар арқылы "
                "өлшенеді; жылдамдықтың өсуі кеш байқалып, жоспардан тыс жөндеуге "
                "әкеледі.</p>"
            ),
            "conditions": (
                "<p>Трассаның бір бөлігінде электр желісі мен ұялы байланыс жоқ; "
                "айдауды тоқтатпай орнату.</p>"
            ),
            "solution_requirements": (
                "<p>Тәулігіне кемінде бір рет өлшеу, деректерді диспетчерлік пунктке "
                "беру, кемінде екі жыл қызмет көрсетусіз жұмыс.</p>"
            ),
        },
        "en": {
            "title": "Corrosion monitoring of trunk pipelines",
            "summary": (
                "Continuous measurement of the internal corrosion rate on remote "
                "sections of a pipeline without a permanent power supply."
            ),
            "asset": "Trunk oil pipeline, line section",
            "problem": (
                "<p>The corrosion rate is measured with coupons once a quarter; a "
                "rising rate is noticed late, which leads to unplanned repairs.</p>"
            ),
            "conditions": (
                "<p>No power grid or mobile network on parts of the route; "
                "installation without stopping the flow.</p>"
            ),
            "solution_requirements": (
                "<p>A measurement at least once a day, data sent to the control room, "
                "at least two years without maintenance.</p>"
            ),
        },
    },
    {
        "slug": "associated-gas-flaring",
        "subsidiary": 1,
        "area": "energy",
        "opens": -150,
        "closes": -60,
        "questions": [
            (
                "number",
                {"unit": "тыс. м³/сут"},
                {
                    "ru": "Объём газа, который решение может утилизировать",
                    "kk": "Шешім кәдеге жарата алатын газ көлемі",
                    "en": "Volume of gas the solution can use",
                },
            ),
        ],
        "applications": [
            ("approved", "Малогабаритная газотурбинная установка на попутном газе"),
            ("rejected", "Сжигание газа в факеле с рекуперацией тепла"),
        ],
        "results": {
            "ru": (
                "<p>Поступило два предложения. По итогам экспертизы одно одобрено "
                "для опытно-промышленных испытаний на заводе в 2027 году.</p>"
            ),
            "kk": (
                "<p>Екі ұсыныс түсті. Сараптама қорытындысы бойынша біреуі 2027 жылы "
                "зауытта тәжірибелік-өнеркәсіптік сынаққа мақұлданды.</p>"
            ),
            "en": (
                "<p>Two proposals were received. After the expert assessment one was "
                "approved for pilot testing at the plant in 2027.</p>"
            ),
        },
        "ru": {
            "title": "Сокращение факельного сжигания попутного газа",
            "summary": (
                "Решения для полезного использования низконапорного попутного газа "
                "вместо его сжигания на факеле."
            ),
            "asset": "Газоперерабатывающий завод, факельное хозяйство",
            "problem": (
                "<p>Низконапорный газ со сбросных линий сжигается на факеле: это "
                "потери сырья и выбросы.</p>"
            ),
            "conditions": "<p>Работа во взрывоопасной зоне класса 2.</p>",
            "solution_requirements": (
                "<p>Утилизация не менее 70 % сбрасываемого газа, окупаемость не более "
                "пяти лет.</p>"
            ),
        },
        "kk": {
            "title": "Ілеспе газды алауда жағуды азайту",
            "summary": (
                "Төмен қысымды ілеспе газды алауда жағудың орнына пайдалы қолдану "
                "шешімдері."
            ),
            "asset": "Газ өңдеу зауыты, алау шаруашылығы",
            "problem": (
                "<p>Шығару желілеріндегі төмен қысымды газ алауда жағылады: бұл шикізат "
                "шығыны және шығарындылар.</p>"
            ),
            "conditions": "<p>2-сыныпты жарылыс қаупі бар аймақта жұмыс.</p>",
            "solution_requirements": (
                "<p>Шығарылатын газдың кемінде 70 %-ын кәдеге жарату, өтелу мерзімі бес "
                "жылдан аспауы.</p>"
            ),
        },
        "en": {
            "title": "Less flaring of associated gas",
            "summary": (
                "Ways to use low-pressure associated gas instead of burning it in the "
                "flare."
            ),
            "asset": "Gas processing plant, flare system",
            "problem": (
                "<p>Low-pressure gas from the relief lines is burnt in the flare: lost "
                "feedstock and emissions.</p>"
            ),
            "conditions": "<p>Work in a zone 2 explosive atmosphere.</p>",
            "solution_requirements": (
                "<p>At least 70 % of the relieved gas used, a payback of at most five "
                "years.</p>"
            ),
        },
    },
]

# The demo answers to a request's questions, by question type.
DEMO_REQUEST_ANSWERS = {
    "number": "450",
    "yes_no": "yes",
    "short_text": "5 лет",
    "long_text": "Данные накапливаются в зонде и передаются по спутниковому каналу раз в сутки.",
}
