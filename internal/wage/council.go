package wage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// ErrNotMember: the user holds a council role but sits for no party.
var ErrNotMember = fail.New(fail.Forbidden, "wage: not a member of the wage council")

// Member is a user's seat on the council.
type Member struct {
	UserID     int64
	Name       string
	Party      string
	AssignedAt time.Time
}

// SetMember seats a user for a party, or removes the seat when party is
// empty. Only an admin does it, and each change is in the audit log, so who
// spoke for whom can always be traced.
func (s *Store) SetMember(ctx context.Context, u *auth.User, userID int64, party string) error {
	if err := auth.Require(u, auth.WageMembers); err != nil {
		return err
	}
	if party != "" && !slices.Contains(Parties, party) {
		return valid.New("party", "choose_one")
	}
	roles, err := s.roles(ctx, userID)
	if err != nil {
		return err
	}
	if party != "" && !auth.Can(roles, auth.WageCouncil) {
		return valid.New("user", "wage_member_role")
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM wage_council_members WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("clear seat of %d: %w", userID, err)
		}
		if party != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO wage_council_members (user_id, party, assigned_by, assigned_at) VALUES (?, ?, ?, ?)`,
				userID, party, u.ID, now); err != nil {
				return fmt.Errorf("seat %d: %w", userID, err)
			}
		}
		detail := "party=" + party
		if party == "" {
			detail = "removed"
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: string(auth.WageMembers), SubjectType: "user", SubjectID: userID, Detail: detail})
	})
}

// SetMemberByLogin seats (or, with an empty party, unseats) the user who
// logs in as login (email or phone): what an admin knows of a delegate.
func (s *Store) SetMemberByLogin(ctx context.Context, u *auth.User, login, party string) error {
	if err := auth.Require(u, auth.WageMembers); err != nil {
		return err
	}
	l, ok := auth.ParseLogin(strings.TrimSpace(login))
	if !ok {
		return valid.New("login", "login_invalid")
	}
	col, val := "email", l.Email
	if l.Email == "" {
		col, val = "phone", l.Phone
	}
	var id int64
	err := s.DB.QueryRowContext(ctx, `SELECT id FROM users WHERE `+col+` = ?`, val).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return valid.New("login", "wage_user_unknown")
	}
	if err != nil {
		return fmt.Errorf("council member %s: %w", login, err)
	}
	return s.SetMember(ctx, u, id, party)
}

// roles reads a user's roles; a missing user is NotFound.
func (s *Store) roles(ctx context.Context, userID int64) ([]auth.Role, error) {
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = ?`, userID).Scan(&n); err != nil {
		return nil, fmt.Errorf("user %d: %w", userID, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("wage council member %d: %w", userID, fail.NotFound)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT role FROM user_roles WHERE user_id = ?`, userID)
	if err != nil {
		return nil, fmt.Errorf("roles of %d: %w", userID, err)
	}
	defer rows.Close()
	var out []auth.Role
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		if role, ok := auth.ParseRole(r); ok {
			out = append(out, role)
		}
	}
	return out, rows.Err()
}

// Members lists the council's seats by party; members and admins see it.
func (s *Store) Members(ctx context.Context, u *auth.User) ([]Member, error) {
	if _, err := s.seat(ctx, u); err != nil && !u.Can(auth.WageMembers) {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT m.user_id, u.name, m.party, m.assigned_at FROM wage_council_members m
		JOIN users u ON u.id = m.user_id ORDER BY m.party, u.name`)
	if err != nil {
		return nil, fmt.Errorf("council members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.UserID, &m.Name, &m.Party, &m.AssignedAt); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Seat is the party u sits for, or "" with nil error for a visitor.
func (s *Store) Seat(ctx context.Context, u *auth.User) string {
	p, err := s.seat(ctx, u)
	if err != nil {
		return ""
	}
	return p
}

// seat returns the party u sits for: an anonymous caller is asked to log in,
// a user without a council role or a seat is refused.
func (s *Store) seat(ctx context.Context, u *auth.User) (string, error) {
	if err := auth.Require(u, auth.WageCouncil); err != nil {
		return "", err
	}
	var party string
	err := s.DB.QueryRowContext(ctx, `SELECT party FROM wage_council_members WHERE user_id = ?`, u.ID).Scan(&party)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotMember
	}
	if err != nil {
		return "", fmt.Errorf("council seat of %d: %w", u.ID, err)
	}
	return party, nil
}

// Input is one of the council's figures for a year with its source.
type Input struct {
	Region string // ProvinceCode for inflation
	Value  float64
	Source string
	At     time.Time
}

// InputsIn is what an analis enters: the province's inflation and each
// regency's growth for the wage of Year, with their BPS sources. Entries
// left out are kept as they were.
type InputsIn struct {
	Year            int
	Inflation       *float64
	InflationSource string
	Growth          map[string]float64
	GrowthSource    map[string]string
}

// SetInputs records the inflation and growth the council computes with.
func (s *Store) SetInputs(ctx context.Context, u *auth.User, in InputsIn) error {
	if err := auth.Require(u, auth.WageInputs); err != nil {
		return err
	}
	var errs valid.Errors
	if _, ok := ref.AlphaFor(in.Year); !ok {
		errs.Add("year", "wage_year_unknown")
	}
	type row struct {
		region, source string
		v              float64
	}
	var rows []row
	source := func(field, s string) string {
		s = strings.TrimSpace(s)
		switch n := utf8.RuneCountInString(s); {
		case n < 5:
			errs.Add(field, "wage_source_required")
		case n > 300:
			errs.Add(field, "too_long", "max", 300)
		}
		return s
	}
	if in.Inflation != nil {
		checkPercent(&errs, "inflation", *in.Inflation)
		rows = append(rows, row{ProvinceCode, source("inflation_source", in.InflationSource), *in.Inflation})
	}
	for _, r := range ref.Regions() {
		g, ok := in.Growth[r.Code]
		if !ok {
			continue
		}
		checkPercent(&errs, "growth."+r.Code, g)
		rows = append(rows, row{r.Code, source("growth_source."+r.Code, in.GrowthSource[r.Code]), g})
	}
	for code := range in.Growth {
		if _, ok := ref.RegionByCode(code); !ok {
			errs.Add("growth."+code, "choose_one")
		}
	}
	if len(rows) == 0 && len(errs) == 0 {
		errs.Add("inflation", "required")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		for _, r := range rows {
			if _, err := tx.ExecContext(ctx, `DELETE FROM wage_inputs WHERE year = ? AND region = ?`, in.Year, r.region); err != nil {
				return fmt.Errorf("replace input %d/%s: %w", in.Year, r.region, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO wage_inputs (year, region, value_c, source, entered_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				in.Year, r.region, hundredths(r.v), r.source, u.ID, now); err != nil {
				return fmt.Errorf("input %d/%s: %w", in.Year, r.region, err)
			}
		}
		return nil
	})
}

// Inputs returns the council's inputs for a year by region code (ProvinceCode
// for inflation). They are public: the council's figures and their sources
// are what the parties argue from.
func (s *Store) Inputs(ctx context.Context, year int) (map[string]Input, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT region, value_c, source, updated_at FROM wage_inputs WHERE year = ?`, year)
	if err != nil {
		return nil, fmt.Errorf("inputs %d: %w", year, err)
	}
	defer rows.Close()
	out := map[string]Input{}
	for rows.Next() {
		var in Input
		var c int64
		if err := rows.Scan(&in.Region, &c, &in.Source, &in.At); err != nil {
			return nil, err
		}
		in.Value = fromHundredths(c)
		out[in.Region] = in
	}
	return out, rows.Err()
}

// ProposalIn is a party's α for a regency with its reasoning.
type ProposalIn struct {
	Year      int
	Region    string
	Alpha     float64
	Reasoning string
}

// Propose records (or replaces) the proposal of the party u sits for.
func (s *Store) Propose(ctx context.Context, u *auth.User, in ProposalIn) (Proposal, error) {
	party, err := s.seat(ctx, u)
	if err != nil {
		return Proposal{}, err
	}
	var errs valid.Errors
	r, known := ref.AlphaFor(in.Year)
	if !known {
		errs.Add("year", "wage_year_unknown")
	}
	if _, ok := ref.UMK(in.Region, in.Year-1); !ok {
		errs.Add("region", "choose_one")
	}
	checkAlpha(&errs, "alpha", in.Alpha, r, known)
	in.Reasoning = strings.TrimSpace(in.Reasoning)
	switch n := utf8.RuneCountInString(in.Reasoning); {
	case n < 20:
		errs.Add("reasoning", "wage_reasoning_short", "min", 20)
	case n > 4000:
		errs.Add("reasoning", "too_long", "max", 4000)
	}
	if err := errs.Err(); err != nil {
		return Proposal{}, err
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM wage_proposals WHERE year = ? AND region = ? AND party = ?`, in.Year, in.Region, party); err != nil {
			return fmt.Errorf("replace proposal: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO wage_proposals (year, region, party, alpha_c, reasoning, proposed_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			in.Year, in.Region, party, hundredths(in.Alpha), in.Reasoning, u.ID, now)
		if err != nil {
			return fmt.Errorf("proposal %d/%s/%s: %w", in.Year, in.Region, party, err)
		}
		return nil
	})
	if err != nil {
		return Proposal{}, err
	}
	return Proposal{Party: party, Region: in.Region, Alpha: fromHundredths(hundredths(in.Alpha)), Reasoning: in.Reasoning, At: now}, nil
}

// Proposal is one party's α for a regency, with the wage it gives when the
// council's inputs are entered.
type Proposal struct {
	Party     string
	Region    string
	Alpha     float64
	Reasoning string
	At        time.Time
	// UMK, Change and ChangePct are zero until inflation and growth are entered.
	UMK       int64
	Change    int64
	ChangePct float64
}

// Recommendation is the council's decided figure for a regency, public.
type Recommendation struct {
	Year      int
	Region    string
	Alpha     float64
	Inflation float64
	Growth    float64
	Base      int64
	UMK       int64
	Change    int64
	ChangePct float64
	Note      string
	DecidedAt time.Time
	LedgerN   int64 // the public log record's index
}

// RecommendIn is the council's decision for a regency.
type RecommendIn struct {
	Year   int
	Region string
	Alpha  float64
	Note   string
}

// Recommend records the council's recommendation, computed from the
// council's inputs, and writes its figures to the public log in the same
// transaction. The government party, which chairs the council, records it;
// once recorded it is final (a correction is a new year's round, never a
// silent change).
func (s *Store) Recommend(ctx context.Context, u *auth.User, in RecommendIn) (Recommendation, error) {
	party, err := s.seat(ctx, u)
	if err != nil {
		return Recommendation{}, err
	}
	if party != Government {
		return Recommendation{}, fail.New(fail.Forbidden, "wage: the government party records the council's recommendation")
	}
	var errs valid.Errors
	inputs, err := s.Inputs(ctx, in.Year)
	if err != nil {
		return Recommendation{}, err
	}
	infl, hasInfl := inputs[ProvinceCode]
	growth, hasGrowth := inputs[in.Region]
	sim := SimInput{Year: in.Year, Region: in.Region, Inflation: infl.Value, Growth: growth.Value, Alpha: in.Alpha}
	r, base, _ := checkSim(&errs, sim)
	if !hasInfl {
		errs.Add("inflation", "wage_input_missing")
	}
	if !hasGrowth && !errs.Has("region") {
		errs.Add("growth", "wage_input_missing")
	}
	in.Note = strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Note) > 2000 {
		errs.Add("note", "too_long", "max", 2000)
	}
	if err := errs.Err(); err != nil {
		return Recommendation{}, err
	}
	// α is kept in hundredths: compute with the α that is recorded.
	sim.Alpha = fromHundredths(hundredths(in.Alpha))
	sm := simulate(sim, base, r)
	now := s.Now().UTC()
	rec := Recommendation{Year: in.Year, Region: in.Region, Alpha: fromHundredths(hundredths(in.Alpha)), Inflation: infl.Value, Growth: growth.Value,
		Base: base, UMK: sm.UMK, Change: sm.Change, ChangePct: sm.ChangePct, Note: in.Note, DecidedAt: now}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := db.InsertID(ctx, tx, `INSERT INTO wage_recommendations (year, region, alpha_c, inflation_c, growth_c, base_umk, umk, note, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Year, in.Region, hundredths(in.Alpha), hundredths(infl.Value), hundredths(growth.Value), base, sm.UMK, in.Note, u.ID, now)
		if db.IsUniqueViolation(err) {
			return fmt.Errorf("recommendation %d/%s exists: %w", in.Year, in.Region, fail.Conflict)
		}
		if err != nil {
			return fmt.Errorf("recommendation %d/%s: %w", in.Year, in.Region, err)
		}
		n, err := ledger.Append(ctx, tx, ledger.Entry{Kind: LedgerRecommendation, At: now, Fields: map[string]any{
			"recommendation": id, "year": in.Year, "region": in.Region, "alpha": rec.Alpha,
			"inflation": rec.Inflation, "inflation_source": infl.Source, "growth": rec.Growth, "growth_source": growth.Source,
			"base_year": in.Year - 1, "base_umk": base, "umk": sm.UMK, "alpha_min": r.Min, "alpha_max": r.Max, "alpha_source": r.Source,
			"formula": "UM(t+1) = UM(t) + (inflation + growth × alpha) × UM(t)"}})
		if err != nil {
			return err
		}
		rec.LedgerN = n
		_, err = tx.ExecContext(ctx, `UPDATE wage_recommendations SET ledger_n = ? WHERE id = ?`, n, id)
		return err
	})
	if err != nil {
		return Recommendation{}, err
	}
	return rec, nil
}

// Recommendations lists the council's published recommendations for a year
// in region order; public.
func (s *Store) Recommendations(ctx context.Context, year int) ([]Recommendation, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT region, alpha_c, inflation_c, growth_c, base_umk, umk, note, decided_at, COALESCE(ledger_n, -1)
		FROM wage_recommendations WHERE year = ? ORDER BY region`, year)
	if err != nil {
		return nil, fmt.Errorf("recommendations %d: %w", year, err)
	}
	defer rows.Close()
	var out []Recommendation
	for rows.Next() {
		r := Recommendation{Year: year}
		var a, i, g int64
		if err := rows.Scan(&r.Region, &a, &i, &g, &r.Base, &r.UMK, &r.Note, &r.DecidedAt, &r.LedgerN); err != nil {
			return nil, err
		}
		r.Alpha, r.Inflation, r.Growth = fromHundredths(a), fromHundredths(i), fromHundredths(g)
		r.Change, r.ChangePct = r.UMK-r.Base, pct(r.UMK-r.Base, r.Base)
		out = append(out, r)
	}
	return out, rows.Err()
}
