package complaint

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ForgetAddressKeys clears the client-address hashes that sealed anonymous
// reports kept as their reporter_key before schema version 10. Until then a
// sealed report without an account was counted in its pool once per client
// address, so its row kept a keyed hash of the address for good; since then
// pools count only ties to one person (pool.go) and reporter_key holds only
// account keys. An address is personal data kept for no purpose now, so it
// goes. A key is an account's when it equals userKey of some user (an
// account filing anonymously is tracked by it); any other key on a row filed
// before version 10 is an address. It returns the rows cleared; where no
// such row exists it reads only the candidates, so running it at every start
// costs nothing once done.
func (s *Store) ForgetAddressKeys(ctx context.Context) (int, error) {
	var applied string
	err := s.DB.QueryRowContext(ctx, `SELECT applied_at FROM schema_migrations WHERE version = 10`).Scan(&applied)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("forget address keys: version 10: %w", err)
	}
	v10, err := parseApplied(applied)
	if err != nil {
		return 0, fmt.Errorf("forget address keys: version 10 applied at %q: %w", applied, err)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT id, reporter_key FROM complaints
		WHERE reporter_key <> '' AND reporter_id IS NULL AND sealed AND created_at < ?`, v10)
	if err != nil {
		return 0, fmt.Errorf("forget address keys: %w", err)
	}
	candidates := map[int64]string{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return 0, err
		}
		candidates[id] = key
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(candidates) == 0 {
		return 0, err
	}
	accounts := map[string]bool{}
	urows, err := s.DB.QueryContext(ctx, `SELECT id FROM users`)
	if err != nil {
		return 0, fmt.Errorf("forget address keys: users: %w", err)
	}
	for urows.Next() {
		var id int64
		if err := urows.Scan(&id); err != nil {
			urows.Close()
			return 0, err
		}
		accounts[s.userKey(id)] = true
	}
	urows.Close()
	if err := urows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for id, key := range candidates {
		if accounts[key] {
			continue
		}
		if _, err := s.DB.ExecContext(ctx, `UPDATE complaints SET reporter_key = '' WHERE id = ? AND reporter_key = ?`, id, key); err != nil {
			return n, fmt.Errorf("forget address key of complaint %s: %w", strconv.FormatInt(id, 10), err)
		}
		n++
	}
	return n, nil
}

// parseApplied reads schema_migrations.applied_at, a text column holding
// CURRENT_TIMESTAMP as each database writes it (SQLite without a zone,
// which is UTC; PostgreSQL with one).
func parseApplied(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999-07", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}
