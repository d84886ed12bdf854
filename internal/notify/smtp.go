package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	"github.com/wneessen/go-mail"
)

// TLSMode is how lotse secures its connection to the SMTP server.
type TLSMode string

// The TLS modes of LOTSE_SMTP_TLS.
const (
	StartTLS TLSMode = "starttls" // plain connection upgraded with STARTTLS, required (port 587)
	TLS      TLSMode = "tls"      // TLS from the first byte (port 465)
	NoTLS    TLSMode = "none"     // no encryption: only a relay on the same host or network (port 25)
)

// DefaultPort is the usual port of a mode.
func (m TLSMode) DefaultPort() int {
	switch m {
	case TLS:
		return 465
	case NoTLS:
		return 25
	default:
		return 587
	}
}

// SMTPConfig is the mail server lotse sends through (LOTSE_SMTP_*). Without
// a Host, lotse writes messages to its outbox folder instead.
type SMTPConfig struct {
	Host     string
	Port     int // 0: the TLS mode's default port
	User     string
	Password string
	From     string // the sender, "Welcome-Center <welcome@example.org>"
	TLS      TLSMode
}

// DefaultFrom is the sender of messages when LOTSE_SMTP_FROM is not set,
// which is allowed only for the outbox.
const DefaultFrom = "lotse <lotse@localhost>"

// smtpTimeout bounds connecting and each SMTP command.
const smtpTimeout = 30 * time.Second

// SMTP is the Mailer that sends through an SMTP server with go-mail.
type SMTP struct {
	cfg SMTPConfig
	tls *tls.Config // nil: go-mail's default, the system's roots for Host
}

// NewSMTP returns the Mailer for cfg, which LoadConfig has checked.
func NewSMTP(cfg SMTPConfig) *SMTP {
	if cfg.Port == 0 {
		cfg.Port = cfg.TLS.DefaultPort()
	}
	return &SMTP{cfg: cfg}
}

// New returns the Mailer of the configuration: SMTP when cfg has a host,
// else the outbox in outboxDir.
func New(cfg SMTPConfig, outboxDir string) Mailer {
	if cfg.Host != "" {
		return NewSMTP(cfg)
	}
	from := cfg.From
	if from == "" {
		from = DefaultFrom
	}
	return NewOutbox(outboxDir, from)
}

// Send delivers one message in one SMTP session. A refused delivery's error
// names the reason and whether it is temporary, never the recipient.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := build(m, s.cfg.From)
	if err != nil {
		return err
	}
	opts := []mail.Option{mail.WithPort(s.cfg.Port), mail.WithTimeout(smtpTimeout)}
	switch s.cfg.TLS {
	case TLS:
		opts = append(opts, mail.WithSSL())
	case NoTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if s.tls != nil {
		opts = append(opts, mail.WithTLSConfig(s.tls))
	}
	if s.cfg.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(s.cfg.User), mail.WithPassword(s.cfg.Password))
	}
	c, err := mail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("notify: SMTP client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *mail.SendError
		if errors.As(err, &se) {
			return fmt.Errorf("notify: SMTP delivery failed: %s (temporary: %t, code %d)", se.Reason, se.IsTemp(), se.ErrorCode())
		}
		return fmt.Errorf("notify: SMTP to %s:%d: %w", s.cfg.Host, s.cfg.Port, err)
	}
	return nil
}
