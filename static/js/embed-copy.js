// Copy buttons next to embed code: shown only where they work (with JavaScript).
(() => {
  const reveal = () => {
    for (const button of document.querySelectorAll("button[data-copy][hidden]")) {
      button.hidden = false;
    }
  };
  const copy = async (text, source) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      source.focus();
      source.select?.();
      document.execCommand("copy");
    }
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    await copy(source.value ?? source.textContent, source);
    const status = button.parentElement.querySelector("[data-copy-status]");
    if (status) status.textContent = button.dataset.copied;
  });
  document.addEventListener("embed-builder:updated", reveal);
  reveal();
})();
