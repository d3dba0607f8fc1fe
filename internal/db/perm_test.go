package db

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestSQLiteFilesOwnerOnly: the database file and its WAL are 0600, new or
// left 0644 by an older version (issue 11, finding 16).
func TestSQLiteFilesOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bursa.db")
	old := filepath.Join(dir, "old.db")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, old} {
		d, err := Open(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(context.Background(), `CREATE TABLE t (x INTEGER)`); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{p, p + "-wal", p + "-shm"} {
			st, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v, want 0600", filepath.Base(f), st.Mode().Perm())
			}
		}
		d.Close()
	}
}
