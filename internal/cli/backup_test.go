package cli

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// install is one bursa installation for a test: its database (a SQLite file
// or a schema of the test PostgreSQL) and its data folder.
type install struct {
	t       *testing.T
	dialect db.Dialect
	dir     string
	env     map[string]string
}

// bothInstalls runs fn on a SQLite install and, as dbtest does, a PostgreSQL one.
func bothInstalls(t *testing.T, fn func(t *testing.T, s *install)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, &install{t: t, dialect: db.SQLite, dir: dir, env: map[string]string{
			"BURSA_DB": filepath.Join(dir, "bursa.db"), "BURSA_DATA": filepath.Join(dir, "data")}})
	})
	t.Run("postgres", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, &install{t: t, dialect: db.Postgres, dir: dir, env: map[string]string{
			"BURSA_DB": pgSchema(t, dbtest.PostgresURL(t), "t_"+randHex(6)), "BURSA_DATA": filepath.Join(dir, "data")}})
	})
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// pgSchema makes schema in the database at base, to be dropped after the
// test, and returns base with search_path set to it.
func pgSchema(t *testing.T, base, schema string) string {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	return withParam(t, base, "search_path", schema)
}

// pgDatabase makes an empty database on the test server, dropped after the
// test, and returns its URL with search_path set to schema.
func pgDatabase(t *testing.T, schema string) string {
	base := dbtest.PostgresURL(t)
	name := "bursa_restore_" + randHex(4)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return withParam(t, u.String(), "search_path", schema)
}

func withParam(t *testing.T, raw, k, v string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
	return u.String()
}

func (s *install) run(args ...string) (int, string, string) {
	s.t.Helper()
	return run(s.t, s.env, args...)
}

// open opens the install's services as `bursa serve` does (the key, the last
// signed checkpoint, the epoch, the check of one against the other).
func (s *install) open() *app.Services {
	s.t.Helper()
	c := common{dsn: s.env["BURSA_DB"], dataDir: s.env["BURSA_DATA"]}
	a, err := c.open(context.Background(), Env{Getenv: func(k string) string { return s.env[k] }}, slog.New(slog.DiscardHandler))
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { a.DB.Close() })
	// The demo's password, and logins, at a test's cost (the hash carries
	// its parameters).
	a.Auth.Passwords = auth.NewPasswords(1024, 1, 1, 8)
	return a
}

func (s *install) schema() string {
	u, _ := url.Parse(s.env["BURSA_DB"])
	return u.Query().Get("search_path")
}

// appendRecords appends n records in transactions of one.
func appendRecords(ctx context.Context, d *db.DB, n int, tag string) error {
	for i := range n {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.VacancyPublished, At: time.Now(),
				Fields: map[string]any{"title": fmt.Sprintf("%s %d", tag, i)}})
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// rows reads a table's rows as text, for comparing two databases.
func rows(t *testing.T, d *db.DB, q string, args ...any) []string {
	t.Helper()
	r, err := d.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []string
	for r.Next() {
		var n int64
		var b []byte
		if err := r.Scan(&n, &b); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %x", n, b))
	}
	return out
}

func readManifest(path string, m *backupManifest) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	tr := tar.NewReader(f)
	if _, err := tr.Next(); err != nil {
		return err
	}
	return json.NewDecoder(tr).Decode(m)
}

// client is a cookie-keeping HTTP client for a test server.
type client struct {
	t   *testing.T
	srv *httptest.Server
	c   *http.Client
}

func (c *client) do(method, path string, body any) (*http.Response, string) {
	c.t.Helper()
	var r io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case url.Values:
		r, ct = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		j, _ := json.Marshal(b)
		r, ct = bytes.NewReader(j), "application/json"
	}
	req, _ := http.NewRequest(method, c.srv.URL+path, r)
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

func newVacancy(now time.Time, title string) map[string]any {
	return map[string]any{"title": title, "kbji": "8343", "skills": []string{}, "education": "smk", "region": "3672",
		"openings": 2, "wage_min": 9000000, "wage_max": 9500000, "contract": "pkwt",
		"closes_on": now.AddDate(0, 0, 20).Format("2006-01-02"), "description": "Mengoperasikan crane di pelabuhan Ciwandan."}
}

// TestBackupRestoreFreezeAnnounce: the whole story on each database, at
// both doors.
//
//  1. `bursa backup` of a install that takes writes all the while makes a file
//     (0600) that names the log it holds and the keys.
//  2. The install takes more writes, signs them, and a verifier sees them.
//  3. The database is lost; `bursa restore` puts the backup into a new one
//     beside the data folder (whose checkpoint file is newer): the restored
//     log is record for record and hash for hash the live one up to the
//     manifest's size, and restore says the install will be read-only.
//  4. Served, it reads (pages, API, log), says why it is read-only
//     (/healthz, a header, a banner), lets people log in, answers every
//     logged write 503 with Retry-After at both doors, grows and signs
//     nothing, and fails `verify --url` (shrank) and `verify --db`.
//  5. `bursa ledger announce-loss` starts epoch 2; the install writes again
//     under the new origin; `verify --url` from the verifier's memory
//     refuses the change when the notice is withheld and accepts it with
//     the notice, naming the records it saw that are gone; `verify --db`
//     passes and reports the notice.
//  6. restore refuses a used target, another key in the data folder, and a
//     damaged file; without pg_dump the backup says what to install.
func TestBackupRestoreFreezeAnnounce(t *testing.T) {
	bothInstalls(t, func(t *testing.T, s *install) {
		ctx := context.Background()
		a := s.open()
		if err := demo.Generate(ctx, a, demo.Config{Seed: 1, Seekers: 40, Employers: 5}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		pre, _ := ledger.Size(ctx, a.DB)

		// 1. A backup while records are appended.
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var werr error
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if werr = appendRecords(ctx, a.DB, 1, fmt.Sprintf("during %d", i)); werr != nil {
					return
				}
				time.Sleep(2 * time.Millisecond)
			}
		}()
		time.Sleep(30 * time.Millisecond)
		backup := filepath.Join(s.dir, "bursa.backup")
		code, out, errs := s.run("backup", "--to", backup)
		close(stop)
		wg.Wait()
		if code != 0 || werr != nil {
			t.Fatalf("backup: %d %q %q (writes: %v)", code, out, errs, werr)
		}
		if !strings.Contains(out, "as secret as the data") || !strings.Contains(out, "data/ledger.key") || !strings.Contains(out, "data/secret.key") {
			t.Fatalf("backup output: %s", out)
		}
		if info, err := os.Stat(backup); err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("backup file mode: %v %v", info, err)
		}
		var m backupManifest
		if err := readManifest(backup, &m); err != nil {
			t.Fatal(err)
		}
		if live, _ := ledger.Size(ctx, a.DB); m.Ledger.Size <= pre || m.Ledger.Size > live {
			t.Fatalf("manifest log size %d (live %d)", m.Ledger.Size, live)
		}
		if code, _, errs := s.run("backup", "--to", backup); code != 1 || !strings.Contains(errs, "never overwrites") {
			t.Fatalf("backup over a file: %d %q", code, errs)
		}

		// 2. More writes, signed, seen by a verifier.
		serve := func(a *app.Services) (*client, *client) {
			h, err := Handler(a)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			t.Cleanup(srv.Close)
			return &client{t, srv, apptest.NewClient()}, &client{t, srv, apptest.NewClient()}
		}
		a.Demo, a.Auth.AllowDemo = true, true
		hr, seeker := serve(a)
		login := func(c *client, who string) {
			if resp, body := c.do("POST", "/api/v1/session", map[string]string{"login": who, "password": "bursa-demo"}); resp.StatusCode != 200 {
				t.Fatalf("login %s: %d %s", who, resp.StatusCode, body)
			}
		}
		login(hr, "perusahaan@bursa.test")
		for i := range 3 {
			if resp, body := hr.do("POST", "/api/v1/vacancies", newVacancy(a.Now(), fmt.Sprintf("Operator %d", i))); resp.StatusCode != 201 {
				t.Fatalf("create: %d %s", resp.StatusCode, body)
			}
		}
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		signed, _ := ledger.Size(ctx, a.DB)
		state := filepath.Join(s.dir, "verifier.json")
		if code, out, errs := s.run("verify", "--url", hr.srv.URL, "--state", state); code != 0 {
			t.Fatalf("verify: %q %q", out, errs)
		}
		hr.srv.Close()
		live := a.DB

		// 3. The database is lost; the backup goes into a new one.
		if s.dialect == db.SQLite {
			// A copy of the lost database to compare with; then it is gone.
			lost := filepath.Join(s.dir, "lost.db")
			if err := live.VacuumInto(ctx, lost); err != nil {
				t.Fatal(err)
			}
			live.Close()
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(s.env["BURSA_DB"] + suffix)
			}
			var err error
			if live, err = db.Open(ctx, lost); err != nil {
				t.Fatal(err)
			}
			defer live.Close()
		} else {
			s.env["BURSA_DB"] = pgDatabase(t, s.schema())
		}
		code, out, errs = s.run("restore", "--from", backup)
		if code != 0 || !strings.Contains(out, fmt.Sprintf("log verified: %d records", m.Ledger.Size)) ||
			!strings.Contains(out, "READ-ONLY when served: database is behind the log's last signed checkpoint: size "+fmt.Sprint(signed)) {
			t.Fatalf("restore: %d %q %q", code, out, errs)
		}
		a = s.open()
		a.Demo, a.Auth.AllowDemo = true, true
		n := m.Ledger.Size
		if got, want := rows(t, a.DB, `SELECT n, data FROM ledger_records ORDER BY n`), rows(t, live, `SELECT n, data FROM ledger_records WHERE n < ? ORDER BY n`, n); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("restored records differ: %d against %d", len(got), len(want))
		}
		if got, want := rows(t, a.DB, `SELECT i, h FROM ledger_hashes ORDER BY i`), rows(t, live, `SELECT i, h FROM ledger_hashes WHERE i < ? ORDER BY i`, tlog.StoredHashCount(n)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("restored hashes differ: %d against %d", len(got), len(want))
		}

		// 4. Read-only.
		old, _ := ledger.Size(ctx, a.DB)
		hr, seeker = serve(a)
		if resp, body := hr.do("GET", "/healthz", nil); resp.StatusCode != 200 ||
			!strings.HasPrefix(body, fmt.Sprintf("read-only: database is behind the log's last signed checkpoint: size %d root ", signed)) ||
			!strings.Contains(body, "restore a later copy or announce the loss") {
			t.Fatalf("healthz: %d %q", resp.StatusCode, body)
		}
		if resp, body := hr.do("GET", "/lowongan", nil); resp.StatusCode != 200 || !strings.Contains(body, "Mode baca saja") ||
			resp.Header.Get("Bursa-Read-Only") == "" {
			t.Fatalf("list page: %d %v", resp.StatusCode, resp.Header)
		}
		if resp, body := hr.do("GET", "/api/v1/vacancies", nil); resp.StatusCode != 200 || !strings.Contains(body, `"items"`) {
			t.Fatalf("API read: %d %s", resp.StatusCode, body)
		}
		if resp, _ := hr.do("GET", "/ledger/checkpoint", nil); resp.StatusCode != 200 {
			t.Fatalf("ledger read: %d", resp.StatusCode)
		}
		login(hr, "perusahaan@bursa.test") // a session is no log record
		login(seeker, "pencari@bursa.test")
		resp, body := hr.do("POST", "/api/v1/vacancies", newVacancy(a.Now(), "Refused"))
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("API write while read-only: %d %s %v", resp.StatusCode, body, resp.Header)
		}
		var open int64
		if err := a.DB.QueryRowContext(ctx, `SELECT id FROM vacancies WHERE status = 'published' AND id NOT IN
			(SELECT vacancy_id FROM applications a JOIN seekers s ON s.id = a.seeker_id JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test')
			ORDER BY id LIMIT 1`).Scan(&open); err != nil {
			t.Fatal(err)
		}
		resp, body = seeker.do("POST", fmt.Sprintf("/lowongan/%d/lamar", open), url.Values{"note": {"Siap"}})
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Mode baca saja") {
			t.Fatalf("page write while read-only: %d %v", resp.StatusCode, resp.Header)
		}
		if n, _ := ledger.Size(ctx, a.DB); n != old {
			t.Fatalf("the log grew from %d to %d while read-only", old, n)
		}
		var before, after int64
		a.DB.QueryRowContext(ctx, `SELECT MAX(size) FROM ledger_checkpoints`).Scan(&before)
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatalf("checkpoint while read-only: %v", err)
		}
		a.DB.QueryRowContext(ctx, `SELECT MAX(size) FROM ledger_checkpoints`).Scan(&after)
		if before != after || after > old {
			t.Fatalf("signed while read-only: latest checkpoint %d, then %d (log %d)", before, after, old)
		}
		if code, _, errs := s.run("verify", "--url", hr.srv.URL, "--state", state); code != 1 || !strings.Contains(errs, fmt.Sprintf("shrank from %d to ", signed)) {
			t.Fatalf("verify --url while read-only: %d %q", code, errs)
		}
		if code, _, errs := s.run("verify", "--db", s.env["BURSA_DB"], "--data", s.env["BURSA_DATA"]); code != 1 || !strings.Contains(errs, "database is behind") {
			t.Fatalf("verify --db while read-only: %d %q", code, errs)
		}

		// 5. The operator cannot restore a later copy: announce the loss.
		code, out, errs = s.run("ledger", "announce-loss", "--reason", "database disk lost; restored the backup of the morning")
		if code != 0 || !strings.Contains(out, fmt.Sprintf("records %d–%d of bursa.banten.go.id/ledger are gone", old, signed-1)) ||
			!strings.Contains(out, "bursa.banten.go.id/ledger/2") {
			t.Fatalf("announce-loss: %d %q %q", code, out, errs)
		}
		hr.srv.Close()
		a.DB.Close()
		a = s.open()
		a.Demo, a.Auth.AllowDemo = true, true
		if a.Ledger.Origin() != "bursa.banten.go.id/ledger/2" {
			t.Fatalf("origin after the notice: %s", a.Ledger.Origin())
		}
		hr, _ = serve(a)
		if resp, body := hr.do("GET", "/healthz", nil); body != "ok\n" || resp.Header.Get("Bursa-Read-Only") != "" {
			t.Fatalf("healthz after the notice: %q", body)
		}
		login(hr, "perusahaan@bursa.test")
		if resp, body := hr.do("POST", "/api/v1/vacancies", newVacancy(a.Now(), "Again")); resp.StatusCode != 201 {
			t.Fatalf("write after the notice: %d %s", resp.StatusCode, body)
		}
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		if resp, body := hr.do("GET", "/ledger/notices", nil); resp.StatusCode != 200 || !strings.Contains(body, "bursa-ledger-loss-notice/v1") {
			t.Fatalf("notices: %d %s", resp.StatusCode, body)
		}
		hidden := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/ledger/notices" {
				w.Write([]byte("[]"))
				return
			}
			hr.srv.Config.Handler.ServeHTTP(w, r)
		}))
		defer hidden.Close()
		if code, _, errs := s.run("verify", "--url", hidden.URL, "--state", state); code != 1 || !strings.Contains(errs, "no loss notice signed by the key of bursa.banten.go.id/ledger") {
			t.Fatalf("verify without the notice: %d %q", code, errs)
		}
		code, out, errs = s.run("verify", "--url", hr.srv.URL, "--state", state)
		if code != 0 || !strings.Contains(out, "ok: bursa.banten.go.id/ledger/2") || !strings.Contains(out, "loss announced") ||
			!strings.Contains(out, fmt.Sprintf("records %d–%d, which this verifier saw before, are among those lost", old, signed-1)) {
			t.Fatalf("verify with the notice: %d %q %q", code, out, errs)
		}
		if code, out, errs := s.run("verify", "--db", s.env["BURSA_DB"], "--data", s.env["BURSA_DATA"]); code != 0 || !strings.Contains(out, "loss announced") || !strings.Contains(out, "holds the last checkpoint signed") {
			t.Fatalf("verify --db after the notice: %d %q %q", code, out, errs)
		}

		// 6. Refusals.
		if code, _, errs := s.run("restore", "--from", backup); code != 1 || !(strings.Contains(errs, "exists") || strings.Contains(errs, "already holds")) {
			t.Fatalf("restore over a database: %d %q", code, errs)
		}
		other := map[string]string{"BURSA_DB": s.env["BURSA_DB"], "BURSA_DATA": filepath.Join(t.TempDir(), "data")}
		if s.dialect == db.SQLite {
			other["BURSA_DB"] = filepath.Join(t.TempDir(), "x.db")
		}
		os.MkdirAll(other["BURSA_DATA"], 0o700)
		os.WriteFile(filepath.Join(other["BURSA_DATA"], "ledger.key"), []byte("another key\n"), 0o600)
		if code, _, errs := run(t, other, "restore", "--from", backup); code != 1 || !strings.Contains(errs, "differs from the backup's ledger.key") {
			t.Fatalf("restore beside another key: %d %q", code, errs)
		}
		b, _ := os.ReadFile(backup)
		b[len(b)/2] ^= 1 // inside the database, by far the biggest file
		damaged := filepath.Join(s.dir, "damaged.backup")
		os.WriteFile(damaged, b, 0o600)
		if code, _, errs := run(t, other, "restore", "--from", damaged); code != 1 || !strings.Contains(errs, "does not match the manifest") {
			t.Fatalf("restore a damaged file: %d %q", code, errs)
		}
		if s.dialect == db.Postgres {
			s.env["BURSA_PG_BIN"] = t.TempDir()
			if code, _, errs := s.run("backup", "--to", filepath.Join(s.dir, "nopg.backup")); code != 1 || !strings.Contains(errs, "pg_dump not found") || !strings.Contains(errs, "apt install postgresql-client") {
				t.Fatalf("backup without pg_dump: %d %q", code, errs)
			}
		}
	})
}
