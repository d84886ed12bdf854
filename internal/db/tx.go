package db

import (
	"context"
	"database/sql"
	"fmt"
)

// Tx is a write transaction with the same portable query methods as DB.
type Tx struct {
	tx *sql.Tx
	db *DB
	// afterCommit runs, in order, once the transaction has committed.
	afterCommit []func()
}

// InTx runs fn in a write transaction, committing when fn returns nil and rolling
// back otherwise; after a commit it runs what fn registered with AfterCommit. On SQLite the transaction starts IMMEDIATE, so two writers queue
// instead of failing on upgrade; on PostgreSQL it runs at READ COMMITTED and callers
// that race for a row lock it with SELECT … FOR UPDATE (see ForUpdate).
func (d *DB) InTx(ctx context.Context, fn func(*Tx) error) (err error) {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	t := &Tx{tx: tx, db: d}
	if err = fn(t); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	for _, f := range t.afterCommit {
		f()
	}
	return nil
}

// AfterCommit registers f to run once the transaction has committed, after
// the commit and before InTx returns; it never runs when the transaction rolls
// back or its commit fails. Stores publish their change events this way
// (internal/broker), so that nobody hears of a change before it can be read.
// f runs outside the transaction: it must not use t.
func (t *Tx) AfterCommit(f func()) { t.afterCommit = append(t.afterCommit, f) }

// Dialect reports the engine the transaction runs on.
func (t *Tx) Dialect() string { return t.db.Dialect }

// ForUpdate returns " FOR UPDATE" on PostgreSQL and "" on SQLite, whose IMMEDIATE
// transactions already hold the write lock.
func (t *Tx) ForUpdate() string {
	if t.db.Dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// Exec runs a statement in the transaction.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.db.Rebind(q), args...)
}

// Query runs a query in the transaction.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.db.Rebind(q), args...)
}

// QueryRow runs a query that returns at most one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.db.Rebind(q), args...)
}

// InsertID runs an INSERT and returns the generated id of column "id". It appends
// RETURNING id, which both SQLite (3.35+) and PostgreSQL understand.
func (t *Tx) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}
