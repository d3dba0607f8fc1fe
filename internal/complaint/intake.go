package complaint

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Adverse actions against a worker that, within RetaliationWindow of a
// complaint tied to them, open a case flagged as possible retaliation.
const (
	AdverseDismissal  = "phk"                // dismissed
	AdverseNonRenewal = "tidak_diperpanjang" // fixed-term contract not renewed
	AdverseBPJS       = "bpjs_dihapus"       // removed from BPJS
)

// AdverseActions lists the adverse actions.
var AdverseActions = []string{AdverseDismissal, AdverseNonRenewal, AdverseBPJS}

// RetaliationWindow is how long after a complaint an adverse action
// against a worker tied to it is flagged: 12 months.
const RetaliationWindow = 12 // months

// Member is a union member named in a collective complaint.
type Member struct {
	Name string
	// UserID is the member's own account, if any: once they confirm being
	// named (ConfirmMembership) they see the complaint too, and a later
	// dismissal of theirs is linked to it.
	UserID int64
	// Consent: the member agreed to be named; the union officer records
	// how (ConsentNote), and when and by whom are stored with it.
	Consent     bool
	ConsentNote string
}

// Input is a complaint as a worker or a union files it.
type Input struct {
	Category     string // one of Categories
	EmployerID   int64  // a registered employer, or
	EmployerName string // the employer's name as the worker knows it
	Region       string // regency/city of the workplace; defaults to a registered employer's
	Narrative    string // what happened
	HappenedOn   string // YYYY-MM-DD (WIB)
	// WorkersAffected defaults to 1, or to the union's members.
	WorkersAffected int
	// MonthlyWage is the wage the worker is paid, in rupiah a month; it
	// is compared with the UMK (required for upah_di_bawah_umk).
	MonthlyWage int64
	// Anonymous keeps no identity. Without an account a PIN is required to
	// follow the complaint; with one the account can still follow it.
	Anonymous bool
	PIN       string
	// Sealed (anonymous only): stay invisible until PoolK reports name the
	// same employer and category, then be handled as one pooled case.
	Sealed bool
	// ConsentEmployer: the complainant allows their name to be shown to
	// the employer (never for anonymous complaints).
	ConsentEmployer bool
	// Union filing (a serikat officer): the union's name, members named
	// with consent, and how many more members are not named.
	UnionName      string
	Members        []Member
	UnnamedMembers int
	// Files are evidence: JPEG, PNG or PDF, at most MaxEvidenceBytes each.
	Files [][]byte
	// Adverse, when set, reports that the worker was dismissed, not
	// renewed or removed from BPJS (on HappenedOn). PriorCode and PriorPIN
	// prove an earlier anonymous complaint of the same worker.
	Adverse   string
	PriorCode string
	PriorPIN  string
}

// Receipt is what the complainant gets back.
type Receipt struct {
	Code string
	// LedgerN is the complaint's record in the public log; LedgerSalt opens
	// its commitment (Commitment(salt, code)).
	LedgerN    int64
	LedgerSalt string
	CaseID     int64 // 0 while a sealed report waits
	// Waiting: sealed, "menunggu laporan lain (PoolCount/PoolK)".
	Waiting   bool
	PoolCount int
	PoolK     int
	UMK       UMKCheck
	// Retaliation: the case is flagged as possible retaliation for an
	// earlier complaint tied to the worker. For officers only: shown to the
	// filer it would tell a union officer whether a named worker had
	// complained before, anonymously or not.
	Retaliation bool
}

// Identity is who filed a complaint; sealed.
type Identity struct {
	UserID    int64  `json:"user_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Contact   string `json:"contact,omitempty"`
	UnionName string `json:"union_name,omitempty"`
}

// Narrative is what happened; sealed.
type Narrative struct {
	Text        string `json:"narrative,omitempty"`
	MonthlyWage int64  `json:"monthly_wage,omitempty"`
	// Fee reports (category calo).
	WhoAsked string `json:"who_asked,omitempty"`
	When     string `json:"when,omitempty"`
	How      string `json:"how,omitempty"`
	Details  string `json:"details,omitempty"`
	// ReporterID: version 1's fee reports sealed the reporter here.
	ReporterID int64 `json:"reporter_id,omitempty"`
}

// UMKCheck is the objective test of a reported wage.
type UMKCheck struct {
	Checked bool  // a wage was reported and a UMK is known for its year
	Below   bool  // the wage is below the UMK
	UMK     int64 // the UMK compared with
	Year    int   // its year
}

// CheckUMK compares a monthly wage paid in region on day on with the UMK:
// that year's, or the latest earlier year's when the year's is not yet in
// the reference data. Years before the data are not checked.
func CheckUMK(region string, on time.Time, wage int64) UMKCheck {
	if wage <= 0 {
		return UMKCheck{}
	}
	best := 0
	for _, w := range ref.MinimumWages() {
		if w.RegionCode == region && w.Year <= on.Year() && w.Year > best {
			best = w.Year
		}
	}
	if best == 0 {
		return UMKCheck{}
	}
	umk, _ := ref.UMK(region, best)
	return UMKCheck{Checked: true, Below: wage < umk, UMK: umk, Year: best}
}

// EmployerKey groups reports about one employer: a registered employer by
// id, else the name without legal forms, case and punctuation.
func EmployerKey(employerID int64, name string) string {
	if employerID != 0 {
		return fmt.Sprintf("id:%d", employerID)
	}
	if n := normName(name); n != "" {
		return "nama:" + n
	}
	return ""
}

var legalForms = map[string]bool{"pt": true, "cv": true, "ud": true, "tbk": true, "persero": true, "fa": true, "firma": true}

// normName lowercases name, turns punctuation into spaces and drops legal
// forms: "PT. Baja Mandiri, Tbk" and "baja  mandiri" are one employer.
func normName(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func cleanText(s string) string { return strings.Join(strings.Fields(s), " ") }

// Narrative limits.
const (
	minNarrative = 20
	maxNarrative = 8000
)

// filing is a validated complaint ready to store.
type filing struct {
	kind, category, via, region      string
	employerID                       int64
	employerName, employerKey        string
	vacancyID, applicationID, amount int64
	happened                         time.Time
	workers                          int
	narrative                        Narrative
	identity                         *Identity
	reporterKey, unionKey, pinHash   string
	consent, sealed                  bool
	unnamed                          int
	members                          []Member
	files                            []CleanFile
	umk                              UMKCheck
	adverse                          string
	linkedComplaint, linkedCase      int64
	retaliation                      bool
	filedBy                          int64 // the account filing, for consent records
	disputeType                      string
	openState                        string
	openFrom                         time.Time // the day the first deadline counts from
	openReason                       string
	anonymous                        bool
}

// employerRegion checks a registered employer exists and returns its region.
func employerRegion(ctx context.Context, q db.Querier, id int64) (string, bool, error) {
	var region string
	err := q.QueryRowContext(ctx, `SELECT region FROM employers WHERE id = ?`, id).Scan(&region)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("employer %d: %w", id, err)
	}
	return region, true, nil
}

// registeredByName returns the one verified employer of region whose name,
// without legal form, case and punctuation, is name's, and whose legal form
// (PT, CV, UD, firma) is name's too when both give one: "CV Sinar Jaya" is
// not "PT Sinar Jaya". It returns 0 when none is, when several are (then the
// name alone cannot say which), or when region is not given. A wrong link
// would put one company's report on another's public record, so the match
// is narrow on purpose; the worker can always pick the employer from its
// page instead.
func registeredByName(ctx context.Context, q db.Querier, name, region string) (int64, error) {
	want := normName(name)
	if want == "" || region == "" {
		return 0, nil
	}
	form := legalForm(name)
	// The database narrows by region and the longest word; Go decides.
	words := strings.Fields(want)
	longest := slices.MaxFunc(words, func(a, b string) int { return len(a) - len(b) })
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM employers WHERE region = ? AND status = ? AND LOWER(name) LIKE ? ESCAPE '\'`,
		region, employer.Verified, "%"+likeEscape(longest)+"%")
	if err != nil {
		return 0, fmt.Errorf("employer by name: %w", err)
	}
	defer rows.Close()
	var found int64
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return 0, fmt.Errorf("employer by name: %w", err)
		}
		if normName(n) != want {
			continue
		}
		if f := legalForm(n); form != "" && f != "" && f != form {
			continue
		}
		if found != 0 {
			return 0, nil // two registered employers share the name
		}
		found = id
	}
	return found, rows.Err()
}

// legalForm is the legal form a company name gives (pt, cv, ud, fa), or "".
func legalForm(name string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch w {
		case "pt", "cv", "ud", "fa":
			return w
		case "firma":
			return "fa"
		}
	}
	return ""
}

// likeEscape makes s match itself in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// checkEmployer validates the employer and region fields shared by
// complaints and disputes, filling f.
func (s *Store) checkEmployer(ctx context.Context, errs *valid.Errors, f *filing, employerID int64, name, region string, required bool) error {
	if employerID == 0 {
		// A worker who types the name of a registered employer means that
		// employer: without the link, their report would pool apart from
		// the ones filed from its page and miss its compliance record.
		id, err := registeredByName(ctx, s.DB, name, region)
		if err != nil {
			return err
		}
		employerID = id
	}
	if employerID != 0 {
		r, ok, err := employerRegion(ctx, s.DB, employerID)
		if err != nil {
			return err
		}
		if !ok {
			errs.Add("employer_id", "employer_unknown")
		} else if region == "" {
			region = r
		}
		f.employerID = employerID
	} else {
		f.employerName = cleanText(name)
		switch n := utf8.RuneCountInString(f.employerName); {
		case n == 0 && required:
			errs.Add("employer_name", "employer_required")
		case n == 1:
			errs.Add("employer_name", "employer_required")
		case n > 160:
			errs.Add("employer_name", "too_long", "max", 160)
		}
	}
	f.employerKey = EmployerKey(f.employerID, f.employerName)
	if _, ok := ref.RegionByCode(region); !ok {
		errs.Add("region", "region_invalid")
	}
	f.region = region
	return nil
}

func checkNarrative(errs *valid.Errors, text string) string {
	text = strings.TrimSpace(text)
	switch n := utf8.RuneCountInString(text); {
	case n < minNarrative:
		errs.Add("narrative", "narrative_short", "min", minNarrative)
	case n > maxNarrative:
		errs.Add("narrative", "too_long", "max", maxNarrative)
	}
	return text
}

func (s *Store) checkDate(errs *valid.Errors, field, v string) time.Time {
	d, err := wib.ParseDate(strings.TrimSpace(v))
	switch {
	case strings.TrimSpace(v) == "":
		errs.Add(field, "required")
	case err != nil:
		errs.Add(field, "date_invalid")
	case d.After(s.today()):
		errs.Add(field, "date_future")
	}
	return d
}

// prepare validates a complaint without writing anything.
func (s *Store) prepare(ctx context.Context, u *auth.User, in *Input) (filing, valid.Errors, error) {
	var errs valid.Errors
	f := filing{kind: KindInspection, openState: Diterima, openFrom: s.today(), openReason: "pengaduan diterima"}
	if u == nil {
		in.Anonymous = true // without an account nobody is named
	}
	if !contains(Categories, in.Category) {
		errs.Add("category", "choose_one")
	}
	f.category = in.Category
	if err := s.checkEmployer(ctx, &errs, &f, in.EmployerID, in.EmployerName, in.Region, in.Category != CategoryCalo || in.Sealed); err != nil {
		return f, nil, err
	}
	f.narrative.Text = checkNarrative(&errs, in.Narrative)
	f.happened = s.checkDate(&errs, "happened_on", in.HappenedOn)
	if in.MonthlyWage < 0 || in.MonthlyWage > 1_000_000_000 {
		errs.Add("monthly_wage", "wage_invalid")
	} else if in.MonthlyWage == 0 && in.Category == UpahDiBawahUMK {
		errs.Add("monthly_wage", "required")
	}
	f.narrative.MonthlyWage = in.MonthlyWage

	union := in.UnionName != "" || len(in.Members) > 0 || in.UnnamedMembers > 0
	switch {
	case union && (u == nil || !u.Has(auth.Serikat)):
		errs.Add("union_name", "members_need_serikat")
	case union:
		f.via = ViaUnion
		name := cleanText(in.UnionName)
		switch n := utf8.RuneCountInString(name); {
		case n < 2:
			errs.Add("union_name", "required")
		case n > 160:
			errs.Add("union_name", "too_long", "max", 160)
		}
		if in.Anonymous {
			errs.Add("anonymous", "union_not_anonymous")
		}
		f.identity = &Identity{UserID: u.ID, Name: u.Name, Contact: u.Login(), UnionName: name}
		f.unionKey = s.unionKey(name)
		if len(in.Members) > 1000 {
			errs.Add("members", "too_many", "max", 1000)
		}
		for i, m := range in.Members {
			field := fmt.Sprintf("members.%d", i)
			m.Name = cleanText(m.Name)
			m.ConsentNote = cleanText(m.ConsentNote)
			switch {
			case utf8.RuneCountInString(m.Name) < 2:
				errs.Add(field, "required")
			case utf8.RuneCountInString(m.Name) > 120 || utf8.RuneCountInString(m.ConsentNote) > 200:
				errs.Add(field, "too_long", "max", 120)
			case !m.Consent:
				// A member is named only with their recorded consent.
				errs.Add(field, "member_consent_required")
			}
			if m.UserID != 0 {
				var n int
				if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = ?`, m.UserID).Scan(&n); err != nil {
					return f, nil, err
				}
				if n == 0 {
					errs.Add(field, "member_unknown")
				}
			}
			f.members = append(f.members, m)
		}
		if in.UnnamedMembers < 0 || in.UnnamedMembers > 100_000 {
			errs.Add("unnamed_members", "workers_invalid")
		}
		f.unnamed = in.UnnamedMembers
	case in.Anonymous:
		f.via = ViaAnonymous
	default:
		f.via = ViaAccount
		f.identity = &Identity{UserID: u.ID, Name: u.Name, Contact: u.Login()}
	}
	f.anonymous = f.via == ViaAnonymous
	if u != nil {
		f.reporterKey = s.userKey(u.ID)
		f.filedBy = u.ID
	}
	f.consent = in.ConsentEmployer && !f.anonymous

	f.workers = in.WorkersAffected
	if f.workers == 0 {
		f.workers = max(1, len(in.Members)+in.UnnamedMembers)
	}
	if f.workers < 1 || f.workers > 100_000 {
		errs.Add("workers_affected", "workers_invalid")
	}

	switch {
	case in.PIN != "":
		if code := PINProblem(in.PIN); code != "" {
			errs.Add("pin", code, "min", minPIN, "max", maxPIN)
		}
	case u == nil:
		errs.Add("pin", "required")
	}
	if in.Sealed && !f.anonymous {
		errs.Add("sealed", "sealed_needs_anonymous")
	}
	f.sealed = in.Sealed && f.anonymous

	if in.Adverse != "" && !contains(AdverseActions, in.Adverse) {
		errs.Add("adverse", "choose_one")
	}
	f.adverse = in.Adverse

	if len(in.Files) > MaxEvidenceFiles {
		errs.Add("files", "too_many", "max", MaxEvidenceFiles)
	} else {
		for i, data := range in.Files {
			cf, err := CleanEvidence(data)
			var ee *EvidenceError
			if errors.As(err, &ee) {
				errs.Add("files", ee.Code, "n", i+1, "max", MaxEvidenceBytes>>20)
				continue
			}
			f.files = append(f.files, cf)
		}
	}
	if !errs.Has("region") && !errs.Has("happened_on") {
		f.umk = CheckUMK(f.region, f.happened, in.MonthlyWage)
	}
	return f, errs, nil
}

// Submit files a complaint by u (nil: anonymous, without an account) from
// client address addr (used to throttle PriorPIN guesses). An ordinary
// complaint opens an inspection case at once; a sealed one waits until
// PoolK reports name the same employer and category; an adverse action
// against a worker tied to an earlier complaint opens a linked case flagged
// as possible retaliation at once, sealed or not.
func (s *Store) Submit(ctx context.Context, u *auth.User, in Input, addr string) (Receipt, error) {
	f, errs, err := s.prepare(ctx, u, &in)
	if err != nil {
		return Receipt{}, err
	}
	if err := errs.Err(); err != nil {
		return Receipt{}, err
	}
	if in.PIN != "" {
		if f.pinHash, err = s.passwords().Hash(ctx, in.PIN); err != nil {
			return Receipt{}, fmt.Errorf("hash PIN: %w", err)
		}
	}
	if f.adverse != "" {
		if err := s.linkRetaliation(ctx, u, in, &f, addr); err != nil {
			return Receipt{}, err
		}
	}
	if f.sealed && f.reporterKey == "" && addr != "" {
		// A sealed report without an account counts in its pool as its
		// client address: one person filing k reports alone must not be
		// able to open the pool and single out the one real reporter. (A
		// shared mobile-carrier address makes real reports count once too:
		// the pool opens later, never earlier than it should.)
		f.reporterKey = s.Box.Hash(addr, "complaint.addr")
	}
	return s.store(ctx, f)
}

// linkRetaliation looks for an earlier complaint tied to the worker against
// the same employer, within RetaliationWindow before the adverse action.
// Tied: filed from the worker's account, naming them as a union member,
// filed by the same union, or proven by its code and PIN.
func (s *Store) linkRetaliation(ctx context.Context, u *auth.User, in Input, f *filing, addr string) error {
	if f.employerKey == "" {
		return nil
	}
	var keys []string
	if u != nil {
		keys = append(keys, s.userKey(u.ID))
	}
	for _, m := range f.members {
		if m.UserID != 0 {
			keys = append(keys, s.userKey(m.UserID))
		}
	}
	var prior int64
	if in.PriorCode != "" {
		c, err := s.checkPIN(ctx, in.PriorCode, in.PriorPIN, addr)
		if err != nil {
			return err
		}
		prior = c.id
	}
	conds := []string{"c.id = ?"}
	args := []any{f.employerKey, prior}
	if len(keys) > 0 {
		conds = append(conds, "c.reporter_key IN ("+placeholders(len(keys))+")",
			"c.id IN (SELECT complaint_id FROM complaint_members WHERE confirmed_at IS NOT NULL AND member_key IN ("+placeholders(len(keys))+"))")
		args = append(append(args, stringArgs(keys)...), stringArgs(keys)...)
	}
	if f.unionKey != "" {
		conds = append(conds, "c.union_key = ?")
		args = append(args, f.unionKey)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT c.id, COALESCE(c.case_id, 0), c.created_at FROM complaints c
		WHERE c.employer_key = ? AND c.kind = 'pengaduan' AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY c.created_at DESC, c.id DESC`, args...)
	if err != nil {
		return fmt.Errorf("retaliation link: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, caseID int64
		var created time.Time
		if err := rows.Scan(&id, &caseID, &created); err != nil {
			return err
		}
		filed := wib.Date(created)
		if f.happened.Before(filed) || f.happened.After(filed.AddDate(0, RetaliationWindow, 0)) {
			continue
		}
		f.retaliation, f.linkedComplaint, f.linkedCase = true, id, caseID
		f.sealed = false // the worker is already singled out: act now
		f.openReason = "kemungkinan pembalasan atas pengaduan sebelumnya"
		return nil
	}
	return rows.Err()
}

// newCode returns a tracking code no complaint has yet.
func newCode(ctx context.Context, q db.Querier) (string, error) {
	for {
		code := NewCode()
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE code = ?`, code).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return code, nil
		}
	}
}

// store writes a validated filing with its case (or into its pool).
func (s *Store) store(ctx context.Context, f filing) (Receipt, error) {
	narrative, err := json.Marshal(f.narrative)
	if err != nil {
		return Receipt{}, err
	}
	var identity []byte
	if f.identity != nil {
		b, err := json.Marshal(f.identity)
		if err != nil {
			return Receipt{}, err
		}
		identity = s.Box.Seal(b, ctxIdentity)
	}
	now := s.Now().UTC()
	r := Receipt{UMK: f.umk, Retaliation: f.retaliation}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		code, err := newCode(ctx, tx)
		if err != nil {
			return err
		}
		r.Code = code
		kind := "pengaduan"
		if f.kind == KindDispute {
			kind = KindDispute
		}
		status := statusInCase
		if f.sealed {
			status = statusWaiting
		}
		id, err := db.InsertID(ctx, tx, `INSERT INTO complaints (code, kind, category, status, region, employer_id,
			employer_name, employer_key, vacancy_id, application_id, anonymous, amount, details_enc, identity_enc,
			pin_hash, reporter_key, union_key, via, happened_on, workers_affected, below_umk, umk_amount, umk_year,
			consent_employer, sealed, pool_k, unnamed_members, adverse, linked_complaint_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			code, kind, f.category, status, f.region, nullID(f.employerID), f.employerName, f.employerKey,
			nullID(f.vacancyID), nullID(f.applicationID), f.anonymous, f.amount, s.Box.Seal(narrative, ctxDetails), identity,
			f.pinHash, f.reporterKey, f.unionKey, f.via, nullDate(f.happened), f.workers, f.umk.Below, f.umk.UMK, f.umk.Year,
			f.consent, f.sealed, s.poolK(), f.unnamed, f.adverse, nullID(f.linkedComplaint), now)
		if err != nil {
			return fmt.Errorf("store complaint: %w", err)
		}
		// The public log learns that a complaint arrived, and nothing else:
		// a commitment to its code, which only the receipt's salt opens.
		salt := ledger.Salt()
		r.LedgerN, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ComplaintReceived, At: now,
			Fields: map[string]any{"complaint": Commitment(salt, code)}})
		if err != nil {
			return err
		}
		r.LedgerSalt = salt
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET ledger_salt = ?, ledger_n = ? WHERE id = ?`, salt, r.LedgerN, id); err != nil {
			return fmt.Errorf("store complaint: %w", err)
		}
		for _, m := range f.members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_members (complaint_id, name_enc, member_key,
				consent_at, consent_by, consent_note) VALUES (?, ?, ?, ?, ?, ?)`,
				id, s.Box.Seal([]byte(m.Name), ctxMember), s.userKey(m.UserID), now, nullID(f.filedBy), m.ConsentNote); err != nil {
				return fmt.Errorf("store member: %w", err)
			}
		}
		for _, cf := range f.files {
			if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_files (complaint_id, media_type, size, stripped, data_enc, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, id, cf.Type, len(cf.Data), cf.Stripped, s.Box.Seal(cf.Data, ctxEvidence), now); err != nil {
				return fmt.Errorf("store evidence: %w", err)
			}
		}
		if f.sealed {
			return s.pool(ctx, tx, id, f, &r)
		}
		caseID, err := s.openCase(ctx, tx, f, now)
		if err != nil {
			return err
		}
		r.CaseID = caseID
		_, err = tx.ExecContext(ctx, `UPDATE complaints SET case_id = ? WHERE id = ?`, caseID, id)
		return err
	})
	if err != nil {
		return Receipt{}, err
	}
	return r, nil
}

// openCase inserts the case a filing opens, with its first event.
func (s *Store) openCase(ctx context.Context, tx *db.Tx, f filing, now time.Time) (int64, error) {
	deadline, _ := s.deadlines().Due(f.kind, f.openState, f.openFrom)
	category := f.category
	if f.kind == KindDispute {
		category = ""
	}
	id, err := db.InsertID(ctx, tx, `INSERT INTO cases (kind, category, dispute_type, region, employer_id, employer_name,
		employer_key, state, deadline, pooled, retaliation, linked_case_id, opened_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.kind, category, f.disputeType, f.region, nullID(f.employerID), f.employerName, f.employerKey, f.openState,
		nullDate(deadline), false, f.retaliation, nullID(f.linkedCase), now, now)
	if err != nil {
		return 0, fmt.Errorf("open case: %w", err)
	}
	if err := addEvent(ctx, tx, id, now, 0, "status", "", f.openState, f.openReason, deadline); err != nil {
		return 0, err
	}
	return id, nil
}

// addEvent records one change of a case.
func addEvent(ctx context.Context, q db.Querier, caseID int64, at time.Time, actor int64, kind, from, to, reason string, deadline time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO case_events (case_id, at, actor_id, kind, from_state, to_state, reason, deadline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, caseID, at, nullID(actor), kind, from, to, reason, nullDate(deadline))
	if err != nil {
		return fmt.Errorf("case %d event: %w", caseID, err)
	}
	return nil
}

// Commitment is the public stand-in for a complaint in the log.
func Commitment(salt, code string) string { return ledger.Commit(salt, "complaint", code) }
