/*
  Small progressive enhancements; every page works without this script.
  - A click on a name opens its register card (the popover) next to it instead of leaving the
    page; the card links to the index entry. Without script (or without popover support)
    the name is a plain link to the index, and the small "i" button opens the card.
  - The contents are open beside the text on wide screens.
  - A transcription offers its reading and diplomatic views (a class on the article).
  - A facsimile's page images follow the text as it scrolls; zones are outlined under the
    pointer.
  - A paragraph's pilcrow, and a verse line's number, copies the paragraph's (the line's)
    address as it goes there.
  - The address printed at the end of a reading page is the one it was read at.
  - On the contents page of a text split into parts, an address of the text's single page
    (text.html#div-3-p-2, saved before the text grew past the page size) goes on to the part
    that holds it; on a part, an address of an id it does not hold goes to the contents page,
    and so on to its part.
*/
(function () {
  "use strict";
  var root = document.documentElement;
  var popovers = typeof HTMLElement !== "undefined" &&
    Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover");

  forwardToPart(document.getElementById("ed-part-ids"));
  backToContents(document.querySelector(".parts-nav .parts-up a"));
  setUpViews(document.querySelector(".view-switch"));
  setUpFacsimile(document.querySelector(".facs-viewer"));
  setUpPilcrows(document.querySelector(".edition-text"));

  // The address printed at the end of a reading page: the one it was read at.
  var printed = document.querySelector(".print-url");
  if (printed && window.location.protocol !== "file:") {
    printed.textContent = window.location.href.split("#")[0];
  }

  var toc = document.querySelector(".toc-details");
  if (toc && window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) {
    toc.open = true;
  }
  if (toc && "IntersectionObserver" in window) {
    followSections(toc);
  }
  if (!popovers) {
    return;
  }
  root.classList.add("js-cards");

  function cardOf(link) {
    var next = link.nextElementSibling;
    if (!next || !next.classList.contains("card-button")) {
      return null;
    }
    return document.getElementById(next.getAttribute("popovertarget"));
  }

  function place(card, link) {
    if (!window.matchMedia("(min-width: 40rem)").matches) {
      card.style.inset = "";
      card.style.margin = "";
      return;
    }
    var box = link.getBoundingClientRect();
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var left = Math.min(Math.max(8, box.left), window.innerWidth - width - 8);
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 8) {
      top = Math.max(8, box.top - height - 6);
    }
    card.style.margin = "0";
    card.style.inset = top + "px auto auto " + left + "px";
  }

  var opener = null;
  document.querySelectorAll("a.name").forEach(function (link) {
    if (cardOf(link)) {
      link.setAttribute("aria-haspopup", "dialog");
    }
  });
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a.name") : null;
    var card = link ? cardOf(link) : null;
    if (!card) {
      return;
    }
    event.preventDefault();
    if (card.matches(":popover-open")) {
      card.hidePopover();
      return;
    }
    opener = link;
    card.showPopover();
    place(card, link);
    var close = card.querySelector(".card-close");
    if (close) {
      close.focus({ preventScroll: true });
    }
  });
  document.addEventListener("toggle", function (event) {
    var card = event.target;
    if (event.newState === "closed" && opener && card.classList &&
        card.classList.contains("entity-card")) {
      opener.focus({ preventScroll: true });
      opener = null;
    }
  }, true);

  // A pilcrow is a link to its paragraph, a line's number one to its line; a click also
  // copies the address and says so for a moment (the status line is announced by screen
  // readers).
  function setUpPilcrows(article) {
    var links = "p > a.anchor, a.l-n";
    if (!article || !navigator.clipboard || !article.querySelector(links)) {
      return;
    }
    var status = document.createElement("p");
    status.className = "copied-note";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
    var timer = null;
    article.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest(links) : null;
      if (!link) {
        return;
      }
      var url = new URL(link.getAttribute("href"), window.location.href).href;
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = article.getAttribute("data-copied") || url;
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { status.textContent = ""; }, 2500);
      }, function () {});
    });
  }

  // The switch between the reading view and the diplomatic view of a transcription: a class
  // on the article (the CSS shows one view or the other); the choice is kept for the next page.
  function setUpViews(group) {
    var article = group && group.closest(".edition-text");
    if (!article) {
      return;
    }
    var buttons = group.querySelectorAll("button[data-view]");
    function show(view, keep) {
      article.classList.toggle("view-diplomatic", view === "diplomatic");
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === view));
      });
      if (keep) {
        try { window.localStorage.setItem("edition-view", view); } catch (e) { /* private mode */ }
      }
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        show(button.getAttribute("data-view"), true);
      });
    });
    var kept = null;
    try { kept = window.localStorage.getItem("edition-view"); } catch (e) { /* private mode */ }
    show(kept === "diplomatic" ? "diplomatic" : "reading", false);
    group.hidden = false;
  }

  // The facsimile viewer: the page image of the page being read comes into view as the text
  // scrolls (the page breaks carry data-facs, the id of their image's list item), and the
  // zone of the line or word under the pointer (or focused) is outlined on its image.
  function setUpFacsimile(viewer) {
    var article = document.querySelector(".edition-text");
    var list = viewer && viewer.querySelector(".facs-pages");
    if (!article || !list) {
      return;
    }
    var current = null;
    function showPage(item) {
      if (!item || item === current) {
        return;
      }
      if (current) {
        current.classList.remove("current");
      }
      current = item;
      item.classList.add("current");
      list.scrollTo({
        top: item.offsetTop - list.offsetTop,
        left: item.offsetLeft - list.offsetLeft,
        behavior: "auto"
      });
    }
    // page breaks, and the pages of a documentary transcription (sourceDoc)
    var breaks = article.querySelectorAll(".pb[data-facs], .surface[data-facs]");
    if ("IntersectionObserver" in window && breaks.length) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            showPage(document.getElementById(entry.target.getAttribute("data-facs")));
          }
        });
      }, { rootMargin: "0px 0px -60% 0px" });
      breaks.forEach(function (pb) { observer.observe(pb); });
    }
    // Elements pointing at a zone: a word or line (its own extent) or a line break (the
    // line that follows it, up to the next one).
    var pointers = [].filter.call(article.querySelectorAll("[data-facs]"), function (el) {
      var zone = document.getElementById(el.getAttribute("data-facs"));
      return zone && zone.classList && zone.classList.contains("zone");
    });
    if (!pointers.length) {
      return;
    }
    var breaksOnly = pointers.filter(function (el) { return !el.textContent.trim(); });
    var active = [];
    function outline(pointer) {
      active.forEach(function (el) { el.classList.remove("active", "facs-active"); });
      active = [];
      if (!pointer) {
        return;
      }
      var zone = document.getElementById(pointer.getAttribute("data-facs"));
      zone.classList.add("active");
      active.push(zone);
      if (pointer.textContent.trim()) {
        pointer.classList.add("facs-active");
        active.push(pointer);
      }
      showPage(zone.closest(".facs-page"));
    }
    // The last line break before a node, by a binary search in document order.
    function lineOf(node) {
      var low = 0, high = breaksOnly.length - 1, found = null;
      while (low <= high) {
        var mid = (low + high) >> 1;
        var position = breaksOnly[mid].compareDocumentPosition(node);
        if (breaksOnly[mid] === node || position & Node.DOCUMENT_POSITION_FOLLOWING) {
          found = breaksOnly[mid];
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return found;
    }
    function pointerAt(node) {
      var el = node.nodeType === 1 ? node : node.parentElement;
      var own = el && el.closest("[data-facs]");
      if (own && own.textContent.trim() && pointers.indexOf(own) >= 0) {
        return own;
      }
      return breaksOnly.length ? lineOf(node) : null;
    }
    var pending = false;
    article.addEventListener("mousemove", function (event) {
      if (pending || !document.caretRangeFromPoint) {
        return;
      }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var range = document.caretRangeFromPoint(event.clientX, event.clientY);
        outline(range ? pointerAt(range.startContainer) : null);
      });
    });
    article.addEventListener("mouseleave", function () { outline(null); });
    article.addEventListener("focusin", function (event) {
      var own = event.target.closest && event.target.closest("[data-facs]");
      if (own && pointers.indexOf(own) >= 0) {
        outline(own);
      }
    });
  }

  // Marks the contents entry of the section being read (aria-current="location").
  function followSections(toc) {
    var links = {};
    toc.querySelectorAll("a[href^='#']").forEach(function (a) {
      links[a.getAttribute("href").slice(1)] = a;
    });
    var current = null;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) {
          return;
        }
        var link = links[entry.target.id];
        if (!link || link === current) {
          return;
        }
        if (current) {
          current.removeAttribute("aria-current");
        }
        current = link;
        link.setAttribute("aria-current", "location");
        if (toc.open && window.matchMedia("(min-width: 64rem)").matches) {
          link.scrollIntoView({ block: "nearest" });
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(links).forEach(function (id) {
      var section = document.getElementById(id);
      if (section) {
        observer.observe(section);
      }
    });
  }

  // The part of a split text holding the id of the address (the map: the ids that open each
  // part's divisions and pages, from which the others are derived by adding "-..." or ".n").
  // On a part of a split text, an address of an id this part does not hold (the parts
  // were planned anew when a division grew past the page size: probe 62's
  // "Dickens-32.html#div-3.9-p-32", now on part 41) goes to the text's contents page, whose
  // map sends it on to the part that holds it now.
  // Once per address: a part sent there by the contents page for an id it does not hold
  // either (a mistyped anchor under a known division) stays, where it sent the reader back
  // and forth for ever (probe 63).
  function backToContents(up) {
    var id = hashId();
    if (!up || !id || document.getElementById(id)) {
      return;
    }
    var bounced = "ed-bounced:" + window.location.pathname + window.location.hash;
    try {
      if (window.sessionStorage.getItem(bounced)) {
        window.sessionStorage.removeItem(bounced);
        return;
      }
      window.sessionStorage.setItem(bounced, "1");
    } catch (e) {
      return; // no storage (a private window's policy): no way to know; stay
    }
    window.location.replace(up.getAttribute("href") + window.location.hash);
  }

  // The id an address names; none for one that is no valid escape ("#100%"), which stopped
  // every script of the page (probe 63).
  function hashId() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return "";
    }
  }

  function forwardToPart(map) {
    var id = hashId();
    if (!map || !id || document.getElementById(id)) {
      return;
    }
    var parts;
    try {
      parts = JSON.parse(map.textContent);
    } catch (e) {
      return;
    }
    var key = id;
    while (key) {
      if (Object.prototype.hasOwnProperty.call(parts, key)) {
        window.location.replace(parts[key] + window.location.hash);
        return;
      }
      var cut = Math.max(key.lastIndexOf("-"), key.lastIndexOf("."));
      if (cut <= 0) {
        return;
      }
      key = key.slice(0, cut);
    }
  }
})();
