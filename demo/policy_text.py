"""Demo text of the portal's privacy policy: edition 1 and the edits that make edition 2.

Written for the demo in our own words, following the structure (13 numbered sections and
the consent statement as the 14th) and the facts of the approved policy.
"""

import copy
from datetime import date

DOCUMENT_CODE = "KMGE-GD-471.1-21/14"


def p(text):
    return f"<p>{text}</p>"


def ul(intro, *items):
    return p(intro) + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


RU_SECTIONS = [
    (
        "Общие положения",
        [
            p(
                "Политика описывает, как Центр ОПИ собирает, обрабатывает и защищает "
                "сведения о пользователях портала, подающих заявки на опытно-промышленные "
                "испытания (ОПИ) инновационных предложений в группе компаний. Она "
                "составлена по Закону Республики Казахстан «О персональных данных и их "
                "защите»."
            ),
            p(
                "Политика нужна для того, чтобы пользователь знал заранее, какие данные "
                "у него попросят, зачем и кто сможет их увидеть."
            ),
        ],
    ),
    (
        "Термины",
        [
            ul(
                "В политике используются следующие понятия:",
                "<b>портал</b> — сайт Центра ОПИ, через который по принципу «одного "
                "окна» подаются и рассматриваются заявки на ОПИ;",
                "<b>пользователь</b> — юридическое или физическое лицо, "
                "зарегистрированное на портале, чтобы подать заявку;",
                "<b>администрация портала</b> — работники Центра ОПИ, которым поручено "
                "вести портал и работать с данными пользователей;",
                "<b>cookie</b> — небольшие служебные данные, которые браузер хранит и "
                "передаёт порталу при каждом открытии страницы;",
                "<b>IP-адрес</b> — сетевой адрес устройства, с которого открыт портал.",
            ),
            p(
                "Понятия, которые политика не раскрывает, понимаются так, как их "
                "определяет законодательство Республики Казахстан."
            ),
        ],
    ),
    (
        "Предмет политики",
        [
            p(
                "Центр ОПИ обязуется не разглашать и защищать персональные данные и "
                "конфиденциальные сведения, которые пользователь передаёт при "
                "регистрации и подаче заявки."
            ),
            ul(
                "При регистрации пользователь сообщает персональные данные:",
                "фамилию, имя и отчество — свои (физическое лицо) или первого "
                "руководителя (юридическое лицо);",
                "адрес электронной почты, личный или рабочий.",
            ),
            ul(
                "При регистрации пользователь сообщает также:",
                "является ли он резидентом Республики Казахстан;",
                "юридическое лицо — наименование организации и данные о её "
                "регистрации: БИН и свидетельство о государственной регистрации, "
                "нерезидент — страну регистрации;",
                "доверенность, если действует представитель.",
            ),
            p(
                "Физическое лицо не указывает ни ИИН, ни должность, ни страну "
                "проживания. Номер телефона пользователь указывает по желанию: по нему "
                "с ним связываются по регистрации или заявке, только если не удалось "
                "связаться по электронной почте."
            ),
            ul(
                "Вместе с заявкой пользователь передаёт сведения и материалы о своём "
                "предложении, в том числе:",
                "техническую документацию, результаты испытаний и отзывы о них;",
                "разрешительные документы, протокол лабораторных испытаний и охранные "
                "документы на объекты интеллектуальной собственности;",
                "краткую презентацию и другие материалы по запросу администрации.",
            ),
            p(
                "Регистрируясь на портале, пользователь принимает эту политику. Тот, кто "
                "с ней не согласен, не должен пользоваться порталом."
            ),
            p("Администрация портала проверяет, достоверны ли сведения пользователя."),
        ],
    ),
    (
        "Сведения пользователя и их раскрытие",
        [
            p(
                "Центр ОПИ собирает и обрабатывает сведения пользователя, включая "
                "персональные данные."
            ),
            p(
                "Сведения из заявки могут быть переданы компаниям группы, привлечённым "
                "экспертам и работникам Центра ОПИ только в том объёме, который нужен "
                "для анализа и оценки заявки."
            ),
            p(
                "Пользователь подтверждает, что вправе регистрироваться, подавать заявку "
                "и загружать на портал сведения, в том числе конфиденциальные."
            ),
        ],
    ),
    (
        "Цели сбора сведений",
        [
            ul(
                "Сведения пользователя используются, чтобы:",
                "узнать пользователя при входе и открыть ему личный кабинет;",
                "создать учётную запись для оформления заявки;",
                "отвечать пользователю, направлять уведомления и запросы по заявке;",
                "помогать пользователю, если у него возникли вопросы по работе портала.",
            ),
        ],
    ),
    (
        "Обработка сведений",
        [
            p(
                "Данные обрабатываются законными способами, как в информационных "
                "системах, так и без средств автоматизации."
            ),
            p(
                "Третьим лицам данные передаются только для рассмотрения заявки и в "
                "пределах, указанных в разделе 4."
            ),
            p(
                "Государственным органам данные передаются только в порядке, "
                "установленном законодательством Республики Казахстан."
            ),
            p(
                "Если персональные данные будут утрачены или разглашены, Центр ОПИ "
                "сообщит об этом пользователю в течение трёх рабочих дней со дня, когда "
                "это стало известно."
            ),
            p(
                "Центр ОПИ принимает организационные и технические меры против "
                "неправомерного или случайного доступа к данным, их изменения, "
                "блокирования, копирования, распространения и уничтожения."
            ),
        ],
    ),
    (
        "Защита сведений и интеллектуальной собственности",
        [
            p(
                "Центр ОПИ защищает сведения и персональные данные пользователя в "
                "течение пяти лет со дня их размещения на портале."
            ),
            p(
                "Центр ОПИ не нарушает прав пользователя на ноу-хау и другие результаты "
                "его интеллектуальной деятельности."
            ),
            p(
                "Для входа на портал используются адрес электронной почты и пароль. "
                "Пользователь отвечает за их сохранность и не передаёт их другим лицам."
            ),
            p(
                "Копии заявок на бумажном носителе хранятся в архиве Центра ОПИ вместе с "
                "электронными."
            ),
        ],
    ),
    (
        "Обязанности сторон",
        [
            ul(
                "Пользователь обязан:",
                "сообщать достоверные сведения;",
                "ознакомиться с этой политикой;",
                "обновлять свои сведения, когда они меняются.",
            ),
            ul(
                "Администрация портала обязана:",
                "использовать сведения пользователя только для целей этой политики;",
                "хранить их в тайне и не продавать, не обменивать и не публиковать их, "
                "кроме случаев раздела 4;",
                "защищать их так, как принято защищать подобные сведения в деловом "
                "обороте;",
                "блокировать данные пользователя на время проверки по его обращению или "
                "при выявлении недостоверных данных.",
            ),
        ],
    ),
    (
        "Ответственность сторон",
        [
            p(
                "Центр ОПИ отвечает за убытки пользователя от неправомерного "
                "использования его персональных данных в соответствии с "
                "законодательством Республики Казахстан."
            ),
            ul(
                "Центр ОПИ не отвечает за утрату или разглашение сведений, если они:",
                "были общедоступны ещё до этого;",
                "были получены от третьей стороны раньше, чем от пользователя;",
                "были раскрыты с согласия пользователя.",
            ),
        ],
    ),
    (
        "Разрешение споров",
        [
            p(
                "Споры о сборе, обработке и защите персональных данных решаются в "
                "порядке, установленном законами Республики Казахстан."
            ),
        ],
    ),
    (
        "Границы действия политики",
        [
            p("Политика не распространяется на сайты третьих лиц."),
            p(
                "Центр ОПИ не отвечает за действия третьих лиц, получивших от "
                "пользователя заключение о результатах испытаний, и за последствия его "
                "использования."
            ),
        ],
    ),
    (
        "Действие политики и её изменение",
        [
            p(
                "Политика действует бессрочно, пока её не заменит новая редакция. Новая "
                "редакция публикуется на портале, а все прежние остаются доступными в "
                "архиве редакций."
            ),
            p(
                "Публикация новой редакции на портале является уведомлением "
                "пользователей. Редакция вступает в силу с даты, указанной в ней."
            ),
        ],
    ),
    (
        "Прочие условия",
        [
            p(
                "Портал использует только необходимые файлы cookie. Если их отключить, "
                "разделы портала, требующие входа, работать не будут."
            ),
            p(
                "Портал ведёт статистику IP-адресов посетителей и не использует её для "
                "установления личности."
            ),
        ],
    ),
]

RU_CONSENT = (
    p(
        "В соответствии с Законом Республики Казахстан «О персональных данных и их "
        "защите» я своей волей и в своём интересе даю Центру ОПИ (010000, г. Астана, "
        "пр. Кабанбай батыра, 00) согласие на сбор и обработку моих персональных данных для "
        "оценки заявок на опытно-промышленные испытания, которые я подаю через портал, "
        "включая данные, полученные от уполномоченных мною лиц:"
    )
    + "<ol><li>фамилия, имя и отчество — мои или первого руководителя юридического "
    "лица, которое я регистрирую;</li>"
    "<li>адрес электронной почты, личный или рабочий;</li>"
    "<li>номер телефона, если я его укажу;</li>"
    "<li>фамилия, имя и отчество представителя и доверенность, если регистрацию "
    "подаёт представитель.</li></ol>"
    + p(
        "Данные могут обрабатываться как с использованием средств автоматизации, в том "
        "числе в информационно-телекоммуникационных сетях, так и без них."
    )
    + p(
        "Об изменении своих данных я обязуюсь сообщить, приложив подтверждающие документы."
    )
    + p(
        "Согласие действует до достижения целей обработки и может быть отозвано мною "
        "в любое время письменным заявлением. После отзыва Центр ОПИ обрабатывает мои "
        "данные только в случаях, которые предусматривает закон."
    )
)

EN_SECTIONS = [
    (
        "General provisions",
        [
            p(
                "This policy describes how the OPI Center collects, processes and "
                "protects information about users of the portal who apply for pilot "
                "industrial testing (OPI) of innovative proposals in the group. It follows "
                "the Law of the Republic of Kazakhstan on Personal Data and its Protection."
            ),
            p(
                "Its purpose is to let users know in advance what data they will be asked "
                "for, why, and who will be able to see it."
            ),
        ],
    ),
    (
        "Terms",
        [
            ul(
                "The policy uses these terms:",
                "<b>portal</b> — the OPI Center website, a single window through which "
                "applications for pilot testing are filed and reviewed;",
                "<b>user</b> — a legal entity or an individual registered on the portal "
                "in order to apply;",
                "<b>portal administration</b> — OPI Center employees charged with running "
                "the portal and handling users' data;",
                "<b>cookies</b> — small technical data that the browser keeps and sends to "
                "the portal each time a page is opened;",
                "<b>IP address</b> — the network address of the device used to open the "
                "portal.",
            ),
            p(
                "Terms the policy does not define have the meaning given by the law of the "
                "Republic of Kazakhstan."
            ),
        ],
    ),
    (
        "Subject of the policy",
        [
            p(
                "The OPI Center undertakes not to disclose, and to protect, the personal "
                "data and confidential information a user provides when registering and "
                "applying."
            ),
            ul(
                "When registering, a user gives these personal data:",
                "the full name of the user (an individual) or of the organization's "
                "first head (a legal entity);",
                "a personal or work e-mail address.",
            ),
            ul(
                "When registering, a user also gives:",
                "whether they are a resident of the Republic of Kazakhstan;",
                "for a legal entity, the organization's name and its registration "
                "details: the BIN and the certificate of state registration, or for a "
                "non-resident the country of registration;",
                "a power of attorney when a representative acts.",
            ),
            p(
                "An individual gives no IIN, job title or country of residence. A phone "
                "number is optional: it is used only to reach the user about their "
                "registration or application when e-mail fails."
            ),
            ul(
                "With an application, the user provides information and materials about "
                "the proposal, including:",
                "technical documentation, test results and reviews of the tests;",
                "permits, a laboratory test report and intellectual-property protection "
                "documents;",
                "a short presentation and other materials the administration asks for.",
            ),
            p(
                "By registering, a user accepts this policy. Anyone who does not agree "
                "with it should not use the portal."
            ),
            p("The portal administration checks that the user's information is true."),
        ],
    ),
    (
        "User information and its disclosure",
        [
            p(
                "The OPI Center collects and processes user information, including "
                "personal data."
            ),
            p(
                "Information from an application may be passed to companies of the group, "
                "engaged experts and OPI Center employees only to the extent needed to "
                "analyse and assess the application."
            ),
            p(
                "The user confirms that they have the right to register, apply and upload "
                "information, including confidential information, to the portal."
            ),
        ],
    ),
    (
        "Purposes of collecting information",
        [
            ul(
                "User information is used to:",
                "recognise the user at login and open their account;",
                "create an account for preparing an application;",
                "answer the user and send notices and requests about the application;",
                "help the user with questions about using the portal.",
            ),
        ],
    ),
    (
        "Processing of information",
        [
            p(
                "Data is processed by lawful means, in information systems as well as "
                "without automation."
            ),
            p(
                "Data is passed to third parties only to review the application and "
                "within the limits of section 4."
            ),
            p(
                "Data is passed to state bodies only as the law of the Republic of "
                "Kazakhstan provides."
            ),
            p(
                "If personal data is lost or disclosed, the OPI Center will inform the "
                "user within three working days of learning of it."
            ),
            p(
                "The OPI Center takes organizational and technical measures against "
                "unlawful or accidental access to the data, and against its alteration, "
                "blocking, copying, dissemination and destruction."
            ),
        ],
    ),
    (
        "Protection of information and intellectual property",
        [
            p(
                "The OPI Center protects the user's information and personal data for "
                "five years from the day they were placed on the portal."
            ),
            p(
                "The OPI Center does not infringe the user's rights to know-how and other "
                "results of their intellectual activity."
            ),
            p(
                "Logging in to the portal uses an e-mail address and a password. The user "
                "is responsible for keeping them safe and does not share them."
            ),
            p(
                "Paper copies of applications are kept in the OPI Center archive along "
                "with the electronic ones."
            ),
        ],
    ),
    (
        "Obligations of the parties",
        [
            ul(
                "The user must:",
                "give true information;",
                "read this policy;",
                "update their information when it changes.",
            ),
            ul(
                "The portal administration must:",
                "use the user's information only for the purposes of this policy;",
                "keep it secret and neither sell, exchange nor publish it, except as "
                "section 4 allows;",
                "protect it as such information is usually protected in business;",
                "block the user's data during a check, at the user's request or when "
                "inaccurate data is found.",
            ),
        ],
    ),
    (
        "Liability of the parties",
        [
            p(
                "The OPI Center is liable for the user's losses from unlawful use of "
                "their personal data under the law of the Republic of Kazakhstan."
            ),
            ul(
                "The OPI Center is not liable for the loss or disclosure of information "
                "that:",
                "was public before that;",
                "was received from a third party before the user provided it;",
                "was disclosed with the user's consent.",
            ),
        ],
    ),
    (
        "Settlement of disputes",
        [
            p(
                "Disputes about the collection, processing and protection of personal "
                "data are settled as the laws of the Republic of Kazakhstan provide."
            ),
        ],
    ),
    (
        "Limits of the policy",
        [
            p("The policy does not apply to third-party websites."),
            p(
                "The OPI Center is not liable for the actions of third parties who "
                "receive a test conclusion from the user, nor for the consequences of its "
                "use."
            ),
        ],
    ),
    (
        "Validity of the policy and its amendment",
        [
            p(
                "The policy is valid indefinitely until a new edition replaces it. A new "
                "edition is published on the portal, and all earlier ones stay available "
                "in the archive of editions."
            ),
            p(
                "Publishing a new edition on the portal notifies users. An edition takes "
                "effect on the date it states."
            ),
        ],
    ),
    (
        "Other terms",
        [
            p(
                "The portal uses only strictly necessary cookies. If they are switched "
                "off, the parts of the portal that need a login will not work."
            ),
            p(
                "The portal keeps statistics of visitors' IP addresses and does not use "
                "them to identify anyone."
            ),
        ],
    ),
]

EN_CONSENT = (
    p(
        "In accordance with the Law of the Republic of Kazakhstan on Personal Data and "
        "its Protection, of my own free will and in my own interest I give the OPI "
        "Center (00 Kabanbay Batyr Ave., Astana 010000) my consent to the collection and "
        "processing of my personal data for the assessment of the applications for "
        "pilot industrial testing I file through the portal, including data received "
        "from persons I have authorised:"
    )
    + "<ol><li>my full name, or that of the first head of the legal entity I "
    "register;</li>"
    "<li>a personal or work e-mail address;</li>"
    "<li>a phone number, if I give one;</li>"
    "<li>the representative's full name and power of attorney, if a representative "
    "files the registration.</li></ol>"
    + p(
        "The data may be processed with automation, including in telecommunication "
        "networks, or without it."
    )
    + p("I undertake to report changes in my data, with documents that confirm them.")
    + p(
        "This consent is valid until the purposes of processing are achieved and I may "
        "withdraw it at any time by a written request. After a withdrawal the OPI Center "
        "processes my data only where the law provides for it."
    )
)


KK_SECTIONS = [
    (
        "Жалпы ережелер",
        [
            p(
                "Саясат ТӨС орталығының топ компанияларында инновациялық ұсыныстардың "
                "тәжірибелік-өнеркәсіптік сынақтарына (ТӨС) өтінім беретін портал "
                "пайдаланушылары туралы мәліметтерді қалай жинайтынын, өңдейтінін және "
                "қорғайтынын сипаттайды. Ол Қазақстан Республикасының «Дербес деректер "
                "және оларды қорғау туралы» Заңына сәйкес жасалған."
            ),
            p(
                "Саясат пайдаланушы өзінен қандай деректер сұралатынын, не үшін "
                "сұралатынын және оларды кім көре алатынын алдын ала білуі үшін қажет."
            ),
        ],
    ),
    (
        "Терминдер",
        [
            ul(
                "Саясатта мынадай ұғымдар қолданылады:",
                "<b>портал</b> — ТӨС-ке өтінімдер «бір терезе» қағидаты бойынша "
                "берілетін және қаралатын ТӨС орталығының сайты;",
                "<b>пайдаланушы</b> — өтінім беру үшін порталда тіркелген заңды немесе "
                "жеке тұлға;",
                "<b>портал әкімшілігі</b> — порталды жүргізу және пайдаланушылардың "
                "деректерімен жұмыс істеу тапсырылған ТӨС орталығының қызметкерлері;",
                "<b>cookie</b> — браузер сақтайтын және парақ әр ашылған сайын порталға "
                "жіберетін шағын қызметтік деректер;",
                "<b>IP-мекенжай</b> — портал ашылған құрылғының желілік мекенжайы.",
            ),
            p(
                "Саясатта ашылмаған ұғымдар Қазақстан Республикасының заңнамасында "
                "айқындалғандай түсініледі."
            ),
        ],
    ),
    (
        "Саясаттың мәні",
        [
            p(
                "ТӨС орталығы пайдаланушы тіркелу және өтінім беру кезінде беретін "
                "дербес деректер мен құпия мәліметтерді жария етпеуге және қорғауға "
                "міндеттенеді."
            ),
            ul(
                "Тіркелу кезінде пайдаланушы мынадай дербес деректерді береді:",
                "тегі, аты және әкесінің аты — өзінің (жеке тұлға) немесе бірінші "
                "басшының (заңды тұлға);",
                "жеке немесе жұмыс электрондық пошта мекенжайы.",
            ),
            ul(
                "Тіркелу кезінде пайдаланушы сондай-ақ мыналарды хабарлайды:",
                "Қазақстан Республикасының резиденті ме, жоқ па;",
                "заңды тұлға — ұйымның атауы мен оның тіркелуі туралы деректер: БСН "
                "және мемлекеттік тіркеу туралы куәлік, бейрезидент — тіркелген елі;",
                "өкіл әрекет етсе — сенімхат.",
            ),
            p(
                "Жеке тұлға ЖСН-ін де, лауазымын да, тұратын елін де көрсетпейді. "
                "Телефон нөмірін пайдаланушы қалауы бойынша көрсетеді: тіркеу немесе "
                "өтінім бойынша онымен электрондық пошта арқылы байланысу мүмкін "
                "болмағанда ғана осы нөмір арқылы хабарласады."
            ),
            ul(
                "Өтініммен бірге пайдаланушы өз ұсынысы туралы мәліметтер мен "
                "материалдарды береді, оның ішінде:",
                "техникалық құжаттаманы, сынақ нәтижелерін және олар туралы пікірлерді;",
                "рұқсат беру құжаттарын, зертханалық сынақ хаттамасын және зияткерлік "
                "меншік объектілеріне қорғау құжаттарын;",
                "қысқаша презентацияны және әкімшілік сұраған басқа материалдарды.",
            ),
            p(
                "Порталда тіркеле отырып, пайдаланушы осы саясатты қабылдайды. Онымен "
                "келіспейтін адам порталды пайдаланбауға тиіс."
            ),
            p("Портал әкімшілігі пайдаланушы мәліметтерінің дұрыстығын тексереді."),
        ],
    ),
    (
        "Пайдаланушы мәліметтері және оларды ашу",
        [
            p(
                "ТӨС орталығы пайдаланушының мәліметтерін, оның ішінде дербес "
                "деректерін жинайды және өңдейді."
            ),
            p(
                "Өтінімдегі мәліметтер топ компанияларына, тартылған сарапшыларға және "
                "ТӨС орталығының қызметкерлеріне өтінімді талдау мен бағалауға қажетті "
                "көлемде ғана берілуі мүмкін."
            ),
            p(
                "Пайдаланушы тіркелуге, өтінім беруге және порталға мәліметтерді, оның "
                "ішінде құпия мәліметтерді жүктеуге құқылы екенін растайды."
            ),
        ],
    ),
    (
        "Мәліметтерді жинау мақсаттары",
        [
            ul(
                "Пайдаланушының мәліметтері мына мақсаттарда пайдаланылады:",
                "кіру кезінде пайдаланушыны тану және оған жеке кабинетін ашу;",
                "өтінімді ресімдеу үшін есептік жазба жасау;",
                "пайдаланушыға жауап беру, өтінім бойынша хабарламалар мен сұрау "
                "салуларды жіберу;",
                "портал жұмысы бойынша сұрақтары туындаса, пайдаланушыға көмектесу.",
            ),
        ],
    ),
    (
        "Мәліметтерді өңдеу",
        [
            p(
                "Деректер заңды тәсілдермен, ақпараттық жүйелерде де, "
                "автоматтандыру құралдарынсыз да өңделеді."
            ),
            p(
                "Үшінші тұлғаларға деректер өтінімді қарау үшін ғана және 4-бөлімде "
                "көрсетілген шекте беріледі."
            ),
            p(
                "Мемлекеттік органдарға деректер Қазақстан Республикасының заңнамасында "
                "белгіленген тәртіппен ғана беріледі."
            ),
            p(
                "Дербес деректер жоғалса немесе жария болса, ТӨС орталығы бұл туралы "
                "белгілі болған күннен бастап үш жұмыс күні ішінде пайдаланушыға "
                "хабарлайды."
            ),
            p(
                "ТӨС орталығы деректерге заңсыз немесе кездейсоқ қол жеткізуден, "
                "оларды өзгертуден, бұғаттаудан, көшіруден, таратудан және жоюдан "
                "қорғайтын ұйымдастырушылық және техникалық шаралар қолданады."
            ),
        ],
    ),
    (
        "Мәліметтер мен зияткерлік меншікті қорғау",
        [
            p(
                "ТӨС орталығы пайдаланушының мәліметтері мен дербес деректерін олар "
                "порталға орналастырылған күннен бастап бес жыл бойы қорғайды."
            ),
            p(
                "ТӨС орталығы пайдаланушының ноу-хауға және зияткерлік қызметінің басқа "
                "да нәтижелеріне құқықтарын бұзбайды."
            ),
            p(
                "Порталға кіру үшін электрондық пошта мекенжайы мен құпиясөз "
                "пайдаланылады. Пайдаланушы олардың сақталуына жауап береді және "
                "оларды басқа адамдарға бермейді."
            ),
            p(
                "Өтінімдердің қағаз түріндегі көшірмелері электрондық көшірмелерімен "
                "бірге ТӨС орталығының мұрағатында сақталады."
            ),
        ],
    ),
    (
        "Тараптардың міндеттері",
        [
            ul(
                "Пайдаланушы:",
                "дұрыс мәліметтер беруге;",
                "осы саясатпен танысуға;",
                "мәліметтері өзгерген кезде оларды жаңартуға міндетті.",
            ),
            ul(
                "Портал әкімшілігі:",
                "пайдаланушының мәліметтерін осы саясаттың мақсаттары үшін ғана "
                "пайдалануға;",
                "оларды құпия сақтауға және 4-бөлімде көрсетілген жағдайлардан басқа "
                "кезде оларды сатпауға, айырбастамауға және жарияламауға;",
                "іскерлік айналымда осындай мәліметтерді қорғау қалай қабылданса, "
                "оларды солай қорғауға;",
                "пайдаланушының өтініші бойынша немесе дұрыс емес деректер анықталғанда "
                "оның деректерін тексеру уақытына бұғаттауға міндетті.",
            ),
        ],
    ),
    (
        "Тараптардың жауапкершілігі",
        [
            p(
                "ТӨС орталығы пайдаланушының дербес деректерін заңсыз пайдаланудан "
                "келген залал үшін Қазақстан Республикасының заңнамасына сәйкес жауап "
                "береді."
            ),
            ul(
                "ТӨС орталығы мәліметтердің жоғалғаны немесе жария болғаны үшін, егер "
                "олар:",
                "бұған дейін жалпыға қолжетімді болса;",
                "пайдаланушыдан бұрын үшінші тараптан алынса;",
                "пайдаланушының келісімімен ашылса, жауап бермейді.",
            ),
        ],
    ),
    (
        "Дауларды шешу",
        [
            p(
                "Дербес деректерді жинауға, өңдеуге және қорғауға қатысты даулар "
                "Қазақстан Республикасының заңдарында белгіленген тәртіппен шешіледі."
            ),
        ],
    ),
    (
        "Саясаттың қолданылу шегі",
        [
            p("Саясат үшінші тұлғалардың сайттарына қолданылмайды."),
            p(
                "ТӨС орталығы пайдаланушыдан сынақ нәтижелері туралы қорытындыны алған "
                "үшінші тұлғалардың әрекеттері және оны пайдаланудың салдары үшін жауап "
                "бермейді."
            ),
        ],
    ),
    (
        "Саясаттың қолданылуы және оны өзгерту",
        [
            p(
                "Саясат оны жаңа редакция алмастырғанға дейін мерзімсіз қолданылады. "
                "Жаңа редакция порталда жарияланады, ал бұрынғы редакцияның бәрі "
                "редакциялар мұрағатында қолжетімді болып қалады."
            ),
            p(
                "Жаңа редакцияның порталда жариялануы пайдаланушыларды хабардар ету "
                "болып табылады. Редакция онда көрсетілген күннен бастап күшіне енеді."
            ),
        ],
    ),
    (
        "Өзге де шарттар",
        [
            p(
                "Портал тек қажетті cookie файлдарын пайдаланады. Оларды өшірсе, "
                "порталдың кіруді талап ететін бөлімдері жұмыс істемейді."
            ),
            p(
                "Портал келушілердің IP-мекенжайлары бойынша статистика жүргізеді және "
                "оны тұлғаны анықтау үшін пайдаланбайды."
            ),
        ],
    ),
]

KK_CONSENT = (
    p(
        "Қазақстан Республикасының «Дербес деректер және оларды қорғау туралы» Заңына "
        "сәйкес мен өз еркіммен және өз мүддемде ТӨС орталығына (010000, Астана қ., "
        "Қабанбай батыр даңғылы, 00) портал арқылы беретін тәжірибелік-өнеркәсіптік сынақтарға "
        "өтінімдерімді бағалау үшін менің дербес деректерімді, оның ішінде мен "
        "уәкілеттік берген адамдардан алынған деректерді жинауға және өңдеуге келісім "
        "беремін:"
    )
    + "<ol><li>тегі, аты және әкесінің аты — менің немесе мен тіркейтін заңды "
    "тұлғаның бірінші басшысының;</li>"
    "<li>жеке немесе жұмыс электрондық пошта мекенжайы;</li>"
    "<li>телефон нөмірі, егер мен оны көрсетсем;</li>"
    "<li>тіркеуді өкіл берсе, өкілдің тегі, аты және әкесінің аты мен сенімхат."
    "</li></ol>"
    + p(
        "Деректер автоматтандыру құралдарын пайдалана отырып, оның ішінде "
        "ақпараттық-телекоммуникациялық желілерде, сондай-ақ оларсыз да өңделуі мүмкін."
    )
    + p(
        "Деректерім өзгерген жағдайда бұл туралы растайтын құжаттарды қоса беріп "
        "хабарлауға міндеттенемін."
    )
    + p(
        "Келісім өңдеу мақсаттарына қол жеткізілгенге дейін қолданылады және оны "
        "жазбаша өтінішпен кез келген уақытта кері қайтарып ала аламын. Кері "
        "қайтарылғаннан кейін ТӨС орталығы менің деректерімді заңда көзделген "
        "жағдайларда ғана өңдейді."
    )
)


def sections(pairs):
    return [{"heading": heading, "clauses": clauses} for heading, clauses in pairs]


EDITION_1 = {
    "ru": {
        "title": "Политика конфиденциальности портала Центра ОПИ",
        "approved_by": "Приказ генерального директора Центра ОПИ",
        "approval_order_number": "224-П",
        "approval_order_date": date(2026, 1, 20),
        "effective_date": date(2026, 2, 1),
        "introduction": p(
            "Как портал Центра ОПИ обращается с персональными данными заявителей и что "
            "заявитель может требовать."
        ),
        "sections": sections(RU_SECTIONS),
        "consent_statement": RU_CONSENT,
        "change_summary": "",
    },
    "en": {
        "title": "Privacy policy of the OPI Center portal",
        "approved_by": "Order of the general director of the OPI Center",
        "approval_order_number": "224-П",
        "approval_order_date": date(2026, 1, 20),
        "effective_date": date(2026, 2, 1),
        "introduction": p(
            "How the OPI Center portal handles applicants' personal data and what an "
            "applicant may ask of it."
        ),
        "sections": sections(EN_SECTIONS),
        "consent_statement": EN_CONSENT,
        "change_summary": "",
    },
    "kk": {
        "title": "ТӨС орталығы порталының құпиялылық саясаты",
        "approved_by": "ТӨС орталығы бас директорының бұйрығы",
        "approval_order_number": "224-П",
        "approval_order_date": date(2026, 1, 20),
        "effective_date": date(2026, 2, 1),
        "introduction": p(
            "ТӨС орталығының порталы өтініш берушілердің дербес деректерімен қалай "
            "жұмыс істейді және өтініш беруші нені талап ете алады."
        ),
        "sections": sections(KK_SECTIONS),
        "consent_statement": KK_CONSENT,
        "change_summary": "",
    },
}

EDITION_2_ORDER_NUMBER = "389-П"
EDITION_2_DATES = {
    "approval_order_date": date(2026, 10, 12),
    "effective_date": date(2026, 11, 1),
}

# Edits that make edition 2, by position in edition 1 (0-based section and clause):
#   ("change", section, clause, texts), ("add", section, before_clause, texts),
#   ("remove", section, clause)
EDITION_2_EDITS = [
    (
        "change",
        5,
        3,
        {
            "ru": p(
                "Если персональные данные будут утрачены или разглашены, Центр ОПИ "
                "сообщит об этом пользователю в течение одного рабочего дня со дня, "
                "когда это стало известно."
            ),
            "en": p(
                "If personal data is lost or disclosed, the OPI Center will inform the "
                "user within one working day of learning of it."
            ),
            "kk": p(
                "Дербес деректер жоғалса немесе жария болса, ТӨС орталығы бұл туралы "
                "белгілі болған күннен бастап бір жұмыс күні ішінде пайдаланушыға "
                "хабарлайды."
            ),
        },
    ),
    (
        "add",
        3,
        2,
        {
            "ru": p(
                "Эксперт видит только заявки, которые ему поручены, и из сведений о "
                "заявителе — только наименование организации; каждое такое поручение "
                "фиксируется."
            ),
            "en": p(
                "An expert sees only the applications assigned to them and, of the "
                "applicant, only the organization's name; every such assignment is "
                "recorded."
            ),
            "kk": p(
                "Сарапшы өзіне тапсырылған өтінімдерді ғана, ал өтініш беруші туралы "
                "мәліметтерден ұйымның атауын ғана көреді; әрбір осындай тапсырма "
                "тіркеледі."
            ),
        },
    ),
    (
        "add",
        6,
        1,
        {
            "ru": p(
                "Персональные данные и файлы заявок хранятся на серверах, расположенных "
                "в Республике Казахстан."
            ),
            "en": p(
                "Personal data and application files are stored on servers located in "
                "the Republic of Kazakhstan."
            ),
            "kk": p(
                "Дербес деректер мен өтінім файлдары Қазақстан Республикасында "
                "орналасқан серверлерде сақталады."
            ),
        },
    ),
    ("remove", 6, 3),
    (
        "change",
        12,
        0,
        {
            "ru": p(
                "Портал использует только необходимые файлы cookie и сообщает об этом "
                "при первом посещении. Если их отключить, разделы портала, требующие "
                "входа, работать не будут."
            ),
            "en": p(
                "The portal uses only strictly necessary cookies and says so on the "
                "first visit. If they are switched off, the parts of the portal that "
                "need a login will not work."
            ),
            "kk": p(
                "Портал тек қажетті cookie файлдарын пайдаланады және бұл туралы "
                "алғашқы кіргенде хабарлайды. Оларды өшірсе, порталдың кіруді талап "
                "ететін бөлімдері жұмыс істемейді."
            ),
        },
    ),
    (
        "change",
        11,
        1,
        {
            "ru": p(
                "О новой редакции пользователи узнают из письма и при входе на портал. "
                "Редакция вступает в силу с даты, указанной в ней."
            ),
            "en": p(
                "Users learn of a new edition by e-mail and when they log in to the "
                "portal. An edition takes effect on the date it states."
            ),
            "kk": p(
                "Пайдаланушылар жаңа редакция туралы хаттан және порталға кірген кезде "
                "біледі. Редакция онда көрсетілген күннен бастап күшіне енеді."
            ),
        },
    ),
]

EDITION_2_CHANGE_SUMMARY = {
    "ru": (
        "Срок уведомления об утрате или разглашении данных сокращён до одного рабочего "
        "дня; добавлены пункты о доступе экспертов и о хранении данных в Казахстане; "
        "исключён пункт о бумажном архиве; уточнены уведомления о новых редакциях и "
        "cookie. Требуется повторное согласие."
    ),
    "en": (
        "The notice of a loss or disclosure of data now comes within one working day; "
        "new clauses on experts' access and on storing data in Kazakhstan; the clause "
        "on the paper archive is removed; notices of new editions and cookies are "
        "clarified. Renewed consent is required."
    ),
    "kk": (
        "Деректердің жоғалғаны немесе жария болғаны туралы хабарлау мерзімі бір жұмыс "
        "күніне дейін қысқартылды; сарапшылардың қолжетімділігі және деректерді "
        "Қазақстанда сақтау туралы тармақтар қосылды; қағаз мұрағат туралы тармақ "
        "алынып тасталды; жаңа редакциялар мен cookie туралы хабарламалар "
        "нақтыланды. Қайта келісім қажет."
    ),
}


def edition_2(language):
    """EDITION_1[language] with EDITION_2_EDITS applied (a new dict; EDITION_1 is
    untouched)."""
    edition = copy.deepcopy(EDITION_1[language])
    for index, section in enumerate(edition["sections"]):
        old = EDITION_1[language]["sections"][index]["clauses"]
        clauses = []
        for position in range(len(old) + 1):
            for kind, section_index, clause_index, *texts in EDITION_2_EDITS:
                if (kind, section_index, clause_index) == ("add", index, position):
                    clauses.append(texts[0][language])
            if position == len(old):
                break
            edits = {
                kind: texts
                for kind, section_index, clause_index, *texts in EDITION_2_EDITS
                if (section_index, clause_index) == (index, position) and kind != "add"
            }
            if "remove" in edits:
                continue
            clauses.append(
                edits["change"][0][language] if "change" in edits else old[position]
            )
        section["clauses"] = clauses
    edition.update(EDITION_2_DATES)
    edition["approval_order_number"] = EDITION_2_ORDER_NUMBER
    edition["change_summary"] = EDITION_2_CHANGE_SUMMARY[language]
    return edition
