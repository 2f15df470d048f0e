/* Events embed v1. Paste once; every <div data-events-embed data-locale="fr" ...> on the
   page becomes the programme's event listing, and every pasted <iframe> of the listing
   takes the height of its content. No dependencies, no globals. */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const listing = `${origin}/embed/events/`;
  const names = ["locale", "partner", "series", "topic", "format", "theme", "accent",
    "layout", "target", "limit", "past"];
  let count = document.querySelectorAll("iframe[data-events-embed-frame]").length;
  const mount = () => { for (const host of document.querySelectorAll("div[data-events-embed]")) {
    if (host.dataset.eventsEmbedReady) continue;
    host.dataset.eventsEmbedReady = "1";
    const query = new URLSearchParams();
    for (const name of names) {
      const value = host.dataset[name];
      if (value) query.set(name, value);
    }
    query.set("frame", `events-embed-${++count}`);
    const frame = document.createElement("iframe");
    frame.src = `${listing}?${query}`;
    frame.title = host.dataset.title || host.textContent.trim() || "Events";
    frame.loading = "lazy";
    frame.dataset.eventsEmbedFrame = "";
    frame.style.cssText = "width:100%;border:0;display:block;height:320px;overflow:hidden";
    frame.setAttribute("scrolling", "no");
    host.replaceChildren(frame);
  } };
  mount();
  // An async script may run before the page has all arrived: mount what came after it too.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.origin !== origin || !data || data.type !== "events-embed:height") return;
    if (!Number.isFinite(data.height) || data.height <= 0) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow === event.source && frame.src.startsWith(listing)) {
        frame.style.height = `${data.height}px`;
      }
    }
  });
})();
