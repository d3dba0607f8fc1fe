package complaint

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/fail"
)

// Action is something a user may do to a case.
type Action string

const (
	// ActView: see the case summary and its timeline (no identity).
	ActView Action = "case.view"
	// ActOpen: open the complainants' identity, narrative, evidence and
	// messages. Every opening is audited.
	ActOpen Action = "case.open"
	// ActWork: move an assigned case on, record findings, schedule
	// sessions, write to the complainants.
	ActWork Action = "case.work"
	// ActManage: verify, assign and reassign; move a case nobody is
	// assigned to.
	ActManage Action = "case.manage"
	// ActEmployer: see the findings addressed to one's own company and
	// answer them.
	ActEmployer Action = "case.employer"
)

// Actions lists every action, for the role × action test table.
var Actions = []Action{ActView, ActOpen, ActWork, ActManage, ActEmployer}

// Actor is what the decision needs to know of a user.
type Actor struct {
	UserID    int64
	Roles     []auth.Role
	Officers  []Officer // the user's entries in the officer registry
	Employers []int64   // employers whose account the user owns
}

// CaseFacts is what the decision needs to know of a case.
type CaseFacts struct {
	Kind                 string
	State                string
	Region               string // "" when unknown: only province-wide supervisors cover it
	AssigneeID           int64
	AssigneeSupervisorID int64
	EmployerID           int64
	// Waiting: a sealed report whose pool has not filled. It is no case
	// yet, and nobody but its reporter may see it.
	Waiting bool
}

// OfficerRole is the role that handles cases of kind.
func OfficerRole(kind string) auth.Role {
	if kind == KindDispute {
		return auth.Mediator
	}
	return auth.Pengawas
}

// covers reports whether regions include region, "36" standing for the
// whole province.
func covers(regions []string, region string) bool {
	return contains(regions, ProvinceWide) || (region != "" && contains(regions, region))
}

// ProvinceWide in an officer's regions covers every regency and city, and
// cases whose region is unknown.
const ProvinceWide = "36"

// Allowed is the single decision of who may do what to a case. The
// assigned officer and their supervisors (the assignee's own supervisor, or
// a supervisor covering the case's region) may view, open and work on it;
// only supervisors manage it; an employer sees the findings addressed to
// its own company once they exist, and never the complainants' identity or
// narrative (ActOpen). Officers act only while they hold the role and an
// active registry entry of the case's kind. A sealed report waiting for its
// pool is nobody's case.
func Allowed(a Actor, act Action, c CaseFacts) bool {
	if c.Waiting || a.UserID == 0 {
		return false
	}
	if act == ActEmployer {
		return hasRole(a.Roles, auth.Perusahaan) && c.Kind == KindInspection && c.EmployerID != 0 &&
			contains(a.Employers, c.EmployerID) && contains(employerVisible, c.State)
	}
	role := OfficerRole(c.Kind)
	if !hasRole(a.Roles, role) {
		return false
	}
	var off *Officer
	for i := range a.Officers {
		if a.Officers[i].Kind == string(role) && a.Officers[i].Active {
			off = &a.Officers[i]
		}
	}
	if off == nil {
		return false
	}
	assignee := c.AssigneeID != 0 && c.AssigneeID == a.UserID
	supervises := off.Supervisor && (c.AssigneeSupervisorID == a.UserID || covers(off.Regions, c.Region))
	switch act {
	case ActView, ActOpen, ActWork:
		return assignee || supervises
	case ActManage:
		return supervises
	}
	return false
}

// actorFor passes u through gate g and loads what Allowed needs to know
// of them.
func (s *Store) actorFor(ctx context.Context, u *auth.User, g gate) (Actor, error) {
	if err := g.check(u); err != nil {
		return Actor{}, err
	}
	a := Actor{UserID: u.ID, Roles: u.Roles}
	offs, err := s.officersOf(ctx, s.DB, u.ID)
	if err != nil {
		return Actor{}, err
	}
	a.Officers = offs
	if hasRole(u.Roles, auth.Perusahaan) {
		if a.Employers, err = s.ownedEmployers(ctx, u.ID); err != nil {
			return Actor{}, err
		}
	}
	return a, nil
}

// ownedEmployers lists the employers whose account userID owns.
func (s *Store) ownedEmployers(ctx context.Context, userID int64) ([]int64, error) {
	ids, err := queryIDs(ctx, s.DB, `SELECT id FROM employers WHERE owner_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("employers of %d: %w", userID, err)
	}
	return ids, nil
}

// authorize loads case id for u and checks act on it, in the order that
// keeps case ids private: a visitor is asked to log in (ErrLogin); a role
// that may never act on cases this way is refused before the case is
// looked up (ErrForbidden, whatever the id); a case u may not even see is
// not found, exactly like one that does not exist; only a case u sees but
// may not act on this way is ErrForbidden.
func (s *Store) authorize(ctx context.Context, u *auth.User, id int64, act Action) (CaseSummary, Actor, error) {
	a, err := s.actorFor(ctx, u, gateFor(act))
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	c, err := s.getCase(ctx, s.DB, id)
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	if err := decide(a, act, c); err != nil {
		return CaseSummary{}, Actor{}, err
	}
	return c, a, nil
}

// gateFor is the gate of an action on a case: the employer's staff for
// ActEmployer, case officers for everything else.
func gateFor(act Action) gate {
	if act == ActEmployer {
		return employerStaff
	}
	return caseOfficers
}

// decide is Allowed as the error both doors answer: not found when a may
// not even see case c (another officer's case, another company's), so a
// stranger cannot tell it from a case that does not exist; ErrForbidden
// when a sees it but may not do act to it (an inspector reassigning their
// own case).
func decide(a Actor, act Action, c CaseSummary) error {
	see := ActView
	if act == ActEmployer {
		see = ActEmployer
	}
	f := c.facts()
	if !Allowed(a, see, f) {
		return fmt.Errorf("case %d: %w", c.ID, fail.NotFound)
	}
	if !Allowed(a, act, f) {
		return ErrForbidden
	}
	return nil
}
