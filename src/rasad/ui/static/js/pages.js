// Search, entity list, entity profile and events pages.
"use strict";

(function () {
  const R = window.Rasad;
  R.pages = R.pages || {};

  function form(fields, values, onSubmit) {
    const inputs = {};
    const node = R.el("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); onSubmit(read()); } });
    for (const f of fields) {
      let input;
      if (f.options) {
        input = R.el("select", { name: f.name, "aria-label": f.label }, R.el("option", { value: "" }, f.label),
          f.options.map((o) => R.el("option", { value: o }, o)));
      } else {
        input = R.el("input", { name: f.name, type: f.type || "text", placeholder: f.label, "aria-label": f.label,
          dir: f.dir || null, class: f.wide ? "wide" : null });
      }
      input.value = values.get(f.name) || "";
      inputs[f.name] = input;
      node.appendChild(input);
    }
    node.appendChild(R.el("button", { type: "submit" }, "Go"));
    function read() {
      const out = {};
      for (const [k, input] of Object.entries(inputs)) out[k] = input.value.trim();
      return out;
    }
    return node;
  }

  R.pages.search = async function (view, params) {
    const fields = [
      { name: "q", label: "بحث — search Arabic text", dir: "auto", wide: true },
      { name: "since", label: "since", type: "date" },
      { name: "until", label: "until", type: "date" },
      { name: "source", label: "source" },
      { name: "event_type", label: "event type", options: R.PLOVER },
    ];
    const results = R.el("div", { class: "results", id: "results" });
    view.replaceChildren(form(fields, params, (v) => { window.location.hash = R.href("search", v); }), results);
    const query = Object.fromEntries(["q", "since", "until", "source", "entity", "event_type", "offset"].map((k) => [k, params.get(k)]));
    const data = await R.api("/api/search", Object.assign({ limit: 20 }, query));
    const offset = Number(params.get("offset") || 0);
    results.replaceChildren(
      R.el("p", { class: "count" }, `${data.total} document(s)` + (data.total > 20 ? ` — showing ${offset + 1}–${Math.min(offset + 20, data.total)}` : "")),
      R.el("ol", { class: "hits" }, data.results.map((r) => R.el("li", { class: "hit" },
        R.el("div", { class: "hit-title", lang: "ar", dir: "rtl" }, R.docLink(r.id, r.title || r.id)),
        R.el("div", { class: "hit-meta" }, R.parts([r.source, r.published]),
          r.events ? ` · ${r.events} event(s)` : "",
          r.story_size > 1 ? R.el("span", { class: "badge" }, ` story: ${r.story_size} copies`) : null),
        R.el("div", { class: "snippet", lang: "ar", dir: "rtl" }, r.snippet_start > 0 ? "… " : "", R.highlighted(r.snippet, r.highlights), " …")))),
      pager(data.total, offset, (o) => R.href("search", Object.assign({}, query, { offset: o }))));
  };

  function pager(total, offset, link) {
    const nav = R.el("div", { class: "pager" });
    if (offset > 0) nav.appendChild(R.el("a", { href: link(Math.max(0, offset - 20)) }, "← previous"));
    if (offset + 20 < total) nav.appendChild(R.el("a", { href: link(offset + 20) }, "next →"));
    return nav;
  }

  R.pages.entities = async function (view, params) {
    const fields = [{ name: "q", label: "name (Arabic or English)", dir: "auto", wide: true }, { name: "label", label: "type", options: R.LABELS }];
    const list = R.el("div", { class: "results" });
    view.replaceChildren(form(fields, params, (v) => { window.location.hash = R.href("entities", v); }), list);
    const data = await R.api("/api/entities", { q: params.get("q"), label: params.get("label"), limit: 100 });
    list.replaceChildren(R.el("p", { class: "count" }, `${data.total} entities`),
      R.el("table", { class: "grid" }, R.el("thead", {}, R.el("tr", {}, ["Entity", "Arabic", "Type", "Wikidata", "Documents", "Mentions"].map((h) => R.el("th", {}, h)))),
        R.el("tbody", {}, data.results.map((e) => R.el("tr", {},
          R.el("td", {}, R.entityLink(e.id, R.nameOf(e))), R.el("td", { lang: "ar", dir: "rtl" }, e.name_ar || ""),
          R.el("td", {}, e.label || ""), R.el("td", {}, e.wikidata || ""), R.el("td", { class: "num" }, e.documents), R.el("td", { class: "num" }, e.mentions))))));
  };

  R.pages.entity = async function (view, params) {
    const e = await R.api("/api/entities/" + encodeURIComponent(params.get("id")));
    const geo = e.geo ? ` · ${e.geo.lat.toFixed(3)}, ${e.geo.lon.toFixed(3)}` : "";
    const points = (e.timeline || []).map((p) => ({ label: p.period, value: p.mentions }));
    view.replaceChildren(R.el("div", { class: "entity-page" },
      R.el("h2", {}, R.nameOf(e), " ", R.el("span", { lang: "ar", dir: "rtl", class: "ar" }, e.name_ar || "")),
      R.el("p", { class: "meta" }, [e.label, e.wikidata ? "Wikidata " + e.wikidata : "id " + e.id].join(" · ") + geo,
        ` · ${e.documents} document(s), ${e.mentions} mention(s)`),
      R.el("h3", {}, "Mentions over time"), R.barChart(points, { title: "mentions per period" }),
      R.el("div", { class: "columns" },
        R.el("section", {}, R.el("h3", {}, "Written as"),
          R.el("ul", {}, (e.surface_forms || []).map((s) => R.el("li", {}, R.el("span", { lang: "ar", dir: "rtl", class: "ar" }, s.text), ` ×${s.count}`)))),
        R.el("section", {}, R.el("h3", {}, "Appears with"),
          R.el("ul", { class: "cooc" }, (e.cooccurring || []).map((c) => R.el("li", {}, R.entityLink(c.id, R.nameOf(c)), ` (${c.shared_documents})`))))),
      R.el("h3", {}, "Events"), eventsTable(e.events || []),
      R.el("h3", {}, "Documents"),
      R.el("ul", { class: "docs" }, (e.documents_list || []).map((d) => R.el("li", {},
        R.el("span", { lang: "ar", dir: "rtl" }, R.docLink(d.id, d.title || d.id)), R.el("span", { class: "muted" }, " ", R.parts([d.published, d.source]), ` ×${d.mentions}`))))));
  };

  function arg(x) {
    if (!x) return "";
    return x.entity ? R.entityLink(x.entity, x.name_en || x.text) : R.el("span", { lang: "ar", dir: "rtl" }, x.text);
  }
  function args(list) {
    const out = [];
    (list || []).forEach((x, i) => { if (i) out.push(", "); out.push(arg(x)); });
    return out;
  }

  function eventsTable(events) {
    if (!events.length) return R.el("p", { class: "muted" }, "No events.");
    return R.el("table", { class: "grid events-table" },
      R.el("thead", {}, R.el("tr", {}, ["Date", "Type", "Who", "To whom", "Where", "According to", "Trigger", "Document"].map((h) => R.el("th", {}, h)))),
      R.el("tbody", {}, events.map((ev) => R.el("tr", {},
        R.el("td", {}, ev.date || ev.day || ""), R.el("td", {}, ev.type + (ev.mode ? " / " + ev.mode : "")),
        R.el("td", {}, args(ev.actors)), R.el("td", {}, args(ev.recipients)), R.el("td", {}, arg(ev.location)),
        R.el("td", {}, ev.source ? arg({ entity: ev.source.entity, name_en: ev.source.name_en, text: ev.source.text }) : ""),
        R.el("td", { lang: "ar", dir: "rtl" }, (ev.trigger && ev.trigger.text) || ""),
        R.el("td", {}, ev.document ? R.docLink(ev.document.id, ev.document.title || ev.document.id) : "")))));
  }

  R.pages.events = async function (view, params) {
    const fields = [
      { name: "type", label: "event type", options: R.PLOVER }, { name: "actor", label: "actor (entity id or text)", dir: "auto" },
      { name: "since", label: "since", type: "date" }, { name: "until", label: "until", type: "date" },
    ];
    const chart = R.el("div", { class: "timeline" });
    const table = R.el("div", { class: "results" });
    view.replaceChildren(form(fields, params, (v) => { window.location.hash = R.href("events", v); }), R.el("h3", {}, "Events per day"), chart, table);
    const query = { type: params.get("type"), actor: params.get("actor"), since: params.get("since"), until: params.get("until") };
    const [data, tl] = await Promise.all([R.api("/api/events", Object.assign({ limit: 200 }, query)), R.api("/api/timeline", { type: query.type })]);
    chart.replaceChildren(R.barChart(tl.events.map((p) => ({ label: p.date, value: p.count })), { color: "#b5542b", title: "events per day" }));
    table.replaceChildren(R.el("p", { class: "count" }, `${data.total} event(s)`), eventsTable(data.results));
  };
})();
