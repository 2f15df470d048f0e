/* Events embed v1. Paste once; every <div data-events-embed data-locale="fr" ...> on the
   page becomes the programme's event listing. No dependencies, no globals. */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const names = ["locale", "partner", "series", "topic", "format", "theme", "accent",
    "layout", "target", "limit", "past"];
  const frames = new Map();
  let count = 0;
  for (const host of document.querySelectorAll("div[data-events-embed]")) {
    if (host.dataset.eventsEmbedReady) continue;
    host.dataset.eventsEmbedReady = "1";
    const id = `events-embed-${++count}`;
    const query = new URLSearchParams();
    for (const name of names) {
      const value = host.dataset[name];
      if (value) query.set(name, value);
    }
    query.set("frame", id);
    const frame = document.createElement("iframe");
    frame.src = `${origin}/embed/events/?${query}`;
    frame.title = host.dataset.title || host.textContent.trim() || "Events";
    frame.loading = "lazy";
    frame.style.cssText = "width:100%;border:0;display:block;height:320px;overflow:hidden";
    frame.setAttribute("scrolling", "no");
    host.replaceChildren(frame);
    frames.set(id, frame);
  }
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.origin !== origin || !data || data.type !== "events-embed:height") return;
    const frame = frames.get(data.frame);
    if (frame && Number.isFinite(data.height)) frame.style.height = `${data.height}px`;
  });
})();
