"""schema.org data for partner institutions (JSON-LD)."""

from core.structured_data import image_url

ACADEMIC = {"university", "medical_centre"}


def partner_json_ld(partner, request):
    data = {
        "@context": "https://schema.org",
        "@type": "CollegeOrUniversity" if partner.kind in ACADEMIC else "Organization",
        "name": partner.title,
        "description": partner.meta_description,
        "url": partner.website or partner.get_full_url(request),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": partner.city or None,
            "addressCountry": partner.country.code or None,
        },
    }
    if partner.website:
        data["sameAs"] = [partner.get_full_url(request)]
    if logo := image_url(request, partner.logo, "max-400x400|format-png"):
        data["logo"] = logo
    return data
