package web

import (
	"net/http"
)

// Handler returns the server's routes wrapped in its middleware. Every route of
// lotse is listed here, so that reading this function tells what the server does.
//
// Fixed paths (operations, static files, the API) live on the outer mux; the
// public pages, whose first segment is a language code, on their own mux mounted
// at "/", so that /static/x and /{lang}/x never compete.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	h := func(m *http.ServeMux, pattern string, fn handlerFunc) { m.Handle(pattern, s.handle(fn)) }

	// Operations.
	h(mux, "GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metricsHandler())
	h(mux, "GET /static/", s.static)
	h(mux, "GET /favicon.ico", s.favicon)
	h(mux, "GET /robots.txt", s.robots)
	h(mux, "GET /sw.js", s.serviceWorker)

	// Read-only JSON API. Public reads go through the render cache (cache.go).
	// Cached and page routes name the query parameters they read (params.go).
	h(mux, "GET /api/v1/openapi.yaml", s.apiSpec)
	h(mux, "GET /api/v1/languages", s.cache(s.apiLanguages))
	h(mux, "GET /api/v1/municipalities", s.cache(s.apiMunicipalities))
	h(mux, "GET /api/v1/guides", s.cache(s.apiGuides, "lang"))
	h(mux, "GET /api/v1/guides/{slug}", s.cache(s.apiGuide, "lang", "municipality"))
	h(mux, "GET /api/v1/places", s.cache(s.apiPlaces, "lang"))
	h(mux, "GET /api/v1/places/{slug}", s.cache(s.apiPlace, "lang"))
	h(mux, "GET /api/v1/search", s.apiSearch)
	h(mux, "GET /api/v1/suggest", s.apiSuggest)
	h(mux, "POST /api/v1/plan", s.apiPlan)
	h(mux, "GET /api/v1/onestop/dates", s.apiOneStopDates)
	h(mux, "POST /api/v1/onestop/dates/{id}/proposals", s.apiProposals)
	h(mux, "POST /api/v1/holds", s.apiHold)
	h(mux, "POST /api/v1/bookings", s.apiConfirm)
	h(mux, "GET /api/v1/bookings/{code}", s.apiBookingView)
	h(mux, "GET /api/v1/bookings/{code}/ics", s.apiBookingICS)
	h(mux, "POST /api/v1/bookings/{code}/cancel", s.apiCancel)
	h(mux, "GET /api/v1/pow/challenge", s.apiPowChallenge)
	h(mux, "GET /api/v1/tickets/{ticket}", s.apiTicket)
	// Staff JSON API: staffAPI names the roles; apiCaller says who calls.
	mux.Handle("POST /api/v1/onestop/dates", s.staffAPI(admins, s.apiCreateOneStopDate))
	mux.Handle("PUT /api/v1/onestop/dates/{id}/roster", s.staffAPI(admins, s.apiSetRoster))
	mux.Handle("POST /api/v1/onestop/dates/{id}/cancel", s.staffAPI(admins, s.apiCancelOneStopDate))
	mux.Handle("POST /api/v1/pow/passes", s.staffAPI(passIssuers, s.apiPowPass))
	// The One-Stop-Shop floor (api_floor.go): reception, and the desks, an
	// agency account at its own agency's only.
	mux.Handle("POST /api/v1/floor/{date}/checkins", s.staffAPI(receptionists, s.apiCheckIn))
	mux.Handle("POST /api/v1/floor/{date}/tickets", s.staffAPI(receptionists, s.apiWalkIn))
	mux.Handle("POST /api/v1/floor/{date}/desks/{agency}/{n}/call", s.staffAPI(deskWorkers, s.apiCall))
	mux.Handle("POST /api/v1/floor/{date}/desks/{agency}/{n}/done", s.staffAPI(deskWorkers, s.apiDeskDone))
	mux.Handle("POST /api/v1/floor/{date}/desks/{agency}/{n}/no-show", s.staffAPI(deskWorkers, s.apiDeskNoShow))
	mux.Handle("GET /api/v1/floor/{date}/events", s.staffAPI(floorWatchers, s.apiFloorEvents))
	h(mux, "/api/", s.unrouted(mux))

	// Staff area: sign-in, editing, translation, places and municipalities,
	// accounts, One-Stop-Shop dates and the e-mail outbox (staff*.go). Who may use each route is in staffRules
	// (staff_access.go); a route without a rule refuses everyone and fails
	// TestStaffAuthorization.
	st := func(pattern string, fn staffHandlerFunc) { mux.Handle(pattern, s.staffRoute(pattern, fn)) }
	st("GET /staff/login", s.staffLoginForm)
	st("POST /staff/login", s.staffLogin)
	st("POST /staff/logout", s.staffLogout)
	st("GET /staff/{$}", s.staffHome)
	st("GET /staff/account", s.staffAccount)
	st("POST /staff/account/password", s.staffPassword)
	st("POST /staff/account/totp", s.staffTOTP)
	st("POST /staff/account/logout-everywhere", s.staffLogoutEverywhere)
	st("GET /staff/guides/{$}", s.staffGuides)
	st("GET /staff/guides/{slug}/edit", s.staffEdit)
	st("POST /staff/guides/{slug}/edit", s.staffSave)
	st("POST /staff/preview", s.staffPreview)
	st("GET /staff/guides/{slug}/{lang}/history", s.staffHistory)
	st("GET /staff/guides/{slug}/{lang}/diff", s.staffDiff)
	st("POST /staff/guides/{slug}/{lang}/restore", s.staffRestore)
	st("GET /staff/translations/{$}", s.staffTranslations)
	st("GET /staff/translations/{lang}/{slug}", s.staffTranslate)
	st("POST /staff/translations/{lang}/{slug}", s.staffSaveTranslation)
	st("GET /staff/translations/{lang}/places/{place}", s.staffTranslatePlace)
	st("POST /staff/translations/{lang}/places/{place}", s.staffSavePlaceTranslation)
	st("GET /staff/translations/{lang}/xliff", s.staffExport)
	st("POST /staff/translations/{lang}/xliff", s.staffImport)
	st("GET /staff/users/{$}", s.staffUsers)
	st("POST /staff/users/{$}", s.staffInvite)
	st("POST /staff/users/{id}", s.staffUpdateUser)
	st("GET /staff/audit", s.staffAudit)
	st("GET /staff/tokens", s.staffTokens)
	st("POST /staff/tokens/{id}/revoke", s.staffRevokeToken)
	st("POST /staff/users/{id}/reset-password", s.staffResetPassword)
	st("POST /staff/users/{id}/remove-totp", s.staffRemoveTOTP)
	st("GET /staff/display", s.staffDisplayForm)
	st("GET /staff/misses", s.staffMisses)
	st("GET /staff/places/{$}", s.staffPlaces)
	st("GET /staff/places/{place}", s.staffPlace)
	st("POST /staff/places/{place}", s.staffSavePlace)
	// The One-Stop-Shop day: reception's floor, the slips, the desks
	// (staff_floor*.go).
	st("GET /staff/floor/{$}", s.staffFloorDates)
	st("GET /staff/floor/{date}", s.staffFloor)
	st("POST /staff/floor/{date}/checkins", s.staffFloorCheckIn)
	st("POST /staff/floor/{date}/tickets", s.staffFloorWalkIn)
	st("GET /staff/floor/{date}/tickets/{ticket}/slip", s.staffFloorSlip)
	st("POST /staff/floor/{date}/tickets/{ticket}/needs", s.staffFloorNeed)
	st("POST /staff/floor/{date}/tickets/{ticket}/gone", s.staffFloorGone)
	st("GET /staff/floor/{date}/desks/{agency}/{n}", s.staffDesk)
	st("POST /staff/floor/{date}/desks/{agency}/{n}/{action}", s.staffDeskAction)
	st("POST /staff/floor/{date}/desks/{agency}/{n}/handovers", s.staffDeskHandover)
	st("POST /staff/floor/{date}/desks/{agency}/{n}/handovers/{handover}/given", s.staffDeskConsentGiven)
	st("POST /staff/floor/{date}/desks/{agency}/{n}/handovers/{handover}/refused", s.staffDeskConsentRefused)
	st("POST /staff/floor/{date}/desks/{agency}/{n}/handovers/{handover}/withdrawn", s.staffDeskConsentWithdrawn)
	st("GET /staff/municipalities/{$}", s.staffMunicipalities)
	st("GET /staff/municipalities/{municipality}", s.staffMunicipality)
	st("POST /staff/municipalities/{municipality}", s.staffSaveMunicipality)
	st("GET /staff/onestop/{$}", s.staffDates)
	st("POST /staff/onestop/{$}", s.staffCreateDate)
	st("GET /staff/onestop/template", s.staffTemplate)
	st("POST /staff/onestop/template", s.staffSaveTemplate)
	st("GET /staff/onestop/{date}", s.staffDate)
	st("POST /staff/onestop/{date}", s.staffSaveRoster)
	st("POST /staff/onestop/{date}/copy", s.staffCopyRoster)
	st("GET /staff/onestop/{date}/cancel", s.staffCancelForm)
	st("POST /staff/onestop/{date}/cancel", s.staffCancelDate)
	st("GET /staff/outbox", s.staffOutbox)
	st("GET /staff/outbox/{name}", s.staffOutboxMessage)
	// Booking a visit on behalf of a visitor (staff_book*.go).
	st("GET /staff/bookings/new", s.staffBookNew)
	st("POST /staff/bookings/new/hold", s.staffBookHold)
	st("GET /staff/bookings/new/contact", s.staffBookContact)
	st("POST /staff/bookings/new/confirm", s.staffBookConfirm)
	h(mux, "/staff/", s.unrouted(mux))

	// Public portal, one tree per language.
	pages := http.NewServeMux()
	h(pages, "GET /{$}", s.root)
	h(pages, "GET /{lang}/{$}", s.cache(s.home, "municipality", "saved"))
	h(pages, "GET /{lang}/guides/{$}", s.cache(s.guideList, "municipality", "saved"))
	h(pages, "GET /{lang}/guides/{slug}", s.countRead(s.cache(s.guide, "municipality", "saved")))
	h(pages, "GET /{lang}/places/{$}", s.cache(s.placeList, "municipality", "saved"))
	h(pages, "GET /{lang}/places/{slug}", s.cache(s.place, "municipality", "saved"))
	h(pages, "GET /{lang}/places/{municipality}/{kind}", s.cache(s.municipalPlace, "municipality", "saved"))
	h(pages, "POST /{lang}/municipality", s.setMunicipality)
	h(pages, "GET /{lang}/search", params(s.searchPage, "q", "municipality", "saved"))
	h(pages, "GET /{lang}/lotse", params(s.lotseForm, "a", "municipality", "saved"))
	h(pages, "GET /{lang}/lotse/answers", s.lotseSubmit)
	h(pages, "GET /{lang}/lotse/plan", params(s.lotsePlan, "a", "print", "municipality", "saved"))
	h(pages, "GET /{lang}/lotse/rules", s.cache(s.lotseRules, "municipality", "saved"))
	h(pages, "GET /{lang}/onestop", params(s.onestop, "agencies", "a", "municipality", "saved"))
	// Booking a visit (book*.go): steps 1 to 5, the booking's page, cancel,
	// and finding a booking again by its code.
	h(pages, "GET /{lang}/onestop/book", params(s.bookStart, bookParams...))
	h(pages, "GET /{lang}/onestop/book/dates", params(s.bookDates, bookParams...))
	h(pages, "POST /{lang}/onestop/book/hold", s.bookHold)
	h(pages, "GET /{lang}/onestop/book/contact", params(s.bookContact, append([]string{"hold"}, bookParams...)...))
	h(pages, "POST /{lang}/onestop/book/confirm", s.bookConfirm)
	h(pages, "GET /{lang}/onestop/bookings/{code}", params(s.bookingView, "t", "print"))
	h(pages, "GET /{lang}/onestop/bookings/{code}/cancel", params(s.bookingCancelForm, "t"))
	h(pages, "POST /{lang}/onestop/bookings/{code}/cancel", s.bookingCancel)
	h(pages, "GET /{lang}/onestop/manage", params(s.manageForm, "code"))
	h(pages, "POST /{lang}/onestop/manage", s.manage)
	h(pages, "GET /{lang}/imprint", s.cache(s.imprint, "municipality", "saved"))
	h(pages, "GET /{lang}/privacy", s.cache(s.privacy, "municipality", "saved"))
	// Everything else is a 404 page in the best language.
	h(pages, "/", s.unrouted(mux, pages))
	mux.Handle("/", pages)

	return s.middleware(mux)
}
