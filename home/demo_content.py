"""The demo site's texts: a believable OPI Center in Russian, with Kazakh and English
translations of the home page and of every page in the main menu.

Each page is a dict of field values per language; ``body`` values are StreamField data
(lists of ``{"type": …, "value": …}``) built from the blocks of ``home/blocks.py``.
"""


def p(*paragraphs):
    return {
        "type": "paragraph",
        "value": "".join(f"<p>{text}</p>" for text in paragraphs),
    }


def bullets(*items, intro=""):
    head = f"<p>{intro}</p>" if intro else ""
    return {
        "type": "paragraph",
        "value": head + "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def callout(title, text, tone="info"):
    return {
        "type": "callout",
        "value": {"tone": tone, "title": title, "text": f"<p>{text}</p>"},
    }


def steps(title, *items):
    return {
        "type": "steps",
        "value": {"title": title, "steps": [{"title": t, "text": d} for t, d in items]},
    }


def table(caption, rows):
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
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    }


HOME = {
    "ru": {
        "title": "Центр ОПИ",
        "hero_title": "Испытайте вашу технологию на реальных объектах группы",
        "hero_lead": (
            "Центр опытно-промышленных испытаний принимает предложения компаний и "
            "изобретателей, которые готовы доказать пользу своей разработки на "
            "производстве: на месторождениях, в трубопроводном транспорте, "
            "переработке и сервисе."
        ),
        "cta_label": "Подать заявку",
        "secondary_cta_label": "Что такое ОПИ",
        "steps_title": "Как это работает",
        "steps": [
            ("Регистрация", "Создайте учётную запись компании или физического лица."),
            ("Заявка", "Опишите предложение и приложите документы по разделам."),
            ("Экспертиза", "Специалисты группы оценивают применимость и ценность."),
            (
                "Испытания",
                "Одобренное решение проверяется на объекте дочерней организации.",
            ),
            ("Заключение", "По итогам испытаний вы получаете официальное заключение."),
        ],
        "news_title": "Новости и объявления",
    },
    "kk": {
        "title": "ТӨС орталығы",
        "hero_title": "Технологияңызды топтың нақты нысандарында сынап көріңіз",
        "hero_lead": (
            "Тәжірибелік-өнеркәсіптік сынақтар орталығы өз әзірлемесінің пайдасын "
            "өндірісте — кен орындарында, құбыр көлігінде, өңдеуде және сервисте "
            "дәлелдеуге дайын компаниялар мен өнертапқыштардың ұсыныстарын қабылдайды."
        ),
        "cta_label": "Өтінім беру",
        "secondary_cta_label": "ТӨС деген не",
        "steps_title": "Бұл қалай жұмыс істейді",
        "steps": [
            ("Тіркелу", "Компанияның немесе жеке тұлғаның есептік жазбасын ашыңыз."),
            ("Өтінім", "Ұсынысты сипаттап, құжаттарды бөлімдер бойынша тіркеңіз."),
            ("Сараптама", "Топ мамандары қолданылуы мен құндылығын бағалайды."),
            ("Сынақтар", "Мақұлданған шешім еншілес ұйымның нысанында тексеріледі."),
            ("Қорытынды", "Сынақ нәтижесі бойынша ресми қорытынды беріледі."),
        ],
        "news_title": "Жаңалықтар мен хабарландырулар",
    },
    "en": {
        "title": "OPI Center",
        "hero_title": "Test your technology at the group's real sites",
        "hero_lead": (
            "The Pilot Industrial Testing Center takes proposals from companies and "
            "inventors who are ready to prove the value of their solution in "
            "production: in upstream fields, pipeline transport, refining and services."
        ),
        "cta_label": "Apply",
        "secondary_cta_label": "What pilot testing is",
        "steps_title": "How it works",
        "steps": [
            ("Register", "Open an account for your company or for yourself."),
            ("Apply", "Describe the proposal and attach documents section by section."),
            ("Assessment", "The group's specialists assess applicability and value."),
            ("Testing", "An approved solution is tested at a subsidiary's site."),
            ("Conclusion", "After the tests you receive an official conclusion."),
        ],
        "news_title": "News and announcements",
    },
}

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
                "Новая технология может отлично работать в лаборатории и вести себя "
                "иначе на действующем объекте. Испытания на площадке дочерней "
                "организации показывают, как решение справляется с настоящими "
                "нагрузками, климатом и режимами работы.",
                "Центр ОПИ — единое окно для таких предложений: он принимает заявки, "
                "организует экспертизу, подбирает площадку и сопровождает испытания "
                "до выдачи заключения.",
            ),
            heading("Кто может подать заявку"),
            bullets(
                "юридические лица — резиденты и нерезиденты Республики Казахстан;",
                "физические лица, в том числе авторы изобретений;",
                "представители заявителя, действующие по доверенности.",
            ),
            callout(
                "Резидентам Казахстана",
                "При регистрации укажите БИН организации или ИИН физического лица. "
                "Нерезиденты указывают страну регистрации.",
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
            heading("Уровень готовности"),
            p(
                "Испытания имеют смысл для решений, которые уже прошли стендовую или "
                "пилотную проверку: как правило, это уровень технологической "
                "готовности (TRL) от 6 до 8."
            ),
        ],
    },
    "kk": {
        "title": "ТӨС туралы",
        "intro": (
            "Тәжірибелік-өнеркәсіптік сынақтар — топ енгізу туралы шешім қабылдамас "
            "бұрын жаңа шешімді нақты өндіріс жағдайында тексеру."
        ),
        "body": [
            heading("Сынақтар топқа не үшін қажет"),
            p(
                "Жаңа технология зертханада жақсы жұмыс істеп, жұмыс істеп тұрған "
                "нысанда басқаша көрінуі мүмкін. Еншілес ұйымның алаңындағы сынақ "
                "шешімнің нақты жүктемеге, климатқа және жұмыс режимдеріне қалай "
                "төтеп беретінін көрсетеді.",
                "ТӨС орталығы — мұндай ұсыныстарға арналған бірыңғай терезе: ол "
                "өтінімдерді қабылдайды, сараптама ұйымдастырады, алаң таңдайды және "
                "қорытынды берілгенге дейін сынақтарды сүйемелдейді.",
            ),
            heading("Өтінімді кім бере алады"),
            bullets(
                "Қазақстан Республикасының резиденттері мен бейрезиденттері болып "
                "табылатын заңды тұлғалар;",
                "жеке тұлғалар, соның ішінде өнертабыстардың авторлары;",
                "сенімхат бойынша әрекет ететін өтініш берушінің өкілдері.",
            ),
            callout(
                "Қазақстан резиденттеріне",
                "Тіркелу кезінде ұйымның БСН-ін немесе жеке тұлғаның ЖСН-ін "
                "көрсетіңіз. Бейрезиденттер тіркелген елін көрсетеді.",
                tone="important",
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
                "A new technology may work perfectly in a laboratory and behave "
                "differently at an operating site. A test at a subsidiary shows how "
                "the solution copes with real loads, climate and operating modes.",
                "The OPI Center is a single window for such proposals: it takes "
                "applications, organises the expert assessment, finds a test site and "
                "follows the test through to the conclusion.",
            ),
            heading("Who may apply"),
            bullets(
                "legal entities, residents and non-residents of Kazakhstan;",
                "individuals, including inventors;",
                "representatives of an applicant acting under a power of attorney.",
            ),
            callout(
                "Residents of Kazakhstan",
                "When you register, give the company's BIN or the individual's IIN. "
                "Non-residents give their country of registration.",
                tone="important",
            ),
        ],
    },
}

HOW_TO_APPLY = {
    "ru": {
        "title": "Как подать заявку",
        "intro": "Пять шагов от регистрации до заключения по итогам испытаний.",
        "body": [
            steps(
                "Порядок подачи",
                (
                    "Зарегистрируйтесь на портале",
                    "Укажите тип лица, контактные данные, БИН или ИИН и дайте согласие "
                    "на обработку персональных данных.",
                ),
                (
                    "Дождитесь проверки регистрации",
                    "Сотрудники центра сверяют сведения с регистрационными документами.",
                ),
                (
                    "Заполните заявку",
                    "Опишите предложение, проблему, которую оно решает, и ожидаемый "
                    "эффект. Черновик сохраняется на каждом шаге.",
                ),
                (
                    "Приложите материалы",
                    "Загрузите документы по категориям; недостающие материалы эксперты "
                    "могут запросить позже.",
                ),
                (
                    "Следите за статусом",
                    "В личном кабинете видно, на каком этапе заявка и что требуется "
                    "от вас.",
                ),
            ),
            heading("Какие материалы понадобятся"),
            bullets(
                "техническая документация на решение;",
                "результаты ранее проведённых испытаний;",
                "отзывы заказчиков и публикации;",
                "разрешительные документы и сертификаты;",
                "протокол испытаний или заключение лаборатории;",
                "документы об охране интеллектуальной собственности;",
                "презентация предложения;",
                "доверенность, если заявку подаёт представитель.",
            ),
            callout(
                "Конфиденциальность",
                "Загруженные материалы видят только сотрудники центра и эксперты, "
                "которым поручена оценка вашей заявки.",
            ),
            heading("Что происходит после подачи"),
            table(
                "Этапы рассмотрения",
                [
                    ["Этап", "Кто выполняет", "Результат"],
                    [
                        "Первичная проверка",
                        "Центр ОПИ",
                        "Заявка принята или возвращена",
                    ],
                    ["Экспертиза", "Эксперты группы", "Оценки и рекомендации"],
                    ["Решение", "Комиссия", "Допуск к испытаниям или отказ"],
                    ["Испытания", "Дочерняя организация", "Протокол испытаний"],
                    ["Заключение", "Центр ОПИ", "Официальное заключение"],
                ],
            ),
        ],
    },
    "kk": {
        "title": "Өтінімді қалай беруге болады",
        "intro": "Тіркелуден сынақ қорытындысына дейінгі бес қадам.",
        "body": [
            steps(
                "Беру тәртібі",
                (
                    "Порталда тіркеліңіз",
                    "Тұлға түрін, байланыс деректерін, БСН немесе ЖСН көрсетіңіз.",
                ),
                (
                    "Тіркеудің тексерілуін күтіңіз",
                    "Орталық қызметкерлері мәліметтерді құжаттармен салыстырады.",
                ),
                (
                    "Өтінімді толтырыңыз",
                    "Ұсынысты, шешетін мәселені және күтілетін әсерді сипаттаңыз.",
                ),
                ("Материалдарды тіркеңіз", "Құжаттарды санаттар бойынша жүктеңіз."),
                (
                    "Мәртебені қадағалаңыз",
                    "Жеке кабинетте өтінімнің қай кезеңде екені көрінеді.",
                ),
            ),
            callout(
                "Құпиялылық",
                "Жүктелген материалдарды орталық қызметкерлері мен өтініміңізді "
                "бағалау тапсырылған сарапшылар ғана көреді.",
            ),
        ],
    },
    "en": {
        "title": "How to apply",
        "intro": "Five steps from registration to the conclusion on the test.",
        "body": [
            steps(
                "The procedure",
                (
                    "Register on the portal",
                    "Give the person type, contacts, BIN or IIN, and consent to the processing of personal data.",
                ),
                (
                    "Wait for the registration check",
                    "The center's staff check the details against the registration documents.",
                ),
                (
                    "Fill in the application",
                    "Describe the proposal, the problem it solves and the expected benefit. A draft is saved at every step.",
                ),
                (
                    "Attach the materials",
                    "Upload documents by category; the experts may ask for more later.",
                ),
                (
                    "Follow the status",
                    "Your account shows the stage of the application and what is expected of you.",
                ),
            ),
            callout(
                "Confidentiality",
                "Only the center's staff and the experts assigned to your application "
                "see the materials you upload.",
            ),
        ],
    },
}

FAQ = {
    "ru": {
        "title": "Вопросы и ответы",
        "intro": "Ответы на вопросы, которые заявители задают чаще всего.",
        "body": [
            faq(
                "Частые вопросы",
                (
                    "Может ли подать заявку физическое лицо?",
                    "Да. Физические лица регистрируются так же, как организации, и "
                    "указывают ИИН, если являются резидентами Казахстана.",
                ),
                (
                    "Мы зарегистрированы за рубежом. Можно ли участвовать?",
                    "Да, нерезиденты подают заявки на общих условиях и при регистрации "
                    "указывают страну вместо БИН.",
                ),
                (
                    "Зачем портал проверяет БИН и ИИН?",
                    "Номер проверяется по контрольной цифре, чтобы опечатка не "
                    "задержала проверку регистрации.",
                ),
                (
                    "Кто увидит наши технические материалы?",
                    "Только сотрудники центра и эксперты, которым поручена оценка "
                    "конкретной заявки. Каждый просмотр файлов записывается в журнал.",
                ),
                (
                    "Сколько длится рассмотрение?",
                    "Первичная проверка занимает до 10 рабочих дней, экспертиза — "
                    "обычно до 30 рабочих дней в зависимости от сложности предложения.",
                ),
                (
                    "Как отозвать согласие или удалить свои данные?",
                    "В личном кабинете есть раздел запросов по персональным данным: "
                    "там можно отозвать согласие, исправить сведения или запросить "
                    "их удаление.",
                ),
                (
                    "На каком языке подавать документы?",
                    "На казахском, русском или английском языке. Документы на других "
                    "языках прилагаются с переводом.",
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
                    "Жеке тұлға өтінім бере ала ма?",
                    "Иә. Жеке тұлғалар ұйымдар сияқты тіркеледі және Қазақстан "
                    "резиденті болса, ЖСН көрсетеді.",
                ),
                (
                    "Біз шетелде тіркелгенбіз. Қатысуға бола ма?",
                    "Иә, бейрезиденттер жалпы шарттармен өтінім береді және БСН "
                    "орнына елді көрсетеді.",
                ),
                (
                    "Техникалық материалдарымызды кім көреді?",
                    "Тек орталық қызметкерлері мен нақты өтінімді бағалау тапсырылған "
                    "сарапшылар.",
                ),
                (
                    "Құжаттарды қай тілде беру керек?",
                    "Қазақ, орыс немесе ағылшын тілінде.",
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
                    "Can an individual apply?",
                    "Yes. Individuals register the same way as companies and give "
                    "their IIN if they are residents of Kazakhstan.",
                ),
                (
                    "We are registered abroad. Can we take part?",
                    "Yes. Non-residents apply on the same terms and give their country "
                    "instead of a BIN.",
                ),
                (
                    "Who will see our technical materials?",
                    "Only the center's staff and the experts assigned to assess that "
                    "application. Every view of a file is logged.",
                ),
                (
                    "In which language should documents be?",
                    "Kazakh, Russian or English. Documents in other languages come "
                    "with a translation.",
                ),
            )
        ],
    },
}

CONTACTS = {
    "ru": {
        "title": "Контакты",
        "intro": "Как связаться с Центром опытно-промышленных испытаний.",
        "body": [
            heading("Центр ОПИ"),
            bullets(
                "Адрес: 010000, г. Астана, пр. Кабанбай батыра, 00 (демонстрационный)",
                "Телефон: +7 (7172) 00-00-00",
                "Электронная почта: opi@example.kz",
                "Часы работы: понедельник — пятница, 9:00–18:00",
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
                "Мекенжай: 010000, Астана қ., Қабанбай батыр даңғ., 00 (демонстрациялық)",
                "Телефон: +7 (7172) 00-00-00",
                "Электрондық пошта: opi@example.kz",
                "Жұмыс уақыты: дүйсенбі — жұма, 9:00–18:00",
            ),
        ],
    },
    "en": {
        "title": "Contacts",
        "intro": "How to reach the Pilot Industrial Testing Center.",
        "body": [
            heading("OPI Center"),
            bullets(
                "Address: 00 Kabanbay Batyr Ave, Astana 010000 (demo)",
                "Phone: +7 (7172) 00-00-00",
                "E-mail: opi@example.kz",
                "Office hours: Monday to Friday, 9:00–18:00",
            ),
        ],
    },
}

NEWS_INDEX = {
    "ru": {
        "title": "Новости",
        "intro": "События центра, объявления о приёме заявок и итоги испытаний.",
    },
    "kk": {
        "title": "Жаңалықтар",
        "intro": "Орталық оқиғалары, өтінім қабылдау туралы хабарландырулар.",
    },
    "en": {
        "title": "News",
        "intro": "Center news, calls for proposals and test results.",
    },
}

NEWS_ITEMS = [
    {
        "slug": "portal-launch",
        "date": "2026-09-01",
        "title": "Открыт портал Центра ОПИ",
        "intro": "Заявки на опытно-промышленные испытания теперь принимаются онлайн.",
        "body": [
            p(
                "Центр опытно-промышленных испытаний запустил портал «одного окна». "
                "Заявителю больше не нужно направлять документы по электронной почте: "
                "регистрация, заявка и переписка с экспертами ведутся в личном "
                "кабинете.",
                "Портал работает на казахском, русском и английском языках.",
            )
        ],
    },
    {
        "slug": "call-produced-water",
        "date": "2026-10-06",
        "title": "Приём предложений: очистка попутно добываемых вод",
        "intro": "Группа ищет решения для подготовки попутных вод к закачке в пласт.",
        "body": [
            p(
                "Дочерние организации группы ищут технологии, снижающие содержание "
                "нефтепродуктов и механических примесей в попутно добываемой воде.",
                "Приоритет получат решения с уровнем готовности не ниже TRL 6. Заявки "
                "принимаются до 30 декабря 2026 года.",
            ),
            callout(
                "Площадки испытаний",
                "Испытания пройдут на двух месторождениях Западного Казахстана.",
                tone="important",
            ),
        ],
    },
    {
        "slug": "corrosion-monitoring-results",
        "date": "2026-11-10",
        "title": "Итоги испытаний системы мониторинга коррозии",
        "intro": "Беспроводные датчики отработали шесть месяцев на промысловом трубопроводе.",
        "body": [
            p(
                "Завершены испытания беспроводной системы мониторинга коррозии на "
                "участке промыслового трубопровода. Датчики передавали данные каждые "
                "15 минут, точность измерений подтверждена контрольными замерами.",
                "Комиссия рекомендовала систему к тиражированию на других объектах.",
            )
        ],
    },
]

PORTAL_SETTINGS = {
    "phone": "+7 (7172) 00-00-00",
    "email": "opi@example.kz",
    "organization_ru": "Центр опытно-промышленных испытаний",
    "organization_kk": "Тәжірибелік-өнеркәсіптік сынақтар орталығы",
    "organization_en": "Pilot Industrial Testing Center",
    "address_ru": "010000, г. Астана, пр. Кабанбай батыра, 00",
    "address_kk": "010000, Астана қ., Қабанбай батыр даңғ., 00",
    "address_en": "00 Kabanbay Batyr Ave, Astana 010000, Kazakhstan",
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
        "Demonstration portal. Personal data is processed under the privacy policy."
    ),
}

SOCIAL_LINKS = [
    ("linkedin", "https://www.linkedin.com/company/example"),
    ("telegram", "https://t.me/example"),
]

DEMO_USERS = [
    # (e-mail, full name, group or None, superuser)
    ("admin@example.kz", "Администратор портала", None, True),
    ("editor@example.kz", "Ахметова Дана", "Editors", False),
    ("approver@example.kz", "Сергеев Павел", "Policy approvers", False),
    ("reviewer@example.kz", "Жумабаев Ерлан", "Reviewers", False),
    ("expert@example.kz", "Ким Виктория", "Experts", False),
    ("applicant@example.kz", "Исаев Тимур", None, False),
]
