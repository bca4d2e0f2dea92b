// A minimal, offline API reference rendered from /openapi.json (no CDN): every GET operation gets a form that
// calls it and shows the JSON answer as text.
"use strict";

(async function () {
  const R = window.Rasad;
  const root = document.getElementById("docs");
  let spec;
  try {
    spec = await R.api("/openapi.json");
  } catch (error) {
    R.showError(root, error);
    return;
  }
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const [method, op] of Object.entries(item)) ops.push({ path, method, op });
  }
  root.replaceChildren(
    R.el("h2", {}, `${spec.info.title} ${spec.info.version}`),
    R.el("p", {}, spec.info.description || ""),
    ...ops.map(({ path, method, op }) => operation(path, method, op)));

  function operation(path, method, op) {
    const params = op.parameters || [];
    const output = R.el("pre", { hidden: true });
    const inputs = params.map((p) => R.el("input", { name: p.name, placeholder: p.name + (p.required ? " *" : ""), dir: "auto" }));
    const tryForm = method === "get" ? R.el("form", {
      onsubmit: async (e) => {
        e.preventDefault();
        let url = path;
        const query = {};
        params.forEach((p, i) => {
          const v = inputs[i].value;
          if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(v));
          else if (v) query[p.name] = v;
        });
        output.hidden = false;
        try {
          output.textContent = JSON.stringify(await R.api(url, query), null, 2).slice(0, 20000);
        } catch (error) {
          output.textContent = `${error.status || ""} ${error.message}`;
        }
      },
    }, inputs, R.el("button", { type: "submit" }, "Try")) : null;
    return R.el("section", { class: "op" },
      R.el("h3", {}, R.el("span", { class: "method" }, method.toUpperCase()), path),
      R.el("p", {}, op.summary || "", op.description ? R.el("span", { class: "muted" }, " — " + op.description) : null),
      params.length ? R.el("table", {}, R.el("tr", {}, ["parameter", "in", "type", "required", "description"].map((h) => R.el("th", {}, h))),
        params.map((p) => R.el("tr", {}, R.el("td", {}, p.name), R.el("td", {}, p.in),
          R.el("td", {}, schemaType(p.schema)), R.el("td", {}, p.required ? "yes" : ""), R.el("td", {}, p.description || "")))) : null,
      tryForm, output);
  }

  function schemaType(s) {
    if (!s) return "";
    if (s.anyOf) return s.anyOf.map(schemaType).filter((t) => t !== "null").join(" | ");
    return (s.type || "") + (s.format ? ` (${s.format})` : "") + (s.pattern ? " matching " + s.pattern : "") +
      (s.minimum !== undefined ? ` ≥${s.minimum}` : "") + (s.maximum !== undefined ? ` ≤${s.maximum}` : "");
  }
})();
