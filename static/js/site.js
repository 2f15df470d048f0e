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
  // Event times: add the reader's own time when their zone differs from the event's.
  const label = document.body.dataset.localTimeLabel || "";
  const lang = document.documentElement.lang || undefined;
  for (const node of document.querySelectorAll("time[data-local-time]")) {
    const when = new Date(node.getAttribute("datetime"));
    const eventOffset = node.getAttribute("datetime").slice(-6);
    const minutes = -when.getTimezoneOffset();
    const sign = minutes >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const readerOffset = `${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
    if (Number.isNaN(when.getTime()) || readerOffset === eventOffset) continue;
    const local = new Intl.DateTimeFormat(lang, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    }).format(when);
    // Written into a line kept free for it, so nothing below moves.
    const slot = (node.closest(".event-when") || node.parentNode).querySelector("[data-local-time-slot]");
    if (slot) slot.textContent = `${label}: ${local}`;
  }
  // Language switcher: remember an explicit choice for the next visit to "/".
  for (const link of document.querySelectorAll("[data-language-choice]")) {
    link.addEventListener("click", () => {
      const secure = location.protocol === "https:" ? "; Secure" : "";
      document.cookie = `django_language=${link.dataset.languageChoice}; path=/; max-age=31536000; SameSite=Lax${secure}`;
    });
  }
  // Language switcher: close with Escape.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const details of document.querySelectorAll("details.language-switcher[open]")) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  });
})();
