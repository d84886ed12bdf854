package web

import (
	"slices"

	"lotse/internal/staff"
)

// staffRule says who may use a staff route. Anonymous visitors reach only
// public routes; everyone else needs one of roles. Action names the audit-log
// entry a successful non-GET request writes; routes whose store writes its own
// entry (accounts, sign-in) leave it empty.
type staffRule struct {
	public bool
	roles  []staff.Role
	action string
}

var (
	anyRole     = staff.Roles
	editors     = []staff.Role{staff.Admin, staff.Editor}
	translators = []staff.Role{staff.Admin, staff.Editor, staff.Translator}
	admins      = []staff.Role{staff.Admin}
	bookers     = []staff.Role{staff.Admin, staff.Reception, staff.Agency}
	// floorStaff work on the One-Stop-Shop day: reception and the desks.
	floorStaff = []staff.Role{staff.Admin, staff.Reception, staff.Agency}
)

// staffRules holds the rule of every staff route, keyed by its pattern in
// routes.go. A route without a rule refuses everyone, and the authorization
// test, which walks the registered routes, fails until it has one.
var staffRules = map[string]staffRule{
	"GET /staff/login":                          {public: true},
	"POST /staff/login":                         {public: true},
	"POST /staff/logout":                        {roles: anyRole},
	"GET /staff/{$}":                            {roles: anyRole},
	"GET /staff/account":                        {roles: anyRole},
	"POST /staff/account/password":              {roles: anyRole},
	"POST /staff/account/totp":                  {roles: anyRole},
	"POST /staff/account/logout-everywhere":     {roles: anyRole},
	"GET /staff/guides/{$}":                     {roles: editors},
	"GET /staff/guides/{slug}/edit":             {roles: editors},
	"POST /staff/guides/{slug}/edit":            {roles: editors, action: "guide.save"},
	"POST /staff/preview":                       {roles: translators},
	"GET /staff/guides/{slug}/{lang}/history":   {roles: translators},
	"GET /staff/guides/{slug}/{lang}/diff":      {roles: translators},
	"POST /staff/guides/{slug}/{lang}/restore":  {roles: translators, action: "guide.restore"},
	"GET /staff/translations/{$}":               {roles: translators},
	"GET /staff/translations/{lang}/{slug}":     {roles: translators},
	"POST /staff/translations/{lang}/{slug}":    {roles: translators, action: "translation.save"},
	"GET /staff/translations/{lang}/xliff":      {roles: translators},
	"POST /staff/translations/{lang}/xliff":     {roles: translators, action: "translation.import"},
	"GET /staff/users/{$}":                      {roles: admins},
	"POST /staff/users/{$}":                     {roles: admins},
	"POST /staff/users/{id}":                    {roles: admins},
	"GET /staff/audit":                          {roles: admins},
	"GET /staff/tokens":                         {roles: admins},
	"POST /staff/tokens/{id}/revoke":            {roles: admins},
	"POST /staff/users/{id}/reset-password":     {roles: admins},
	"POST /staff/users/{id}/remove-totp":        {roles: admins},
	"GET /staff/display":                        {public: true},
	"GET /staff/misses":                         {roles: editors},
	"GET /staff/places/{$}":                     {roles: editors},
	"GET /staff/places/{place}":                 {roles: editors},
	"POST /staff/places/{place}":                {roles: editors, action: "place.save"},
	"GET /staff/municipalities/{$}":             {roles: editors},
	"GET /staff/municipalities/{municipality}":  {roles: editors},
	"POST /staff/municipalities/{municipality}": {roles: editors, action: "municipality.save"},

	// One-Stop-Shop dates, rosters and the template; the e-mail outbox.
	"GET /staff/onestop/{$}":            {roles: admins},
	"POST /staff/onestop/{$}":           {roles: admins, action: "onestop.date.create"},
	"GET /staff/onestop/template":       {roles: admins},
	"POST /staff/onestop/template":      {roles: admins, action: "onestop.template.save"},
	"GET /staff/onestop/{date}":         {roles: admins},
	"POST /staff/onestop/{date}":        {roles: admins, action: "onestop.roster.save"},
	"POST /staff/onestop/{date}/copy":   {roles: admins, action: "onestop.roster.copy"},
	"GET /staff/onestop/{date}/cancel":  {roles: admins},
	"POST /staff/onestop/{date}/cancel": {roles: admins, action: "onestop.date.cancel"},
	"GET /staff/outbox":                 {roles: admins},
	"GET /staff/outbox/{name}":          {roles: admins},
	// Booking on behalf of a visitor; the confirmation writes its own audit
	// entry (with the booking's code), once per booking however often sent.
	"GET /staff/bookings/new":          {roles: bookers},
	"POST /staff/bookings/new/hold":    {roles: bookers},
	"GET /staff/bookings/new/contact":  {roles: bookers},
	"POST /staff/bookings/new/confirm": {roles: bookers},
	// The One-Stop-Shop day (staff_floor*.go): reception's floor and slips;
	// the desks, an agency account only its own agency's (floorDesk).
	"GET /staff/floor/{$}":                                 {roles: floorStaff},
	"GET /staff/floor/{date}":                              {roles: receptionists},
	"POST /staff/floor/{date}/checkins":                    {roles: receptionists, action: "floor.checkin"},
	"POST /staff/floor/{date}/tickets":                     {roles: receptionists, action: "floor.walkin"},
	"GET /staff/floor/{date}/tickets/{ticket}/slip":        {roles: receptionists},
	"POST /staff/floor/{date}/tickets/{ticket}/needs":      {roles: receptionists, action: "floor.need"},
	"POST /staff/floor/{date}/tickets/{ticket}/gone":       {roles: receptionists, action: "floor.gone"},
	"GET /staff/floor/{date}/desks/{agency}/{n}":           {roles: deskWorkers},
	"POST /staff/floor/{date}/desks/{agency}/{n}/{action}": {roles: deskWorkers},
	// A handover and the visitor's answers are in the audit log by the
	// path (date, desk, note id), never with the note's text.
	"POST /staff/floor/{date}/desks/{agency}/{n}/handovers":                      {roles: deskWorkers, action: "floor.handover"},
	"POST /staff/floor/{date}/desks/{agency}/{n}/handovers/{handover}/given":     {roles: deskWorkers, action: "floor.consent_given"},
	"POST /staff/floor/{date}/desks/{agency}/{n}/handovers/{handover}/refused":   {roles: deskWorkers, action: "floor.consent_refused"},
	"POST /staff/floor/{date}/desks/{agency}/{n}/handovers/{handover}/withdrawn": {roles: deskWorkers, action: "floor.consent_withdrawn"},

	// A place's texts in one language, side by side with German.
	"GET /staff/translations/{lang}/places/{place}":  {roles: translators},
	"POST /staff/translations/{lang}/places/{place}": {roles: translators, action: "place.translate"},
}

// allows reports whether u may use a route with this rule.
func (r staffRule) allows(u *staff.User) bool {
	return r.public || (u != nil && slices.Contains(r.roles, u.Role))
}
