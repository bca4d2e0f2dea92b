// The router: #/<page>?<params>. Each page renders into #view; errors are shown, never thrown away.
"use strict";

(function () {
  const R = window.Rasad;
  const view = document.getElementById("view");
  const ROUTES = { "": "search", search: "search", doc: "doc", entity: "entity", entities: "entities", events: "events", map: "map" };

  async function route() {
    const hash = window.location.hash.replace(/^#\/?/, "");
    const [name, qs] = hash.split(/\?(.*)/s, 2);
    const page = ROUTES[name] || "search";
    const params = new URLSearchParams(qs || "");
    R.tooltip.hide();
    document.querySelectorAll("nav a[data-nav]").forEach((a) => a.classList.toggle("active", a.dataset.nav === page));
    view.setAttribute("data-page", page);
    view.removeAttribute("data-ready"); // set again once this page has rendered (tests wait on it)
    view.replaceChildren(R.el("p", { class: "muted loading" }, "Loading…"));
    try {
      await R.pages[page](view, params);
      view.setAttribute("data-ready", page);
    } catch (error) {
      R.showError(view, error);
      view.setAttribute("data-ready", "error");
    }
  }

  async function stats() {
    try {
      const s = await R.api("/api/stats");
      document.getElementById("stats").textContent =
        `${s.documents} documents · ${s.entities} entities · ${s.events} events · ${s.claims} claims`;
    } catch (e) { /* the header line is optional */ }
  }

  window.addEventListener("hashchange", route);
  stats();
  route();
})();
