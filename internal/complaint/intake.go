package complaint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

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
	// same employer and category, then be handled as one pooled case. Only
	// reports tied to one person count toward PoolK (pool.go, poolTie).
	Sealed bool
	// PhoneToken proves a phone number verified by a one-time code, for
	// Store.Phones to redeem: a sealed report so tied counts in its pool.
	// No door sets it yet (there is no phone verification).
	PhoneToken string
	// ConsentEmployer: the complainant allows their name to be shown to
	// the employer (never for anonymous complaints).
	ConsentEmployer bool
	// Union filing (a serikat officer): the union's name, members named
	// with consent, and how many more members are not named.
	UnionName      string
	Members        []Member
	UnnamedMembers int
	// Files are evidence: JPEG, PNG or PDF, at most MaxEvidenceBytes each.
	// The caller closes them once the store has answered.
	Files []Upload
	// Adverse, when set, reports that the worker was dismissed, not
	// renewed or removed from BPJS (on HappenedOn). PriorCode and PriorPIN
	// prove an earlier anonymous complaint of the same worker.
	Adverse   string
	PriorCode string
	PriorPIN  string
	// Contact, optional: an email or a mobile number to be told that there
	// is news (never what it is), by Channel (email; whatsapp or sms).
	// Sealed, never shown to officers. Someone logged in hears in their
	// account without it.
	Contact        string
	ContactChannel string
}

// Receipt is what the complainant gets back.
type Receipt struct {
	Code string
	// LedgerN is the complaint's record in the public log; LedgerSalt opens
	// its commitment (Commitment(salt, code)).
	LedgerN    int64
	LedgerSalt string
	CaseID     int64 // 0 while a sealed report waits
	// Waiting: sealed, "menunggu laporan lain". How many reports wait
	// beside it is never said: the count would tell every filer, and an
	// employer filing to probe, how close a pool is to opening.
	Waiting bool
	UMK     UMKCheck
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
	files                            []cleanedFile
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
	filingKeys                       []string     // counted toward the daily limit (limits.go)
	poolTie                          string       // who a sealed report counts as in its pool (pool.go)
	news                             *newsContact // who hears that there is news (news.go)
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
	f.news = checkNewsContact(&errs, u, in.Contact, in.ContactChannel)

	union := in.UnionName != "" || len(in.Members) > 0 || in.UnnamedMembers > 0
	switch {
	case union && !unionOfficers.allows(u):
		errs.Add("union_name", "members_need_serikat")
	case union:
		if err := s.checkUnion(ctx, &errs, &f, u, *in); err != nil {
			return f, nil, err
		}
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

	files, err := s.cleanFiles(ctx, &errs, in.Files)
	if err != nil {
		closeCleaned(files)
		return f, nil, err
	}
	f.files = files
	if !errs.Has("region") && !errs.Has("happened_on") {
		f.umk = CheckUMK(f.region, f.happened, in.MonthlyWage)
	}
	return f, errs, nil
}

// checkUnion checks a complaint a union officer u files for the union and
// its members, filling f.
func (s *Store) checkUnion(ctx context.Context, errs *valid.Errors, f *filing, u *auth.User, in Input) error {
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
				return fmt.Errorf("member %d: %w", m.UserID, err)
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
	return nil
}

// cleanFiles checks uploaded evidence (complaints and disputes alike), one
// file in memory at a time, and returns the accepted files sealed in
// temporary files, adding a message per refused one to errs. Images wait
// for the shared decoders (decode.go) as long as ctx allows.
func (s *Store) cleanFiles(ctx context.Context, errs *valid.Errors, files []Upload) ([]cleanedFile, error) {
	if len(files) > MaxEvidenceFiles {
		errs.Add("files", "too_many", "max", MaxEvidenceFiles)
		return nil, nil
	}
	var out []cleanedFile
	for i, u := range files {
		if u.Len() > MaxEvidenceBytes {
			errs.Add("files", "evidence_too_big", "n", i+1, "max", MaxEvidenceBytes>>20)
			continue
		}
		data, free, err := u.read()
		if err != nil {
			return out, err
		}
		c, err := s.cleanOne(ctx, errs, i, data)
		free()
		if err != nil {
			return out, err
		}
		if c == nil {
			continue
		}
		out = append(out, *c)
	}
	return out, nil
}

// cleanOne checks file i (data, which the caller frees after) and returns
// it cleaned, in memory when small and otherwise spooled again, or nil with
// the refusal in errs. Nothing returned refers to data.
func (s *Store) cleanOne(ctx context.Context, errs *valid.Errors, i int, data []byte) (*cleanedFile, error) {
	cf, err := cleanEvidence(ctx, s.gate.get(), data)
	var ee *EvidenceError
	if errors.As(err, &ee) {
		errs.Add("files", ee.Code, append([]any{"n", i + 1, "max", MaxEvidenceBytes >> 20}, ee.Args...)...)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c := &cleanedFile{typ: cf.Type, size: len(cf.Data), stripped: cf.Stripped}
	if len(cf.Data) <= spoolAbove {
		// A PDF is kept as sent, so cf.Data may be data itself.
		c.data = UploadBytes(bytes.Clone(cf.Data))
		return c, nil
	}
	// Back to an encrypted temporary file: the next file's check must
	// not find this one still in memory.
	if c.data, err = SpoolUpload(bytes.NewReader(cf.Data), int64(len(cf.Data))); err != nil {
		return nil, err
	}
	return c, nil
}

// spoolAbove: cleaned evidence larger than this waits for the transaction
// in an encrypted temporary file.
const spoolAbove = 256 << 10

// Validate checks complaint in by u as Submit would, without storing
// anything, and returns every mistake: first those the door found reading
// the request (found: a file that did not arrive whole, a number that did
// not parse), then the store's. A worker then learns all of them at once,
// not one per attempt. It returns nil only when found is empty and in is
// valid.
func (s *Store) Validate(ctx context.Context, u *auth.User, in Input, found valid.Errors) error {
	f, errs, err := s.prepare(ctx, u, &in)
	if err != nil {
		return err
	}
	closeCleaned(f.files)
	return slices.Concat(found, errs).Err()
}

// Submit files a complaint by u (nil: anonymous, without an account) from
// client address addr (used to throttle PriorPIN guesses). An ordinary
// complaint opens an inspection case at once; a sealed one waits until
// PoolK reports name the same employer and category; an adverse action
// against a worker tied to an earlier complaint opens a linked case flagged
// as possible retaliation at once, sealed or not.
func (s *Store) Submit(ctx context.Context, u *auth.User, in Input, addr string) (Receipt, error) {
	// The daily limit is asked first: a refused filing must not cost the
	// cleaning of its evidence.
	keys, limits, err := s.filingHolders(ctx, u, addr)
	if err != nil {
		return Receipt{}, err
	}
	if err := s.checkFilingLimit(ctx, keys, limits); err != nil {
		return Receipt{}, err
	}
	f, errs, err := s.prepare(ctx, u, &in)
	if err != nil {
		return Receipt{}, err
	}
	defer closeCleaned(f.files)
	f.filingKeys = keys
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
	if f.sealed {
		if f.poolTie, err = s.poolTie(ctx, u, in); err != nil {
			return Receipt{}, err
		}
	}
	return s.store(ctx, f)
}
