package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaCommand: `bursa schema --out DIR` writes exactly the files the
// stale-dump test in internal/db compares with, so the command that test
// names really makes it pass.
func TestSchemaCommand(t *testing.T) {
	dir := t.TempDir()
	pg := os.Getenv("BURSA_TEST_POSTGRES")
	env := map[string]string{"BURSA_TEST_POSTGRES": pg}
	code, out, errs := run(t, env, "schema", "--out", dir)
	if code != 0 {
		t.Fatalf("schema --out: %d %q %q", code, out, errs)
	}
	dialects := []string{"sqlite"}
	if pg != "" {
		dialects = append(dialects, "postgres")
	} else if !strings.Contains(errs, "schema.postgres.sql not regenerated") {
		t.Errorf("without a server, schema --out does not say the PostgreSQL dump was skipped: %q", errs)
	}
	for _, d := range dialects {
		got, err := os.ReadFile(filepath.Join(dir, "schema."+d+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema."+d+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("schema --out wrote a schema.%s.sql that differs from docs/schema.%s.sql", d, d)
		}
	}
	if code, out, _ := run(t, env, "schema", "--dialect", "sqlite"); code != 0 || !strings.HasPrefix(out, "-- bursa's database schema on SQLite") {
		t.Errorf("schema --dialect sqlite to standard output: %d %.80q", code, out)
	}
	if code, _, errs := run(t, map[string]string{}, "schema", "--dialect", "postgres"); code != 2 || !strings.Contains(errs, "BURSA_TEST_POSTGRES") {
		t.Errorf("schema --dialect postgres without a server: %d %q", code, errs)
	}
	if code, _, _ := run(t, env, "schema", "--db", "bursa.db"); code != 2 {
		t.Errorf("schema --db with a SQLite path: exit %d, want 2", code)
	}
}
