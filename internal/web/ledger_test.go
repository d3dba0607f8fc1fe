package web_test

import (
	"crypto/rand"

	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestTransparencyPages: the public page shows the log's size and key; a
// record page has its QR code; a seeker's application shows its record and
// the downloaded receipt proves inclusion under the published key.
func TestTransparencyPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a := srv.Services
		if _, err := a.Ledger.Checkpoint(t.Context()); err != nil {
			t.Fatal(err)
		}
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		st, body, _ := anon.get("/transparansi")
		if st != 200 || !strings.Contains(body, strings.Split(a.Ledger.VerifierKey, "+")[2]) || !regexp.MustCompile(`id="ledger-size">[1-9]\d*<`).MatchString(body) {
			t.Fatalf("transparency page: %d", st)
		}
		if strings.Contains(body, "Siti Nurhayati") {
			t.Fatal("a name in the public log")
		}
		if st, body, _ := anon.get("/transparansi/catatan/0"); st != 200 || !strings.Contains(body, "<svg") {
			t.Fatalf("record page: %d", st)
		}
		if st, _, _ := anon.get("/transparansi/catatan/99999999"); st != 404 {
			t.Errorf("missing record: %d", st)
		}
		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		_, body, _ = seeker.get("/pencari")
		m := regexp.MustCompile(`href="(/pencari/lamaran/\d+/tanda-terima)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no receipt link on the seeker dashboard")
		}
		if st, body, _ := seeker.get(m[1]); st != 200 || !strings.Contains(body, "<svg") || !strings.Contains(body, `id="receipt-salt"`) {
			t.Fatalf("receipt page: %d, want the record, its QR code and the salt", st)
		}
		m[1] += ".json"
		st, body, _ = seeker.get(m[1])
		var rc struct {
			ledger.Proof
			Salt, Commitment string
		}
		if st != 200 || json.Unmarshal([]byte(body), &rc) != nil {
			t.Fatalf("receipt: %d %.200s", st, body)
		}
		if _, err := ledger.CheckProof(rc.Proof, a.Ledger.VerifierKey); err != nil {
			t.Fatalf("receipt does not verify: %v", err)
		}
		if !strings.Contains(rc.Record, rc.Commitment) {
			t.Fatal("the receipt's record does not hold its commitment")
		}
		if st, _, _ := anon.get(m[1]); st != 303 && st != 401 && st != 403 {
			t.Errorf("anonymous receipt: %d", st)
		}
	})
}

// TestTransparencyShowsLosses: a signed loss notice is told on the public
// page (which records, when, why, under which name the log goes on), not
// only to verifier software.
func TestTransparencyShowsLosses(t *testing.T) {
	srv := apptest.Start(t, dbtest.SQLite(t), false)
	anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
	if _, body, _ := anon.get("/transparansi"); strings.Contains(body, `id="kehilangan"`) {
		t.Fatal("a log that lost nothing shows a loss section")
	}
	at := srv.Clock.T
	skey, vkey, err := note.GenerateKey(rand.Reader, "bursa.test/ledger/2")
	if err != nil {
		t.Fatal(err)
	}
	n := ledger.Notice{Lost: ledger.Head{Origin: "bursa.test/ledger"}, Kept: ledger.Head{Origin: "bursa.test/ledger"},
		Next: "bursa.test/ledger/2", NextKey: vkey, At: at, Reason: "disk rusak 2 Maret; dipulihkan dari cadangan 03.00"}
	n.Lost.N, n.Kept.N = 60, 40
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := note.Sign(&note.Note{Text: n.Text()}, signer)
	if err != nil {
		t.Fatal(err)
	}
	signed := string(msg)
	if _, err := srv.DB.ExecContext(t.Context(), `INSERT INTO ledger_notices (epoch, origin, vkey, record, note, checkpoint, created_at) VALUES (2, ?, ?, 40, ?, '', ?)`,
		n.Next, n.NextKey, signed, at); err != nil {
		t.Fatal(err)
	}
	_, body, _ := anon.get("/transparansi")
	for _, want := range []string{`id="kehilangan"`, "Catatan #40 sampai #59 hilang.", "disk rusak 2 Maret", "bursa.test/ledger/2"} {
		if !strings.Contains(body, want) {
			t.Errorf("the transparency page lacks %q: %s", want, body[strings.Index(body, "<main"):])
		}
	}
}
