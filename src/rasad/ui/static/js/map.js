// The offline map: country outlines from world-atlas (bundled TopoJSON) projected with d3-geo, the corpus's
// places (entities with coordinates, sized by document count) and located events on top. No tiles, no network.
"use strict";

(function () {
  const R = window.Rasad;
  R.pages = R.pages || {};
  let worldPromise = null;

  function world() {
    worldPromise = worldPromise || fetch("/static/vendor/countries-110m.json").then((r) => {
      if (!r.ok) throw new Error("world outline missing");
      return r.json();
    });
    return worldPromise;
  }

  const EVENT_COLORS = {
    ASSAULT: "#c0392b", COERCE: "#d35400", THREATEN: "#e67e22", PROTEST: "#f39c12", SANCTION: "#8e44ad",
    MOBILIZE: "#9b59b6", ACCUSE: "#e74c3c", REJECT: "#a04000", CONSULT: "#2980b9", AGREE: "#27ae60",
    COOPERATE: "#16a085", SUPPORT: "#2ecc71", AID: "#1abc9c", CONCEDE: "#5d6d7e", RETREAT: "#7f8c8d", REQUEST: "#3498db",
  };

  R.pages.map = async function (view, params) {
    const type = params.get("type") || "";
    const select = R.el("select", { "aria-label": "event type", onchange: (e) => { window.location.hash = R.href("map", { type: e.target.value }); } },
      R.el("option", { value: "" }, "all event types"), R.PLOVER.map((t) => R.el("option", { value: t }, t)));
    select.value = type;
    const holder = R.el("div", { class: "map-holder" });
    const legend = R.el("p", { class: "legend" }, R.el("span", { class: "dot place" }, ""), " place (size: documents)  ",
      R.el("span", { class: "dot event" }, ""), " event at a place");
    const timeline = R.el("div", { class: "timeline" });
    view.replaceChildren(R.el("div", { class: "filters" }, select), legend, holder, R.el("h3", {}, "Documents and events over time"), timeline);
    const [topo, data, tl] = await Promise.all([world(), R.api("/api/map", { type }), R.api("/api/timeline", { type })]);
    holder.appendChild(draw(topo, data));
    timeline.replaceChildren(
      R.barChart(tl.documents.map((p) => ({ label: p.date, value: p.count })), { title: "documents per day", height: 80 }),
      R.barChart(tl.events.map((p) => ({ label: p.date, value: p.count })), { title: "events per day", height: 80, color: "#b5542b" }));
  };

  function draw(topo, data) {
    const width = 960, height = 500;
    const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    const path = d3.geoPath(projection);
    const root = R.svg("svg", { id: "map", class: "map", viewBox: `0 0 ${width} ${height}`, role: "img" });
    root.appendChild(R.svg("title", {}, "Map of places and events"));
    root.appendChild(R.svg("path", { d: path({ type: "Sphere" }), class: "sphere" }));
    root.appendChild(R.svg("path", { d: path(d3.geoGraticule10()), class: "graticule" }));
    const countries = topojson.feature(topo, topo.objects.countries);
    const land = R.svg("g", { class: "countries" });
    for (const f of countries.features) {
      const d = path(f);
      if (!d) continue;
      const node = R.svg("path", { d, class: "country" });
      node.appendChild(R.svg("title", {}, (f.properties && f.properties.name) || ""));
      land.appendChild(node);
    }
    root.appendChild(land);

    const maxDocs = Math.max(1, ...data.places.map((p) => p.documents || 1));
    const places = R.svg("g", { class: "places" });
    for (const p of data.places) {
      const xy = projection([p.geo.lon, p.geo.lat]);
      if (!xy) continue;
      const r = 3 + 12 * Math.sqrt((p.documents || 1) / maxDocs);
      const dot = R.svg("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1), class: "place" });
      R.attachTip(dot, [R.nameOf(p), p.name_ar, p.label, `${p.documents} document(s)`]);
      dot.addEventListener("click", () => { window.location.hash = R.href("entity", { id: p.id }); });
      places.appendChild(dot);
    }
    root.appendChild(places);

    // Several events at one place would hide each other: spread them on a small ring around the place.
    const seen = new Map();
    const events = R.svg("g", { class: "events" });
    for (const ev of data.events) {
      const xy = projection([ev.lon, ev.lat]);
      if (!xy) continue;
      const k = seen.get(ev.place) || 0;
      seen.set(ev.place, k + 1);
      const angle = k * 2.4, radius = k ? 4 + Math.sqrt(k) * 3 : 0;
      const dot = R.svg("circle", {
        cx: (xy[0] + radius * Math.cos(angle)).toFixed(1), cy: (xy[1] + radius * Math.sin(angle)).toFixed(1), r: 3.5,
        class: "event", fill: EVENT_COLORS[ev.type] || "#333",
      });
      R.attachTip(dot, [ev.type + " at " + (ev.name_en || ev.location), ev.day, ev.title]);
      dot.addEventListener("click", () => { window.location.hash = R.href("doc", { id: ev.document }); });
      events.appendChild(dot);
    }
    root.appendChild(events);
    return root;
  }
})();
