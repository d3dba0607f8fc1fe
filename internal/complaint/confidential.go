package complaint

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
)

// Confidential is a complaint opened by an officer of its case.
type Confidential struct {
	ComplaintID       int64
	CaseID            int64
	Kind              string
	Category          string
	Via               string
	Region            string
	Employer          string
	HappenedOn        time.Time
	WorkersAffected   int
	UMK               UMKCheck
	Anonymous         bool
	ConsentEmployer   bool
	Adverse           string
	LinkedComplaintID int64
	FiledAt           time.Time
	Identity          *Identity // nil for anonymous complaints
	Narrative         Narrative
	Members           []MemberView
	UnnamedMembers    int
	Files             []FileInfo
	Messages          []Message
}

// MemberView is a named union member with their recorded consent.
type MemberView struct {
	Name        string
	HasAccount  bool
	ConsentAt   time.Time
	ConsentNote string
}

// FileInfo describes an evidence file.
type FileInfo struct {
	ID       int64
	Type     string
	Size     int64
	Stripped bool // image metadata removed; false for PDFs, kept as sent
}

// complaintCase returns the case of complaint id, or not found while it is
// a sealed report waiting for its pool: nobody may see it yet.
func (s *Store) complaintCase(ctx context.Context, id int64) (int64, error) {
	var caseID sql.NullInt64
	err := s.DB.QueryRowContext(ctx, `SELECT case_id FROM complaints WHERE id = ?`, id).Scan(&caseID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !caseID.Valid) {
		return 0, fmt.Errorf("complaint %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("complaint %d: %w", id, err)
	}
	return caseID.Int64, nil
}

// authorizeComplaint checks act on the case of complaint id for u, in the
// order authorize keeps: login, role, then the complaint and its case,
// either of which another officer's is not found. inCase, when not 0, is
// the case the caller reached the complaint through: a complaint of any
// other case is not found either.
func (s *Store) authorizeComplaint(ctx context.Context, u *auth.User, inCase, id int64, act Action) (CaseSummary, Actor, error) {
	a, err := s.actorFor(ctx, u, gateFor(act))
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	caseID, err := s.complaintCase(ctx, id)
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	if inCase != 0 && inCase != caseID {
		return CaseSummary{}, Actor{}, fmt.Errorf("complaint %d in case %d: %w", id, inCase, fail.NotFound)
	}
	c, err := s.getCase(ctx, s.DB, caseID)
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	if err := decide(a, act, c); err != nil {
		return CaseSummary{}, Actor{}, err
	}
	return c, a, nil
}

// OpenComplaint opens complaint id's identity, narrative, members, evidence
// list and messages for an officer allowed to open its case, and writes the
// opening to the audit trail the complainant sees.
func (s *Store) OpenComplaint(ctx context.Context, u *auth.User, id int64) (Confidential, error) {
	return s.OpenCaseComplaint(ctx, u, 0, id)
}

// OpenCaseComplaint is OpenComplaint for complaint id reached through case
// caseID (0: through no case): a complaint of another case is not found.
func (s *Store) OpenCaseComplaint(ctx context.Context, u *auth.User, caseID, id int64) (Confidential, error) {
	c, a, err := s.authorizeComplaint(ctx, u, caseID, id, ActOpen)
	if err != nil {
		return Confidential{}, err
	}
	out := Confidential{ComplaintID: id, CaseID: c.ID, Kind: c.Kind}
	var details, identity []byte
	var happened sql.NullTime
	var linked sql.NullInt64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := audit.Record(ctx, tx, audit.Entry{At: s.Now(), ActorID: a.UserID, Action: "complaint.open",
			SubjectType: "complaint", SubjectID: id, Detail: "case " + strconv.FormatInt(c.ID, 10)}); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT c.category, c.via, c.region, COALESCE(e.name, c.employer_name), c.happened_on,
			c.workers_affected, c.below_umk, c.umk_amount, c.umk_year, c.anonymous, c.consent_employer, c.adverse,
			c.linked_complaint_id, c.created_at, c.details_enc, c.identity_enc, c.unnamed_members
			FROM complaints c LEFT JOIN employers e ON e.id = c.employer_id WHERE c.id = ?`, id).
			Scan(&out.Category, &out.Via, &out.Region, &out.Employer, &happened, &out.WorkersAffected, &out.UMK.Below,
				&out.UMK.UMK, &out.UMK.Year, &out.Anonymous, &out.ConsentEmployer, &out.Adverse, &linked, &out.FiledAt,
				&details, &identity, &out.UnnamedMembers)
	})
	if err != nil {
		return Confidential{}, fmt.Errorf("open complaint %d: %w", id, err)
	}
	out.HappenedOn, out.LinkedComplaintID, out.UMK.Checked = happened.Time, linked.Int64, out.UMK.Year != 0
	if err := s.unseal(ctx, &out, details, identity); err != nil {
		return Confidential{}, fmt.Errorf("open complaint %d: %w", id, err)
	}
	if out.Members, err = s.members(ctx, id); err != nil {
		return Confidential{}, err
	}
	if out.Files, err = s.files(ctx, id); err != nil {
		return Confidential{}, err
	}
	if out.Messages, err = s.messages(ctx, id); err != nil {
		return Confidential{}, err
	}
	return out, nil
}

// unseal opens a complaint's narrative and identity into out.
func (s *Store) unseal(ctx context.Context, out *Confidential, details, identity []byte) error {
	b, err := s.Box.Open(details, ctxDetails)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &out.Narrative); err != nil {
		return err
	}
	if len(identity) > 0 {
		b, err := s.Box.Open(identity, ctxIdentity)
		if err != nil {
			return err
		}
		out.Identity = &Identity{}
		if err := json.Unmarshal(b, out.Identity); err != nil {
			return err
		}
	} else if out.Narrative.ReporterID != 0 && !out.Anonymous {
		// A fee report of version 1 sealed its reporter in the details.
		out.Identity = &Identity{UserID: out.Narrative.ReporterID}
		_ = s.DB.QueryRowContext(ctx, `SELECT name FROM users WHERE id = ?`, out.Identity.UserID).Scan(&out.Identity.Name)
	}
	out.Narrative.ReporterID = 0
	return nil
}

// members opens the union members named in complaint id.
func (s *Store) members(ctx context.Context, id int64) ([]MemberView, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT name_enc, member_key, consent_at, consent_note FROM complaint_members
		WHERE complaint_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("members of %d: %w", id, err)
	}
	defer rows.Close()
	var out []MemberView
	for rows.Next() {
		var m MemberView
		var name []byte
		var key string
		if err := rows.Scan(&name, &key, &m.ConsentAt, &m.ConsentNote); err != nil {
			return nil, err
		}
		n, err := s.Box.Open(name, ctxMember)
		if err != nil {
			return nil, fmt.Errorf("member of %d: %w", id, err)
		}
		m.Name, m.HasAccount = string(n), key != ""
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) files(ctx context.Context, complaintID int64) ([]FileInfo, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, media_type, size, stripped FROM complaint_files WHERE complaint_id = ? ORDER BY id`, complaintID)
	if err != nil {
		return nil, fmt.Errorf("files of %d: %w", complaintID, err)
	}
	defer rows.Close()
	var out []FileInfo
	for rows.Next() {
		var f FileInfo
		if err := rows.Scan(&f.ID, &f.Type, &f.Size, &f.Stripped); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Evidence returns evidence file id to an officer allowed to open its
// case, and writes the opening to the audit trail.
func (s *Store) Evidence(ctx context.Context, u *auth.User, fileID int64) (FileInfo, []byte, error) {
	// The role first: whether a file id exists is nobody else's business.
	if err := caseOfficers.check(u); err != nil {
		return FileInfo{}, nil, err
	}
	var complaintID int64
	err := s.DB.QueryRowContext(ctx, `SELECT complaint_id FROM complaint_files WHERE id = ?`, fileID).Scan(&complaintID)
	if errors.Is(err, sql.ErrNoRows) {
		return FileInfo{}, nil, fmt.Errorf("evidence %d: %w", fileID, db.ErrNotFound)
	}
	if err != nil {
		return FileInfo{}, nil, fmt.Errorf("evidence %d: %w", fileID, err)
	}
	_, a, err := s.authorizeComplaint(ctx, u, 0, complaintID, ActOpen)
	if err != nil {
		return FileInfo{}, nil, err
	}
	var f FileInfo
	var data []byte
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := audit.Record(ctx, tx, audit.Entry{At: s.Now(), ActorID: a.UserID, Action: "complaint.evidence",
			SubjectType: "complaint", SubjectID: complaintID, Detail: "file " + strconv.FormatInt(fileID, 10)}); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id, media_type, size, stripped, data_enc FROM complaint_files WHERE id = ?`, fileID).
			Scan(&f.ID, &f.Type, &f.Size, &f.Stripped, &data)
	})
	if err != nil {
		return FileInfo{}, nil, fmt.Errorf("evidence %d: %w", fileID, err)
	}
	plain, err := s.openEvidence(ctx, s.DB, fileID, data)
	if err != nil {
		return FileInfo{}, nil, fmt.Errorf("evidence %d: %w", fileID, err)
	}
	return f, plain, nil
}

// MessageComplainant writes from an officer of the case to the
// complainant of complaint id (who reads it by account or code and PIN).
func (s *Store) MessageComplainant(ctx context.Context, u *auth.User, complaintID int64, body string) error {
	return s.MessageCaseComplainant(ctx, u, 0, complaintID, body)
}

// MessageCaseComplainant is MessageComplainant for a complaint reached
// through case caseID (0: through no case): a complaint of another case is
// not found.
func (s *Store) MessageCaseComplainant(ctx context.Context, u *auth.User, caseID, complaintID int64, body string) error {
	_, a, err := s.authorizeComplaint(ctx, u, caseID, complaintID, ActWork)
	if err != nil {
		return err
	}
	if body, err = checkMessage(body); err != nil {
		return err
	}
	return s.addMessage(ctx, complaintID, true, a.UserID, body)
}
