package callsync

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds the versioned schema, one directory per dialect. Files
// are goose SQL migrations (NNNNN_name.sql with -- +goose Up/Down).
//
//go:embed migrations
var migrations embed.FS

// versionTable is the table goose records applied versions in.
const versionTable = "omicall_schema_version"

// provider returns the goose provider of the store's schema.
func (s *Store) provider() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations/"+s.d.name)
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true)}
	if s.d == postgresDialect { // replicas migrate one at a time, under a lock of this schema's own
		l, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(l))
	}
	return goose.NewProvider(s.d.goose, s.db, fsys, opts...)
}

// migrationLockID is the Postgres advisory lock held while migrating
// ("omicall" in ASCII), apart from goose's default one that an
// application's own migrations may hold.
const migrationLockID = 0x6f6d6963616c6c

// migrate refuses a schema newer than this package's, then applies the
// migrations the database lacks. The versions are read without the lock,
// so replicas of an up-to-date database do not wait for one another. Each
// migration commits alone; when one fails because another process applied
// it meanwhile (SQLite has no migration lock), the versions are read again.
func (s *Store) migrate(ctx context.Context) error {
	p, err := s.provider()
	if err != nil {
		return fmt.Errorf("callsync: load the embedded migrations: %w", err)
	}
	for {
		have, want, err := p.GetVersions(ctx)
		if err != nil {
			return s.fail("read the schema version", err)
		}
		if have > want {
			return fmt.Errorf("%w: the database is at version %d, this binary knows up to %d", ErrSchemaTooNew, have, want)
		}
		if have == want {
			return nil
		}
		_, err = p.Up(ctx)
		if err == nil {
			return nil
		}
		if now, _, verr := p.GetVersions(ctx); verr != nil || now <= have {
			return s.fail("migrate the schema", err)
		}
	}
}

// SchemaVersion returns the schema version the database is at.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, "SELECT MAX(version_id) FROM "+versionTable).Scan(&v)
	if err != nil {
		return 0, s.fail("read the schema version", err)
	}
	return v, nil
}
