package broker

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is a broker for several processes on one PostgreSQL database. It
// fans out locally like Local and sends every event with pg_notify to the
// other processes, which LISTEN on one dedicated connection each.
type Postgres struct {
	local   *Local
	pool    *pgxpool.Pool // sends pg_notify; the listening connection is busy waiting
	config  *pgx.ConnConfig
	channel string // the NOTIFY channel of the database's schema (channelFor)
	origin  string // this broker's id in every payload it sends, to skip its own echo
	log     *slog.Logger

	stop context.CancelFunc
	done chan struct{} // closed when the listening loop has ended
	pid  atomic.Uint32 // backend pid of the listening connection, 0 while reconnecting
}

// Backoff bounds of the listening connection's reconnects.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 5 * time.Second
)

// NewPostgres connects to the database at url (the same URL as the app's
// database, search_path included), LISTENs and returns a running broker. It
// fails when the database does not answer; later connection losses are
// repaired in the background (see the package doc).
func NewPostgres(ctx context.Context, url string, log *slog.Logger) (*Postgres, error) {
	config, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	poolConfig, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	poolConfig.MaxConns = 4
	if log == nil {
		log = slog.Default()
	}
	b := make([]byte, 8)
	rand.Read(b)
	p := &Postgres{local: NewLocal(), config: config, origin: hex.EncodeToString(b), log: log, done: make(chan struct{})}
	if p.pool, err = pgxpool.NewWithConfig(ctx, poolConfig); err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	var schema string
	if err := p.pool.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		p.pool.Close()
		return nil, fmt.Errorf("broker: current schema: %w", err)
	}
	p.channel = channelFor(schema)
	conn, err := p.connect(ctx)
	if err != nil {
		p.pool.Close()
		return nil, err
	}
	run, stop := context.WithCancel(context.Background())
	p.stop = stop
	go p.run(run, conn)
	return p, nil
}

// connect opens the listening connection and LISTENs on the channel.
func (p *Postgres) connect(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, p.config)
	if err != nil {
		return nil, fmt.Errorf("broker: connect: %w", err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{p.channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("broker: listen: %w", err)
	}
	p.pid.Store(conn.PgConn().PID())
	return conn, nil
}

// channelFor names the NOTIFY channel of a schema. NOTIFY reaches every
// connection of the database, whatever its schema; one channel per schema
// keeps two lotse installations (or two tests) in one database apart.
// PostgreSQL channel names are identifiers of at most 63 bytes.
func channelFor(schema string) string {
	c := "lotse:" + schema
	if len(c) > 63 {
		sum := sha256.Sum256([]byte(schema))
		c = "lotse:" + hex.EncodeToString(sum[:16])
	}
	return c
}

// run receives notifications until ctx ends, reconnecting with backoff
// whenever the connection drops. After a reconnect every subscriber gets a
// Resync marker: events sent while nobody listened are lost.
func (p *Postgres) run(ctx context.Context, conn *pgx.Conn) {
	defer close(p.done)
	for {
		err := p.receive(ctx, conn)
		conn.Close(context.Background())
		p.pid.Store(0)
		if ctx.Err() != nil {
			return
		}
		p.log.Warn("broker: lost the listening connection; reconnecting", "error", err.Error())
		if conn = p.reconnect(ctx); conn == nil {
			return
		}
		p.log.Info("broker: listening again; subscribers resync")
		p.local.resyncAll()
	}
}

// receive delivers notifications from conn until it fails or ctx ends.
func (p *Postgres) receive(ctx context.Context, conn *pgx.Conn) error {
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		origin, rest, _ := strings.Cut(n.Payload, " ")
		if origin == p.origin {
			continue // delivered locally when published
		}
		topic, data, ok := strings.Cut(rest, " ")
		if !ok || topic == "" {
			p.log.Warn("broker: ignored a malformed notification", "channel", n.Channel)
			continue
		}
		e := Event{Topic: topic}
		if data != "" {
			e.Data = []byte(data)
		}
		if err := p.local.fanOut(e); err != nil {
			return err
		}
	}
}

// reconnect retries connect with exponential backoff until it succeeds or
// ctx ends (nil).
func (p *Postgres) reconnect(ctx context.Context) *pgx.Conn {
	wait := minBackoff
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		conn, err := p.connect(ctx)
		if err == nil {
			return conn
		}
		if ctx.Err() != nil {
			return nil
		}
		wait = min(2*wait, maxBackoff)
		p.log.Warn("broker: reconnect failed", "error", err.Error(), "retry_in", wait.String())
	}
}

// Publish delivers e to this process's subscribers at once and sends it to
// the other processes with pg_notify. An error from pg_notify leaves the
// local delivery done; the other processes have missed the event.
func (p *Postgres) Publish(ctx context.Context, e Event) error {
	if err := p.local.Publish(ctx, e); err != nil {
		return err
	}
	payload := p.origin + " " + e.Topic + " " + string(e.Data)
	if _, err := p.pool.Exec(ctx, "SELECT pg_notify($1, $2)", p.channel, payload); err != nil {
		return fmt.Errorf("broker: notify: %w", err)
	}
	return nil
}

// Subscribe is Local.Subscribe: events of topic from every process.
func (p *Postgres) Subscribe(topic string) (<-chan Event, func()) {
	return p.local.Subscribe(topic)
}

// Close stops listening, closes the connections and every subscription.
func (p *Postgres) Close() error {
	p.stop()
	<-p.done
	p.pool.Close()
	return p.local.Close()
}
