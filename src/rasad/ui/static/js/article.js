// The article view: Arabic text right-to-left with mentions, dates, event triggers and claims highlighted,
// and an English panel ("who did what to whom, when, where, according to whom") for readers without Arabic.
"use strict";

(function () {
  const R = window.Rasad;

  // Every annotation as {start, end, kind, lines, entity}; offsets are code points into the document text.
  function annotations(a) {
    const entities = new Map((a.entities || []).map((e) => [e.id, e]));
    const out = [];
    for (const m of a.mentions || []) {
      const e = entities.get(m.entity);
      out.push({
        start: m.start, end: m.end, kind: "mention label-" + m.label, entity: m.entity,
        lines: [
          e ? R.nameOf(e) : m.text,
          m.label + (m.kind && m.kind !== "name" ? " (" + m.kind + ")" : ""),
          e && e.wikidata ? "Wikidata " + e.wikidata : m.entity ? "id " + m.entity : "not linked",
          e && e.geo ? `${e.geo.lat.toFixed(2)}, ${e.geo.lon.toFixed(2)}` : null,
        ],
      });
    }
    for (const t of a.timexes || []) {
      out.push({ start: t.start, end: t.end, kind: "timex", lines: [t.type, t.value ? "= " + t.value : "no value"] });
    }
    for (const ev of a.events || []) {
      const tr = ev.trigger || {};
      out.push({
        start: tr.start, end: tr.end, kind: "trigger",
        lines: ["event " + ev.type + (ev.mode ? " / " + ev.mode : ""), ev.cameo ? "CAMEO " + ev.cameo : null,
          ev.modality && ev.modality !== "asserted" ? ev.modality : null, ev.date ? "date " + ev.date : null],
      });
    }
    for (const c of a.claims || []) {
      const src = c.source || {};
      const who = entities.get(src.entity);
      const label = "claim (" + c.kind + ") by " + (who ? R.nameOf(who) : src.text || "?");
      if (c.content) out.push({ start: c.content.start, end: c.content.end, kind: "claim-content", lines: [label] });
      if (c.cue) out.push({ start: c.cue.start, end: c.cue.end, kind: "claim-cue", lines: [label, "cue"] });
    }
    return out.filter((x) => Number.isInteger(x.start) && Number.isInteger(x.end) && x.end > x.start);
  }

  // Cut the text at every annotation boundary; each piece carries the annotations covering it.
  function renderText(text, notes) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    for (const n of notes) {
      cuts.add(Math.max(0, Math.min(chars.length, n.start)));
      cuts.add(Math.max(0, Math.min(chars.length, n.end)));
    }
    const points = [...cuts].sort((x, y) => x - y);
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [s, e] = [points[i], points[i + 1]];
      const piece = chars.slice(s, e).join("");
      const covering = notes.filter((n) => n.start <= s && n.end >= e);
      if (!covering.length) {
        nodes.push(document.createTextNode(piece));
        continue;
      }
      const span = R.el("span", { class: "ann " + covering.map((n) => n.kind).join(" ") }, piece);
      // The tooltip describes the innermost annotations first (a mention inside a claim shows the mention).
      covering.sort((x, y) => x.end - x.start - (y.end - y.start));
      R.attachTip(span, covering.flatMap((n) => n.lines));
      const linked = covering.find((n) => n.entity);
      if (linked) {
        span.classList.add("linked");
        span.addEventListener("click", () => { window.location.hash = R.href("entity", { id: linked.entity }); });
      }
      nodes.push(span);
    }
    return nodes;
  }

  function argText(arg, entities) {
    if (!arg) return null;
    const e = entities.get(arg.entity);
    return e ? R.entityLink(e.id, R.nameOf(e)) : R.el("span", { lang: "ar", dir: "rtl", class: "ar" }, arg.text);
  }

  function joinNodes(nodes) {
    const out = [];
    nodes.filter(Boolean).forEach((n, i) => { if (i) out.push(", "); out.push(n); });
    return out.length ? out : ["—"];
  }

  function englishPanel(a) {
    const entities = new Map((a.entities || []).map((e) => [e.id, e]));
    const claims = new Map((a.claims || []).map((c) => [c.id, c]));
    const counts = new Map();
    for (const m of a.mentions || []) if (m.entity) counts.set(m.entity, (counts.get(m.entity) || 0) + 1);

    const eventRows = (a.events || []).map((ev) => {
      const claim = claims.get(ev.claim);
      const src = claim ? claim.source || {} : null;
      return R.el("li", { class: "event-line" },
        R.el("strong", {}, joinNodes((ev.actors || []).map((x) => argText(x, entities)))), " ",
        R.el("span", { class: "etype" }, ev.type + (ev.mode ? " (" + ev.mode + ")" : "")), " ",
        joinNodes((ev.recipients || []).map((x) => argText(x, entities))),
        ev.date ? R.el("span", { class: "when" }, " · when: " + ev.date) : null,
        ev.location ? R.el("span", { class: "where" }, " · where: ", argText(ev.location, entities)) : null,
        src ? R.el("span", { class: "who-says" }, " · according to: ", argText(src, entities)) : null,
        ev.modality && ev.modality !== "asserted" ? R.el("span", { class: "modality" }, " · " + ev.modality) : null);
    });
    const entityRows = (a.entities || []).map((e) => R.el("li", {},
      R.entityLink(e.id, R.nameOf(e)), " ", R.el("span", { class: "label" }, e.label),
      e.wikidata ? R.el("span", { class: "muted" }, " " + e.wikidata) : null,
      R.el("span", { class: "muted" }, " ×" + (counts.get(e.id) || 0) + " "),
      R.el("bdi", { lang: "ar", class: "ar muted" }, e.name_ar || "")));
    const dateRows = (a.timexes || []).map((t) => R.el("li", {},
      R.el("span", { lang: "ar", dir: "rtl", class: "ar" }, t.text), " → ", t.value || "?", " ", R.el("span", { class: "label" }, t.type)));
    const claimRows = (a.claims || []).map((c) => R.el("li", {},
      argText(c.source, entities) || "?", " ", R.el("span", { class: "label" }, c.kind), ": ",
      R.el("span", { lang: "ar", dir: "rtl", class: "ar" }, (c.content && c.content.text) || "")));
    return R.el("aside", { class: "panel", lang: "en" },
      R.el("h3", {}, "Events (who did what to whom)"),
      eventRows.length ? R.el("ul", { class: "events" }, eventRows) : R.el("p", { class: "muted" }, "No events found."),
      R.el("h3", {}, "Entities"),
      entityRows.length ? R.el("ul", { class: "entities" }, entityRows) : R.el("p", { class: "muted" }, "No entities."),
      R.el("h3", {}, "Dates"), dateRows.length ? R.el("ul", {}, dateRows) : R.el("p", { class: "muted" }, "None."),
      R.el("h3", {}, "Claims"), claimRows.length ? R.el("ul", {}, claimRows) : R.el("p", { class: "muted" }, "None."));
  }

  R.pages = R.pages || {};
  R.pages.doc = async function (view, params) {
    const a = await R.api("/api/document", { id: params.get("id") });
    const doc = a.document;
    const meta = R.el("p", { class: "meta" }, R.parts([doc.source, doc.published]),
      doc.url && /^https?:\/\//.test(doc.url) ? [" · ", R.el("a", { href: doc.url, rel: "noopener noreferrer" }, "original")] : null);
    const copies = (a.story && a.story.copies) || [];
    const story = copies.length
      ? R.el("p", { class: "story" }, `Same story in ${copies.length} other document(s): `,
          joinNodes(copies.map((c) => R.docLink(c.id, (c.source || "") + " " + (c.title || c.id)))))
      : null;
    const legend = R.el("p", { class: "legend" },
      R.el("span", { class: "ann mention label-PER" }, "person"), " ",
      R.el("span", { class: "ann mention label-GPE" }, "place"), " ",
      R.el("span", { class: "ann mention label-ORG" }, "organisation"), " ",
      R.el("span", { class: "ann timex" }, "date"), " ",
      R.el("span", { class: "ann trigger" }, "event"), " ",
      R.el("span", { class: "ann claim-content" }, "reported claim"));
    const article = R.el("article", { class: "article", lang: "ar", dir: "rtl" },
      R.el("h2", { class: "title" }, doc.title || ""),
      R.el("div", { class: "text", id: "article-text" }, renderText(doc.text, annotations(a))));
    view.replaceChildren(R.el("div", { class: "doc-page" },
      R.el("div", { class: "doc-main" }, meta, story, legend, article), englishPanel(a)));
  };
})();
