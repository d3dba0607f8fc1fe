// Package complaint receives workers' complaints. For now it takes the
// fee-demand reports ("Laporkan pungutan/calo") from bursa kerja: each is
// stored as a complaint of category calo, its details encrypted, with a
// tracking code for the reporter. The inspection workflow comes later.
package complaint

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// CategoryCalo is a fee demand by a broker or insider.
const CategoryCalo = "calo"

// Channels through which a fee was asked.
var Channels = []string{"langsung", "whatsapp", "telepon", "media_sosial", "lainnya"}

// FeeReport is a report of someone asking money for a job.
type FeeReport struct {
	VacancyID     int64
	ApplicationID int64
	EmployerID    int64
	Region        string
	ReporterID    int64 // 0 when filed without an account
	Anonymous     bool  // hide the reporter's identity even from inspectors' lists
	WhoAsked      string
	Amount        int64
	When          string // YYYY-MM-DD
	How           string // one of Channels
	Details       string
}

// Store keeps complaints.
type Store struct {
	DB  *db.DB
	Box *secret.Box
	Now func() time.Time
}

// sealed is what is encrypted of a fee report.
type sealed struct {
	WhoAsked   string `json:"who_asked"`
	When       string `json:"when"`
	How        string `json:"how"`
	Details    string `json:"details"`
	ReporterID int64  `json:"reporter_id,omitempty"`
}

// ReportFee validates and stores a fee-demand report and returns its
// tracking code.
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
	if err := errs.Err(); err != nil {
		return "", err
	}
	payload, err := json.Marshal(sealed{WhoAsked: r.WhoAsked, When: r.When, How: r.How, Details: r.Details, ReporterID: r.ReporterID})
	if err != nil {
		return "", err
	}
	code := NewCode()
	var reporter, emp, vac, app any
	if r.ReporterID != 0 && !r.Anonymous {
		reporter = r.ReporterID
	}
	if r.EmployerID != 0 {
		emp = r.EmployerID
	}
	if r.VacancyID != 0 {
		vac = r.VacancyID
	}
	if r.ApplicationID != 0 {
		app = r.ApplicationID
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO complaints (code, category, region, employer_id, vacancy_id, application_id,
		reporter_id, anonymous, amount, details_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		code, CategoryCalo, r.Region, emp, vac, app, reporter, r.Anonymous, r.Amount,
		s.Box.Seal(payload, "complaint.details"), s.Now().UTC())
	if err != nil {
		return "", fmt.Errorf("store fee report: %w", err)
	}
	return code, nil
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
