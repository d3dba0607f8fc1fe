// Package training keeps vocational training: providers (BLK, LPK, SMK,
// industry training centres) and their staff, programs with what they teach
// and whom they admit, intake rounds whose seats are allocated by deferred
// acceptance (internal/alloc) with a lottery seed committed to in advance,
// appeals, the course itself (enrollment, attendance, completion, BNSP
// certificate) and outcomes read from bursa kerja's placements.
//
// The allocation rule is public so that nobody needs to "know someone" for a
// seat: each program declares an ordered list of priority criteria, an
// applicant's class at a program is the index of the first criterion they
// meet, ties are broken by a lottery number anyone can recompute from the
// seed revealed after the round, and every applicant can compare their own
// class and lottery with the cutoff of each program they ranked above their
// seat.
package training

import (
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Store keeps providers, programs, rounds and enrollments.
type Store struct {
	DB  *db.DB
	Now func() time.Time
	// Box seals a round's lottery seed until allocation: its hash is public
	// from the start, and nobody — not even someone reading the database —
	// should know the draw while applications can still change.
	Box *secret.Box
	// Notify, when set, tells applicants their seat results and followers
	// of a program that a round opened, in the event's transaction.
	Notify *notify.Store
}

// Priority criteria a program may order. Each is a fact about an applicant,
// judged at the round's close.
const (
	// DTKS: the applicant declares their household is registered in the
	// DTKS (Data Terpadu Kesejahteraan Sosial), the social-welfare register.
	DTKS = "dtks"
	// Domisili: the applicant's domicile is the program's regency/city.
	Domisili = "domisili"
	// Menganggur: the applicant declares being without work for at least
	// LongUnemployedMonths.
	Menganggur = "menganggur"
	// Muda: the applicant is YouthMinAge–YouthMaxAge years old.
	Muda = "muda"
)

// Criteria lists the priority criteria.
var Criteria = []string{DTKS, Domisili, Menganggur, Muda}

// Youth bounds of the muda criterion, inclusive, in whole years at the
// round's close. UU 40/2009 on youth (kepemudaan) counts ages 16–30 as
// youth; training programs admit adults only, so bursa's youth programs
// start at 18, the lower age of Kartu Prakerja too.
const (
	YouthMinAge = 18
	YouthMaxAge = 30
)

// LongUnemployedMonths is how long an applicant must have been without work
// to meet the menganggur criterion: 12 months is the ILO's threshold for
// long-term unemployment, the group priority is meant to reach first.
const LongUnemployedMonths = 12

// YouthTags mark youth programs (the province's youth employment
// programmes); a program carrying one must rank applicants by the muda
// criterion, or the tag would promise young people a priority they do not
// get.
var YouthTags = []string{"muda-berdaya", "gen-banten"}

// Errors for conditions the caller maps to a status rather than to a field.
// The permission errors follow one convention (see access.go): ErrLogin when
// nobody is logged in, ErrRole when the user's roles may never do this, and
// a not-found error when the object is another party's.
var (
	// ErrLogin means the rule needs to know who is asking.
	ErrLogin = fail.New(fail.Unauthorized, "training: login required")
	// ErrRole means the user's roles may never do this, whatever the object.
	ErrRole = fail.New(fail.Forbidden, "training: the user's roles may not do this")
	// ErrNotStaff means the acting user does not work for the provider the
	// object belongs to. It is a not-found: answering "forbidden" for an
	// existing id would tell a stranger which ids exist.
	ErrNotStaff = fail.New(fail.NotFound, "training: user is not staff of this provider")
	// ErrAllocated means the round has already been allocated.
	ErrAllocated = fail.New(fail.Conflict, "training: round already allocated")
	// ErrNotAllocated means the round has not been allocated yet.
	ErrNotAllocated = fail.New(fail.Conflict, "training: round not allocated yet")
)

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ageOn is the age in whole years on civil day t.
func ageOn(birth, t time.Time) int {
	age := t.Year() - birth.Year()
	if t.Month() < birth.Month() || (t.Month() == birth.Month() && t.Day() < birth.Day()) {
		age--
	}
	return age
}

func today(now func() time.Time) time.Time { return wib.Date(now()) }

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// nullID turns 0 into NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
