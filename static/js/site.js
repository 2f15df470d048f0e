// Small enhancements; every page works without them.
(() => {
  // Videos: load the player only when the reader asks for it.
  for (const figure of document.querySelectorAll("[data-video-embed]")) {
    const button = figure.querySelector(".block-video__load");
    const src = figure.dataset.videoEmbed;
    if (!button || !src) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.title = figure.dataset.videoTitle || "";
      frame.allow = "fullscreen; picture-in-picture";
      frame.loading = "lazy";
      figure.querySelector(".block-video__link").replaceWith(frame);
      button.remove();
      frame.focus();
    });
  }
  // Event times: add the reader's own time (on cards when their zone differs from the event's), in
  // the page's language and clock, naming the zone in that language ("08:00 in your time
  // zone, Western Indonesia Time"; the zone's identifier, Asia/Jakarta, in its title). On
  // cards the shorter sentence ("08:00 your time") fits the line kept for it. The sentences
  // come translated from the page, the hour cycle from the language's time format.
  const body = document.body.dataset;
  const sentence = body.localTimeText || "{time} ({zone})";
  const shortSentence = body.localTimeShortText || sentence;
  const locale = body.localTimeLocale || document.documentElement.lang || undefined;
  const hourCycle = body.localTimeHourCycle || undefined;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  const zoneName = (() => {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZoneName: "longGeneric" }).formatToParts(new Date());
      const part = parts.find((p) => p.type === "timeZoneName");
      // "GMT+7" says less than the zone's own identifier.
      if (part && !/^(GMT|UTC)/.test(part.value)) return part.value;
    } catch (error) { /* a browser without generic zone names */ }
    return zone.replaceAll("_", " ");
  })();
  const isoDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
  for (const node of document.querySelectorAll("time[data-local-time]")) {
    const stamp = node.getAttribute("datetime") || "";
    const when = new Date(stamp);
    const eventOffset = stamp.slice(-6);
    const minutes = -when.getTimezoneOffset();
    const sign = minutes >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const readerOffset = `${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
    if (Number.isNaN(when.getTime())) continue;
    // A reader in the event's own zone: the facts box says so in the lines kept for it (left
    // empty they read as a gap); a card's line stays free.
    if (readerOffset === eventOffset && node.closest(".card")) continue;
    // The day too, when it is not the event's own day where the reader is.
    const sameDay = isoDay.format(when) === stamp.slice(0, 10);
    const options = { hour: hourCycle === "h12" ? "numeric" : "2-digit", minute: "2-digit", hourCycle };
    if (!sameDay) Object.assign(options, { weekday: "short", day: "numeric", month: "short" });
    const local = new Intl.DateTimeFormat(locale, options).format(when);
    // Written into a line kept free for it, so nothing below moves.
    const slot = (node.closest(".event-when") || node.parentNode).querySelector("[data-local-time-slot]");
    if (!slot) continue;
    // Each value isolated, so a Latin zone name keeps its order inside an Arabic sentence.
    const values = { "{time}": local, "{zone}": zoneName };
    const fill = (text) => {
      slot.replaceChildren();
      for (const part of text.split(/(\{time\}|\{zone\})/)) {
        if (!Object.hasOwn(values, part)) { slot.append(part); continue; }
        const value = document.createElement("bdi");
        value.textContent = values[part];
        slot.append(value);
      }
    };
    // The long sentence where it fits the lines kept for it; else the short one, the zone
    // in its title (measured before the page is painted again: nothing moves).
    let short = Boolean(slot.closest(".card"));
    if (!short) {
      fill(sentence);
      const room = parseFloat(getComputedStyle(slot).minBlockSize) || 0;
      short = slot.getBoundingClientRect().height > room + 1;
    }
    if (short) fill(shortSentence);
    slot.title = short ? `${slot.textContent} (${zoneName})` : zone;
  }
  // Language switcher: remember an explicit choice for the next visit to "/".
  for (const link of document.querySelectorAll("[data-language-choice]")) {
    link.addEventListener("click", () => {
      const secure = location.protocol === "https:" ? "; Secure" : "";
      document.cookie = `django_language=${link.dataset.languageChoice}; path=/; max-age=31536000; SameSite=Lax${secure}`;
    });
  }
  // Header panels (search, language, menu) are <details>: they open and close without
  // this script. With it, Escape closes the open one and gives the focus back to its
  // button, and a click elsewhere on the page closes it.
  const panels = document.querySelectorAll("details.header-panel");
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const details of panels) {
      if (!details.open) continue;
      details.open = false;
      details.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    for (const details of panels) {
      if (details.open && !details.contains(event.target)) details.open = false;
    }
  });
  // Opening the search panel puts the cursor in its field.
  for (const details of panels) {
    const field = details.querySelector("input[type=search]");
    if (!field) continue;
    details.addEventListener("toggle", () => details.open && field.focus());
  }
})();
