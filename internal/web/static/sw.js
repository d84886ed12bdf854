// lotse service worker: keeps the Lotse plans and guides a visitor opened, so
// that a plan link still opens without a signal. Network first, cache as fallback.
//
// It keeps only public reading pages (/{lang}/guides/…, /{lang}/lotse/plan) and
// static files, never the staff area or the API, never a response marked
// no-store or private, and nothing but plain successful GET answers. A new
// version drops the caches of older ones; staff sign-out clears them all
// (Clear-Site-Data).
var CACHE = "lotse-v2";

function keeps(url) {
  if (url.origin !== location.origin) return false;
  if (/^\/(staff|api)(\/|$)/.test(url.pathname)) return false;
  return /^\/static\//.test(url.pathname) ||
    /^\/[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\/(guides\/|lotse\/plan$)/.test(url.pathname);
}

function storable(res) {
  if (!res.ok || res.type !== "basic" || res.redirected) return false;
  return !/no-store|private/i.test(res.headers.get("Cache-Control") || "");
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener("fetch", function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== "GET" || !keeps(url)) return;
  e.respondWith(fetch(e.request).then(function (res) {
    if (storable(res)) { var copy = res.clone(); caches.open(CACHE).then(function (c) { return c.put(e.request, copy); }); }
    return res;
  }).catch(function () {
    return caches.match(e.request).then(function (hit) { return hit || Response.error(); });
  }));
});
