// The translation job screen follows its job: every item's outcome and each page's
// progress bar, until the job is finished. Without this script the page reloads itself.
(function () {
  "use strict";
  const root = document.querySelector("[data-job-progress]");
  if (!root || root.dataset.finished === "true") return;
  const url = root.dataset.statusUrl;

  function update(data) {
    const pages = {};
    for (const item of data.items) {
      const row = root.querySelector(`[data-item="${item.id}"]`);
      const page = (pages[item.page] = pages[item.page] || { done: 0, total: 0 });
      page.total += 1;
      if (item.finished) page.done += 1;
      if (!row || row.dataset.status === item.status) continue;
      row.dataset.status = item.status;
      const label = row.querySelector("[data-item-label]");
      label.textContent = item.label;
      label.className = `w-status job-status job-status--${item.status}`;
      row.querySelector("[data-item-message]").textContent = item.message;
    }
    for (const [id, page] of Object.entries(pages)) {
      const group = root.querySelector(`[data-page="${id}"]`);
      if (!group) continue;
      const bar = group.querySelector("[data-page-progress]");
      bar.max = page.total;
      bar.value = page.done;
      group.querySelector("[data-page-count]").textContent = `${page.done} / ${page.total}`;
    }
    for (const [name, value] of Object.entries(data.counts)) {
      const counter = root.querySelector(`[data-count="${name}"]`);
      if (counter) counter.textContent = value;
    }
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        update(data);
        if (data.finished) {
          root.dataset.finished = "true";
          root.querySelector("[data-job-state]").textContent = root.dataset.finishedText;
          const waiting = root.querySelector("[data-job-waiting]");
          if (waiting) waiting.hidden = true;
          return;
        }
      }
    } catch (error) {
      // A failed poll is tried again; the page still says where the job stood.
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 500);
})();
