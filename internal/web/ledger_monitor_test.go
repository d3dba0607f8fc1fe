package web_test

import (
	"encoding/json"
	"html"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestMonitorPage: /transparansi/pemantau shows what the monitor found,
// with links to the records, and each listed witness with its latest
// cosignature, warning once it is older than the stale age;
// /ledger/findings and /api/v1/ledger/findings say the same in JSON.
func TestMonitorPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, false)
		a := srv.Services
		ctx := t.Context()
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, body, _ := anon.get("/transparansi/pemantau"); st != 200 || !strings.Contains(body, "Pemantau belum berjalan") {
			t.Fatalf("before the first run: %d", st)
		}
		// A placement with no application, and a witness that cosigns.
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.PlacementReported, At: a.Now(),
				Fields: map[string]any{"vacancy_id": 4, "employer_id": 1, "application": "ab"}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		signer, vkey, err := ledger.LoadCosigner(filepath.Join(t.TempDir(), "w.key"), "saksi.serikat.example")
		if err != nil {
			t.Fatal(err)
		}
		_, quiet, _ := ledger.LoadCosigner(filepath.Join(t.TempDir(), "q.key"), "saksi-diam.kampus.example")
		a.Ledger.Witnesses = []string{vkey, quiet}
		c := &ledger.Client{Base: srv.URL + "/ledger", HTTP: apptest.NewClient()}
		var st ledger.State
		if _, err := ledger.Witness(ctx, c, "", signer, &st, false); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Monitor.Run(ctx, c, a.Ledger.VerifierKey); err != nil {
			t.Fatal(err)
		}
		srv.Clock.T = time.Now() // the cosignature carries the witness's own clock
		code, body, _ := anon.get("/transparansi/pemantau")
		if code != 200 || !strings.Contains(body, `href="/transparansi/catatan/0"`) || !strings.Contains(body, "Setiap penempatan kerja didahului lamaran") ||
			!strings.Contains(body, "saksi.serikat.example") || !strings.Contains(body, "Aktif") {
			t.Fatalf("monitor page: %d\n%s", code, body)
		}
		// The quiet witness never cosigned: warned from the start.
		if strings.Count(body, "Perhatian: tidak ada tanda tangan") != 1 {
			t.Fatal("want one stale witness")
		}
		srv.Clock.T = time.Now().Add(25 * time.Hour)
		if _, body, _ := anon.get("/transparansi/pemantau"); strings.Count(body, "Perhatian: tidak ada tanda tangan dalam 24 jam") != 2 {
			t.Fatal("a witness silent for 25 hours is not warned about")
		}
		for _, path := range []string{"/ledger/findings", "/api/v1/ledger/findings"} {
			code, body, _ := anon.get(path)
			var out struct {
				Findings []struct {
					Rule    string
					Records []int64
				}
				Witnesses []struct {
					Name  string
					Size  int64
					Stale bool
				}
			}
			if err := json.Unmarshal([]byte(body), &out); code != 200 || err != nil {
				t.Fatalf("%s: %d %v", path, code, err)
			}
			if len(out.Findings) != 1 || out.Findings[0].Rule != "placement-follows-application" || len(out.Findings[0].Records) != 1 ||
				len(out.Witnesses) != 2 || out.Witnesses[0].Size != 1 || !out.Witnesses[0].Stale {
				t.Fatalf("%s: %s", path, body)
			}
		}
		if st, body, _ := anon.get("/transparansi/periksa?n=0"); st != 200 || !strings.Contains(html.UnescapeString(body), `value="`+a.Ledger.VerifierKey+`"`) ||
			!strings.Contains(body, `src="/static/periksa.js"`) {
			t.Fatalf("check page: %d", st)
		}
	})
}
