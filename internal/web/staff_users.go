package web

import (
	"errors"
	"net/http"
	"strconv"

	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// errorsAs is errors.As, named for the handlers that test for a result type.
func errorsAs(err error, target any) bool { return err != nil && errors.As(err, target) }

// usersPage is the admin's account list with the invite form.
type usersPage struct {
	Users     []*staff.User
	Roles     []staff.Role
	Languages []i18n.Language // the languages a translator can have
	Self      int64           // the admin's own account, which they change elsewhere
	Invited   string          // e-mail of the account just created
	Reset     string          // or of the account whose password was reset
	Password  string          // its one-time password, shown once
	Token     string          // or a display's token
	SignInURL string          // and the address that signs the display in
	Done      string          // message key of another change that worked
	Message   string
	// Email and Role fill the invite form: what the admin typed, when it
	// was refused, else the least privilege.
	Email string
	Role  staff.Role
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, u *staff.User, status int, p usersPage) error {
	users, err := s.staff.svc.Users(r.Context())
	if err != nil {
		return err
	}
	p.Users, p.Roles, p.Self = users, staff.Roles, u.ID
	if !p.Role.Valid() {
		p.Role = staff.LeastPrivilege
	}
	for _, l := range i18n.All() {
		if l.Code != i18n.Source {
			p.Languages = append(p.Languages, l)
		}
	}
	return renderStaff(s, w, r, status, "staff_users", u, "staff.users.title", p)
}

func (s *Server) staffUsers(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.usersPage(w, r, u, http.StatusOK, usersPage{})
}

// staffInvite creates an account with a one-time password, which the admin
// passes on; the new user must choose their own at the first login.
func (s *Server) staffInvite(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	r.ParseForm()
	nu := staff.NewUser{Email: r.PostFormValue("email"), Role: staff.Role(r.PostFormValue("role")),
		Languages: r.PostForm["languages"], Agency: r.PostFormValue("agency"), MustChange: true}
	nu.Password = staff.NewPassword()
	created, token, err := s.staff.svc.Create(r.Context(), u.Actor(), nu)
	if k := errs.KindOf(err); k == errs.Invalid || k == errs.Conflict {
		return s.usersPage(w, r, u, errs.Status(k), usersPage{Message: errs.MsgKeyOf(err), Email: nu.Email, Role: nu.Role})
	}
	if err != nil {
		return err
	}
	p := usersPage{Invited: created.Email}
	s.showSecret(r, &p, created.Role, nu.Password, token)
	return s.usersPage(w, r, u, http.StatusOK, p)
}

// showSecret puts a new one-time password, or a display's token and its
// sign-in address, on the page.
func (s *Server) showSecret(r *http.Request, p *usersPage, role staff.Role, password, token string) {
	if role != staff.Display {
		p.Password = password
		return
	}
	scheme := "http"
	if s.https {
		scheme = "https"
	}
	p.Token, p.SignInURL = token, scheme+"://"+r.Host+"/staff/display#"+token
}

// staffResetPassword gives another account a one-time password (a display a
// new token), shown once on the page that answers.
func (s *Server) staffResetPassword(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	target, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	secret, err := s.staff.svc.ResetPassword(r.Context(), u.Actor(), target.ID)
	if errs.KindOf(err) == errs.Invalid {
		return s.usersPage(w, r, u, http.StatusBadRequest, usersPage{Message: errs.MsgKeyOf(err)})
	}
	if err != nil {
		return err
	}
	p := usersPage{Reset: target.Email}
	s.showSecret(r, &p, target.Role, secret, secret)
	return s.usersPage(w, r, u, http.StatusOK, p)
}

// staffRemoveTOTP turns off another account's second factor.
func (s *Server) staffRemoveTOTP(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	target, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	err = s.staff.svc.RemoveTOTP(r.Context(), u.Actor(), target.ID)
	if errs.KindOf(err) == errs.Invalid {
		return s.usersPage(w, r, u, http.StatusBadRequest, usersPage{Message: errs.MsgKeyOf(err)})
	}
	if err != nil {
		return err
	}
	return s.usersPage(w, r, u, http.StatusOK, usersPage{Done: "staff.users.totp_removed"})
}

// userFromPath loads the account named by the {id} of the path.
func (s *Server) userFromPath(r *http.Request) (*staff.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, errs.E(errs.NotFound, "staff.error.no_user")
	}
	return s.staff.svc.ByID(r.Context(), id)
}

func (s *Server) staffUpdateUser(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	target, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	r.ParseForm()
	err = s.staff.svc.Update(r.Context(), u.Actor(), target.ID, staff.Role(r.PostFormValue("role")), r.PostForm["languages"],
		r.PostFormValue("agency"), r.PostFormValue("disabled") != "")
	if k := errs.KindOf(err); err != nil && (k == errs.Invalid || k == errs.Conflict) {
		return s.usersPage(w, r, u, errs.Status(k), usersPage{Message: errs.MsgKeyOf(err)})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/staff/users/", http.StatusSeeOther)
	return nil
}

func (s *Server) staffAudit(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	entries, err := s.staff.svc.AuditLog(r.Context(), 300)
	if err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_audit", u, "staff.audit.title", entries)
}
