package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/valid"
)

// SynonymGroup is a group of job titles an admin added to the shipped
// synonym table: searching any member finds vacancies that use another.
type SynonymGroup struct {
	ID      int64
	Members []string
	Source  string
	AddedBy string
	AddedAt time.Time
}

// Limits of an added group.
const (
	MaxSynonymMembers = 20
	maxSynonymLen     = 60
	maxSourceLen      = 200
)

// SynonymInput is what an admin types: members separated by commas.
type SynonymInput struct {
	Members string
	Source  string
}

// ShippedSynonymGroups is the number of groups shipped with bursa.
func ShippedSynonymGroups() int { return textsearch.DefaultSynonyms().Groups() }

// SynonymGroups lists the added groups, newest first.
func (s *Store) SynonymGroups(ctx context.Context, u *auth.User) ([]SynonymGroup, error) {
	if err := auth.Require(u, auth.ManageSynonyms); err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT g.id, g.members, g.source, COALESCE(u.name, ''), g.added_at
		FROM search_synonyms g LEFT JOIN users u ON u.id = g.added_by ORDER BY g.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("synonym groups: %w", err)
	}
	defer rows.Close()
	var out []SynonymGroup
	for rows.Next() {
		var g SynonymGroup
		var members string
		if err := rows.Scan(&g.ID, &members, &g.Source, &g.AddedBy, &g.AddedAt); err != nil {
			return nil, fmt.Errorf("synonym groups: %w", err)
		}
		g.Members = splitMembers(members)
		out = append(out, g)
	}
	return out, rows.Err()
}

// splitMembers reads a comma-separated list into normalised members
// (lowercase words, one space between), dropping empty and repeated ones.
func splitMembers(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range strings.Split(s, ",") {
		m = strings.Join(textsearch.Tokens(m), " ")
		if m != "" && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

// AddSynonyms adds a group (audited); the search uses it at once in this
// process and within the index's refresh interval in the others.
func (s *Store) AddSynonyms(ctx context.Context, u *auth.User, in SynonymInput) (SynonymGroup, error) {
	if err := auth.Require(u, auth.ManageSynonyms); err != nil {
		return SynonymGroup{}, err
	}
	members := splitMembers(in.Members)
	source := strings.TrimSpace(in.Source)
	var errs valid.Errors
	switch {
	case len(members) < 2:
		errs.Add("members", "synonyms_two")
	case len(members) > MaxSynonymMembers:
		errs.Add("members", "too_many", "max", MaxSynonymMembers)
	}
	for _, m := range members {
		if len([]rune(m)) > maxSynonymLen {
			errs.Add("members", "too_long", "max", maxSynonymLen)
			break
		}
	}
	if source == "" {
		errs.Add("source", "required")
	} else if len([]rune(source)) > maxSourceLen {
		errs.Add("source", "too_long", "max", maxSourceLen)
	}
	if err := errs.Err(); err != nil {
		return SynonymGroup{}, err
	}
	g := SynonymGroup{Members: members, Source: source, AddedBy: u.Name, AddedAt: s.Now().UTC()}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		g.ID, err = db.InsertID(ctx, tx, `INSERT INTO search_synonyms (members, source, added_by, added_at) VALUES (?, ?, ?, ?)`,
			strings.Join(members, ", "), source, u.ID, g.AddedAt)
		if err != nil {
			return fmt.Errorf("add synonyms: %w", err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: g.AddedAt, ActorID: u.ID, Action: string(auth.ManageSynonyms) + ".add",
			SubjectType: "search_synonyms", SubjectID: g.ID, Detail: strings.Join(members, ", ") + " | " + source})
	})
	if err != nil {
		return SynonymGroup{}, err
	}
	s.Changed()
	return g, nil
}

// RemoveSynonyms removes an added group (audited). Shipped groups change
// only with a release.
func (s *Store) RemoveSynonyms(ctx context.Context, u *auth.User, id int64) error {
	if err := auth.Require(u, auth.ManageSynonyms); err != nil {
		return err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var members string
		err := tx.QueryRowContext(ctx, `SELECT members FROM search_synonyms WHERE id = ?`, id).Scan(&members)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("synonym group %d: %w", id, db.ErrNotFound)
		} else if err != nil {
			return fmt.Errorf("synonym group %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_synonyms WHERE id = ?`, id); err != nil {
			return fmt.Errorf("remove synonyms: %w", err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: s.Now().UTC(), ActorID: u.ID, Action: string(auth.ManageSynonyms) + ".remove",
			SubjectType: "search_synonyms", SubjectID: id, Detail: members})
	})
	if err != nil {
		return err
	}
	s.Changed()
	return nil
}

// synonymsVersion changes whenever a group is added or removed (count
// and largest id), so an index rereads the table only then.
func synonymsVersion(ctx context.Context, q db.Querier) (string, error) {
	var n, last int64
	if err := q.QueryRowContext(ctx, `SELECT count(*), COALESCE(max(id), 0) FROM search_synonyms`).Scan(&n, &last); err != nil {
		return "", fmt.Errorf("synonyms version: %w", err)
	}
	return fmt.Sprintf("%d/%d", n, last), nil
}

// addedSynonyms reads every added group's members, for the search index.
func addedSynonyms(ctx context.Context, q db.Querier) (groups [][]string, err error) {
	rows, err := q.QueryContext(ctx, `SELECT id, members FROM search_synonyms ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("added synonyms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var members string
		if err := rows.Scan(&id, &members); err != nil {
			return nil, err
		}
		if m := splitMembers(members); len(m) >= 2 {
			groups = append(groups, m)
		}
	}
	return groups, rows.Err()
}
