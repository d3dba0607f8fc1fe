package complaint

import "github.com/bursa-banten/bursa/internal/auth"

// A gate is a decision by role alone: what a user's roles allow at all,
// before any particular case, complaint or aspiration is looked at. Every
// store method passes its gate first, so a role that may never do a thing
// is refused the same way (ErrForbidden, 403) whatever id it names and
// learns nothing of which ids exist. Which case a user may act on is
// Allowed's decision, taken after.
type gate []auth.Role

// The gates. Each is the one list of roles for its kind of work.
var (
	// Labor inspectors and mediators handle cases, keep a calendar and
	// open complaints; which cases is Allowed's.
	caseOfficers = gate{auth.Pengawas, auth.Mediator}
	// The employer's staff read the findings addressed to their company
	// and answer them.
	employerStaff = gate{auth.Perusahaan}
	// Workers and union officers are the parties of an industrial dispute.
	disputeParties = gate{auth.Pencari, auth.Serikat}
	// Union officers file for named members and speak in a union's name.
	unionOfficers = gate{auth.Serikat}
	// Workers and union officers propose policy; officials answer it.
	aspirationAuthors = gate{auth.Pencari, auth.Serikat}
	officials         = gate{auth.Petugas, auth.Pengawas, auth.Mediator, auth.Analis, auth.Admin}
	// The officer registry: officers read it (to assign), the admin keeps it.
	registryReaders = gate{auth.Pengawas, auth.Mediator, auth.Admin}
	registryKeepers = gate{auth.Admin}
)

// allows reports whether u holds one of the gate's roles; nil holds none.
func (g gate) allows(u *auth.User) bool {
	if u == nil {
		return false
	}
	for _, r := range g {
		if u.Has(r) {
			return true
		}
	}
	return false
}

// check is allows as the error both doors answer: ErrLogin for a visitor,
// ErrForbidden for a user whose roles never allow this.
func (g gate) check(u *auth.User) error {
	switch {
	case u == nil:
		return ErrLogin
	case !g.allows(u):
		return ErrForbidden
	}
	return nil
}

// CanFileForUnion reports whether u may file complaints and disputes for a
// union and its members, and post aspirations in a union's name: the pages
// offer the union fields only then.
func CanFileForUnion(u *auth.User) bool { return unionOfficers.allows(u) }

// CheckDisputeParty says whether u may register an industrial dispute:
// nil, ErrLogin or ErrForbidden. The dispute form asks it before reading an
// upload; OpenDispute asks it again.
func CheckDisputeParty(u *auth.User) error { return disputeParties.check(u) }

// CanPostAspiration reports whether u may post a policy proposal.
func CanPostAspiration(u *auth.User) bool { return aspirationAuthors.allows(u) }

// CanAnswerAspiration reports whether u may answer proposals officially.
func CanAnswerAspiration(u *auth.User) bool { return officials.allows(u) }
