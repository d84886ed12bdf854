package web

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/notify"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// cancelPage asks to confirm the cancellation of a date, naming what it
// affects.
type cancelPage struct {
	Date     dateRow
	Bookings int // confirmed bookings it calls off
	Emails   int // of them with an e-mail address, who are told
	// Pending counts, once the date is cancelled, the notices that failed
	// to send: confirming again sends them.
	Pending int
}

func (s *Server) staffCancelForm(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	d, err := s.pathDate(ctx, r)
	if err != nil {
		return err
	}
	if err := s.cancellable(d); err != nil {
		return err
	}
	p := cancelPage{Date: dateRow{Date: d, Past: !d.End.After(s.now())}}
	if p.Bookings, p.Emails, err = s.bookings.Affected(ctx, d.ID); err != nil {
		return err
	}
	p.Date.Bookings = p.Bookings
	if d.Cancelled && s.mailer != nil {
		pending, err := s.bookings.DateCancelNotices(ctx, d.ID)
		if err != nil {
			return err
		}
		p.Pending = len(pending)
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_onestop_cancel", u, "staff.onestop.cancel", p)
}

// staffCancelDate cancels a date: it leaves the public API and pages, its
// bookings and holds are called off, and every visitor who gave an e-mail
// address gets the DateCancelled e-mail once, however often this runs, in
// one process or several (booking.ClaimDateCancelNotice). It then shows
// the date with how many this request told.
func (s *Server) staffCancelDate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	d, err := s.pathDate(ctx, r)
	if err != nil {
		return err
	}
	mailed, unsent, err := s.cancelDate(ctx, r, d)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/staff/onestop/"+strconv.FormatInt(d.ID, 10)+"?mailed="+strconv.Itoa(mailed)+"&unsent="+strconv.Itoa(unsent), http.StatusSeeOther)
	return nil
}

// cancelDate cancels date d, calls its bookings off and tells their
// visitors (tellDateCancelled): the staff page and the staff API do it so.
func (s *Server) cancelDate(ctx context.Context, r *http.Request, d onestop.Date) (mailed, unsent int, err error) {
	if err := s.cancellable(d); err != nil {
		return 0, 0, err
	}
	if err := s.dates.Cancel(ctx, d.ID); err != nil {
		return 0, 0, err
	}
	s.renderCache.clear()
	if _, err := s.bookings.CancelDate(ctx, d.ID); err != nil {
		return 0, 0, err
	}
	return s.tellDateCancelled(ctx, r, d.ID)
}

// cancellable refuses to cancel a date that is over (nobody can come any
// more, and nobody should be told it is off); a cancelled one stays
// cancellable, to send the notices that failed.
func (s *Server) cancellable(d onestop.Date) error {
	if !d.Cancelled && !d.End.After(s.now()) {
		return errs.E(errs.Conflict, "staff.onestop.error.over")
	}
	return nil
}

// tellDateCancelled sends the DateCancelled e-mail to every booking of the
// date still to be told that this call claims, in the booking's language
// (its interpreter language, as the reminder has it; German without one),
// and returns how many it sent and how many failed. The claim comes first,
// so that no visitor hears it twice; a message that fails is logged by the
// booking's code alone and its claim released, so that confirming the
// cancellation again sends it.
func (s *Server) tellDateCancelled(ctx context.Context, r *http.Request, dateID int64) (sent, unsent int, err error) {
	if s.mailer == nil {
		return 0, 0, nil
	}
	due, err := s.bookings.DateCancelNotices(ctx, dateID)
	if err != nil {
		return 0, 0, err
	}
	for _, b := range due {
		claimed, err := s.bookings.ClaimDateCancelNotice(ctx, b.ID)
		if err != nil {
			return sent, unsent, err
		}
		if !claimed {
			continue
		}
		if err := s.sendDateCancelled(ctx, r, b); err != nil {
			s.log.ErrorContext(ctx, "date cancelled e-mail not sent", slog.String("code", string(b.Code)), slog.String("error", err.Error()))
			unsent++
			if err := s.bookings.ReleaseDateCancelNotice(ctx, b.ID); err != nil {
				return sent, unsent, err
			}
			continue
		}
		sent++
	}
	return sent, unsent, nil
}

// sendDateCancelled composes and sends booking b its DateCancelled e-mail,
// in the language the visitor booked in (bookings made before that was
// stored: the interpreter language, else German).
func (s *Server) sendDateCancelled(ctx context.Context, r *http.Request, b booking.Booking) error {
	c, err := s.bookingCard(ctx, r, b, "", i18n.For(cmp.Or(b.Lang, b.Language)).Lang.Code)
	if err != nil {
		return err
	}
	m, err := notify.Compose(notify.DateCancelled, b.Contact.Email, c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), mailTimeout)
	defer cancel()
	if err := s.mailer.Send(ctx, m); err != nil {
		return errs.Wrap(err, "send")
	}
	return nil
}
