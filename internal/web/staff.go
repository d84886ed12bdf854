package web

import (
	"bytes"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// staffArea is the staff side of the server: accounts, sessions and the staff
// page templates. It is nil when the server runs without staff accounts.
type staffArea struct {
	svc      *staff.Service
	sessions *scs.SessionManager
	pages    map[string]*template.Template

	mu       sync.Mutex
	patterns []string // registered routes, for the authorization test
}

// staffPageNames lists the staff page templates; each is parsed together with
// staff_layout.html, which differs from the public layout (no language and
// municipality pickers, the signed-in user's menu).
var staffPageNames = []string{
	"staff_login", "staff_home", "staff_account", "staff_guides", "staff_edit", "staff_history", "staff_diff",
	"staff_conflict", "staff_translations", "staff_translate", "staff_translate_place", "staff_import", "staff_users", "staff_audit", "staff_tokens",
	"staff_display", "staff_misses", "staff_places", "staff_place", "staff_municipalities", "staff_municipality",
	"staff_onestop", "staff_onestop_roster", "staff_onestop_cancel", "staff_outbox", "staff_outbox_message",
	"staff_book", "staff_book_contact", "staff_booked",
	"staff_floor_dates", "staff_floor", "staff_floor_slip", "staff_floor_desk",
}

func newStaffArea(svc *staff.Service, secure bool) (*staffArea, error) {
	if svc == nil {
		return nil, nil
	}
	a := &staffArea{svc: svc, sessions: svc.Sessions(secure), pages: map[string]*template.Template{}}
	for _, name := range staffPageNames {
		t, err := template.New("staff_layout.html").Funcs(funcs).ParseFS(templateFS, append([]string{"templates/staff_layout.html", "templates/" + name + ".html"}, pageParts[name]...)...)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		a.pages[name] = t
	}
	return a, nil
}

// staffHandlerFunc is a staff handler: it gets the signed-in user (nil only on
// public routes).
type staffHandlerFunc func(w http.ResponseWriter, r *http.Request, u *staff.User) error

// staffRoute wraps a staff handler: session, sign-in, role check by the
// route's rule in staffRules, forced password change and admin second factor,
// and the audit entry of a successful write.
func (s *Server) staffRoute(pattern string, fn staffHandlerFunc) http.Handler {
	a := s.staff
	if a == nil {
		return s.handle(s.notFound)
	}
	a.mu.Lock()
	a.patterns = append(a.patterns, pattern)
	a.mu.Unlock()
	rule, ok := staffRules[pattern]
	return a.sessions.LoadAndSave(s.staffHandle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Robots-Tag", "noindex")
		if !ok {
			return errs.E(errs.Forbidden, "staff.error.forbidden")
		}
		ctx := r.Context()
		u, err := a.svc.Current(ctx, a.sessions)
		if err != nil {
			return err
		}
		if u == nil && !rule.public {
			http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
			return nil
		}
		if u != nil && !rule.public && !strings.HasPrefix(pattern, "GET /staff/account") && !strings.HasPrefix(pattern, "POST /staff/account") && pattern != "POST /staff/logout" {
			// First the account must be in order: a password of one's own,
			// and for admins a second factor.
			if u.MustChange || (u.Role.NeedsTOTP() && !u.TOTP) {
				http.Redirect(w, r, "/staff/account", http.StatusSeeOther)
				return nil
			}
		}
		if !rule.allows(u) {
			return errs.E(errs.Forbidden, "staff.error.forbidden")
		}
		sw := &statusWriter{ResponseWriter: w}
		if err := fn(sw, r, u); err != nil {
			return err
		}
		// A form shown again with a problem (a conflict, a wrong value) or
		// with a preview wrote nothing.
		wrote := sw.code < http.StatusBadRequest && r.PostFormValue("action") != "preview"
		if rule.action != "" && r.Method != http.MethodGet && u != nil && wrote {
			return a.svc.Audit(ctx, u.Actor(), rule.action, r.URL.Path)
		}
		return nil
	}))
}

// staffHandle is handle for the staff area: errors are shown in the staff
// language (German or English), whatever language a path names.
func (s *Server) staffHandle(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		kind := errs.KindOf(err)
		status := errs.Status(kind)
		if kind == errs.Internal {
			s.log.ErrorContext(r.Context(), "request failed", slog.String("request_id", requestID(r.Context())),
				slog.String("route", r.Pattern), slog.String("error", err.Error()))
		}
		lang := staffLang(r)
		t := i18n.For(lang.Code)
		s.renderStatus(w, r, status, "error", lang, errorPage{Status: status, Message: t.Get(errs.MsgKeyOf(err))}, t.Get("error.title"))
	})
}

// staffBase is what every staff page shows.
type staffBase struct {
	T     *i18n.T
	Lang  i18n.Language
	Title string
	User  *staff.User
	loc   *time.Location // the county's time zone, for When
}

// Brand is what the staff header calls the area: the signed-in user's role
// ("Redaktion", "Empfang", "Verwaltung"), before sign-in the staff area.
func (b staffBase) Brand() string {
	if b.User == nil {
		return b.T.Get("staff.area")
	}
	return b.T.Get("staff.role." + string(b.User.Role))
}

// LangName is a language's name in the staff UI language ("Ukrainisch",
// "Einfache Sprache"; "Ukrainian", "Easy German"), one name wherever the staff
// area shows a language.
func (b staffBase) LangName(l i18n.Language) string { return b.T.Get("staff.language." + l.Code) }

// When formats a moment as the county's local date and time, as the public
// pages show dates (Europe/Berlin), e.g. "2026-05-01 10:00".
func (b staffBase) When(t time.Time) string {
	if b.loc != nil {
		t = t.In(b.loc)
	}
	return t.Format("2006-01-02 15:04")
}

// Clock formats a moment as the county's local time of day ("10:05"), as
// the One-Stop-Shop day's pages show when someone arrived or was called.
func (b staffBase) Clock(t time.Time) string {
	if b.loc != nil {
		t = t.In(b.loc)
	}
	return t.Format("15:04")
}

// Revision names revision ("Fassung") n of a text, the one term for a saved
// state of a guide text on every staff page.
func (b staffBase) Revision(n int) string { return b.T.Get("staff.revision_n", "Number", n) }

type staffPage[D any] struct {
	staffBase
	P D
}

// staffLang is the staff UI language: English for browsers that prefer it,
// German otherwise (the staff strings exist in both).
func staffLang(r *http.Request) i18n.Language {
	if i18n.Match(r.Header.Get("Accept-Language")).Code == "en" {
		return i18n.MustLookup("en")
	}
	return i18n.MustLookup(i18n.Source)
}

// renderStaff writes a staff page with status.
func renderStaff[D any](s *Server, w http.ResponseWriter, r *http.Request, status int, name string, u *staff.User, titleKey string, d D) error {
	lang := staffLang(r)
	t := i18n.For(lang.Code)
	var buf bytes.Buffer
	b := staffBase{T: t, Lang: lang, User: u, loc: s.loc}
	b.Title = t.Get(titleKey) + " – " + b.Brand()
	if err := s.staff.pages[name].Execute(&buf, staffPage[D]{staffBase: b, P: d}); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang.Code)
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// countRead counts a view of a guide page for the translator dashboard, in
// memory; the store ignores slugs of no guide.
func (s *Server) countRead(fn handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		s.content.CountRead(r.PathValue("slug"))
		return fn(w, r)
	}
}
