package complaint_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

func sealedInput(emp int64, category, pin string) complaint.Input {
	in := input(emp)
	in.Category, in.Anonymous, in.Sealed, in.PIN = category, true, true, pin
	return in
}

// TestSealedPool: a sealed report stays invisible to inspectors until k
// people tied to one identity each (pool.go, poolTie) name the same
// employer and category; then one pooled case holds every waiting report,
// tied or not, and later sealed reports join it at once. The filer is told
// only that the report waits, never how many others do.
func TestSealedPool(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)

		r1 := e.submit(nil, sealedInput(emp, complaint.Lembur, "401927"))
		if !r1.Waiting || r1.CaseID != 0 {
			t.Fatalf("first sealed report %+v", r1)
		}
		var id1 int64
		d.QueryRowContext(e.ctx, `SELECT id FROM complaints WHERE code = ?`, r1.Code).Scan(&id1)
		// Invisible: no case, nothing on any board, nobody can open it.
		if n := e.count(`SELECT count(*) FROM cases`); n != 0 {
			t.Fatalf("%d cases before the pool filled", n)
		}
		for _, u := range []*auth.User{o.supSerang, o.pengawasA, o.supMediator, e.admin} {
			// The admin's role never opens complaints: refused before the
			// id is looked at.
			want := db.ErrNotFound
			if u == e.admin {
				want = complaint.ErrForbidden
			}
			if _, err := e.s.OpenComplaint(e.ctx, u, id1); !errors.Is(err, want) {
				t.Fatalf("%s opened a sealed report: %v", u.Name, err)
			}
			if list, _ := e.s.Cases(e.ctx, u, complaint.Filter{}); len(list) != 0 {
				t.Fatalf("%s lists %d cases", u.Name, len(list))
			}
		}
		if c, _ := e.s.PublicCounts(e.ctx); c.Complaints.N != 0 || c.Complaints.Few || c.Complaints.Hidden {
			t.Fatalf("public counts include a sealed report: %+v", c.Complaints)
		}
		tr, err := e.s.Track(e.ctx, r1.Code, "401927", "10.0.0.1")
		if err != nil || !tr.Waiting || tr.Pooled || tr.State != "" {
			t.Fatalf("tracking while waiting: %+v, %v", tr.Summary, err)
		}
		if n := e.ties(emp, complaint.Lembur); n != 0 {
			t.Fatalf("a report without an account counts as %d", n)
		}

		// Another category is another pool; one account counts once.
		e.submit(nil, sealedInput(emp, complaint.BPJS, "401927"))
		w := e.verified("Siti")
		for range 2 {
			if r := e.submit(w, sealedInput(emp, complaint.Lembur, "")); !r.Waiting {
				t.Fatalf("Siti's report %+v", r)
			}
		}
		if n := e.ties(emp, complaint.Lembur); n != 1 {
			t.Fatalf("one account counts as %d", n)
		}
		if mine, _ := e.s.MyComplaints(e.ctx, w); len(mine) != 2 || !mine[0].Waiting {
			t.Fatalf("my sealed reports %+v", mine)
		}
		e.submit(e.verified("Rina"), sealedInput(emp, complaint.Lembur, ""))

		// The third person fills the pool: one case for all five reports.
		r3 := e.submit(e.verified("Tono"), sealedInput(emp, complaint.Lembur, ""))
		if r3.Waiting || r3.CaseID == 0 {
			t.Fatalf("third report %+v", r3)
		}
		c := e.caseOf(o.supSerang, r3.CaseID)
		if !c.Pooled || c.Reports != 5 || c.Category != complaint.Lembur || c.State != complaint.Diterima || c.Region != "3604" {
			t.Fatalf("pooled case %+v", c.CaseSummary)
		}
		if _, err := e.s.OpenComplaint(e.ctx, o.supSerang, id1); err != nil {
			t.Fatalf("open after pooling: %v", err)
		}
		tr, _ = e.s.Track(e.ctx, r1.Code, "401927", "10.0.0.1")
		if tr.Waiting || !tr.Pooled || tr.State != complaint.Diterima {
			t.Fatalf("tracking after pooling %+v", tr.Summary)
		}
		// The BPJS report still waits.
		if n := e.count(`SELECT count(*) FROM complaints WHERE status = 'menunggu'`); n != 1 {
			t.Fatalf("%d reports still waiting", n)
		}
		// A later sealed report, tied or not, joins the open pooled case.
		r5 := e.submit(nil, sealedInput(emp, complaint.Lembur, "390172"))
		if r5.Waiting || r5.CaseID != r3.CaseID {
			t.Fatalf("late report %+v", r5)
		}
		// Free-text names of the same employer pool together.
		for i, name := range []string{"PT. Sinar Jaya", "sinar jaya", "CV SINAR JAYA"} {
			in := sealedInput(0, complaint.K3, "")
			in.EmployerName = name
			r := e.submit(e.verified(fmt.Sprintf("Pekerja %d", i)), in)
			if r.Waiting != (i < 2) {
				t.Fatalf("free-text pool, report %d: %+v", i, r)
			}
		}
	})
}

// TestPoolNotOpenedByOnePerson: one person cannot open a pool alone, which
// would single out the one real reporter in it. Reports without an account
// from k addresses, k fresh accounts without a checked NIK, or a seeker
// whose AK/1 card was revoked do not count; a union member who confirmed
// being named does.
func TestPoolNotOpenedByOnePerson(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		emp, _ := e.employer("PT Satu Orang", "3604", employer.Besar)
		for i := range 5 {
			r, err := e.s.Submit(e.ctx, nil, sealedInput(emp, complaint.Lembur, fmt.Sprintf("71%d935", i)), fmt.Sprintf("10.9.9.%d", i))
			if err != nil {
				t.Fatal(err)
			}
			if !r.Waiting || r.CaseID != 0 {
				t.Fatalf("report %d without an account from its own address opened the pool: %+v", i, r)
			}
		}
		for i := range 3 {
			if r := e.submit(e.user(fmt.Sprintf("Akun Baru %d", i), auth.Pencari), sealedInput(emp, complaint.Lembur, "")); !r.Waiting {
				t.Fatalf("fresh account %d opened the pool: %+v", i, r)
			}
		}
		revoked := e.verified("Kartu Dicabut")
		if _, err := d.ExecContext(e.ctx, `UPDATE ak1_cards SET revoked = ? WHERE seeker_id = (SELECT id FROM seekers WHERE user_id = ?)`,
			true, revoked.ID); err != nil {
			t.Fatal(err)
		}
		e.submit(revoked, sealedInput(emp, complaint.Lembur, ""))
		if n := e.ties(emp, complaint.Lembur); n != 0 {
			t.Fatalf("untied reports count as %d people", n)
		}

		// A union names a member with consent, and the member confirms it:
		// the member's own sealed report counts.
		serikat := e.user("Ketua Serikat", auth.Serikat)
		member := e.user("Anggota Serikat", auth.Pencari)
		in := input(emp)
		in.Category, in.UnionName = complaint.BPJS, "SPSI PT Satu Orang"
		in.Members = []complaint.Member{{Name: "Anggota Serikat", UserID: member.ID, Consent: true, ConsentNote: "rapat 1 Maret"}}
		ur := e.submit(serikat, in)
		if err := e.s.AnswerMembership(e.ctx, member, ur.Code, true); err != nil {
			t.Fatal(err)
		}
		e.submit(member, sealedInput(emp, complaint.Lembur, ""))
		e.submit(e.verified("Siti"), sealedInput(emp, complaint.Lembur, ""))
		if n := e.ties(emp, complaint.Lembur); n != 2 {
			t.Fatalf("a confirmed member and a verified seeker count as %d", n)
		}
		r := e.submit(e.verified("Rina"), sealedInput(emp, complaint.Lembur, ""))
		if r.Waiting || r.CaseID == 0 {
			t.Fatalf("three tied people did not open the pool: %+v", r)
		}
		if n := e.count(`SELECT count(*) FROM complaints WHERE case_id = ?`, r.CaseID); n != 12 {
			t.Fatalf("the pooled case holds %d reports, want all 12", n)
		}
		// The tie is a keyed hash, never the account in the clear.
		var tie string
		d.QueryRowContext(e.ctx, `SELECT pool_tie FROM complaints WHERE code = ?`, r.Code).Scan(&tie)
		if tie == "" || strings.Contains(tie, "akun") {
			t.Fatalf("tie %q", tie)
		}
	})
}

// TestPoolK: k is a Store setting; each report keeps the k it was promised.
func TestPoolK(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		e.s.PoolK = 2
		if r := e.submit(e.verified("A"), sealedInput(emp, complaint.K3, "")); !r.Waiting {
			t.Fatalf("k=2 first %+v", r)
		}
		e.s.PoolK = 4 // raised meanwhile: the pool waits for the larger promise
		if r := e.submit(e.verified("B"), sealedInput(emp, complaint.K3, "")); !r.Waiting {
			t.Fatalf("k raised %+v", r)
		}
		e.submit(e.verified("C"), sealedInput(emp, complaint.K3, ""))
		if r := e.submit(e.verified("D"), sealedInput(emp, complaint.K3, "")); r.Waiting {
			t.Fatalf("fourth report still waiting %+v", r)
		}
	})
}

// TestPoolProperty: random sealed reports over several employers and
// categories, from accounts or without. After each, a group has a case iff
// it has had k distinct tied reporters; every report of a released group is in
// that group's one case; no report of a waiting group is in any case.
func TestPoolProperty(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		var emps []int64
		for i := 0; i < 3; i++ {
			id, _ := e.employer(fmt.Sprintf("PT Pabrik %d", i), "3604", employer.Besar)
			emps = append(emps, id)
		}
		accounts := []*auth.User{e.verified("A"), e.verified("B"), e.verified("C"), e.user("D", auth.Pencari)}
		cats := []string{complaint.Lembur, complaint.K3}
		type group struct {
			reporters map[string]bool
			caseID    int64
		}
		groups := map[string]*group{}
		rng := rand.New(rand.NewPCG(3, 4))
		for i := 0; i < 40; i++ {
			emp, cat := emps[rng.IntN(len(emps))], cats[rng.IntN(len(cats))]
			key := fmt.Sprintf("%d/%s", emp, cat)
			g := groups[key]
			if g == nil {
				g = &group{reporters: map[string]bool{}}
				groups[key] = g
			}
			var u *auth.User
			pin := ""
			if rng.IntN(2) == 0 {
				u = accounts[rng.IntN(len(accounts))]
			} else {
				pin = fmt.Sprintf("%06d", 400000+i*7)
			}
			// Six hours apart: the daily filing limit is not under test.
			e.clk.t = e.clk.t.Add(6 * time.Hour)
			r := e.submit(u, sealedInput(emp, cat, pin))
			// Only the verified accounts count; D has no AK/1 card and
			// reports without an account have no tie.
			if u != nil && u.Name != "D" {
				g.reporters[u.Name] = true
			}
			released := len(g.reporters) >= complaint.DefaultPoolK
			if r.Waiting == released {
				t.Fatalf("report %d to %s: waiting %v with %d reporters", i, key, r.Waiting, len(g.reporters))
			}
			if released {
				if g.caseID == 0 {
					g.caseID = r.CaseID
				}
				if r.CaseID != g.caseID {
					t.Fatalf("report %d to %s went to case %d, not %d", i, key, r.CaseID, g.caseID)
				}
			}
			for k, g := range groups {
				var emp int64
				var cat string
				fmt.Sscanf(k, "%d/%s", &emp, &cat)
				inCase := e.count(`SELECT count(*) FROM complaints WHERE employer_key = ? AND category = ? AND case_id IS NOT NULL`,
					complaint.EmployerKey(emp, ""), cat)
				all := e.count(`SELECT count(*) FROM complaints WHERE employer_key = ? AND category = ?`, complaint.EmployerKey(emp, ""), cat)
				if (g.caseID != 0 && inCase != all) || (g.caseID == 0 && inCase != 0) {
					t.Fatalf("after report %d, group %s: %d of %d in a case (case %d)", i, k, inCase, all, g.caseID)
				}
			}
		}
		if n := e.count(`SELECT count(*) FROM cases`); n > len(groups) {
			t.Fatalf("%d cases for %d groups", n, len(groups))
		}
	})
}

// TestPoolConcurrent: sealed reports arriving at the same moment count each
// other. The pool's row is locked for the transaction, so k reports filed
// together open exactly one case, and the rest join it.
func TestPoolConcurrent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		const n = 7
		var workers []*auth.User
		for i := range n {
			workers = append(workers, e.verified(fmt.Sprintf("Pekerja %d", i)))
		}
		for round := 0; round < 5; round++ {
			cat := complaint.Categories[round+1]
			errs := make(chan error, n)
			for i := 0; i < n; i++ {
				go func() {
					_, err := e.s.Submit(e.ctx, workers[i], sealedInput(emp, cat, ""), fmt.Sprintf("10.1.%d.%d", round, i))
					errs <- err
				}()
			}
			for i := 0; i < n; i++ {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			cases := e.count(`SELECT count(*) FROM cases WHERE category = ?`, cat)
			waiting := e.count(`SELECT count(*) FROM complaints WHERE category = ? AND status = 'menunggu'`, cat)
			if cases != 1 || waiting != 0 {
				t.Fatalf("round %d: %d cases, %d reports waiting", round, cases, waiting)
			}
		}
	})
}

// TestTypedNameJoinsRegisteredEmployer: reports that type a verified
// employer's name, however written, in its regency/city pool with reports
// filed from its page; a name two employers share, another legal form,
// another region or an unverified employer leaves the report under its name.
// Reports that waited under the name before the employer was verified join
// its pool, so verification never restarts the count.
func TestTypedNameJoinsRegisteredEmployer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		key := func(code string) (id int64, key string) {
			t.Helper()
			var eid *int64
			if err := d.QueryRowContext(e.ctx, `SELECT employer_id, employer_key FROM complaints WHERE code = ?`, code).Scan(&eid, &key); err != nil {
				t.Fatal(err)
			}
			if eid != nil {
				id = *eid
			}
			return id, key
		}
		typed := func(name, region string, sealed bool) complaint.Receipt {
			t.Helper()
			in := input(0)
			in.EmployerName, in.Region, in.Anonymous, in.PIN = name, region, true, "401927"
			in.Sealed = sealed
			return e.submit(nil, in)
		}

		// Before PT Maju Bersama is on bursa, a sealed report names it; so
		// do reports about "Sinar Jaya" and "Kencana Abadi".
		early := typed("Maju Bersama", "3604", true)
		if _, k := key(early.Code); k != "nama:maju bersama" {
			t.Fatalf("early report key %q", k)
		}
		sinar := typed("Sinar Jaya", "3604", true)
		kencana := typed("Kencana Abadi", "3604", true)
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		maju, _ := e.employer("PT Maju Bersama", "3604", employer.Besar)
		e.employer("CV Sinar Jaya", "3604", employer.Kecil)
		pt, _ := e.employer("PT Sinar Jaya", "3604", employer.Besar)
		owner := e.user("HRD Pending", auth.Perusahaan)
		if _, err := e.employers.Register(e.ctx, e.d, owner.ID, employer.Input{Name: "PT Belum Diperiksa", NIB: "9120099999999",
			KBLISection: "C", SizeClass: employer.Besar, Region: "3604", Address: "Jl. Raya Cikande No. 1", ContactName: "Rina",
			ContactPhone: "0813 1234 5678"}); err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name, region string
			want         int64
		}{
			{"pt. baja  mandiri", "3604", emp},
			{"BAJA MANDIRI, Tbk", "3604", emp},
			{"PT Sinar Jaya", "3604", pt},
			{"Sinar Jaya", "3604", 0},         // PT or CV?
			{"UD Sinar Jaya", "3604", 0},      // neither
			{"PT Baja Mandiri", "3672", 0},    // another regency/city
			{"PT Belum Diperiksa", "3604", 0}, // not verified
			{"PT Baja Mandiri Sejahtera", "3604", 0},
			{"PT 50% _Baja", "3604", 0}, // LIKE wildcards match themselves only
		} {
			r := typed(tc.name, tc.region, false)
			id, k := key(r.Code)
			wantKey := fmt.Sprintf("id:%d", tc.want)
			if tc.want == 0 {
				wantKey = "nama:" + strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("PT", "", "UD", "", ".", " ", "%", " ", "_", " ").Replace(tc.name))), " ")
			}
			if id != tc.want || k != wantKey {
				t.Errorf("%q in %s: employer %d key %q, want %d %q", tc.name, tc.region, id, k, tc.want, wantKey)
			}
		}

		// A sealed report from PT Maju Bersama's page: the early one joins.
		e.submit(nil, sealedInput(maju, complaint.Lembur, "401927"))
		if n := e.count(`SELECT count(*) FROM complaints WHERE employer_id = ? AND status = 'menunggu'`, maju); n != 2 {
			t.Errorf("%d reports wait for PT Maju Bersama after verification, want 2 (the early report joins)", n)
		}
		if id, k := key(early.Code); id != maju || k != fmt.Sprintf("id:%d", maju) {
			t.Errorf("early report: employer %d key %q", id, k)
		}
		// A report from CV Sinar Jaya's page does not take the "Sinar Jaya"
		// one: the name fits PT Sinar Jaya as well.
		cv, _ := registered(t, e, "CV Sinar Jaya")
		e.submit(nil, sealedInput(cv, complaint.Lembur, "401927"))
		if _, k := key(sinar.Code); k != "nama:sinar jaya" {
			t.Errorf("an ambiguous name's report moved to %q", k)
		}
		// A company that is not verified does not take the reports waiting
		// under its name, even by reporting itself.
		owner2 := e.user("HRD Kencana", auth.Perusahaan)
		pending, err := e.employers.Register(e.ctx, e.d, owner2.ID, employer.Input{Name: "PT Kencana Abadi", NIB: "9120088888888",
			KBLISection: "C", SizeClass: employer.Besar, Region: "3604", Address: "Jl. Raya Cikande No. 2", ContactName: "Rina",
			ContactPhone: "0813 1234 5678"})
		if err != nil {
			t.Fatal(err)
		}
		e.submit(nil, sealedInput(pending.ID, complaint.Lembur, "401927"))
		if _, k := key(kencana.Code); k != "nama:kencana abadi" {
			t.Errorf("an unverified company took a waiting report: %q", k)
		}

		// Reports from its page open a pooled case; once it is verified,
		// the report waiting under its name goes into that case at once.
		for i := range 2 {
			e.submit(e.verified(fmt.Sprintf("Pekerja Kencana %d", i)), sealedInput(pending.ID, complaint.Lembur, ""))
		}
		if err := e.employers.Decide(e.ctx, pending.ID, e.petugas.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		e.submit(e.verified("Pekerja Kencana 2"), sealedInput(pending.ID, complaint.Lembur, ""))
		var status string
		var caseID *int64
		d.QueryRowContext(e.ctx, `SELECT status, case_id FROM complaints WHERE code = ?`, kencana.Code).Scan(&status, &caseID)
		if caseID == nil {
			t.Errorf("the report that joined while the pooled case was open waits outside it (status %s)", status)
		}
	})
}

// registered returns the id of the employer registered under name.
func registered(t *testing.T, e *env, name string) (int64, string) {
	t.Helper()
	var id int64
	var region string
	if err := e.d.QueryRowContext(e.ctx, `SELECT id, region FROM employers WHERE name = ?`, name).Scan(&id, &region); err != nil {
		t.Fatal(err)
	}
	return id, region
}
