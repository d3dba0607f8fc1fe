package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"BURSA_DB": filepath.Join(dir, "b.db"), "BURSA_DATA": filepath.Join(dir, "data"), "BURSA_PASSWORD": "Sawah-Hijau-77"}
	if code, out, _ := run(t, env, "version"); code != 0 || !strings.HasPrefix(out, "bursa ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, _ := run(t, env, "nonsense"); code != 2 {
		t.Fatalf("unknown command exit %d", code)
	}
	if code, out, errs := run(t, env, "migrate"); code != 0 || !strings.Contains(out, "migrations applied") {
		t.Fatalf("migrate: %d %q %q", code, out, errs)
	}
	code, out, errs := run(t, env, "user", "add", "--login", "0812-3333-4444", "--name", "Agus Petugas", "--role", "petugas,analis")
	if code != 0 || !strings.Contains(out, "+6281233334444") {
		t.Fatalf("user add: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, env, "user", "add", "--login", "0812-3333-4444", "--name", "Lagi", "--role", "petugas"); code != 1 || !strings.Contains(errs, "login") {
		t.Fatalf("duplicate user: %d %q", code, errs)
	}
	if code, _, _ := run(t, env, "user", "add", "--login", "x@y.id", "--name", "X", "--role", "raja"); code != 2 {
		t.Fatalf("unknown role: %d", code)
	}
	code, out, errs = run(t, env, "demo", "--seekers", "50", "--employers", "5")
	if code != 1 || !strings.Contains(errs, "not empty") {
		t.Fatalf("demo into a used database: %d %q %q", code, out, errs)
	}
	// A witness key that is no key stops the start, naming the setting.
	bad := map[string]string{"BURSA_DB": env["BURSA_DB"], "BURSA_DATA": env["BURSA_DATA"], "BURSA_LEDGER_WITNESSES": "saksi+bukan+kunci", "BURSA_PASSWORD": "Sawah-Hijau-77"}
	if code, _, errs := run(t, bad, "user", "add", "--login", "x@y.id", "--name", "X", "--role", "petugas"); code != 1 || !strings.Contains(errs, "BURSA_LEDGER_WITNESSES") {
		t.Fatalf("bad witness key: %d %q", code, errs)
	}
	env["BURSA_DB"] = filepath.Join(dir, "demo.db")
	if code, out, errs := run(t, env, "demo", "--seekers", "50", "--employers", "5"); code != 0 || !strings.Contains(out, "demo province generated") {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
}
