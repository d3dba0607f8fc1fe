package cli

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestVerifyDemoLog: the log of a demo province verifies with `bursa verify
// --url`, an applicant's receipt verifies, the witness cosigns, and a
// changed record fails both `verify --url` and `verify --db`, named.
func TestVerifyDemoLog(t *testing.T) {
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "demo.db")
	d := dbtest.SQLiteFile(t, dbFile)
	a, _ := apptest.Services(t, d)
	apptest.Demo(t, a)
	ctx := context.Background()
	if _, err := a.Ledger.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	h, err := Handler(a)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	size, _ := ledger.Size(ctx, d)
	if size < 100 {
		t.Fatalf("the demo log has only %d records", size)
	}
	state := filepath.Join(dir, "state.json")
	code, out, errs := run(t, nil, "verify", "--url", srv.URL, "--state", state)
	if code != 0 || !strings.Contains(out, "ok:") {
		t.Fatalf("verify --url: %d %q %q", code, out, errs)
	}

	// The demo seeker's first application: its receipt proves inclusion.
	var appID, seekerID int64
	if err := d.QueryRowContext(ctx, `SELECT a.id, a.seeker_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
		JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' ORDER BY a.id LIMIT 1`).Scan(&appID, &seekerID); err != nil {
		t.Fatal(err)
	}
	r, err := a.Vacancies.Receipt(ctx, appID, seekerID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Ledger.Prove(ctx, r.LedgerN)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Record, r.Commitment) {
		t.Fatalf("record %d does not hold the application's commitment", r.LedgerN)
	}
	receipt := filepath.Join(dir, "receipt.json")
	b, _ := ledgerJSON(p)
	os.WriteFile(receipt, b, 0o600)
	if code, out, errs := run(t, nil, "verify", "--url", srv.URL, "--state", state, "--receipt", receipt); code != 0 || !strings.Contains(out, "receipt ok") {
		t.Fatalf("verify --receipt: %d %q %q", code, out, errs)
	}
	// The operator trusts this witness's key.
	_, wv, err := ledger.LoadKey(filepath.Join(dir, "witness.key"), "witness.bursa.local")
	if err != nil {
		t.Fatal(err)
	}
	a.Ledger.Witnesses = []string{wv}
	if code, out, errs := run(t, nil, "witness", "--log", srv.URL, "--key", filepath.Join(dir, "witness.key")); code != 0 || !strings.Contains(out, "cosigned") {
		t.Fatalf("witness: %d %q %q", code, out, errs)
	}
	// A verifier that requires this witness: the tree extends what it cosigned.
	if code, out, errs := run(t, nil, "verify", "--url", srv.URL, "--state", state, "--witness", wv); code != 0 || !strings.Contains(out, "witness witness.bursa.local cosigned") {
		t.Fatalf("verify --witness: %d %q %q", code, out, errs)
	}
	// One that requires a witness that never cosigned is refused.
	_, other, _ := ledger.LoadKey(filepath.Join(dir, "other.key"), "saksi.lain")
	if code, _, errs := run(t, nil, "verify", "--url", srv.URL, "--state", state, "--witness", other); code != 1 || !strings.Contains(errs, "no checkpoint of 1 to") {
		t.Fatalf("verify --witness (never cosigned): %d %q", code, errs)
	}

	// Someone edits record 5 in the database.
	if _, err := d.ExecContext(ctx, `UPDATE ledger_records SET data = ? WHERE n = 5`, []byte(`{"kind":"vacancy.published","v":1}`)); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, nil, "verify", "--url", srv.URL, "--state", state); code != 1 || !strings.Contains(errs, "record 5") {
		t.Fatalf("verify --url after tampering: %d %q", code, errs)
	}
	if code, _, errs := run(t, nil, "verify", "--db", dbFile); code != 1 || !strings.Contains(errs, "record 5") {
		t.Fatalf("verify --db after tampering: %d %q", code, errs)
	}
}

func ledgerJSON(p ledger.Proof) ([]byte, error) { return json.Marshal(p) }
