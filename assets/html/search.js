/*
 * The search page (search.html): queries the static index Pagefind wrote at build time
 * (pagefind/, next to this page), offers its filters (text, entity type, language) and links
 * each result to the paragraph its words stand in: the nearest element with an id before the
 * first matching word (a paragraph, a line, a speech, an index entry), else the nearest
 * heading. Works from any static web server; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var form = document.getElementById("ed-search");
  if (!form) return;
  document.getElementById("ed-search-noscript").hidden = true;
  var field = document.getElementById("ed-search-query");
  var status = document.getElementById("ed-search-status");
  var list = document.getElementById("ed-search-results");
  var fieldset = form.querySelector(".search-filters");
  var selects = [].slice.call(form.querySelectorAll("select[data-filter]"));
  var base = new URL(".", document.baseURI);
  // The index once loaded and every bundle merged: a search typed while it loads waits
  // for all of it, never runs over the bundles merged so far.
  var loading = null;
  var running = 0;
  // Elements whose id makes a good landing place for a result (blocks, not inline names).
  var BLOCKS = /^(p|div|section|article|li|blockquote|l|lg|sp|h[1-6]|td|tr|figure|dd|dt|pre|table|ol|ul)$/i;

  function say(key, n) {
    var text = form.getAttribute("data-" + key) || "";
    return n === undefined ? text : text.replace("{1}", n);
  }

  function load() {
    if (loading) return loading;
    status.textContent = say("loading");
    loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
      // the site is indexed in bundles (pipeline/builders/search.py), and Pagefind splits
      // each bundle's index by the language of its pages (html/@lang: a text's own)
      return fetch(new URL("pagefind/bundles.json", base).href).then(function (answer) {
        return answer.ok ? answer.json() : [];
      }).catch(function () { return []; }).then(function (bundles) {
        return typeof module.createInstance === "function" ? searcher(bundles)
          : merged(module, bundles);
      });
    }).then(function (index) {
      return index.filters().then(function (filters) {
        fillFilters(filters || {});
        status.textContent = "";
        return index;
      });
    }).catch(function () {
      status.textContent = say("unavailable");
      throw new Error("no index");
    });
    return loading;
  }

  // One Pagefind instance for each language of each bundle, each with its own WebAssembly:
  // a query is read as the language of the index it searches reads its words. An index
  // merged into another (mergeIndex) reads the query with the first one's: "العزائم",
  // written with its article, was stemmed as English and never met the Arabic index's
  // "عزائم" (probe 84), and a German inflection the German index had stemmed was missed
  // the same way. Each instance comes from a module of its own (the script's address with
  // the instance's number), so from a worker of its own: the WebAssembly of two languages
  // in one worker share its memory, and the second broke the first ("unreachable").
  // Pagefind takes an instance's language from the page's html/@lang when it is made: the
  // attribute says the index's language for that moment.
  function searcher(bundles) {
    var page = document.documentElement;
    var own = page.getAttribute("lang");
    var wanted = [];
    bundles.forEach(function (bundle) {
      Object.keys(bundle.languages || {}).forEach(function (code) {
        wanted.push({ folder: bundle.folder, language: code });
      });
    });
    if (!wanted.length) wanted.push({ folder: "", language: own || "unknown" });
    return Promise.all(wanted.map(function (one, n) {
      var script = new URL("pagefind/pagefind.js?instance=" + n, base).href;
      return import(script).then(function (module) {
        page.setAttribute("lang", one.language);
        try {
          return module.createInstance({
            basePath: new URL("pagefind/" + one.folder, base).href
          });
        } finally {
          if (own === null) page.removeAttribute("lang"); else page.setAttribute("lang", own);
        }
      }).then(function (instance) {
        return instance.options({ baseUrl: base.pathname }).then(function () {
          return instance.init();
        }).then(function () { return instance; });
      });
    })).then(function (instances) {
      return {
        filters: function () {
          return Promise.all(instances.map(function (i) { return i.filters(); }))
            .then(function (all) {
              var sum = {};
              all.forEach(function (filters) {
                Object.keys(filters || {}).forEach(function (name) {
                  var values = sum[name] = sum[name] || {};
                  Object.keys(filters[name]).forEach(function (value) {
                    values[value] = (values[value] || 0) + filters[name][value];
                  });
                });
              });
              return sum;
            });
        },
        search: function (query, options) {
          return Promise.all(instances.map(function (i) { return i.search(query, options); }))
            .then(function (all) {
              var results = [];
              all.forEach(function (one) { if (one) results = results.concat(one.results); });
              results.sort(function (a, b) { return b.score - a.score; });
              return { results: results };
            });
        }
      };
    });
  }

  // An older Pagefind without createInstance: its own language's index, the others merged.
  function merged(pagefind, bundles) {
    return pagefind.options({ baseUrl: base.pathname }).then(function () {
      return merges(bundles).reduce(function (done, merge) {
        return done.then(function () {
          return pagefind.mergeIndex(new URL("pagefind/" + merge.folder, base).href,
                                     { baseUrl: base.pathname, language: merge.language });
        });
      }, Promise.resolve());
    }).then(function () { return pagefind; });
  }

  // What to merge: every language of every bundle but the one Pagefind loads by itself, the
  // first bundle's language it picks for this page's (as its findIndex does: the language,
  // else its primary subtag, else the language of most pages); left alone, Pagefind searches
  // that one only, and a search page in English found nothing of a German text. The folders
  // are merged by their full URLs (above): Pagefind passes over a merge whose URL its own
  // folder's starts with, and it keeps its own as a path without the origin, so the first
  // bundle's other languages are merged from that same folder.
  function merges(bundles) {
    var wanted = [];
    bundles.forEach(function (bundle, n) {
      var codes = Object.keys(bundle.languages || {});
      var own = n === 0 ? loadedLanguage(bundle.languages || {}) : null;
      codes.forEach(function (code) {
        if (code !== own) wanted.push({ folder: bundle.folder, language: code });
      });
    });
    return wanted;
  }

  function loadedLanguage(languages) {
    var page = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    var has = function (code) { return Object.prototype.hasOwnProperty.call(languages, code); };
    if (has(page)) return page;
    if (has(page.split("-")[0])) return page.split("-")[0];
    return Object.keys(languages).reduce(function (most, code) {
      return most === null || languages[code] > languages[most] ? code : most;
    }, null);
  }

  function fillFilters(filters) {
    var any = false;
    selects.forEach(function (select) {
      var values = filters[select.getAttribute("data-filter")] || {};
      var names = Object.keys(values).sort(function (a, b) { return a.localeCompare(b); });
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        option.textContent = label(select.getAttribute("data-filter"), name) +
          " (" + values[name] + ")";
        select.appendChild(option);
      });
      select.disabled = names.length === 0;
      select.parentNode.hidden = names.length === 0;
      if (names.length) any = true;
      var wanted = new URLSearchParams(location.search).get(select.getAttribute("data-filter"));
      if (wanted && names.indexOf(wanted) >= 0) select.value = wanted;
      select.addEventListener("change", function () { search(field.value); });
    });
    fieldset.hidden = !any;
  }

  // A language filter's value is a code ("ja", "grc"): shown by its name in the page's
  // language where the browser knows it ("Japanese"), else as it is.
  var languageNames = null;
  try {
    languageNames = new Intl.DisplayNames([document.documentElement.lang || "en"],
      { type: "language", fallback: "code" });
  } catch (e) {
    languageNames = null;
  }
  function label(filter, value) {
    if (filter !== "language" || !languageNames) return value;
    try {
      return languageNames.of(value) || value;
    } catch (e) {
      return value;
    }
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) {
      if (select.value) chosen[select.getAttribute("data-filter")] = select.value;
    });
    return chosen;
  }

  // The id of the block the word at `location` stands in (anchors are in page order). The
  // site's own blocks (ed-...: cards, popovers) are no place to land, but its headings are:
  // "1943" found in the timeline's heading led to the last entry of 1942.
  function anchorFor(anchors, location) {
    var best = null;
    anchors.forEach(function (anchor) {
      if (anchor.location <= location && BLOCKS.test(anchor.element) && anchor.id &&
          (!/^ed-/.test(anchor.id) || /^h[1-6]$/i.test(anchor.element))) {
        if (!best || anchor.location >= best.location) best = anchor;
      }
    });
    return best ? best.id : "";
  }

  function passages(data) {
    var subs = data.sub_results && data.sub_results.length ? data.sub_results
      : [{ url: data.url, excerpt: data.excerpt, locations: data.locations }];
    return subs.slice(0, 3).map(function (sub) {
      var first = (sub.locations && sub.locations.length) ? sub.locations[0]
        : (data.locations || [0])[0];
      var id = anchorFor(data.anchors || [], first);
      var page = data.url.split("#")[0];
      return { url: id ? page + "#" + encodeURIComponent(id) : sub.url, excerpt: sub.excerpt };
    });
  }

  // Pagefind's excerpts mark the words found with <mark>; everything else is text.
  function excerptNode(html) {
    var holder = document.createElement("span");
    holder.className = "search-excerpt";
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var match = /^<mark>(.*)<\/mark>$/.exec(part);
      var text = (match ? match[1] : part).replace(/&lt;/g, "<").replace(/&gt;/g, ">")
        .replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      if (!text) return;
      if (match) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        holder.appendChild(mark);
      } else {
        holder.appendChild(document.createTextNode(text));
      }
    });
    return holder;
  }

  function search(query) {
    var ticket = ++running;
    query = query.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    load().then(function (pf) {
      return pf.search(query, { filters: chosenFilters() });
    }).then(function (result) {
      if (ticket !== running) return null;
      var shown = result.results.slice(0, 20);
      return Promise.all(shown.map(function (r) { return r.data(); })).then(function (items) {
        if (ticket !== running) return;
        list.textContent = "";
        var n = result.results.length;
        status.textContent = n === 0 ? say("none") : n === 1 ? say("results-one") : say("results", n);
        items.forEach(function (data) {
          var item = document.createElement("li");
          var heading = document.createElement("p");
          heading.className = "search-title";
          var title = document.createElement("a");
          title.href = data.url;
          title.textContent = (data.meta && data.meta.title) || data.url;
          heading.appendChild(title);
          item.appendChild(heading);
          var where = document.createElement("ul");
          where.className = "search-passages";
          passages(data).forEach(function (passage) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = passage.url;
            a.appendChild(excerptNode(passage.excerpt || ""));
            li.appendChild(a);
            where.appendChild(li);
          });
          item.appendChild(where);
          list.appendChild(item);
        });
      });
    }).catch(function () { /* said in the status line */ });
  }

  var pending = 0;
  field.addEventListener("input", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { search(field.value); }, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(field.value);
  });
  var initial = new URLSearchParams(location.search).get("q") || "";
  field.value = initial;
  load().then(function () { if (initial) search(initial); }, function () {});
})();
