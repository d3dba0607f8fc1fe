package mydata

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
)

// Filename is the name a downloaded export is saved under, at both doors.
const Filename = "bursa-data-saya.json"

// Export is everything bursa holds about one person, in sections. It is
// written as one JSON object: "generated_at", then each section by name, an
// array of objects with the section's columns as keys, in order.
type Export struct {
	GeneratedAt time.Time
	Sections    []Table
}

// Table is one section: named columns and the rows under them. Values are
// strings, integers, booleans, times or nil.
type Table struct {
	Name    string
	Columns []string
	Rows    [][]any
}

// MarshalJSON keeps the sections and columns in their order, so that the
// download reads like the page.
func (e Export) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"generated_at":`)
	t, _ := json.Marshal(e.GeneratedAt)
	b.Write(t)
	for _, s := range e.Sections {
		k, _ := json.Marshal(s.Name)
		b.WriteByte(',')
		b.Write(k)
		b.WriteString(":[")
		for i, row := range s.Rows {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			for j, c := range s.Columns {
				if j > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(c)
				v, err := json.Marshal(row[j])
				if err != nil {
					return nil, fmt.Errorf("export %s.%s: %w", s.Name, c, err)
				}
				b.Write(k)
				b.WriteByte(':')
				b.Write(v)
			}
			b.WriteByte('}')
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Section returns the section called name, for tests and the page.
func (e Export) Section(name string) (Table, bool) {
	for _, s := range e.Sections {
		if s.Name == name {
			return s, true
		}
	}
	return Table{}, false
}

// person is whose data a section reads: the account, and the job-seeker
// record when there is one (0 otherwise).
type person struct {
	UserID, SeekerID int64
}

// Export reads everything about u. The reading is itself audited, so the
// person's audit section shows their own past downloads.
func (s *Store) Export(ctx context.Context, u *auth.User) (Export, error) {
	if u == nil {
		return Export{}, errLogin
	}
	p := person{UserID: u.ID}
	if err := s.DB.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM seekers WHERE user_id = ?`, u.ID).Scan(&p.SeekerID); err != nil {
		return Export{}, fmt.Errorf("export %d: %w", u.ID, err)
	}
	e := Export{GeneratedAt: s.now()}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := audit.Record(ctx, tx, audit.Entry{At: e.GeneratedAt, ActorID: u.ID, Action: "data.export",
			SubjectType: "user", SubjectID: u.ID}); err != nil {
			return err
		}
		for _, sec := range s.sections() {
			t, err := sec.read(ctx, tx, p)
			if err != nil {
				return fmt.Errorf("export %s: %w", sec.name, err)
			}
			t.Name = sec.name
			e.Sections = append(e.Sections, t)
		}
		return nil
	})
	if err != nil {
		return Export{}, err
	}
	return e, nil
}

// query reads rows of one SQL statement into a table. Booleans are written
// in SQL as CASE … THEN 1 ELSE 0 END and come back as true/false in
// boolCols; bytes become strings, so both databases give the same export.
func query(ctx context.Context, q db.Querier, bools []string, sqlText string, args ...any) (Table, error) {
	rows, err := q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return Table{}, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return Table{}, err
	}
	isBool := make([]bool, len(cols))
	for i, c := range cols {
		for _, b := range bools {
			isBool[i] = isBool[i] || b == c
		}
	}
	t := Table{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return Table{}, err
		}
		for i, v := range vals {
			vals[i] = normalise(v, isBool[i])
		}
		t.Rows = append(t.Rows, vals)
	}
	return t, rows.Err()
}

func normalise(v any, isBool bool) any {
	switch x := v.(type) {
	case []byte:
		v = string(x)
	case time.Time:
		return x.UTC()
	case int32:
		v = int64(x)
	}
	if isBool {
		switch x := v.(type) {
		case int64:
			return x != 0
		case bool:
			return x
		}
	}
	return v
}
