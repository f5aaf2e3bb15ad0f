/* Search page: merges the site's Pagefind bundles and shows one result list with facets.
 *
 * The index is split into bundles by creation period (pagefind/bundles.json lists them,
 * oldest first). Pagefind's JS API loads the first bundle and merges the others
 * (mergeIndex); a search then runs over all of them and its facet counts are summed.
 * Pagefind orders merged results by score only, so for "newest/oldest first" each
 * bundle is searched on its own (restricted to its months with the hidden "month"
 * filter) and the bundles are walked in date order.
 *
 * Facet counts need every bundle's filter data (~20 bytes per page: ~5 MB for the whole
 * 2010 leak), so on an archive bigger than EAGER_FACET_PAGES they are loaded only when
 * the reader asks for them, filters a search or sorts it by date; the results and their
 * total need only the page lists and word index of each bundle.
 *
 * Query, filters and order live in the URL (search.html?q=...&origin=...&tag=...).
 * No inline script or style anywhere, so a strict Content-Security-Policy works.
 */
(function () {
  "use strict";

  var FACETS = [
    { key: "origin", label: "Origin" },
    { key: "tag", label: "Tag" },
    { key: "classification", label: "Classification" },
    { key: "year", label: "Year created" },
  ];
  // Results shown per "Show more" step and facet values shown before "Show all";
  // the page element may set them (data-page-size, data-facet-preview).
  var PAGE_SIZE = 20;
  var FACET_PREVIEW = 12;
  // Archives up to this many pages load facet counts with every search (data-eager-facets).
  var EAGER_FACET_PAGES = 20000;

  // results: fetched so far; total: how many there are; plan: bundles still to search
  // for a date-ordered search (see sortedPlan).
  var state = {
    pagefind: null,
    bundles: [],
    run: 0,
    shown: 0,
    total: 0,
    results: [],
    plan: null,
    expanded: {},
    facetsWanted: false,
    facetsLoading: null,
  };
  var els = {};

  function $(id) {
    return document.getElementById(id);
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- URL state --------------------------------------------------------------------

  function readQuery() {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    FACETS.forEach(function (facet) {
      var values = params.getAll(facet.key).filter(Boolean);
      if (values.length) filters[facet.key] = values;
    });
    return { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters: filters };
  }

  function queryString(query) {
    var params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    FACETS.forEach(function (facet) {
      (query.filters[facet.key] || []).forEach(function (v) {
        params.append(facet.key, v);
      });
    });
    if (query.sort) params.set("sort", query.sort);
    var text = params.toString();
    return text ? "?" + text : window.location.pathname.split("/").pop();
  }

  function navigate(query) {
    window.history.pushState(null, "", queryString(query));
    show(query);
  }

  function currentFormQuery() {
    var query = readQuery();
    query.q = els.input.value.trim();
    query.sort = els.sort.value;
    return query;
  }

  // -- Pagefind ---------------------------------------------------------------------

  function absolute(path) {
    return new URL(path, document.baseURI).href;
  }

  // The newest cable bundle: searched alone first, so the first results need only
  // its index; the other bundles are merged in right after (see mergeAll).
  function primaryBundle() {
    var dated = state.bundles.filter(function (b) {
      return b.months.length && b.months[0] !== "undated";
    });
    return dated.length ? dated[dated.length - 1] : state.bundles[0];
  }

  function loadPagefind() {
    return fetch(els.page.dataset.bundles)
      .then(function (response) {
        if (!response.ok) throw new Error("no search index (" + response.status + ")");
        return response.json();
      })
      .then(function (manifest) {
        state.bundles = manifest.bundles;
        if (!state.bundles.length) throw new Error("the search index is empty");
        state.primary = primaryBundle();
        state.facetsWanted = state.bundles.reduce(function (sum, b) {
          return sum + b.pages;
        }, 0) <= EAGER_FACET_PAGES;
        // Bundle paths must be absolute: Pagefind resolves them in its worker.
        var url = absolute(els.page.dataset.root + state.primary.path + "pagefind.js");
        return import(url).then(function (pf) {
          // baseUrl "/": every result URL is then the page's path from the site root
          // ("/cable/..."), whichever bundle it comes from; links are made relative to it.
          return pf.options({ baseUrl: "/" }).then(function () {
            return pf;
          });
        });
      });
  }

  // Merge every other bundle into the search. Done once, shared by all searches.
  function mergeAll() {
    if (!state.merging) {
      var pf = state.pagefind;
      var root = els.page.dataset.root;
      var others = state.bundles.filter(function (b) {
        return b !== state.primary;
      });
      state.merging = Promise.all(
        others.map(function (b) {
          return pf.mergeIndex(absolute(root + b.path), { baseUrl: "/" });
        })
      );
    }
    return state.merging;
  }

  // Every bundle's filter data: facet counts come back with results only once it is
  // loaded. Done once, when the first search that needs it runs (see needsFacets).
  function loadFacets() {
    if (!state.facetsLoading) state.facetsLoading = state.pagefind.filters();
    return state.facetsLoading;
  }

  function needsFacets(query) {
    return state.facetsWanted || Boolean(query.sort) || Object.keys(query.filters).length > 0;
  }

  // First results from the newest bundle alone, shown while the others load.
  function quickResults(query, run) {
    var options = { filters: pagefindFilters(query.filters) };
    if (query.sort) options.sort = { created: query.sort === "newest" ? "desc" : "asc" };
    return state.pagefind.search(query.q || null, options).then(function (found) {
      if (run !== state.run || !found.results.length) return;
      state.plan = null;
      state.results = found.results;
      state.total = found.results.length;
      state.shown = 0;
      els.results.textContent = "";
      els.status.textContent =
        "First results, from the newest cables (" + state.primary.months[0] + " on); " +
        "searching the whole archive\u2026";
      return showMore(run, "partial");
    });
  }

  function pagefindFilters(filters) {
    var out = {};
    Object.keys(filters).forEach(function (key) {
      out[key] = { any: filters[key] };
    });
    return out;
  }

  // A date-ordered search walks the bundles in date order and searches each on its own
  // (restricted to its months with the hidden "month" filter), only as far as the
  // results shown need. A sorted search scores a result by its rank in its own
  // bundle's date order, so Pagefind's merge (which orders by score) would interleave
  // bundles. ``monthCounts`` (results per month) says which bundles hold results.
  function sortedPlan(query, monthCounts) {
    var newest = query.sort === "newest";
    var dated = state.bundles.filter(function (b) {
      return b.months.length && b.months[0] !== "undated";
    });
    if (newest) dated.reverse();
    var undated = state.bundles.filter(function (b) {
      return b.months[0] === "undated";
    });
    var total = 0;
    var pending = dated.concat(undated).filter(function (b) {
      var count = b.months.reduce(function (sum, m) {
        return sum + (monthCounts[m] || 0);
      }, 0);
      total += count;
      return count > 0;
    });
    return { total: total, pending: pending, query: query };
  }

  // Make sure state.results holds at least ``count`` results (or all there are).
  function fetchResults(count) {
    var plan = state.plan;
    if (!plan || !plan.pending.length || state.results.length >= count) {
      return Promise.resolve();
    }
    var bundle = plan.pending.shift();
    var filters = pagefindFilters(plan.query.filters);
    filters.month = { any: bundle.months };
    var options = { filters: filters };
    if (bundle.months[0] !== "undated") {
      options.sort = { created: plan.query.sort === "newest" ? "desc" : "asc" };
    }
    return state.pagefind.search(plan.query.q || null, options).then(function (found) {
      if (plan !== state.plan) return;
      state.results = state.results.concat(found.results);
      return fetchResults(count);
    });
  }

  // -- rendering --------------------------------------------------------------------

  function excerptNodes(html) {
    // Keep only text and <mark>: the excerpt is built from cable text, never trusted.
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createDocumentFragment();
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(make("mark", "", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  // The ¶ anchor (id="parN") of the first matched word inside the cable text, if any.
  function paragraphAnchor(data) {
    var anchors = (data.anchors || []).filter(function (a) {
      return /^par/.test(a.id);
    });
    if (!anchors.length) return "";
    var first = anchors[0].location;
    var hits = (data.locations || []).filter(function (l) {
      return l >= first;
    });
    if (!hits.length) return "";
    var best = anchors[0];
    anchors.forEach(function (a) {
      if (a.location <= hits[0]) best = a;
    });
    return "#" + best.id;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var item = make("li", "search-result");
    var link = make("a");
    link.href = els.page.dataset.root + data.url.replace(/^\//, "") + paragraphAnchor(data);
    var title = meta.title && meta.title !== meta.id ? meta.title : "";
    if (meta.id) link.appendChild(make("span", "ref-id", meta.id));
    if (title || !meta.id) {
      link.appendChild(make("span", "search-title", (meta.id ? ": " : "") + (title || data.url)));
    }
    var heading = make("h2", "search-result-title");
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [meta.created, meta.origin, meta.classification].filter(Boolean);
    if (facts.length) item.appendChild(make("p", "search-facts", facts.join(" · ")));
    var excerpt = make("p", "search-excerpt");
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    item.appendChild(excerpt);
    return item;
  }

  function showMore(run, doneState) {
    els.more.hidden = true;
    els.page.dataset.state = "busy";
    return fetchResults(state.shown + PAGE_SIZE)
      .then(function () {
        var batch = state.results.slice(state.shown, state.shown + PAGE_SIZE);
        return Promise.all(
          batch.map(function (r) {
            return r.data();
          })
        );
      })
      .then(function (datas) {
        if (run !== state.run) return;
        datas.forEach(function (d) {
          els.results.appendChild(resultItem(d));
        });
        state.shown += datas.length;
        if (!datas.length || (state.plan && !state.plan.pending.length)) {
          // Nothing more to fetch: never offer more than there is.
          state.total = Math.min(state.total, state.results.length);
        }
        els.more.hidden = state.shown >= state.total;
        els.page.dataset.state = doneState || "ready";
      });
  }

  function facetValues(counts, selected) {
    var values = Object.keys(counts || {}).filter(function (v) {
      return counts[v] > 0 || selected.indexOf(v) >= 0;
    });
    values.sort(function (a, b) {
      return counts[b] - counts[a] || (a < b ? -1 : 1);
    });
    return values;
  }

  function facetBox(facet, counts, query) {
    var selected = query.filters[facet.key] || [];
    var values = facetValues(counts, selected);
    var box = make("fieldset", "search-facet");
    box.appendChild(make("legend", "", facet.label));
    if (!values.length) return null;
    var expanded = state.expanded[facet.key];
    var list = make("ul");
    values.forEach(function (value, index) {
      if (!expanded && index >= FACET_PREVIEW && selected.indexOf(value) < 0) return;
      var id = "f-" + facet.key + "-" + index;
      var row = make("li");
      var box_ = make("input");
      box_.type = "checkbox";
      box_.id = id;
      box_.name = facet.key;
      box_.value = value;
      box_.checked = selected.indexOf(value) >= 0;
      box_.addEventListener("change", onFacetChange);
      var label = make("label");
      label.htmlFor = id;
      label.appendChild(document.createTextNode(value + " "));
      label.appendChild(make("span", "search-count", "(" + (counts[value] || 0).toLocaleString("en") + ")"));
      row.appendChild(box_);
      row.appendChild(label);
      list.appendChild(row);
    });
    box.appendChild(list);
    if (values.length > FACET_PREVIEW) {
      var toggle = make("button", "search-facet-toggle", expanded ? "Show fewer" : "Show all " + values.length);
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
      toggle.id = "f-" + facet.key + "-toggle";
      toggle.addEventListener("click", function () {
        state.refocus = "#" + toggle.id;
        state.expanded[facet.key] = !expanded;
        show(readQuery());
      });
      box.appendChild(toggle);
    }
    return box;
  }

  function renderFacets(filters, query) {
    els.facets.textContent = "";
    FACETS.forEach(function (facet) {
      var box = facetBox(facet, filters[facet.key], query);
      if (box) els.facets.appendChild(box);
    });
    var again = state.refocus && els.facets.querySelector(state.refocus);
    state.refocus = null;
    if (again) again.focus();
  }

  function onFacetChange(event) {
    // The facets are rebuilt after the search: keep keyboard focus on this box.
    var box = event.target;
    state.refocus = 'input[name="' + CSS.escape(box.name) + '"][value="' + CSS.escape(box.value) + '"]';
    var query = currentFormQuery();
    query.filters = {};
    els.facets.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (query.filters[box.name] = query.filters[box.name] || []).push(box.value);
    });
    navigate(query);
  }

  function describe(total, query, others) {
    var text = total.toLocaleString("en") + (total === 1 ? " result" : " results");
    if (query.q) text += " for \u201c" + query.q + "\u201d";
    var n = Object.keys(query.filters).reduce(function (sum, k) {
      return sum + query.filters[k].length;
    }, 0);
    if (n) text += " with " + n + (n === 1 ? " filter" : " filters");
    if (others) {
      text += "; sorted by date, which leaves out " + others + (others === 1 ? " page" : " pages");
      text += " other than cables (sort by best match to see them)";
    }
    return text + ".";
  }

  function sumCounts(counts) {
    return Object.keys(counts || {}).reduce(function (sum, k) {
      return sum + counts[k];
    }, 0);
  }

  // -- the search itself --------------------------------------------------------------

  // Facet counts: for a facet with a selection, the counts come from the search without
  // that facet's own selection, so its other values show what adding them would give.
  function facetCounts(pf, query, found) {
    var counts = {};
    var selected = FACETS.filter(function (facet) {
      counts[facet.key] = found.filters[facet.key] || {};
      return query.filters[facet.key];
    });
    return Promise.all(
      selected.map(function (facet) {
        var others = {};
        Object.keys(query.filters).forEach(function (key) {
          if (key !== facet.key) others[key] = query.filters[key];
        });
        var term = query.q || null;
        if (!term && !Object.keys(others).length) {
          return pf.filters().then(function (all) {
            counts[facet.key] = all[facet.key] || {};
          });
        }
        return pf.search(term, { filters: pagefindFilters(others) }).then(function (r) {
          counts[facet.key] = r.filters[facet.key] || {};
        });
      })
    ).then(function () {
      return counts;
    });
  }

  // data-state on the page element ("busy"/"ready") tells tests and styles when a search is done.
  function show(query) {
    var run = ++state.run;
    els.page.dataset.state = "busy";
    els.input.value = query.q;
    els.sort.value = query.sort;
    var hasFilters = Object.keys(query.filters).length > 0;
    if (!query.q && !hasFilters) {
      els.status.textContent = "Type words or a reference id to search.";
      els.results.textContent = "";
      els.facets.textContent = "";
      els.more.hidden = true;
      els.page.dataset.state = "ready";
      return Promise.resolve();
    }
    els.status.textContent = "Searching\u2026";
    if (!state.merged) {
      return quickResults(query, run)
        .then(mergeAll)
        .then(function () {
          state.merged = true;
          if (run === state.run) return show(query);
        });
    }
    if (!needsFacets(query)) return showWithoutFacets(query, run);
    return loadFacets().then(function () {
      if (run === state.run) return showWithFacets(query, run);
    });
  }

  function showWithFacets(query, run) {
    var pf = state.pagefind;
    var options = { filters: pagefindFilters(query.filters) };
    return pf.search(query.q || null, options).then(function (found) {
      if (run !== state.run) return;
      return facetCounts(pf, query, found).then(function (counts) {
        if (run !== state.run) return;
        state.plan = query.sort ? sortedPlan(query, found.filters.month || {}) : null;
        state.results = query.sort ? [] : found.results;
        state.total = query.sort ? state.plan.total : found.results.length;
        state.shown = 0;
        els.results.textContent = "";
        renderFacets(counts, query);
        var others = found.results.length - state.total;
        els.status.textContent = describe(state.total, query, others);
        return showMore(run);
      });
    });
  }

  // A relevance search with no filter on a big archive: results and total, and a
  // button in place of the facets that loads them.
  function showWithoutFacets(query, run) {
    return state.pagefind.search(query.q || null, {}).then(function (found) {
      if (run !== state.run) return;
      state.plan = null;
      state.results = found.results;
      state.total = found.results.length;
      state.shown = 0;
      els.results.textContent = "";
      els.facets.textContent = "";
      var pages = state.bundles.reduce(function (sum, b) {
        return sum + b.pages;
      }, 0);
      var note =
        "Counts by origin, tag, classification and year need the facet data of all " +
        pages.toLocaleString("en") + " pages (about " +
        Math.max(1, Math.round((pages * 20) / 1e6)) + " MB).";
      els.facets.appendChild(make("p", "search-facets-note", note));
      var button = make("button", "search-facets-load", "Show filters with counts");
      button.type = "button";
      button.id = "search-facets-load";
      button.addEventListener("click", function () {
        state.facetsWanted = true;
        state.refocus = "#search-facets input";
        show(readQuery());
      });
      els.facets.appendChild(button);
      els.status.textContent = describe(state.total, query, 0);
      return showMore(run);
    });
  }

  function fail(error) {
    els.page.dataset.state = "failed";
    els.status.textContent = "Search is not available: " + error.message + ".";
    els.page.classList.add("search-failed");
  }

  function start() {
    els.page = $("search-page");
    if (!els.page) return;
    els.form = $("search-form");
    els.input = $("search-q");
    els.sort = $("search-sort");
    els.ui = $("search-ui");
    els.facets = $("search-facets");
    els.status = $("search-status");
    els.results = $("search-results");
    els.more = $("search-more");
    PAGE_SIZE = parseInt(els.page.dataset.pageSize, 10) || PAGE_SIZE;
    FACET_PREVIEW = parseInt(els.page.dataset.facetPreview, 10) || FACET_PREVIEW;
    if (els.page.dataset.eagerFacets) {
      EAGER_FACET_PAGES = parseInt(els.page.dataset.eagerFacets, 10);
    }
    var query = readQuery();
    els.input.value = query.q;
    els.sort.value = query.sort;
    var nojs = els.page.querySelector(".search-nojs");
    if (nojs) nojs.hidden = true;
    if (window.location.protocol !== "http:" && window.location.protocol !== "https:") {
      els.page.dataset.state = "offline";
      return;
    }
    $("search-offline").hidden = true;
    els.ui.hidden = false;
    els.status.tabIndex = -1;
    els.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var next = currentFormQuery();
      next.filters = readQuery().filters;
      navigate(next);
    });
    els.sort.addEventListener("change", function () {
      navigate(currentFormQuery());
    });
    els.more.addEventListener("click", function () {
      showMore(state.run);
    });
    window.addEventListener("popstate", function () {
      show(readQuery()).catch(fail);
    });
    els.status.textContent = "Loading the search index\u2026";
    loadPagefind()
      .then(function (pf) {
        state.pagefind = pf;
        return show(query);
      })
      .catch(fail);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
