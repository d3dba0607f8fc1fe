package demo

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// otherProvinces are where Banten's migrant workers commonly come from:
// Jawa Barat, DKI Jakarta, Jawa Tengah, Lampung, Jawa Timur (province codes).
var otherProvinces = []string{"3201", "3204", "3175", "3301", "1801", "3578"}

// nik builds a valid NIK for someone born in regency with the given birth
// date and sex, unique within this province.
func (g *gen) nik(regency string, birth time.Time, female bool) string {
	district := "01"
	if ds := ref.Districts(regency); len(ds) > 0 {
		d := ds[g.rng.IntN(len(ds))].Code
		district = d[len(d)-2:]
	}
	day := birth.Day()
	if female {
		day += 40
	}
	for {
		n := fmt.Sprintf("%s%s%02d%02d%02d%04d", regency, district, day, int(birth.Month()), birth.Year()%100, 1+g.rng.IntN(9999))
		if !g.niks[n] {
			g.niks[n] = true
			return n
		}
	}
}

func (g *gen) birthDate(minAge, maxAge int) time.Time {
	age := minAge + g.rng.IntN(maxAge-minAge+1)
	return g.today.AddDate(-age, 0, -1-g.rng.IntN(360))
}

type seekerSpec struct {
	userID       int64
	name         string
	female       bool
	birth        time.Time
	nikRegion    string
	domicile     string
	education    string
	skills       []string
	experience   string
	expectedWage int64
	discoverable bool
	occupation   string
	contracts    []string
}

// addSeeker writes a seeker the way the seeker store would: NIK sealed and
// hashed, birth date sealed with its year in clear, skills, and an AK/1 card
// when NIK and domicile agree.
func (g *gen) addSeeker(s seekerSpec) (int64, bool, error) {
	g.nextSeeker++
	id := g.nextSeeker
	nik := g.nik(s.nikRegion, s.birth, s.female)
	parsed, err := ref.ParseNIK(nik, g.now)
	if err != nil {
		return 0, false, fmt.Errorf("demo NIK %s: %w", nik, err)
	}
	created := g.now.Add(-time.Duration(30+g.rng.IntN(300)) * day)
	box := g.a.Seekers.Box
	if err := g.seekers.Add(g.ctx, id, s.userID, box.Seal([]byte(nik), "seeker.nik"), box.Hash(nik, "nik"), s.name,
		parsed.BirthDate.Year(), seeker.SealBirthDate(box, parsed.BirthDate), s.female, s.nikRegion, s.domicile, s.education, s.experience, "", s.expectedWage,
		s.discoverable, false, s.occupation, seeker.ContractBits(s.contracts), created, created); err != nil {
		return 0, false, err
	}
	for _, k := range s.skills {
		if err := g.skills.Add(g.ctx, id, k); err != nil {
			return 0, false, err
		}
	}
	if s.nikRegion != s.domicile {
		return id, false, nil
	}
	g.nextCard++
	issued := time.Date(created.Year(), created.Month(), created.Day(), 0, 0, 0, 0, time.UTC)
	tok := make([]byte, 15)
	rand.Read(tok)
	number := fmt.Sprintf("%s-%d-%07d", s.domicile, issued.Year(), g.nextCard)
	if err := g.cards.Add(g.ctx, g.nextCard, id, number, base64.RawURLEncoding.EncodeToString(tok), issued,
		issued.AddDate(seeker.CardValidity, 0, -1), true, created); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// demoSeeker is pencari@bursa.test: a sewing-machine operator from Kab. Serang.
func (g *gen) demoSeeker(userID int64) (int64, error) {
	var skills []string
	for _, k := range []string{"8153", "8156", "7536"} {
		for _, s := range ref.SkillsForOccupation(k) {
			if len(skills) < 5 {
				skills = append(skills, s.Code)
			}
		}
	}
	skills = dedupe(skills)
	id, _, err := g.addSeeker(seekerSpec{userID: userID, name: "Siti Nurhayati", female: true, birth: g.today.AddDate(-24, -3, -11),
		nikRegion: "3604", domicile: "3604", education: "smk", skills: skills,
		experience:   "2 tahun operator jahit di pabrik sepatu, Cikande (kontrak PKWT, selesai 2025).",
		expectedWage: roundTo(g.umk("3604"), 100000), discoverable: true, occupation: "8153", contracts: []string{"pkwt", "pkwtt"}})
	if err != nil {
		return 0, err
	}
	g.seekersByRegion["3604"] = append(g.seekersByRegion["3604"], id)
	g.seekerUser[id] = userID
	return id, nil
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// seekerPopulation creates n seekers spread over the regencies/cities in
// proportion to their labor force, with skills from the jobs their area has.
func (g *gen) seekerPopulation(n int) error {
	weights := map[string]int{}
	for _, r := range ref.Regions() {
		w := r.LaborForce / 1000
		if w < 1 {
			w = 1
		}
		weights[r.Code] = w
	}
	regions := ref.Regions()
	for i := 0; i < n; i++ {
		domicile := weightedRegion(g.rng, weights)
		nikRegion := domicile
		switch x := g.rng.IntN(100); {
		case x < 8:
			nikRegion = g.pick(otherProvinces)
		case x < 14:
			nikRegion = regions[g.rng.IntN(len(regions))].Code
		}
		female := g.rng.IntN(100) < 42
		secs := regionSectors[domicile]
		occ := g.sectorOccupations(g.pick(secs))
		var skills []string
		var expText, want, work string
		if len(occ) > 0 {
			k := g.pick(occ)
			work = k[:3]
			if g.rng.IntN(5) > 0 { // most say what work they look for
				want = k
			}
			skills = g.skillsFor(k, 1, 4)
			if g.rng.IntN(3) > 0 {
				o, _ := ref.OccupationByCode(k)
				expText = fmt.Sprintf("%d tahun sebagai %s", 1+g.rng.IntN(8), strings.ToLower(o.Title))
			}
			if g.rng.IntN(3) == 0 {
				skills = append(skills, g.skillsFor(g.pick(occ), 1, 2)...)
			}
		}
		edu := g.pick([]string{"sd", "smp", "smp", "sma", "sma", "sma", "smk", "smk", "smk", "smk", "d3", "s1", "s1"})
		name := g.personName(female)
		uid, err := g.addUser("", g.phone(), name, auth.NoLogin, auth.Pencari)
		if err != nil {
			return err
		}
		umk := g.umk(domicile)
		id, carded, err := g.addSeeker(seekerSpec{userID: uid, name: name, female: female, birth: g.birthDate(18, 50),
			nikRegion: nikRegion, domicile: domicile, education: edu, skills: dedupe(skills), experience: expText,
			expectedWage: roundTo(umk+umk*int64(g.rng.IntN(25))/100, 100000), discoverable: g.rng.IntN(100) < 85,
			occupation: want, contracts: g.contractsWanted()})
		if err != nil {
			return err
		}
		if carded {
			g.seekersByRegion[domicile] = append(g.seekersByRegion[domicile], id)
			if work != "" {
				g.seekersByWork[domicile+":"+work] = append(g.seekersByWork[domicile+":"+work], id)
			}
			g.seekerUser[id] = uid
		}
	}
	return nil
}

// applications fills published vacancies with applicants at every stage.
// The demo employer's vacancies get the most, and the demo seeker has two:
// one in interview and one rejected with a reason.
func (g *gen) applications(demoEmployer, demoSeeker, demoHR int64) error {
	stagesTo := []string{vacancy.Sent, vacancy.Sent, vacancy.Sent, vacancy.Seen, vacancy.Seen, vacancy.Shortlisted,
		vacancy.Interview, vacancy.Offered, vacancy.Rejected, vacancy.Hired}
	hired := map[int64]int{}
	applied := map[[2]int64]bool{}
	demoApps := 0
	for _, v := range g.vacs {
		if v.status == vacancy.Draft {
			continue
		}
		k := g.rng.IntN(7)
		if v.demoEmployer {
			k = 5 + g.rng.IntN(5)
		}
		home := v.region
		if r, _ := ref.RegionByCode(v.region); g.rng.IntN(3) == 0 && len(r.Neighbors) > 0 {
			home = g.pick(r.Neighbors)
		}
		pool := g.seekersByRegion[home]
		var fit []int64 // applicants who do this kind of work
		if len(v.kbji) >= 3 {
			fit = g.seekersByWork[home+":"+v.kbji[:3]]
		}
		for j := 0; j < k && len(pool) > 0; j++ {
			sid := pool[g.rng.IntN(len(pool))]
			if len(fit) > 0 && g.rng.IntN(10) < 7 {
				sid = fit[g.rng.IntN(len(fit))]
			}
			to := stagesTo[g.rng.IntN(len(stagesTo))]
			if v.demoEmployer && demoApps < 2 {
				sid = demoSeeker
				to = []string{vacancy.Interview, vacancy.Rejected}[demoApps]
				demoApps++
			}
			if applied[[2]int64{v.id, sid}] || (to == vacancy.Hired && hired[v.id]+1 >= v.openings) {
				continue
			}
			applied[[2]int64{v.id, sid}] = true
			if err := g.application(v, sid, to, demoHR, v.demoEmployer); err != nil {
				return err
			}
			if to == vacancy.Hired {
				hired[v.id]++
			}
		}
	}
	return nil
}

func (g *gen) application(v genVacancy, seekerID int64, to string, hr int64, demo bool) error {
	g.nextApp++
	id := g.nextApp
	at := g.now.Add(-time.Duration(1+g.rng.IntN(96)) * time.Hour * 5)
	created := at
	reason := ""
	if to == vacancy.Rejected {
		reason = g.pick([]string{"Kualifikasi belum sesuai dengan kebutuhan", "Posisi sudah terisi", "Tidak hadir saat wawancara"})
	}
	var actor any
	if demo {
		actor = hr
	}
	type event struct {
		status, reason string
		actor          any
		at             time.Time
	}
	events := []event{{vacancy.Sent, "", g.seekerUser[seekerID], at}}
	var path []string
	switch to {
	case vacancy.Sent:
	case vacancy.Rejected:
		path = []string{vacancy.Seen, vacancy.Rejected}
	default:
		for _, s := range vacancy.Stages[1:] {
			path = append(path, s)
			if s == to {
				break
			}
		}
	}
	for _, s := range path {
		at = at.Add(time.Duration(2+g.rng.IntN(40)) * time.Hour)
		if at.After(g.now) {
			at = g.now
		}
		r := ""
		if s == vacancy.Rejected {
			r = reason
		}
		events = append(events, event{s, r, actor, at})
	}
	// The application row goes first: its events and placement refer to it.
	if err := g.apps.Add(g.ctx, id, v.id, seekerID, to, reason, "", g.salt(), created, at); err != nil {
		return err
	}
	for _, e := range events {
		if err := g.events.Add(g.ctx, id, e.status, e.reason, e.actor, e.at); err != nil {
			return err
		}
	}
	if to == vacancy.Hired {
		if err := g.placements.Add(g.ctx, id, v.id, seekerID, v.employerID, g.today.AddDate(0, 0, 7), v.wageMin, actor, at); err != nil {
			return err
		}
		if _, err := g.tx.ExecContext(g.ctx, `UPDATE seekers SET placed = TRUE, updated_at = ? WHERE id = ?`, at, seekerID); err != nil {
			return err
		}
	}
	return nil
}

// finishVacancies counts hires into vacancies and writes the search index.
func (g *gen) finishVacancies() error {
	if _, err := g.tx.ExecContext(g.ctx, `UPDATE vacancies SET hired = (SELECT count(*) FROM placements p WHERE p.vacancy_id = vacancies.id)`); err != nil {
		return fmt.Errorf("count hires: %w", err)
	}
	// Placements keep the worker's domicile when hired, as ReportHire does.
	if _, err := g.tx.ExecContext(g.ctx, `UPDATE placements SET domicile_region = (SELECT s.domicile_region FROM seekers s WHERE s.id = placements.seeker_id)`); err != nil {
		return fmt.Errorf("placement domiciles: %w", err)
	}
	rows, err := g.tx.QueryContext(g.ctx, `SELECT v.id, e.name, v.title, v.kbji, v.region, v.description FROM vacancies v JOIN employers e ON e.id = v.employer_id`)
	if err != nil {
		return err
	}
	type doc struct {
		id                          int64
		emp, title, kbji, reg, desc string
	}
	var docs []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.id, &d.emp, &d.title, &d.kbji, &d.reg, &d.desc); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, d)
	}
	rows.Close()
	skills := map[int64][]string{}
	srows, err := g.tx.QueryContext(g.ctx, `SELECT vacancy_id, skill FROM vacancy_skills`)
	if err != nil {
		return err
	}
	for srows.Next() {
		var id int64
		var k string
		if err := srows.Scan(&id, &k); err != nil {
			srows.Close()
			return err
		}
		skills[id] = append(skills[id], k)
	}
	srows.Close()
	for _, d := range docs {
		if err := vacancy.Index(g.ctx, g.tx, d.id, d.emp, vacancy.Input{Title: d.title, KBJI: d.kbji, Region: d.reg,
			Skills: skills[d.id], Description: d.desc}); err != nil {
			return err
		}
	}
	return nil
}

// contractsWanted: half accept anything; the rest name one or two types,
// permanent work (PKWTT) most often.
func (g *gen) contractsWanted() []string {
	switch x := g.rng.IntN(10); {
	case x < 5:
		return nil
	case x < 7:
		return []string{"pkwtt"}
	case x < 9:
		return []string{"pkwt", "pkwtt"}
	default:
		return []string{g.pick(seeker.ContractTypes)}
	}
}
