package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestTrainingPagesOfAnotherParty: another provider's program, roster,
// enrollment, round and appeal are pages that do not exist (404) to the
// staff of another provider, to another seeker and to officers, while their
// owner opens them; the refused posts change nothing.
func TestTrainingPagesOfAnotherParty(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newTrainingSite(t, d)
		ctx := t.Context()
		one := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		program := one(`SELECT id FROM programs WHERE provider_id = ? ORDER BY id LIMIT 1`, s.blk.ID)
		round := one(`SELECT id FROM intake_rounds WHERE provider_id = ? AND allocated_at IS NOT NULL ORDER BY id LIMIT 1`, s.blk.ID)
		enrollment := one(`SELECT e.id FROM enrollments e JOIN programs p ON p.id = e.program_id WHERE p.provider_id = ?
			ORDER BY e.id LIMIT 1`, s.blk.ID)
		appeal := one(`SELECT ap.id FROM round_appeals ap JOIN intake_rounds r ON r.id = ap.round_id
			WHERE r.provider_id = ? AND ap.seeker_id <> ? ORDER BY ap.id LIMIT 1`, s.blk.ID, s.seekerID)

		// The staff of another provider, the demo LPK.
		u, err := s.a.Auth.Create(ctx, d, auth.NewUser{Login: "staf.lpk.uji@bursa.test", Name: "Staf LPK", Password: "rahasia-lpk-2026",
			Roles: []auth.Role{auth.Lembaga}})
		if err != nil {
			t.Fatal(err)
		}
		officer := one(`SELECT id FROM users WHERE email = 'petugas@bursa.test'`)
		if err := s.a.Training.AddStaff(ctx, officer, one(`SELECT id FROM providers WHERE kind = 'lpk' ORDER BY id LIMIT 1`), u.ID); err != nil {
			t.Fatal(err)
		}
		other := &browser{t: t, base: s.anon.base, c: apptest.NewClient()}
		other.loginAs("staf.lpk.uji@bursa.test", "rahasia-lpk-2026")

		state := func() string {
			var row string
			if err := d.QueryRowContext(ctx, `SELECT p.title || '|' || COALESCE(CAST(e.attendance_pct AS TEXT), '-') || '|' ||
				COALESCE(e.certificate_number, '-') FROM programs p, enrollments e WHERE p.id = ? AND e.id = ?`, program, enrollment).
				Scan(&row); err != nil {
				t.Fatal(err)
			}
			return fmt.Sprint(row, "|", s.count(`SELECT count(*) FROM audit_log`))
		}
		before := state()
		form := url.Values{"title": {"Diambil alih"}, "description": {"Pelatihan berbasis kompetensi SKKNI dengan praktik."},
			"skills": {"las-smaw"}, "hours": {"40"}, "region": {"3604"}, "seats": {"5"}}
		for _, c := range []struct {
			who  *browser
			path string
			form url.Values // nil: GET
		}{
			{other, fmt.Sprintf("/lembaga/program/%d", program), nil},
			{other, fmt.Sprintf("/lembaga/program/%d/ubah", program), nil},
			{other, fmt.Sprintf("/lembaga/program/%d/ubah", program), form},
			{other, fmt.Sprintf("/lembaga/program/%d/daftarkan", program), url.Values{"round": {fmt.Sprint(round)}}},
			{other, fmt.Sprintf("/lembaga/peserta/%d/kehadiran", enrollment), url.Values{"percent": {"10"}}},
			{other, fmt.Sprintf("/lembaga/peserta/%d/lulus", enrollment), url.Values{"completed_on": {"2026-01-05"}}},
			{other, fmt.Sprintf("/lembaga/peserta/%d/sertifikat", enrollment), url.Values{"certificate_number": {"X-1"}, "certified_on": {"2026-01-06"}}},
			{other, fmt.Sprintf("/pelatihan/gelombang/%d/alokasi", round), url.Values{}},
			{other, fmt.Sprintf("/pelatihan/keberatan/%d", appeal), nil},
			{other, fmt.Sprintf("/pelatihan/keberatan/%d", appeal), url.Values{"verdict": {"uphold"}, "decision": {"Diterima."}}},
			{s.seeker, fmt.Sprintf("/pelatihan/keberatan/%d", appeal), nil},
			{s.officer, fmt.Sprintf("/pelatihan/keberatan/%d", appeal), nil},
			{s.officer, fmt.Sprintf("/pelatihan/keberatan/%d", appeal), url.Values{"verdict": {"uphold"}, "decision": {"Diterima."}}},
		} {
			var st int
			if c.form == nil {
				st, _, _ = c.who.get(c.path)
			} else {
				st, _, _ = c.who.post(c.path, c.form)
			}
			if st != http.StatusNotFound {
				t.Errorf("%s by a stranger (form %v): %d, want 404", c.path, c.form != nil, st)
			}
		}
		if after := state(); after != before {
			t.Errorf("refused posts changed %s into %s", before, after)
		}
		// Their owner opens them.
		wantPage(t, s.lembaga, fmt.Sprintf("/lembaga/program/%d", program), 200)
		wantPage(t, s.lembaga, fmt.Sprintf("/pelatihan/keberatan/%d", appeal), 200, fmt.Sprintf(`id="keberatan-%d"`, appeal))
	})
}
