// Inside the embedded listing: tell the parent page our height, so the page's
// /embed/events.js can make the frame exactly as tall as the listing (no inner scrollbar).
(() => {
  if (window.parent === window) return;
  const frame = document.body.dataset.frame || "";
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "events-embed:height", frame, height }, "*");
  };
  new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener("load", send);
})();
