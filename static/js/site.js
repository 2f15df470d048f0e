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
  // Language switcher: close with Escape.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const details of document.querySelectorAll("details.language-switcher[open]")) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  });
})();
