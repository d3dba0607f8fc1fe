package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

const day = 24 * time.Hour

// educationFor is a plausible minimum education for a KBJI major group.
func (g *gen) educationFor(kbji string) string {
	switch kbji[0] {
	case '1', '2':
		return g.pick([]string{"s1", "s1", "d3"})
	case '3':
		return g.pick([]string{"d3", "smk", "d3"})
	case '4':
		return g.pick([]string{"sma", "smk", "d3"})
	case '5':
		return g.pick([]string{"sma", "smk", "smp"})
	case '6', '9':
		return g.pick([]string{"sd", "smp", "smp", "sma"})
	default:
		return g.pick([]string{"smk", "sma", "smk"})
	}
}

func (g *gen) sectorOccupations(sec string) []string {
	var out []string
	for _, c := range sectors[sec].occupations {
		if g.occ[c] {
			out = append(out, c)
		}
	}
	return out
}

func (g *gen) skillsFor(kbji string, min, max int) []string {
	ss := ref.SkillsForOccupation(kbji)
	if len(ss) == 0 {
		return nil
	}
	n := min + g.rng.IntN(max-min+1)
	if n > len(ss) {
		n = len(ss)
	}
	perm := g.rng.Perm(len(ss))
	out := make([]string, 0, n)
	for _, i := range perm[:n] {
		out = append(out, ss[i].Code)
	}
	return out
}

func (g *gen) title(kbji string) string {
	if ts, ok := vacancyTitles[kbji]; ok {
		return g.pick(ts)
	}
	o, _ := ref.OccupationByCode(kbji)
	return o.Title
}

func (g *gen) description(company, title, region, edu string, skills []string) string {
	r, _ := ref.RegionByCode(region)
	e, _ := ref.EducationByCode(edu)
	var sk []string
	for _, k := range skills {
		if s, ok := ref.SkillByCode(k); ok {
			sk = append(sk, s.Name)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s membuka lowongan %s untuk penempatan di %s.\n\n", company, title, r.Name)
	b.WriteString("Persyaratan:\n")
	fmt.Fprintf(&b, "- Pendidikan minimal %s\n", e.Name)
	if len(sk) > 0 {
		fmt.Fprintf(&b, "- Menguasai: %s\n", strings.Join(sk, ", "))
	}
	b.WriteString("- Sehat jasmani dan rohani, bersedia bekerja dengan sistem shift\n\n")
	b.WriteString("Fasilitas: BPJS Ketenagakerjaan dan BPJS Kesehatan, THR, lembur dibayar sesuai aturan.\n")
	b.WriteString("Proses rekrutmen tidak dipungut biaya apa pun.")
	return b.String()
}

// employersAndVacancies creates the demo employer and n others with their
// vacancies, and returns the demo employer's id.
func (g *gen) employersAndVacancies(n int, demoOwner int64) (int64, error) {
	// The demo employer: a verified steel company in Cilegon.
	demoID, err := g.employer(demoOwner, "PT Baja Mandiri Cilegon", "steel", "3672", employer.Verified, "besar")
	if err != nil {
		return 0, err
	}
	occ := g.sectorOccupations("steel")
	for i := 0; i < 5; i++ {
		status := vacancy.Published
		if i == 4 {
			status = vacancy.Draft
		}
		if err := g.vacancy(demoID, "PT Baja Mandiri Cilegon", "steel", "3672", occ[i%len(occ)], status, true); err != nil {
			return 0, err
		}
	}
	for i := 0; i < n; i++ {
		region := weightedRegion(g.rng, employerWeight)
		sec := g.pick(regionSectors[region])
		status := employer.Verified
		switch x := g.rng.IntN(100); {
		case i < 3 || x < 5: // the officer's queue always has work to show
			status = employer.Pending
		case x < 7:
			status = employer.Rejected
		}
		name := g.companyName(sec, region)
		owner, err := g.addUser(fmt.Sprintf("hrd%d@demo.bursa.test", i+1), "", g.personName(g.rng.IntN(2) == 0)+" (HRD)", auth.NoLogin, auth.Perusahaan)
		if err != nil {
			return 0, err
		}
		size := g.pick(sectors[sec].size)
		id, err := g.employer(owner, name, sec, region, status, size)
		if err != nil {
			return 0, err
		}
		occ := g.sectorOccupations(sec)
		if len(occ) == 0 {
			continue
		}
		for j, k := 0, 1+g.rng.IntN(3); j < k; j++ {
			vs := vacancy.Published
			switch x := g.rng.IntN(100); {
			case status != employer.Verified || x < 4:
				vs = vacancy.Draft
			case x < 9:
				vs = vacancy.Closed
			}
			vregion := region
			if r, _ := ref.RegionByCode(region); len(r.Neighbors) > 0 && g.rng.IntN(5) == 0 {
				vregion = g.pick(r.Neighbors)
			}
			if err := g.vacancy(id, name, sec, vregion, g.pick(occ), vs, false); err != nil {
				return 0, err
			}
		}
	}
	return demoID, nil
}

func (g *gen) employer(owner int64, name, sec, region, status, size string) (int64, error) {
	g.nextEmployer++
	id := g.nextEmployer
	district := g.district(region)
	created := g.now.Add(-time.Duration(g.rng.IntN(200)+20) * day)
	var decided any
	reason := ""
	switch status {
	case employer.Verified:
		decided = created.Add(2 * day)
	case employer.Rejected:
		decided = created.Add(3 * day)
		reason = "NIB tidak sesuai dengan data OSS"
	}
	nib := fmt.Sprintf("%013d", 1200000000000+g.rng.Int64N(800000000000)+id)
	err := g.employers.Add(g.ctx, id, owner, name, nib, sectors[sec].kbli, "2020", size, region, district,
		g.address(region, district), g.personName(g.rng.IntN(2) == 0), g.phone(), "", status, reason, decided, created)
	return id, err
}

func (g *gen) vacancy(employerID int64, company, sec, region, kbji, status string, demoEmployer bool) error {
	g.nextVacancy++
	id := g.nextVacancy
	umk := g.umk(region)
	wageMin := roundTo(umk+umk*int64(g.rng.IntN(30))/100, 50000)
	if g.rng.IntN(4) == 0 {
		wageMin = umk
	}
	wageMax := wageMin + roundTo(int64(g.rng.IntN(2000000)), 100000)
	// No "magang": a magang vacancy needs an approved apprenticeship
	// program (Permenaker 6/2020); the demo's are in apprentice.go.
	contract := g.pick([]string{"pkwt", "pkwt", "pkwt", "pkwtt", "pkwtt", "harian", "pkwt"})
	edu := g.educationFor(kbji)
	skills := g.skillsFor(kbji, 2, 5)
	title := g.title(kbji)
	desc := g.description(company, title, region, edu, skills)
	published := g.now.Add(-time.Duration(g.rng.IntN(25*24)) * time.Hour)
	closes := g.today.AddDate(0, 0, 7+g.rng.IntN(50))
	var pub any = published
	if status == vacancy.Draft {
		pub = nil
	}
	if status == vacancy.Closed {
		closes = g.today.AddDate(0, 0, -g.rng.IntN(10))
	}
	openings := 1 + g.rng.IntN(20)
	if demoEmployer {
		openings = 5 + g.rng.IntN(10)
	}
	ageMax := 0
	if kbji[0] >= '7' && g.rng.IntN(2) == 0 {
		ageMax = 35
	}
	var share any
	if region == "3674" && g.rng.IntN(2) == 0 {
		share = 30 // Tangerang Selatan's declared local-worker share (Perda amendment 2023)
	}
	if err := g.vacancies.Add(g.ctx, id, employerID, title, kbji, edu, region, openings, wageMin, wageMax, contract, closes,
		desc, 18, ageMax, g.rng.IntN(3), share, false, status, pub, 0, published, published); err != nil {
		return err
	}
	for _, k := range skills {
		if err := g.vskills.Add(g.ctx, id, k); err != nil {
			return err
		}
	}
	g.vacs = append(g.vacs, genVacancy{id: id, employerID: employerID, region: region, kbji: kbji, openings: openings,
		wageMin: wageMin, status: status, demoEmployer: demoEmployer})
	return nil
}
