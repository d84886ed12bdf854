package web

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"
	"strconv"

	"lotse/internal/errs"
	"lotse/internal/staff"
)

// loginPage is the sign-in form: e-mail and password, then the code.
type loginPage struct {
	Email   string
	Code    bool   // ask for the second factor
	Message string // message key of the last failure
}

func (s *Server) staffLoginForm(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	if u != nil {
		http.Redirect(w, r, "/staff/", http.StatusSeeOther)
		return nil
	}
	p := loginPage{Code: s.staff.svc.Pending(r.Context(), s.staff.sessions) != 0}
	return renderStaff(s, w, r, http.StatusOK, "staff_login", nil, "staff.login.title", p)
}

// staffLogin checks the password (or, in the second step, the code) and signs
// the user in. Unknown user and wrong password get the same answer.
func (s *Server) staffLogin(w http.ResponseWriter, r *http.Request, _ *staff.User) error {
	ctx := r.Context()
	a := s.staff
	client := s.staffClient(r)
	var u *staff.User
	var err error
	p := loginPage{Email: r.PostFormValue("email")}
	switch {
	case r.PostFormValue("token") != "":
		u, err = a.svc.LoginDisplay(ctx, r.PostFormValue("token"), client.Addr)
	case r.PostForm.Has("code"):
		id := a.svc.Pending(ctx, a.sessions)
		if id == 0 {
			err = errs.E(errs.Unauthenticated, "staff.error.login_again")
			break
		}
		p.Code = true
		if err = a.svc.CheckCode(ctx, id, r.PostFormValue("code"), client); err == nil {
			u, err = a.svc.ByID(ctx, id)
		}
	default:
		u, err = a.svc.Login(ctx, p.Email, r.PostFormValue("password"), client)
		if err == nil && u.TOTP {
			if err := a.svc.SetPending(ctx, a.sessions, u); err != nil {
				return err
			}
			http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
			return nil
		}
	}
	if err != nil {
		status := errs.Status(errs.KindOf(err))
		if status != http.StatusUnauthorized && status != http.StatusTooManyRequests {
			return err
		}
		if status == http.StatusTooManyRequests {
			setRetryAfter(w)
		}
		p.Message = errs.MsgKeyOf(err)
		if r.PostFormValue("token") != "" {
			if status == http.StatusUnauthorized {
				p.Message = "staff.error.token"
			}
			return renderStaff(s, w, r, status, "staff_display", nil, "staff.display.title", p)
		}
		return renderStaff(s, w, r, status, "staff_login", nil, "staff.login.title", p)
	}
	if err := a.svc.SignIn(ctx, a.sessions, u); err != nil {
		return err
	}
	if u.Role != staff.Display {
		if err := s.rememberDevice(w, r, u); err != nil {
			return err
		}
	}
	http.Redirect(w, r, "/staff/", http.StatusSeeOther)
	return nil
}

// staffDisplayForm signs a call-display screen in without a keyboard: the
// admin opens /staff/display#TOKEN on the screen once, and staff.js posts the
// token from the fragment, which never reaches a server log. Without
// JavaScript the token can be typed into the form.
func (s *Server) staffDisplayForm(w http.ResponseWriter, r *http.Request, _ *staff.User) error {
	return renderStaff(s, w, r, http.StatusOK, "staff_display", nil, "staff.display.title", loginPage{})
}

func (s *Server) staffLogout(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	if err := s.staff.svc.SignOut(r.Context(), s.staff.sessions, u); err != nil {
		return err
	}
	w.Header().Set("Clear-Site-Data", `"cache", "storage"`) // nothing of the staff area stays in the browser (sw.js)
	http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
	return nil
}

// accountPage shows the user's password form, second factor and sessions.
type accountPage struct {
	MustChange    bool
	NeedsTOTP     bool
	TOTP          bool
	Secret        string
	QR            template.URL
	RecoveryCodes []string // shown once, right after the factor is set up
	CodesLeft     int
	Message       string
	Done          string
}

func (s *Server) staffAccount(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.renderAccount(w, r, u, http.StatusOK, accountPage{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, u *staff.User, status int, p accountPage) error {
	ctx := r.Context()
	p.MustChange, p.NeedsTOTP, p.TOTP = u.MustChange, u.Role.NeedsTOTP() && !u.TOTP, u.TOTP
	if u.TOTP {
		n, err := s.staff.svc.RecoveryCodesLeft(ctx, u.ID)
		if err != nil {
			return err
		}
		p.CodesLeft = n
	} else if u.Role != staff.Display {
		key, err := s.staff.svc.OfferTOTP(ctx, s.staff.sessions, u, "lotse")
		if err != nil {
			return err
		}
		img, err := key.Image(200, 200)
		if err != nil {
			return errs.Wrap(err, "QR code")
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return errs.Wrap(err, "QR code")
		}
		p.Secret = key.Secret()
		p.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
	}
	return renderStaff(s, w, r, status, "staff_account", u, "staff.account.title", p)
}

func (s *Server) staffPassword(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	a := s.staff
	next, again := r.PostFormValue("new"), r.PostFormValue("again")
	fail := func(key string, status int) error {
		return s.renderAccount(w, r, u, status, accountPage{Message: key})
	}
	if next != again {
		return fail("staff.error.password_mismatch", http.StatusBadRequest)
	}
	if _, err := a.svc.Login(ctx, u.Email, r.PostFormValue("current"), s.staffClient(r)); err != nil {
		switch errs.KindOf(err) {
		case errs.Unauthenticated:
			return fail("staff.error.current_password", http.StatusBadRequest)
		case errs.TooManyRequests:
			setRetryAfter(w)
			return fail("staff.error.too_many", http.StatusTooManyRequests)
		}
		return err
	}
	if err := a.svc.SetPassword(ctx, u.Actor(), u.ID, next); err != nil {
		if errs.KindOf(err) == errs.Invalid {
			return fail(errs.MsgKeyOf(err), http.StatusBadRequest)
		}
		return err
	}
	// The new password ended every session, this one too: start a fresh one.
	fresh, err := a.svc.ByID(ctx, u.ID)
	if err != nil {
		return err
	}
	if err := a.svc.SignIn(ctx, a.sessions, fresh); err != nil {
		return err
	}
	return s.renderAccount(w, r, fresh, http.StatusOK, accountPage{Done: "staff.account.password_changed"})
}

func (s *Server) staffTOTP(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	codes, err := s.staff.svc.ConfirmOffer(ctx, s.staff.sessions, u, r.PostFormValue("code"))
	if errs.KindOf(err) == errs.Invalid {
		return s.renderAccount(w, r, u, http.StatusBadRequest, accountPage{Message: "staff.error.code"})
	}
	if err != nil {
		return err
	}
	fresh, err := s.staff.svc.ByID(ctx, u.ID)
	if err != nil {
		return err
	}
	return s.renderAccount(w, r, fresh, http.StatusOK, accountPage{RecoveryCodes: codes, Done: "staff.account.totp_on"})
}

func (s *Server) staffLogoutEverywhere(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	if err := s.staff.svc.LogoutEverywhere(r.Context(), u.Actor(), u.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
	return nil
}

// formInt reads a non-negative integer form or query value; absent is 0.
func formInt(r *http.Request, name string) (int, error) {
	v := r.FormValue(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.invalid", Field: name}
	}
	return n, nil
}
