package notify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as the test SMTP server got it.
type received struct {
	From, To, User string
	Data           []byte
}

// testCert makes a self-signed certificate for 127.0.0.1.
func testCert(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}
}

// clientTLS trusts the certificate of the test server srv.
func clientTLS(srv *testServer) *tls.Config {
	pool := x509.NewCertPool()
	pool.AddCert(srv.cert)
	return &tls.Config{RootCAs: pool, ServerName: srv.Host}
}

// testServer is an SMTP server in the test process that keeps what it gets.
// It asks for PLAIN authentication when user is set and refuses recipients
// at the domain refused.example.
type testServer struct {
	Host string
	Port int
	user string
	pass string
	cert *x509.Certificate
	mu   sync.Mutex
	got  []received
}

// With user set it offers STARTTLS with a certificate of its own, which
// clientTLS trusts, and PLAIN authentication only after it.
func startServer(t *testing.T, user, pass string) *testServer {
	t.Helper()
	ts := &testServer{user: user, pass: pass}
	s := smtp.NewServer(ts)
	s.Domain = "localhost"
	if user != "" {
		c := testCert(t)
		ts.cert = c.Leaf
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{c}}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Host, ts.Port = "127.0.0.1", l.Addr().(*net.TCPAddr).Port
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return ts
}

// messages returns what the server has received so far.
func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.got...)
}

// NewSession starts a session of one connection (smtp.Backend).
func (ts *testServer) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &testSession{ts: ts}, nil
}

type testSession struct {
	ts  *testServer
	cur received
}

func (s *testSession) AuthMechanisms() []string {
	if s.ts.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *testSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.ts.user || pass != s.ts.pass {
			return errors.New("wrong credentials")
		}
		s.cur.User = user
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.ts.user != "" && s.cur.User == "" {
		return smtp.ErrAuthRequired
	}
	s.cur.From = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasSuffix(to, "@refused.example") {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.cur.To = to
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.ts.mu.Lock()
	s.ts.got = append(s.ts.got, s.cur)
	s.ts.mu.Unlock()
	return nil
}

func (s *testSession) Reset()        { s.cur = received{User: s.cur.User} }
func (s *testSession) Logout() error { return nil }
