package complaint

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Channels through which a fee was asked.
var Channels = []string{"langsung", "whatsapp", "telepon", "media_sosial", "lainnya"}

// FeeReport is a report of someone asking money for a job ("Laporkan
// pungutan/calo" in bursa kerja). It becomes a complaint of category calo
// with an inspection case, like any other complaint.
type FeeReport struct {
	VacancyID     int64
	ApplicationID int64
	EmployerID    int64
	Region        string
	ReporterID    int64  // 0 when filed without an account
	Anonymous     bool   // keep no identity; the account can still follow the report
	PIN           string // optional: lets the reporter follow the report by code and PIN
	WhoAsked      string
	Amount        int64
	When          string // YYYY-MM-DD
	How           string // one of Channels
	Details       string
}

// ReportFee validates and stores a fee-demand report, opening its
// inspection case, and returns its tracking code.
func (s *Store) ReportFee(ctx context.Context, r FeeReport) (string, error) {
	var errs valid.Errors
	r.WhoAsked = strings.TrimSpace(r.WhoAsked)
	if r.WhoAsked == "" {
		errs.Add("who_asked", "required")
	} else if utf8.RuneCountInString(r.WhoAsked) > 200 {
		errs.Add("who_asked", "too_long", "max", 200)
	}
	if r.Amount < 0 || r.Amount > 1_000_000_000 {
		errs.Add("amount", "wage_invalid")
	}
	when, err := wib.ParseDate(r.When)
	switch {
	case err != nil:
		errs.Add("when", "date_invalid")
	case when.After(wib.Date(s.Now())):
		errs.Add("when", "date_future")
	}
	found := false
	for _, c := range Channels {
		found = found || c == r.How
	}
	if !found {
		errs.Add("how", "choose_one")
	}
	r.Details = strings.TrimSpace(r.Details)
	if utf8.RuneCountInString(r.Details) > 4000 {
		errs.Add("details", "too_long", "max", 4000)
	}
	if r.PIN != "" {
		if code := PINProblem(r.PIN); code != "" {
			errs.Add("pin", code, "min", minPIN, "max", maxPIN)
		}
	}
	if _, ok := ref.RegionByCode(r.Region); r.Region != "" && !ok {
		errs.Add("region", "region_invalid")
	}
	if err := errs.Err(); err != nil {
		return "", err
	}
	f := filing{kind: KindInspection, category: CategoryCalo, via: ViaAnonymous, region: r.Region,
		employerID: r.EmployerID, employerKey: EmployerKey(r.EmployerID, ""), vacancyID: r.VacancyID,
		applicationID: r.ApplicationID, amount: r.Amount, happened: when, workers: 1,
		narrative:   Narrative{WhoAsked: r.WhoAsked, When: r.When, How: r.How, Details: r.Details},
		reporterKey: s.userKey(r.ReporterID), filedBy: r.ReporterID, anonymous: true,
		openState: Diterima, openFrom: s.today(), openReason: "laporan pungutan/calo dari bursa kerja"}
	if r.ReporterID != 0 && !r.Anonymous {
		var name, email, phone string
		if err := s.DB.QueryRowContext(ctx, `SELECT name, COALESCE(email, ''), COALESCE(phone, '') FROM users WHERE id = ?`,
			r.ReporterID).Scan(&name, &email, &phone); err != nil {
			return "", fmt.Errorf("fee reporter %d: %w", r.ReporterID, err)
		}
		f.via, f.anonymous = ViaAccount, false
		if email == "" {
			email = phone
		}
		f.identity = &Identity{UserID: r.ReporterID, Name: name, Contact: email}
	}
	if f.anonymous {
		// The application names its seeker: an anonymous report keeps the
		// vacancy (public anyway) and drops the link to the application.
		f.applicationID = 0
	}
	if r.PIN != "" {
		var err error
		if f.pinHash, err = s.passwords().Hash(ctx, r.PIN); err != nil {
			return "", fmt.Errorf("hash PIN: %w", err)
		}
	}
	rec, err := s.store(ctx, f)
	if err != nil {
		return "", fmt.Errorf("store fee report: %w", err)
	}
	return rec.Code, nil
}

// codeAlphabet leaves out letters people confuse (I, L, O, U).
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewCode returns a tracking code like "BK-7Q4M-2XRT": 40 random bits, easy
// to read aloud and type on a phone.
func NewCode() string {
	b := make([]byte, 8)
	rand.Read(b)
	out := []byte("BK-XXXX-XXXX")
	j := 3
	for i := 0; i < 8; i++ {
		if j == 7 {
			j++
		}
		out[j] = codeAlphabet[int(b[i])%len(codeAlphabet)]
		j++
	}
	return string(out)
}

// Count returns how many complaints of a category exist (for figures).
func (s *Store) Count(ctx context.Context, category string) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE category = ?`, category).Scan(&n)
	return n, err
}
