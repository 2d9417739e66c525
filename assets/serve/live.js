/* edition serve: live reload and the diagnostics panel. Injected by the server into the HTML
   it sends; never part of the built files. The server fills in SERVED (the build this page
   shows and the server instance that sent it). */
(function () {
  "use strict";
  var SERVED = __EDITION_SERVED__;
  var SCROLL = "edition-serve-scroll:" + location.pathname;
  var DISMISSED = "edition-serve-dismissed";
  var host = null, root = null, shown = "";

  function remember() {
    try { sessionStorage.setItem(SCROLL, String(window.scrollY)); } catch (e) { /* private mode */ }
  }
  function restore() {
    try {
      var y = sessionStorage.getItem(SCROLL);
      if (y !== null) { sessionStorage.removeItem(SCROLL); window.scrollTo(0, Number(y)); }
    } catch (e) { /* private mode */ }
  }

  function element(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    for (var k in attrs || {}) { node.setAttribute(k, attrs[k]); }
    return node;
  }

  function ensureRoot() {
    if (root) { return root; }
    host = element("div", "", { id: "edition-serve" });
    document.body.appendChild(host);
    root = host.attachShadow({ mode: "open" });
    root.appendChild(element("style", [
      ":host{all:initial}",
      ".panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:min(46rem,calc(100vw - 2rem));",
      "max-height:45vh;overflow:auto;background:#fff;color:#1a1a1a;border:2px solid #b00020;border-radius:6px;",
      "box-shadow:0 4px 18px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif}",
      ".panel.warn{border-color:#8a5a00}",
      "header{display:flex;gap:.5rem;align-items:center;justify-content:space-between;padding:.4rem .6rem;",
      "background:#fbe9eb;position:sticky;top:0}",
      ".warn header{background:#fdf3df}",
      "h2{font-size:14px;margin:0}",
      "button{font:inherit;border:1px solid #555;background:#fff;border-radius:4px;cursor:pointer;padding:0 .5rem}",
      "button:focus-visible,a:focus-visible{outline:3px solid #1a56db;outline-offset:2px}",
      "ol{margin:0;padding:.4rem .6rem .6rem 2rem}",
      "li{margin:.2rem 0}",
      "a{color:#1a56db}",
      ".error{color:#b00020;font-weight:600}",
      ".warning{color:#8a5a00;font-weight:600}",
      ".info{color:#333}",
      "code{font:12px/1.4 ui-monospace,monospace}",
      ".badge{position:fixed;left:1rem;bottom:1rem;z-index:2147483647;background:#1a1a1a;color:#fff;",
      "padding:.3rem .7rem;border-radius:4px;font:13px system-ui,sans-serif}"
    ].join("")));
    return root;
  }

  function clear(cls) {
    if (!root) { return; }
    var old = root.querySelector("." + cls);
    if (old) { old.remove(); }
  }

  function badge(state) {
    clear("badge");
    if (state.building) {
      ensureRoot().appendChild(element("div", "rebuilding\u2026", { "class": "badge", role: "status" }));
    }
  }

  function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function panel(state) {
    var key = JSON.stringify(state.diagnostics.map(function (d) { return d.text; }));
    if (key === shown) { return; }
    shown = key;
    clear("panel");
    var dismissed = null;
    try { dismissed = sessionStorage.getItem(DISMISSED); } catch (e) { /* private mode */ }
    // information alone (the entries without authority identifier of a clean edition) is
    // said in the terminal: a panel over every page of an edition with nothing wrong hid it
    if (!(state.errors || state.warnings) || dismissed === key) { return; }
    var box = element("section", "", {
      "class": "panel" + (state.errors ? "" : " warn"), role: "region",
      "aria-label": "diagnostics of edition serve"
    });
    var head = element("header");
    var title = count(state.errors, "error") + ", " + count(state.warnings, "warning");
    head.appendChild(element("h2", "edition: " + title));
    var close = element("button", "\u00d7", { type: "button", "aria-label": "dismiss the diagnostics", title: "dismiss" });
    close.addEventListener("click", function () {
      try { sessionStorage.setItem(DISMISSED, key); } catch (e) { /* private mode */ }
      box.remove();
    });
    head.appendChild(close);
    box.appendChild(head);
    var list = element("ol");
    state.diagnostics.forEach(function (d) {
      var item = element("li");
      var where = d.path + (d.line ? ":" + d.line : "") + (d.line && d.column ? ":" + d.column : "");
      if (d.source !== null && d.source !== undefined) {
        item.appendChild(element("a", where, { href: "/__edition__/source/" + d.source + (d.line ? "#L" + d.line : "") }));
      } else {
        item.appendChild(element("code", where));
      }
      item.appendChild(document.createTextNode(": "));
      item.appendChild(element("span", d.severity, { "class": d.severity }));
      item.appendChild(document.createTextNode(": " + d.message + " "));
      item.appendChild(element("code", "[" + d.code + "]"));
      list.appendChild(item);
    });
    if (state.more) { list.appendChild(element("li", state.more + " more in the terminal")); }
    box.appendChild(list);
    ensureRoot().appendChild(box);
  }

  function update(state) {
    if (state.instance !== SERVED.instance || state.build > SERVED.build) {
      remember();
      location.reload();
      return;
    }
    badge(state);
    panel(state);
  }

  function start() {
    restore();
    if (!window.EventSource) { return; }
    var events = new EventSource("/__edition__/events?build=" + SERVED.build);
    events.addEventListener("state", function (event) { update(JSON.parse(event.data)); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
