// Package complaint keeps workers' complaints and what the province does
// with them: labor-inspection cases (diterima → … → nota pemeriksaan I/II →
// selesai, PPNS or closed), industrial disputes (bipartite → mediation →
// agreement or the industrial relations court), union and anonymous filing,
// sealed reports pooled until k workers name the same employer and
// category, retaliation links, the employers' public compliance record,
// aspirations (policy proposals) and public aggregated counts.
//
// Confidentiality is the point of the package. A complainant's identity,
// the narrative, named union members, evidence and messages are sealed with
// secret.Box under distinct contexts; only the assigned officer and their
// supervisor can open them (Allowed is the one decision), and every opening
// is written to audit_log, which the complainant can list. No function
// returns a complainant's identity to an employer unless they consented.
// Anonymous complainants hold a tracking code and a PIN (argon2id), and
// wrong PINs are throttled per code and per address.
package complaint

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Store keeps complaints, cases, disputes and aspirations.
type Store struct {
	DB  *db.DB
	Box *secret.Box
	Now func() time.Time
	// Notify, when set, tells a complainant who left a contact of news on
	// their complaint and officers of overdue cases, in the event's
	// transaction.
	Notify *notify.Store
	// Passwords hashes tracking PINs with argon2id, like account passwords;
	// the application passes its own, so PIN checks and logins share one
	// memory bound.
	Passwords *auth.Passwords
	// PoolK is how many reports must name the same employer and category
	// before sealed reports open a case; 0 means DefaultPoolK.
	PoolK int
	// Deadlines are the periods of each state; nil means DefaultDeadlines.
	Deadlines *Deadlines
	// Phones redeems verified-phone tokens for pool ties (poolTie); nil
	// while bursa has no phone verification.
	Phones PhoneVerifier
	// gate is the decoders this store's uploads share (decode.go).
	gate gateOnce
}

// DefaultPoolK is the default k of sealed reports: how many people must
// report the same employer and category before their reports open a case.
const DefaultPoolK = 3

func (s *Store) poolK() int {
	if s.PoolK > 0 {
		return s.PoolK
	}
	return DefaultPoolK
}

func (s *Store) deadlines() Deadlines {
	if s.Deadlines != nil {
		return *s.Deadlines
	}
	return DefaultDeadlines
}

func (s *Store) passwords() *auth.Passwords { return s.Passwords }

func (s *Store) today() time.Time { return wib.Date(s.Now()) }

// Complaint categories, as stable codes (the API's `category`).
const (
	UpahDiBawahUMK       = "upah_di_bawah_umk"     // wage below the regency's UMK
	UpahTidakDibayar     = "upah_tidak_dibayar"    // wages or THR unpaid
	Lembur               = "lembur"                // overtime
	BPJS                 = "bpjs"                  // not registered for BPJS Ketenagakerjaan/Kesehatan
	KontrakAlihDaya      = "kontrak_alih_daya"     // PKWT or outsourcing against the rules
	PHK                  = "phk"                   // unilateral dismissal
	PemberangusanSerikat = "pemberangusan_serikat" // union busting
	K3                   = "k3"                    // occupational safety, work accidents
	Diskriminasi         = "diskriminasi"          // discrimination
	CategoryCalo         = "calo"                  // fee demand by a broker or insider (pungutan/calo)
	Lainnya              = "lainnya"               // other
)

// Categories lists the complaint categories in the order forms show them.
var Categories = []string{UpahDiBawahUMK, UpahTidakDibayar, Lembur, BPJS, KontrakAlihDaya, PHK,
	PemberangusanSerikat, K3, Diskriminasi, CategoryCalo, Lainnya}

// Kinds of case.
const (
	KindInspection = "pemeriksaan"  // labor inspection
	KindDispute    = "perselisihan" // industrial relations dispute (UU 2/2004)
)

// How a complaint came in.
const (
	ViaAccount   = "akun"    // a logged-in worker, named
	ViaAnonymous = "anonim"  // no identity kept
	ViaUnion     = "serikat" // a union officer for members
)

// Complaint statuses (the filing; the case has its own state).
const (
	statusWaiting = "menunggu" // sealed, waiting for k reports
	statusInCase  = "kasus"
)

// Errors the caller maps to a status rather than to a field. Another
// party's case, complaint or company is not an ErrForbidden but not found
// (fail.NotFound), like one that does not exist.
var (
	// ErrLogin means the action needs an account and nobody is logged in.
	ErrLogin = fail.New(fail.Unauthorized, "complaint: login required")
	// ErrForbidden means the user's roles never allow this, or they see the
	// case but may not do this to it.
	ErrForbidden = fail.New(fail.Forbidden, "complaint: not allowed")
	// ErrBadPIN means the tracking code or the PIN is wrong; which one is
	// never said. After repeated failures *auth.LockedError comes instead.
	ErrBadPIN = fail.New(fail.Unauthorized, "complaint: wrong code or PIN")
)

func contains[T comparable](list []T, x T) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

// nullID turns 0 into NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullDate turns the zero time into NULL.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func stringArgs(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// userKey is the keyed hash standing for an account in lookups, so the
// tables never tie a complaint to a user id in the clear.
func (s *Store) userKey(userID int64) string {
	if userID == 0 {
		return ""
	}
	return s.Box.Hash(strconv.FormatInt(userID, 10), "complaint.user")
}

// unionKey is the keyed hash of a union's normalised name.
func (s *Store) unionKey(name string) string {
	n := normName(name)
	if n == "" {
		return ""
	}
	return s.Box.Hash(n, "complaint.union")
}

// Sealing contexts: a value sealed for one use cannot be opened as another.
const (
	ctxIdentity = "complaint.identity"
	ctxDetails  = "complaint.details" // the narrative (the context of version 1's fee reports)
	ctxMember   = "complaint.member"
	ctxEvidence = "complaint.evidence"
	ctxMessage  = "complaint.message"
)

func hasRole(roles []auth.Role, r auth.Role) bool { return contains(roles, r) }

// userRoles reads a user's roles from the database (for checks on users
// other than the caller, such as an officer being registered).
func userRoles(ctx context.Context, q db.Querier, userID int64) ([]auth.Role, error) {
	rows, err := q.QueryContext(ctx, `SELECT role FROM user_roles WHERE user_id = ?`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auth.Role
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, auth.Role(r))
	}
	return out, rows.Err()
}

// queryIDs runs a query of one id column and returns the ids.
func queryIDs(ctx context.Context, q db.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
