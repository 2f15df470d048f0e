"""What the benchmark's generated pages say, and where their events take place."""

SLUG_PREFIX = "bench-"  # the slugs of the generated pages (manage.py bench_data)

# What the generated pages say, per locale. The first subject is the search term
# `bench_pages` looks for.
TEXT = {
    "en": {
        "subjects": ["Malaria", "Tuberculosis", "Vaccines", "Dengue", "Antimicrobial resistance"],
        "news": "{subject}: research update {n}",
        "event": "{subject}: seminar {n}",
        "partner": "Institute for Global Health {n}",
        "summary": "{subject}: what partners, students and researchers learnt, and what "
        "comes next.",
        "body": "The programme brings universities, medical centres and research institutes "
        "together to study this question where it matters most, to train the next "
        "generation of researchers and to share instruments, data and results openly.",
    },
    "nl": {
        "subjects": ["Malaria", "Tuberculose", "Vaccins", "Dengue", "Antimicrobiële resistentie"],
        "news": "{subject}: onderzoeksnieuws {n}",
        "event": "{subject}: seminar {n}",
        "partner": "Instituut voor Mondiale Gezondheid {n}",
        "summary": "{subject}: wat partners, studenten en onderzoekers leerden, en wat er nu "
        "volgt.",
        "body": "Het programma brengt universiteiten, medische centra en onderzoeksinstituten "
        "samen om deze vraag te bestuderen waar die er het meest toe doet, de volgende "
        "generatie onderzoekers op te leiden en instrumenten, data en resultaten open te "
        "delen.",
    },
    "fr": {
        "subjects": [
            "Paludisme",
            "Tuberculose",
            "Vaccins",
            "Dengue",
            "Résistance aux antimicrobiens",
        ],
        "news": "{subject} : actualité de la recherche {n}",
        "event": "{subject} : séminaire {n}",
        "partner": "Institut de santé mondiale {n}",
        "summary": "{subject} : ce que partenaires, étudiants et chercheurs ont appris, et la "
        "suite.",
        "body": "Le programme réunit universités, centres médicaux et instituts de recherche "
        "pour étudier cette question là où elle compte le plus, former la prochaine "
        "génération de chercheurs et partager ouvertement instruments, données et résultats.",
    },
    "es": {
        "subjects": [
            "Malaria",
            "Tuberculosis",
            "Vacunas",
            "Dengue",
            "Resistencia a los antimicrobianos",
        ],
        "news": "{subject}: novedades de investigación {n}",
        "event": "{subject}: seminario {n}",
        "partner": "Instituto de Salud Global {n}",
        "summary": "{subject}: lo que aprendieron socios, estudiantes e investigadores, y lo "
        "que viene ahora.",
        "body": "El programa reúne a universidades, centros médicos e institutos de "
        "investigación para estudiar esta cuestión donde más importa, formar a la próxima "
        "generación de investigadores y compartir abiertamente instrumentos, datos y "
        "resultados.",
    },
    "pt": {
        "subjects": ["Malária", "Tuberculose", "Vacinas", "Dengue", "Resistência antimicrobiana"],
        "news": "{subject}: notícias de investigação {n}",
        "event": "{subject}: seminário {n}",
        "partner": "Instituto de Saúde Global {n}",
        "summary": "{subject}: o que parceiros, estudantes e investigadores aprenderam, e o que "
        "vem a seguir.",
        "body": "O programa reúne universidades, centros médicos e institutos de investigação "
        "para estudar esta questão onde ela mais importa, formar a próxima geração de "
        "investigadores e partilhar abertamente instrumentos, dados e resultados.",
    },
    "zh-hans": {
        "subjects": ["疟疾", "结核病", "疫苗", "登革热", "抗微生物药物耐药性"],
        "news": "{subject}：研究动态 {n}",
        "event": "{subject}：研讨会 {n}",
        "partner": "全球健康研究所 {n}",
        "summary": "{subject}：合作伙伴、学生和研究人员的收获与下一步计划。",
        "body": "该项目汇聚大学、医学中心和研究机构，在最需要的地方研究这一问题，"
        "培养下一代研究人员，并公开共享仪器、数据和成果。",
    },
    "id": {
        "subjects": [
            "Malaria",
            "Tuberkulosis",
            "Vaksin",
            "Demam berdarah",
            "Resistansi antimikroba",
        ],
        "news": "{subject}: kabar penelitian {n}",
        "event": "{subject}: seminar {n}",
        "partner": "Institut Kesehatan Global {n}",
        "summary": "{subject}: apa yang dipelajari mitra, mahasiswa, dan peneliti, serta "
        "langkah selanjutnya.",
        "body": "Program ini mempertemukan universitas, pusat medis, dan lembaga penelitian "
        "untuk meneliti persoalan ini di tempat yang paling membutuhkan, melatih generasi "
        "peneliti berikutnya, serta berbagi instrumen, data, dan hasil secara terbuka.",
    },
    "ar": {
        "subjects": ["الملاريا", "السل", "اللقاحات", "حمى الضنك", "مقاومة مضادات الميكروبات"],
        "news": "{subject}: مستجدات البحث {n}",
        "event": "{subject}: ندوة {n}",
        "partner": "معهد الصحة العالمية {n}",
        "summary": "{subject}: ما تعلّمه الشركاء والطلاب والباحثون، وما هي الخطوات التالية.",
        "body": "يجمع البرنامج الجامعات والمراكز الطبية ومعاهد البحث لدراسة هذه المسألة حيث "
        "تشتد الحاجة إليها، وتدريب الجيل القادم من الباحثين، وتبادل الأدوات والبيانات "
        "والنتائج بشكل مفتوح.",
    },
}

# Venue, address, city, country, time zone.
VENUES = [
    ("Leiden University Medical Center", "Albinusdreef 2", "Leiden", "NL", "Europe/Amsterdam"),
    (
        "Makerere College of Health Sciences",
        "Upper Mulago Hill Road",
        "Kampala",
        "UG",
        "Africa/Kampala",
    ),
    ("Universitas Indonesia, Salemba", "Jl. Salemba Raya 6", "Jakarta", "ID", "Asia/Jakarta"),
    ("Faculdade de Medicina da USP", "Av. Dr. Arnaldo 455", "São Paulo", "BR", "America/Sao_Paulo"),
    ("Shanghai Medical College", "138 Yixueyuan Road", "Shanghai", "CN", "Asia/Shanghai"),
    (
        "Faculty of Health Sciences",
        "Anzio Road, Observatory",
        "Cape Town",
        "ZA",
        "Africa/Johannesburg",
    ),
    ("University of Ghana Medical School", "Korle Bu", "Accra", "GH", "Africa/Accra"),
    (
        "Universidad Peruana Cayetano Heredia",
        "Av. Honorio Delgado 430",
        "Lima",
        "PE",
        "America/Lima",
    ),
]
PARTNER_PLACES = [(city, country) for _v, _a, city, country, _z in VENUES] + [
    ("Coimbra", "PT"),
    ("Brno", "CZ"),
    ("Trento", "IT"),
    ("Tours", "FR"),
    ("Granada", "ES"),
    ("Kraków", "PL"),
    ("Nairobi", "KE"),
    ("Yogyakarta", "ID"),
]
AUDIENCE_SETS = [["researchers", "phd"], ["students"], ["clinicians", "researchers"], ["public"]]
