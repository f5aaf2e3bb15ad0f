// Finds a cable from a bare reference id typed after the site's address
// (".../07ASTANA614" or ".../07astana614.html") and goes to its page.
(function () {
  "use strict";
  var box = document.getElementById("lookup");
  var status = document.getElementById("lookup-status");
  if (!box || !status || !window.fetch) return;
  var base = box.getAttribute("data-base") || "/";
  var buckets = parseInt(box.getAttribute("data-buckets"), 10) || 1;
  var lookup = box.getAttribute("data-lookup") || "lookup/";

  // 32-bit FNV-1a over the UTF-8 bytes: the same function as generator/site/notfound.py.
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  var path = location.pathname;
  try { path = decodeURIComponent(path); } catch (e) { /* keep it raw */ }
  if (path.indexOf(base) === 0) path = path.slice(base.length);
  var parts = path.split("/").filter(function (p) { return p.length > 0; });
  if (!parts.length) return;
  var id = parts[parts.length - 1].replace(/\.(html?|txt|json)$/i, "")
    .replace(/[^A-Za-z0-9]/g, "").toUpperCase();
  if (!/^[0-9]{2}[A-Z]/.test(id)) return;

  status.textContent = "Looking for cable " + id + "…";
  fetch(base + lookup + (fnv1a(id) % buckets) + ".json")
    .then(function (response) { return response.json(); })
    .then(function (table) {
      var target = table[id];
      if (!target) {
        status.textContent = "No cable with the reference id " + id + " is in this archive.";
        return;
      }
      status.textContent = "";
      var link = document.createElement("a");
      link.href = base + target;
      link.textContent = "Go to cable " + id;
      status.appendChild(link);
      location.replace(base + target);
    })
    .catch(function () {
      status.textContent = "The lookup of " + id + " failed; try the search.";
    });
})();
