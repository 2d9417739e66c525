/*
  Small progressive enhancements; every page works without this script.
  - A click on a name opens its register card (the popover) next to it instead of leaving the
    page; the card links to the index entry. Without script (or without popover support)
    the name is a plain link to the index, and the small "i" button opens the card.
  - The contents are open beside the text on wide screens.
*/
(function () {
  "use strict";
  var root = document.documentElement;
  var popovers = typeof HTMLElement !== "undefined" &&
    Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover");

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
})();
