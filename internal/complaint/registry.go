package complaint

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The officer registry: who handles cases where, and who supervises them.
// Officers read it to assign cases; only the admin keeps it.

// officerKinds are the kinds of registry entry, in the order pages list them.
var officerKinds = []string{string(auth.Pengawas), string(auth.Mediator)}

// SetOfficer registers or updates an officer; only an admin may.
func (s *Store) SetOfficer(ctx context.Context, u *auth.User, in OfficerInput) error {
	if err := registryKeepers.check(u); err != nil {
		return err
	}
	var errs valid.Errors
	if !contains(officerKinds, in.Kind) {
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
	if seen[ProvinceWide] {
		// The whole province covers every regency and city: naming some
		// besides would only clutter the entry (both doors, the same).
		regions = []string{ProvinceWide}
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

// Officers lists the registry entries of kind ("pengawas", "mediator", or
// "" for both) with their current load, for a user who may read the
// registry; region "" lists all, else those covering it.
func (s *Store) Officers(ctx context.Context, u *auth.User, kind, region string) ([]Officer, error) {
	if err := registryReaders.check(u); err != nil {
		return nil, err
	}
	kinds := officerKinds
	if kind != "" {
		if !contains(officerKinds, kind) {
			return nil, valid.New("kind", "choose_one")
		}
		kinds = []string{kind}
	}
	var out []Officer
	for _, k := range kinds {
		offs, err := s.officersCovering(ctx, k, region)
		if err != nil {
			return nil, err
		}
		out = append(out, offs...)
	}
	return out, nil
}

// Officer returns the registry entry of userID as kind, for a user who may
// read the registry.
func (s *Store) Officer(ctx context.Context, u *auth.User, userID int64, kind string) (Officer, error) {
	if err := registryReaders.check(u); err != nil {
		return Officer{}, err
	}
	offs, err := s.queryOfficers(ctx, s.DB, `o.user_id = ? AND o.kind = ?`, userID, kind)
	if err != nil {
		return Officer{}, err
	}
	if len(offs) == 0 {
		return Officer{}, fmt.Errorf("officer %d (%s): %w", userID, kind, fail.NotFound)
	}
	return offs[0], nil
}

// Registry is the admin's page of the officer registry: every entry, and
// the users who could be registered.
type Registry struct {
	Kinds      []string
	Officers   []Officer
	Candidates []Candidate
}

// Registry loads the registry for the admin who keeps it.
func (s *Store) Registry(ctx context.Context, u *auth.User) (Registry, error) {
	if err := registryKeepers.check(u); err != nil {
		return Registry{}, err
	}
	r := Registry{Kinds: officerKinds}
	for _, k := range r.Kinds {
		offs, err := s.officersCovering(ctx, k, "")
		if err != nil {
			return Registry{}, err
		}
		r.Officers = append(r.Officers, offs...)
		cands, err := s.Candidates(ctx, k)
		if err != nil {
			return Registry{}, err
		}
		r.Candidates = append(r.Candidates, cands...)
	}
	return r, nil
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
