package callsync

import (
	"errors"
	"strings"
)

// ErrUnsupportedDSN matches the error of Open for a DSN that is neither
// sqlite:PATH nor postgres://… (or postgresql://…).
var ErrUnsupportedDSN = errors.New("callsync: unsupported DSN: want sqlite:PATH or postgres://…")

// ErrSchemaTooNew matches the error of Open when the database holds a
// schema version newer than this package knows: a newer binary migrated it.
// Nothing is written; upgrade this binary instead.
var ErrSchemaTooNew = errors.New("callsync: database schema is newer than this binary")

// ErrPagingStuck matches the error of Backfill and Reconcile when the call
// history serves a page that repeats the previous one: following it would
// read the same page forever.
var ErrPagingStuck = errors.New("callsync: the call history repeated a page")

// sealed is an error whose message had secrets replaced; errors.Is and
// errors.As still see the cause.
type sealed struct {
	msg string
	err error
}

func (e *sealed) Error() string { return e.msg }
func (e *sealed) Unwrap() error { return e.err }

// seal returns err with every secret in its message replaced by "xxxxx".
// Empty secrets are ignored; nil stays nil.
func seal(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return &sealed{msg: msg, err: err}
}
