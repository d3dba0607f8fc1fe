package mydata_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/mydata"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The demo seeker, renamed to a name no generated person has, so that the
// database scan after deletion cannot trip over a namesake.
const (
	seekerLogin = "pencari@bursa.test"
	seekerPass  = "bursa-demo"
	uniqueName  = "Wulandari Tesmydata Kusumawardani"
)

type fixture struct {
	u       auth.User
	nik     string
	appID   int64
	otherNK string
}

func setup(t *testing.T, d *db.DB) (*apptest.App, fixture) {
	t.Helper()
	ctx := context.Background()
	a := apptest.Start(t, d, true)
	apptest.OtherSeeker(t, a.Services)
	u, err := a.Auth.ByLogin(ctx, seekerLogin)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE users SET name = ? WHERE id = ?`, `UPDATE seekers SET full_name = ? WHERE user_id = ?`} {
		if _, err := d.ExecContext(ctx, q, uniqueName, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	u.Name = uniqueName
	f := fixture{u: u, otherNK: "3603011204990007"}
	if f.nik, err = a.Seekers.OwnNIK(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	// A placement of this seeker, reported by the company's owner.
	var ownerID int64
	if err := d.QueryRowContext(ctx, `SELECT a.id, e.owner_id FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
		JOIN employers e ON e.id = v.employer_id JOIN seekers s ON s.id = a.seeker_id
		WHERE s.user_id = ? AND a.status NOT IN ('diterima', 'ditolak') ORDER BY a.id LIMIT 1`, u.ID).Scan(&f.appID, &ownerID); err != nil {
		t.Fatal(err)
	}
	owner, err := a.Auth.Get(ctx, ownerID)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Hire(t, a.Services, &owner, f.appID, wib.Date(a.Now()).Format("2006-01-02"), 6_000_000)
	return a, f
}

func TestExport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, f := setup(t, d)
		e, err := a.MyData.Export(context.Background(), &f.u)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"account", "roles", "seeker", "skills", "ak1_cards", "applications", "application_history",
			"placements", "complaints", "audit", "documents"} {
			if s, ok := e.Section(name); !ok || len(s.Rows) == 0 {
				t.Errorf("section %s is empty", name)
			}
		}
		for _, name := range []string{"contacts", "consents", "notifications", "invitations", "training_applications", "enrollments"} {
			if _, ok := e.Section(name); !ok {
				t.Errorf("section %s missing", name)
			}
		}
		raw, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		js := string(raw)
		var back map[string]any
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatalf("export is not JSON: %v", err)
		}
		if !strings.Contains(js, uniqueName) || !strings.Contains(js, seekerLogin) || !strings.Contains(js, mydata.MaskNIK(f.nik)) {
			t.Error("export lacks the person's own name, login or masked NIK")
		}
		if strings.Contains(js, f.nik) {
			t.Error("export carries the full NIK")
		}
		if strings.Contains(js, "Pencari Lain") || strings.Contains(js, f.otherNK) {
			t.Error("export carries another person's data")
		}
		// The export is audited, and the audit section names no officer.
		var n int
		if err := d.QueryRowContext(context.Background(), `SELECT count(*) FROM audit_log WHERE action = 'data.export' AND subject_id = ?`, f.u.ID).Scan(&n); err != nil || n != 1 {
			t.Errorf("export audited %d times (%v)", n, err)
		}
	})
}

func TestCorrect(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: "koreksi@bursa.test", Name: "Nama Lama", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Pencari}})
		if err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, a.MyData.Correct(ctx, &u, mydata.Correction{Name: "   "}), "name", "required")
		apptest.WantCode(t, a.MyData.Correct(ctx, &u, mydata.Correction{Lang: "fr"}), "lang", "lang_invalid")
		apptest.WantCode(t, a.MyData.Correct(ctx, &u, mydata.Correction{Name: strings.Repeat("a", 121)}), "name", "too_long")
		if err := a.MyData.Correct(ctx, &u, mydata.Correction{Name: " Nama  Baru ", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		got, _ := a.Auth.Get(ctx, u.ID)
		if got.Name != "Nama Baru" || got.Lang != "en" {
			t.Errorf("after correction: %q %q", got.Name, got.Lang)
		}
		apptest.WantIs(t, a.MyData.Correct(ctx, nil, mydata.Correction{Name: "x"}), fail.Unauthorized)
	})
}

func TestDelete(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, f := setup(t, d)
		ctx := context.Background()
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		const placements = `SELECT count(*) FROM placements`
		const apps = `SELECT count(*) FROM applications`
		const complaints = `SELECT count(*) FROM complaints`
		before := [3]int{count(placements), count(apps), count(complaints)}
		e, err := a.MyData.Export(ctx, &f.u)
		if err != nil {
			t.Fatal(err)
		}
		mine, _ := e.Section("complaints")
		if len(mine.Rows) == 0 {
			t.Fatal("the demo seeker filed no complaint; the test needs one")
		}
		if _, err := a.Auth.StartSession(ctx, f.u.ID); err != nil {
			t.Fatal(err)
		}

		// A wrong password changes nothing.
		apptest.WantCode(t, a.MyData.Delete(ctx, &f.u, "salah-sandi"), "password", "password_wrong")
		if got, err := a.Auth.ByLogin(ctx, seekerLogin); err != nil || got.Name != uniqueName {
			t.Fatalf("wrong password changed the account: %v %v", got, err)
		}

		if err := a.MyData.Delete(ctx, &f.u, seekerPass); err != nil {
			t.Fatal(err)
		}
		if after := [3]int{count(placements), count(apps), count(complaints)}; after != before {
			t.Errorf("rows before %v, after %v: applications, placements and complaints must stay", before, after)
		}
		if n := count(`SELECT count(*) FROM placements p JOIN applications a ON a.id = p.application_id WHERE a.id = ?`, f.appID); n != 1 {
			t.Error("the placement is gone")
		}
		for _, row := range mine.Rows {
			if n := count(`SELECT count(*) FROM complaints WHERE code = ?`, row[0]); n != 1 {
				t.Errorf("complaint %v is gone", row[0])
			}
		}
		if n := count(`SELECT count(*) FROM documents d JOIN seekers s ON s.id = d.seeker_id WHERE s.user_id = ?`, f.u.ID); n != 0 {
			t.Errorf("%d documents left after deletion", n)
		}
		if n := count(`SELECT count(*) FROM sessions WHERE user_id = ?`, f.u.ID); n != 0 {
			t.Errorf("%d sessions left", n)
		}
		if n := count(`SELECT count(*) FROM ak1_cards c JOIN seekers s ON s.id = c.seeker_id WHERE s.user_id = ? AND NOT c.revoked`, f.u.ID); n != 0 {
			t.Errorf("%d AK/1 cards still valid", n)
		}
		if n := count(`SELECT count(*) FROM audit_log WHERE action = 'account.delete' AND subject_id = ?`, f.u.ID); n != 1 {
			t.Error("deletion not audited")
		}
		// The report counts the placement still: the vacancy's hires.
		if n := count(`SELECT count(*) FROM placements p JOIN seekers s ON s.id = p.seeker_id WHERE s.user_id = ?`, f.u.ID); n == 0 {
			t.Error("the placement no longer reaches the tombstone")
		}

		// Nothing that names the person is left anywhere in the database.
		scan(t, d, uniqueName, f.nik, seekerLogin)
		// (A try at the old login records a throttle row of what was typed,
		// so it comes after the scan.)
		if _, err := a.Auth.Login(ctx, auth.Attempt{Login: seekerLogin, Password: seekerPass, Addr: "192.0.2.1"}); err == nil {
			t.Error("the deleted login still logs in")
		}

		// The login and the NIK are free for a new registration.
		nu, err := a.Auth.Create(ctx, d, auth.NewUser{Login: seekerLogin, Name: "Baru Lagi", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Pencari}})
		if err != nil {
			t.Fatalf("re-registration: %v", err)
		}
		if _, _, err := a.Seekers.Register(ctx, d, nu.ID, seeker.Input{NIK: f.nik, Profile: seeker.Profile{FullName: "Baru Lagi",
			DomicileRegion: "3603", Education: "sma"}}); err != nil {
			t.Fatalf("re-registration with the same NIK: %v", err)
		}
	})
}

func TestDeleteRefusals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		ctx := context.Background()
		for login, want := range map[string]error{"perusahaan@bursa.test": fail.Conflict, "petugas@bursa.test": fail.Forbidden} {
			u, err := a.Auth.ByLogin(ctx, login)
			if err != nil {
				t.Fatal(err)
			}
			err = a.MyData.Delete(ctx, &u, seekerPass)
			apptest.WantIs(t, err, want)
			if got, _ := a.Auth.ByLogin(ctx, login); got.Name != u.Name {
				t.Errorf("%s: refused deletion changed the account", login)
			}
		}
		apptest.WantIs(t, a.MyData.Delete(ctx, nil, "x"), fail.Unauthorized)
	})
}

// scan reads every row of every table and fails on any value holding one
// of needles (blobs included: sealed values must not hold them in clear).
func scan(t *testing.T, d *db.DB, needles ...string) {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if d.Dialect() == db.Postgres {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	}
	rows, err := d.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 40 {
		t.Fatalf("only %d tables found", len(tables))
	}
	seen := 0
	for _, table := range tables {
		rs, err := d.QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			// Virtual full-text tables' shadow tables may not be readable as such.
			if strings.Contains(table, "_fts") || strings.Contains(table, "search") {
				continue
			}
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				var s string
				if b, ok := v.([]byte); ok {
					s = string(b)
				} else {
					s = fmt.Sprint(v)
				}
				seen++
				for _, n := range needles {
					if strings.Contains(strings.ToLower(s), strings.ToLower(n)) {
						t.Errorf("%s.%s still holds %q: %.80q", table, cols[i], n, s)
					}
				}
			}
		}
		rs.Close()
	}
	if seen < 10000 {
		t.Fatalf("scanned only %d values", seen)
	}
}
