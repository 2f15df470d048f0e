"""The demo's registrations for the immunology lecture week: students of partner universities
in Africa, Indonesia and China and from Leiden, each registered for every session, so that
the registrations report has the seeds' figures to show. The people are fictional; their
addresses are at example.org."""

import random
import uuid
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from events.models import EventPage
from registrations.models import Registration

SERIES_SLUG = "introduction-to-cutting-edge-immunology"
# Partner slug: (country, time zone, language of the pages they registered on, students,
# given names, family names).
PARTNER_GROUPS = {
    "makerere-university": (
        "UG",
        "Africa/Kampala",
        "en",
        16,
        ["Amina", "Brian", "Grace", "Joseph", "Esther", "Ivan", "Sarah", "Moses"],
        ["Nakato", "Okello", "Namukasa", "Ssempala", "Achieng", "Mugisha", "Nansubuga"],
    ),
    "university-of-cape-town": (
        "ZA",
        "Africa/Johannesburg",
        "en",
        12,
        ["Thandiwe", "Sipho", "Naledi", "Pieter", "Zanele", "Lerato", "Kagiso"],
        ["Mokoena", "Dlamini", "van der Merwe", "Khumalo", "Ndlovu", "Botha"],
    ),
    "university-of-ghana": (
        "GH",
        "Africa/Accra",
        "en",
        13,
        ["Kwame", "Akosua", "Yaw", "Efua", "Kofi", "Abena", "Kwesi"],
        ["Mensah", "Owusu", "Asante", "Boateng", "Appiah", "Osei"],
    ),
    "universitas-indonesia": (
        "ID",
        "Asia/Jakarta",
        "id",
        15,
        ["Putri", "Budi", "Dewi", "Agus", "Sari", "Rizky", "Ayu"],
        ["Santoso", "Wijaya", "Pratama", "Kusuma", "Hidayat", "Lestari"],
    ),
    "universitas-gadjah-mada": (
        "ID",
        "Asia/Jakarta",
        "id",
        12,
        ["Nur", "Wahyu", "Indah", "Fajar", "Ratna", "Dimas"],
        ["Purnomo", "Setiawan", "Rahmawati", "Nugroho", "Wibowo"],
    ),
    "fudan-university": (
        "CN",
        "Asia/Shanghai",
        "zh-hans",
        15,
        ["Wei", "Xiaoyu", "Jing", "Hao", "Mei", "Yichen", "Lin"],
        ["Zhang", "Wang", "Li", "Chen", "Liu", "Zhao", "Huang"],
    ),
    "lumc": (
        "NL",
        "Europe/Amsterdam",
        "en",
        12,
        ["Sanne", "Daan", "Fleur", "Bram", "Noor", "Jesse"],
        ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder"],
    ),
}
# Colleagues who registered with an institution typed in, not chosen from the partners.
OTHERS = [
    ("Wanjiru Kamau", "University of Nairobi", "KE", "Africa/Nairobi", "researcher"),
    ("Dawit Bekele", "Addis Ababa University", "ET", "Africa/Addis_Ababa", "student"),
    ("Fatou Diallo", "Université Cheikh Anta Diop", "SN", "Africa/Dakar", "researcher"),
    ("Rania Haddad", "American University of Beirut", "LB", "Asia/Beirut", "staff"),
]
ATTENDANCE_RATE = 0.86


def people():
    """Everyone who registered for the week: (name, partner slug or None, institution,
    country, time zone, language, role)."""
    found = []
    for slug, (country, zone, language, count, given, family) in PARTNER_GROUPS.items():
        for n in range(count):
            name = f"{given[n % len(given)]} {family[(n * 3 + n // len(given)) % len(family)]}"
            found.append((name, slug, "", country, zone, language, "student"))
    for name, institution, country, zone, role in OTHERS:
        found.append((name, None, institution, country, zone, "en", role))
    return found


def add_registrations(partners, out=print):
    """Register the demo's participants for every session of the immunology week (once:
    a series that has registrations already is left as it is)."""
    sessions = list(
        EventPage.objects.filter(series__slug=SERIES_SLUG, locale__language_code="en")
        .order_by("start")
        .select_related("locale")
    )
    if not sessions or Registration.objects.filter(event__in=sessions).exists():
        return 0
    translations = {
        (page.translation_key, page.locale.language_code): page
        for page in EventPage.objects.filter(
            translation_key__in=[s.translation_key for s in sessions],
            locale__in=Locale.objects.all(),
        ).select_related("locale")
    }
    chosen = random.Random(95)
    now = timezone.now()
    rows = []
    for index, (name, slug, institution, country, zone, language, role) in enumerate(people()):
        partner = partners.get(slug) if slug else None
        batch = uuid.uuid4()
        email = f"{slugify(name).replace('-', '.')}.{index}@students.example.org"
        registered = sessions[0].start - timedelta(days=20 - index % 15, hours=index % 7)
        # One in twenty never followed the e-mailed link; one in thirty cancelled later.
        status = Registration.Status.CONFIRMED
        if index % 20 == 7:
            status = Registration.Status.AWAITING_CONFIRMATION
        elif index % 30 == 11:
            status = Registration.Status.CANCELLED
        for session in sessions:
            page = translations.get((session.translation_key, language), session)
            past = session.end < now
            rows.append(
                Registration(
                    event=page,
                    name=name,
                    email=email,
                    institution=partner.title if partner else institution,
                    partner=partner,
                    country=country,
                    role=role,
                    time_zone=zone,
                    language=page.locale.language_code,
                    status=status,
                    consent_at=registered,
                    confirmed_at=None
                    if status == Registration.Status.AWAITING_CONFIRMATION
                    else registered + timedelta(minutes=12),
                    cancelled_at=registered + timedelta(days=3)
                    if status == Registration.Status.CANCELLED
                    else None,
                    attended=past
                    and status == Registration.Status.CONFIRMED
                    and chosen.random() < ATTENDANCE_RATE,
                    batch=batch,
                )
            )
    Registration.objects.bulk_create(rows)
    # `created` is set on insert; the demo backdates it to the moment they registered.
    for row in rows:
        row.created = row.consent_at
    Registration.objects.bulk_update(rows, ["created"], batch_size=500)
    out(f"Registrations for the immunology week: {len(rows)} ({len(people())} people)")
    return len(rows)
