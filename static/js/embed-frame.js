// Inside the embedded listing: tell the parent page our height so the frame never scrolls.
(() => {
  const frame = document.body.dataset.frame;
  if (!frame || window.parent === window) return;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "events-embed:height", frame, height }, "*");
  };
  new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener("load", send);
})();
