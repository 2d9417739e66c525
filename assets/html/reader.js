/*
 * The scholar's tools on the edition's pages (issue 11), each progressive: without script the
 * page shows everything it needs.
 * - "Cite this" (reading pages): the address of the passage the reader has selected or
 *   followed (#id), and today's date as the access date.
 * - A filter-as-you-type box on every index page.
 * - The map of places over a tile server's tiles, only when the edition names one
 *   ([tool.edition] map-tiles) and only after the reader asks for it.
 */
(function () {
  "use strict";

  setUpCitation(document.getElementById("ed-cite-this"));
  if (document.body.classList.contains("index-page")) setUpFilter();
  setUpTiles(document.querySelector(".places-map[data-tiles]"));

  /* -- Cite this ------------------------------------------------------------------------- */

  /* A date as the page writes its own ("1 December 2026"), in the interface's language: that
     of the block it stands in (a reading page is in its text's language, and the block says
     the interface's when it is another). */
  function readable(date, where) {
    var marked = where.closest("[lang]");
    var lang = (marked && marked.getAttribute("lang")) || "en";
    try {
      return date.toLocaleDateString(lang === "en" ? "en-GB" : lang,
        { day: "numeric", month: "long", year: "numeric" });
    } catch (e) {
      return "";
    }
  }

  function setUpCitation(block) {
    if (!block) return;
    var page = block.getAttribute("data-url") || "";
    var passage = block.querySelectorAll(".cite-passage");
    var link = block.querySelector(".cite-passage-url");
    var accessed = block.querySelectorAll(".cite-accessed");
    var today = new Date();
    var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
    var time = document.createElement("time");
    time.setAttribute("datetime", iso);
    time.textContent = readable(today, block) || iso;
    block.querySelector(".cite-accessed-date").appendChild(time);
    accessed.forEach(function (el) { el.hidden = false; });

    function show(id) {
      var url = id ? page + "#" + id : "";
      passage.forEach(function (el) { el.hidden = !url; });
      if (url) {
        link.href = "#" + id;
        link.textContent = url;
      }
    }

    // The nearest element with an id around a node, inside the text (a paragraph, a line,
    // a speech ...), never the page's own landmarks.
    function anchorOf(node) {
      var el = node && (node.nodeType === 1 ? node : node.parentElement);
      var text = document.querySelector(".edition-text");
      while (el && text && text.contains(el) && el !== text) {
        if (el.id && !/^ed-/.test(el.id) && !el.closest(".cite-this")) return el.id;
        el = el.parentElement;
      }
      return "";
    }

    function fromHash() {
      var id = "";
      try {
        id = decodeURIComponent(location.hash.slice(1));
      } catch (e) {
        // an address that is no valid escape ("#100%") names nothing (probe 63)
      }
      var target = id && document.getElementById(id);
      show(target ? anchorOf(target) : "");
    }

    var pending = 0;
    document.addEventListener("selectionchange", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        var selection = document.getSelection();
        if (!selection || selection.isCollapsed || !selection.rangeCount) return;
        var id = anchorOf(selection.getRangeAt(0).startContainer);
        if (id) show(id);
      }, 150);
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* -- index pages: filter as you type ---------------------------------------------------- */

  function setUpFilter() {
    var main = document.getElementById("ed-main");
    var entries = [].slice.call(main.querySelectorAll(".index-entry, .timeline-entry"));
    if (entries.length < 2) return;
    var box = document.createElement("p");
    box.className = "index-filter";
    var field = document.createElement("input");
    field.type = "search";
    field.id = "ed-index-filter";
    field.autocomplete = "off";
    var caption = document.createElement("label");
    caption.htmlFor = field.id;
    caption.textContent = filterText("label");
    var count = document.createElement("span");
    count.className = "index-filter-count";
    count.setAttribute("role", "status");
    box.appendChild(caption);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(field);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(count);
    var first = entries[0];
    var before = main.querySelector(".index-summary") || first;
    before.parentNode.insertBefore(box, before.nextSibling === first ? first : before.nextSibling);
    var texts = entries.map(function (el) { return fold(el.textContent); });
    var groups = [].slice.call(main.querySelectorAll("[data-index-group], .index-group"));

    field.addEventListener("input", function () {
      var words = fold(field.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (el, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        el.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".index-entry:not([hidden]), .timeline-entry:not([hidden])");
      });
      count.textContent = words.length ? filterText("count").replace("{1}", shown).replace("{2}", entries.length) : "";
    });
  }

  // Labels come from the page (the interface's catalogue): the box is made by script only.
  function filterText(key) {
    var holder = document.querySelector("[data-filter-" + key + "]");
    var fallback = { label: "Filter this list", count: "{1} of {2} entries shown" };
    return holder ? holder.getAttribute("data-filter-" + key) : fallback[key];
  }

  // Case and accents do not matter: "malines" finds "Malines", "etienne" finds "Étienne".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* -- the map over tiles --------------------------------------------------------------- */

  function setUpTiles(figure) {
    if (!figure) return;
    var button = figure.querySelector(".map-tiles-button");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.hidden = true;
      drawTiles(figure);
    });
  }

  function drawTiles(figure) {
    var template = figure.getAttribute("data-tiles");
    var points = figure.getAttribute("data-points").split(";").map(function (item) {
      var f = item.split("|");
      return { id: f[0], lat: +f[1], lon: +f[2], name: f.slice(3).join("|") };
    });
    var width = 720, height = 480, size = 256;
    function project(lat, lon, z) {
      var n = Math.pow(2, z) * size;
      var s = Math.sin(lat * Math.PI / 180);
      return [(lon + 180) / 360 * n, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n];
    }
    var zoom = 18;
    for (; zoom > 1; zoom--) {
      var xy = points.map(function (p) { return project(p.lat, p.lon, zoom); });
      var xs = xy.map(function (q) { return q[0]; }), ys = xy.map(function (q) { return q[1]; });
      if (Math.max.apply(null, xs) - Math.min.apply(null, xs) < width * 0.8 &&
          Math.max.apply(null, ys) - Math.min.apply(null, ys) < height * 0.8) break;
    }
    zoom = Math.min(zoom, 12);
    var all = points.map(function (p) { return project(p.lat, p.lon, zoom); });
    var cx = (Math.min.apply(null, all.map(function (q) { return q[0]; })) + Math.max.apply(null, all.map(function (q) { return q[0]; }))) / 2;
    var cy = (Math.min.apply(null, all.map(function (q) { return q[1]; })) + Math.max.apply(null, all.map(function (q) { return q[1]; }))) / 2;
    var left = cx - width / 2, top = cy - height / 2;
    var box = document.createElement("div");
    box.className = "map-tiles";
    box.style.width = width + "px";
    box.style.height = height + "px";
    var count = Math.pow(2, zoom);
    for (var tx = Math.floor(left / size); tx <= Math.floor((left + width) / size); tx++) {
      for (var ty = Math.max(0, Math.floor(top / size)); ty <= Math.min(count - 1, Math.floor((top + height) / size)); ty++) {
        var img = document.createElement("img");
        img.alt = "";
        img.width = img.height = size;
        img.style.left = (tx * size - left) + "px";
        img.style.top = (ty * size - top) + "px";
        img.src = template.replace("{z}", zoom).replace("{x}", ((tx % count) + count) % count).replace("{y}", ty);
        box.appendChild(img);
      }
    }
    points.forEach(function (p, i) {
      var a = document.createElement("a");
      a.className = "map-tiles-point";
      a.href = "#" + p.id;
      a.title = p.name;
      a.setAttribute("aria-label", p.name);
      a.style.left = (all[i][0] - left) + "px";
      a.style.top = (all[i][1] - top) + "px";
      box.appendChild(a);
    });
    var svg = figure.querySelector("svg");
    svg.parentNode.insertBefore(box, svg);
    svg.hidden = true;
  }
})();
