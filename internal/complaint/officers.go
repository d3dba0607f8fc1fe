package complaint

import (
	"context"
	"fmt"
	"sort"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Officer is an entry of the officer registry: a pengawas or mediator, the
// regencies/cities they cover and who supervises them.
type Officer struct {
	UserID       int64
	Name         string
	Kind         string // "pengawas" or "mediator"
	Supervisor   bool   // verifies and assigns the cases of their regions, receives the overdue ones
	SupervisorID int64
	Regions      []string // region codes; ProvinceWide covers all
	Active       bool
	OpenCases    int // cases assigned and not final (the load assignment balances)
}

// OfficerInput registers or updates an officer.
type OfficerInput struct {
	UserID       int64
	Kind         string
	Supervisor   bool
	SupervisorID int64
	Regions      []string
	Active       bool
}

// SetOfficer registers or updates an officer; only an admin may.
func (s *Store) SetOfficer(ctx context.Context, u *auth.User, in OfficerInput) error {
	if u == nil || !u.Has(auth.Admin) {
		return ErrForbidden
	}
	var errs valid.Errors
	if in.Kind != string(auth.Pengawas) && in.Kind != string(auth.Mediator) {
		errs.Add("kind", "choose_one")
	} else {
		roles, err := userRoles(ctx, s.DB, in.UserID)
		if err != nil {
			return fmt.Errorf("set officer %d: %w", in.UserID, err)
		}
		if !hasRole(roles, auth.Role(in.Kind)) {
			errs.Add("user", "officer_role_missing")
		}
	}
	seen := map[string]bool{}
	var regions []string
	for _, r := range in.Regions {
		if _, ok := ref.RegionByCode(r); !ok && r != ProvinceWide {
			errs.Add("regions", "region_invalid")
			break
		}
		if !seen[r] {
			seen[r] = true
			regions = append(regions, r)
		}
	}
	if len(regions) == 0 && !errs.Has("regions") {
		errs.Add("regions", "required")
	}
	if in.SupervisorID != 0 {
		sup, err := s.officersOf(ctx, s.DB, in.SupervisorID)
		if err != nil {
			return err
		}
		ok := false
		for _, o := range sup {
			ok = ok || (o.Kind == in.Kind && o.Supervisor && o.Active)
		}
		if !ok || in.SupervisorID == in.UserID {
			errs.Add("supervisor", "supervisor_invalid")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO officers (user_id, kind, supervisor, supervisor_id, active, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE SET supervisor = excluded.supervisor,
			supervisor_id = excluded.supervisor_id, active = excluded.active, updated_at = excluded.updated_at`,
			in.UserID, in.Kind, in.Supervisor, nullID(in.SupervisorID), in.Active, now); err != nil {
			return fmt.Errorf("set officer %d: %w", in.UserID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM officer_regions WHERE user_id = ? AND kind = ?`, in.UserID, in.Kind); err != nil {
			return err
		}
		for _, r := range regions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO officer_regions (user_id, kind, region) VALUES (?, ?, ?)`,
				in.UserID, in.Kind, r); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "officer.set", SubjectType: "user",
			SubjectID: in.UserID, Detail: fmt.Sprintf("%s supervisor=%t regions=%v active=%t", in.Kind, in.Supervisor, regions, in.Active)})
	})
}

const officerCols = `o.user_id, u.name, o.kind, o.supervisor, COALESCE(o.supervisor_id, 0), o.active,
	(SELECT count(*) FROM cases c WHERE c.assignee_id = o.user_id AND c.kind = CASE o.kind WHEN 'mediator' THEN 'perselisihan' ELSE 'pemeriksaan' END
		AND c.state NOT IN (%s))`

func (s *Store) queryOfficers(ctx context.Context, q db.Querier, where string, args ...any) ([]Officer, error) {
	fin := finalStates()
	query := fmt.Sprintf(`SELECT `+officerCols+` FROM officers o JOIN users u ON u.id = o.user_id WHERE `+where+
		` ORDER BY o.user_id, o.kind`, placeholders(len(fin)))
	rows, err := q.QueryContext(ctx, query, append(stringArgs(fin), args...)...)
	if err != nil {
		return nil, fmt.Errorf("officers: %w", err)
	}
	var out []Officer
	for rows.Next() {
		var o Officer
		if err := rows.Scan(&o.UserID, &o.Name, &o.Kind, &o.Supervisor, &o.SupervisorID, &o.Active, &o.OpenCases); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		rs, err := q.QueryContext(ctx, `SELECT region FROM officer_regions WHERE user_id = ? AND kind = ? ORDER BY region`,
			out[i].UserID, out[i].Kind)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var r string
			if err := rs.Scan(&r); err != nil {
				rs.Close()
				return nil, err
			}
			out[i].Regions = append(out[i].Regions, r)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) officersOf(ctx context.Context, q db.Querier, userID int64) ([]Officer, error) {
	return s.queryOfficers(ctx, q, `o.user_id = ?`, userID)
}

// Officers lists the registry entries of kind ("pengawas" or "mediator")
// with their current load; region "" lists all, else those covering it.
func (s *Store) Officers(ctx context.Context, kind, region string) ([]Officer, error) {
	all, err := s.queryOfficers(ctx, s.DB, `o.kind = ?`, kind)
	if err != nil || region == "" {
		return all, err
	}
	var out []Officer
	for _, o := range all {
		if covers(o.Regions, region) {
			out = append(out, o)
		}
	}
	return out, nil
}

// PickOfficer chooses whom a case in region goes to: among the active
// officers covering it who are not supervisors, the one with the fewest
// open cases, then the lowest user id (so the choice is reproducible).
// Supervisors take cases only where nobody else covers the region.
func PickOfficer(officers []Officer, region string) (Officer, bool) {
	for _, wantSupervisor := range []bool{false, true} {
		var cands []Officer
		for _, o := range officers {
			if o.Active && o.Supervisor == wantSupervisor && covers(o.Regions, region) {
				cands = append(cands, o)
			}
		}
		if len(cands) == 0 {
			continue
		}
		sort.Slice(cands, func(i, j int) bool {
			if cands[i].OpenCases != cands[j].OpenCases {
				return cands[i].OpenCases < cands[j].OpenCases
			}
			return cands[i].UserID < cands[j].UserID
		})
		return cands[0], true
	}
	return Officer{}, false
}

// regionSupervisor returns the first active supervisor of kind covering
// region (0 if none): who receives an overdue case nobody is assigned to.
func (s *Store) regionSupervisor(ctx context.Context, q db.Querier, kind, region string) (int64, error) {
	offs, err := s.queryOfficers(ctx, q, `o.kind = ? AND o.supervisor = ? AND o.active = ?`, string(OfficerRole(kind)), true, true)
	if err != nil {
		return 0, err
	}
	for _, o := range offs {
		if covers(o.Regions, region) {
			return o.UserID, nil
		}
	}
	return 0, nil
}

// Candidate is a user holding the pengawas or mediator role: someone the
// admin can register as an officer of that kind.
type Candidate struct {
	UserID int64
	Name   string
	Login  string // email, else phone
	Kind   string
}

// Candidates lists the users holding role kind ("pengawas" or "mediator"),
// registered or not, by name: the choices of the admin's registry form.
func (s *Store) Candidates(ctx context.Context, kind string) ([]Candidate, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT u.id, u.name, COALESCE(u.email, u.phone, '') FROM users u
		JOIN user_roles r ON r.user_id = u.id WHERE r.role = ? ORDER BY u.name, u.id LIMIT 1000`, kind)
	if err != nil {
		return nil, fmt.Errorf("officer candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		c := Candidate{Kind: kind}
		if err := rows.Scan(&c.UserID, &c.Name, &c.Login); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
