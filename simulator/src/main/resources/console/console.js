// Standin's web console: a small page over the control API (/_sim/...), refreshed every second while "live".
"use strict";

const CARDS = {
  VISA: "4111111111111111", MASTERCARD: "5555555555554444", AMEX: "378282246310005", DISCOVER: "6011111111111117",
  "DECLINED (do not honour)": "4000000000000002"
};
const ENTRY_MODES = ["CHIP", "CONTACTLESS", "SWIPE", "MANUAL"];
const $ = (selector) => document.querySelector(selector);
const state = { sandbox: sessionStorage.getItem("standin.sandbox") || "default", token: sessionStorage.getItem("standin.token") || "",
  terminalsShown: "" };

function base() {
  return state.sandbox === "default" ? "/_sim" : "/_sim/sandboxes/" + encodeURIComponent(state.sandbox);
}

async function api(method, path, body, contentType) {
  const headers = {};
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
  const answer = await fetch(path, {
    method, headers, body: body === undefined ? undefined : (typeof body === "string" ? body : JSON.stringify(body))
  });
  const text = await answer.text();
  const json = text ? JSON.parse(text) : {};
  if (!answer.ok) throw new Error(answer.status + " " + (json.message || json.error || text));
  return json;
}

function say(text, error) {
  const m = $("#message");
  m.textContent = text;
  m.className = error ? "error" : "";
}

/** Runs an action from a button, then refreshes; errors go to the message line, never silently. */
async function act(label, action) {
  try {
    await action();
    say(label);
  } catch (e) {
    say(label + " failed: " + e.message, true);
  }
  await refresh();
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => {
    if (k === "onclick") node.addEventListener("click", v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

async function refreshInfo() {
  const info = await api("GET", base() + "/info");
  const host = location.hostname;
  const rows = [];
  Object.entries(info.ports).forEach(([name, port]) => {
    if (name === "terminals") return;
    const creds = name === "control" ? "" : JSON.stringify(shortCredentials(info.credentials[name === "velapayCloud" ? "velapayCloud" : name]));
    rows.push(el("tr", { "data-api": name }, el("td", { text: name }), el("td", {}, el("code", { text: "http://" + host + ":" + port })),
      el("td", {}, el("code", { text: creds || "" }))));
  });
  (info.ports.terminals || []).forEach((t) => {
    const creds = (info.credentials.terminals || {})[t.id];
    rows.push(el("tr", { "data-api": "terminals/" + t.id }, el("td", { text: "terminal " + t.id }),
      el("td", {}, el("code", { text: "http://" + host + ":" + t.port })), el("td", {}, el("code", { text: creds ? JSON.stringify(creds) : "" }))));
  });
  fill($("#providers tbody"), rows);
  $("#clock-now").textContent = info.clock.now;
  $("#clock-mode").textContent = info.clock.mode;
  const filter = $("#filter-provider");
  if (filter.options.length === 1) {
    Object.keys(info.ports).filter((p) => p !== "control").forEach((p) => filter.append(el("option", { value: p, text: p })));
  }
  return info;
}

function shortCredentials(c) {
  if (!c) return "";
  const out = {};
  Object.entries(c).forEach(([k, v]) => { if (typeof v !== "object") out[k] = v; });
  return out;
}

async function refreshClock() {
  const clock = await api("GET", base() + "/clock");
  fill($("#pending tbody"), clock.pending.map((p) => el("tr", {}, el("td", { text: p.dueAt }), el("td", { text: p.owner }), el("td", { text: p.name }))));
}

async function refreshScenarios() {
  const list = await api("GET", base() + "/scenarios");
  fill($("#scenarios tbody"), list.scenarios.map((s) => el("tr", { "data-scenario": s.name },
    el("td", { text: s.name }), el("td", { text: s.origin }),
    el("td", { class: "hits" }, (s.ruleHits || []).map((h) => el("div", { text: h.name + ": " + h.matched + " / " + h.fired }))),
    el("td", {}, el("button", { class: "unload", "data-name": s.name, text: "Unload",
      onclick: () => act("Unloaded " + s.name, () => api("DELETE", base() + "/scenarios/" + encodeURIComponent(s.name))) })))));
  const shipped = $("#shipped");
  if (shipped.options.length === 0) {
    const names = await api("GET", base() + "/scenarios/shipped");
    names.scenarios.forEach((s) => shipped.append(el("option", { value: s.name, title: s.description, text: s.name })));
  }
}

async function refreshRequests() {
  const query = new URLSearchParams({ limit: "50" });
  if ($("#filter-provider").value) query.set("provider", $("#filter-provider").value);
  if ($("#filter-method").value) query.set("method", $("#filter-method").value);
  if ($("#filter-path").value.trim()) query.set("path", $("#filter-path").value.trim());
  const journal = await api("GET", base() + "/requests?" + query);
  // entries never change: keep the nodes already shown (their open state too), add the new ones
  const shown = new Map([...$("#requests").children].map((n) => [n.dataset.id, n]));
  $("#requests").replaceChildren(...journal.requests.map((r) => shown.get(String(r.id)) || requestEntry(r)));
}

function requestEntry(r) {
  return el("details", { class: "request", "data-id": r.id },
    el("summary", {}, r.at.substring(11, 23) + " ", el("b", { text: r.provider }), " " + r.method + " " + r.path + (r.query ? "?" + r.query : "") + " ",
      el("span", { class: "status-" + String(r.status)[0], text: String(r.status) }), " " + r.durationMs.toFixed(1) + " ms ",
      r.rule ? el("span", { class: "rule", text: "rule " + r.rule }) : ""),
    el("h3", { text: "Request headers" }), el("pre", { text: JSON.stringify(r.requestHeaders, null, 2) }),
    el("h3", { text: "Request body" }), el("pre", { class: "request-body", text: pretty(r.requestBody) }),
    el("h3", { text: "Response body" }), el("pre", { class: "response-body", text: pretty(r.responseBody) }));
}

function pretty(text) {
  if (!text) return "";
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
}

async function refreshWebhooks() {
  const log = await api("GET", base() + "/webhooks");
  fill($("#webhooks tbody"), log.deliveries.map((d) => el("tr", { "data-delivery": d.id },
    el("td", { text: d.id }), el("td", { text: d.provider }), el("td", { text: d.event }), el("td", {}, el("code", { text: d.url })),
    el("td", { class: "state", text: d.state }),
    el("td", { class: "attempts" }, d.attempts.map((a) => el("div", { text: "#" + a.number + " " + a.at.substring(11, 19) + " → "
      + (a.status === null ? (a.error || "no answer") : a.status) }))),
    el("td", {}, el("button", { class: "redeliver", "data-id": d.id, text: "Redeliver",
      onclick: () => act("Redelivering " + d.id, () => api("POST", base() + "/webhooks/" + d.id + "/redeliver")) })))));
}

async function refreshHolds() {
  const holds = await api("GET", base() + "/holds");
  fill($("#holds tbody"), holds.holds.map((h) => el("tr", { "data-hold": h.id },
    el("td", { text: h.id }), el("td", { text: h.provider }), el("td", { text: h.event }), el("td", { text: h.description }),
    el("td", { text: (h.scenario || "") + "/" + (h.rule || "") }),
    el("td", {}, el("button", { class: "release", "data-id": h.id, text: "Release",
      onclick: () => act("Released " + h.id, () => api("POST", base() + "/holds/" + h.id + "/release")) })))));
}

async function refreshTerminals(info) {
  const terminals = info.ports.terminals || [];
  const key = state.sandbox + ":" + terminals.map((t) => t.id).join(",");
  if (state.terminalsShown !== key) {
    $("#terminals").replaceChildren(...terminals.map((t) => terminalPanel(t.id)));
    state.terminalsShown = key;
  }
  for (const t of terminals) {
    const view = await api("GET", base() + "/terminals/" + encodeURIComponent(t.id));
    const panel = document.getElementById("terminal-" + t.id);
    const screen = panel.querySelector(".screen");
    screen.dataset.state = view.screen.state;
    screen.dataset.waitingFor = view.screen.waitingFor || "";
    screen.querySelector(".title").textContent = view.screen.title;
    screen.querySelector(".text").textContent = view.screen.text;
    screen.querySelector(".buttons").replaceChildren(...view.screen.buttons.map((label, i) =>
      el("button", { class: "screen-button", text: label, onclick: () => pressScreen(t.id, view.screen.waitingFor, label, i) })));
    const printouts = await api("GET", base() + "/terminals/" + encodeURIComponent(t.id) + "/printouts");
    panel.querySelector(".printouts").replaceChildren(...printouts.printouts.map((p) => el("pre", { class: "printout", text: p.text })));
  }
}

function terminalPanel(id) {
  const brand = el("select", { class: "card-brand" }, Object.keys(CARDS).map((b) => el("option", { value: b, text: b })));
  const entry = el("select", { class: "entry-mode" }, ENTRY_MODES.map((m) => el("option", { value: m, text: m })));
  const input = el("input", { class: "input-value", size: "8", placeholder: "tip / input" });
  const send = (label, action) => act(label + " on " + id, () => api("POST", base() + "/terminals/" + encodeURIComponent(id) + "/actions", action));
  return el("div", { class: "terminal", id: "terminal-" + id },
    el("h3", { text: id }),
    el("div", { class: "screen" }, el("div", { class: "title" }), el("div", { class: "text" }), el("div", { class: "buttons" })),
    el("div", { class: "controls" }, brand, entry,
      el("button", { class: "present-card", text: "Present card", onclick: () => {
        const waiting = document.querySelector("#terminal-" + CSS.escape(id) + " .screen").dataset.waitingFor;
        const b = brand.value;
        return send("Card presented", { type: waiting === "swipe" ? "swipe" : "presentCard", pan: CARDS[b],
          brand: b.startsWith("DECLINED") ? "VISA" : b, entryMode: entry.value });
      } }),
      input,
      el("button", { class: "enter-input", text: "Enter", onclick: () => send("Input", { type: "input", value: input.value }) }),
      el("button", { class: "sign", text: "Sign", onclick: () => send("Signed", { type: "sign" }) }),
      el("button", { class: "cancel", text: "Cancel", onclick: () => send("Cancelled", { type: "cancel" }) }),
      el("button", { class: "walk-away", text: "Walk away", onclick: () => send("Walked away", { type: "walkAway" }) })),
    el("h3", { text: "Printouts" }), el("div", { class: "printouts" }));
}

function pressScreen(id, waitingFor, label, index) {
  const input = document.querySelector("#terminal-" + CSS.escape(id) + " .input-value").value;
  let action;
  if (waitingFor === "selectTender") action = { type: "selectTender", tender: label };
  else if (waitingFor === "chooseTip") {
    action = label === "No Tip" ? { type: "chooseTip", none: true }
      : label === "Custom Tip" ? { type: "chooseTip", custom: input } : { type: "chooseTip", option: index + 1 };
  } else action = { type: "pressButton", button: index + 1 };
  return act(label + " on " + id, () => api("POST", base() + "/terminals/" + encodeURIComponent(id) + "/actions", action));
}

async function refreshSandboxes() {
  try {
    const list = await api("GET", "/_sim/sandboxes");
    const select = $("#sandbox");
    const names = list.sandboxes.map((s) => s.id);
    if (names.join(",") !== [...select.options].map((o) => o.value).join(",")) {
      select.replaceChildren(...list.sandboxes.map((s) => el("option", { value: s.id, text: s.id === s.name ? s.id : s.id + " (" + s.name + ")" })));
    }
    select.value = state.sandbox;
  } catch (e) {
    // a guarded server lists sandboxes only with its token: keep the one chosen
  }
}

let refreshing = false;
async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    await refreshSandboxes();
    const info = await refreshInfo();
    await Promise.all([refreshClock(), refreshScenarios(), refreshRequests(), refreshWebhooks(), refreshHolds(), refreshTerminals(info)]);
    document.body.dataset.refreshed = String(Date.now());
  } catch (e) {
    say(e.message, true);
  } finally {
    refreshing = false;
  }
}

document.querySelectorAll("button[data-advance]").forEach((b) => b.addEventListener("click",
  () => act("Advanced " + b.dataset.advance, () => api("POST", base() + "/clock/advance", { by: b.dataset.advance }))));
$("#advance-custom").addEventListener("click", () => act("Advanced " + $("#advance-by").value,
  () => api("POST", base() + "/clock/advance", { by: $("#advance-by").value.trim() })));
$("#load-shipped").addEventListener("click", () => act("Loaded " + $("#shipped").value,
  () => api("POST", base() + "/scenarios/shipped/" + encodeURIComponent($("#shipped").value))));
$("#load-file").addEventListener("click", () => act("Uploaded scenario", async () => {
  const file = $("#scenario-file").files[0];
  if (!file) throw new Error("choose a YAML file first");
  return api("POST", base() + "/scenarios", await file.text(), "application/yaml");
}));
$("#sandbox").addEventListener("change", () => {
  state.sandbox = $("#sandbox").value;
  sessionStorage.setItem("standin.sandbox", state.sandbox);
  refresh();
});
$("#token").value = state.token;
$("#token").addEventListener("change", () => {
  state.token = $("#token").value;
  sessionStorage.setItem("standin.token", state.token);
  refresh();
});
["#filter-provider", "#filter-method", "#filter-path"].forEach((s) => $(s).addEventListener("input", refresh));
setInterval(() => { if ($("#live").checked) refresh(); }, 1000);
refresh();
