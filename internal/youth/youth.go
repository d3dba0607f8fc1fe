// Package youth gives each of the province's youth programs (the labels
// training already uses, training.YouthTags) one page: who may join (an
// age band and a domicile), what it offers across training programs and
// small-business assistance carrying its tag, and its outcomes, with small
// cells withheld. The programs' descriptions are reference data shipped in
// data/programs.csv with their source note.
package youth

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bursa-banten/bursa/internal/apprentice"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/stats/cells"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/umkm"
)

//go:embed data/programs.csv
var programsCSV []byte

// Program is a youth program as the reference data describes it.
type Program struct {
	Tag                string
	Name, NameEN       string
	Summary, SummaryEN string
	MinAge, MaxAge     int
	// Domicile is the province code (36: Banten) whose residents may join.
	Domicile string
}

var (
	loadOnce sync.Once
	loaded   []Program
	loadErr  error
)

// Programs lists the youth programs in the reference data's order. Every
// tag of training.YouthTags has one (TestEveryTagHasProgram).
func Programs() ([]Program, error) {
	loadOnce.Do(func() { loaded, loadErr = parse(programsCSV) })
	return loaded, loadErr
}

func parse(b []byte) ([]Program, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("youth programs: %w", err)
	}
	var out []Program
	for i, rec := range recs {
		if i == 0 {
			continue // header
		}
		if len(rec) != 8 {
			return nil, fmt.Errorf("youth programs: line %d has %d fields", i+1, len(rec))
		}
		lo, err1 := strconv.Atoi(rec[5])
		hi, err2 := strconv.Atoi(rec[6])
		if err1 != nil || err2 != nil || lo > hi {
			return nil, fmt.Errorf("youth programs: line %d: bad age band", i+1)
		}
		out = append(out, Program{Tag: rec[0], Name: rec[1], NameEN: rec[2], Summary: rec[3], SummaryEN: rec[4],
			MinAge: lo, MaxAge: hi, Domicile: rec[7]})
	}
	return out, nil
}

// ByTag returns the youth program of tag; an unknown tag is not found.
func ByTag(tag string) (Program, error) {
	ps, err := Programs()
	if err != nil {
		return Program{}, err
	}
	tag = strings.ToLower(strings.TrimSpace(tag))
	i := slices.IndexFunc(ps, func(p Program) bool { return p.Tag == tag })
	if i < 0 {
		return Program{}, fmt.Errorf("youth program %q: %w", tag, fail.NotFound)
	}
	return ps[i], nil
}

// Store reads what the programs offer from the training, apprenticeship
// and UMKM stores.
type Store struct {
	Training    *training.Store
	UMKM        *umkm.Store
	Apprentices *apprentice.Store
}

// Placed is the training outcome a youth page publishes: completers whose
// 6-month window has passed, and of them those who started work within it.
type Placed struct {
	Of, N    int
	Withheld bool
}

// Page is everything a youth program's page shows.
type Page struct {
	Program
	Training []training.Program
	UMKM     []umkm.Program
	// Apprenticeships are the approved programs still taking apprentices
	// in the program's domicile: an apprenticeship is open to every job
	// seeker, so none carries a youth tag; the page shows them with the
	// results of apprentices inside the age band.
	Apprenticeships []apprentice.Program
	Apprentices     Apprentices
	Placed          Placed
	Assisted        umkm.Assisted
}

// Apprentices are the results of apprentices whose age in the year they
// started was inside a youth program's band: started, completed with a
// certificate, hired by the company after. Counts of 1 to 4 are withheld,
// and so is any count that the others would give back.
type Apprentices struct {
	Started, Completed, Hired umkm.Cell
}

// Page assembles a youth program's page. Public.
func (s *Store) Page(ctx context.Context, tag string) (Page, error) {
	p, err := ByTag(tag)
	if err != nil {
		return Page{}, err
	}
	pg := Page{Program: p}
	if pg.Training, err = s.Training.ProgramsTagged(ctx, p.Tag); err != nil {
		return pg, err
	}
	if pg.UMKM, err = s.UMKM.Programs(ctx, umkm.ProgramFilter{YouthTag: p.Tag}); err != nil {
		return pg, err
	}
	o, err := s.Training.OutcomeForTag(ctx, p.Tag)
	if err != nil {
		return pg, err
	}
	pg.Placed = placed(o.PlacedLong)
	if pg.Apprenticeships, pg.Apprentices, err = s.apprenticeships(ctx, p); err != nil {
		return pg, err
	}
	if pg.Assisted, err = s.UMKM.AssistedOutcome(ctx, p.Tag); err != nil {
		return pg, err
	}
	return pg, nil
}

// placed publishes a rate under the small-cell rule: the rate of fewer than
// cells.MinCell completers, or with fewer than cells.MinCell on either side
// (placed, not placed), would point at a person, so both numbers go.
func placed(r training.Rate) Placed {
	out := Placed{Of: r.Of, N: r.N}
	small := func(n int) bool { return n > 0 && n < cells.MinCell }
	if small(r.Of) || small(r.N) || small(r.Of-r.N) {
		out = Placed{Withheld: true}
	}
	return out
}

// apprenticeships returns the open apprenticeship programs in p's
// domicile and the results of apprentices inside p's age band.
func (s *Store) apprenticeships(ctx context.Context, p Program) ([]apprentice.Program, Apprentices, error) {
	open, err := s.Apprentices.Open(ctx)
	if err != nil {
		return nil, Apprentices{}, err
	}
	var in []apprentice.Program
	for _, a := range open {
		if strings.HasPrefix(a.Region, p.Domicile) {
			in = append(in, a)
		}
	}
	all, err := s.Apprentices.AllStarted(ctx)
	if err != nil {
		return nil, Apprentices{}, err
	}
	var started, completed, hired int
	for _, a := range all {
		if a.Age < p.MinAge || a.Age > p.MaxAge {
			continue
		}
		started++
		if a.Status == apprentice.Done {
			completed++
		}
		if a.Status != apprentice.Running && a.Hired {
			hired++
		}
	}
	return in, withheld(started, completed, hired), nil
}

// withheld applies the small-cell rule to the three apprentice counts.
// Completed and hired are parts of started (hired can include apprentices
// who dropped out and were hired anyway, so it is not a part of
// completed): a count of 1 to 4 is withheld, and when a part is withheld
// so is the whole, and the other part, since whole minus part would give
// it back.
func withheld(started, completed, hired int) Apprentices {
	small := func(n int) bool { return n > 0 && n < cells.MinCell }
	out := Apprentices{Started: umkm.Cell{N: started}, Completed: umkm.Cell{N: completed}, Hired: umkm.Cell{N: hired}}
	if small(started) || small(completed) || small(hired) || small(started-completed) || small(started-hired) {
		out = Apprentices{Started: umkm.Cell{Withheld: started > 0}, Completed: umkm.Cell{Withheld: started > 0}, Hired: umkm.Cell{Withheld: started > 0}}
	}
	return out
}
