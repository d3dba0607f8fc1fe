package umkm

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Milestone kinds: what "naik kelas" is made of besides the class.
const (
	MilestoneCertificate = "sertifikat" // halal, PIRT, BPOM, SNI: detail holds the kind and number
	MilestoneCredit      = "kredit"     // credit received (KUR…): amount in rupiah
	MilestoneCatalog     = "ekatalog"   // first sale through the government e-catalog: amount in rupiah
	MilestoneWorkers     = "pekerja"    // new workers taken on: amount is how many
)

// MilestoneKinds in the order pages show them.
var MilestoneKinds = []string{MilestoneCertificate, MilestoneCredit, MilestoneCatalog, MilestoneWorkers}

// Milestone is a step a business took, with its evidence.
type Milestone struct {
	ID           int64
	Kind         string
	Detail       string
	Amount       int64
	Evidence     string
	On           time.Time
	ProgramID    int64 // the assistance program it came from; 0: none
	ProgramTitle string
}

// MilestoneInput is a new milestone.
type MilestoneInput struct {
	Kind      string
	Detail    string
	Amount    int64
	Evidence  string
	On        string // YYYY-MM-DD
	ProgramID int64
}

// AddMilestone records a milestone of a business u may act for. A
// certificate names its number in the detail; credit, a sale and new
// workers need their amount; the evidence (the certificate itself, the
// credit agreement, the e-katalog order) is named in every case. A program
// it came from must be one the business was admitted to.
func (s *Store) AddMilestone(ctx context.Context, u *auth.User, businessID int64, in MilestoneInput) (Milestone, error) {
	if err := auth.Require(u, auth.RegisterUMKM); err != nil {
		return Milestone{}, err
	}
	b, err := s.business(ctx, s.DB, u, businessID)
	if err != nil {
		return Milestone{}, err
	}
	var errs valid.Errors
	m := Milestone{Kind: strings.TrimSpace(in.Kind), Amount: in.Amount, ProgramID: in.ProgramID}
	if !slices.Contains(MilestoneKinds, m.Kind) {
		errs.Add("kind", "choose_one")
	}
	m.Detail = errs.Text("detail", in.Detail, 3, 300)
	m.Evidence = errs.Text("evidence", in.Evidence, 3, 200)
	amount(&errs, "amount", in.Amount)
	if m.Kind != MilestoneCertificate && in.Amount <= 0 && !errs.Has("amount") {
		errs.Add("amount", "umkm_amount_needed")
	}
	day, err := wib.ParseDate(strings.TrimSpace(in.On))
	switch {
	case err != nil, day.Year() < FirstYear:
		// A milestone before PP 7/2021's classes is no move within them
		// (and 0001-01-01 is a form's empty date, not a day).
		errs.Add("on", "date_invalid")
	case day.After(wib.Date(s.Now())):
		errs.Add("on", "umkm_date_future")
	}
	if in.ProgramID != 0 {
		var n int
		if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM umkm_applications WHERE program_id = ? AND business_id = ? AND result = ?`,
			in.ProgramID, b.ID, Admitted).Scan(&n); err != nil {
			return Milestone{}, fmt.Errorf("milestone: %w", err)
		}
		if n == 0 {
			errs.Add("program_id", "umkm_program_not_admitted")
		}
	}
	if err := errs.Err(); err != nil {
		return Milestone{}, err
	}
	m.On = day
	m.ID, err = db.InsertID(ctx, s.DB, `INSERT INTO umkm_milestones (business_id, kind, detail, amount, evidence, happened_on, program_id,
		recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.ID, m.Kind, m.Detail, m.Amount, m.Evidence,
		m.On.Format(time.DateOnly), nullInt(m.ProgramID), u.ID, s.Now().UTC())
	if err != nil {
		return Milestone{}, fmt.Errorf("milestone: %w", err)
	}
	return m, nil
}

func (s *Store) milestones(ctx context.Context, businessID int64) ([]Milestone, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT m.id, m.kind, m.detail, m.amount, m.evidence, m.happened_on, COALESCE(m.program_id, 0),
		COALESCE(p.title, '') FROM umkm_milestones m LEFT JOIN umkm_programs p ON p.id = m.program_id
		WHERE m.business_id = ? ORDER BY m.happened_on DESC, m.id DESC`, businessID)
	if err != nil {
		return nil, fmt.Errorf("milestones of business %d: %w", businessID, err)
	}
	defer rows.Close()
	var out []Milestone
	for rows.Next() {
		var m Milestone
		var on db.AggTime
		if err := rows.Scan(&m.ID, &m.Kind, &m.Detail, &m.Amount, &m.Evidence, &on, &m.ProgramID, &m.ProgramTitle); err != nil {
			return nil, err
		}
		m.On = on.Time
		out = append(out, m)
	}
	return out, rows.Err()
}
