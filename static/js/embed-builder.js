// The embed-code builder updates its preview and code whenever a field changes (the
// "Update preview" button does the same without JavaScript), keeping focus in the form.
(() => {
  const form = document.querySelector("form[data-embed-builder]");
  if (!form) return;
  let pending;
  const update = async () => {
    if (!form.checkValidity()) return;
    const query = new URLSearchParams(new FormData(form)).toString();
    const response = await fetch(`?${query}`, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("embed-output");
    if (!fresh) return;
    document.getElementById("embed-output")?.replaceWith(fresh);
    document.dispatchEvent(new Event("embed-builder:updated"));
    history.replaceState(null, "", `?${query}`);
  };
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(update, 300);
  };
  form.addEventListener("change", soon);
  form.addEventListener("input", soon);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
})();
