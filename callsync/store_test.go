package callsync

import (
	"context"
	"sync"
	"testing"
)

// TestOpenConcurrently: several processes (here stores) opening one new
// database at once all succeed, and the schema is migrated once.
func TestOpenConcurrently(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		for range 3 {
			dsn := b.newDB(t)
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					st, err := Open(context.Background(), dsn)
					if err != nil {
						t.Error(err)
						return
					}
					_ = st.Close()
				})
			}
			wg.Wait()
			st := openStore(t, dsn)
			var applied int
			if err := st.DB().QueryRow("SELECT COUNT(*) FROM " + versionTable + " WHERE version_id = 1").Scan(&applied); err != nil || applied != 1 {
				t.Errorf("version 1 recorded %d times (%v)", applied, err)
			}
		}
	})
}
