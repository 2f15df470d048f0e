// The registration form's time zone: the reader's own, as their browser names it.
{
    const select = document.querySelector("select[data-browser-zone]");
    const zone = select && Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
        if (![...select.options].some((option) => option.value === zone)) {
            select.add(new Option(zone.replaceAll("_", " "), zone), 0);
        }
        select.value = zone;
    }
}
