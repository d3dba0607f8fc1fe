package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Months is how many months a release covers, ending with its month.
const Months = 24

// Source is what one release is computed from: the database and the
// months it covers (in WIB). Each kind of row is read once, in one scan,
// and shared by every dataset that needs it.
type Source struct {
	Q      db.Querier
	Months []string    // "2006-01", oldest first
	start  time.Time   // first instant of the first month, WIB
	ends   []time.Time // first instant after each month, WIB

	ak1        []ak1Row
	vacancies  []vacancyRow
	placements []placementRow
	complaints []complaintRow
	trained    []trainedRow
	providers  map[int64]string
	programs   map[int64]string // program titles, for the training dataset by program
	loaded     map[string]bool
}

// NewSource covers the Months months ending with month ("2006-01").
func NewSource(q db.Querier, month string) (*Source, error) {
	last, err := time.ParseInLocation("2006-01", month, wib.Zone)
	if err != nil {
		return nil, fmt.Errorf("stats: month %q: %w", month, err)
	}
	s := &Source{Q: q, loaded: map[string]bool{}}
	s.start = last.AddDate(0, 1-Months, 0)
	for i := 0; i < Months; i++ {
		m := s.start.AddDate(0, i, 0)
		s.Months = append(s.Months, m.Format("2006-01"))
		s.ends = append(s.ends, m.AddDate(0, 1, 0))
	}
	return s, nil
}

// end is the first instant after the release's last month.
func (s *Source) end() time.Time { return s.ends[len(s.ends)-1] }

// month is the index of the month t falls in, or -1 outside the window.
func (s *Source) month(t time.Time) int {
	if t.Before(s.start) || !t.Before(s.end()) {
		return -1
	}
	t = t.In(wib.Zone)
	return (t.Year()-s.start.Year())*12 + int(t.Month()) - int(s.start.Month())
}

// date reads a DATE or TIMESTAMP column on either database.
type date = db.AggTime

type ak1Row struct {
	region, occupation string
	from, until        time.Time // valid on [from, until)
}

type vacancyRow struct {
	region, kbji, status string
	// arrangement: "langsung" (the poster employs), "alih_daya" (an
	// outsourcing company employs, the work is at a user company) or
	// "agen" (posted by a placement agency); see vacancy.WorkArrangements.
	arrangement       string
	disabilityOpen    bool
	openings          int
	published, closed time.Time // closed is zero while open
	closesOn          time.Time // the last day of applications, WIB midnight
}

type placementRow struct {
	region, contract, size string
	arrangement, wageUnit  string // as vacancyRow; the vacancy's wage unit (month, day, hour, piece)
	wage                   int64
	start, reported        time.Time
	domicile               string // where the worker lives ("" unknown)
	promised               int    // the vacancy's declared local share, percent; -1 none
}

type trainedRow struct {
	provider   int64
	program    int64
	completed  time.Time // WIB day
	firstStart time.Time // the first placement starting on or after completion; zero if none
}

type complaintRow struct {
	region, category           string
	filed, firstAction, closed time.Time // zero: not (yet)
}

// once runs load the first time key is asked for.
func (s *Source) once(ctx context.Context, key string, load func(context.Context) error) error {
	if s.loaded[key] {
		return nil
	}
	if err := load(ctx); err != nil {
		return fmt.Errorf("stats: read %s: %w", key, err)
	}
	s.loaded[key] = true
	return nil
}

func (s *Source) loadAK1(ctx context.Context) error {
	return s.once(ctx, "ak1", func(ctx context.Context) error {
		// Revoked cards are left out whole: a revocation has no date, and
		// a card revoked by mistake is reissued.
		rows, err := s.Q.QueryContext(ctx, `SELECT s.domicile_region, s.occupation, c.issued_on, c.valid_until
			FROM ak1_cards c JOIN seekers s ON s.id = c.seeker_id
			WHERE NOT c.revoked AND c.issued_on < ? AND c.valid_until > ?`,
			s.end().Format(time.DateOnly), s.start.Format(time.DateOnly))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r ak1Row
			var from, until date
			if err := rows.Scan(&r.region, &r.occupation, &from, &until); err != nil {
				return err
			}
			r.from, r.until = dayWIB(from.Time), dayWIB(until.Time)
			s.ak1 = append(s.ak1, r)
		}
		return rows.Err()
	})
}

// dayWIB reads a DATE (stored as midnight UTC) as that day's WIB midnight.
func dayWIB(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, wib.Zone)
}

func (s *Source) loadVacancies(ctx context.Context) error {
	return s.once(ctx, "vacancies", func(ctx context.Context) error {
		rows, err := s.Q.QueryContext(ctx, `SELECT region, kbji, status, openings, published_at, closed_at, closes_on,
				CASE WHEN worksite_name <> '' THEN 'alih_daya' WHEN agency_licence_no <> '' THEN 'agen' ELSE 'langsung' END, disability_open
			FROM vacancies WHERE published_at IS NOT NULL AND published_at < ? AND (closed_at IS NULL OR closed_at >= ?)`,
			s.end().UTC(), s.start.UTC())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r vacancyRow
			var pub, closed, closes date
			if err := rows.Scan(&r.region, &r.kbji, &r.status, &r.openings, &pub, &closed, &closes, &r.arrangement, &r.disabilityOpen); err != nil {
				return err
			}
			r.published, r.closed, r.closesOn = pub.Time, closed.Time, dayWIB(closes.Time)
			s.vacancies = append(s.vacancies, r)
		}
		return rows.Err()
	})
}

func (s *Source) loadPlacements(ctx context.Context) error {
	return s.once(ctx, "placements", func(ctx context.Context) error {
		rows, err := s.Q.QueryContext(ctx, `SELECT v.region, v.contract, e.size_class, p.wage, p.start_date, p.reported_at,
				p.domicile_region, COALESCE(v.local_share_pct, -1),
				CASE WHEN v.worksite_name <> '' THEN 'alih_daya' WHEN v.agency_licence_no <> '' THEN 'agen' ELSE 'langsung' END, v.wage_unit
			FROM placements p JOIN vacancies v ON v.id = p.vacancy_id JOIN employers e ON e.id = p.employer_id
			WHERE p.reported_at >= ? AND p.reported_at < ?`, s.start.UTC(), s.end().UTC())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r placementRow
			var start, rep date
			if err := rows.Scan(&r.region, &r.contract, &r.size, &r.wage, &start, &rep, &r.domicile, &r.promised, &r.arrangement, &r.wageUnit); err != nil {
				return err
			}
			r.start, r.reported = dayWIB(start.Time), rep.Time
			s.placements = append(s.placements, r)
		}
		return rows.Err()
	})
}

func (s *Source) loadComplaints(ctx context.Context) error {
	return s.once(ctx, "complaints", func(ctx context.Context) error {
		// First action: the first time the complaint's case changed state
		// (verified, assigned, ...); the filing itself is not an action.
		rows, err := s.Q.QueryContext(ctx, `SELECT c.region, c.category, c.created_at,
				(SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.case_id AND e.from_state <> '' AND e.at >= c.created_at),
				k.closed_at
			FROM complaints c LEFT JOIN cases k ON k.id = c.case_id
			WHERE c.kind = 'pengaduan' AND c.created_at >= ? AND c.created_at < ?`, s.start.UTC(), s.end().UTC())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r complaintRow
			var filed, first, closed date
			if err := rows.Scan(&r.region, &r.category, &filed, &first, &closed); err != nil {
				return err
			}
			r.filed, r.firstAction, r.closed = filed.Time, first.Time, closed.Time
			s.complaints = append(s.complaints, r)
		}
		return rows.Err()
	})
}

func (s *Source) loadTraining(ctx context.Context) error {
	return s.once(ctx, "training", func(ctx context.Context) error {
		s.providers = map[int64]string{}
		rows, err := s.Q.QueryContext(ctx, `SELECT id, name FROM providers`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			s.providers[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// The same rule as the training outcomes page (training.PlacedLongDays):
		// a completer counts as placed when a job starts within 180 days of
		// completion.
		s.programs = map[int64]string{}
		rows, err = s.Q.QueryContext(ctx, `SELECT id, title FROM programs`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var title string
			if err := rows.Scan(&id, &title); err != nil {
				rows.Close()
				return err
			}
			s.programs[id] = title
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = s.Q.QueryContext(ctx, `SELECT p.provider_id, p.id, e.completed_on,
				(SELECT MIN(pl.start_date) FROM placements pl WHERE pl.seeker_id = e.seeker_id AND pl.start_date >= e.completed_on)
			FROM enrollments e JOIN programs p ON p.id = e.program_id
			WHERE e.completed_on IS NOT NULL AND e.completed_on >= ? AND e.completed_on < ?`,
			s.start.Format(time.DateOnly), s.end().Format(time.DateOnly))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r trainedRow
			var done, first date
			if err := rows.Scan(&r.provider, &r.program, &done, &first); err != nil {
				return err
			}
			r.completed = dayWIB(done.Time)
			if first.Valid {
				r.firstStart = dayWIB(first.Time)
			}
			s.trained = append(s.trained, r)
		}
		return rows.Err()
	})
}
