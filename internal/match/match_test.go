package match_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

func TestScoreRules(t *testing.T) {
	full := match.Facts{GotWeight: 300, ReqWeight: 300, Occupation: match.OccUnit, Place: match.PlaceSame, WageOK: true, ContractOK: true, EducationOK: true}
	for _, tc := range []struct {
		name string
		f    match.Facts
		want int32
	}{
		{"perfect fit", full, match.MaxScore},
		{"half the skill weight", with(full, func(f *match.Facts) { f.GotWeight = 150 }), match.MaxScore - 200},
		{"skill share rounds down", with(full, func(f *match.Facts) { f.GotWeight, f.ReqWeight = 1, 3 }), match.MaxScore - 400 + 133},
		{"no skills asked", with(full, func(f *match.Facts) { f.GotWeight, f.ReqWeight = 0, 0 }), match.MaxScore - 400},
		{"same minor group", with(full, func(f *match.Facts) { f.Occupation = match.OccMinor }), match.MaxScore - 100},
		{"same sub-major group", with(full, func(f *match.Facts) { f.Occupation = match.OccSubMajor }), match.MaxScore - 200},
		{"other occupation", with(full, func(f *match.Facts) { f.Occupation = match.OccNone }), match.MaxScore - 300},
		{"neighbouring regency", with(full, func(f *match.Facts) { f.Place = match.PlaceNeighbour }), match.MaxScore - 100},
		{"far away", with(full, func(f *match.Facts) { f.Place = match.PlaceElsewhere }), match.MaxScore - 200},
		{"wage below expectation", with(full, func(f *match.Facts) { f.WageOK = false }), match.MaxScore - 100},
		{"contract not wanted", with(full, func(f *match.Facts) { f.ContractOK = false }), match.MaxScore - 50},
		{"nothing", match.Facts{}, 0},
	} {
		if got := tc.f.Score(); got != tc.want {
			t.Errorf("%s: score %d, want %d", tc.name, got, tc.want)
		}
	}
	if (match.Facts{Place: match.PlaceSame, WageOK: true}).Relevant() {
		t.Error("a pair with no shared skill and no occupation fit counts as relevant")
	}
	if !(match.Facts{Occupation: match.OccSubMajor}).Relevant() || !(match.Facts{GotWeight: 21}).Relevant() {
		t.Error("a shared skill or occupation area must make a pair relevant")
	}
	// Rarer skills weigh more; the weight never reaches zero.
	prev := match.SkillWeight(0, 1000) + 1
	for _, df := range []int{1, 5, 20, 50, 100, 300, 1000} {
		w := match.SkillWeight(df, 1000)
		if w > prev || w < 20 {
			t.Errorf("SkillWeight(%d, 1000) = %d after %d", df, w, prev)
		}
		prev = w
	}
	if match.SkillWeight(1, 1000) <= 2*match.SkillWeight(500, 1000) {
		t.Error("a rare skill should weigh well over twice a common one")
	}
}

func with(f match.Facts, change func(*match.Facts)) match.Facts { change(&f); return f }

// TestEngineAgreesWithSQL: for every seeker of a demo province, the engine's
// top k (ids and scores, in order) is the SQL baseline's.
func TestEngineAgreesWithSQL(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		if err := demo.Generate(ctx, a, demo.Config{Seed: 5, Seekers: 250, Employers: 150}); err != nil {
			t.Fatal(err)
		}
		e := match.New(d, clk.Now)
		full := agree(t, ctx, e, d, clk.Now(), 10)
		if full < 50 {
			t.Fatalf("only %d seekers have a full top 10: the comparison proves little", full)
		}
	})
}

// agree compares engine and baseline for every seeker and returns how many
// had a full top k.
func agree(t *testing.T, ctx context.Context, e *match.Engine, d *db.DB, now time.Time, k int) int {
	t.Helper()
	ids := seekerIDs(t, ctx, d)
	full := 0
	for _, id := range ids {
		hits, err := e.ForSeeker(ctx, id, k)
		if err != nil {
			t.Fatalf("seeker %d: %v", id, err)
		}
		want, err := match.Baseline(ctx, d, now, id, k)
		if err != nil {
			t.Fatal(err)
		}
		if got := scored(hits); !slices.Equal(got, want) {
			t.Fatalf("seeker %d:\n engine %v\n SQL    %v", id, got, want)
		}
		if len(hits) == k {
			full++
		}
	}
	return full
}

func scored(hits []match.Hit) []match.Scored {
	out := []match.Scored{}
	for _, h := range hits {
		out = append(out, match.Scored{VacancyID: h.VacancyID, Score: h.Score})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func seekerIDs(t *testing.T, ctx context.Context, d *db.DB) []int64 {
	t.Helper()
	rows, err := d.QueryContext(ctx, `SELECT id FROM seekers ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// TestReasons: the hit explains itself — matched and missing skills,
// occupation, place, wage, contract — and candidates come back the other way.
func TestReasons(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	a, clk := apptest.Services(t, d)
	if err := demo.Generate(ctx, a, demo.Config{Seed: 2, Seekers: 50, Employers: 40}); err != nil {
		t.Fatal(err)
	}
	e := match.New(d, clk.Now)
	off := newOfficer(t, ctx, a)
	hr, v := newVacancy(t, ctx, a, clk, "3604", "8153", []string{})
	sk := firstSeeker(t, ctx, a)
	skills := ref.SkillsForOccupation("8153")
	p := profile(sk)
	p.DomicileRegion, p.Occupation, p.Education, p.ExpectedWage, p.Contracts = "3604", "8153", "smk", 5_000_000, []string{"pkwt"}
	p.Skills = []string{skills[0].Code}
	if err := a.Seekers.Update(ctx, sk.ID, p); err != nil {
		t.Fatal(err)
	}
	in := vacancyInput(clk, "3604", "8153", []string{skills[0].Code, skills[1].Code})
	if err := a.Vacancies.Update(ctx, hr, v.ID, in); err != nil {
		t.Fatal(err)
	}
	e.Changed()
	hits, err := e.ForSeeker(ctx, sk.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(hits, func(h match.Hit) bool { return h.VacancyID == v.ID })
	if i < 0 {
		t.Fatalf("the fitting vacancy is not in the top 50: %v", scored(hits))
	}
	h := hits[i]
	if !slices.Equal(h.Matched, []string{skills[0].Code}) || !slices.Equal(h.Missing, []string{skills[1].Code}) {
		t.Errorf("matched %v missing %v", h.Matched, h.Missing)
	}
	if h.Occupation != match.OccUnit || h.Place != match.PlaceSame || !h.WageOK || !h.ContractOK || !h.EducationOK {
		t.Errorf("facts %+v", h.Facts)
	}
	if h.GotWeight <= 0 || h.ReqWeight <= h.GotWeight {
		t.Errorf("weights %d/%d", h.GotWeight, h.ReqWeight)
	}
	cands, err := e.ForVacancy(ctx, v.ID, 500)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(cands, func(h match.Hit) bool { return h.SeekerID == sk.ID }) {
		t.Errorf("the seeker is not among the vacancy's candidates")
	}
	gaps, err := e.SeekerGaps(ctx, sk.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(gaps, func(g match.SeekerGap) bool { return g.Skill == skills[1].Code && g.Opens >= 1 }) {
		t.Errorf("gaps %v should name %s, the one skill missing for vacancy %d", gaps, skills[1].Code, v.ID)
	}

	// Hard filters: education below the minimum, applied, not discoverable.
	in.Education = "d3"
	if err := a.Vacancies.Update(ctx, hr, v.ID, in); err != nil {
		t.Fatal(err)
	}
	e.Changed()
	if hits, _ := e.ForSeeker(ctx, sk.ID, 500); slices.ContainsFunc(hits, func(h match.Hit) bool { return h.VacancyID == v.ID }) {
		t.Error("a vacancy asking for D3 is shown to an SMK graduate")
	}
	in.Education = "smk"
	a.Vacancies.Update(ctx, hr, v.ID, in)
	if err := apply(ctx, a, off, sk, v.ID); err != nil {
		t.Fatal(err)
	}
	e.Changed()
	if hits, _ := e.ForSeeker(ctx, sk.ID, 500); slices.ContainsFunc(hits, func(h match.Hit) bool { return h.VacancyID == v.ID }) {
		t.Error("a vacancy already applied to is recommended again")
	}
	if c, _ := e.ForVacancy(ctx, v.ID, 500); slices.ContainsFunc(c, func(h match.Hit) bool { return h.SeekerID == sk.ID }) {
		t.Error("an applicant is listed as a candidate")
	}
	if err := a.Vacancies.SetStatus(ctx, hr, v.ID, vacancy.Closed); err != nil {
		t.Fatal(err)
	}
	e.Changed()
	if _, err := e.ForVacancy(ctx, v.ID, 5); err != match.ErrNotOpen {
		t.Errorf("candidates of a closed vacancy: %v", err)
	}

	// Regional gaps: every listed skill is asked for; ratios sorted.
	g, err := e.Gaps(ctx, "3604", 0)
	if err != nil || len(g) == 0 {
		t.Fatalf("gaps: %v %v", g, err)
	}
	for i, x := range g {
		if x.Vacancies == 0 || x.Openings < x.Vacancies || (i > 0 && x.Ratio > g[i-1].Ratio) {
			t.Fatalf("gap %d %+v after %+v", i, x, g[max(i-1, 0)])
		}
	}
	prov, _ := e.Gaps(ctx, "", 0)
	if len(prov) < len(g) {
		t.Errorf("province lists %d skills, Kab. Serang %d", len(prov), len(g))
	}
}

func firstSeeker(t *testing.T, ctx context.Context, a *app.Services) seeker.Seeker {
	t.Helper()
	var id int64
	if err := a.DB.QueryRowContext(ctx, `SELECT MIN(id) FROM seekers WHERE NOT placed AND discoverable`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	sk, err := a.Seekers.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

func profile(sk seeker.Seeker) seeker.Profile {
	return seeker.Profile{FullName: sk.FullName, DomicileRegion: sk.DomicileRegion, Education: sk.Education, Skills: sk.Skills,
		Experience: sk.Experience, Certificates: sk.Certificates, ExpectedWage: sk.ExpectedWage, Discoverable: sk.Discoverable,
		Occupation: sk.Occupation, Contracts: sk.Contracts}
}

// newOfficer is a petugas, who issues AK/1 cards.
func newOfficer(t *testing.T, ctx context.Context, a *app.Services) *auth.User {
	t.Helper()
	u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: "petugas@cocok.test", Name: "Petugas", Password: "rahasia-123", Roles: []auth.Role{auth.Petugas}})
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

// apply sends seeker sk's application to vacancy v as the seeker, first
// having officer off issue them an AK/1 card if they hold none: the ranking
// is under test here, not the card.
func apply(ctx context.Context, a *app.Services, off *auth.User, sk seeker.Seeker, v int64) error {
	u, err := a.Auth.Get(ctx, sk.UserID)
	if err != nil {
		return err
	}
	if ok, err := a.Seekers.HasValidCard(ctx, sk.ID); err != nil {
		return err
	} else if !ok {
		if _, err := a.Seekers.Issue(ctx, off, sk.ID); err != nil {
			return err
		}
	}
	_, err = a.Vacancies.Apply(ctx, &u, v, "")
	return err
}

var employerN int

// newVacancy posts a vacancy of a new verified employer and returns it with
// the employer's HR user.
func newVacancy(t *testing.T, ctx context.Context, a *app.Services, clk *apptest.Clock, region, kbji string, skills []string) (*auth.User, vacancy.Vacancy) {
	t.Helper()
	hr := newEmployer(t, ctx, a, region)
	v, err := a.Vacancies.Create(ctx, hr, vacancyInput(clk, region, kbji, skills), true)
	if err != nil {
		t.Fatal(err)
	}
	return hr, v
}

// newEmployer registers and verifies an employer and returns its HR user.
func newEmployer(t *testing.T, ctx context.Context, a *app.Services, region string) *auth.User {
	t.Helper()
	employerN++
	u, err := a.Auth.Create(ctx, a.DB, authUser(employerN))
	if err != nil {
		t.Fatal(err)
	}
	emp, err := a.Employers.Register(ctx, a.DB, u.ID, employer.Input{Name: fmt.Sprintf("PT Uji Cocok %d", employerN),
		NIB: fmt.Sprintf("%013d", 7000000000000+employerN), KBLISection: "C", SizeClass: "besar", Region: region,
		Address: "Jl. Raya Serang km 5", ContactName: "HRD", ContactPhone: "081299990000"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Employers.Decide(ctx, emp.ID, u.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	return &u
}

func vacancyInput(clk *apptest.Clock, region, kbji string, skills []string) vacancy.Input {
	umk, _, _ := vacancy.UMKFor(region, clk.T)
	return vacancy.Input{Title: "Operator Jahit Uji", KBJI: kbji, Skills: skills, Education: "smp", Region: region, Openings: 3,
		WageMin: umk, WageMax: umk + 1_000_000, Contract: "pkwt", ClosesOn: clk.T.AddDate(0, 0, 10).Format("2006-01-02"),
		Description: "Menjahit bagian atas sepatu di pabrik, shift pagi."}
}

// TestIncrementalEqualsRebuild: an engine that follows a random sequence of
// writes gives, after each one, the same answers as an engine loaded fresh
// from the database, and both agree with SQL.
func TestIncrementalEqualsRebuild(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		if err := demo.Generate(ctx, a, demo.Config{Seed: 9, Seekers: 80, Employers: 60}); err != nil {
			t.Fatal(err)
		}
		live := match.New(d, clk.Now)
		off := newOfficer(t, ctx, a)
		rng := rand.New(rand.NewPCG(42, 7))
		ids := seekerIDs(t, ctx, d)
		occs := []string{"8153", "7212", "8121", "4321", "9329", "7411", "5223"}
		var hrs []*auth.User
		var vacs []int64
		for step := 0; step < 40; step++ {
			clk.T = clk.T.Add(time.Duration(1+rng.IntN(3)) * time.Second)
			var what string
			switch x := rng.IntN(10); {
			case x < 3: // a seeker changes their profile
				sk, _ := a.Seekers.Get(ctx, ids[rng.IntN(len(ids))])
				p := profile(sk)
				occ := occs[rng.IntN(len(occs))]
				p.Occupation = occ
				p.Skills = nil
				for _, s := range ref.SkillsForOccupation(occ)[:1+rng.IntN(3)] {
					p.Skills = append(p.Skills, s.Code)
				}
				p.DomicileRegion = ref.Regions()[rng.IntN(len(ref.Regions()))].Code
				p.ExpectedWage = int64(4+rng.IntN(4)) * 1_000_000
				p.Discoverable = rng.IntN(4) > 0
				p.Contracts = seeker.ContractCodes(rng.IntN(16))
				if err := a.Seekers.Update(ctx, sk.ID, p); err != nil {
					t.Fatal(err)
				}
				what = fmt.Sprintf("seeker %d updated", sk.ID)
			case x < 6: // a vacancy is posted
				region := ref.Regions()[rng.IntN(len(ref.Regions()))].Code
				occ := occs[rng.IntN(len(occs))]
				var skills []string
				for _, s := range ref.SkillsForOccupation(occ)[:1+rng.IntN(3)] {
					skills = append(skills, s.Code)
				}
				hr, v := newVacancy(t, ctx, a, clk, region, occ, skills)
				hrs, vacs = append(hrs, hr), append(vacs, v.ID)
				what = fmt.Sprintf("vacancy %d posted", v.ID)
			case x < 7 && len(vacs) > 0: // one closes
				i := rng.IntN(len(vacs))
				if err := a.Vacancies.SetStatus(ctx, hrs[i], vacs[i], vacancy.Closed); err != nil {
					t.Fatal(err)
				}
				what = fmt.Sprintf("vacancy %d closed", vacs[i])
			case x < 9 && len(vacs) > 0: // someone applies
				sk, _ := a.Seekers.Get(ctx, ids[rng.IntN(len(ids))])
				v := vacs[rng.IntN(len(vacs))]
				err := apply(ctx, a, off, sk, v)
				what = fmt.Sprintf("seeker %d applied to %d (%v)", sk.ID, v, err)
			default: // days pass: some vacancies close by date
				clk.T = clk.T.AddDate(0, 0, 4+rng.IntN(9))
				what = "days passed"
			}
			live.Changed()
			fresh := match.New(d, clk.Now)
			for _, id := range ids {
				got, err := live.ForSeeker(ctx, id, 8)
				if err != nil {
					t.Fatal(err)
				}
				want, err := fresh.ForSeeker(ctx, id, 8)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("step %d (%s), seeker %d:\n incremental %v\n rebuilt     %v", step, what, id, scored(got), scored(want))
				}
			}
			for _, v := range vacs {
				got, err1 := live.ForVacancy(ctx, v, 8)
				want, err2 := fresh.ForVacancy(ctx, v, 8)
				if err1 != err2 || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("step %d (%s), vacancy %d: incremental %v %v, rebuilt %v %v", step, what, v, got, err1, want, err2)
				}
			}
			g1, _ := live.Gaps(ctx, "", 0)
			g2, _ := fresh.Gaps(ctx, "", 0)
			if fmt.Sprint(g1) != fmt.Sprint(g2) {
				t.Fatalf("step %d (%s): gaps differ", step, what)
			}
		}
		agree(t, ctx, live, d, clk.Now(), 8)
	})
}

func authUser(n int) auth.NewUser {
	return auth.NewUser{Login: fmt.Sprintf("hrd%d@cocok.test", n), Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}}
}

// TestOtherProcessCatchesUp: an engine that is never told of a write (as in
// another serve process) sees it once RefreshEvery has passed, not before.
func TestOtherProcessCatchesUp(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	a, clk := apptest.Services(t, d)
	if err := demo.Generate(ctx, a, demo.Config{Seed: 4, Seekers: 30, Employers: 20}); err != nil {
		t.Fatal(err)
	}
	other := match.New(d, clk.Now)
	sk := firstSeeker(t, ctx, a)
	if _, err := other.ForSeeker(ctx, sk.ID, 50); err != nil {
		t.Fatal(err)
	}
	skills := ref.SkillsForOccupation("8153")
	p := profile(sk)
	p.Occupation, p.DomicileRegion, p.Skills = "8153", "3604", []string{skills[0].Code}
	if err := a.Seekers.Update(ctx, sk.ID, p); err != nil {
		t.Fatal(err)
	}
	_, v := newVacancy(t, ctx, a, clk, "3604", "8153", []string{skills[0].Code})
	has := func() bool {
		hits, err := other.ForSeeker(ctx, sk.ID, 50)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(hits, func(h match.Hit) bool { return h.VacancyID == v.ID })
	}
	if has() {
		t.Fatal("the other process saw the write before its refresh interval")
	}
	clk.T = clk.T.Add(other.RefreshEvery + time.Second)
	if !has() {
		t.Fatal("the other process did not catch up after its refresh interval")
	}
}
