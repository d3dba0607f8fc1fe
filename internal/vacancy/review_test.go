package vacancy_test

import (
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/screen"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// The advert of issue 15, which went live at once.
const feeAdvert = "Dibutuhkan operator produksi. Biaya administrasi Rp 500.000 untuk seragam dan medical check up dibayar pelamar."

func (f *fixture) searchIDs(t *testing.T, q string) map[int64]bool {
	t.Helper()
	res, err := f.vs.Search(f.ctx, vacancy.Filter{Q: q, PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, v := range res.Items {
		out[v.ID] = true
	}
	return out
}

// TestHeldFeeAdvert: a fee demand never reaches the public; a petugas's
// refusal returns it to draft with the reason told to the employer; an
// approval publishes it.
func TestHeldFeeAdvert(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "menengah")
		f.verified(t)
		in := f.input()
		in.Description = feeAdvert
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != vacancy.Held || v.Public() || !v.PublishedAt.IsZero() {
			t.Fatalf("created as %s (public %v), want held", v.Status, v.Public())
		}
		if _, err := f.vs.Visible(f.ctx, nil, v.ID); fail.KindOf(err) != fail.NotFound {
			t.Fatalf("public read of a held vacancy: %v, want not found", err)
		}
		if f.searchIDs(t, "operator")[v.ID] {
			t.Fatal("held vacancy in search")
		}
		sm, err := f.vs.Sitemap(f.ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range sm {
			if x.ID == v.ID {
				t.Fatal("held vacancy in the sitemap")
			}
		}
		sc, err := f.vs.Screening(f.ctx, f.hr, v.ID)
		if err != nil || len(sc.Flags) != 1 || sc.Flags[0].Code != screen.Fee || !sc.Publish {
			t.Fatalf("screening %+v, %v", sc, err)
		}
		// The queue is for petugas only; the employer is refused.
		if _, err := f.vs.ReviewQueue(f.ctx, f.hr, 10); fail.KindOf(err) != fail.Forbidden {
			t.Fatalf("employer reads the queue: %v", err)
		}
		q, err := f.vs.ReviewQueue(f.ctx, f.officer, 10)
		if err != nil || len(q) != 1 || q[0].ID != v.ID || q[0].Screen.Description != feeAdvert {
			t.Fatalf("queue %+v, %v", q, err)
		}
		if _, err := f.vs.Decide(f.ctx, f.officer, v.ID, false, "  "); codes(err)["reason"] != "reason_required" {
			t.Fatalf("decision without reason: %v", err)
		}
		if _, err := f.vs.Decide(f.ctx, f.hr, v.ID, true, "ok"); fail.KindOf(err) != fail.Forbidden {
			t.Fatalf("employer decides: %v", err)
		}
		got, err := f.vs.Decide(f.ctx, f.officer, v.ID, false, "Pelamar tidak boleh dimintai biaya.")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != vacancy.Draft {
			t.Fatalf("refused held vacancy is %s, want draft", got.Status)
		}
		screens, err := f.vs.Screens(f.ctx, f.emp.ID)
		if err != nil || screens[v.ID].Decision != "refused" || screens[v.ID].Reason != "Pelamar tidak boleh dimintai biaya." {
			t.Fatalf("dashboard screen %+v, %v", screens[v.ID], err)
		}
		items := f.inbox(t, f.hr)
		if len(items) == 0 || items[0].Kind != notify.Screening || !strings.Contains(items[0].Body, "tidak boleh dimintai biaya") {
			t.Fatalf("employer's inbox %+v", items)
		}
		entries, err := audit.For(f.ctx, d, "vacancy", v.ID, 10)
		if err != nil || len(entries) != 1 || entries[0].Action != "vacancy.review.refused" {
			t.Fatalf("audit %+v, %v", entries, err)
		}
		// Publishing the unchanged draft holds it again.
		if err := f.vs.SetStatus(f.ctx, f.hr, v.ID, vacancy.Published); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.vs.Get(f.ctx, v.ID); got.Status != vacancy.Held {
			t.Fatalf("republished fee advert is %s, want held", got.Status)
		}
		// An approval (the petugas judged the text lawful) publishes it.
		got, err = f.vs.Decide(f.ctx, f.officer, v.ID, true, "Sudah dicek: biaya ditanggung perusahaan.")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != vacancy.Published || got.PublishedAt.IsZero() || !got.Public() {
			t.Fatalf("approved vacancy %s at %v", got.Status, got.PublishedAt)
		}
		if !f.searchIDs(t, "operator")[v.ID] {
			t.Fatal("approved vacancy not in search")
		}
		if _, err := f.vs.Decide(f.ctx, f.officer, v.ID, true, "lagi"); codes(err)["status"] != "screen_nothing_to_review" {
			t.Fatalf("second decision: %v", err)
		}
	})
}

// TestEditTakesDown: an edit of a published vacancy that now asks a fee
// takes it down to ditinjau.
func TestEditTakesDown(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "menengah")
		f.verified(t)
		v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil || v.Status != vacancy.Published {
			t.Fatalf("clean vacancy: %s, %v", v.Status, err)
		}
		in := f.input()
		in.Description += " Uang seragam 150rb transfer ke rek BCA 1234567890."
		if err := f.vs.Update(f.ctx, f.hr, v.ID, in); err != nil {
			t.Fatal(err)
		}
		got, _ := f.vs.Get(f.ctx, v.ID)
		if got.Status != vacancy.Held || got.Public() {
			t.Fatalf("edited vacancy is %s, want held", got.Status)
		}
		if f.searchIDs(t, "operator")[v.ID] {
			t.Fatal("taken-down vacancy still in search")
		}
	})
}

// TestDiscriminationFlags: flagged sentences and the age cap stay off the
// public page until a petugas accepts the employer's reason; a contact
// outside bursa stays hidden and takes no reason.
func TestDiscriminationFlags(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "menengah")
		f.verified(t)
		in := f.input()
		in.Description = "Mengoperasikan mesin rolling di pabrik baja Cilegon.\nSyarat: pria, tinggi badan min 165 cm.\nKirim CV via WA 0812-1111-2222."
		in.AgeMax = 35
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != vacancy.Published {
			t.Fatalf("flagged (not held) vacancy is %s", v.Status)
		}
		if v.Description != "Mengoperasikan mesin rolling di pabrik baja Cilegon." || v.AgeMax != 0 {
			t.Fatalf("public text %q, age_max %d", v.Description, v.AgeMax)
		}
		sc, err := f.vs.Screening(f.ctx, f.hr, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]vacancy.Flag{}
		for _, fl := range sc.Flags {
			byCode[fl.Code+"/"+fl.Field] = fl
		}
		sex, age, contact := byCode["sex/description"], byCode["age/age_max"], byCode["contact/description"]
		if sex.ID == 0 || age.ID == 0 || contact.ID == 0 || byCode["body/description"].ID == 0 {
			t.Fatalf("flags %+v", sc.Flags)
		}
		if _, err := f.vs.Explain(f.ctx, f.hr, v.ID, contact.ID, "lebih cepat"); codes(err)["reason"] != "screen_no_reason" {
			t.Fatalf("reason for a contact flag: %v", err)
		}
		if _, err := f.vs.Explain(f.ctx, f.hr, v.ID, sex.ID, ""); codes(err)["reason"] != "reason_required" {
			t.Fatalf("empty reason: %v", err)
		}
		for _, id := range []int64{sex.ID, age.ID} {
			if _, err := f.vs.Explain(f.ctx, f.hr, v.ID, id, "Pekerjaan mengangkat gulungan baja 40 kg di ketinggian."); err != nil {
				t.Fatal(err)
			}
		}
		q, err := f.vs.ReviewQueue(f.ctx, f.officer, 10)
		if err != nil || len(q) != 1 || q[0].ID != v.ID {
			t.Fatalf("queue %+v, %v", q, err)
		}
		got, err := f.vs.Decide(f.ctx, f.officer, v.ID, true, "Alasan pekerjaan diterima.")
		if err != nil {
			t.Fatal(err)
		}
		want := "Mengoperasikan mesin rolling di pabrik baja Cilegon.\nSyarat: pria, tinggi badan min 165 cm."
		if got.Status != vacancy.Published || got.Description == want || got.AgeMax != 35 {
			// The body flag got no reason: its sentence (the same as the
			// sex flag's) stays hidden.
			t.Fatalf("after approval %s %q age %d", got.Status, got.Description, got.AgeMax)
		}
		// An edit that keeps the accepted sentences keeps them accepted.
		in.Description = "Mengoperasikan mesin rolling di pabrik baja Cilegon, shift pagi.\nSyarat: pria, tinggi badan min 165 cm."
		if err := f.vs.Update(f.ctx, f.hr, v.ID, in); err != nil {
			t.Fatal(err)
		}
		sc, _ = f.vs.Screening(f.ctx, f.hr, v.ID)
		for _, fl := range sc.Flags {
			if fl.Code == screen.Sex && fl.State != vacancy.FlagAccepted {
				t.Fatalf("accepted flag lost on edit: %+v", fl)
			}
		}
	})
}

// TestLegacyDraftScreenedOnPublish: a draft written before screening (or by
// a bulk loader, past the store) is screened when it is published.
func TestLegacyDraftScreenedOnPublish(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "menengah")
		f.verified(t)
		in := f.input()
		for name, want := range map[string]string{
			"Biaya adm 300rb dibayar pelamar.":            vacancy.Held,
			"Shift pagi. Kirim CV via WA 0812-3333-4444.": vacancy.Published,
		} {
			in.Description = name
			v, err := f.vs.Create(f.ctx, f.hr, in, false)
			if err != nil {
				t.Fatal(err)
			}
			// Forget the screening, as for a draft from before it.
			if _, err := d.ExecContext(f.ctx, `DELETE FROM vacancy_screens WHERE vacancy_id = ?`, v.ID); err != nil {
				t.Fatal(err)
			}
			d.ExecContext(f.ctx, `DELETE FROM vacancy_flags WHERE vacancy_id = ?`, v.ID)
			d.ExecContext(f.ctx, `UPDATE vacancies SET description = ? WHERE id = ?`, name, v.ID)
			if err := f.vs.SetStatus(f.ctx, f.hr, v.ID, vacancy.Published); err != nil {
				t.Fatal(err)
			}
			got, _ := f.vs.Get(f.ctx, v.ID)
			if got.Status != want {
				t.Errorf("%q published as %s, want %s", name, got.Status, want)
			}
			if want == vacancy.Published && got.Description != "Shift pagi." {
				t.Errorf("published legacy draft shows %q", got.Description)
			}
		}
	})
}
