// Package mydata answers a person's rights over their own data under UU
// 27/2022 (Pelindungan Data Pribadi): a copy of everything bursa holds about
// them (Export), the correction of what they may change themselves
// (Correct), and the deletion of their account (Delete), which anonymises
// what others rely on (applications, placements, training records) and
// keeps what the law keeps (complaint case files).
package mydata

import (
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// Store reads and changes a person's own data.
type Store struct {
	DB        *db.DB
	Box       *secret.Box
	Passwords *auth.Passwords
	Seekers   *seeker.Store
	Now       func() time.Time
	// OnChange tells the matching index that a seeker changed (a deleted
	// one must leave the candidates at once); nil in tests that need no index.
	OnChange func()
}

// Refusal is a deletion bursa will not do for this account, with the
// message id that says what to do instead.
type Refusal struct {
	Kind fail.Kind // Forbidden or Conflict
	Code string    // message id under "data."
}

func (r *Refusal) Error() string        { return "mydata: " + r.Code }
func (r *Refusal) Is(target error) bool { return target == r.Kind }

var (
	// ErrOfficer: officers' and providers' accounts carry duties (cases,
	// decisions, rosters); the admin removes them, not their holder.
	ErrOfficer = &Refusal{Kind: fail.Forbidden, Code: "data.delete_officer"}
	// ErrOpenVacancies: an employer closes its open vacancies first, so no
	// applicant is left waiting on a company nobody answers for.
	ErrOpenVacancies = &Refusal{Kind: fail.Conflict, Code: "data.delete_open_vacancies"}
)

// selfService are the roles whose holders may delete their own account.
var selfService = map[auth.Role]bool{auth.Pencari: true, auth.Perusahaan: true}

func (s *Store) now() time.Time { return s.Now().UTC() }
