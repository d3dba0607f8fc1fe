package complaint

import (
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
)

// States of an inspection case (Permenaker 33/2016 on inspection procedure).
const (
	Diterima               = "diterima"                // received
	Diverifikasi           = "diverifikasi"            // checked by the supervisor
	Ditugaskan             = "ditugaskan"              // a pengawas is assigned
	PemeriksaanDijadwalkan = "pemeriksaan_dijadwalkan" // inspection visit scheduled
	Temuan                 = "temuan"                  // findings recorded
	Nota1                  = "nota_1"                  // nota pemeriksaan I issued, with a deadline
	Nota2                  = "nota_2"                  // nota pemeriksaan II issued, with a deadline
	Selesai                = "selesai"                 // complied with, closed
	DilimpahkanPPNS        = "dilimpahkan_ppns"        // handed to the civil-servant investigators
	DitutupTidakTerbukti   = "ditutup_tidak_terbukti"  // closed, not substantiated
)

// States of an industrial dispute (UU 2/2004).
const (
	Bipartit            = "bipartit"             // bipartite talks between the parties (30 working days)
	Dicatat             = "dicatat"              // failed talks registered at the office; parties may choose conciliation or arbitration (7 working days)
	Mediasi             = "mediasi"              // a mediator is assigned; written recommendation due in 30 working days
	Anjuran             = "anjuran"              // written recommendation issued; parties answer in 10 working days
	PerjanjianBersama   = "perjanjian_bersama"   // agreement registered at the industrial relations court
	GugatanPHI          = "gugatan_phi"          // a party sued at the industrial relations court
	KonsiliasiArbitrase = "konsiliasi_arbitrase" // the parties chose conciliation or arbitration instead
)

// Dispute types (UU 2/2004 Pasal 2).
const (
	DisputeRights     = "hak"           // perselisihan hak
	DisputeInterests  = "kepentingan"   // perselisihan kepentingan
	DisputeDismissal  = "phk"           // perselisihan pemutusan hubungan kerja
	DisputeInterUnion = "antar_serikat" // perselisihan antar serikat pekerja dalam satu perusahaan
)

// DisputeTypes lists the dispute types.
var DisputeTypes = []string{DisputeRights, DisputeInterests, DisputeDismissal, DisputeInterUnion}

// InspectionStates and DisputeStates list each kind's states in order.
var (
	InspectionStates = []string{Diterima, Diverifikasi, Ditugaskan, PemeriksaanDijadwalkan, Temuan, Nota1, Nota2,
		Selesai, DilimpahkanPPNS, DitutupTidakTerbukti}
	DisputeStates = []string{Bipartit, Dicatat, Mediasi, Anjuran, PerjanjianBersama, GugatanPHI, KonsiliasiArbitrase}
)

// transitions is the one table of allowed moves, per kind of case. A state
// missing as a key is final.
var transitions = map[string]map[string][]string{
	KindInspection: {
		// A report that cannot be verified (no such workplace, nothing
		// labor-related) is closed at once.
		Diterima:     {Diverifikasi, DitutupTidakTerbukti},
		Diverifikasi: {Ditugaskan},
		Ditugaskan:   {PemeriksaanDijadwalkan},
		// The visit found nothing to record.
		PemeriksaanDijadwalkan: {Temuan, DitutupTidakTerbukti},
		// Findings: a violation gets a nota, or was put right during the
		// visit (selesai); findings that show no violation close the case.
		Temuan: {Nota1, Selesai, DitutupTidakTerbukti},
		Nota1:  {Nota2, Selesai},
		Nota2:  {Selesai, DilimpahkanPPNS},
	},
	KindDispute: {
		Bipartit: {PerjanjianBersama, Dicatat},
		Dicatat:  {Mediasi, KonsiliasiArbitrase},
		Mediasi:  {Anjuran, PerjanjianBersama},
		Anjuran:  {PerjanjianBersama, GugatanPHI},
	},
}

// CanMove reports whether a case of kind may go from one state to another.
func CanMove(kind, from, to string) bool { return contains(transitions[kind][from], to) }

// NextStates lists the states a case of kind may move to from state.
func NextStates(kind, state string) []string { return transitions[kind][state] }

// IsFinal reports whether state ends a case of kind.
func IsFinal(kind, state string) bool {
	states := InspectionStates
	if kind == KindDispute {
		states = DisputeStates
	}
	_, open := transitions[kind][state]
	return contains(states, state) && !open
}

// finalStates lists every final state of both kinds, for SQL.
func finalStates() []string {
	var out []string
	for _, st := range InspectionStates {
		if IsFinal(KindInspection, st) {
			out = append(out, st)
		}
	}
	for _, st := range DisputeStates {
		if IsFinal(KindDispute, st) {
			out = append(out, st)
		}
	}
	return out
}

// PublicFinal are the outcomes that put an inspection's substantiated
// findings on the employer's public compliance record.
var PublicFinal = []string{Selesai, DilimpahkanPPNS}

// employerVisible are the inspection states in which the employer sees the
// case: findings have been made and are addressed to it.
var employerVisible = []string{Temuan, Nota1, Nota2, Selesai, DilimpahkanPPNS}

// Period is a legal or service time limit.
type Period struct {
	Days     int
	Calendar bool // count calendar days instead of working days
}

// after returns the civil day p after day from (a WIB date at midnight UTC).
func (p Period) after(from time.Time) time.Time {
	if p.Calendar {
		return from.AddDate(0, 0, p.Days)
	}
	return ref.AddWorkingDays(from, p.Days)
}

// Deadlines are the time limits of each state. Working days skip weekends,
// national holidays and joint leave days (internal/ref).
type Deadlines struct {
	Verify   Period // diterima: verify the report
	Assign   Period // diverifikasi: assign a pengawas
	Schedule Period // ditugaskan: schedule the inspection visit
	Findings Period // pemeriksaan_dijadwalkan: record findings, counted from the visit day
	Decide   Period // temuan: issue a nota or close
	Nota1    Period // nota_1: the employer's time to comply, unless the nota names a day
	Nota2    Period // nota_2: likewise
	// Disputes (UU 2/2004).
	Bipartite Period // bipartit, from the first bipartite meeting (Pasal 3(2))
	Choose    Period // dicatat: parties choose conciliation or arbitration (Pasal 4(3)–(4))
	Mediation Period // mediasi: written recommendation due, from assignment (Pasal 13(2)a, 15)
	Answer    Period // anjuran: parties answer the recommendation (Pasal 13(2)b)
}

// DefaultDeadlines are bursa's defaults; an installation may set others.
//
//   - Verify 2 working days: the local SP4N-LAPOR! service standard for a
//     first answer to a complaint (domain.md).
//   - Assign 3, Schedule 5, Findings 5, Decide 10 working days: bursa's own
//     service standard, no regulation sets them; chosen so that a complaint
//     needing inspection reaches a nota well within the 60 working days of
//     the local service standard.
//   - Nota1 30 and Nota2 14: UNCERTAIN. Recalled from Permenaker 33/2016 as
//     amended ("paling lama 30 hari" for nota pemeriksaan I, "14 hari" for
//     II), which may count calendar days; bursa counts working days as the
//     issue asks. Check against the signed text and set Calendar if needed.
//     An inspector can also give the nota's own day (MoveInput.Date).
//   - Bipartite 30, Choose 7, Mediation 30, Answer 10 working days: UU
//     2/2004 Pasal 3(2), 4(4), 15 and 13(2)b.
var DefaultDeadlines = Deadlines{
	Verify:    Period{Days: 2},
	Assign:    Period{Days: 3},
	Schedule:  Period{Days: 5},
	Findings:  Period{Days: 5},
	Decide:    Period{Days: 10},
	Nota1:     Period{Days: 30},
	Nota2:     Period{Days: 14},
	Bipartite: Period{Days: 30},
	Choose:    Period{Days: 7},
	Mediation: Period{Days: 30},
	Answer:    Period{Days: 10},
}

// For returns the period that starts when a case of kind enters state, or
// false for states without one (final states).
func (d Deadlines) For(kind, state string) (Period, bool) {
	var p Period
	switch kind + "/" + state {
	case KindInspection + "/" + Diterima:
		p = d.Verify
	case KindInspection + "/" + Diverifikasi:
		p = d.Assign
	case KindInspection + "/" + Ditugaskan:
		p = d.Schedule
	case KindInspection + "/" + PemeriksaanDijadwalkan:
		p = d.Findings
	case KindInspection + "/" + Temuan:
		p = d.Decide
	case KindInspection + "/" + Nota1:
		p = d.Nota1
	case KindInspection + "/" + Nota2:
		p = d.Nota2
	case KindDispute + "/" + Bipartit:
		p = d.Bipartite
	case KindDispute + "/" + Dicatat:
		p = d.Choose
	case KindDispute + "/" + Mediasi:
		p = d.Mediation
	case KindDispute + "/" + Anjuran:
		p = d.Answer
	default:
		return Period{}, false
	}
	return p, true
}

// Due returns the deadline of state entered on civil day from.
func (d Deadlines) Due(kind, state string, from time.Time) (time.Time, bool) {
	p, ok := d.For(kind, state)
	if !ok {
		return time.Time{}, false
	}
	return p.after(from), true
}
