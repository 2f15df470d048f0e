// Filter boxes above admin choice lists (core/admin_widgets.py): typing hides the choices
// that do not match; without this script the list is a plain select or checkboxes.
(() => {
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/_/g, " ").toLowerCase();

  function setUp(box) {
    if (box.dataset.filterableReady) return;
    box.dataset.filterableReady = "1";
    const filter = box.querySelector("[data-filterable-choices-filter]");
    const none = box.querySelector("[data-filterable-choices-none]");
    const select = box.querySelector("select");
    filter.hidden = false;

    const items = select
      ? () => Array.from(select.options)
      : () => Array.from(box.querySelectorAll("input[type=checkbox]")).map(
          (input) => input.closest("label")?.parentElement || input.parentElement,
        );

    filter.addEventListener("input", () => {
      const words = fold(filter.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const item of items()) {
        const text = fold(item.textContent);
        const match = words.every((word) => text.includes(word));
        item.hidden = !match;
        if (match) shown += 1;
      }
      if (select && select.selectedOptions[0]?.hidden) {
        const first = Array.from(select.options).find((option) => !option.hidden);
        if (first) {
          first.selected = true;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
      none.hidden = shown > 0;
    });
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // filtering never submits the page
    });
  }

  const setUpAll = (root) => root.querySelectorAll("[data-filterable-choices]").forEach(setUp);
  document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  // Rows added to an inline panel ("Add speaker") arrive after the page has loaded.
  new MutationObserver(() => setUpAll(document)).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
