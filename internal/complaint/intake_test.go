package complaint_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

// TestCategories: the stable codes are exactly the list.
func TestCategories(t *testing.T) {
	want := "upah_di_bawah_umk upah_tidak_dibayar lembur bpjs kontrak_alih_daya phk pemberangusan_serikat k3 diskriminasi calo lainnya"
	if got := strings.Join(complaint.Categories, " "); got != want {
		t.Fatalf("categories = %s", got)
	}
}

func TestCheckUMK(t *testing.T) {
	tests := []struct {
		region string
		on     string
		wage   int64
		want   complaint.UMKCheck
	}{
		{"3672", "2026-02-10", 5_000_000, complaint.UMKCheck{Checked: true, Below: true, UMK: 5469922, Year: 2026}},
		{"3672", "2026-02-10", 5_469_922, complaint.UMKCheck{Checked: true, Below: false, UMK: 5469922, Year: 2026}},
		{"3672", "2025-11-30", 5_200_000, complaint.UMKCheck{Checked: true, Below: false, UMK: 5128084, Year: 2025}},
		{"3602", "2025-06-01", 3_000_000, complaint.UMKCheck{Checked: true, Below: true, UMK: 3172384, Year: 2025}},
		// A year not yet in the data uses the latest earlier year's UMK.
		{"3604", "2027-01-15", 5_000_000, complaint.UMKCheck{Checked: true, Below: true, UMK: 5178521, Year: 2026}},
		// Before the data: not checked rather than judged by a later UMK.
		{"3604", "2024-12-31", 1_000_000, complaint.UMKCheck{}},
		{"3604", "2026-01-01", 0, complaint.UMKCheck{}},
		{"3199", "2026-01-01", 1_000_000, complaint.UMKCheck{}},
	}
	for _, tt := range tests {
		if got := complaint.CheckUMK(tt.region, date(tt.on), tt.wage); got != tt.want {
			t.Errorf("CheckUMK(%s, %s, %d) = %+v, want %+v", tt.region, tt.on, tt.wage, got, tt.want)
		}
	}
}

func TestEmployerKey(t *testing.T) {
	tests := []struct {
		id   int64
		name string
		want string
	}{
		{12, "ignored", "id:12"},
		{0, "PT. Baja Mandiri Cilegon", "nama:baja mandiri cilegon"},
		{0, "  baja   MANDIRI, cilegon ", "nama:baja mandiri cilegon"},
		{0, "CV Sinar Jaya (Persero) Tbk.", "nama:sinar jaya"},
		{0, "PT", ""},
		{0, "", ""},
	}
	for _, tt := range tests {
		if got := complaint.EmployerKey(tt.id, tt.name); got != tt.want {
			t.Errorf("EmployerKey(%d, %q) = %q, want %q", tt.id, tt.name, got, tt.want)
		}
	}
}

func TestPINAndCode(t *testing.T) {
	pins := map[string]string{"482913": "", "90817263": "", "123456": "pin_weak", "111111": "pin_weak",
		"987654": "pin_weak", "890123": "pin_weak", "12345": "pin_invalid", "12a456": "pin_invalid",
		"1234567890123": "pin_invalid", "": "pin_invalid"}
	for pin, want := range pins {
		if got := complaint.PINProblem(pin); got != want {
			t.Errorf("PINProblem(%q) = %q, want %q", pin, got, want)
		}
	}
	codes := map[string]string{"BK-7Q4M-2XRT": "BK-7Q4M-2XRT", "bk 7q4m 2xrt": "BK-7Q4M-2XRT", "bk7q4m2xrt": "BK-7Q4M-2XRT",
		"BK-7Q4M-2XRO": "BK-7Q4M-2XR0", "BK-7Q4M-2XRI": "BK-7Q4M-2XR1", "8K-7Q4M-2XRT": "BK-7Q4M-2XRT",
		"BK-7Q4M-2XR": "", "XX-7Q4M-2XRT": "", "BK-7Q4M-2XRU": "", "BK-7Q4M-2XR€": ""}
	for in, want := range codes {
		got, ok := complaint.NormalizeCode(in)
		if ok != (want != "") || got != want {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for i := 0; i < 200; i++ {
		c := complaint.NewCode()
		if got, ok := complaint.NormalizeCode(c); !ok || got != c {
			t.Fatalf("NewCode %s does not read back (%s)", c, got)
		}
	}
}

func FuzzNormalizeCode(f *testing.F) {
	f.Add("bk 7q4m 2xrt")
	f.Add("BK-0000-0000")
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := complaint.NormalizeCode(s)
		if !ok {
			return
		}
		if len(c) != 12 || c[:3] != "BK-" || c[7] != '-' {
			t.Fatalf("NormalizeCode(%q) = %q", s, c)
		}
		if again, ok := complaint.NormalizeCode(c); !ok || again != c {
			t.Fatalf("not idempotent: %q → %q → %q", s, c, again)
		}
	})
}

// FuzzPIN: the tracking PIN parser accepts only 6–12 ASCII digits, and
// the code and PIN checks never panic together.
func FuzzPIN(f *testing.F) {
	f.Add("401927")
	f.Add("123456")
	f.Add("４０１９２７")
	f.Fuzz(func(t *testing.T, pin string) {
		if complaint.PINProblem(pin) != "" {
			return
		}
		if len(pin) < 6 || len(pin) > 12 {
			t.Fatalf("accepted PIN %q of %d bytes", pin, len(pin))
		}
		for _, r := range pin {
			if r < '0' || r > '9' {
				t.Fatalf("accepted PIN %q", pin)
			}
		}
	})
}

// TestIntakeValidation is the table of intake rules: each row breaks one.
func TestIntakeValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		worker := e.user("Siti Nurhayati", auth.Pencari)
		union := e.user("Ketua PUK SPSI", auth.Serikat)
		big := make([]byte, complaint.MaxEvidenceBytes+1)
		tests := []struct {
			name  string
			u     *auth.User
			edit  func(*complaint.Input)
			field string
			code  string
		}{
			{"unknown category", worker, func(in *complaint.Input) { in.Category = "gaji" }, "category", "choose_one"},
			{"no employer", worker, func(in *complaint.Input) { in.EmployerID = 0 }, "employer_name", "employer_required"},
			{"unknown employer", worker, func(in *complaint.Input) { in.EmployerID = 999999 }, "employer_id", "employer_unknown"},
			{"region outside Banten", worker, func(in *complaint.Input) { in.Region = "3201" }, "region", "region_invalid"},
			{"short narrative", worker, func(in *complaint.Input) { in.Narrative = "tidak dibayar" }, "narrative", "narrative_short"},
			{"long narrative", worker, func(in *complaint.Input) { in.Narrative = strings.Repeat("a", 8001) }, "narrative", "too_long"},
			{"no date", worker, func(in *complaint.Input) { in.HappenedOn = "" }, "happened_on", "required"},
			{"bad date", worker, func(in *complaint.Input) { in.HappenedOn = "20-02-2026" }, "happened_on", "date_invalid"},
			{"future date", worker, func(in *complaint.Input) { in.HappenedOn = "2026-03-03" }, "happened_on", "date_future"},
			{"workers", worker, func(in *complaint.Input) { in.WorkersAffected = -2 }, "workers_affected", "workers_invalid"},
			{"wage below UMK needs the wage", worker, func(in *complaint.Input) { in.Category = complaint.UpahDiBawahUMK }, "monthly_wage", "required"},
			{"implausible wage", worker, func(in *complaint.Input) { in.MonthlyWage = -1 }, "monthly_wage", "wage_invalid"},
			{"anonymous without account needs a PIN", nil, func(in *complaint.Input) {}, "pin", "required"},
			{"weak PIN", nil, func(in *complaint.Input) { in.PIN = "123456" }, "pin", "pin_weak"},
			{"short PIN", worker, func(in *complaint.Input) { in.PIN = "4821" }, "pin", "pin_invalid"},
			{"sealed needs anonymous", worker, func(in *complaint.Input) { in.Sealed = true }, "sealed", "sealed_needs_anonymous"},
			{"members need a union officer", worker, func(in *complaint.Input) { in.UnnamedMembers = 5 }, "union_name", "members_need_serikat"},
			{"union name required", union, func(in *complaint.Input) { in.UnnamedMembers = 5 }, "union_name", "required"},
			{"union filing is not anonymous", union, func(in *complaint.Input) { in.UnionName = "PUK SPSI"; in.Anonymous = true }, "anonymous", "union_not_anonymous"},
			{"named member needs consent", union, func(in *complaint.Input) {
				in.UnionName = "PUK SPSI"
				in.Members = []complaint.Member{{Name: "Ujang", Consent: true}, {Name: "Asep"}}
			}, "members.1", "member_consent_required"},
			{"member account must exist", union, func(in *complaint.Input) {
				in.UnionName = "PUK SPSI"
				in.Members = []complaint.Member{{Name: "Ujang", Consent: true, UserID: 424242}}
			}, "members.0", "member_unknown"},
			{"adverse action", worker, func(in *complaint.Input) { in.Adverse = "dipecat" }, "adverse", "choose_one"},
			{"too many files", worker, func(in *complaint.Input) { in.Files = make([]complaint.Upload, complaint.MaxEvidenceFiles+1) }, "files", "too_many"},
			{"file type", worker, func(in *complaint.Input) { in.Files = []complaint.Upload{complaint.UploadBytes([]byte("GIF89a...."))} }, "files", "evidence_type"},
			{"file size", worker, func(in *complaint.Input) { in.Files = []complaint.Upload{complaint.UploadBytes(big)} }, "files", "evidence_too_big"},
		}
		before := e.count(`SELECT count(*) FROM complaints`)
		for _, tt := range tests {
			in := input(emp)
			tt.edit(&in)
			_, err := e.s.Submit(e.ctx, tt.u, in, "10.0.0.1")
			if !apptest.HasCode(err, tt.field, tt.code) {
				t.Errorf("%s: want %s/%s, got %v", tt.name, tt.field, tt.code, err)
			}
		}
		if n := e.count(`SELECT count(*) FROM complaints`); n != before {
			t.Fatalf("invalid complaints stored: %d", n-before)
		}
	})
}

// TestIntake: a named worker, an anonymous worker without an account, and
// a union for its members; each opens an inspection case, flags a wage
// below the UMK, keeps evidence without metadata and seals what is
// confidential.
func TestIntake(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		worker := e.user("Siti Nurhayati", auth.Pencari)

		in := input(emp)
		in.Category = complaint.UpahDiBawahUMK
		in.MonthlyWage = 4_200_000
		in.Files = []complaint.Upload{complaint.UploadBytes(photo(t, 16, 16, 1)), complaint.UploadBytes([]byte(minimalPDF))}
		r := e.submit(worker, in)
		if r.Code == "" || r.CaseID == 0 || r.Waiting {
			t.Fatalf("receipt %+v", r)
		}
		if !r.UMK.Below || r.UMK.UMK != 5178521 || r.UMK.Year != 2026 {
			t.Fatalf("UMK flag %+v", r.UMK)
		}
		c := e.caseOf(o.supSerang, r.CaseID)
		if c.State != complaint.Diterima || c.Kind != complaint.KindInspection || !c.BelowUMK || c.Workers != 12 || c.Reports != 1 {
			t.Fatalf("case %+v", c.CaseSummary)
		}
		// Verification is due in 2 working days: Wednesday 4 March.
		if got := c.Deadline.Format("2006-01-02"); got != "2026-03-04" {
			t.Fatalf("deadline %s", got)
		}
		conf, err := e.s.OpenComplaint(e.ctx, o.supSerang, c.Complaints[0])
		if err != nil {
			t.Fatal(err)
		}
		if conf.Identity == nil || conf.Identity.Name != "Siti Nurhayati" || conf.Identity.UserID != worker.ID || conf.Via != complaint.ViaAccount {
			t.Fatalf("identity %+v", conf.Identity)
		}
		if conf.Narrative.Text != in.Narrative || conf.Narrative.MonthlyWage != 4_200_000 || conf.HappenedOn.Format("2006-01-02") != "2026-02-20" {
			t.Fatalf("narrative %+v", conf)
		}
		if len(conf.Files) != 2 || conf.Files[0].Type != complaint.TypeJPEG || !conf.Files[0].Stripped || conf.Files[1].Stripped {
			t.Fatalf("files %+v", conf.Files)
		}
		_, data, err := e.s.Evidence(e.ctx, o.supSerang, conf.Files[0].ID)
		if err != nil || strings.Contains(string(data), "GPS-LOKASI") || data[0] != 0xFF {
			t.Fatalf("evidence: %v", err)
		}

		// Anonymous, without an account: no identity at all; the PIN is
		// stored as an argon2id hash.
		anon := input(emp)
		anon.PIN = "482913"
		ra := e.submit(nil, anon)
		var pinHash string
		var identity []byte
		d.QueryRowContext(e.ctx, `SELECT pin_hash, identity_enc FROM complaints WHERE code = ?`, ra.Code).Scan(&pinHash, &identity)
		if !strings.HasPrefix(pinHash, "$argon2id$") || strings.Contains(pinHash, "482913") || identity != nil {
			t.Fatalf("anonymous stored: %q, identity %v", pinHash, identity)
		}
		ca := e.caseOf(o.supSerang, ra.CaseID)
		conf, err = e.s.OpenComplaint(e.ctx, o.supSerang, ca.Complaints[0])
		if err != nil || conf.Identity != nil || !conf.Anonymous || conf.Via != complaint.ViaAnonymous {
			t.Fatalf("anonymous opened: %+v, %v", conf, err)
		}

		// A union for its members: named with consent, plus unnamed ones.
		union := e.user("Ketua PUK SPSI", auth.Serikat)
		member := e.user("Ujang Suryana", auth.Pencari)
		ui := input(emp)
		ui.Category = complaint.PemberangusanSerikat
		ui.WorkersAffected = 0
		ui.UnionName = "PUK SPSI PT Baja Mandiri"
		ui.Members = []complaint.Member{{Name: "Ujang Suryana", UserID: member.ID, Consent: true, ConsentNote: "formulir persetujuan bertanda tangan"},
			{Name: "Asep", Consent: true}}
		ui.UnnamedMembers = 30
		ru := e.submit(union, ui)
		cu := e.caseOf(o.supSerang, ru.CaseID)
		if cu.Workers != 32 {
			t.Fatalf("union workers %d", cu.Workers)
		}
		conf, err = e.s.OpenComplaint(e.ctx, o.supSerang, cu.Complaints[0])
		if err != nil || conf.Via != complaint.ViaUnion || conf.Identity.UnionName != "PUK SPSI PT Baja Mandiri" ||
			len(conf.Members) != 2 || !conf.Members[0].HasAccount || conf.Members[1].HasAccount ||
			conf.Members[0].ConsentNote == "" || conf.UnnamedMembers != 30 {
			t.Fatalf("union complaint %+v, %v", conf, err)
		}
		// The union shares access with the named member who has an account,
		// once the member confirms it from their own account.
		if _, err := e.s.TrackAsUser(e.ctx, member, ru.Code); err == nil {
			t.Fatal("the member sees the union's complaint before confirming being named")
		}
		pend, err := e.s.PendingMemberships(e.ctx, member)
		if err != nil || len(pend) != 1 || pend[0].Code != ru.Code || pend[0].UnionName != "PUK SPSI PT Baja Mandiri" {
			t.Fatalf("pending memberships: %+v, %v", pend, err)
		}
		if err := e.s.AnswerMembership(e.ctx, worker, ru.Code, true); err == nil {
			t.Fatal("another worker confirmed a membership that is not theirs")
		}
		if err := e.s.AnswerMembership(e.ctx, member, ru.Code, true); err != nil {
			t.Fatal(err)
		}
		if pend, _ := e.s.PendingMemberships(e.ctx, member); len(pend) != 0 {
			t.Fatalf("still pending after confirming: %+v", pend)
		}
		if tr, err := e.s.TrackAsUser(e.ctx, member, ru.Code); err != nil || tr.State != complaint.Diterima {
			t.Fatalf("member tracking: %v", err)
		}
		if _, err := e.s.TrackAsUser(e.ctx, worker, ru.Code); err == nil {
			t.Fatal("another worker tracked the union's complaint")
		}
		mine, err := e.s.MyComplaints(e.ctx, member)
		if err != nil || len(mine) != 1 || mine[0].Code != ru.Code {
			t.Fatalf("member's complaints: %+v, %v", mine, err)
		}

		// Free-text employer: the region is required, the name kept.
		fi := input(0)
		fi.EmployerName = "CV Sinar Jaya"
		rf := e.submit(worker, fi)
		if c := e.caseOf(o.supSerang, rf.CaseID); c.EmployerName != "CV Sinar Jaya" || c.EmployerID != 0 {
			t.Fatalf("free-text employer %+v", c.CaseSummary)
		}
	})
}

// TestFeeReportIsACase: a fee report from bursa kerja becomes a complaint
// of category calo with an inspection case, and its reporter can follow it.
func TestFeeReportIsACase(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Sepatu Jaya", "3604", employer.Besar)
		seeker := e.user("Rina", auth.Pencari)
		code, err := e.s.ReportFee(e.ctx, complaint.FeeReport{EmployerID: emp, Region: "3604", ReporterID: seeker.ID,
			WhoAsked: "Pak Haji, mengaku orang dalam HRD", Amount: 5_000_000, When: "2026-03-01", How: "whatsapp",
			Details: "Minta uang pelicin lewat WA"})
		if err != nil {
			t.Fatal(err)
		}
		var caseID, amount int64
		var category string
		d.QueryRowContext(e.ctx, `SELECT case_id, amount, category FROM complaints WHERE code = ?`, code).Scan(&caseID, &amount, &category)
		c := e.caseOf(o.supSerang, caseID)
		if category != complaint.CategoryCalo || amount != 5_000_000 || c.Category != complaint.CategoryCalo || c.State != complaint.Diterima {
			t.Fatalf("fee case %+v", c.CaseSummary)
		}
		conf, err := e.s.OpenComplaint(e.ctx, o.supSerang, c.Complaints[0])
		if err != nil || conf.Narrative.WhoAsked != "Pak Haji, mengaku orang dalam HRD" || conf.Identity == nil || conf.Identity.Name != "Rina" {
			t.Fatalf("fee complaint %+v, %v", conf, err)
		}
		if tr, err := e.s.TrackAsUser(e.ctx, seeker, code); err != nil || tr.Category != complaint.CategoryCalo {
			t.Fatalf("fee tracking: %v", err)
		}
		// Anonymous without an account and without a PIN is still taken,
		// as before; with a PIN it can be followed.
		code2, err := e.s.ReportFee(e.ctx, complaint.FeeReport{WhoAsked: "calo di pasar", When: "2026-03-01", How: "langsung", PIN: "504913"})
		if err != nil {
			t.Fatal(err)
		}
		if tr, err := e.s.Track(e.ctx, code2, "504913", "10.0.0.9"); err != nil || tr.State != complaint.Diterima {
			t.Fatalf("fee tracking by PIN: %v", err)
		}
		_, err = e.s.ReportFee(e.ctx, complaint.FeeReport{WhoAsked: "", When: "2099-01-01", How: "x", PIN: "111111"})
		for _, f := range []string{"who_asked", "when", "how", "pin"} {
			if !apptest.HasCode(err, f, "") {
				t.Errorf("fee validation: no error on %s: %v", f, err)
			}
		}
		if n, _ := e.s.Count(e.ctx, complaint.CategoryCalo); n != 2 {
			t.Fatalf("Count = %d", n)
		}
	})
}

// TestLargeEvidenceInPieces: evidence over spoolAbove is stored in sealed
// pieces, read back byte for byte, and a piece moved to another place or
// file does not open.
func TestLargeEvidenceInPieces(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		// A PDF of about 2.5 MB: three pieces.
		body := strings.Repeat("BT /F1 12 Tf 72 712 Td (slip gaji Februari) Tj ET\n", 52_000)
		pdf := []byte(strings.Replace(minimalPDF, "trailer", "3 0 obj\n<< /Length "+strconv.Itoa(len(body))+" >>\nstream\n"+body+"\nendstream\nendobj\ntrailer", 1))
		in := input(emp)
		in.Files = []complaint.Upload{complaint.UploadBytes(pdf), complaint.UploadBytes([]byte(minimalPDF))}
		r := e.submit(e.user("Siti Nurhayati", auth.Pencari), in)
		c := e.caseOf(o.supSerang, r.CaseID)
		conf, err := e.s.OpenComplaint(e.ctx, o.supSerang, c.Complaints[0])
		if err != nil || len(conf.Files) != 2 {
			t.Fatalf("files %+v, %v", conf.Files, err)
		}
		big, small := conf.Files[0].ID, conf.Files[1].ID
		var pieces, inline int
		d.QueryRowContext(e.ctx, `SELECT COUNT(*) FROM complaint_file_chunks WHERE file_id = ?`, big).Scan(&pieces)
		d.QueryRowContext(e.ctx, `SELECT LENGTH(data_enc) FROM complaint_files WHERE id = ?`, big).Scan(&inline)
		if pieces != 3 || inline != 0 {
			t.Fatalf("large file: %d pieces, %d inline bytes", pieces, inline)
		}
		d.QueryRowContext(e.ctx, `SELECT COUNT(*) FROM complaint_file_chunks WHERE file_id = ?`, small).Scan(&pieces)
		if pieces != 0 {
			t.Fatalf("small file stored in %d pieces", pieces)
		}
		_, got, err := e.s.Evidence(e.ctx, o.supSerang, big)
		if err != nil || !bytes.Equal(got, pdf) {
			t.Fatalf("read back: equal %v, %v", bytes.Equal(got, pdf), err)
		}
		// Swap pieces 0 and 1: neither opens in the other's place.
		for _, step := range [][2]int{{0, 100}, {1, 0}, {100, 1}} {
			if _, err := d.ExecContext(e.ctx, `UPDATE complaint_file_chunks SET n = ? WHERE file_id = ? AND n = ?`, step[1], big, step[0]); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := e.s.Evidence(e.ctx, o.supSerang, big); err == nil {
			t.Fatal("reordered pieces opened")
		}
	})
}

// TestForgetAddressKeys: a sealed anonymous report filed before schema
// version 10 kept a keyed hash of its client address as reporter_key; the
// start-up cleanup clears it, keeps an account's key, and touches nothing
// filed after version 10.
func TestForgetAddressKeys(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		sealed := func(u *auth.User) string {
			in := input(emp)
			in.Anonymous, in.Sealed, in.PIN = true, true, "482913"
			return e.submit(u, in).Code
		}
		byAddress, byAccount := sealed(nil), sealed(e.user("Siti Nurhayati", auth.Pencari))
		addrKey := e.s.Box.Hash("10.20.30.40", "complaint.addr")
		if _, err := d.ExecContext(e.ctx, `UPDATE complaints SET reporter_key = ? WHERE code = ?`, addrKey, byAddress); err != nil {
			t.Fatal(err)
		}
		key := func(code string) string {
			var k string
			d.QueryRowContext(e.ctx, `SELECT reporter_key FROM complaints WHERE code = ?`, code).Scan(&k)
			return k
		}
		accountKey := key(byAccount)
		if accountKey == "" {
			t.Fatal("an account's sealed report has no reporter key")
		}
		// Filed after version 10 (as far as the rows' times go): untouched.
		d.ExecContext(e.ctx, `UPDATE schema_migrations SET applied_at = ? WHERE version = 10`, "2020-01-01 00:00:00")
		if n, err := e.s.ForgetAddressKeys(e.ctx); err != nil || n != 0 || key(byAddress) != addrKey {
			t.Fatalf("after version 10: cleared %d, %v", n, err)
		}
		d.ExecContext(e.ctx, `UPDATE schema_migrations SET applied_at = ? WHERE version = 10`, "2030-01-01 00:00:00")
		if n, err := e.s.ForgetAddressKeys(e.ctx); err != nil || n != 1 {
			t.Fatalf("cleared %d, %v", n, err)
		}
		if key(byAddress) != "" || key(byAccount) != accountKey {
			t.Fatalf("keys after: %q, %q", key(byAddress), key(byAccount))
		}
		if n, _ := e.s.ForgetAddressKeys(e.ctx); n != 0 {
			t.Fatalf("second run cleared %d", n)
		}
	})
}
