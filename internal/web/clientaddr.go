package web

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
)

// clientAddr is the address a request came from, the one key of every
// per-address limit (sign-in, searches).
func (s *Server) clientAddr(r *http.Request) string { return clientAddress(r, s.trustedProxies) }

// clientAddress is the client of r. Only when the TCP peer is one of the
// trusted proxies does a forwarding header count: X-Forwarded-For if present,
// else Forwarded (RFC 7239). Each proxy appends the address it saw, so the
// hops are read from the right, past trusted proxies, and the first other hop
// is the client; whatever a client put there itself lies further left and is
// never read. A hop that is no address (unknown, an obfuscated name) stops
// the walk at the last trusted proxy, which then stands for the client.
func clientAddress(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			return r.RemoteAddr
		}
		return host
	}
	hops := forwardedHops(r.Header)
	for isTrusted(peer, trusted) && len(hops) > 0 {
		next, ok := parseHop(hops[len(hops)-1])
		if !ok {
			break
		}
		peer, hops = next, hops[:len(hops)-1]
	}
	return peer.String()
}

// forwardedHops lists the forwarding chain, client first.
func forwardedHops(h http.Header) []string {
	var hops []string
	if xff := h.Values("X-Forwarded-For"); len(xff) > 0 {
		for _, v := range xff {
			for hop := range strings.SplitSeq(v, ",") {
				hops = append(hops, strings.TrimSpace(hop))
			}
		}
		return hops
	}
	for _, v := range h.Values("Forwarded") {
		for elem := range strings.SplitSeq(v, ",") {
			hop := "unknown" // an element without for= still is a hop
			for pair := range strings.SplitSeq(elem, ";") {
				k, val, _ := strings.Cut(strings.TrimSpace(pair), "=")
				if strings.EqualFold(k, "for") {
					hop = strings.Trim(val, `"`)
				}
			}
			hops = append(hops, hop)
		}
	}
	return hops
}

// parseHop reads an address with or without port ("192.0.2.1",
// "192.0.2.1:80", "[2001:db8::1]:80", "2001:db8::1").
func parseHop(s string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	return slices.ContainsFunc(trusted, func(p netip.Prefix) bool { return p.Contains(a) })
}
