// Package demo generates a deterministic, plausible demo province: employers
// in the sectors each regency/city really has, job seekers in proportion to
// each area's labor force, vacancies with wages around the UMK, applications
// in every stage, and one demo account per role. The same seed always gives
// the same province; the same code scales to a million seekers.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Password is every demo account's password.
const Password = "bursa-demo"

// Config sizes the province.
type Config struct {
	Seed      uint64
	Seekers   int
	Employers int
}

// Defaults is what `serve --demo` generates: small enough to start in about
// a second, large enough that search, pages and queues look real.
func Defaults() Config { return Config{Seed: 1, Seekers: 3000, Employers: 80} }

// Account is a demo login.
type Account struct {
	Login string
	Role  auth.Role
	Label string
}

// Accounts lists the demo logins, one per role.
func Accounts() []Account {
	labels := map[auth.Role]string{
		auth.Pencari: "pencari kerja / job seeker (Siti Nurhayati, Kab. Serang)", auth.Perusahaan: "HRD perusahaan / employer HR (PT Baja Mandiri Cilegon)",
		auth.Lembaga: "lembaga pelatihan / training provider (UPTD BLK Serang)", auth.Pengawas: "pengawas ketenagakerjaan / labor inspector",
		auth.Mediator: "mediator hubungan industrial", auth.Serikat: "pengurus serikat pekerja / union officer",
		auth.Analis: "analis, tripartit / analyst", auth.Petugas: "petugas Disnakertrans / labor-office officer",
		auth.Admin: "admin", auth.Koperasi: "petugas Dinas Koperasi dan UKM / cooperatives and SME office",
		auth.Bkk: "BKK SMK / SMK job office (SMK Negeri Demo 1 Serang)",
	}
	out := make([]Account, 0, len(auth.AllRoles))
	for _, r := range auth.AllRoles {
		out = append(out, Account{Login: string(r) + "@bursa.test", Role: r, Label: labels[r]})
	}
	return out
}

// FillIfEmpty generates the province when the database has no users yet and
// reports whether it did.
func FillIfEmpty(ctx context.Context, a *app.Services, cfg Config) (bool, error) {
	var n int
	if err := a.DB.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return false, fmt.Errorf("count users: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	return true, Generate(ctx, a, cfg)
}

// gen carries the generator's state through one transaction.
type gen struct {
	ctx   context.Context
	a     *app.Services
	tx    *db.Tx
	rng   *rand.Rand
	now   time.Time
	today time.Time
	hash  string

	nextUser, nextEmployer, nextSeeker, nextVacancy, nextApp, nextCard int64

	users, roles, employers, seekers, skills, cards, vacancies, vskills, apps, events, placements *db.Bulk

	niks   map[string]bool
	phones int
	occ    map[string]bool

	// seekersByRegion holds ids of seekers with a valid card, for applications.
	seekersByRegion map[string][]int64
	// seekersByWork holds the same ids by region and the KBJI minor group
	// of the work their skills come from ("3672:812"): most applicants to
	// a vacancy do that kind of work.
	seekersByWork map[string][]int64
	seekerUser    map[int64]int64
	vacs          []genVacancy
}

type genVacancy struct {
	id, employerID int64
	region, kbji   string
	openings       int
	wageMin        int64
	status         string
	demoEmployer   bool
}

// Generate writes the demo province into an empty database, all in one
// transaction: it is there whole or not at all.
func Generate(ctx context.Context, a *app.Services, cfg Config) error {
	hash, err := a.Auth.Passwords.Hash(ctx, Password)
	if err != nil {
		return err
	}
	defer a.Vacancies.Changed()
	td := &trainingDemo{ctx: ctx, a: a, now: a.Now().UTC()}
	cd := &complaintDemo{ctx: ctx, a: a, now: td.now}
	err = a.DB.InTx(ctx, func(tx *db.Tx) error {
		g := &gen{ctx: ctx, a: a, tx: tx, rng: rand.New(rand.NewPCG(cfg.Seed, 0x6275727361)), now: a.Now().UTC(),
			hash: hash, niks: map[string]bool{}, occ: map[string]bool{}, seekersByRegion: map[string][]int64{}, seekersByWork: map[string][]int64{},
			seekerUser: map[int64]int64{}}
		g.today = wib.Date(g.now)
		for _, o := range ref.Occupations() {
			g.occ[o.Code] = true
		}
		g.users = db.NewBulk(tx, "users", "id", "email", "phone", "name", "password_hash", "lang", "demo", "created_at")
		g.roles = db.NewBulk(tx, "user_roles", "user_id", "role").After(g.users)
		g.employers = db.NewBulk(tx, "employers", "id", "owner_id", "name", "nib", "kbli_section", "kbli_version", "size_class",
			"region", "district", "address", "contact_name", "contact_phone", "contact_email", "status", "status_reason", "decided_at", "created_at").After(g.users)
		g.seekers = db.NewBulk(tx, "seekers", "id", "user_id", "nik_enc", "nik_hash", "full_name", "birth_year", "birth_enc", "female",
			"nik_region", "domicile_region", "education", "experience", "certificates", "expected_wage", "discoverable", "placed",
			"occupation", "contracts", "created_at", "updated_at").After(g.users)
		g.skills = db.NewBulk(tx, "seeker_skills", "seeker_id", "skill").After(g.seekers)
		g.cards = db.NewBulk(tx, "ak1_cards", "id", "seeker_id", "number", "token", "issued_on", "valid_until", "auto_issued", "created_at").After(g.seekers)
		g.vacancies = db.NewBulk(tx, "vacancies", "id", "employer_id", "title", "kbji", "education", "region", "openings", "wage_min",
			"wage_max", "contract", "closes_on", "description", "age_min", "age_max", "experience_years", "local_share_pct", "below_umk",
			"status", "published_at", "hired", "created_at", "updated_at").After(g.employers)
		g.vskills = db.NewBulk(tx, "vacancy_skills", "vacancy_id", "skill").After(g.vacancies)
		g.apps = db.NewBulk(tx, "applications", "id", "vacancy_id", "seeker_id", "status", "status_reason", "note", "ledger_salt", "created_at", "updated_at").After(g.vacancies, g.seekers)
		g.events = db.NewBulk(tx, "application_events", "application_id", "status", "reason", "actor_id", "at").After(g.apps)
		g.placements = db.NewBulk(tx, "placements", "application_id", "vacancy_id", "seeker_id", "employer_id", "start_date", "wage", "reported_by", "reported_at").After(g.apps)

		accountIDs, err := g.accounts()
		if err != nil {
			return err
		}
		if err := g.users.Flush(ctx); err != nil {
			return err
		}
		if err := g.verifiedEmails(accountIDs); err != nil {
			return err
		}
		demoEmployer, err := g.employersAndVacancies(cfg.Employers, accountIDs[auth.Perusahaan])
		if err != nil {
			return err
		}
		demoSeeker, err := g.demoSeeker(accountIDs[auth.Pencari])
		if err != nil {
			return err
		}
		if err := g.seekerPopulation(cfg.Seekers); err != nil {
			return err
		}
		staff, err := g.staffUsers()
		if err != nil {
			return err
		}
		for _, b := range []*db.Bulk{g.users, g.roles, g.employers, g.seekers, g.skills, g.cards, g.vacancies, g.vskills} {
			if err := b.Flush(ctx); err != nil {
				return err
			}
		}
		if err := g.applications(demoEmployer, demoSeeker, accountIDs[auth.Perusahaan]); err != nil {
			return err
		}
		for _, b := range []*db.Bulk{g.apps, g.events, g.placements} {
			if err := b.Flush(ctx); err != nil {
				return err
			}
		}
		if err := g.logHistory(); err != nil {
			return err
		}
		if err := g.finishVacancies(); err != nil {
			return err
		}
		if err := g.seekerBackgrounds(demoSeeker); err != nil {
			return err
		}
		*td = trainingDemo{ctx: ctx, a: a, now: td.now, officer: accountIDs[auth.Petugas], lembaga: accountIDs[auth.Lembaga],
			staff: staff, employer: demoEmployer, demoSeeker: demoSeeker}
		cd.accounts, cd.employer = accountIDs, demoEmployer
		return db.ResetSequences(ctx, tx, "users", "employers", "seekers", "ak1_cards", "vacancies", "applications",
			"application_events", "placements")
	})
	if err != nil {
		return err
	}
	// The training store writes through its own handle and transactions,
	// so its part follows the committed province.
	if err := generateTraining(td); err != nil {
		return err
	}
	// So does the complaint part, through the complaint store.
	if err := generateComplaints(cd); err != nil {
		return err
	}
	if err := demoNotices(ctx, a, cd.accounts); err != nil {
		return err
	}
	if err := demoWage(ctx, a, cd.accounts); err != nil {
		return err
	}
	if err := demoDocuments(ctx, a, cd.accounts); err != nil {
		return err
	}
	if err := demoScreening(ctx, a, cd.accounts); err != nil {
		return err
	}
	if err := vacancyFacts(ctx, a, cd.accounts[auth.Perusahaan]); err != nil {
		return err
	}
	if err := apprenticeships(ctx, a, cd.accounts); err != nil { // apprentice.go
		return err
	}
	if err := demoUMKM(ctx, a, cd.accounts); err != nil {
		return err
	}
	if err := demoBKK(ctx, a, cd.accounts, cd.employer); err != nil {
		return err
	}
	return a.DB.Analyze(ctx)
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) addUser(email, phone, name, hash string, roles ...auth.Role) (int64, error) {
	g.nextUser++
	id := g.nextUser
	var e, p any
	if email != "" {
		e = email
	}
	if phone != "" {
		p = phone
	}
	if err := g.users.Add(g.ctx, id, e, p, name, hash, "id", true, g.now); err != nil {
		return 0, err
	}
	for _, r := range roles {
		if err := g.roles.Add(g.ctx, id, string(r)); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// accounts creates one demo login per role; all share one password hash, so
// generating them costs one argon2id run.
func (g *gen) accounts() (map[auth.Role]int64, error) {
	names := map[auth.Role]string{auth.Pencari: "Siti Nurhayati", auth.Perusahaan: "Rudi Hermawan (HRD)", auth.Lembaga: "Ratna Lestari (BLK Serang)",
		auth.Pengawas: "Hendra Gunawan (Pengawas)", auth.Mediator: "Yanti Susanti (Mediator)", auth.Serikat: "Jajang Sopian (Serikat Pekerja)",
		auth.Analis: "Dian Pratama (Analis)", auth.Petugas: "Agus Setiawan (Petugas)", auth.Admin: "Admin bursa",
		auth.Koperasi: "Nurul Hidayah (Dinas Koperasi dan UKM)",
		auth.Bkk:      "Yuliani Sari (BKK SMK)"}
	ids := map[auth.Role]int64{}
	for _, acc := range Accounts() {
		id, err := g.addUser(acc.Login, "", names[acc.Role], g.hash, acc.Role)
		if err != nil {
			return nil, err
		}
		ids[acc.Role] = id
	}
	return ids, nil
}

func (g *gen) phone() string {
	g.phones++
	return fmt.Sprintf("+62899%08d", g.phones)
}

func (g *gen) personName(female bool) string {
	first := maleNames
	if female {
		first = femaleNames
	}
	switch g.rng.IntN(10) {
	case 0:
		return g.pick(first)
	case 1, 2:
		return g.pick(first) + " " + g.pick(first) + " " + g.pick(familyNames)
	default:
		return g.pick(first) + " " + g.pick(familyNames)
	}
}

func weightedRegion(rng *rand.Rand, weights map[string]int) string {
	codes := make([]string, 0, len(weights))
	total := 0
	for c, w := range weights {
		codes = append(codes, c)
		total += w
	}
	sort.Strings(codes)
	n := rng.IntN(total)
	for _, c := range codes {
		n -= weights[c]
		if n < 0 {
			return c
		}
	}
	return codes[0]
}

// umk is the minimum wage the generator pays around.
func (g *gen) umk(region string) int64 {
	a, _, _ := vacancy.UMKFor(region, g.now)
	return a
}

func roundTo(n, step int64) int64 { return (n + step - 1) / step * step }

func (g *gen) companyName(sec, region string) string {
	r, _ := ref.RegionByCode(region)
	place := strings.TrimPrefix(strings.TrimPrefix(r.Name, "Kabupaten "), "Kota ")
	return "PT " + g.pick(companyWords[sec]) + " " + g.pick(companyTail) + " " + place
}

func (g *gen) district(region string) string {
	ds := ref.Districts(region)
	if len(ds) == 0 {
		return ""
	}
	return ds[g.rng.IntN(len(ds))].Code
}

func (g *gen) address(region, district string) string {
	streets := []string{"Jl. Raya", "Jl. Industri", "Jl. Pelabuhan", "Jl. Pasar", "Jl. Kawasan Industri", "Jl. Lingkar"}
	name := ""
	for _, d := range ref.Districts(region) {
		if d.Code == district {
			name = d.Name
		}
	}
	r, _ := ref.RegionByCode(region)
	return fmt.Sprintf("%s %s No. %d, Kec. %s, %s", g.pick(streets), name, 1+g.rng.IntN(250), name, r.Name)
}
