package complaint

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Audiences of an aspiration.
const (
	AudienceProvince  = "provinsi"  // the provincial government (Disnakertrans)
	AudienceTripartit = "tripartit" // the tripartite cooperation body (LKS Tripartit)
)

// Audiences lists the audiences.
var Audiences = []string{AudienceProvince, AudienceTripartit}

// AspirationInput is a policy proposal.
type AspirationInput struct {
	Title    string
	Body     string
	Audience string // one of Audiences
	// UnionName: a union officer may post in the union's name.
	UnionName string
}

// Aspiration is a public policy proposal with its answers and supports.
type Aspiration struct {
	ID       int64
	Title    string
	Body     string
	Audience string
	// By is the union's name, or the author's initials ("S. N."): a
	// worker's full name is not published.
	By        string
	Supports  int
	Answers   []Answer
	CreatedAt time.Time
}

// Answer is an official's public answer.
type Answer struct {
	By   string // the official's name
	Body string
	At   time.Time
}

// PostAspiration publishes a proposal by a worker or a union officer.
func (s *Store) PostAspiration(ctx context.Context, u *auth.User, in AspirationInput) (int64, error) {
	if err := aspirationAuthors.check(u); err != nil {
		return 0, err
	}
	var errs valid.Errors
	in.Title, in.Body, in.UnionName = cleanText(in.Title), strings.TrimSpace(in.Body), cleanText(in.UnionName)
	switch n := utf8.RuneCountInString(in.Title); {
	case n < 10:
		errs.Add("title", "aspiration_title_short", "min", 10)
	case n > 160:
		errs.Add("title", "too_long", "max", 160)
	}
	switch n := utf8.RuneCountInString(in.Body); {
	case n < 30:
		errs.Add("body", "narrative_short", "min", 30)
	case n > 4000:
		errs.Add("body", "too_long", "max", 4000)
	}
	if !contains(Audiences, in.Audience) {
		errs.Add("audience", "choose_one")
	}
	if in.UnionName != "" && !unionOfficers.allows(u) {
		errs.Add("union_name", "members_need_serikat")
	} else if utf8.RuneCountInString(in.UnionName) > 160 {
		errs.Add("union_name", "too_long", "max", 160)
	}
	if err := errs.Err(); err != nil {
		return 0, err
	}
	id, err := db.InsertID(ctx, s.DB, `INSERT INTO aspirations (author_id, union_name, audience, title, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, u.ID, in.UnionName, in.Audience, in.Title, in.Body, s.Now().UTC())
	if err != nil {
		return 0, fmt.Errorf("post aspiration: %w", err)
	}
	return id, nil
}

// AnswerAspiration publishes an official's answer.
func (s *Store) AnswerAspiration(ctx context.Context, u *auth.User, id int64, body string) error {
	if err := officials.check(u); err != nil {
		return err
	}
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return valid.New("body", "required")
	case n > 4000:
		return valid.New("body", "too_long", "max", 4000)
	}
	if _, err := s.aspirationAuthor(ctx, id); err != nil {
		return err
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO aspiration_answers (aspiration_id, official_id, body, created_at)
		VALUES (?, ?, ?, ?)`, id, u.ID, body, s.Now().UTC())
	if err != nil {
		return fmt.Errorf("answer aspiration %d: %w", id, err)
	}
	return nil
}

func (s *Store) aspirationAuthor(ctx context.Context, id int64) (int64, error) {
	var author int64
	err := s.DB.QueryRowContext(ctx, `SELECT author_id FROM aspirations WHERE id = ?`, id).Scan(&author)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("aspiration %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("aspiration %d: %w", id, err)
	}
	return author, nil
}

// SupportAspiration adds u's support to proposal id: once per account
// (the table's primary key enforces it), never for one's own.
func (s *Store) SupportAspiration(ctx context.Context, u *auth.User, id int64) error {
	if u == nil {
		return ErrLogin
	}
	author, err := s.aspirationAuthor(ctx, id)
	if err != nil {
		return err
	}
	if author == u.ID {
		return valid.New("aspiration", "aspiration_own")
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO aspiration_supports (aspiration_id, user_id, created_at) VALUES (?, ?, ?)`,
		id, u.ID, s.Now().UTC())
	if db.IsUniqueViolation(err) {
		return valid.New("aspiration", "aspiration_supported")
	}
	if err != nil {
		return fmt.Errorf("support aspiration %d: %w", id, err)
	}
	return nil
}

const aspirationCols = `a.id, a.title, a.body, a.audience, a.union_name, u.name, a.created_at,
	(SELECT count(*) FROM aspiration_supports s WHERE s.aspiration_id = a.id)`

func (s *Store) scanAspirations(ctx context.Context, where string, args ...any) ([]Aspiration, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+aspirationCols+` FROM aspirations a JOIN users u ON u.id = a.author_id WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("aspirations: %w", err)
	}
	var out []Aspiration
	for rows.Next() {
		var a Aspiration
		var union, name string
		if err := rows.Scan(&a.ID, &a.Title, &a.Body, &a.Audience, &union, &name, &a.CreatedAt, &a.Supports); err != nil {
			rows.Close()
			return nil, err
		}
		a.By = union
		if a.By == "" {
			a.By = Initials(name)
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		ans, err := s.DB.QueryContext(ctx, `SELECT u.name, x.body, x.created_at FROM aspiration_answers x JOIN users u ON u.id = x.official_id
			WHERE x.aspiration_id = ? ORDER BY x.created_at, x.id`, out[i].ID)
		if err != nil {
			return nil, err
		}
		for ans.Next() {
			var a Answer
			if err := ans.Scan(&a.By, &a.Body, &a.At); err != nil {
				ans.Close()
				return nil, err
			}
			out[i].Answers = append(out[i].Answers, a)
		}
		ans.Close()
		if err := ans.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Aspirations lists proposals, newest first; public.
func (s *Store) Aspirations(ctx context.Context, limit, offset int) ([]Aspiration, error) {
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	return s.scanAspirations(ctx, `1 = 1 ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?`, limit, max(offset, 0))
}

// GetAspiration returns proposal id; public.
func (s *Store) GetAspiration(ctx context.Context, id int64) (Aspiration, error) {
	list, err := s.scanAspirations(ctx, `a.id = ?`, id)
	if err != nil {
		return Aspiration{}, err
	}
	if len(list) == 0 {
		return Aspiration{}, fmt.Errorf("aspiration %d: %w", id, db.ErrNotFound)
	}
	return list[0], nil
}

// Initials turns "Siti Nurhayati" into "S. N.".
func Initials(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		parts = append(parts, strings.ToUpper(string(r))+".")
	}
	return strings.Join(parts, " ")
}
