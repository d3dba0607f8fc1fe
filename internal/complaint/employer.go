package complaint

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/valid"
)

// EmployerCase is an inspection case as the employer it concerns sees it,
// once findings are addressed to it: no complainant's identity or
// narrative, except the names of complainants who consented.
type EmployerCase struct {
	ID        int64
	Number    string
	Category  string
	State     string
	Deadline  time.Time // of a nota: the day to comply by
	Findings  []Finding
	Responses []Response
	// Complainants: names of complainants who allowed the employer to know
	// them (Input.ConsentEmployer). Everyone else stays unnamed.
	Complainants []string
}

// EmployerCases lists the cases with findings addressed to employerID, for
// a user who owns that employer's account; another company is not found.
// employerID 0 stands for a user who owns no company yet: they have no
// findings (the page then asks them to register one).
func (s *Store) EmployerCases(ctx context.Context, u *auth.User, employerID int64) ([]EmployerCase, error) {
	a, err := s.actorFor(ctx, u, employerStaff)
	if err != nil || employerID == 0 {
		return nil, err
	}
	if !contains(a.Employers, employerID) {
		return nil, fmt.Errorf("findings of employer %d: %w", employerID, fail.NotFound)
	}
	list, err := s.listCases(ctx, `k.employer_id = ? AND k.kind = ? ORDER BY k.opened_at DESC, k.id DESC`, employerID, KindInspection)
	if err != nil {
		return nil, err
	}
	var out []EmployerCase
	for _, c := range list {
		if !Allowed(a, ActEmployer, c.facts()) {
			continue
		}
		ec := EmployerCase{ID: c.ID, Number: c.Number(), Category: c.Category, State: c.State}
		if c.State == Nota1 || c.State == Nota2 {
			ec.Deadline = c.Deadline
		}
		if ec.Findings, err = s.findings(ctx, s.DB, c.ID); err != nil {
			return nil, err
		}
		if ec.Responses, err = s.responses(ctx, c.ID); err != nil {
			return nil, err
		}
		if ec.Complainants, err = s.consentingNames(ctx, c.ID); err != nil {
			return nil, err
		}
		out = append(out, ec)
	}
	return out, nil
}

// consentingNames opens the identity of the complainants of case id who
// consented to be known to the employer, and only theirs.
func (s *Store) consentingNames(ctx context.Context, caseID int64) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT identity_enc FROM complaints WHERE case_id = ? AND consent_employer = ?
		AND anonymous = ? AND identity_enc IS NOT NULL ORDER BY id`, caseID, true, false)
	if err != nil {
		return nil, fmt.Errorf("consenting complainants of %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var enc []byte
		if err := rows.Scan(&enc); err != nil {
			return nil, err
		}
		b, err := s.Box.Open(enc, ctxIdentity)
		if err != nil {
			return nil, err
		}
		var id Identity
		if err := json.Unmarshal(b, &id); err != nil {
			return nil, err
		}
		name := id.Name
		if id.UnionName != "" {
			name = id.UnionName
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// Respond records the employer's answer to the findings of case id
// (temuan, nota_1 or nota_2), by a user owning the employer's account;
// another company's case, or one without findings yet, is not found.
func (s *Store) Respond(ctx context.Context, u *auth.User, id int64, body string) error {
	c, a, err := s.authorize(ctx, u, id, ActEmployer)
	if err != nil {
		return err
	}
	if IsFinal(c.Kind, c.State) {
		return valid.New("body", "case_closed")
	}
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return valid.New("body", "required")
	case n > 4000:
		return valid.New("body", "too_long", "max", 4000)
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_responses (case_id, employer_id, author_id, body, created_at)
			VALUES (?, ?, ?, ?, ?)`, id, c.EmployerID, a.UserID, body, now); err != nil {
			return fmt.Errorf("response on %d: %w", id, err)
		}
		return addEvent(ctx, tx, id, now, a.UserID, "tanggapan", "", "", "tanggapan perusahaan", time.Time{})
	})
}

// ComplianceCount is one line of an employer's compliance record.
type ComplianceCount struct {
	Category string
	Findings int // substantiated findings in final cases
	Cases    int
}

// PublicFinding is a substantiated finding on the public record.
type PublicFinding struct {
	Category string
	Summary  string
	Outcome  string    // selesai or dilimpahkan_ppns
	FinalAt  time.Time // when the case ended
	// AtWorksite: the case was against an outsourcing company or agency,
	// about work done at this company (alih daya): the record attaches to
	// both, since the conditions are the user company's too.
	AtWorksite bool
}

// ComplianceRecord is an employer's public compliance record.
type ComplianceRecord struct {
	EmployerID int64
	ByCategory []ComplianceCount // in the order of Categories
	Findings   []PublicFinding   // newest first
}

// Compliance returns employerID's public compliance record: substantiated
// findings of inspection cases that have ended in selesai or
// dilimpahkan_ppns, per category. Open cases, unsubstantiated findings and
// cases closed as not proven never appear. For the employer's public page
// and the API; anyone may read it. An employer that is not registered is
// not found.
func (s *Store) Compliance(ctx context.Context, employerID int64) (ComplianceRecord, error) {
	rec := ComplianceRecord{EmployerID: employerID}
	switch _, ok, err := employerRegion(ctx, s.DB, employerID); {
	case err != nil:
		return rec, err
	case !ok:
		return rec, fmt.Errorf("compliance of %d: %w", employerID, fail.NotFound)
	}
	// Cases against the company itself, and cases at its worksite
	// recorded by its NIB (an outsourced worker's case names the agency).
	rows, err := s.DB.QueryContext(ctx, `SELECT f.case_id, f.category, f.summary, k.state, k.closed_at,
			CASE WHEN k.employer_id = ? THEN 0 ELSE 1 END FROM case_findings f
		JOIN cases k ON k.id = f.case_id
		WHERE (k.employer_id = ? OR (k.worksite_nib <> '' AND k.worksite_nib = (SELECT nib FROM employers WHERE id = ?)))
		AND k.kind = ? AND f.substantiated = ?
		AND k.state IN (`+placeholders(len(PublicFinal))+`) ORDER BY k.closed_at DESC, f.id DESC`,
		append([]any{employerID, employerID, employerID, KindInspection, true}, stringArgs(PublicFinal)...)...)
	if err != nil {
		return rec, fmt.Errorf("compliance of %d: %w", employerID, err)
	}
	defer rows.Close()
	counts := map[string]*ComplianceCount{}
	cases := map[string]map[int64]bool{}
	for rows.Next() {
		var caseID int64
		var f PublicFinding
		var at int
		if err := rows.Scan(&caseID, &f.Category, &f.Summary, &f.Outcome, &f.FinalAt, &at); err != nil {
			return rec, err
		}
		f.AtWorksite = at == 1
		rec.Findings = append(rec.Findings, f)
		if counts[f.Category] == nil {
			counts[f.Category], cases[f.Category] = &ComplianceCount{Category: f.Category}, map[int64]bool{}
		}
		counts[f.Category].Findings++
		cases[f.Category][caseID] = true
	}
	if err := rows.Err(); err != nil {
		return rec, err
	}
	for _, cat := range Categories {
		if c := counts[cat]; c != nil {
			c.Cases = len(cases[cat])
			rec.ByCategory = append(rec.ByCategory, *c)
		}
	}
	return rec, nil
}
