package complaint

import (
	"context"
	"fmt"
	"sort"

	"github.com/bursa-banten/bursa/internal/db"
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

// officersCovering lists the registry entries of kind ("pengawas" or
// "mediator") with their current load; region "" lists all, else those
// covering it.
func (s *Store) officersCovering(ctx context.Context, kind, region string) ([]Officer, error) {
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
