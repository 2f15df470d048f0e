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
  // Event times: add the reader's own time when their zone differs from the event's, in
  // the page's language and clock ("08:00 in your time zone, Asia/Jakarta"); the sentence
  // comes translated from the page, the hour cycle from the language's time format.
  const body = document.body.dataset;
  const sentence = body.localTimeText || "{time} ({zone})";
  const locale = body.localTimeLocale || document.documentElement.lang || undefined;
  const hourCycle = body.localTimeHourCycle || undefined;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  const isoDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
  for (const node of document.querySelectorAll("time[data-local-time]")) {
    const stamp = node.getAttribute("datetime") || "";
    const when = new Date(stamp);
    const eventOffset = stamp.slice(-6);
    const minutes = -when.getTimezoneOffset();
    const sign = minutes >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const readerOffset = `${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
    if (Number.isNaN(when.getTime()) || readerOffset === eventOffset) continue;
    // The day too, when it is not the event's own day where the reader is.
    const sameDay = isoDay.format(when) === stamp.slice(0, 10);
    const options = { hour: hourCycle === "h12" ? "numeric" : "2-digit", minute: "2-digit", hourCycle };
    if (!sameDay) Object.assign(options, { weekday: "short", day: "numeric", month: "short" });
    const local = new Intl.DateTimeFormat(locale, options).format(when);
    // Written into a line kept free for it, so nothing below moves.
    const slot = (node.closest(".event-when") || node.parentNode).querySelector("[data-local-time-slot]");
    if (!slot) continue;
    // Each value isolated, so "Asia/Jakarta" keeps its order inside an Arabic sentence.
    const values = { "{time}": local, "{zone}": zone.replaceAll("_", " ") };
    slot.replaceChildren();
    for (const part of sentence.split(/(\{time\}|\{zone\})/)) {
      if (!Object.hasOwn(values, part)) { slot.append(part); continue; }
      const value = document.createElement("bdi");
      value.textContent = values[part];
      slot.append(value);
    }
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
