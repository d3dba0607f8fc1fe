package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestComplaintNewsContact: a complainant without an account may leave a
// contact to be told that there is news; it is sealed in the database,
// never on an officer's page or API answer, and the message tells nothing
// of the complaint. A complainant logged in hears in their inbox.
func TestComplaintNewsContact(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		mk := func(who string) *browser {
			b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
			if who != "" {
				b.login(who)
			}
			return b
		}
		worker, pengawas := mk(""), mk("pengawas@bursa.test")
		const contact = "saksi.rahasia@contoh.test"
		narrative := "Upah lembur hari Minggu tidak dibayar sejak Desember, mandor bilang itu sudah termasuk gaji pokok."
		form := url.Values{"category": {"lembur"}, "employer_name": {"PT Maju Jaya Serang"}, "region": {"3604"},
			"happened_on": {"2026-02-20"}, "narrative": {narrative}, "pin": {"258036"}, "pin2": {"258036"},
			"contact": {"bukan kontak"}, "contact_channel": {"email"}}
		st, body, _ := worker.postMultipart("/pengaduan", form, nil)
		if st != 422 || !errBeside(body, "contact", "email yang benar") {
			t.Fatalf("bad contact: %d", st)
		}
		form.Set("contact", "Saksi.Rahasia@contoh.test")
		st, body, _ = worker.postMultipart("/pengaduan", form, nil)
		m := codeRE.FindStringSubmatch(body)
		if st != 200 || m == nil {
			t.Fatalf("filing: %d %.300s", st, body)
		}
		var complaintID, caseID int64
		var sealed []byte
		if err := d.QueryRowContext(ctx, `SELECT id, case_id, news_contact_enc FROM complaints WHERE code = ?`, m[1]).Scan(&complaintID, &caseID, &sealed); err != nil {
			t.Fatal(err)
		}
		if len(sealed) == 0 || strings.Contains(strings.ToLower(string(sealed)), "saksi") {
			t.Fatalf("the contact is not sealed: %q", sealed)
		}
		outbox := func() []string {
			rows, err := d.QueryContext(ctx, `SELECT kind || '|' || channel || '|' || subject || '|' || body || '|' || url FROM outbox WHERE address = ? ORDER BY id`, contact)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var s string
				rows.Scan(&s)
				out = append(out, s)
			}
			return out
		}
		if got := outbox(); len(got) != 0 {
			t.Fatalf("mail before any news: %q", got)
		}
		casePath := fmt.Sprintf("/pengawasan/kasus/%d", caseID)
		if st, _, _ := pengawas.post(casePath+"/status", url.Values{"to": {"diverifikasi"}, "reason": {"Perusahaan ada, laporan dapat diperiksa."}}); st != http.StatusSeeOther {
			t.Fatalf("verify: %d", st)
		}
		want := "pengaduan|email|Ada kabar baru untuk pengaduan Anda|Ada kabar baru untuk pengaduan Anda; buka dengan kode lacak Anda.|/pengaduan/lacak"
		if got := outbox(); len(got) != 1 || got[0] != want {
			t.Fatalf("news of the state change: %q", got)
		}
		if st, _, _ := pengawas.post(fmt.Sprintf("/pengawasan/pengaduan/%d/pesan", complaintID), url.Values{"body": {"Apakah ada slip gaji yang bisa difoto?"},
			"case": {fmt.Sprint(caseID)}}); st != http.StatusSeeOther {
			t.Fatalf("officer message: %d", st)
		}
		if got := outbox(); len(got) != 2 || got[1] != want {
			t.Fatalf("news of the officer's message: %q", got)
		}
		// The contact is on no officer's page or API answer of the case.
		for _, p := range []string{"/pengawasan", casePath, fmt.Sprintf("/pengawasan/pengaduan/%d", complaintID),
			fmt.Sprintf("/api/v1/cases/%d", caseID), fmt.Sprintf("/api/v1/cases/%d/complaints/%d", caseID, complaintID), "/api/v1/cases"} {
			st, body, _ := pengawas.get(p)
			if st != 200 {
				t.Errorf("GET %s = %d", p, st)
			}
			if strings.Contains(strings.ToLower(body), "saksi.rahasia") || strings.Contains(body, "contoh.test") {
				t.Errorf("GET %s shows the complainant's contact", p)
			}
		}

		// A logged-in complainant hears in their inbox, without a contact.
		seeker := mk("pencari@bursa.test")
		form.Del("contact")
		form.Del("contact_channel")
		form.Set("narrative", "Kontrak saya diperpanjang terus tiga kali tanpa jeda, padahal pekerjaannya tetap dan terus menerus.")
		form.Set("category", "kontrak_alih_daya")
		st, body, _ = seeker.postMultipart("/pengaduan", form, nil)
		m = codeRE.FindStringSubmatch(body)
		if st != 200 || m == nil {
			t.Fatalf("filing logged in: %d %.300s", st, body)
		}
		if err := d.QueryRowContext(ctx, `SELECT case_id FROM complaints WHERE code = ?`, m[1]).Scan(&caseID); err != nil {
			t.Fatal(err)
		}
		if st, _, _ := pengawas.post(fmt.Sprintf("/pengawasan/kasus/%d/status", caseID), url.Values{"to": {"diverifikasi"}, "reason": {"Dapat diperiksa."}}); st != http.StatusSeeOther {
			t.Fatalf("verify: %d", st)
		}
		var n int
		d.QueryRowContext(ctx, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.email = 'pencari@bursa.test' AND n.kind = 'pengaduan' AND n.url = ?`, "/pengaduan/saya/"+m[1]).Scan(&n)
		if n != 1 {
			t.Errorf("the logged-in complainant got %d notices", n)
		}
	})
}
