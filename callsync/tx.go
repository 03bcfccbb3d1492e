package callsync

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// txAttempts is how often a transaction that lost a deadlock or a
// serialization conflict (Postgres) is run again.
const txAttempts = 4

// inTx runs fn in a transaction and commits it; fn's writes are undone when
// it fails. A transaction that Postgres aborted as a deadlock victim or for
// a serialization conflict is run again. Errors are scrubbed of the DSN's
// password and say what was being done.
func (s *Store) inTx(ctx context.Context, doing string, fn func(*sql.Tx) error) error {
	var err error
	for range txAttempts {
		if err = s.tryTx(ctx, fn); err == nil || !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return s.fail(doing, err)
	}
	return nil
}

func (s *Store) tryTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// retryable reports a Postgres deadlock or serialization failure.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}
