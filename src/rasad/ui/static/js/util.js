// Shared helpers. All DOM is built with createElement/textContent: data never goes through innerHTML.
"use strict";

const R = (window.Rasad = window.Rasad || {});

// el("a", {href: "#/x", class: "c"}, "text", childNode, [more]) — strings become text nodes.
R.el = function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  R.append(node, children);
  return node;
};

R.append = function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

R.svg = function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  return R.append(node, children);
};

R.api = async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (e) { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.json();
};

// Hash routes: #/doc?id=… ; ids are URL-encoded, so ids with slashes or URLs survive.
R.href = function href(page, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const qs = query.toString();
  return "#/" + page + (qs ? "?" + qs : "");
};

// Metadata parts (an Arabic source name, an ISO date…) joined with " · ", each in its own <bdi> so that
// mixing scripts never reorders them (a date beside Arabic text would otherwise print as 13-09-2023).
R.parts = function parts(values) {
  const out = [];
  values.filter(Boolean).forEach((v, i) => {
    if (i) out.push(" · ");
    out.push(R.el("bdi", {}, v));
  });
  return out;
};

R.docLink = (id, label) => R.el("a", { href: R.href("doc", { id }), class: "doc-link" }, label || id);
R.entityLink = (id, label) => R.el("a", { href: R.href("entity", { id }), class: "entity-link" }, label || id);

// The best English label of an entity-like object ({name_en, name_ar, text}).
R.nameOf = (x) => (x && (x.name_en || x.name_ar || x.text || x.id)) || "?";

// Text with code-point highlight ranges → nodes (<mark> for hits). Offsets are code points (Python), and JS
// strings are UTF-16, so slice an Array.from() of the string rather than the string itself.
R.highlighted = function highlighted(text, ranges) {
  const chars = Array.from(text || "");
  const out = [];
  let pos = 0;
  for (const [start, end] of [...(ranges || [])].sort((a, b) => a[0] - b[0])) {
    if (start < pos || end > chars.length || end <= start) continue;
    if (start > pos) out.push(document.createTextNode(chars.slice(pos, start).join("")));
    out.push(R.el("mark", {}, chars.slice(start, end).join("")));
    pos = end;
  }
  if (pos < chars.length) out.push(document.createTextNode(chars.slice(pos).join("")));
  return out;
};

R.showError = function showError(view, error) {
  view.replaceChildren(
    R.el("div", { class: "error" }, error && error.status === 404 ? "Not found." : "Something went wrong: " + (error && error.message))
  );
};

// One floating tooltip for the whole page; content is a list of lines (set as text).
R.tooltip = {
  node: null,
  show(event, lines) {
    const node = (this.node = this.node || document.getElementById("tooltip"));
    node.replaceChildren(...lines.filter(Boolean).map((line) => R.el("div", {}, line)));
    node.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - node.offsetWidth - 8);
    const y = Math.min(event.clientY + 14, window.innerHeight - node.offsetHeight - 8);
    node.style.left = Math.max(4, x) + "px";
    node.style.top = Math.max(4, y) + "px";
  },
  hide() {
    if (this.node) this.node.hidden = true;
  },
};

R.attachTip = function attachTip(node, lines) {
  node.setAttribute("title", lines.filter(Boolean).join(" · "));
  node.addEventListener("mouseenter", (e) => {
    node.removeAttribute("title"); // our tooltip replaces the native one once JS is running
    R.tooltip.show(e, lines);
  });
  node.addEventListener("mousemove", (e) => R.tooltip.show(e, lines));
  node.addEventListener("mouseleave", () => R.tooltip.hide());
  return node;
};

// Per-day points with the missing days filled in as zeros, so bar positions are proportional to time
// (left as they are for months, non-date labels or spans over two years).
R.fillDays = function fillDays(points) {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (points.length < 2 || !points.every((p) => day.test(p.label))) return points;
  const t0 = Date.parse(points[0].label + "T00:00:00Z");
  const t1 = Date.parse(points[points.length - 1].label + "T00:00:00Z");
  const days = Math.round((t1 - t0) / 86400000);
  if (!(days > 0 && days <= 731)) return points;
  const byDay = new Map(points.map((p) => [p.label, p.value]));
  const out = [];
  for (let i = 0; i <= days; i++) {
    const label = new Date(t0 + i * 86400000).toISOString().slice(0, 10);
    out.push({ label, value: byDay.get(label) || 0 });
  }
  return out;
};

// A small bar chart of [{label, value}] as SVG (used for timelines).
R.barChart = function barChart(points, options) {
  const opts = Object.assign({ width: 720, height: 140, color: "#2a6f97", title: "" }, options || {});
  points = R.fillDays(points);
  const root = R.svg("svg", { class: "bars", viewBox: `0 0 ${opts.width} ${opts.height + 24}`, role: "img" });
  if (opts.title) root.appendChild(R.svg("title", {}, opts.title));
  if (!points.length) {
    root.appendChild(R.svg("text", { x: 8, y: 20, class: "muted" }, "no dated items"));
    return root;
  }
  const max = Math.max(...points.map((p) => p.value), 1);
  const step = opts.width / points.length;
  const w = Math.max(1, Math.min(step - 1, 36)); // one lone bar should not fill the chart
  points.forEach((p, i) => {
    if (!p.value) return;
    const h = Math.max(1, (p.value / max) * opts.height);
    const bar = R.svg("rect", { x: i * step, y: opts.height - h, width: w, height: h, fill: opts.color, class: "bar" });
    bar.appendChild(R.svg("title", {}, `${p.label}: ${p.value}`));
    root.appendChild(bar);
  });
  root.appendChild(R.svg("text", { x: 0, y: opts.height + 16, class: "axis" }, points[0].label));
  if (points.length > 1) {
    root.appendChild(
      R.svg("text", { x: opts.width, y: opts.height + 16, class: "axis", "text-anchor": "end" }, points[points.length - 1].label)
    );
  }
  return root;
};

R.PLOVER = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
R.LABELS = ["PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "MISC"];
