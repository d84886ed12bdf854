// lotse service worker: keeps the Lotse plans and guides a visitor opened, so
// that a plan link still opens without a signal. Network first, cache as fallback.
var CACHE = "lotse-v1";
self.addEventListener("install", function (e) { self.skipWaiting(); });
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== location.origin) return;
  if (!/\/(lotse\/plan|guides\/|static\/)/.test(url.pathname)) return;
  e.respondWith(fetch(e.request).then(function (res) {
    if (res.ok) { var copy = res.clone(); caches.open(CACHE).then(function (c) { c.put(e.request, copy); }); }
    return res;
  }).catch(function () {
    return caches.match(e.request).then(function (hit) { return hit || Response.error(); });
  }));
});
