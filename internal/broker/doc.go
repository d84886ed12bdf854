// Package broker carries live events — "the floor of date 42 changed",
// "content changed" — from the process that committed a change to every
// process serving pages, displays and phones from the same database.
//
// # The model: publish after commit, subscribers re-read
//
// A store changes the database in a transaction and, once the transaction
// has committed, publishes an Event: a topic and a few bytes of JSON saying
// what changed (db.Tx.AfterCommit registers the publish; a rolled-back
// transaction publishes nothing, so nobody ever hears of uncommitted state).
// HTTP handlers and background work only subscribe. A subscriber treats an
// event as a hint and re-reads what it shows from the database; the event
// never carries the state itself. That makes delivery forgiving: an event
// seen twice, late, or replaced by a reload changes nothing but timing.
//
// # Resync: what a subscriber does when events were lost
//
// Publish never waits for a subscriber. Each subscription is a channel of
// Buffer events; when a subscriber falls that far behind, the broker drops
// the events it has not read and queues one Event with Resync set in their
// place. The same marker reaches every subscriber after the PostgreSQL
// broker has lost and regained its connection. A subscriber answers a
// Resync by reloading a full snapshot, exactly as on its first connect: the
// snapshot contains everything the dropped events said. So one slow phone
// cannot hold up a call display, and memory per subscriber is bounded.
//
// # Two brokers
//
// Local fans out inside one process: SQLite has one process per database.
// Postgres adds the other processes on the same PostgreSQL database: it
// delivers to its own subscribers at once, like Local, and sends the event
// with pg_notify on the channel of the database's schema ("lotse:public");
// every broker LISTENs on that channel on one dedicated connection and
// hands what it hears to its local subscribers, skipping its own
// notifications (their payload names the broker that sent them), so each
// subscriber gets each event once. When the listening connection drops, the
// broker reconnects with backoff (100 ms doubling to 5 s) and then sends
// Resync to every subscriber: NOTIFY does not queue for absent listeners.
//
// PostgreSQL delivers a NOTIFY only to connections listening when it is
// committed, in commit order per sending connection, and refuses payloads of
// 8000 bytes or more; both brokers therefore refuse events larger than
// MaxSize, so a store tested on SQLite behaves alike on PostgreSQL.
//
// # Topics
//
// A topic is a word without spaces: "content" for guides, places and
// municipalities; "floor/<date id>" for the live One-Stop-Shop day. Event
// data is seen by every subscriber of the topic, a call display included:
// never put visitors' names, phones, e-mails or notes in it.
package broker
