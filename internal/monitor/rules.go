// Package monitor follows bursa's public log from its tiles alone, as
// anyone outside the office can, and checks that it is complete: the
// signatures and proofs say no record was changed or removed, but only a
// monitor that reads every record finds one that should be there and is
// not (a hire with no selection decision, a round allocated without a seat
// record for every applicant, an application to a vacancy never
// published). Certificate Transparency answers the same question with
// monitors.
package monitor

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/ledger"
)

// Rule names, as printed by `bursa monitor` and stored with findings.
const (
	RuleOrder     = "order"        // records come in time order
	RuleKnown     = "known-object" // no record refers to an unknown object
	RulePlacement = "placement-follows-application"
	RuleHire      = "hire-has-selection"
	RuleSeats     = "round-seats"
	RuleFormat    = "record-format"
)

// Rules lists every rule with what it checks, in the order they are
// reported.
var Rules = []struct{ Name, Text string }{
	{RuleFormat, "every record is a JSON object of format version 1 with a known kind and a time"},
	{RuleOrder, "records come in time order: none is earlier than the record before it of its history (jobs, training, complaints), beyond a few minutes of commit skew, nor than the record it follows up on"},
	{RuleKnown, "no record refers to an unknown object: an application, a change or a closing names a published vacancy; a decision names a received application; a seat or an allocation names an opened round and one of its programs"},
	{RulePlacement, "every placement follows an application to the same vacancy"},
	{RuleHire, "every hire (placement) has a selection record: a decision 'diterima' for the same application before it"},
	{RuleSeats, "every allocated round has exactly one seat record per applicant it counts, no applicant twice, seats within each program's capacity and equal to its admissions, and a seats_hash over its seat records"},
}

// Skew is how much earlier than the latest time already seen a record may
// be: appends take their time before they take the log's lock, so two
// concurrent transactions can commit a few seconds out of order.
const Skew = 5 * time.Minute

// Finding is one broken rule, with the records that show it.
type Finding struct {
	Rule    string  `json:"rule"`
	Records []int64 `json:"records"`
	Detail  string  `json:"detail"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: records %v: %s", f.Rule, f.Records, f.Detail)
}

// Checker reads records in order and reports broken rules. Its fields are
// its state: a monitor saves them between runs (JSON) and goes on from the
// next record.
type Checker struct {
	// Last is the last record read of each stream (see stream).
	Last      map[string]obj   `json:"last"`
	Vacancies map[int64]obj    `json:"vacancies"`
	Apps      map[string]*app  `json:"applications"`
	Rounds    map[int64]*round `json:"rounds"`
}

// obj is a public object: the record that made it known, and when.
type obj struct {
	N  int64     `json:"n"`
	At time.Time `json:"at"`
}

type app struct {
	obj
	Vacancy int64  `json:"vacancy"`
	Hired   *int64 `json:"hired,omitempty"` // the 'diterima' decision
}

type round struct {
	obj
	Programs  []int64 `json:"programs"`
	Seats     []seat  `json:"seats"`
	Allocated *int64  `json:"allocated,omitempty"`
}

// seat is a seat record as the round's seats_hash covers it.
type seat struct {
	N         int64  `json:"n"`
	Applicant string `json:"applicant"`
	Program   *int64 `json:"program_id"`
}

// record is the union of the public fields the rules read.
type record struct {
	V           int             `json:"v"`
	Kind        string          `json:"kind"`
	At          string          `json:"at"`
	VacancyID   *int64          `json:"vacancy_id"`
	Application string          `json:"application"`
	Status      string          `json:"status"`
	RoundID     *int64          `json:"round_id"`
	Applicant   string          `json:"applicant"`
	ProgramID   *int64          `json:"program_id"`
	Programs    json.RawMessage `json:"programs"`
	Applicants  *int            `json:"applicants"`
	SeatsHash   string          `json:"seats_hash"`
}

// hired is the decision a hire needs (vacancy.Hired; the monitor reads the
// log's words, not the vacancy package).
const hired = "diterima"

// Add checks record n (its exact bytes) against what came before and
// remembers it.
func (c *Checker) Add(n int64, data []byte) []Finding {
	if c.Vacancies == nil {
		c.Vacancies, c.Apps, c.Rounds, c.Last = map[int64]obj{}, map[string]*app{}, map[int64]*round{}, map[string]obj{}
	}
	var out []Finding
	bad := func(rule string, detail string, records ...int64) {
		rs := append([]int64{}, records...)
		slices.Sort(rs)
		out = append(out, Finding{Rule: rule, Records: slices.Compact(rs), Detail: detail})
	}
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		bad(RuleFormat, "not a JSON object: "+err.Error(), n)
		return out
	}
	at, err := time.Parse(time.RFC3339, r.At)
	if r.V != ledger.Version || err != nil {
		bad(RuleFormat, fmt.Sprintf("format version %d, time %q", r.V, r.At), n)
		return out
	}
	// Against the stream's record before only: one record dated far ahead
	// is then one finding (it and the next), not one for every record
	// after it.
	if prev, ok := c.Last[stream(r.Kind)]; ok && at.Before(prev.At.Add(-Skew)) {
		bad(RuleOrder, fmt.Sprintf("time %s is before %s, the time of record %d", r.At, prev.At.Format(time.RFC3339), prev.N), prev.N, n)
	}
	c.Last[stream(r.Kind)] = obj{N: n, At: at}
	// after checks that record n is no earlier than the record it follows up on.
	after := func(o obj, what string) {
		if at.Before(o.At) {
			bad(RuleOrder, fmt.Sprintf("time %s is before %s, the time of %s", r.At, o.At.Format(time.RFC3339), what), o.N, n)
		}
	}
	vacancy := func() (obj, bool) {
		if r.VacancyID == nil {
			bad(RuleFormat, "no vacancy_id", n)
			return obj{}, false
		}
		v, ok := c.Vacancies[*r.VacancyID]
		if !ok {
			bad(RuleKnown, fmt.Sprintf("vacancy %d was never published", *r.VacancyID), n)
		}
		return v, ok
	}
	switch r.Kind {
	case ledger.VacancyPublished:
		if r.VacancyID == nil {
			bad(RuleFormat, "no vacancy_id", n)
		} else if _, ok := c.Vacancies[*r.VacancyID]; !ok {
			c.Vacancies[*r.VacancyID] = obj{N: n, At: at}
		}
	case ledger.VacancyChanged, ledger.VacancyClosed:
		if v, ok := vacancy(); ok {
			after(v, fmt.Sprintf("vacancy %d's publication", *r.VacancyID))
		}
	case ledger.ApplicationReceived:
		v, ok := vacancy()
		if ok {
			after(v, fmt.Sprintf("vacancy %d's publication", *r.VacancyID))
		}
		if r.Application == "" {
			bad(RuleFormat, "no application commitment", n)
		} else if prev, dup := c.Apps[r.Application]; dup {
			bad(RuleKnown, "the same application commitment was received twice", prev.N, n)
		} else if r.VacancyID != nil {
			c.Apps[r.Application] = &app{obj: obj{N: n, At: at}, Vacancy: *r.VacancyID}
		}
	case ledger.ApplicationDecided, ledger.PlacementReported:
		rule := RuleKnown
		if r.Kind == ledger.PlacementReported {
			rule = RulePlacement
		}
		a, ok := c.Apps[r.Application]
		switch {
		case !ok:
			bad(rule, "no application with this commitment was received before", n)
		case r.VacancyID == nil || *r.VacancyID != a.Vacancy:
			bad(rule, fmt.Sprintf("the application was received for vacancy %d, not this one", a.Vacancy), a.N, n)
		default:
			after(a.obj, "the application")
		}
		if r.Kind == ledger.ApplicationDecided {
			if ok && r.Status == hired {
				a.Hired = &n
			}
			break
		}
		if ok && a.Hired == nil {
			bad(RuleHire, "a placement with no decision 'diterima' for its application", a.N, n)
		}
	case ledger.RoundOpened:
		var programs []int64
		if r.RoundID == nil || json.Unmarshal(r.Programs, &programs) != nil {
			bad(RuleFormat, "no round_id or programs", n)
		} else if prev, dup := c.Rounds[*r.RoundID]; dup {
			bad(RuleKnown, fmt.Sprintf("round %d was opened twice", *r.RoundID), prev.N, n)
		} else {
			c.Rounds[*r.RoundID] = &round{obj: obj{N: n, At: at}, Programs: programs}
		}
	case ledger.SeatAllocated:
		rd, ok := c.round(r, n, bad)
		if !ok {
			break
		}
		after(rd.obj, fmt.Sprintf("round %d's opening", *r.RoundID))
		if rd.Allocated != nil {
			bad(RuleSeats, fmt.Sprintf("a seat record after round %d's allocation", *r.RoundID), *rd.Allocated, n)
			break
		}
		if r.ProgramID != nil && !slices.Contains(rd.Programs, *r.ProgramID) {
			bad(RuleKnown, fmt.Sprintf("program %d is not in round %d", *r.ProgramID, *r.RoundID), rd.N, n)
		}
		rd.Seats = append(rd.Seats, seat{N: n, Applicant: r.Applicant, Program: r.ProgramID})
	case ledger.RoundAllocated:
		rd, ok := c.round(r, n, bad)
		if !ok {
			break
		}
		after(rd.obj, fmt.Sprintf("round %d's opening", *r.RoundID))
		if rd.Allocated != nil {
			bad(RuleSeats, fmt.Sprintf("round %d was allocated twice", *r.RoundID), *rd.Allocated, n)
			break
		}
		rd.Allocated = &n
		checkSeats(rd, r, n, bad)
		rd.Seats = nil // checked; the state need not keep them
	case ledger.ComplaintReceived, ledger.LossNotice, ledger.WageRecommendation, ledger.TripartiteRecommendation,
		ledger.ApprenticeshipApproved, ledger.ApprenticeshipEnded,
		ledger.UMKMClassMoved, ledger.UMKMProgramOpened, ledger.UMKMProgramAllocated:
		// Nothing in the log refers to them, and they refer to nothing the
		// log holds (the council's figures are in the record itself; a
		// small-business program's allocation carries its own result list).
	default:
		bad(RuleFormat, fmt.Sprintf("unknown kind %q", r.Kind), n)
	}
	return out
}

// stream is the history a record belongs to: the job exchange, training
// rounds, complaints. Each is in time order; the streams are compared
// apart, because a history can be appended after another (the demo
// province writes its job history, then runs its training rounds through
// the training store with a clock moving through the same months).
func stream(kind string) string {
	switch {
	case strings.HasPrefix(kind, "training."):
		return "training"
	case strings.HasPrefix(kind, "complaint."):
		return "complaint"
	case strings.HasPrefix(kind, "ledger."):
		return "ledger"
	case strings.HasPrefix(kind, "umkm."):
		return "umkm"
	}
	return "jobs"
}

// round finds the round a seat or allocation record names.
func (c *Checker) round(r record, n int64, bad func(string, string, ...int64)) (*round, bool) {
	if r.RoundID == nil {
		bad(RuleFormat, "no round_id", n)
		return nil, false
	}
	rd, ok := c.Rounds[*r.RoundID]
	if !ok {
		bad(RuleKnown, fmt.Sprintf("round %d was never opened", *r.RoundID), n)
	}
	return rd, ok
}

// checkSeats checks an allocation record against the seat records of its
// round.
func checkSeats(rd *round, r record, n int64, bad func(string, string, ...int64)) {
	seatNs := func(keep func(seat) bool) []int64 {
		out := []int64{n}
		for _, s := range rd.Seats {
			if keep(s) {
				out = append(out, s.N)
			}
		}
		return out
	}
	all := func(seat) bool { return true }
	if r.Applicants == nil || *r.Applicants != len(rd.Seats) {
		want := -1
		if r.Applicants != nil {
			want = *r.Applicants
		}
		bad(RuleSeats, fmt.Sprintf("the allocation counts %d applicants but round %d has %d seat records", want, *r.RoundID, len(rd.Seats)),
			seatNs(all)...)
	}
	seen := map[string]int64{}
	for _, s := range rd.Seats {
		if prev, dup := seen[s.Applicant]; dup {
			bad(RuleSeats, fmt.Sprintf("applicant %.12s… has two seat records in round %d", s.Applicant, *r.RoundID), prev, s.N, n)
		}
		seen[s.Applicant] = s.N
	}
	var programs []struct {
		ID       int64 `json:"program_id"`
		Seats    int   `json:"seats"`
		Admitted int   `json:"admitted"`
	}
	if err := json.Unmarshal(r.Programs, &programs); err != nil {
		bad(RuleFormat, "programs: "+err.Error(), n)
		return
	}
	sort.Slice(programs, func(i, j int) bool { return programs[i].ID < programs[j].ID })
	for _, p := range programs {
		in := func(s seat) bool { return s.Program != nil && *s.Program == p.ID }
		got := len(seatNs(in)) - 1
		if got > p.Seats {
			bad(RuleSeats, fmt.Sprintf("program %d has %d seat records for %d seats", p.ID, got, p.Seats), seatNs(in)...)
		} else if got != p.Admitted {
			bad(RuleSeats, fmt.Sprintf("program %d admitted %d but has %d seat records", p.ID, p.Admitted, got), seatNs(in)...)
		}
	}
	// The hash covers the seat records' public fields in record order, as
	// training.logAllocation writes them.
	type hashed struct {
		Applicant string `json:"applicant"`
		Program   *int64 `json:"program_id"`
	}
	hs := make([]hashed, len(rd.Seats))
	for i, s := range rd.Seats {
		hs[i] = hashed{s.Applicant, s.Program}
	}
	if r.SeatsHash != "" && ledger.ContentHash(hs) != r.SeatsHash {
		bad(RuleSeats, fmt.Sprintf("seats_hash does not match round %d's seat records", *r.RoundID), seatNs(all)...)
	}
}
